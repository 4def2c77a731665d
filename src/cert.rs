//! DTLS certificates: an ECDSA P-256 key and a self-signed X.509 v3 certificate, and
//! their fingerprints. The private key never leaves this module.

use core::fmt;
use core::time::Duration;

use der::asn1::{Any, BitString, SetOfVec, UintRef, Utf8StringRef};
use der::oid::db::{rfc4519, rfc5912};
use der::{DateTime, Encode, Sequence};
use p256::ecdsa::signature::Signer;
use p256::ecdsa::{Signature, SigningKey};
use sha2::{Digest, Sha256};
use x509_cert::attr::AttributeTypeAndValue;
use x509_cert::name::{RdnSequence, RelativeDistinguishedName};
use x509_cert::serial_number::SerialNumber;
use x509_cert::time::{Time, Validity};
use x509_cert::{AlgorithmIdentifier, SubjectPublicKeyInfo, Version};

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

/// A self-signed ECDSA P-256 certificate as a browser's `generateCertificate` makes it.
///
/// The private key is used once, to sign the certificate, and then dropped (it zeroizes
/// itself): nothing in this crate runs a DTLS handshake, and an offer only needs the
/// fingerprint.
#[derive(Clone)]
pub struct Certificate {
    der: Vec<u8>,
    expires_ms: f64,
    fingerprint: Fingerprint,
}

impl Certificate {
    /// A new key pair and a certificate valid from `now_ms` − 1 day (as Chromium does, to
    /// tolerate clock skew) until `now_ms + expires_in_ms`, both in ms since the Unix epoch.
    ///
    /// `expires_in_ms` must be what WebIDL's `[EnforceRange] unsigned long long` admits
    /// (else [`ErrorKind::Type`]); a clock outside 1970–9999 gives [`ErrorKind::Operation`].
    /// A `notAfter` past 9999-12-31T23:59:59Z is clamped to it (RFC 5280: "no well-defined
    /// expiration date"); [`Certificate::expires_ms`] still reports the unclamped sum.
    pub fn generate(rng: &mut Random, now_ms: f64, expires_in_ms: f64) -> Result<Self, Error> {
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
        let validity = Validity::new(
            x509_time(now_ms - DAY_MS)?,
            x509_time(now_ms + expires_in_ms)?,
        );

        let key: SigningKey = draw(rng, "P-256 private key", |bytes: [u8; 32]| {
            SigningKey::from_slice(&bytes).ok()
        })?;
        // RFC 5280 §4.1.2.2: a positive, non-zero serial (63 random bits).
        let serial: [u8; 8] = draw(rng, "serial number", |mut bytes: [u8; 8]| {
            bytes[0] &= 0x7f;
            (bytes != [0; 8]).then_some(bytes)
        })?;

        let name = webrtc_name()?;
        let tbs = TbsCertificate {
            version: Version::V3,
            serial_number: SerialNumber::new(&serial).map_err(encoding_error)?,
            signature: ecdsa_with_sha256(),
            issuer: name.clone(),
            validity,
            subject: name,
            subject_public_key_info: SubjectPublicKeyInfo {
                algorithm: AlgorithmIdentifier {
                    oid: rfc5912::ID_EC_PUBLIC_KEY,
                    parameters: Some(Any::from(rfc5912::SECP_256_R_1)),
                },
                subject_public_key: BitString::from_bytes(
                    key.verifying_key().to_sec1_point(false).as_bytes(),
                )
                .map_err(encoding_error)?,
            },
        };
        let tbs_der = tbs.to_der().map_err(encoding_error)?;
        let signature: Signature = key
            .try_sign(&tbs_der)
            .map_err(|_| Error::new(ErrorKind::Operation, "ECDSA signing failed"))?;
        // Encoded here rather than by `DerSignature`, which re-parses its own output.
        let (r, s) = (signature.r().to_bytes(), signature.s().to_bytes());
        let signature = EcdsaSigValue {
            r: UintRef::new(&r).map_err(encoding_error)?,
            s: UintRef::new(&s).map_err(encoding_error)?,
        }
        .to_der()
        .map_err(encoding_error)?;
        let certificate = X509Certificate {
            tbs_certificate: tbs,
            signature_algorithm: ecdsa_with_sha256(),
            signature: BitString::from_bytes(&signature).map_err(encoding_error)?,
        };
        let der = certificate.to_der().map_err(encoding_error)?;

        let fingerprint = Fingerprint {
            algorithm: "sha-256".to_owned(),
            digest: Sha256::digest(&der).to_vec(),
        };
        Ok(Certificate {
            der,
            expires_ms: now_ms + expires_in_ms,
            fingerprint,
        })
    }

    /// The certificate in DER.
    pub fn der(&self) -> &[u8] {
        &self.der
    }

    /// When the certificate expires, in ms since the Unix epoch (`RTCCertificate.expires`).
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
            .field("fingerprint", &self.fingerprint.sdp_value())
            .field("expires_ms", &self.expires_ms)
            .field("der_len", &self.der.len())
            .finish()
    }
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
    subject_public_key_info: SubjectPublicKeyInfo,
}

/// RFC 5280 `Certificate`. The `TBSCertificate` is encoded again here rather than embedded
/// as the signed bytes: DER is deterministic, so the bytes are the same, and wrapping them
/// would take a DER decoder (~4 KB gzip of wasm) just to re-read their header.
#[derive(Sequence)]
struct X509Certificate {
    tbs_certificate: TbsCertificate,
    signature_algorithm: AlgorithmIdentifier,
    signature: BitString,
}

/// RFC 3279 Ecdsa-Sig-Value.
#[derive(Sequence)]
struct EcdsaSigValue<'a> {
    r: UintRef<'a>,
    s: UintRef<'a>,
}

/// ecdsa-with-SHA256; RFC 5758 §3.2: the parameters field MUST be absent.
fn ecdsa_with_sha256() -> AlgorithmIdentifier {
    AlgorithmIdentifier {
        oid: rfc5912::ECDSA_WITH_SHA_256,
        parameters: None,
    }
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
