//! Errors of the core, each tagged with what the W3C API reports for it: a DOMException
//! name, a `TypeError`, or an `RTCError` with its `errorDetail`.

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
    /// A description that parses but cannot be applied, or a certificate that cannot be used.
    InvalidAccess,
    /// An algorithm or feature that is not supported.
    NotSupported,
    /// Generating the description or certificate itself failed.
    Operation,
    /// SDP that does not parse: an `RTCError` (named `OperationError`) with `errorDetail`
    /// `sdp-syntax-error` and the line in [`Error::line`].
    SdpSyntax,
}

impl ErrorKind {
    /// Every kind, for tests that check each one reaches the page as what it says.
    pub const ALL: [ErrorKind; 7] = [
        ErrorKind::Type,
        ErrorKind::InvalidState,
        ErrorKind::InvalidModification,
        ErrorKind::InvalidAccess,
        ErrorKind::NotSupported,
        ErrorKind::Operation,
        ErrorKind::SdpSyntax,
    ];

    /// The DOMException (or ECMAScript error) name for this kind.
    pub fn name(self) -> &'static str {
        match self {
            ErrorKind::Type => "TypeError",
            ErrorKind::InvalidState => "InvalidStateError",
            ErrorKind::InvalidModification => "InvalidModificationError",
            ErrorKind::InvalidAccess => "InvalidAccessError",
            ErrorKind::NotSupported => "NotSupportedError",
            ErrorKind::Operation | ErrorKind::SdpSyntax => "OperationError",
        }
    }

    /// The `RTCError.errorDetail` (W3C `RTCErrorDetailType`) when the error is an `RTCError`.
    pub fn error_detail(self) -> Option<&'static str> {
        match self {
            ErrorKind::SdpSyntax => Some("sdp-syntax-error"),
            _ => None,
        }
    }
}

/// An error with its kind and a message for people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// What the W3C API reports it as.
    pub kind: ErrorKind,
    /// For people; not parsed by anything.
    pub message: String,
    /// The 1-based SDP line of an [`ErrorKind::SdpSyntax`] error (W3C
    /// `RTCError.sdpLineNumber`); `None` for every other kind.
    pub line: Option<usize>,
}

impl Error {
    /// An error of `kind` (any but [`ErrorKind::SdpSyntax`], which has a line: see
    /// [`Error::sdp_syntax`]).
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error {
            kind,
            message: message.into(),
            line: None,
        }
    }

    /// SDP that does not parse at line `line` (1-based).
    pub fn sdp_syntax(line: usize, message: impl Into<String>) -> Self {
        Error {
            kind: ErrorKind::SdpSyntax,
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

/// `value` in double quotes for a message, escaped as `{:?}` would but without the Unicode
/// tables that `{:?}` needs to decide what is printable (non-ASCII is always escaped here).
pub(crate) fn quoted(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    out.extend(value.chars().flat_map(char::escape_default));
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_sdp_syntax_errors_are_rtc_errors() {
        for kind in ErrorKind::ALL {
            let detail = kind.error_detail();
            assert_eq!(detail.is_some(), kind == ErrorKind::SdpSyntax, "{kind:?}");
        }
        assert_eq!(ErrorKind::SdpSyntax.name(), "OperationError");
    }

    #[test]
    fn quoted_escapes_controls_quotes_and_non_ascii() {
        assert_eq!(quoted("a\r\nb\"é"), r#""a\r\nb\"\u{e9}""#);
    }
}
