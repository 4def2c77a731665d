//! DTLS certificates checked with an independent X.509 parser (x509-parser, which verifies
//! the self-signature with ring).

use rtc_offer_polyfill::cert::Certificate;
use rtc_offer_polyfill::random::Random;
use rtc_offer_polyfill::ErrorKind;
use sha2::{Digest, Sha256};
use x509_parser::asn1_rs::{Any, Oid, Tag};
use x509_parser::prelude::{FromDer, X509Certificate, X509Name, X509Version};

const DAY_MS: f64 = 86_400_000.0;
/// 2026-05-14T12:34:56.789Z.
const NOW_MS: f64 = 1_778_762_096_789.0;
const ECDSA_WITH_SHA256: &str = "1.2.840.10045.4.3.2";

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

    assert_eq!(cert.expires_ms(), NOW_MS + expires);
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
        assert_eq!(cert.expires_ms(), NOW_MS + expires);
    }
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
