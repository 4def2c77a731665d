//! A typed model of the SDP offers this crate writes, the writer that turns it into
//! text in the attribute order libwebrtc (Chromium 156) uses, and (crate-private) the SDP
//! grammar of the descriptions it receives: a parser that checks the line structure and
//! gives each attribute that the answer rules read a typed value.
//!
//! The model borrows everything it can from the state it describes, so building one for
//! each offer costs a handful of small allocations; codec blocks are pre-rendered once
//! (see [`CodecList`]) because they are the bulk of an offer and never change.

mod attribute;
mod candidate;
mod codec;
mod ip;
mod parser;
mod writer;

pub(crate) use attribute::{is_ice_pwd, is_ice_ufrag, Attribute, AttributeValue, Rtpmap, Setup};
pub use candidate::{
    section_candidates, with_default_destinations, with_section_attribute, Candidate,
    CandidateTransport, CandidateType,
};
pub use codec::{Codec, CodecList, PayloadType};
pub(crate) use parser::{parse, ParsedDescription, ParsedMedia};

pub(crate) use attribute::is_msid_id;
pub(crate) use parser::is_token;
#[cfg(all(target_arch = "wasm32", feature = "wasm-session"))]
pub(crate) use writer::session_version_range;
pub(crate) use writer::with_session_version;

/// The kind of an RTP media section (`m=audio` / `m=video`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MediaKind {
    /// `m=audio`.
    Audio,
    /// `m=video`.
    Video,
}

impl MediaKind {
    /// The `<media>` token of the m= line.
    pub fn as_str(self) -> &'static str {
        match self {
            MediaKind::Audio => "audio",
            MediaKind::Video => "video",
        }
    }

    /// The kind whose [`as_str`](Self::as_str) is `name`.
    pub fn from_name(name: &str) -> Option<MediaKind> {
        match name {
            "audio" => Some(MediaKind::Audio),
            "video" => Some(MediaKind::Video),
            _ => None,
        }
    }
}

/// A media direction attribute (RFC 8866 §6.7), which is also a transceiver's direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    /// `a=sendrecv`: media both ways.
    SendRecv,
    /// `a=sendonly`: this side sends only.
    SendOnly,
    /// `a=recvonly`: this side receives only.
    RecvOnly,
    /// `a=inactive`: no media.
    Inactive,
}

impl Direction {
    /// The attribute name, e.g. `sendrecv`.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::SendRecv => "sendrecv",
            Direction::SendOnly => "sendonly",
            Direction::RecvOnly => "recvonly",
            Direction::Inactive => "inactive",
        }
    }

    /// The direction whose [`as_str`](Self::as_str) is `name`.
    pub fn from_name(name: &str) -> Option<Direction> {
        match name {
            "sendrecv" => Some(Direction::SendRecv),
            "sendonly" => Some(Direction::SendOnly),
            "recvonly" => Some(Direction::RecvOnly),
            "inactive" => Some(Direction::Inactive),
            _ => None,
        }
    }

    /// Whether media is sent in this direction (`sendrecv` or `sendonly`).
    pub fn sends(self) -> bool {
        matches!(self, Direction::SendRecv | Direction::SendOnly)
    }

    /// Whether media is received in this direction (`sendrecv` or `recvonly`).
    pub fn receives(self) -> bool {
        matches!(self, Direction::SendRecv | Direction::RecvOnly)
    }

    /// The direction that sends and receives as told.
    pub fn from_parts(sends: bool, receives: bool) -> Direction {
        match (sends, receives) {
            (true, true) => Direction::SendRecv,
            (true, false) => Direction::SendOnly,
            (false, true) => Direction::RecvOnly,
            (false, false) => Direction::Inactive,
        }
    }

    /// The same direction seen from the other side (`sendonly` ⇄ `recvonly`).
    pub fn reversed(self) -> Direction {
        Direction::from_parts(self.receives(), self.sends())
    }

    /// What both allow (RFC 3264 §6.1: an answer's direction is the offer's reversed,
    /// intersected with what the answerer wants).
    pub fn intersect(self, other: Direction) -> Direction {
        Direction::from_parts(
            self.sends() && other.sends(),
            self.receives() && other.receives(),
        )
    }
}

/// A whole session description: the session-level lines and the m-sections.
///
/// Always written with `v=0`, `o=- <id> <version> IN IP4 127.0.0.1`, `s=-`, `t=0 0`
/// and `a=msid-semantic: WMS`, as Chromium does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionDescription<'a> {
    /// `<sess-id>` of the o= line.
    pub session_id: u64,
    /// `<sess-version>` of the o= line.
    pub session_version: u64,
    /// One `a=group:BUNDLE` line per group, mids in order. An offer has at most one, and
    /// none when it has no live section; an answer has one per offered group, even empty.
    pub bundle: Vec<Vec<&'a str>>,
    /// Whether to write a session-level `a=extmap-allow-mixed` (offers always do; answers
    /// when the offer did).
    pub extmap_allow_mixed: bool,
    /// Stream ids listed after `a=msid-semantic: WMS`.
    pub msid_semantic: Vec<&'a str>,
    /// The m-sections, in order.
    pub media: Vec<MediaSection<'a>>,
}

/// One m-section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MediaSection<'a> {
    /// `m=audio` / `m=video` with `UDP/TLS/RTP/SAVPF`.
    Rtp(RtpSection<'a>),
    /// `m=application … UDP/DTLS/SCTP webrtc-datachannel`.
    Data(DataSection<'a>),
    /// An answer's rejection of an offered m-section it cannot take (unknown media or
    /// protocol, a second data section).
    Unsupported(UnsupportedSection<'a>),
}

/// A rejected m-section echoing what the offer had: `m=<media> 0 <proto> <fmt>…`, `c=`
/// and the offer's `a=mid`, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnsupportedSection<'a> {
    /// The offered `<media>` token.
    pub media: &'a str,
    /// The offered `<proto>`.
    pub proto: &'a str,
    /// The offered `<fmt>` list, space-separated.
    pub formats: &'a str,
    /// The offered `a=mid`.
    pub mid: Option<&'a str>,
}

/// The DTLS role an m-section's `a=setup` states (RFC 8842 §5).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DtlsSetup {
    /// `actpass`: an offer lets the answerer choose.
    ActPass,
    /// `active`: this side connects (the DTLS client).
    Active,
    /// `passive`: this side waits for the other to connect (the DTLS server).
    Passive,
}

impl DtlsSetup {
    /// The attribute value, e.g. `actpass`.
    pub fn as_str(self) -> &'static str {
        match self {
            DtlsSetup::ActPass => "actpass",
            DtlsSetup::Active => "active",
            DtlsSetup::Passive => "passive",
        }
    }
}

/// The transport-category attributes (ICE and DTLS) of an m-section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Transport<'a> {
    /// `a=ice-ufrag`.
    pub ice_ufrag: &'a str,
    /// `a=ice-pwd`.
    pub ice_pwd: &'a str,
    /// One `a=fingerprint` line each.
    pub fingerprints: &'a [FingerprintAttribute],
    /// `a=setup`: `actpass` in offers, the chosen role in answers.
    pub setup: DtlsSetup,
}

/// The value of an `a=fingerprint` line (RFC 8122).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FingerprintAttribute {
    /// Lowercase hash function name, e.g. `sha-256`.
    pub hash_function: String,
    /// Uppercase hex bytes joined by `:`.
    pub value: String,
}

impl From<&crate::cert::Fingerprint> for FingerprintAttribute {
    fn from(fp: &crate::cert::Fingerprint) -> Self {
        FingerprintAttribute {
            hash_function: fp.algorithm.to_ascii_lowercase(),
            value: fp.sdp_value(),
        }
    }
}

/// An `a=extmap:<id> <uri>` line (RFC 8285).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Extmap<'a> {
    /// 1–14 (one-byte form) or 15–255 (two-byte form, allowed by `a=extmap-allow-mixed`).
    pub id: u16,
    /// The extension's URI.
    pub uri: &'a str,
}

/// The sender's identity: one `a=msid:<stream id> <track id>` line per stream id, or
/// `a=msid:- <track id>` when there is none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Msid<'a> {
    /// The MediaStream ids; empty for a sender without streams.
    pub stream_ids: &'a [String],
    /// The track id (msid-appdata).
    pub track_id: &'a str,
}

/// An RTP synchronization source identifier (RFC 3550 §3): the `<ssrc-id>` of
/// `a=ssrc` and `a=ssrc-group` lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Ssrc(u32);

impl Ssrc {
    /// The number.
    pub const fn get(self) -> u32 {
        self.0
    }
}

impl From<u32> for Ssrc {
    fn from(ssrc: u32) -> Ssrc {
        Ssrc(ssrc)
    }
}

impl From<Ssrc> for u32 {
    fn from(ssrc: Ssrc) -> u32 {
        ssrc.0
    }
}

/// The sender's SSRCs: `a=ssrc-group:FID` when there is an RTX SSRC, then the `groups`, then
/// `cname` (and in offers `msid`) lines for each SSRC, `more` last (the msid names the first
/// stream id only, as libwebrtc does).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ssrcs<'a> {
    /// The media SSRC.
    pub primary: Ssrc,
    /// The retransmission SSRC (video).
    pub rtx: Option<Ssrc>,
    /// The session's RTCP CNAME.
    pub cname: &'a str,
    /// More `a=ssrc-group` values (a munged local description's, e.g. `SIM 1 2 3`).
    pub groups: &'a [String],
    /// More SSRCs (a munged local description's).
    pub more: &'a [Ssrc],
}

/// An audio or video m-section.
///
/// Written as: m=, c=, a=rtcp, transport, a=mid, a=extmap-allow-mixed, extmaps, direction,
/// msid, a=rtcp-mux, a=rtcp-rsize, a=rtcp-xr:rcvr-rtt=all, the codec block, ssrc lines, rid
/// lines, a=simulcast.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RtpSection<'a> {
    /// `audio` or `video`.
    pub kind: MediaKind,
    /// 9, or 0 for a rejected (stopped) section.
    pub port: u16,
    /// `<proto>`: `UDP/TLS/RTP/SAVPF` in offers, the offered one in answers.
    pub proto: &'a str,
    /// ICE and DTLS attributes.
    pub transport: Transport<'a>,
    /// `a=mid`; none in an answer to a section that had none.
    pub mid: Option<&'a str>,
    /// A media-level `a=extmap-allow-mixed` (answers to offers that had it there).
    pub extmap_allow_mixed: bool,
    /// `a=extmap` lines, in order.
    pub extmaps: &'a [Extmap<'a>],
    /// The direction attribute.
    pub direction: Direction,
    /// Present for a sending section only.
    pub msid: Option<Msid<'a>>,
    /// Whether to write `a=rtcp:9 IN IP4 0.0.0.0` (not after an answer with rtcp-mux).
    pub rtcp: bool,
    /// Whether to write `a=rtcp-rsize`.
    pub rtcp_rsize: bool,
    /// Whether to write `a=rtcp-xr:rcvr-rtt=all`.
    pub rtcp_xr: bool,
    /// The payload formats (m= line and rtpmap/rtcp-fb/fmtp lines).
    pub codecs: &'a CodecList,
    /// Present for a sending section without simulcast.
    pub ssrcs: Option<Ssrcs<'a>>,
    /// Whether each SSRC also gets a legacy `a=ssrc:<ssrc> msid:` line (offers do; answers
    /// signal as the offer did).
    pub ssrc_msid: bool,
    /// Simulcast layers: one `a=rid:<rid> send` each and `a=simulcast:send r1;r2;…`
    /// (nothing when empty).
    pub send_rids: &'a [String],
    /// Only the first layer is sent: the others are written paused (`~r2;~r3`, RFC 8853 §5.1).
    pub first_rid_only: bool,
    /// Layers written paused whatever `first_rid_only` says (inactive encodings).
    pub paused_rids: &'a [String],
}

/// The data-channel m-section (RFC 8841).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataSection<'a> {
    /// 9, or 0 when an answer rejected it.
    pub port: u16,
    /// ICE and DTLS attributes.
    pub transport: Transport<'a>,
    /// `a=mid`; none in an answer to a section that had none.
    pub mid: Option<&'a str>,
    /// `a=sctp-port`.
    pub sctp_port: u16,
    /// `a=max-message-size` in bytes; no line when `None`.
    pub max_message_size: Option<u32>,
}
