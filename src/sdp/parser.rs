//! A small SDP parser (RFC 8866 line grammar) for the descriptions handed to
//! `setRemoteDescription`: it checks the line structure and splits the text into
//! session-level attributes and m-sections, borrowing every value from the input. Each
//! attribute's value is parsed once, into its typed [`AttributeValue`].
//!
//! Errors are [`ErrorKind::SdpSyntax`](crate::error::ErrorKind::SdpSyntax) errors (W3C `sdp-syntax-error`) carrying the 1-based line,
//! worded like Chromium's ("Expect line: t="). A malformed value of an attribute with a
//! typed value is one too ("Invalid attribute value."), reported only when the line
//! structure of the whole description is sound.

use super::attribute::{Attribute, AttributeValue};
use super::PayloadType;
use crate::error::Error;

/// The most of a bad line an error message quotes.
const QUOTE_MAX: usize = 64;

/// One m-section: its m= line and its attributes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ParsedMedia<'a> {
    /// 1-based line number of the m= line.
    pub(crate) line: usize,
    /// `<media>`: `audio`, `video`, `application`, …
    pub(crate) kind: &'a str,
    /// `<port>` (0 rejects the section).
    pub(crate) port: u16,
    /// `<proto>`, e.g. `UDP/TLS/RTP/SAVPF`.
    proto: &'a str,
    /// The `<fmt>` list, in order (payload types when [`ParsedMedia::is_rtp`]).
    pub(crate) formats: Vec<&'a str>,
    /// The section's attributes, in order.
    pub(crate) attributes: Vec<Attribute<'a>>,
}

/// A whole description: the session-level attributes, then the m-sections. Other
/// lines are checked (type letter, order, o= fields) but not kept.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct ParsedDescription<'a> {
    /// Session-level attributes, in order.
    pub(crate) attributes: Vec<Attribute<'a>>,
    /// The m-sections, in order.
    pub(crate) media: Vec<ParsedMedia<'a>>,
}

impl<'a> ParsedMedia<'a> {
    /// Whether `<proto>` carries RTP (`RTP/AVP`, `UDP/TLS/RTP/SAVPF`, …).
    pub(crate) fn is_rtp(&self) -> bool {
        is_rtp(self.proto)
    }

    /// `<proto>`, as written.
    pub(crate) fn proto(&self) -> &'a str {
        self.proto
    }

    /// Whether `<proto>` carries SCTP (`UDP/DTLS/SCTP`, `DTLS/SCTP`, …).
    pub(crate) fn is_sctp(&self) -> bool {
        self.proto.split('/').any(|part| part == "SCTP")
    }
}

/// RFC 8866 token-char (also what msid ids may contain), all ASCII: matched by byte, as a
/// `char` search of the punctuation made a searcher per character (~5% of answering a
/// connection in Node, profiled).
fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric()
        || matches!(
            b,
            b'!' | b'#'
                | b'$'
                | b'%'
                | b'&'
                | b'\''
                | b'*'
                | b'+'
                | b'-'
                | b'.'
                | b'^'
                | b'_'
                | b'`'
                | b'{'
                | b'|'
                | b'}'
                | b'~'
        )
}

/// Whether `text` is an RFC 8866 token (`1*token-char`): an attribute name, a mid, a
/// hash function name.
pub(crate) fn is_token(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(is_token_byte)
}

/// A syntax error at `line` quoting its text, worded like Chromium's parser.
fn syntax_error(line: usize, text: &str, problem: &str) -> Error {
    let mut quoted = String::with_capacity(QUOTE_MAX + 8);
    for (i, c) in text.chars().enumerate() {
        if i == QUOTE_MAX {
            quoted.push('…');
            break;
        }
        // Control characters would garble the message (a line has no CR or LF).
        quoted.push(if c.is_control() { '?' } else { c });
    }
    Error::sdp_syntax(
        line,
        format!("Failed to parse SessionDescription. Line {line} \"{quoted}\": {problem}"),
    )
}

/// Where in the session part the parser is (RFC 8866 §5 order).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Stage {
    /// Before `v=`.
    Start,
    /// After `v=`, expecting `o=`.
    Version,
    /// After `o=`, expecting `s=`.
    Origin,
    /// After `s=`: i, u, e, p, c, b lines until the first `t=`.
    Name,
    /// After a `t=`: more t, r, z, k, a lines.
    Timing,
    /// Inside an m-section.
    Media,
}

/// What the line after `stage` must be, when only one type will do.
fn expected(stage: Stage) -> &'static str {
    match stage {
        Stage::Start => "Expect line: v=",
        Stage::Version => "Expect line: o=",
        Stage::Origin => "Expect line: s=",
        _ => "Expect line: t=",
    }
}

/// Parses `sdp` (lines ending in CRLF or LF; the last line's end is optional).
pub(crate) fn parse(sdp: &str) -> Result<ParsedDescription<'_>, Error> {
    let mut out = ParsedDescription::default();
    // The first attribute with a malformed value: its line and text.
    let mut malformed: Option<(usize, &str)> = None;
    let mut stage = Stage::Start;
    let mut rest = Some(sdp.strip_suffix("\n").unwrap_or(sdp));
    let mut number = 0;
    while let Some(body) = rest {
        let raw = match split_at_byte(body, b'\n') {
            Some((line, after)) => {
                rest = Some(after);
                line
            }
            None => {
                rest = None;
                body
            }
        };
        number += 1;
        let text = raw.strip_suffix("\r").unwrap_or(raw);
        let (kind, value) = match split_line(number, text) {
            Ok(line) => line,
            // Whatever the first line is, what was missing is v=.
            Err(_) if stage == Stage::Start => {
                return Err(syntax_error(number, text, expected(stage)))
            }
            Err(err) => return Err(err),
        };
        stage = match (stage, kind) {
            (Stage::Start, b'v') => Stage::Version,
            (Stage::Version, b'o') => {
                if value.split(' ').filter(|f| !f.is_empty()).count() != 6 {
                    return Err(syntax_error(
                        number,
                        text,
                        "Expect line: o=<username> <sess-id> <sess-version> <nettype> <addrtype> <unicast-address>",
                    ));
                }
                Stage::Origin
            }
            (Stage::Origin, b's') => Stage::Name,
            (Stage::Name, b'i' | b'u' | b'e' | b'p' | b'c' | b'b') => Stage::Name,
            (Stage::Name, b't') | (Stage::Timing, b't' | b'r' | b'z' | b'k' | b'a') => {
                Stage::Timing
            }
            (Stage::Timing | Stage::Media, b'm') => {
                out.media.push(media_line(number, text, value)?);
                Stage::Media
            }
            (Stage::Media, b'i' | b'c' | b'b' | b'k' | b'a') => Stage::Media,
            (Stage::Timing | Stage::Media, _) => {
                return Err(syntax_error(number, text, "Unexpected line type here."))
            }
            (_, _) => return Err(syntax_error(number, text, expected(stage))),
        };
        if kind != b'a' {
            continue;
        }
        let (name, value) = attribute(number, text, value)?;
        let value = AttributeValue::parse(name, value).unwrap_or_else(|| {
            malformed = malformed.or(Some((number, text)));
            AttributeValue::Other
        });
        let attribute = Attribute {
            line: number,
            value,
        };
        match out.media.last_mut() {
            Some(media) => media.attributes.push(attribute),
            None => out.attributes.push(attribute),
        }
    }
    if stage < Stage::Timing {
        return Err(syntax_error(number + 1, "", expected(stage)));
    }
    if let Some((line, text)) = malformed {
        return Err(syntax_error(line, text, "Invalid attribute value."));
    }
    Ok(out)
}

/// `<type>=<value>`, with a lowercase letter for the type and no CR or NUL in the value.
fn split_line(number: usize, text: &str) -> Result<(u8, &str), Error> {
    let bytes = text.as_bytes();
    match bytes {
        [kind @ b'a'..=b'z', b'=', rest @ ..] if !rest.iter().any(|b| matches!(b, b'\r' | 0)) => {
            Ok((*kind, text.get(2..).unwrap_or_default()))
        }
        _ => Err(syntax_error(number, text, "Invalid SDP line.")),
    }
}

/// `text` around its first `byte` (ASCII), as `str::split_once` with a `char` splits it but
/// without a searcher made per call (the parser splits every line twice).
pub(super) fn split_at_byte(text: &str, byte: u8) -> Option<(&str, &str)> {
    let at = text.bytes().position(|b| b == byte)?;
    Some((text.get(..at)?, text.get(at + 1..)?))
}

/// `text` up to its first `byte` (ASCII), or all of it.
pub(super) fn first_of(text: &str, byte: u8) -> &str {
    split_at_byte(text, byte).map_or(text, |(first, _)| first)
}

/// `a=<name>[:<value>]` with a token name: the name and the value.
fn attribute<'a>(
    number: usize,
    text: &str,
    value: &'a str,
) -> Result<(&'a str, Option<&'a str>), Error> {
    let (name, value) = match split_at_byte(value, b':') {
        Some((name, value)) => (name, Some(value)),
        None => (value, None),
    };
    if !is_token(name) {
        return Err(syntax_error(number, text, "Invalid attribute name."));
    }
    Ok((name, value))
}

/// `m=<media> <port>[/<number of ports>] <proto> <fmt> …`.
fn media_line<'a>(number: usize, text: &str, value: &'a str) -> Result<ParsedMedia<'a>, Error> {
    let mut fields = value.split(' ').filter(|f| !f.is_empty());
    let (Some(kind), Some(port), Some(proto)) = (fields.next(), fields.next(), fields.next())
    else {
        return Err(syntax_error(
            number,
            text,
            "Expect line: m=<media> <port> <proto> <fmt> ...",
        ));
    };
    let port = first_of(port, b'/');
    let Some(port) = decimal(port).and_then(|n| u16::try_from(n).ok()) else {
        return Err(syntax_error(number, text, "The port number is invalid."));
    };
    let formats: Vec<&str> = fields.collect();
    if formats.is_empty() {
        return Err(syntax_error(number, text, "The m= line lists no formats."));
    }
    // RTP formats are payload types (RFC 3551): 0-127.
    if is_rtp(proto) && !formats.iter().all(|f| PayloadType::parse(f).is_some()) {
        return Err(syntax_error(number, text, "Invalid payload type."));
    }
    Ok(ParsedMedia {
        line: number,
        kind,
        port,
        proto,
        formats,
        // A video section has ~60: fewer reallocations as they are pushed.
        attributes: Vec::with_capacity(32),
    })
}

/// Whether a `<proto>` carries RTP (`RTP/AVP`, `UDP/TLS/RTP/SAVPF`, …). Matched by
/// '/'-separated parts: a substring search would add a searcher to the wasm.
fn is_rtp(proto: &str) -> bool {
    proto.split('/').any(|part| part == "RTP")
}

/// A decimal number of digits only (no sign, no spaces) that fits a u32. Hand-written:
/// the generic `str::parse` is larger in wasm, once per integer type.
pub(super) fn decimal(text: &str) -> Option<u32> {
    if text.is_empty() {
        return None;
    }
    text.bytes().try_fold(0u32, |n, b| match b {
        b'0'..=b'9' => n.checked_mul(10)?.checked_add(u32::from(b - b'0')),
        _ => None,
    })
}

/// A number 0–255 (see [`decimal`]).
pub(super) fn decimal_u8(text: &str) -> Option<u8> {
    decimal(text).and_then(|n| u8::try_from(n).ok())
}

#[cfg(test)]
mod tests {
    use super::is_token;

    #[test]
    fn tokens_are_rfc_8866_token_chars_only() {
        assert!(is_token("aZ09!#$%&'*+-.^_`{|}~"));
        for not in [
            "", "a b", "a:b", "a\"b", "a(b", "a,b", "a/b", "a@b", "a[b", "é", "a\u{7f}",
        ] {
            assert!(!is_token(not), "{not:?}");
        }
    }
}
