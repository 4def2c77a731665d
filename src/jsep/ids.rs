//! The ids JSEP keeps apart: a transceiver's (the glue's choice) and an m-section's mid
//! (the session's), in the manner of str0m's `Mid`.

use core::fmt;

/// A transceiver's id: chosen by the JS glue, stable for the transceiver's life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TransceiverId(u32);

impl TransceiverId {
    /// The number the glue chose.
    pub fn get(self) -> u32 {
        self.0
    }
}

impl From<u32> for TransceiverId {
    fn from(id: u32) -> Self {
        TransceiverId(id)
    }
}

/// An m-section's media id (`a=mid`, RFC 5888): given out by the session, stable across
/// offers, the same in the offer and its answer.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Mid(String);

impl Mid {
    /// The mid as it appears in the SDP.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Mid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for Mid {
    fn from(mid: &str) -> Self {
        Mid(mid.to_string())
    }
}

impl From<String> for Mid {
    fn from(mid: String) -> Self {
        Mid(mid)
    }
}

impl PartialEq<str> for Mid {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Mid {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}
