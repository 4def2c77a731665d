//! DTLS certificates: self-signed X.509 v3 certificates as browsers make them, ECDSA P-256 or
//! RSA with SHA-256, and their fingerprints.
//!
//! [`Certificate::generate`] makes an ECDSA P-256 key here and signs with it. An
//! [`UnsignedCertificate`] certifies a key held elsewhere (WebCrypto's, in the browser: faster
//! than signing in wasm, and the only RSA here) and wraps the signature that key makes. Either
//! way no private key is kept.

use core::fmt;
use core::time::Duration;

use der::asn1::{Any, AnyRef, BitString, SetOfVec, UintRef, Utf8StringRef};
use der::oid::db::{rfc4519, rfc5912};
use der::{DateTime, Decode, Encode, Length, Reader, Sequence, Writer};
#[cfg(feature = "ecdsa")]
use p256::ecdsa::{signature::Signer, Signature, SigningKey};
use sha2::{Digest, Sha256};
use x509_cert::attr::AttributeTypeAndValue;
use x509_cert::name::{RdnSequence, RelativeDistinguishedName};
use x509_cert::serial_number::SerialNumber;
use x509_cert::time::{Time, Validity};
#[cfg(feature = "ecdsa")]
use x509_cert::SubjectPublicKeyInfo;
use x509_cert::{AlgorithmIdentifier, Version};

use crate::error::{Error, ErrorKind};
use crate::random::Random;

/// A certificate fingerprint (RFC 8122): a hash function name and the digest of the DER.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    /// Lowercase hash function name from the IANA registry, e.g. `sha-256`.
    pub algorithm: String,
    /// The digest bytes.
    pub digest: Vec<u8>,
}

impl Fingerprint {
    /// The digest as SDP writes it: uppercase hex bytes joined by `:`.
    pub fn sdp_value(&self) -> String {
        hex_colon(&self.digest, true)
    }

    /// The digest as `RTCCertificate.getFingerprints()` reports it: lowercase hex bytes joined by `:`.
    pub fn w3c_value(&self) -> String {
        hex_colon(&self.digest, false)
    }

    /// The digest of a fingerprint value written `AB:CD:…` (either case, as the SDP and the W3C
    /// forms write it); `None` for anything else (no sign, no blank, two digits a byte).
    pub fn parse_value(value: &str) -> Option<Vec<u8>> {
        value
            .split(':')
            .map(|pair| match pair.as_bytes() {
                [hi, lo] if hi.is_ascii_hexdigit() && lo.is_ascii_hexdigit() => {
                    u8::from_str_radix(pair, 16).ok()
                }
                _ => None,
            })
            .collect()
    }
}

fn hex_colon(bytes: &[u8], upper: bool) -> String {
    let digits: &[u8; 16] = if upper {
        b"0123456789ABCDEF"
    } else {
        b"0123456789abcdef"
    };
    let mut out = String::with_capacity(bytes.len() * 3);
    for (i, b) in bytes.iter().enumerate() {
        if i > 0 {
            out.push(':');
        }
        out.push(char::from(digits[usize::from(b >> 4)]));
        out.push(char::from(digits[usize::from(b & 15)]));
    }
    out
}

/// The key (and so signature) algorithms of the certificates made here: the two that
/// webrtc-pc requires `generateCertificate` to support, both signing with SHA-256.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyAlgorithm {
    /// ECDSA on P-256 (secp256r1), signatures ecdsa-with-SHA256.
    EcdsaP256,
    /// RSA, signatures RSASSA-PKCS1-v1_5 with SHA-256 (sha256WithRSAEncryption).
    RsaPkcs1,
}

impl KeyAlgorithm {
    /// The `signature` and `signatureAlgorithm` fields of certificates this key signs.
    fn signature_algorithm(self) -> AlgorithmIdentifier {
        match self {
            // RFC 5758 §3.2: the parameters field MUST be absent.
            KeyAlgorithm::EcdsaP256 => AlgorithmIdentifier {
                oid: rfc5912::ECDSA_WITH_SHA_256,
                parameters: None,
            },
            // RFC 4055 §5: the parameters MUST be NULL.
            KeyAlgorithm::RsaPkcs1 => AlgorithmIdentifier {
                oid: rfc5912::SHA_256_WITH_RSA_ENCRYPTION,
                parameters: Some(Any::null()),
            },
        }
    }
}

/// A self-signed certificate as a browser's `generateCertificate` makes it.
///
/// It holds no private key: the key signs the certificate once and is dropped, as nothing
/// in this crate runs a DTLS handshake and an offer only needs the fingerprint.
#[derive(Clone)]
pub struct Certificate {
    der: Vec<u8>,
    algorithm: KeyAlgorithm,
    expires_ms: f64,
    fingerprint: Fingerprint,
}

impl Certificate {
    /// A new ECDSA P-256 key pair and a certificate valid from `now_ms` − 1 day (as Chromium
    /// does, to tolerate clock skew) until `now_ms + expires_in_ms`, both in ms since the Unix
    /// epoch. The key signs the certificate here and is dropped (it zeroizes itself).
    ///
    /// `expires_in_ms` must be what WebIDL's `[EnforceRange] unsigned long long` admits
    /// (else [`ErrorKind::Type`]); a clock outside 1970–9999 gives [`ErrorKind::Operation`].
    /// A `notAfter` past 9999-12-31T23:59:59Z is clamped to it (RFC 5280: "no well-defined
    /// expiration date").
    #[cfg(feature = "ecdsa")]
    pub fn generate(rng: &mut Random, now_ms: f64, expires_in_ms: f64) -> Result<Self, Error> {
        let validity = validity(now_ms, expires_in_ms)?;
        let key: SigningKey = draw(rng, "P-256 private key", |bytes: [u8; 32]| {
            SigningKey::from_slice(&bytes).ok()
        })?;
        let spki = SubjectPublicKeyInfo {
            algorithm: AlgorithmIdentifier {
                oid: rfc5912::ID_EC_PUBLIC_KEY,
                parameters: Some(Any::from(rfc5912::SECP_256_R_1)),
            },
            subject_public_key: BitString::from_bytes(
                key.verifying_key().to_sec1_point(false).as_bytes(),
            )
            .map_err(encoding_error)?,
        }
        .to_der()
        .map_err(encoding_error)?;
        let unsigned = UnsignedCertificate::with_key(rng, KeyAlgorithm::EcdsaP256, spki, validity)?;
        let signature: Signature = key
            .try_sign(unsigned.tbs_der())
            .map_err(|_| Error::new(ErrorKind::Operation, "ECDSA signing failed"))?;
        unsigned.sign(&signature.to_bytes())
    }

    /// The certificate in DER.
    pub fn der(&self) -> &[u8] {
        &self.der
    }

    /// The algorithm of the key that signed it.
    pub fn algorithm(&self) -> KeyAlgorithm {
        self.algorithm
    }

    /// When the certificate expires: its `notAfter`, in ms since the Unix epoch
    /// (`RTCCertificate.expires`). Whole seconds, as X.509 and Chromium have it.
    pub fn expires_ms(&self) -> f64 {
        self.expires_ms
    }

    /// The SHA-256 fingerprint of the DER.
    pub fn fingerprint(&self) -> &Fingerprint {
        &self.fingerprint
    }
}

impl fmt::Debug for Certificate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Certificate")
            .field("algorithm", &self.algorithm)
            .field("fingerprint", &self.fingerprint.sdp_value())
            .field("expires_ms", &self.expires_ms)
            .field("der_len", &self.der.len())
            .finish()
    }
}

/// A certificate for a key held elsewhere (WebCrypto's, in a browser), waiting for that
/// key's signature over [`UnsignedCertificate::tbs_der`]:
///
/// ```
/// use der::asn1::{Any, BitString};
/// use der::oid::db::rfc5912::{ID_EC_PUBLIC_KEY, SECP_256_R_1};
/// use der::Encode;
/// use p256::ecdsa::{signature::Signer, Signature, SigningKey};
/// use rtc_offer_polyfill::cert::{KeyAlgorithm, UnsignedCertificate};
/// use rtc_offer_polyfill::random::Random;
/// use spki::{AlgorithmIdentifierOwned, SubjectPublicKeyInfoOwned};
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
///
/// // A key that lives elsewhere, and its public half as WebCrypto's exportKey('spki') gives it.
/// let key = SigningKey::from_slice(&[7; 32])?;
/// let point = key.verifying_key().to_sec1_point(false);
/// let spki = SubjectPublicKeyInfoOwned {
///     algorithm: AlgorithmIdentifierOwned {
///         oid: ID_EC_PUBLIC_KEY,
///         parameters: Some(Any::from(SECP_256_R_1)),
///     },
///     subject_public_key: BitString::from_bytes(point.as_bytes())?,
/// }
/// .to_der()?;
///
/// let unsigned = UnsignedCertificate::new(
///     &mut Random::os(),
///     KeyAlgorithm::EcdsaP256,
///     &spki,
///     1.7e12,
///     86_400_000.0,
/// )?;
/// let signature: Signature = key.sign(unsigned.tbs_der());
/// let certificate = unsigned.sign(&signature.to_bytes())?;
/// assert_eq!(certificate.fingerprint().algorithm, "sha-256");
/// # Ok(())
/// # }
/// ```
#[derive(Debug)]
pub struct UnsignedCertificate {
    tbs_der: Vec<u8>,
    algorithm: KeyAlgorithm,
    expires_ms: f64,
}

impl UnsignedCertificate {
    /// The to-be-signed part of a certificate for the public key `spki`: the DER
    /// SubjectPublicKeyInfo of an `algorithm` key, as WebCrypto's `exportKey('spki')` gives
    /// it. The key goes into the certificate as is, not parsed (decoding DER would cost the
    /// wasm build kilobytes for nothing), so anything but a SEQUENCE's DER makes a certificate
    /// no one can read; an empty `spki` is [`ErrorKind::Type`]. Serial number, names and
    /// validity as [`Certificate::generate`] makes them.
    pub fn new(
        rng: &mut Random,
        algorithm: KeyAlgorithm,
        spki: &[u8],
        now_ms: f64,
        expires_in_ms: f64,
    ) -> Result<Self, Error> {
        let validity = validity(now_ms, expires_in_ms)?;
        if spki.is_empty() {
            return Err(Error::new(ErrorKind::Type, "the public key is empty"));
        }
        Self::with_key(rng, algorithm, spki.to_vec(), validity)
    }

    fn with_key(
        rng: &mut Random,
        algorithm: KeyAlgorithm,
        spki: Vec<u8>,
        (validity, expires_ms): (Validity, f64),
    ) -> Result<Self, Error> {
        // RFC 5280 §4.1.2.2: a positive, non-zero serial (63 random bits).
        let serial: [u8; 8] = draw(rng, "serial number", |mut bytes: [u8; 8]| {
            bytes[0] &= 0x7f;
            (bytes != [0; 8]).then_some(bytes)
        })?;
        let name = webrtc_name()?;
        let tbs = TbsCertificate {
            version: Version::V3,
            serial_number: SerialNumber::new(&serial).map_err(encoding_error)?,
            signature: algorithm.signature_algorithm(),
            issuer: name.clone(),
            validity,
            subject: name,
            subject_public_key_info: EncodedDer(spki),
        };
        let tbs_der = tbs.to_der().map_err(encoding_error)?;
        Ok(UnsignedCertificate {
            tbs_der,
            algorithm,
            expires_ms,
        })
    }

    /// The algorithm of the key, which must sign with SHA-256.
    pub fn algorithm(&self) -> KeyAlgorithm {
        self.algorithm
    }

    /// The DER TBSCertificate the key signs.
    pub fn tbs_der(&self) -> &[u8] {
        &self.tbs_der
    }

    /// The certificate, given the key's signature over [`Self::tbs_der`] in WebCrypto's
    /// form: for ECDSA the 64 bytes r ‖ s (IEEE P1363), for RSA the signature as is. The
    /// signature is not verified here; one of the wrong length is [`ErrorKind::Type`].
    pub fn sign(self, signature: &[u8]) -> Result<Certificate, Error> {
        let signature = match self.algorithm {
            KeyAlgorithm::EcdsaP256 => ecdsa_sig_value(signature)?,
            KeyAlgorithm::RsaPkcs1 if signature.is_empty() => {
                return Err(Error::new(ErrorKind::Type, "the RSA signature is empty"));
            }
            KeyAlgorithm::RsaPkcs1 => signature.to_vec(),
        };
        let certificate = X509Certificate {
            tbs_certificate: EncodedDer(self.tbs_der),
            signature_algorithm: self.algorithm.signature_algorithm(),
            signature: BitString::from_bytes(&signature).map_err(encoding_error)?,
        };
        let der = certificate.to_der().map_err(encoding_error)?;
        let fingerprint = Fingerprint {
            algorithm: "sha-256".to_owned(),
            digest: Sha256::digest(&der).to_vec(),
        };
        Ok(Certificate {
            der,
            algorithm: self.algorithm,
            expires_ms: self.expires_ms,
            fingerprint,
        })
    }
}

/// WebCrypto's r ‖ s as the DER Ecdsa-Sig-Value X.509 holds (RFC 3279 §2.2.3).
fn ecdsa_sig_value(signature: &[u8]) -> Result<Vec<u8>, Error> {
    let (r, s) = match signature.split_at_checked(32) {
        Some((r, s)) if s.len() == 32 => (r, s),
        _ => {
            return Err(Error::new(
                ErrorKind::Type,
                "a P-256 signature is 64 bytes, r then s",
            ))
        }
    };
    // Encoded here rather than by `DerSignature`, which re-parses its own output.
    EcdsaSigValue {
        r: UintRef::new(r).map_err(encoding_error)?,
        s: UintRef::new(s).map_err(encoding_error)?,
    }
    .to_der()
    .map_err(encoding_error)
}

/// The validity of a certificate made at `now_ms` for `expires_in_ms` (see
/// [`Certificate::generate`]), and its `notAfter` in ms.
fn validity(now_ms: f64, expires_in_ms: f64) -> Result<(Validity, f64), Error> {
    if !(0.0..=MAX_EXPIRES_MS).contains(&expires_in_ms) {
        return Err(Error::new(
            ErrorKind::Type,
            // No number in the message: formatting an f64 costs ~14 KB of wasm.
            "the certificate expiry is not a non-negative safe integer of milliseconds",
        ));
    }
    if !(0.0..=max_time_ms()).contains(&now_ms) {
        return Err(Error::new(
            ErrorKind::Operation,
            "the clock is outside the years 1970 to 9999",
        ));
    }
    let not_after = x509_time(now_ms + expires_in_ms)?;
    let expires_ms = not_after.to_unix_duration().as_secs_f64() * 1000.0;
    Ok((
        Validity::new(x509_time(now_ms - DAY_MS)?, not_after),
        expires_ms,
    ))
}

const DAY_MS: f64 = 86_400_000.0;

/// `Number.MAX_SAFE_INTEGER`, the largest value `[EnforceRange] unsigned long long` admits.
const MAX_EXPIRES_MS: f64 = 9_007_199_254_740_991.0;

/// A working CSPRNG almost never needs a second draw (a random 32-byte string is a valid
/// P-256 scalar except with probability ~2⁻³²); one that keeps failing is broken.
const MAX_DRAWS: usize = 8;

/// RFC 5280 `TBSCertificate` without unique ids or extensions, as browsers make it.
/// x509-cert's own type can only be built by its builder, which writes v1 when there are
/// no extensions; `RdnSequence` encodes exactly as `Name` (its only CHOICE alternative).
#[derive(Sequence)]
struct TbsCertificate {
    /// Always written: v3 is not the DEFAULT.
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT")]
    version: Version,
    serial_number: SerialNumber,
    signature: AlgorithmIdentifier,
    issuer: RdnSequence,
    validity: Validity,
    subject: RdnSequence,
    subject_public_key_info: EncodedDer,
}

/// DER encoded before (a SubjectPublicKeyInfo, a TBSCertificate), written out as is.
#[derive(Debug)]
struct EncodedDer(Vec<u8>);

impl Encode for EncodedDer {
    fn encoded_len(&self) -> der::Result<Length> {
        Length::try_from(self.0.len())
    }

    fn encode(&self, writer: &mut impl Writer) -> der::Result<()> {
        writer.write(&self.0)
    }
}

// `derive(Sequence)` makes the structures holding it decodable, which needs this; nothing
// decodes them.
impl<'a> Decode<'a> for EncodedDer {
    type Error = der::Error;

    fn decode<R: Reader<'a>>(reader: &mut R) -> der::Result<Self> {
        AnyRef::decode(reader)?.to_der().map(EncodedDer)
    }
}

/// RFC 5280 `Certificate`, around the DER of the signed `TBSCertificate`.
#[derive(Sequence)]
struct X509Certificate {
    tbs_certificate: EncodedDer,
    signature_algorithm: AlgorithmIdentifier,
    signature: BitString,
}

/// RFC 3279 Ecdsa-Sig-Value.
#[derive(Sequence)]
struct EcdsaSigValue<'a> {
    r: UintRef<'a>,
    s: UintRef<'a>,
}

/// `CN=WebRTC` as a UTF8String, the name Chromium gives its certificates.
fn webrtc_name() -> Result<RdnSequence, Error> {
    let common_name = AttributeTypeAndValue {
        oid: rfc4519::CN,
        value: Any::from(Utf8StringRef::new("WebRTC").map_err(encoding_error)?),
    };
    // A one-element SET OF is trivially in DER order; `try_from(Vec)` would sort it anyway,
    // with a generic quicksort that costs ~2.5 KB of wasm.
    let mut rdn = SetOfVec::new();
    rdn.insert_ordered(common_name).map_err(encoding_error)?;
    Ok(RdnSequence::from(vec![RelativeDistinguishedName::from(
        rdn,
    )]))
}

/// The last second X.509 can express (9999-12-31T23:59:59Z), in ms.
fn max_time_ms() -> f64 {
    DateTime::INFINITY.unix_duration().as_secs_f64() * 1000.0
}

/// `ms` (finite) as an X.509 time, to the second: UTCTime through 2049, GeneralizedTime
/// from 2050 (RFC 5280 §4.1.2.5), clamped to 1970–9999.
fn x509_time(ms: f64) -> Result<Time, Error> {
    let max_secs = DateTime::INFINITY.unix_duration().as_secs();
    let secs = (ms / 1000.0).floor();
    let secs = if secs <= 0.0 {
        0
    } else if secs >= max_secs as f64 {
        max_secs
    } else {
        secs as u64
    };
    DateTime::from_unix_duration(Duration::from_secs(secs))
        .map(Time::from)
        .map_err(encoding_error)
}

/// Random bytes from `rng` until `accept` takes them.
fn draw<T, const N: usize>(
    rng: &mut Random,
    what: &str,
    mut accept: impl FnMut([u8; N]) -> Option<T>,
) -> Result<T, Error> {
    for _ in 0..MAX_DRAWS {
        let mut bytes = [0u8; N];
        rng.fill(&mut bytes)?;
        if let Some(value) = accept(bytes) {
            return Ok(value);
        }
    }
    Err(Error::new(
        ErrorKind::Operation,
        format!("the random source yields no usable {what}"),
    ))
}

/// The der error is not formatted: its Display and Debug impls cost kilobytes of wasm, and
/// encoding these fixed-shape values cannot fail short of running out of memory.
fn encoding_error(_: der::Error) -> Error {
    Error::new(ErrorKind::Operation, "cannot encode the certificate")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(feature = "ecdsa")]
    fn debug_does_not_show_the_private_key() {
        let cert = Certificate::generate(&mut Random::seeded(9), 1.7e12, DAY_MS).unwrap();
        // The key is the first draw from the generator.
        let mut key = [0u8; 32];
        Random::seeded(9).fill(&mut key).unwrap();
        assert!(SigningKey::from_slice(&key).is_ok());

        let debug = format!("{cert:?}");
        let debug_pretty = format!("{cert:#?}").to_ascii_lowercase();
        assert!(debug.contains(&cert.fingerprint().sdp_value()), "{debug}");
        for encoding in [
            hex_colon(&key, false),
            hex_colon(&key, false).replace(':', ""),
            format!("{:?}", key),
            format!("{:?}", &key[..8]),
        ] {
            assert!(!debug.to_ascii_lowercase().contains(&encoding), "{debug}");
            assert!(!debug_pretty.contains(&encoding), "{debug_pretty}");
        }
    }

    #[test]
    fn x509_time_clamps_and_switches_encoding() {
        assert!(
            matches!(x509_time(-5e3).unwrap(), Time::UtcTime(t) if t.to_unix_duration().as_secs() == 0)
        );
        assert!(matches!(
            x509_time(2_524_607_999_000.0).unwrap(),
            Time::UtcTime(_)
        )); // 2049-12-31T23:59:59Z
        assert!(matches!(
            x509_time(2_524_608_000_000.0).unwrap(),
            Time::GeneralTime(_)
        )); // 2050-01-01
        assert_eq!(x509_time(1e300).unwrap().to_date_time(), DateTime::INFINITY);
    }
}
