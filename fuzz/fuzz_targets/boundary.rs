//! What the wasm boundary hands the core, with values the boundary's conversions let
//! through: certificate generation with any `expires` and clock value (f64s, NaN and
//! infinities included), and sessions with any fingerprints. Checks: no panic; errors are
//! TypeError (bad expiry) or OperationError (clock); a certificate's expiry is its notAfter
//! and its fingerprint a SHA-256; a session with arbitrary fingerprints is a TypeError or
//! makes well-formed SDP; a fingerprint value (`AB:CD:…`, as the boundary reads the
//! configured certificates') parses exactly when it is colon-separated hex pairs, and
//! round-trips.
#![no_main]

use arbitrary::Arbitrary;
use fuzz_support::check_offer;
use libfuzzer_sys::fuzz_target;
use rtc_offer_polyfill::cert::{Certificate, Fingerprint};
use rtc_offer_polyfill::jsep::{
    Direction, JsepSession, MediaKind, OfferOptions, Snapshot, TransceiverSnapshot,
};
use rtc_offer_polyfill::random::Random;
use rtc_offer_polyfill::ErrorKind;

/// `Number.MAX_SAFE_INTEGER`.
const MAX_SAFE: f64 = 9_007_199_254_740_991.0;
/// 9999-12-31T23:59:59Z: the last second an X.509 time can say.
const MAX_TIME_MS: f64 = 253_402_300_799_000.0;

/// An f64 as the fuzzer likes it: raw bits, or one of the values that matter here.
#[derive(Arbitrary, Debug, Clone, Copy)]
enum Number {
    Bits(u64),
    Whole(u64),
    Special(u8),
}

impl Number {
    fn value(self) -> f64 {
        match self {
            Number::Bits(b) => f64::from_bits(b),
            Number::Whole(n) => n as f64,
            Number::Special(i) => [
                0.0,
                -0.0,
                f64::NAN,
                f64::INFINITY,
                f64::NEG_INFINITY,
                MAX_SAFE,
                MAX_SAFE + 1.0,
                MAX_TIME_MS,
                MAX_TIME_MS + 1.0,
                86_400_000.0,
                86_399_999.0,
                1.5,
                -1.0,
                f64::MIN_POSITIVE,
                f64::MAX,
                1_700_000_000_000.0,
            ][usize::from(i) % 16],
        }
    }
}

#[derive(Arbitrary, Debug)]
struct ArbFingerprint {
    algorithm: String,
    digest: Vec<u8>,
}

#[derive(Arbitrary, Debug)]
enum Input {
    Certificate {
        seed: u64,
        now_ms: Number,
        expires_in_ms: Number,
    },
    Session {
        seed: u64,
        fingerprints: Vec<ArbFingerprint>,
    },
    FingerprintValue(String),
}

fuzz_target!(|input: Input| match input {
    Input::FingerprintValue(value) => {
        let well_formed = value
            .split(':')
            .all(|pair| pair.len() == 2 && pair.bytes().all(|b| b.is_ascii_hexdigit()));
        match Fingerprint::parse_value(&value) {
            Some(digest) => {
                assert!(well_formed, "accepted {value:?}");
                let fingerprint = Fingerprint {
                    algorithm: "sha-256".into(),
                    digest,
                };
                assert_eq!(fingerprint.sdp_value(), value.to_ascii_uppercase());
            }
            None => assert!(!well_formed, "refused {value:?}"),
        }
    }
    Input::Certificate {
        seed,
        now_ms,
        expires_in_ms,
    } => {
        let (now, expires) = (now_ms.value(), expires_in_ms.value());
        match Certificate::generate(&mut Random::seeded(seed), now, expires) {
            Ok(cert) => {
                assert!(
                    (0.0..=MAX_SAFE).contains(&expires),
                    "accepted expiry {expires}"
                );
                assert!(now.is_finite() && now >= 0.0, "accepted clock {now}");
                // notAfter in whole seconds, clamped to the last one X.509 can say.
                let not_after = ((now + expires) / 1000.0).floor() * 1000.0;
                assert_eq!(cert.expires_ms(), not_after.min(MAX_TIME_MS));
                assert_eq!(cert.fingerprint().algorithm, "sha-256");
                assert_eq!(cert.fingerprint().digest.len(), 32);
                assert!(cert.der().len() > 100);
            }
            Err(e) => match e.kind {
                ErrorKind::Type => assert!(
                    !(0.0..=MAX_SAFE).contains(&expires),
                    "valid expiry {expires} refused: {e}"
                ),
                ErrorKind::Operation => assert!(
                    !(0.0..=MAX_TIME_MS).contains(&now),
                    "valid clock {now} refused: {e}"
                ),
                _ => panic!("unexpected error kind: {e}"),
            },
        }
    }
    Input::Session { seed, fingerprints } => {
        let fingerprints = fingerprints
            .into_iter()
            .take(4)
            .map(|f| Fingerprint {
                algorithm: f.algorithm,
                digest: f.digest,
            })
            .collect();
        let mut session = match JsepSession::new(fingerprints, Random::seeded(seed)) {
            Ok(session) => session,
            Err(e) => {
                assert_eq!(e.kind, ErrorKind::Type, "{e}");
                return;
            }
        };
        let snapshot = Snapshot {
            transceivers: vec![TransceiverSnapshot::new(
                1,
                MediaKind::Audio,
                Direction::SendRecv,
            )],
            data_channel: true,
        };
        match session.create_offer(&snapshot, &OfferOptions::default()) {
            Ok(sdp) => {
                check_offer(&sdp);
            }
            Err(e) => assert_eq!(e.kind, ErrorKind::Type, "{e}"),
        }
    }
});
