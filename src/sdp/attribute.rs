//! Typed attribute values, in the manner of webrtc-sdp's `SdpAttribute`: every `a=` line
//! of a parsed description is parsed once into an [`AttributeValue`]. Only the attributes
//! whose meaning this crate reads get a variant of their own; a malformed value of one of
//! them is a syntax error ([`super::parse`]), whereas every other attribute is
//! [`AttributeValue::Other`] whatever its value.
//!
//! What a value means for an answer (a ufrag's length, a role that an answer may not
//! take, …) is for its users to judge: [`is_ice_ufrag`] and [`is_ice_pwd`] give the
//! grammar they check against.

use super::parser::{decimal, decimal_u8, first_of, is_token, split_at_byte};
use super::{Direction, Extmap, PayloadType};
use crate::ice::is_ice_char;

/// An `a=<name>[:<value>]` line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Attribute<'a> {
    /// 1-based line number.
    pub(crate) line: usize,
    /// What the line says.
    pub(crate) value: AttributeValue<'a>,
}

/// The value of an attribute, by its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AttributeValue<'a> {
    /// `a=rtpmap:<pt> <encoding name>/<clock rate>[/<parameters>]` (RFC 8866 §6.6).
    Rtpmap(Rtpmap<'a>),
    /// `a=rtcp-fb:<pt>|* <type>[ <parameter>]` (RFC 4585 §4.2).
    RtcpFb(RtcpFb<'a>),
    /// `a=extmap:<id>[/<direction>] <uri>[ <attributes>]` (RFC 8285 §8), id 1–255.
    Extmap(Extmap<'a>),
    /// `a=fingerprint:<hash-func> <XX:XX:…>` (RFC 8122 §5); its value is not kept (an
    /// answer's fingerprint needs only to be there).
    Fingerprint,
    /// `a=mid:<token>` (RFC 9143 §9.1).
    Mid(&'a str),
    /// `a=ice-ufrag:<ufrag>`, as written (see [`is_ice_ufrag`]).
    IceUfrag(&'a str),
    /// `a=ice-pwd:<pwd>`, as written (see [`is_ice_pwd`]).
    IcePwd(&'a str),
    /// `a=setup:<role>` (RFC 4145 §4).
    Setup(Setup),
    /// `a=group:<semantics>[ <mid>…]` (RFC 5888 §5).
    Group(Group<'a>),
    /// `a=ice-options:<option tags>` (RFC 8839 §5.6); without a value it is `Other`.
    IceOptions(IceOptions<'a>),
    /// `a=sendrecv`, `a=sendonly`, `a=recvonly` or `a=inactive` (any value ignored).
    Direction(Direction),
    /// `a=rtcp-mux` (RFC 5761 §5.1.1).
    RtcpMux,
    /// `a=rtcp-rsize` (RFC 5506 §5).
    RtcpRsize,
    /// `a=simulcast:<streams>` (RFC 8853 §5.1), its value as written (empty without one).
    Simulcast(&'a str),
    /// `a=msid:<stream id> [<track id>]` (RFC 8830 §2): the MediaStream id (`-` for none).
    /// Read leniently: without a value it is `Other`.
    Msid(&'a str),
    /// `a=max-message-size:<bytes>` (RFC 8841 §6); read leniently: a value that is not a
    /// decimal number is `Other`.
    MaxMessageSize(u64),
    /// `a=fmtp:<pt> <parameters>` (RFC 8866 §6.15); read leniently: a line whose first
    /// word is no payload type is `Other`.
    Fmtp(Fmtp<'a>),
    /// `a=sctp-port:<port>` (RFC 8841 §5); read leniently like `max-message-size`.
    SctpPort(u16),
    /// `a=extmap-allow-mixed` (RFC 8285 §6).
    ExtmapAllowMixed,
    /// `a=rtcp-xr` (RFC 3611 §5.1); its value is not read.
    RtcpXr,
    /// Any other attribute.
    Other,
}

/// The value of `a=rtpmap`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Rtpmap<'a> {
    pub(crate) payload_type: PayloadType,
    /// As written (compared case-insensitively).
    pub(crate) encoding_name: &'a str,
    pub(crate) clock_rate: u32,
    /// The encoding parameters after the clock rate (audio: the channel count), when
    /// they are a number.
    pub(crate) channels: Option<u8>,
}

/// The value of `a=fmtp`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Fmtp<'a> {
    pub(crate) payload_type: PayloadType,
    /// Everything after the payload type's space, verbatim (possibly empty).
    pub(crate) parameters: &'a str,
}

/// The value of `a=rtcp-fb`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RtcpFb<'a> {
    /// `None` for `*` (every payload type of the section).
    pub(crate) payload_type: Option<PayloadType>,
    /// The feedback type and parameter as written after the payload type's space (it
    /// has at least one word).
    pub(crate) feedback: &'a str,
}

/// A DTLS role (RFC 4145 §4). Any other value is a syntax error, as in Chromium.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Setup {
    Active,
    Passive,
    ActPass,
    HoldConn,
}

/// The value of `a=group`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Group<'a> {
    /// The first word, e.g. `BUNDLE`; empty for an empty value.
    pub(crate) semantics: &'a str,
    /// The words after it.
    mids: &'a str,
}

impl<'a> Group<'a> {
    /// The identification tags (mids) the group names, in order.
    pub(crate) fn mids(self) -> impl Iterator<Item = &'a str> {
        self.mids.split(' ').filter(|mid| !mid.is_empty())
    }
}

/// The value of `a=ice-options`: space-separated option tags.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct IceOptions<'a>(&'a str);

impl IceOptions<'_> {
    /// Whether `option` (e.g. `trickle`) is one of the tags.
    pub(crate) fn contains(self, option: &str) -> bool {
        self.0.split(' ').any(|tag| tag == option)
    }
}

impl<'a> AttributeValue<'a> {
    /// The typed value of `a=<name>[:<value>]`; `None` when an attribute with a typed
    /// value has a malformed one (or none).
    pub(super) fn parse(name: &str, value: Option<&'a str>) -> Option<AttributeValue<'a>> {
        use AttributeValue as V;
        if let Some(direction) = Direction::from_name(name) {
            return Some(V::Direction(direction));
        }
        Some(match name {
            "rtcp-mux" => V::RtcpMux,
            "rtcp-rsize" => V::RtcpRsize,
            "simulcast" => V::Simulcast(value.unwrap_or("")),
            "max-message-size" => value
                .filter(|v| !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()))
                .and_then(|v| v.parse().ok())
                .map_or(V::Other, V::MaxMessageSize),
            "msid" => value
                .and_then(|v| v.split(' ').next())
                .filter(|id| !id.is_empty())
                .map_or(V::Other, V::Msid),
            "fmtp" => value.and_then(fmtp).map_or(V::Other, V::Fmtp),
            "sctp-port" => value
                .and_then(decimal)
                .and_then(|port| u16::try_from(port).ok())
                .map_or(V::Other, V::SctpPort),
            "extmap-allow-mixed" => V::ExtmapAllowMixed,
            "rtcp-xr" => V::RtcpXr,
            "ice-options" => value.map_or(V::Other, |options| V::IceOptions(IceOptions(options))),
            "fingerprint" => is_fingerprint(value?).then_some(V::Fingerprint)?,
            "mid" => V::Mid(value.filter(|mid| is_token(mid))?),
            "rtpmap" => V::Rtpmap(rtpmap(value?)?),
            "rtcp-fb" => V::RtcpFb(rtcp_fb(value?)?),
            "extmap" => V::Extmap(extmap(value?)?),
            "ice-ufrag" => V::IceUfrag(value?),
            "ice-pwd" => V::IcePwd(value?),
            "setup" => V::Setup(setup(value?)?),
            "group" => V::Group(group(value?)),
            _ => V::Other,
        })
    }
}

/// `<hash-func> <XX:XX:…>` (RFC 8122): a token, then pairs of hex digits.
fn is_fingerprint(value: &str) -> bool {
    split_at_byte(value, b' ').is_some_and(|(hash, digest)| {
        is_token(hash)
            && digest
                .split(':')
                .all(|pair| pair.len() == 2 && pair.bytes().all(|b| b.is_ascii_hexdigit()))
    })
}

/// `<pt> <encoding name>/<clock rate>[/<parameters>]`.
fn rtpmap(value: &str) -> Option<Rtpmap<'_>> {
    let (pt, encoding) = split_at_byte(value, b' ')?;
    let (encoding_name, rate) =
        split_at_byte(encoding, b'/').filter(|(name, _)| !name.is_empty())?;
    let (clock_rate, channels) = match split_at_byte(rate, b'/') {
        Some((rate, parameters)) => (rate, Some(first_of(parameters, b'/'))),
        None => (rate, None),
    };
    Some(Rtpmap {
        payload_type: PayloadType::parse(pt)?,
        encoding_name,
        clock_rate: decimal(clock_rate)?,
        channels: channels.and_then(decimal_u8),
    })
}

/// `<pt> <parameters>`.
fn fmtp(value: &str) -> Option<Fmtp<'_>> {
    let (pt, parameters) = split_at_byte(value, b' ').unwrap_or((value, ""));
    Some(Fmtp {
        payload_type: PayloadType::parse(pt)?,
        parameters,
    })
}

/// `<pt>|* <type>[ <parameter>]`.
fn rtcp_fb(value: &str) -> Option<RtcpFb<'_>> {
    let (pt, feedback) = split_at_byte(value, b' ')?;
    let payload_type = match pt {
        "*" => None,
        pt => Some(PayloadType::parse(pt)?),
    };
    feedback.bytes().any(|b| b != b' ').then_some(RtcpFb {
        payload_type,
        feedback,
    })
}

/// `<id>[/<direction>] <uri>[ <attributes>]`.
fn extmap(value: &str) -> Option<Extmap<'_>> {
    let (id, rest) = split_at_byte(value, b' ')?;
    let id = first_of(id, b'/');
    let id = decimal_u8(id).filter(|id| *id >= 1)?;
    let start = rest.bytes().position(|b| b != b' ')?;
    let uri = first_of(rest.get(start..)?, b' ');
    Some(Extmap {
        id: u16::from(id),
        uri,
    })
}

/// A role named in any case, as libwebrtc's StringToConnectionRole reads it.
fn setup(role: &str) -> Option<Setup> {
    [
        ("active", Setup::Active),
        ("passive", Setup::Passive),
        ("actpass", Setup::ActPass),
        ("holdconn", Setup::HoldConn),
    ]
    .into_iter()
    .find_map(|(name, setup)| role.eq_ignore_ascii_case(name).then_some(setup))
}

fn group(value: &str) -> Group<'_> {
    let value = value.trim_start_matches(' ');
    let (semantics, mids) = split_at_byte(value, b' ').unwrap_or((value, ""));
    Group { semantics, mids }
}

/// ICE ufrag lengths (RFC 8839 §5.4).
const UFRAG_LEN: core::ops::RangeInclusive<usize> = 4..=256;
/// ICE pwd lengths (RFC 8839 §5.4).
const PWD_LEN: core::ops::RangeInclusive<usize> = 22..=256;

/// Whether `ufrag` is a valid ICE username fragment: 4 to 256 ice-chars (RFC 8839 §5.4).
pub(crate) fn is_ice_ufrag(ufrag: &str) -> bool {
    UFRAG_LEN.contains(&ufrag.len()) && ufrag.chars().all(is_ice_char)
}

/// Whether `pwd` is a valid ICE password: 22 to 256 ice-chars (RFC 8839 §5.4).
pub(crate) fn is_ice_pwd(pwd: &str) -> bool {
    PWD_LEN.contains(&pwd.len()) && pwd.chars().all(is_ice_char)
}

/// Most characters in an msid-id or msid-appdata (RFC 8830 §2).
const MSID_MAX_LEN: usize = 64;

/// Whether `id` may be a MediaStream id or track id in `a=msid` (RFC 8830 §2:
/// `1*64token-char`).
pub(crate) fn is_msid_id(id: &str) -> bool {
    id.len() <= MSID_MAX_LEN && is_token(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_values() {
        let parse = AttributeValue::parse;
        assert_eq!(
            parse("rtpmap", Some("111 opus/48000/2")),
            Some(AttributeValue::Rtpmap(Rtpmap {
                payload_type: PayloadType::new(111).unwrap(),
                encoding_name: "opus",
                clock_rate: 48000,
                channels: Some(2),
            }))
        );
        assert_eq!(
            parse("rtcp-fb", Some("* ccm  fir")),
            Some(AttributeValue::RtcpFb(RtcpFb {
                payload_type: None,
                feedback: "ccm  fir",
            }))
        );
        assert_eq!(
            parse("extmap", Some("200/sendonly  urn:x ext")),
            Some(AttributeValue::Extmap(Extmap {
                id: 200,
                uri: "urn:x"
            }))
        );
        let Some(AttributeValue::Group(group)) = parse("group", Some(" BUNDLE  0 1")) else {
            panic!("a=group");
        };
        assert_eq!(group.semantics, "BUNDLE");
        assert!(group.mids().eq(["0", "1"]));
        assert_eq!(
            parse("sendonly", Some("x")),
            Some(AttributeValue::Direction(Direction::SendOnly))
        );
        assert_eq!(
            parse("setup", Some("ActPass")),
            Some(AttributeValue::Setup(Setup::ActPass))
        );
        assert_eq!(parse("ice-options", None), Some(AttributeValue::Other));
        assert_eq!(
            parse("ice-ufrag", Some("")),
            Some(AttributeValue::IceUfrag(""))
        );
        assert_eq!(parse("unknown", None), Some(AttributeValue::Other));
    }

    #[test]
    fn malformed_values() {
        let cases = [
            ("fingerprint", Some("sha-256 XYZ")),
            ("fingerprint", Some("sha-256")),
            ("fingerprint", None),
            ("mid", Some("")),
            ("mid", Some("a b")),
            ("rtpmap", Some("111 opus")),
            ("rtpmap", Some("128 opus/48000")),
            ("rtcp-fb", Some("111 ")),
            ("rtcp-fb", Some("999 nack")),
            ("extmap", Some("0 urn:x")),
            ("extmap", Some("256 urn:x")),
            ("extmap", Some("1")),
            ("ice-ufrag", None),
            ("ice-pwd", None),
            ("setup", None),
            ("setup", Some("")),
            ("setup", Some("bogus")),
            ("group", None),
        ];
        for (name, value) in cases {
            assert_eq!(AttributeValue::parse(name, value), None, "{name}:{value:?}");
        }
    }

    #[test]
    fn ice_credentials_and_msid_ids() {
        assert!(is_ice_ufrag("a+/9") && !is_ice_ufrag("abc") && !is_ice_ufrag("ab-d"));
        assert!(is_ice_pwd(&"p".repeat(22)) && !is_ice_pwd(&"p".repeat(21)));
        assert!(is_msid_id(&"s".repeat(64)) && !is_msid_id(&"s".repeat(65)));
        assert!(!is_msid_id("") && !is_msid_id("a b"));
    }
}
