//! The one source of randomness: the OS / WebCrypto CSPRNG through `getrandom`, or, with
//! the cargo feature `seeded-rng` (for tests, benchmarks and fuzzing; off by default) and
//! only where a caller asks for it explicitly, a seeded generator for deterministic tests.

use core::fmt::Write;

use crate::error::{Error, ErrorKind};

/// The base64 alphabet libwebrtc draws random strings (the CNAME) from.
const BASE64_CHARS: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// A source of random bytes.
#[derive(Debug, Default)]
pub struct Random {
    /// The SplitMix64 state of a seeded generator; `None` for the OS CSPRNG.
    #[cfg(any(test, feature = "seeded-rng"))]
    seeded: Option<u64>,
    /// Bytes to give before any new ones, in order (see [`Random::replaying`]).
    replay: Vec<u8>,
    /// Whether every byte given is kept in `drawn` (see [`Random::recording`]).
    record: bool,
    drawn: Vec<u8>,
}

/// A clone gives its own bytes: it shares what it replays and has recorded; new bytes come from
/// the OS (in wasm, the thread's pool, which gives each out once).
impl Clone for Random {
    fn clone(&self) -> Self {
        Random {
            #[cfg(any(test, feature = "seeded-rng"))]
            seeded: self.seeded,
            replay: self.replay.clone(),
            record: self.record,
            drawn: self.drawn.clone(),
        }
    }
}

impl Random {
    /// The platform CSPRNG (`getrandom`; `crypto.getRandomValues` on wasm).
    pub fn os() -> Self {
        Random::default()
    }

    /// The platform CSPRNG, keeping every byte it gives ([`Random::drawn`]): a session made
    /// with [`Random::replaying`] those bytes and given the same calls ends in the same state.
    /// The wasm build moves a session from its offer-only part to its full part this way; it is
    /// not public, as the design card keeps deterministic randomness out of the native API.
    #[cfg(any(all(target_arch = "wasm32", feature = "wasm-session"), test))]
    pub(crate) fn recording() -> Self {
        Random {
            record: true,
            ..Random::default()
        }
    }

    /// Gives `bytes` first, then the platform CSPRNG's.
    #[cfg(any(all(target_arch = "wasm32", feature = "wasm-session"), test))]
    pub(crate) fn replaying(bytes: Vec<u8>) -> Self {
        Random {
            replay: bytes,
            ..Random::default()
        }
    }

    /// The bytes given so far, when made by [`Random::recording`] (else empty).
    #[cfg(any(all(target_arch = "wasm32", feature = "wasm-session"), test))]
    pub(crate) fn drawn(&self) -> &[u8] {
        &self.drawn
    }

    /// A deterministic, NOT cryptographically secure generator (SplitMix64) for tests
    /// that need reproducible offers. Never use it for real connections: it exists only
    /// with the cargo feature `seeded-rng`, which this crate's own tests, benchmarks and
    /// fuzz targets enable.
    #[cfg(any(test, feature = "seeded-rng"))]
    pub fn seeded(seed: u64) -> Self {
        Random {
            seeded: Some(seed),
            ..Random::default()
        }
    }

    /// Fills `buf` with random bytes.
    pub fn fill(&mut self, buf: &mut [u8]) -> Result<(), Error> {
        let replayed = buf.len().min(self.replay.len());
        for (byte, given) in buf.iter_mut().zip(self.replay.drain(..replayed)) {
            *byte = given;
        }
        self.fill_new(&mut buf[replayed..])?;
        if self.record {
            self.drawn.extend_from_slice(buf);
        }
        Ok(())
    }

    fn fill_new(&mut self, buf: &mut [u8]) -> Result<(), Error> {
        if buf.is_empty() {
            return Ok(());
        }
        #[cfg(any(test, feature = "seeded-rng"))]
        if let Some(state) = &mut self.seeded {
            for chunk in buf.chunks_mut(8) {
                let word = splitmix64(state).to_le_bytes();
                chunk.copy_from_slice(&word[..chunk.len()]);
            }
            return Ok(());
        }
        os_fill(buf)
    }

    /// A uniformly random `u64`.
    pub fn next_u64(&mut self) -> Result<u64, Error> {
        let mut bytes = [0u8; 8];
        self.fill(&mut bytes)?;
        Ok(u64::from_le_bytes(bytes))
    }

    /// `len` random characters of the base64 alphabet (one byte's low 6 bits each), as
    /// libwebrtc draws its RTCP CNAME.
    pub(crate) fn base64_string(&mut self, len: usize) -> Result<String, Error> {
        let mut bytes = vec![0u8; len];
        self.fill(&mut bytes)?;
        Ok(bytes
            .iter()
            .map(|b| char::from(BASE64_CHARS[usize::from(b & 63)]))
            .collect())
    }

    /// A random (version 4) UUID in lowercase 8-4-4-4-12 form, like a track id.
    pub(crate) fn uuid_v4(&mut self) -> Result<String, Error> {
        let mut b = [0u8; 16];
        self.fill(&mut b)?;
        b[6] = (b[6] & 0x0f) | 0x40;
        b[8] = (b[8] & 0x3f) | 0x80;
        let mut out = String::with_capacity(36);
        for (i, byte) in b.iter().enumerate() {
            if matches!(i, 4 | 6 | 8 | 10) {
                out.push('-');
            }
            // Writing into a String cannot fail.
            let _ = write!(out, "{byte:02x}");
        }
        Ok(out)
    }
}

#[cfg(any(test, feature = "seeded-rng"))]
fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Natively, each draw is one `getrandom` call: a system call, cheap, and no bytes drawn ahead
/// that a `fork()` would give both processes.
#[cfg(not(target_arch = "wasm32"))]
fn os_fill(buf: &mut [u8]) -> Result<(), Error> {
    getrandom::fill(buf).map_err(unavailable)
}

/// How many OS bytes one `getrandom` call draws ahead in wasm: a fresh audio + video + data
/// session's credentials, ids and SSRCs take ~190 bytes and its certificate's serial 8, so one
/// call serves about twenty connections, each call out to JS costing Node ~3-8 µs and an object
/// to collect.
#[cfg(target_arch = "wasm32")]
const POOL: usize = 4096;

#[cfg(target_arch = "wasm32")]
std::thread_local! {
    /// OS bytes drawn ahead, shared by every OS-backed [`Random`] of the thread, and how many
    /// of them (from the start) are not given yet: a byte given is never given again. Nothing
    /// in it needs dropping, so the thread registers no destructor for it.
    static OS_POOL: core::cell::RefCell<([u8; POOL], usize)> =
        const { core::cell::RefCell::new(([0; POOL], 0)) };
}

#[cfg(target_arch = "wasm32")]
fn os_fill(buf: &mut [u8]) -> Result<(), Error> {
    OS_POOL.with_borrow_mut(|(pool, left)| {
        let mut filled = 0;
        while filled < buf.len() {
            if *left == 0 {
                getrandom::fill(pool).map_err(unavailable)?;
                *left = POOL;
            }
            let take = (buf.len() - filled).min(*left);
            // Given bytes leave the pool: none is given twice.
            *left -= take;
            buf[filled..filled + take].copy_from_slice(&pool[*left..*left + take]);
            filled += take;
        }
        Ok(())
    })
}

fn unavailable(error: getrandom::Error) -> Error {
    Error::new(
        ErrorKind::Operation,
        format!("no secure random source available: {error}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeded_is_reproducible_and_os_is_not_constant() {
        let (mut a, mut b) = (Random::seeded(7), Random::seeded(7));
        assert_eq!(a.next_u64().unwrap(), b.next_u64().unwrap());
        let mut os = Random::os();
        let mut x = [0u8; 32];
        let mut y = [0u8; 32];
        os.fill(&mut x).unwrap();
        os.fill(&mut y).unwrap();
        assert_ne!(x, y);
    }

    #[test]
    fn os_bytes_are_given_once_and_clones_draw_their_own() {
        let mut a = Random::os();
        let mut first = [0u8; 40];
        a.fill(&mut first).unwrap();
        let mut b = a.clone();
        let (mut from_a, mut from_b) = ([0u8; 16], [0u8; 16]);
        a.fill(&mut from_a).unwrap();
        b.fill(&mut from_b).unwrap();
        assert_ne!(
            from_a, from_b,
            "a clone does not repeat the original's bytes"
        );
        let mut large = [0u8; 3 * 4096 + 5];
        a.fill(&mut large).unwrap();
        assert!(
            large.windows(16).all(|w| w != from_a),
            "nothing given twice"
        );
    }

    #[test]
    fn replaying_what_was_recorded_gives_the_same_bytes_then_new_ones() {
        let mut recording = Random::recording();
        let mut first = [0u8; 20];
        recording.fill(&mut first).unwrap();
        let id = recording.uuid_v4().unwrap();
        assert_eq!(recording.drawn().len(), 36);
        assert_eq!(&recording.drawn()[..20], &first);

        let mut replaying = Random::replaying(recording.drawn().to_vec());
        let mut again = [0u8; 20];
        replaying.fill(&mut again).unwrap();
        assert_eq!(again, first);
        assert_eq!(replaying.uuid_v4().unwrap(), id);
        let mut next = [0u8; 32];
        replaying.fill(&mut next).unwrap();
        assert_ne!(next, [0u8; 32], "then the OS's");
        assert!(replaying.drawn().is_empty(), "not recording");
    }

    #[test]
    fn uuid_shape() {
        let mut rng = Random::seeded(3);
        for _ in 0..100 {
            let u = rng.uuid_v4().unwrap();
            let parts: Vec<&str> = u.split('-').collect();
            assert_eq!(
                parts.iter().map(|p| p.len()).collect::<Vec<_>>(),
                [8, 4, 4, 4, 12]
            );
            assert!(parts[2].starts_with('4'));
            assert!(matches!(&parts[3][..1], "8" | "9" | "a" | "b"));
            assert!(u
                .chars()
                .all(|c| c == '-' || c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
        }
    }

    #[test]
    fn base64_string_is_of_the_alphabet() {
        let cname = Random::seeded(9).base64_string(16).unwrap();
        assert_eq!(cname.len(), 16);
        assert!(cname.bytes().all(|c| BASE64_CHARS.contains(&c)));
    }
}
