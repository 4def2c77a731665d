//! Payload formats of an RTP m-section and their pre-rendered SDP text.

use super::parser::decimal_u8;

/// An RTP payload type: 0–127 (RFC 3551 §3; 7 bits of the RTP header).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PayloadType(u8);

impl PayloadType {
    /// `value` as a payload type, or `None` above 127.
    pub const fn new(value: u8) -> Option<PayloadType> {
        match value {
            0..=127 => Some(PayloadType(value)),
            _ => None,
        }
    }

    /// The number.
    pub const fn get(self) -> u8 {
        self.0
    }

    /// A payload type written in SDP (an m= line's `<fmt>`, or the first field of
    /// `a=rtpmap` / `a=rtcp-fb`): decimal digits only, at most 127.
    pub(crate) fn parse(text: &str) -> Option<PayloadType> {
        decimal_u8(text).and_then(PayloadType::new)
    }
}

impl From<PayloadType> for u8 {
    fn from(pt: PayloadType) -> u8 {
        pt.0
    }
}

/// One payload format: its `a=rtpmap`, `a=rtcp-fb` and `a=fmtp` lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Codec {
    /// The payload type the section maps it to.
    pub payload_type: PayloadType,
    /// Encoding name as written in the rtpmap, e.g. `opus`, `VP8`, `rtx`.
    pub encoding_name: String,
    /// RTP clock rate in Hz, e.g. 48000.
    pub clock_rate: u32,
    /// Channel count, written only when present (audio codecs with more than one channel).
    pub channels: Option<u8>,
    /// Feedback types, one `a=rtcp-fb:<pt> <type>` line each, in order.
    pub rtcp_feedback: Vec<String>,
    /// Format parameters, one `a=fmtp:<pt> <parameters>` line when present.
    pub fmtp: Option<String>,
}

impl Codec {
    /// The payload type an RTX format repeats: `<pt>` of its `apt=<pt>` fmtp (RFC 4588
    /// §8.6), when that is all the fmtp holds.
    pub(crate) fn associated_payload_type(&self) -> Option<PayloadType> {
        self.fmtp
            .as_deref()?
            .strip_prefix("apt=")
            .and_then(PayloadType::parse)
    }
}

/// An ordered list of payload formats plus its SDP text, rendered once when the list
/// is made: the codec block is most of an offer and identical in every offer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodecList {
    codecs: Vec<Codec>,
    payload_types: String,
    lines: String,
}

impl CodecList {
    /// Makes the list and renders its text.
    pub fn new(codecs: Vec<Codec>) -> Self {
        // Writing into a String cannot fail.
        let (payload_types, lines) = super::writer::codec_text(&codecs).unwrap_or_default();
        CodecList {
            codecs,
            payload_types,
            lines,
        }
    }

    /// The formats, in preference order.
    pub fn codecs(&self) -> &[Codec] {
        &self.codecs
    }

    /// The `<fmt>` list of the m= line, e.g. `111 63 9`.
    pub fn payload_types(&self) -> &str {
        &self.payload_types
    }

    /// The rtpmap / rtcp-fb / fmtp lines, each CRLF-terminated.
    pub fn lines(&self) -> &str {
        &self.lines
    }
}
