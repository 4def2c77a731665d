//! DTLS certificates checked with an independent X.509 parser (x509-parser, which verifies
//! the self-signature with ring), and, for RSA keys and signatures, the openssl command.

use std::path::{Path, PathBuf};
use std::process::Command;

use der::asn1::{Any as DerAny, BitString, UintRef};
use der::oid::db::rfc5912;
use der::{Decode, Encode, Sequence};
use p256::ecdsa::signature::Signer;
use p256::ecdsa::{Signature, SigningKey};
use rtc_offer_polyfill::cert::{Certificate, Fingerprint, KeyAlgorithm, UnsignedCertificate};
use rtc_offer_polyfill::random::Random;
use rtc_offer_polyfill::ErrorKind;
use sha2::{Digest, Sha256};
use spki::{AlgorithmIdentifierOwned, ObjectIdentifier, SubjectPublicKeyInfoOwned};
use x509_parser::asn1_rs::{Any, Oid, Tag};
use x509_parser::prelude::{FromDer, X509Certificate, X509Name, X509Version};

const DAY_MS: f64 = 86_400_000.0;
/// 2026-05-14T12:34:56.789Z.
const NOW_MS: f64 = 1_778_762_096_789.0;
const ECDSA_WITH_SHA256: &str = "1.2.840.10045.4.3.2";
const SHA256_WITH_RSA: &str = "1.2.840.113549.1.1.11";
const RSA_ENCRYPTION: &str = "1.2.840.113549.1.1.1";

fn generate(now_ms: f64, expires_in_ms: f64) -> Certificate {
    Certificate::generate(&mut Random::os(), now_ms, expires_in_ms).unwrap()
}

fn parse(der: &[u8]) -> X509Certificate<'_> {
    let (rest, cert) = X509Certificate::from_der(der).unwrap();
    assert!(rest.is_empty(), "{} trailing bytes", rest.len());
    cert
}

fn oid_of(any: &Any<'_>) -> String {
    Oid::try_from(any).unwrap().to_id_string()
}

/// The one attribute of `name`, which must be CN=WebRTC as a UTF8String.
fn assert_cn_webrtc(name: &X509Name<'_>) {
    let attributes: Vec<_> = name.iter_attributes().collect();
    assert_eq!(attributes.len(), 1, "{name}");
    assert_eq!(attributes[0].attr_type().to_id_string(), "2.5.4.3");
    assert_eq!(attributes[0].attr_value().tag(), Tag::Utf8String);
    assert_eq!(attributes[0].as_str().unwrap(), "WebRTC");
}

/// Seconds of `ms`, as X.509 (whole seconds) can hold it.
fn secs(ms: f64) -> i64 {
    (ms / 1000.0).floor() as i64
}

/// `RTCCertificate.expires` for a certificate expiring at `ms`: its notAfter, whole seconds.
fn not_after_ms(ms: f64) -> f64 {
    secs(ms) as f64 * 1000.0
}

#[test]
fn certificate_is_what_a_browser_makes() {
    let expires = 30.0 * DAY_MS;
    let cert = generate(NOW_MS, expires);
    let x509 = parse(cert.der());

    assert_eq!(x509.version(), X509Version::V3);
    assert_cn_webrtc(x509.subject());
    assert_cn_webrtc(x509.issuer());
    assert!(x509.extensions().is_empty());
    assert!(x509.tbs_certificate.issuer_uid.is_none());
    assert!(x509.tbs_certificate.subject_uid.is_none());

    for algorithm in [&x509.signature_algorithm, &x509.tbs_certificate.signature] {
        assert_eq!(algorithm.algorithm.to_id_string(), ECDSA_WITH_SHA256);
        assert!(algorithm.parameters.is_none(), "RFC 5758: no parameters");
    }

    let spki = x509.public_key();
    assert_eq!(spki.algorithm.algorithm.to_id_string(), "1.2.840.10045.2.1");
    let curve = spki.algorithm.parameters.as_ref().unwrap();
    assert_eq!(oid_of(curve), "1.2.840.10045.3.1.7", "prime256v1");
    match spki.parsed().unwrap() {
        x509_parser::public_key::PublicKey::EC(point) => {
            assert_eq!(point.key_size(), 256);
            assert_eq!(point.data().len(), 65);
            assert_eq!(point.data()[0], 0x04, "uncompressed point");
        }
        other => panic!("not an EC key: {other:?}"),
    }

    let validity = x509.validity();
    assert_eq!(validity.not_before.timestamp(), secs(NOW_MS - DAY_MS));
    assert_eq!(validity.not_after.timestamp(), secs(NOW_MS + expires));

    let serial = x509.raw_serial();
    assert!(!serial.is_empty() && serial.len() <= 8, "{serial:02x?}");
    assert_eq!(
        serial[0] & 0x80,
        0,
        "serial must be positive: {serial:02x?}"
    );
    assert!(serial.iter().any(|&b| b != 0), "serial must not be zero");
    assert!(x509.tbs_certificate.serial > 0u32.into());

    x509.verify_signature(None).unwrap();

    assert_eq!(cert.algorithm(), KeyAlgorithm::EcdsaP256);
    assert_eq!(cert.expires_ms(), not_after_ms(NOW_MS + expires));
    assert_eq!(cert.expires_ms() % 1000.0, 0.0);
}

#[test]
fn version_field_is_encoded_explicitly() {
    let cert = generate(NOW_MS, DAY_MS);
    let tbs = parse(cert.der()).tbs_certificate.as_ref().to_vec();
    // TBSCertificate content starts with [0] EXPLICIT { INTEGER 2 } (v3).
    assert_eq!(tbs[0], 0x30, "SEQUENCE");
    let content = header_len(&tbs);
    assert_eq!(&tbs[content..content + 5], &[0xa0, 0x03, 0x02, 0x01, 0x02]);
}

/// Length of the tag and length octets of a DER TLV with a one-byte tag.
fn header_len(tlv: &[u8]) -> usize {
    match tlv[1] {
        n if n < 0x80 => 2,
        n => 2 + usize::from(n & 0x7f),
    }
}

#[test]
fn fingerprint_is_sha256_of_the_der() {
    let cert = generate(NOW_MS, DAY_MS);
    let fingerprint = cert.fingerprint();
    assert_eq!(fingerprint.algorithm, "sha-256");
    assert_eq!(fingerprint.digest, Sha256::digest(cert.der()).to_vec());

    let sdp = fingerprint.sdp_value();
    let pairs: Vec<&str> = sdp.split(':').collect();
    assert_eq!(pairs.len(), 32, "{sdp}");
    for pair in &pairs {
        assert_eq!(pair.len(), 2, "{sdp}");
        assert!(
            pair.chars().all(|c| matches!(c, '0'..='9' | 'A'..='F')),
            "{sdp}"
        );
    }
    assert_eq!(fingerprint.w3c_value(), sdp.to_ascii_lowercase());
}

#[test]
fn two_certificates_have_different_keys_serials_and_fingerprints() {
    let (a, b) = (generate(NOW_MS, DAY_MS), generate(NOW_MS, DAY_MS));
    let (xa, xb) = (parse(a.der()), parse(b.der()));
    assert_ne!(xa.raw_serial(), xb.raw_serial());
    assert_ne!(
        xa.public_key().subject_public_key.data,
        xb.public_key().subject_public_key.data
    );
    assert_ne!(a.fingerprint(), b.fingerprint());
}

#[test]
fn seeded_generation_is_reproducible() {
    let a = Certificate::generate(&mut Random::seeded(3), NOW_MS, DAY_MS).unwrap();
    let b = Certificate::generate(&mut Random::seeded(3), NOW_MS, DAY_MS).unwrap();
    let c = Certificate::generate(&mut Random::seeded(4), NOW_MS, DAY_MS).unwrap();
    assert_eq!(a.der(), b.der());
    assert_ne!(a.der(), c.der());
}

#[test]
fn one_year_and_zero_expiry_work() {
    for expires in [365.0 * DAY_MS, 0.0] {
        let cert = generate(NOW_MS, expires);
        let x509 = parse(cert.der());
        x509.verify_signature(None).unwrap();
        assert_eq!(
            x509.validity().not_before.timestamp(),
            secs(NOW_MS - DAY_MS)
        );
        assert_eq!(
            x509.validity().not_after.timestamp(),
            secs(NOW_MS + expires)
        );
        assert_eq!(cert.expires_ms(), not_after_ms(NOW_MS + expires));
    }
    // Expiring "now": the notAfter (and so `expires`) is already past.
    assert!(generate(NOW_MS, 0.0).expires_ms() < NOW_MS);
}

#[test]
fn validity_switches_to_generalized_time_from_2050() {
    // 2049-12-01T00:00:00Z plus 60 days: notBefore in 2049, notAfter in 2050.
    let now = 2_522_016_000_000.0;
    let cert = generate(now, 60.0 * DAY_MS);
    let x509 = parse(cert.der());
    x509.verify_signature(None).unwrap();
    assert_eq!(
        x509.validity().not_after.timestamp(),
        secs(now + 60.0 * DAY_MS)
    );

    let decoded = <x509_cert::Certificate as der::Decode>::from_der(cert.der()).unwrap();
    let validity = decoded.tbs_certificate().validity();
    assert!(matches!(
        validity.not_before,
        x509_cert::time::Time::UtcTime(_)
    ));
    assert!(matches!(
        validity.not_after,
        x509_cert::time::Time::GeneralTime(_)
    ));

    let today =
        <x509_cert::Certificate as der::Decode>::from_der(generate(NOW_MS, DAY_MS).der()).unwrap();
    let validity = today.tbs_certificate().validity();
    assert!(matches!(
        validity.not_before,
        x509_cert::time::Time::UtcTime(_)
    ));
    assert!(matches!(
        validity.not_after,
        x509_cert::time::Time::UtcTime(_)
    ));
}

#[test]
fn expiry_past_year_9999_is_clamped() {
    let cert = generate(NOW_MS, 9_007_199_254_740_991.0);
    let x509 = parse(cert.der());
    // 9999-12-31T23:59:59Z
    assert_eq!(x509.validity().not_after.timestamp(), 253_402_300_799);
    x509.verify_signature(None).unwrap();
    assert_eq!(cert.expires_ms(), 253_402_300_799_000.0);
}

#[test]
fn bad_times_are_errors_not_panics() {
    let mut rng = Random::os();
    for expires in [f64::NAN, -1.0, f64::INFINITY, f64::NEG_INFINITY, 1e16] {
        let err = Certificate::generate(&mut rng, NOW_MS, expires).unwrap_err();
        assert_eq!(err.kind, ErrorKind::Type, "expires {expires}: {err}");
    }
    for now in [f64::NAN, -1.0, f64::INFINITY, 1e15] {
        let err = Certificate::generate(&mut rng, now, DAY_MS).unwrap_err();
        assert_eq!(err.kind, ErrorKind::Operation, "now {now}: {err}");
    }
    // Within a day of the epoch notBefore is clamped to 1970-01-01.
    let cert = generate(1000.0, DAY_MS);
    assert_eq!(parse(cert.der()).validity().not_before.timestamp(), 0);
}

#[test]
fn tampering_breaks_the_signature() {
    let cert = generate(NOW_MS, DAY_MS);
    let mut der = cert.der().to_vec();
    let at = der.windows(6).position(|w| w == b"WebRTC").unwrap();
    der[at + 5] = b'D';
    let x509 = parse(&der);
    // The first occurrence is the issuer.
    assert_eq!(x509.issuer().to_string(), "CN=WebRTD");
    assert!(x509.verify_signature(None).is_err());
}

// ---------------------------------------------------------------------------------------------
// UnsignedCertificate: a key held elsewhere (WebCrypto's in the browser; p256 or openssl here).

/// The DER SubjectPublicKeyInfo of `key`, as WebCrypto's `exportKey('spki')` writes it.
fn p256_spki(key: &SigningKey) -> Vec<u8> {
    spki_der(
        rfc5912::ID_EC_PUBLIC_KEY,
        Some(DerAny::from(rfc5912::SECP_256_R_1)),
        key.verifying_key().to_sec1_point(false).as_bytes(),
    )
}

fn spki_der(oid: ObjectIdentifier, parameters: Option<DerAny>, key: &[u8]) -> Vec<u8> {
    SubjectPublicKeyInfoOwned {
        algorithm: AlgorithmIdentifierOwned { oid, parameters },
        subject_public_key: BitString::from_bytes(key).unwrap(),
    }
    .to_der()
    .unwrap()
}

fn p256_key() -> SigningKey {
    let mut bytes = [0u8; 32];
    Random::os().fill(&mut bytes).unwrap();
    SigningKey::from_slice(&bytes).unwrap()
}

fn unsigned_for(algorithm: KeyAlgorithm, spki: &[u8]) -> UnsignedCertificate {
    UnsignedCertificate::new(&mut Random::os(), algorithm, spki, NOW_MS, 30.0 * DAY_MS).unwrap()
}

#[test]
fn p256_key_held_elsewhere_certifies_and_verifies() {
    let key = p256_key();
    let spki = p256_spki(&key);
    let unsigned = unsigned_for(KeyAlgorithm::EcdsaP256, &spki);
    assert_eq!(unsigned.algorithm(), KeyAlgorithm::EcdsaP256);
    let signature: Signature = key.sign(unsigned.tbs_der());
    let tbs = unsigned.tbs_der().to_vec();
    let cert = unsigned.sign(&signature.to_bytes()).unwrap();
    assert_eq!(cert.algorithm(), KeyAlgorithm::EcdsaP256);

    let x509 = parse(cert.der());
    assert_eq!(
        x509.tbs_certificate.as_ref(),
        &tbs[..],
        "the signed bytes are the TBS"
    );
    assert_eq!(x509.version(), X509Version::V3);
    assert_cn_webrtc(x509.subject());
    assert_cn_webrtc(x509.issuer());
    assert!(x509.extensions().is_empty());
    for algorithm in [&x509.signature_algorithm, &x509.tbs_certificate.signature] {
        assert_eq!(algorithm.algorithm.to_id_string(), ECDSA_WITH_SHA256);
        assert!(algorithm.parameters.is_none(), "RFC 5758: no parameters");
    }
    assert_eq!(
        x509.public_key().raw,
        &spki[..],
        "the key is the one given, unchanged"
    );
    assert_eq!(
        x509.validity().not_before.timestamp(),
        secs(NOW_MS - DAY_MS)
    );
    assert_eq!(
        x509.validity().not_after.timestamp(),
        secs(NOW_MS + 30.0 * DAY_MS)
    );
    assert_eq!(cert.expires_ms(), not_after_ms(NOW_MS + 30.0 * DAY_MS));
    x509.verify_signature(None).unwrap();
    assert_eq!(
        cert.fingerprint().digest,
        Sha256::digest(cert.der()).to_vec()
    );
}

#[test]
fn a_signature_by_another_key_does_not_verify() {
    let unsigned = unsigned_for(KeyAlgorithm::EcdsaP256, &p256_spki(&p256_key()));
    let signature: Signature = p256_key().sign(unsigned.tbs_der());
    let cert = unsigned.sign(&signature.to_bytes()).unwrap();
    assert!(parse(cert.der()).verify_signature(None).is_err());
}

/// RFC 3279 Ecdsa-Sig-Value, read back from a certificate.
#[derive(Sequence)]
struct EcdsaSigValue<'a> {
    r: UintRef<'a>,
    s: UintRef<'a>,
}

#[test]
fn ecdsa_r_and_s_become_minimal_positive_der_integers() {
    let unsigned = unsigned_for(KeyAlgorithm::EcdsaP256, &p256_spki(&p256_key()));
    // r with its high bit set needs a 0x00 in front; s with leading zeros loses them.
    let mut raw = [0u8; 64];
    raw[0] = 0x80;
    raw[31] = 1;
    raw[34] = 0x7f;
    raw[63] = 2;
    let cert = unsigned.sign(&raw).unwrap();
    let x509 = parse(cert.der());
    let value = x509.signature_value.as_ref();
    let sig = EcdsaSigValue::from_der(value).unwrap();
    assert_eq!(sig.r.as_bytes(), &raw[..32]);
    assert_eq!(sig.s.as_bytes(), &raw[34..]);
    // SEQUENCE { INTEGER (33 bytes: 00 80 …), INTEGER (30 bytes: 7f …) }
    assert_eq!(&value[..5], &[0x30, 2 + 33 + 2 + 30, 0x02, 33, 0x00]);
    assert_eq!(&value[2 + 2 + 33..2 + 2 + 33 + 3], &[0x02, 30, 0x7f]);
}

#[test]
fn bad_arguments_are_errors_not_panics() {
    let spki = p256_spki(&p256_key());
    let mut rng = Random::os();
    let new = |spki: &[u8], now: f64, expires: f64| {
        UnsignedCertificate::new(
            &mut Random::os(),
            KeyAlgorithm::EcdsaP256,
            spki,
            now,
            expires,
        )
    };
    assert_eq!(new(&[], NOW_MS, DAY_MS).unwrap_err().kind, ErrorKind::Type);
    for expires in [f64::NAN, -1.0, f64::INFINITY, 1e16] {
        let err = new(&spki, NOW_MS, expires).unwrap_err();
        assert_eq!(err.kind, ErrorKind::Type, "expires {expires}: {err}");
    }
    assert_eq!(
        new(&spki, f64::NAN, DAY_MS).unwrap_err().kind,
        ErrorKind::Operation
    );

    for length in [0, 1, 32, 63, 65, 72] {
        let unsigned =
            UnsignedCertificate::new(&mut rng, KeyAlgorithm::EcdsaP256, &spki, NOW_MS, DAY_MS)
                .unwrap();
        let err = unsigned.sign(&vec![1; length]).unwrap_err();
        assert_eq!(err.kind, ErrorKind::Type, "{length} bytes: {err}");
    }
}

/// A scratch directory for openssl's files, removed on drop.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!(
            "rtc-offer-polyfill-cert-{name}-{}",
            std::process::id()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    fn path(&self, file: &str) -> PathBuf {
        self.0.join(file)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Runs openssl with `args`; its stdout.
fn openssl(args: &[&dyn AsRef<std::ffi::OsStr>]) -> Vec<u8> {
    let output = Command::new("openssl")
        .args(args.iter().map(|a| a.as_ref()))
        .output()
        .expect("the openssl command (these tests use it for RSA keys and signatures)");
    assert!(
        output.status.success(),
        "openssl {:?}: {}",
        args.iter().map(|a| a.as_ref()).collect::<Vec<_>>(),
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

#[test]
fn rsa_key_held_elsewhere_certifies_and_openssl_agrees() {
    let dir = Scratch::new("rsa");
    let (key, spki, tbs, sig, der) = (
        dir.path("key.pem"),
        dir.path("spki.der"),
        dir.path("tbs.der"),
        dir.path("sig.bin"),
        dir.path("cert.der"),
    );
    openssl(&[
        &"genpkey",
        &"-algorithm",
        &"RSA",
        &"-pkeyopt",
        &"rsa_keygen_bits:2048",
        &"-out",
        &key,
    ]);
    openssl(&[
        &"pkey",
        &"-in",
        &key,
        &"-pubout",
        &"-outform",
        &"DER",
        &"-out",
        &spki,
    ]);

    let unsigned = unsigned_for(KeyAlgorithm::RsaPkcs1, &read(&spki));
    assert_eq!(unsigned.algorithm(), KeyAlgorithm::RsaPkcs1);
    std::fs::write(&tbs, unsigned.tbs_der()).unwrap();
    openssl(&[&"dgst", &"-sha256", &"-sign", &key, &"-out", &sig, &tbs]);
    let signature = read(&sig);
    assert_eq!(signature.len(), 256);
    let cert = unsigned.sign(&signature).unwrap();
    assert_eq!(cert.algorithm(), KeyAlgorithm::RsaPkcs1);

    let x509 = parse(cert.der());
    for algorithm in [&x509.signature_algorithm, &x509.tbs_certificate.signature] {
        assert_eq!(algorithm.algorithm.to_id_string(), SHA256_WITH_RSA);
        let parameters = algorithm.parameters.as_ref().unwrap();
        assert_eq!(parameters.tag(), Tag::Null, "RFC 4055: NULL parameters");
    }
    assert_eq!(
        x509.public_key().algorithm.algorithm.to_id_string(),
        RSA_ENCRYPTION
    );
    assert_eq!(x509.public_key().raw, &read(&spki)[..]);
    assert_eq!(x509.signature_value.as_ref(), &signature[..]);
    assert_cn_webrtc(x509.subject());
    x509.verify_signature(None).unwrap();

    std::fs::write(&der, cert.der()).unwrap();
    let text = String::from_utf8(openssl(&[
        &"x509", &"-inform", &"DER", &"-in", &der, &"-noout", &"-text",
    ]))
    .unwrap();
    assert!(
        text.contains("Signature Algorithm: sha256WithRSAEncryption"),
        "{text}"
    );
    assert!(text.contains("Public-Key: (2048 bit)"), "{text}");
    // openssl 3 writes "CN = WebRTC", older ones "CN=WebRTC".
    for field in ["Issuer:CN=WebRTC", "Subject:CN=WebRTC"] {
        assert!(
            text.lines().any(|line| line.replace(' ', "") == field),
            "{field}: {text}"
        );
    }
    // The signature over the TBS checks out with the key in the certificate itself.
    let pem = dir.path("cert.pem");
    openssl(&[&"x509", &"-inform", &"DER", &"-in", &der, &"-out", &pem]);
    openssl(&[
        &"verify",
        &"-check_ss_sig",
        &"-CAfile",
        &pem,
        &"-no_check_time",
        &pem,
    ]);

    let err = unsigned_for(KeyAlgorithm::RsaPkcs1, &read(&spki))
        .sign(&[])
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::Type);
}

#[test]
fn fingerprint_values_parse_in_either_case_and_nothing_else() {
    let digest = vec![0x0a, 0xbc, 0xff];
    assert_eq!(Fingerprint::parse_value("0A:BC:FF"), Some(digest.clone()));
    assert_eq!(Fingerprint::parse_value("0a:bc:ff"), Some(digest.clone()));
    let fingerprint = Fingerprint {
        algorithm: "sha-256".into(),
        digest,
    };
    assert_eq!(
        Fingerprint::parse_value(&fingerprint.sdp_value()),
        Some(fingerprint.digest.clone())
    );
    for bad in [
        "",
        "+A:+B",
        "0A:BC:F",
        "0A::FF",
        "0A:BC:FF:",
        " 0A:BC",
        "0G:00",
        "-1:00",
        "0A BC",
    ] {
        assert_eq!(Fingerprint::parse_value(bad), None, "{bad:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// The DER layout: the bytes the crate wrote when x509-cert's structures encoded them.

/// Hex DER of certificates from seeded generators, as x509-cert's derived encoders wrote them
/// (before the crate wrote its fixed structure directly): each with the seed, the clock and the
/// expiry that made it.
const GOLDEN: [(u64, f64, f64, &str); 3] = [
    // notBefore and notAfter UTCTime.
    (
        9,
        1.7e12,
        DAY_MS,
        "308201163081bca00302010202082187582f78b33643300a06082a8648ce3d0403023011310f300d06035504\
     030c06576562525443301e170d3233313131333232313332305a170d3233313131353232313332305a301131\
     0f300d06035504030c065765625254433059301306072a8648ce3d020106082a8648ce3d0301070342000462\
     8e976f9db91f77c4e19744fe54ac1defa25109766636cb84ea77cd2444716802bb23c02e766a19b1b6229dae\
     3db43eb50c723d938f05f340491c4718c7f677300a06082a8648ce3d04030203490030460221008003679cc2\
     704c84e6a1a49567026e6349005b45f0232a63e7f9caff6e25868a022100d9fe884f755eb5285a4e5fbc0070\
     5ba2fd7df24e6eba3be344b7cb105bb1d420",
    ),
    // Both GeneralizedTime (2052).
    (
        5,
        2.6e12,
        DAY_MS,
        "308201183081c0a0030201020208455d01aa8f271e30300a06082a8648ce3d0403023011310f300d06035504\
     030c065765625254433022180f32303532303532313134313332305a180f3230353230353233313431333230\
     5a3011310f300d06035504030c065765625254433059301306072a8648ce3d020106082a8648ce3d03010703\
     420004fbf5add2370eb10aa0f6fa112d7f9234bce80d98921e78cc6d10a2b83bfa286b14ead035d55b9ff3de\
     96ed933f97d672764bd2ed55d6e24968313058f417a6c7300a06082a8648ce3d040302034700304402201b40\
     7f81000b5eee14b332f2c0505d6e54bf7e26068b94338edbfa4751d3da290220171167e167dae6ec0b821d24\
     0df4b21ded2acce2b9a706cfb58d9a0497dee11b",
    ),
    // notAfter clamped to 9999-12-31T23:59:59Z, GeneralizedTime.
    (
        7,
        1.7e12,
        9e15,
        "308201163081bea00302010202085a211e6a663bd373300a06082a8648ce3d0403023011310f300d06035504\
     030c065765625254433020170d3233313131333232313332305a180f39393939313233313233353935395a30\
     11310f300d06035504030c065765625254433059301306072a8648ce3d020106082a8648ce3d030107034200\
     04906cb294a9f3e379c25e397afbd43b4e262540238c67461d793d9c1d78c6da41d89781b8127913fa6b0981\
     41f3af4a915702c22c03c61bb894bd8217aad100ec300a06082a8648ce3d04030203470030440220627ff3eb\
     140edfc934d85d6fa0f8bda7b7d8bbea5f1f6db5a5d497933d2092e902206befafd5773881ab02f0479e5a79\
     2d3e5df66ecee8c59cb70ddfeb11761cd0b5",
    ),
];

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn der_layout_is_unchanged_byte_for_byte() {
    for (seed, now_ms, expires_in_ms, golden) in GOLDEN {
        let cert = Certificate::generate(&mut Random::seeded(seed), now_ms, expires_in_ms).unwrap();
        assert_eq!(hex(cert.der()), golden, "seed {seed}");
    }
    // A key held elsewhere: its SubjectPublicKeyInfo goes in as given, the signature as given.
    let spki = [0x30, 3, 1, 2, 3];
    let rsa = UnsignedCertificate::new(
        &mut Random::seeded(11),
        KeyAlgorithm::RsaPkcs1,
        &spki,
        1.7e12,
        1000.0,
    )
    .unwrap()
    .sign(&[0xff; 5])
    .unwrap();
    assert_eq!(
        hex(rsa.der()),
        "3081823069a00302010202081d3080237d64f550300d06092a864886f70d01010b05003011310f300d060355\
     04030c06576562525443301e170d3233313131333232313332305a170d3233313131343232313332315a3011\
     310f300d06035504030c065765625254433003010203300d06092a864886f70d01010b0500030600ffffffff\
     ff"
    );
    let mut signature = [0u8; 64];
    signature[0] = 0x80;
    signature[33] = 0x01;
    let ecdsa = UnsignedCertificate::new(
        &mut Random::seeded(12),
        KeyAlgorithm::EcdsaP256,
        &spki,
        1.7e12,
        0.0,
    )
    .unwrap()
    .sign(&signature)
    .unwrap();
    assert_eq!(
        hex(ecdsa.der()),
        "3081bd3066a0030201020208038fde99fcf93f94300a06082a8648ce3d0403023011310f300d06035504030c\
     06576562525443301e170d3233313131333232313332305a170d3233313131343232313332305a3011310f30\
     0d06035504030c065765625254433003010203300a06082a8648ce3d04030203470030440221008000000000\
     000000000000000000000000000000000000000000000000000000021f010000000000000000000000000000\
     00000000000000000000000000000000"
    );
}

#[test]
fn x509_cert_decodes_and_reencodes_the_same_bytes() {
    for der in [
        generate(NOW_MS, DAY_MS).der(),
        generate(2.6e12, DAY_MS).der(),
        generate(NOW_MS, 9e15).der(),
    ] {
        let decoded = x509_cert::Certificate::from_der(der).unwrap();
        assert_eq!(decoded.to_der().unwrap(), der);
    }
}
