//! ICE credentials (RFC 8839 §5.4): a 4-char ufrag and a 24-char pwd of ice-chars,
//! drawn from the CSPRNG (24 and 144 random bits, above the 24 / 128 bits required).

use crate::error::Error;
use crate::random::Random;

/// ALPHA / DIGIT / "+" / "/": exactly 64 characters, so one byte's low 6 bits pick
/// one without bias.
const ICE_CHARS: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Length of the ufrag Chromium generates.
pub const UFRAG_LEN: usize = 4;
/// Length of the pwd Chromium generates.
pub const PWD_LEN: usize = 24;

/// An ICE username fragment and password.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IceCredentials {
    /// The username fragment (`a=ice-ufrag`), [`UFRAG_LEN`] ice-chars.
    pub ufrag: String,
    /// The password (`a=ice-pwd`), [`PWD_LEN`] ice-chars.
    pub pwd: String,
}

impl IceCredentials {
    /// Fresh credentials from `rng`.
    pub fn generate(rng: &mut Random) -> Result<Self, Error> {
        let mut bytes = [0u8; UFRAG_LEN + PWD_LEN];
        rng.fill(&mut bytes)?;
        let mut chars = bytes
            .iter()
            .map(|b| char::from(ICE_CHARS[usize::from(b & 63)]));
        let ufrag = chars.by_ref().take(UFRAG_LEN).collect();
        let pwd = chars.collect();
        Ok(IceCredentials { ufrag, pwd })
    }
}

/// Whether `c` is an ice-char.
pub fn is_ice_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '+' || c == '/'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_and_charset() {
        let mut rng = Random::os();
        for _ in 0..1000 {
            let c = IceCredentials::generate(&mut rng).unwrap();
            assert_eq!(c.ufrag.len(), UFRAG_LEN);
            assert_eq!(c.pwd.len(), PWD_LEN);
            assert!(c.ufrag.chars().chain(c.pwd.chars()).all(is_ice_char));
        }
    }

    #[test]
    fn every_ice_char_is_reachable() {
        let mut rng = Random::seeded(1);
        let mut seen = std::collections::HashSet::new();
        for _ in 0..200 {
            let c = IceCredentials::generate(&mut rng).unwrap();
            seen.extend(c.pwd.chars());
        }
        assert_eq!(seen.len(), 64);
    }
}
