//! Errors of the core, each tagged with the DOMException name the W3C API uses for it.

use core::fmt;

/// What went wrong, as the W3C webrtc-pc API names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// A malformed argument (WebIDL `TypeError`).
    Type,
    /// The operation is not allowed in the current state.
    InvalidState,
    /// A description differs from the one that was created.
    InvalidModification,
    /// A certificate or parameter that cannot be used (e.g. an expired certificate).
    InvalidAccess,
    /// An algorithm or feature that is not supported.
    NotSupported,
    /// Generating the description or certificate itself failed.
    Operation,
    /// SDP that does not parse.
    Syntax,
    /// A numeric argument out of range.
    Range,
}

impl ErrorKind {
    /// The DOMException (or ECMAScript error) name for this kind.
    pub fn name(self) -> &'static str {
        match self {
            ErrorKind::Type => "TypeError",
            ErrorKind::InvalidState => "InvalidStateError",
            ErrorKind::InvalidModification => "InvalidModificationError",
            ErrorKind::InvalidAccess => "InvalidAccessError",
            ErrorKind::NotSupported => "NotSupportedError",
            ErrorKind::Operation => "OperationError",
            ErrorKind::Syntax => "SyntaxError",
            ErrorKind::Range => "RangeError",
        }
    }
}

/// An error with its kind and a message for people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub kind: ErrorKind,
    pub message: String,
    /// The 1-based line of an SDP syntax error (W3C `RTCError.sdpLineNumber`).
    pub line: Option<usize>,
}

impl Error {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error {
            kind,
            message: message.into(),
            line: None,
        }
    }

    /// An error about SDP line `line` (1-based): a syntax error.
    pub fn at_line(kind: ErrorKind, line: usize, message: impl Into<String>) -> Self {
        Error {
            kind,
            message: message.into(),
            line: Some(line),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind.name(), self.message)
    }
}

impl std::error::Error for Error {}
