//! Checking a remote answer against the local offer it answers (RFC 9429 §5.8 and
//! §5.10, RFC 3264 §6, RFC 8843) and keeping the parts later offers follow.
//!
//! Syntax problems (including malformed values of the attributes read here) are
//! [`ErrorKind::SdpSyntax`] errors carrying the offending line in [`Error::line`]; an answer that parses
//! but cannot answer our offer is an `InvalidAccessError` whose message names the line.

use crate::error::{Error, ErrorKind};
use crate::sdp::{
    decimal, decimal_u8, is_rtp, is_token_char, payload_type, syntax_error, Attribute, Direction,
    ParsedDescription, ParsedMedia,
};

use super::offer::{MLine, Owner};

/// ICE ufrag and pwd lengths (RFC 8839 §5.4).
const UFRAG_LEN: core::ops::RangeInclusive<usize> = 4..=256;
const PWD_LEN: core::ops::RangeInclusive<usize> = 22..=256;

/// What an answer said about one m-section, kept for the offers that follow it.
#[derive(Debug, Clone)]
pub(super) struct AnsweredSection {
    pub(super) rejected: bool,
    /// Its direction seen from our side (`inactive` when rejected).
    pub(super) current_direction: Direction,
    /// The payload types of its m= line, in order.
    pub(super) formats: Vec<u8>,
    /// `a=rtcp-fb` lines: payload type (`None` for `*`) and the feedback type.
    pub(super) feedback: Vec<(Option<u8>, String)>,
    /// The header extension URIs it accepted.
    pub(super) extensions: Vec<String>,
    pub(super) rtcp_rsize: bool,
}

/// The applied remote answer.
#[derive(Debug, Clone)]
pub(super) struct Answer {
    /// One per m-line, aligned with the offer's sections.
    pub(super) sections: Vec<AnsweredSection>,
    /// Mids of the answer's BUNDLE group(s).
    pub(super) bundle: Vec<String>,
    /// `a=ice-options` lists `trickle` (RFC 8840 §4.1.1), at session or media level.
    pub(super) trickle: bool,
}

/// Our side's view of a section after the answer (what the W3C API reports).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NegotiatedSection {
    /// The transceiver's id; `None` for the data section.
    pub id: Option<u32>,
    pub mid: String,
    /// The transceiver's `currentDirection`: the answer's direction seen from our side
    /// (`inactive` when rejected; `sendrecv` for an accepted data section).
    pub current_direction: Direction,
    /// The answer rejected the section (port 0): its transceiver is stopped.
    pub rejected: bool,
}

/// An `InvalidAccessError` about `line`, which its message names ([`Error::line`] is
/// for syntax errors: W3C gives `sdpLineNumber` to those only). Few formatted messages:
/// each `format!` site costs wasm bytes.
fn invalid(line: usize, what: &str) -> Error {
    Error::new(ErrorKind::InvalidAccess, format!("Line {line}: {what}"))
}

/// Whether any `a=ice-options` line of `answer` has the `trickle` option.
fn offers_trickle(answer: &ParsedDescription<'_>) -> bool {
    let media = answer
        .media
        .iter()
        .flat_map(|m| m.attributes("ice-options"));
    answer
        .attributes("ice-options")
        .chain(media)
        .filter_map(|a| a.value)
        .any(|options| options.split(' ').any(|option| option == "trickle"))
}

/// A syntax error about an attribute's value.
fn malformed(attribute: &Attribute<'_>) -> Error {
    let mut text = String::from("a=");
    text.push_str(attribute.name);
    if let Some(value) = attribute.value {
        text.push(':');
        text.push_str(value);
    }
    syntax_error(attribute.line, &text, "Invalid attribute value.")
}

/// The value of a value attribute, or a syntax error if it has none.
fn value<'a>(attribute: &Attribute<'a>) -> Result<&'a str, Error> {
    attribute.value.ok_or_else(|| malformed(attribute))
}

/// RFC 8839 ice-char.
fn is_ice_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '+' || c == '/'
}

/// `<hash-func> <XX:XX:…>` (RFC 8122).
fn is_fingerprint(value: &str) -> bool {
    value.split_once(' ').is_some_and(|(hash, digest)| {
        !hash.is_empty()
            && hash.chars().all(is_token_char)
            && digest
                .split(':')
                .all(|pair| pair.len() == 2 && pair.bytes().all(|b| b.is_ascii_hexdigit()))
    })
}

/// `<pt> <encoding name>/<clock rate>[/<parameters>]`.
fn parse_rtpmap(value: &str) -> Option<(u8, &str, u32)> {
    let (pt, encoding) = value.split_once(' ')?;
    let mut parts = encoding.split('/');
    let name = parts.next().filter(|n| !n.is_empty())?;
    let clock = decimal(parts.next()?)?;
    Some((payload_type(pt)?, name, clock))
}

/// `<pt>|* <type>[ <parameter>]`: the payload type (`None` for `*`) and the rest.
fn parse_rtcp_fb(value: &str) -> Option<(Option<u8>, &str)> {
    let (pt, kind) = value.split_once(' ')?;
    let pt = match pt {
        "*" => None,
        pt => Some(payload_type(pt)?),
    };
    kind.split(' ').any(|w| !w.is_empty()).then_some((pt, kind))
}

/// `<id>[/<direction>] <uri> [<attributes>]`: the URI.
fn parse_extmap(value: &str) -> Option<&str> {
    let (id, rest) = value.split_once(' ')?;
    let id = id.split_once('/').map_or(id, |(id, _)| id);
    decimal_u8(id).filter(|id| *id >= 1)?;
    rest.split(' ').find(|uri| !uri.is_empty())
}

/// The syntax of the attributes whose values this module reads: malformed ones are
/// syntax errors wherever they are, before anything is compared with the offer.
fn check_syntax(attributes: &[Attribute<'_>]) -> Result<(), Error> {
    for attribute in attributes {
        let well_formed = match attribute.name {
            "fingerprint" => value(attribute).map(is_fingerprint)?,
            "mid" => {
                let mid = value(attribute)?;
                !mid.is_empty() && mid.chars().all(is_token_char)
            }
            "rtpmap" => value(attribute).map(|v| parse_rtpmap(v).is_some())?,
            "rtcp-fb" => value(attribute).map(|v| parse_rtcp_fb(v).is_some())?,
            "extmap" => value(attribute).map(|v| parse_extmap(v).is_some())?,
            "ice-ufrag" | "ice-pwd" | "setup" | "group" => value(attribute).is_ok(),
            _ => true,
        };
        if !well_formed {
            return Err(malformed(attribute));
        }
    }
    Ok(())
}

/// The transport attributes of one m-section (or of the session level).
#[derive(Clone, Copy, Default)]
struct Transport<'s, 'a> {
    ufrag: Option<&'s Attribute<'a>>,
    pwd: Option<&'s Attribute<'a>>,
    fingerprint: Option<&'s Attribute<'a>>,
}

impl<'s, 'a> Transport<'s, 'a> {
    fn of(attributes: &'s [Attribute<'a>]) -> Self {
        let find = |name: &str| attributes.iter().find(|a| a.name == name);
        Transport {
            ufrag: find("ice-ufrag"),
            pwd: find("ice-pwd"),
            fingerprint: find("fingerprint"),
        }
    }

    /// Each attribute this one lacks taken from `fallback`.
    fn or(self, fallback: Transport<'s, 'a>) -> Self {
        Transport {
            ufrag: self.ufrag.or(fallback.ufrag),
            pwd: self.pwd.or(fallback.pwd),
            fingerprint: self.fingerprint.or(fallback.fingerprint),
        }
    }
}

/// The mid of an m-section, if it has one.
fn mid_of<'a>(media: &ParsedMedia<'a>) -> Option<&'a str> {
    media.attribute("mid").and_then(|a| a.value)
}

/// Checks `answer` against `offer` (the applied local offer's sections) and returns
/// what later offers need plus our side's view of each section.
pub(super) fn read_answer(
    answer: &ParsedDescription<'_>,
    offer: &[MLine],
) -> Result<(Answer, Vec<NegotiatedSection>), Error> {
    check_syntax(&answer.attributes)?;
    for media in &answer.media {
        check_syntax(&media.attributes)?;
    }
    if answer.media.len() < offer.len() {
        return Err(Error::new(
            ErrorKind::InvalidAccess,
            "The answer has fewer m-sections than the offer: each must be answered, in order.",
        ));
    }
    if let Some(extra) = answer.media.get(offer.len()) {
        return Err(invalid(
            extra.line,
            "the answer has more m-sections than the offer.",
        ));
    }
    for (media, section) in answer.media.iter().zip(offer) {
        check_identity(media, section)?;
    }
    let bundle = bundle_group(answer)?;

    let session = Transport::of(&answer.attributes);
    // The answerer-tagged section (the group's first mid) carries the transport of every
    // section in the group (RFC 8843 §7.3.1).
    let tagged = bundle
        .first()
        .and_then(|mid| answer.media.iter().find(|m| mid_of(m) == Some(mid)))
        .map(|m| Transport::of(&m.attributes).or(session));

    let mut answered = Vec::with_capacity(offer.len());
    let mut negotiated = Vec::with_capacity(offer.len());
    for (media, section) in answer.media.iter().zip(offer) {
        let id = match section.owner {
            Owner::Transceiver { id, .. } => Some(id),
            Owner::Data => None,
        };
        let rejected = media.port == 0;
        let mut current_direction = Direction::Inactive;
        let mut kept = AnsweredSection {
            rejected,
            current_direction: Direction::Inactive,
            formats: Vec::new(),
            feedback: Vec::new(),
            extensions: Vec::new(),
            rtcp_rsize: media.attribute("rtcp-rsize").is_some(),
        };
        if !rejected {
            let mut transport = Transport::of(&media.attributes).or(session);
            if let Some(tagged) = tagged.filter(|_| bundle.contains(&section.mid)) {
                transport = transport.or(tagged);
            }
            check_transport(media, transport)?;
            current_direction = match section.owner {
                Owner::Data => Direction::SendRecv,
                Owner::Transceiver { .. } => {
                    check_rtcp_mux(media)?;
                    reverse(answer_direction(media, section)?)
                }
            };
            kept.formats = check_formats(media, section)?;
            kept.feedback = media
                .attributes("rtcp-fb")
                .filter_map(|a| parse_rtcp_fb(a.value?))
                .map(|(pt, kind)| (pt, kind.to_string()))
                .collect();
            kept.extensions = media
                .attributes("extmap")
                .filter_map(|a| parse_extmap(a.value?))
                .map(str::to_string)
                .collect();
        }
        kept.current_direction = current_direction;
        answered.push(kept);
        negotiated.push(NegotiatedSection {
            id,
            mid: section.mid.clone(),
            current_direction,
            rejected,
        });
    }
    Ok((
        Answer {
            sections: answered,
            bundle,
            trickle: offers_trickle(answer),
        },
        negotiated,
    ))
}

/// Kind, protocol, port and mid must answer the offered m-section at the same index.
fn check_identity(media: &ParsedMedia<'_>, section: &MLine) -> Result<(), Error> {
    let line = media.line;
    let (kind, proto_ok) = match section.owner {
        Owner::Transceiver { kind, .. } => (kind.as_str(), is_rtp(media.proto)),
        Owner::Data => ("application", media.proto.split('/').any(|p| p == "SCTP")),
    };
    if media.kind != kind || !proto_ok {
        return Err(invalid(
            line,
            "the m-line differs in media or protocol from the offer's m-line at this position; an answer's m-lines match the offer's, in order.",
        ));
    }
    if section.rejected && media.port != 0 {
        return Err(invalid(
            line,
            "the offer rejected this m-section (port 0); the answer must reject it too.",
        ));
    }
    match media.attribute("mid") {
        Some(mid) if mid.value == Some(section.mid.as_str()) => Ok(()),
        Some(mid) => Err(invalid(
            mid.line,
            "the mid differs from that of the offer's m-section at this position; an answer's m-lines match the offer's, in order.",
        )),
        // A rejected section needs no mid (RFC 8843 §7.3.3 removes it from every group).
        None if media.port == 0 => Ok(()),
        None => Err(invalid(line, "the m-section has no a=mid.")),
    }
}

/// The mids of every `a=group:BUNDLE`, each of which must name an answered m-section.
fn bundle_group(answer: &ParsedDescription<'_>) -> Result<Vec<String>, Error> {
    let mut bundle: Vec<String> = Vec::new();
    for group in answer.attributes("group") {
        let mut fields = group
            .value
            .unwrap_or_default()
            .split(' ')
            .filter(|f| !f.is_empty());
        if fields.next() != Some("BUNDLE") {
            continue;
        }
        for mid in fields {
            if !answer.media.iter().any(|m| mid_of(m) == Some(mid)) {
                return Err(invalid(
                    group.line,
                    "the BUNDLE group names a mid that no m-section of the answer has.",
                ));
            }
            bundle.push(mid.to_string());
        }
    }
    Ok(bundle)
}

/// ICE credentials and a fingerprint must be present and valid; `a=setup` (if any)
/// must be `active` or `passive` (RFC 8842 §5.3).
fn check_transport(media: &ParsedMedia<'_>, transport: Transport<'_, '_>) -> Result<(), Error> {
    let line = media.line;
    let (Some(ufrag), Some(pwd)) = (transport.ufrag, transport.pwd) else {
        return Err(invalid(
            line,
            "the m-section has no a=ice-ufrag and a=ice-pwd.",
        ));
    };
    let credentials = [
        (
            ufrag,
            UFRAG_LEN,
            "invalid ICE ufrag: it must be 4 to 256 characters of A-Z, a-z, 0-9, '+' and '/'.",
        ),
        (
            pwd,
            PWD_LEN,
            "invalid ICE pwd: it must be 22 to 256 characters of A-Z, a-z, 0-9, '+' and '/'.",
        ),
    ];
    for (attribute, lengths, problem) in credentials {
        let credential = attribute.value.unwrap_or_default();
        if !lengths.contains(&credential.len()) || !credential.chars().all(is_ice_char) {
            return Err(invalid(attribute.line, problem));
        }
    }
    if transport.fingerprint.is_none() {
        return Err(invalid(line, "the m-section has no a=fingerprint."));
    }
    if let Some(setup) = media.attribute("setup") {
        if !matches!(setup.value, Some("active" | "passive")) {
            return Err(invalid(
                setup.line,
                "an answer's a=setup must be active or passive.",
            ));
        }
    }
    Ok(())
}

/// We require RTCP multiplexing (rtcpMuxPolicy "require"), so the answer must accept it.
fn check_rtcp_mux(media: &ParsedMedia<'_>) -> Result<(), Error> {
    match media.attribute("rtcp-mux") {
        Some(_) => Ok(()),
        None => Err(invalid(
            media.line,
            "the m-section has no a=rtcp-mux, which rtcpMuxPolicy 'require' needs.",
        )),
    }
}

fn direction(name: &str) -> Option<Direction> {
    match name {
        "sendrecv" => Some(Direction::SendRecv),
        "sendonly" => Some(Direction::SendOnly),
        "recvonly" => Some(Direction::RecvOnly),
        "inactive" => Some(Direction::Inactive),
        _ => None,
    }
}

/// The direction seen from the other side.
fn reverse(direction: Direction) -> Direction {
    match direction {
        Direction::SendOnly => Direction::RecvOnly,
        Direction::RecvOnly => Direction::SendOnly,
        other => other,
    }
}

/// The answer's direction (sendrecv when it has none, RFC 3264 §5.1), which must be
/// one the offered direction allows (RFC 3264 §6.1).
fn answer_direction(media: &ParsedMedia<'_>, section: &MLine) -> Result<Direction, Error> {
    let mut found = None;
    for attribute in &media.attributes {
        if let Some(d) = direction(attribute.name) {
            if found.is_some() {
                return Err(invalid(
                    attribute.line,
                    "the m-section has more than one direction attribute.",
                ));
            }
            found = Some((d, attribute.line));
        }
    }
    let (answered, line) = found.unwrap_or((Direction::SendRecv, media.line));
    let allowed = match section.direction {
        Direction::SendRecv => true,
        Direction::SendOnly => matches!(answered, Direction::RecvOnly | Direction::Inactive),
        Direction::RecvOnly => matches!(answered, Direction::SendOnly | Direction::Inactive),
        Direction::Inactive => answered == Direction::Inactive,
    };
    match allowed {
        true => Ok(answered),
        false => Err(invalid(
            line,
            &format!(
                "a={} does not answer the offered a={}.",
                answered.as_str(),
                section.direction.as_str()
            ),
        )),
    }
}

/// The answer's formats, each of which must have been offered (under the same
/// encoding, if the answer maps it).
fn check_formats(media: &ParsedMedia<'_>, section: &MLine) -> Result<Vec<u8>, Error> {
    let line = media.line;
    let Owner::Transceiver { .. } = section.owner else {
        if media.formats.iter().any(|f| *f != "webrtc-datachannel") {
            return Err(invalid(
                line,
                "the data m-section's format must be webrtc-datachannel.",
            ));
        }
        return Ok(Vec::new());
    };
    let offered = section.formats.codecs();
    let mut formats = Vec::with_capacity(media.formats.len());
    for format in &media.formats {
        let pt = payload_type(format).filter(|pt| offered.iter().any(|c| c.payload_type == *pt));
        let Some(pt) = pt else {
            return Err(invalid(
                line,
                &format!("payload type {format} was not offered in this m-section."),
            ));
        };
        formats.push(pt);
    }
    for rtpmap in media.attributes("rtpmap") {
        let Some((pt, name, clock)) = rtpmap.value.and_then(parse_rtpmap) else {
            continue;
        };
        let same = offered.iter().any(|c| {
            c.payload_type == pt
                && c.encoding_name.eq_ignore_ascii_case(name)
                && c.clock_rate == clock
        });
        if formats.contains(&pt) && !same {
            return Err(invalid(
                rtpmap.line,
                "the offer has another codec under this payload type.",
            ));
        }
    }
    Ok(formats)
}
