//! Checking a remote answer against the local offer it answers (RFC 9429 §5.8 and
//! §5.10, RFC 3264 §6, RFC 8843) and keeping the parts later offers follow.
//!
//! The SDP grammar is [`crate::sdp`]'s: syntax problems (including malformed values of
//! the attributes read here) are [`crate::error::ErrorKind::SdpSyntax`] errors from the parser, carrying the offending
//! line in [`Error::line`]. What is here are the offer/answer rules: an answer that
//! parses but cannot answer our offer is an `InvalidAccessError` whose message names the
//! line.

use crate::codecs::RID_EXTENSIONS;
use crate::error::{Error, ErrorKind};
use crate::sdp::{
    is_ice_pwd, is_ice_ufrag, Attribute, AttributeValue, Direction, ParsedDescription, ParsedMedia,
    PayloadType, Rtpmap, Setup,
};

use super::ids::{Mid, TransceiverId};
use super::offer::{MLine, Owner};
use super::{DtlsRole, SctpAnswer};

/// What an answer said about one m-section, kept for the offers that follow it.
#[derive(Debug, Clone)]
pub(super) struct AnsweredMLine {
    pub(super) rejected: bool,
    /// Its direction seen from our side (`inactive` when rejected).
    pub(super) current_direction: Direction,
    /// It has `a=simulcast`: it takes the simulcast we offered (an answer without one
    /// declines it, RFC 8853 §5.3).
    pub(super) simulcast: bool,
    /// The payload types of its m= line, in order.
    pub(super) formats: Vec<PayloadType>,
    /// Its `a=rtcp-fb` lines.
    pub(super) feedback: Vec<AcceptedFeedback>,
    /// The header extension URIs it accepted.
    pub(super) extensions: Vec<String>,
    pub(super) rtcp_rsize: bool,
    /// When we answered: the remote offer's direction seen from our side, which the
    /// answer's direction could not exceed.
    pub(super) offered_direction: Option<Direction>,
}

/// One `a=rtcp-fb` line of an answer.
#[derive(Debug, Clone)]
pub(super) struct AcceptedFeedback {
    /// `None` for `*` (every format).
    pub(super) payload_type: Option<PayloadType>,
    /// The feedback type and parameter, e.g. `nack pli`.
    pub(super) feedback: String,
}

/// The applied remote answer.
#[derive(Debug, Clone)]
pub(super) struct Answer {
    /// One per m-line, aligned with the offer's sections.
    pub(super) sections: Vec<AnsweredMLine>,
    /// Mids of the answer's BUNDLE group(s).
    pub(super) bundle: Vec<Mid>,
    /// `a=ice-options` lists `trickle` (RFC 8840 §4.1.1), at session or media level.
    pub(super) trickle: bool,
    /// What it says of the SCTP association, if it accepted the data m-section.
    pub(super) sctp: Option<SctpAnswer>,
    /// The remote side's ICE ufrag (a later remote offer with another restarts ICE).
    pub(super) ice_ufrag: Option<String>,
    /// The remote side's ICE pwd.
    pub(super) ice_pwd: Option<String>,
}

/// Our side's view of a section after the answer (what the W3C API reports).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NegotiatedMLine {
    /// The transceiver's id; `None` for the data section.
    pub id: Option<TransceiverId>,
    /// The section's mid (`a=mid`), the same in the offer and the answer.
    pub mid: Mid,
    /// The transceiver's `currentDirection`: the answer's direction seen from our side
    /// (`inactive` when rejected; `sendrecv` for an accepted data section).
    pub current_direction: Direction,
    /// The answer rejected the section (port 0): its transceiver is stopped.
    pub rejected: bool,
    /// The MediaStream ids of the answer's `a=msid` lines (none for `-`), each once, in
    /// order: the streams the remote side sends this section's track in.
    pub remote_stream_ids: Vec<String>,
}

/// An `InvalidAccessError` about `line`, which its message names ([`Error::line`] is
/// for syntax errors: W3C gives `sdpLineNumber` to those only). Few formatted messages:
/// each `format!` site costs wasm bytes.
fn invalid(line: usize, what: &str) -> Error {
    Error::new(ErrorKind::InvalidAccess, format!("Line {line}: {what}"))
}

/// Whether any `a=ice-options` line of `answer` has the `trickle` option.
fn offers_trickle(answer: &ParsedDescription<'_>) -> bool {
    let media = answer.media.iter().flat_map(|m| &m.attributes);
    answer
        .attributes
        .iter()
        .chain(media)
        .any(|a| match a.value {
            AttributeValue::IceOptions(options) => options.contains("trickle"),
            _ => false,
        })
}

/// The transport attributes of one m-section (or of the session level): the first
/// `a=ice-ufrag`, `a=ice-pwd` (line and value) and `a=setup`, and whether there is an
/// `a=fingerprint`. Remote offers and answers are read alike.
#[derive(Clone, Copy, Default)]
pub(super) struct TransportAttributes<'a> {
    pub(super) ufrag: Option<(usize, &'a str)>,
    pub(super) pwd: Option<(usize, &'a str)>,
    pub(super) fingerprint: bool,
    pub(super) setup: Option<Setup>,
}

impl<'a> TransportAttributes<'a> {
    pub(super) fn of(attributes: &[Attribute<'a>]) -> Self {
        let mut transport = TransportAttributes::default();
        for attribute in attributes {
            let line = attribute.line;
            match attribute.value {
                AttributeValue::IceUfrag(ufrag) => {
                    transport.ufrag = transport.ufrag.or(Some((line, ufrag)));
                }
                AttributeValue::IcePwd(pwd) => transport.pwd = transport.pwd.or(Some((line, pwd))),
                AttributeValue::Fingerprint => transport.fingerprint = true,
                AttributeValue::Setup(role) => transport.setup = transport.setup.or(Some(role)),
                _ => {}
            }
        }
        transport
    }

    /// Each attribute this one lacks taken from `fallback`.
    pub(super) fn or(self, fallback: TransportAttributes<'a>) -> Self {
        TransportAttributes {
            ufrag: self.ufrag.or(fallback.ufrag),
            pwd: self.pwd.or(fallback.pwd),
            fingerprint: self.fingerprint || fallback.fingerprint,
            setup: self.setup.or(fallback.setup),
        }
    }

    /// ICE credentials (valid ones) and a fingerprint must be there, the section's own or
    /// inherited; `line` is the m= line's, named when one is missing.
    pub(super) fn check(self, line: usize) -> Result<(), Error> {
        let (Some(ufrag), Some(pwd)) = (self.ufrag, self.pwd) else {
            return Err(invalid(
                line,
                "the m-section has no a=ice-ufrag and a=ice-pwd.",
            ));
        };
        let credentials = [
            (
                ufrag,
                is_ice_ufrag as fn(&str) -> bool,
                "invalid ICE ufrag: it must be 4 to 256 characters of A-Z, a-z, 0-9, '+' and '/'.",
            ),
            (
                pwd,
                is_ice_pwd,
                "invalid ICE pwd: it must be 22 to 256 characters of A-Z, a-z, 0-9, '+' and '/'.",
            ),
        ];
        for ((credential_line, credential), valid, problem) in credentials {
            if !valid(credential) {
                return Err(invalid(credential_line, problem));
            }
        }
        if !self.fingerprint {
            return Err(invalid(
                line,
                "the m-section has no a=fingerprint (DTLS-SRTP is required).",
            ));
        }
        Ok(())
    }
}

/// The first `a=mid` of an m-section: its line and value.
pub(super) fn mid_attribute<'a>(media: &ParsedMedia<'a>) -> Option<(usize, &'a str)> {
    media.attributes.iter().find_map(|a| match a.value {
        AttributeValue::Mid(mid) => Some((a.line, mid)),
        _ => None,
    })
}

/// The mid of an m-section, if it has one.
fn mid_of<'a>(media: &ParsedMedia<'a>) -> Option<&'a str> {
    mid_attribute(media).map(|(_, mid)| mid)
}

/// Whether an m-section has an attribute for which `is` holds.
fn has(media: &ParsedMedia<'_>, is: fn(&AttributeValue<'_>) -> bool) -> bool {
    media.attributes.iter().any(|a| is(&a.value))
}

/// Checks `answer` against `offer` (the applied local offer's sections) and returns
/// what later offers need plus our side's view of each section.
pub(super) fn read_answer(
    answer: &ParsedDescription<'_>,
    offer: &[MLine],
) -> Result<(Answer, Vec<NegotiatedMLine>), Error> {
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

    let session = TransportAttributes::of(&answer.attributes);
    // The answerer-tagged section (the group's first mid) carries the transport of every
    // section in the group (RFC 8843 §7.3.1).
    let tagged_media = bundle.first().and_then(|mid| {
        answer
            .media
            .iter()
            .find(|m| mid_of(m) == Some(mid.as_str()))
    });
    let tagged = tagged_media.map(|m| TransportAttributes::of(&m.attributes).or(session));

    let mut answered = Vec::with_capacity(offer.len());
    let mut negotiated = Vec::with_capacity(offer.len());
    let mut sctp = None;
    for (media, section) in answer.media.iter().zip(offer) {
        if section.owner == Owner::Data && media.port != 0 {
            let bundled = bundle.contains(&section.mid);
            sctp = Some(sctp_answer(media, tagged_media.filter(|_| bundled)));
        }
        let id = match section.owner {
            Owner::Transceiver { id, .. } => Some(id),
            Owner::Data | Owner::Unsupported => None,
        };
        let rejected = media.port == 0;
        let mut current_direction = Direction::Inactive;
        let mut kept = AnsweredMLine {
            rejected,
            current_direction: Direction::Inactive,
            simulcast: has(media, |v| matches!(v, AttributeValue::Simulcast(_))),
            formats: Vec::new(),
            feedback: Vec::new(),
            extensions: Vec::new(),
            rtcp_rsize: has(media, |v| matches!(v, AttributeValue::RtcpRsize)),
            offered_direction: None,
        };
        if !rejected {
            let mut transport = TransportAttributes::of(&media.attributes).or(session);
            if let Some(tagged) = tagged.filter(|_| bundle.contains(&section.mid)) {
                transport = transport.or(tagged);
            }
            check_transport(media, transport)?;
            current_direction = match section.owner {
                Owner::Data => Direction::SendRecv,
                // Offered rejected: check_identity made the answer reject it too.
                Owner::Unsupported => Direction::Inactive,
                Owner::Transceiver { .. } => {
                    check_rtcp_mux(media)?;
                    reverse(answer_direction(media, section)?)
                }
            };
            kept.formats = check_formats(media, section)?;
            for attribute in &media.attributes {
                match attribute.value {
                    AttributeValue::RtcpFb(fb) => kept.feedback.push(AcceptedFeedback {
                        payload_type: fb.payload_type,
                        feedback: fb.feedback.to_string(),
                    }),
                    AttributeValue::Extmap(extmap) => kept.extensions.push(extmap.uri.to_string()),
                    _ => {}
                }
            }
            check_simulcast(media, &kept.extensions)?;
        }
        kept.current_direction = current_direction;
        answered.push(kept);
        if section.owner == Owner::Unsupported {
            // Nothing of this side's: the W3C objects have nothing to mirror.
            continue;
        }
        negotiated.push(NegotiatedMLine {
            id,
            mid: section.mid.clone(),
            current_direction,
            rejected,
            remote_stream_ids: if rejected {
                Vec::new()
            } else {
                remote_stream_ids(media)
            },
        });
    }
    Ok((
        Answer {
            sections: answered,
            bundle,
            trickle: offers_trickle(answer),
            sctp,
            ice_ufrag: tagged
                .or(Some(session))
                .and_then(|t| t.ufrag)
                .map(|(_, ufrag)| ufrag.to_string()),
            ice_pwd: tagged
                .or(Some(session))
                .and_then(|t| t.pwd)
                .map(|(_, pwd)| pwd.to_string()),
        },
        negotiated,
    ))
}

/// Kind, protocol, port and mid must answer the offered m-section at the same index.
fn check_identity(media: &ParsedMedia<'_>, section: &MLine) -> Result<(), Error> {
    let line = media.line;
    let (kind, proto_ok) = match (section.owner, &section.echo) {
        (Owner::Transceiver { kind, .. }, _) => (kind.as_str(), media.is_rtp()),
        (Owner::Data, _) => ("application", media.is_sctp()),
        (Owner::Unsupported, Some(echo)) => (echo.media.as_str(), media.proto() == echo.proto),
        (Owner::Unsupported, None) => ("", false),
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
    match mid_attribute(media) {
        Some((_, mid)) if mid == section.mid.as_str() => Ok(()),
        Some((mid_line, _)) => Err(invalid(
            mid_line,
            "the mid differs from that of the offer's m-section at this position; an answer's m-lines match the offer's, in order.",
        )),
        // A rejected section needs no mid (RFC 8843 §7.3.3 removes it from every group).
        None if media.port == 0 => Ok(()),
        None => Err(invalid(line, "the m-section has no a=mid.")),
    }
}

/// The mids of every `a=group:BUNDLE`, each of which must name an answered m-section.
fn bundle_group(answer: &ParsedDescription<'_>) -> Result<Vec<Mid>, Error> {
    let mut bundle: Vec<Mid> = Vec::new();
    for attribute in &answer.attributes {
        let AttributeValue::Group(group) = attribute.value else {
            continue;
        };
        if group.semantics != "BUNDLE" {
            continue;
        }
        for mid in group.mids() {
            if !answer.media.iter().any(|m| mid_of(m) == Some(mid)) {
                return Err(invalid(
                    attribute.line,
                    "the BUNDLE group names a mid that no m-section of the answer has.",
                ));
            }
            bundle.push(Mid::from(mid));
        }
    }
    Ok(bundle)
}

/// ICE credentials and a fingerprint must be present and valid; `a=setup` (if any)
/// must be `active` or `passive` (RFC 8842 §5.3).
fn check_transport(
    media: &ParsedMedia<'_>,
    transport: TransportAttributes<'_>,
) -> Result<(), Error> {
    transport.check(media.line)?;
    let setup = media.attributes.iter().find_map(|a| match a.value {
        AttributeValue::Setup(role) => Some((a.line, role)),
        _ => None,
    });
    if let Some((setup_line, role)) = setup {
        if !matches!(role, Setup::Active | Setup::Passive) {
            return Err(invalid(
                setup_line,
                "an answer's a=setup must be active or passive.",
            ));
        }
    }
    Ok(())
}

/// The DTLS role and message size limit an accepted data m-section's answer gives; the
/// role from the BUNDLE-tagged section when `media` (bundled with it) has no `a=setup`.
fn sctp_answer(media: &ParsedMedia<'_>, tagged: Option<&ParsedMedia<'_>>) -> SctpAnswer {
    let setup_of = |m: &ParsedMedia<'_>| {
        m.attributes.iter().find_map(|a| match a.value {
            AttributeValue::Setup(role) => Some(role),
            _ => None,
        })
    };
    let setup = setup_of(media).or_else(|| tagged.and_then(setup_of));
    let max_message_size = media.attributes.iter().find_map(|a| match a.value {
        AttributeValue::MaxMessageSize(size) => Some(size),
        _ => None,
    });
    SctpAnswer {
        dtls_role: match setup {
            Some(Setup::Passive) => DtlsRole::Client,
            _ => DtlsRole::Server,
        },
        max_message_size,
    }
}

/// The stream ids of `media`'s `a=msid` lines, without `-` (no stream) and repeats.
fn remote_stream_ids(media: &ParsedMedia<'_>) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    for attribute in &media.attributes {
        if let AttributeValue::Msid(id) = attribute.value {
            if id != "-" && !ids.iter().any(|known| known == id) {
                ids.push(id.to_string());
            }
        }
    }
    ids
}

/// Simulcast with rids needs the RID header extension (RFC 8853 §5.1, RFC 8852): an
/// answer that takes simulcast without it is refused, as Chromium refuses it.
fn check_simulcast(media: &ParsedMedia<'_>, extensions: &[String]) -> Result<(), Error> {
    let simulcast = media
        .attributes
        .iter()
        .find(|a| matches!(a.value, AttributeValue::Simulcast(_)));
    match simulcast {
        Some(line) if !extensions.iter().any(|uri| uri == RID_EXTENSIONS[0]) => Err(invalid(
            line.line,
            "the m-section negotiates simulcast but does not negotiate the RID RTP header extension.",
        )),
        _ => Ok(()),
    }
}

/// We require RTCP multiplexing (rtcpMuxPolicy "require"), so the answer must accept it.
fn check_rtcp_mux(media: &ParsedMedia<'_>) -> Result<(), Error> {
    match has(media, |v| matches!(v, AttributeValue::RtcpMux)) {
        true => Ok(()),
        false => Err(invalid(
            media.line,
            "the m-section has no a=rtcp-mux, which rtcpMuxPolicy 'require' needs.",
        )),
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
        if let AttributeValue::Direction(d) = attribute.value {
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
fn check_formats(media: &ParsedMedia<'_>, section: &MLine) -> Result<Vec<PayloadType>, Error> {
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
        let pt =
            PayloadType::parse(format).filter(|pt| offered.iter().any(|c| c.payload_type == *pt));
        let Some(pt) = pt else {
            return Err(invalid(
                line,
                &format!("payload type {format} was not offered in this m-section."),
            ));
        };
        formats.push(pt);
    }
    for attribute in &media.attributes {
        let AttributeValue::Rtpmap(Rtpmap {
            payload_type,
            encoding_name,
            clock_rate,
            ..
        }) = attribute.value
        else {
            continue;
        };
        let same = offered.iter().any(|c| {
            c.payload_type == payload_type
                && c.encoding_name.eq_ignore_ascii_case(encoding_name)
                && c.clock_rate == clock_rate
        });
        if formats.contains(&payload_type) && !same {
            return Err(invalid(
                attribute.line,
                "the offer has another codec under this payload type.",
            ));
        }
    }
    Ok(formats)
}
