//! DTLS certificates: self-signed X.509 v3 certificates as browsers make them, ECDSA P-256 or
//! RSA with SHA-256, and their fingerprints.
//!
//! [`Certificate::generate`] makes an ECDSA P-256 key here and signs with it. An
//! [`UnsignedCertificate`] certifies a key held elsewhere (WebCrypto's, in the browser: faster
//! than signing in wasm, and the only RSA here) and wraps the signature that key makes. Either
//! way no private key is kept.
//!
//! Every certificate has the same shape, so it is written directly: fixed fields as constant
//! DER, the rest (serial, times, lengths, signature) with `der`'s encoders. x509-cert's
//! generic structures cost the wasm build kilobytes and the browser's path microseconds.

use core::fmt;
use core::time::Duration;

use der::asn1::{BitStringRef, GeneralizedTime, UintRef, UtcTime};
use der::{DateTime, Encode, Header, Length, Tag};
#[cfg(feature = "ecdsa")]
use p256::ecdsa::{signature::Signer, Signature, SigningKey};
use sha2::{Digest, Sha256};

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
    /// The DER AlgorithmIdentifier of the `signature` and `signatureAlgorithm` fields of
    /// certificates this key signs.
    fn signature_algorithm(self) -> &'static [u8] {
        match self {
            KeyAlgorithm::EcdsaP256 => ECDSA_WITH_SHA256,
            KeyAlgorithm::RsaPkcs1 => SHA256_WITH_RSA_ENCRYPTION,
        }
    }
}

/// AlgorithmIdentifier { ecdsa-with-SHA256 (1.2.840.10045.4.3.2) }: RFC 5758 §3.2, the
/// parameters field MUST be absent.
const ECDSA_WITH_SHA256: &[u8] = &[
    0x30, 0x0a, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02,
];

/// AlgorithmIdentifier { sha256WithRSAEncryption (1.2.840.113549.1.1.11), NULL }: RFC 4055 §5,
/// the parameters MUST be NULL.
const SHA256_WITH_RSA_ENCRYPTION: &[u8] = &[
    0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b, 0x05, 0x00,
];

/// `[0] EXPLICIT Version` v3 (INTEGER 2), always written: v3 is not the DEFAULT.
const VERSION_3: &[u8] = &[0xa0, 0x03, 0x02, 0x01, 0x02];

/// The Name `CN=WebRTC` (2.5.4.3, a UTF8String), the issuer and subject Chromium gives its
/// certificates: SEQUENCE OF one SET OF one AttributeTypeAndValue.
const WEBRTC_NAME: &[u8] = &[
    0x30, 0x11, 0x31, 0x0f, 0x30, 0x0d, 0x06, 0x03, 0x55, 0x04, 0x03, 0x0c, 0x06, b'W', b'e', b'b',
    b'R', b'T', b'C',
];

/// What precedes the 65-byte uncompressed point in a P-256 key's SubjectPublicKeyInfo:
/// SEQUENCE { SEQUENCE { id-ecPublicKey, secp256r1 }, BIT STRING (no unused bits) }.
#[cfg(feature = "ecdsa")]
const P256_SPKI_PREFIX: &[u8] = &[
    0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x08, 0x2a,
    0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07, 0x03, 0x42, 0x00,
];

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
        let mut spki = P256_SPKI_PREFIX.to_vec();
        spki.extend_from_slice(key.verifying_key().to_sec1_point(false).as_bytes());
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
        // RFC 5280 TBSCertificate without unique ids or extensions, as browsers make it.
        let serial = UintRef::new(&serial).map_err(encoding_error)?;
        let validity = validity.to_der()?;
        let mut body = Vec::with_capacity(128 + spki.len());
        body.extend_from_slice(VERSION_3);
        serial.encode_to_vec(&mut body).map_err(encoding_error)?;
        body.extend_from_slice(algorithm.signature_algorithm());
        body.extend_from_slice(WEBRTC_NAME);
        body.extend_from_slice(&validity);
        body.extend_from_slice(WEBRTC_NAME);
        body.extend_from_slice(&spki);
        let tbs_der = sequence(&body)?;
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
        let algorithm = self.algorithm;
        let (der, expires_ms) = self.signed_der(signature)?;
        let fingerprint = Fingerprint {
            algorithm: "sha-256".to_owned(),
            digest: Sha256::digest(&der).to_vec(),
        };
        Ok(Certificate {
            der,
            algorithm,
            expires_ms,
            fingerprint,
        })
    }

    /// [`Self::sign`]'s certificate as its DER and `notAfter` in ms, without the fingerprint: the
    /// wasm session parts leave the SHA-256 to the platform, so that sha2 is not linked into them.
    pub(crate) fn signed_der(self, signature: &[u8]) -> Result<(Vec<u8>, f64), Error> {
        let signature = match self.algorithm {
            KeyAlgorithm::EcdsaP256 => ecdsa_sig_value(signature)?,
            KeyAlgorithm::RsaPkcs1 if signature.is_empty() => {
                return Err(Error::new(ErrorKind::Type, "the RSA signature is empty"));
            }
            KeyAlgorithm::RsaPkcs1 => signature.to_vec(),
        };
        // RFC 5280 Certificate: the TBSCertificate, the algorithm again, the signature.
        let mut body = self.tbs_der;
        body.extend_from_slice(self.algorithm.signature_algorithm());
        BitStringRef::from_bytes(&signature)
            .and_then(|bits| bits.encode_to_vec(&mut body))
            .map_err(encoding_error)?;
        Ok((sequence(&body)?, self.expires_ms))
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
    let mut body = Vec::with_capacity(70);
    for integer in [r, s] {
        UintRef::new(integer)
            .and_then(|integer| integer.encode_to_vec(&mut body))
            .map_err(encoding_error)?;
    }
    sequence(&body)
}

/// The DER SEQUENCE around the DER of its members.
fn sequence(body: &[u8]) -> Result<Vec<u8>, Error> {
    let length = Length::try_from(body.len()).map_err(encoding_error)?;
    let mut der = Vec::with_capacity(body.len() + 4);
    Header::new(Tag::Sequence, length)
        .encode_to_vec(&mut der)
        .map_err(encoding_error)?;
    der.extend_from_slice(body);
    Ok(der)
}

/// A certificate's validity period, to the second.
#[derive(Debug)]
struct Validity {
    not_before: DateTime,
    not_after: DateTime,
}

impl Validity {
    /// SEQUENCE { notBefore, notAfter }: UTCTime through 2049, GeneralizedTime from 2050
    /// (RFC 5280 §4.1.2.5).
    fn to_der(&self) -> Result<Vec<u8>, Error> {
        let mut body = Vec::with_capacity(34);
        for time in [self.not_before, self.not_after] {
            match UtcTime::from_date_time(time) {
                Ok(utc) => utc.encode_to_vec(&mut body),
                Err(_) => GeneralizedTime::from_date_time(time).encode_to_vec(&mut body),
            }
            .map_err(encoding_error)?;
        }
        sequence(&body)
    }
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
    let expires_ms = not_after.unix_duration().as_secs_f64() * 1000.0;
    Ok((
        Validity {
            not_before: x509_time(now_ms - DAY_MS)?,
            not_after,
        },
        expires_ms,
    ))
}

const DAY_MS: f64 = 86_400_000.0;

/// `Number.MAX_SAFE_INTEGER`, the largest value `[EnforceRange] unsigned long long` admits.
const MAX_EXPIRES_MS: f64 = 9_007_199_254_740_991.0;

/// A working CSPRNG almost never needs a second draw (a random 32-byte string is a valid
/// P-256 scalar except with probability ~2⁻³²); one that keeps failing is broken.
const MAX_DRAWS: usize = 8;

/// The last second X.509 can express (9999-12-31T23:59:59Z), in ms.
fn max_time_ms() -> f64 {
    DateTime::INFINITY.unix_duration().as_secs_f64() * 1000.0
}

/// `ms` (finite) as a time X.509 can express, to the second: clamped to 1970–9999.
fn x509_time(ms: f64) -> Result<DateTime, Error> {
    let max_secs = DateTime::INFINITY.unix_duration().as_secs();
    let secs = (ms / 1000.0).floor();
    let secs = if secs <= 0.0 {
        0
    } else if secs >= max_secs as f64 {
        max_secs
    } else {
        secs as u64
    };
    DateTime::from_unix_duration(Duration::from_secs(secs)).map_err(encoding_error)
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
    fn x509_time_clamps_and_validity_switches_encoding() {
        assert_eq!(x509_time(-5e3).unwrap().unix_duration().as_secs(), 0);
        assert_eq!(x509_time(1e300).unwrap(), DateTime::INFINITY);
        let validity = Validity {
            not_before: x509_time(2_524_607_999_000.0).unwrap(), // 2049-12-31T23:59:59Z
            not_after: x509_time(2_524_608_000_000.0).unwrap(),  // 2050-01-01
        };
        let mut expected = vec![0x30, 2 + 13 + 2 + 15, 0x17, 13];
        expected.extend_from_slice(b"491231235959Z");
        expected.extend_from_slice(&[0x18, 15]);
        expected.extend_from_slice(b"20500101000000Z");
        assert_eq!(validity.to_der().unwrap(), expected);
    }
}
