//! Reading a remote offer (RFC 9429 §5.8 and §5.10, RFC 8843, RFC 8841): the checks
//! that make an offer unusable, and an owned digest of what the answer and the W3C objects
//! need, kept while the offer is pending and after it is answered.
//!
//! Syntax problems are the parser's ([`crate::sdp::parse`]); what is here are the offer
//! rules: an offer that parses but cannot be answered is an `InvalidAccessError` whose
//! message names the line, as Chromium words it where it has a word for it.

use crate::error::{Error, ErrorKind};
use crate::sdp::{
    AttributeValue, Direction, MediaKind, ParsedDescription, ParsedMedia, PayloadType, Setup,
};

use super::answer::{mid_attribute, TransportAttributes};
use super::ids::Mid;

/// What an offered m-section carries, as far as this crate can take it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum OfferedMedia {
    /// `m=audio` / `m=video` over an RTP profile.
    Rtp(MediaKind),
    /// `m=application` over SCTP (data channels).
    Data,
    /// Anything else: the answer rejects it.
    Unsupported,
}

/// One payload format of an offered RTP m-section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct OfferedCodec {
    pub(super) payload_type: PayloadType,
    /// `a=rtpmap`: encoding name (as written), clock rate, channels.
    pub(super) rtpmap: Option<(String, u32, Option<u8>)>,
    /// `a=fmtp` parameters, verbatim.
    pub(super) fmtp: Option<String>,
    /// Its `a=rtcp-fb` values, those of `a=rtcp-fb:*` included.
    pub(super) feedback: Vec<String>,
}

/// One offered m-section.
#[derive(Debug, Clone)]
pub(super) struct OfferedSection {
    pub(super) media: OfferedMedia,
    /// The line of its m= line.
    pub(super) line: usize,
    /// The m= line's `<media>`, `<proto>` and `<fmt>` list (space-joined), for the answer's
    /// echo of a section it rejects.
    pub(super) media_token: String,
    pub(super) proto: String,
    pub(super) formats_text: String,
    /// Port 0: the offerer rejected (or stopped) it.
    pub(super) port_zero: bool,
    /// Its `a=mid`, or one made up for it (see `has_mid`).
    pub(super) mid: Mid,
    /// The offer had an `a=mid` (an answer adds none where it had none).
    pub(super) has_mid: bool,
    /// The offered direction (the offerer's view); `sendrecv` when absent.
    pub(super) direction: Direction,
    /// The `a=msid` stream ids, each once, without `-`.
    pub(super) stream_ids: Vec<String>,
    /// The payload formats, in m= line order (RTP only).
    pub(super) codecs: Vec<OfferedCodec>,
    /// The `a=extmap` ids and URIs.
    pub(super) extmaps: Vec<(u16, String)>,
    pub(super) extmap_allow_mixed: bool,
    pub(super) rtcp_rsize: bool,
    pub(super) rtcp_xr: bool,
    /// The offerer's DTLS role proposal (own, or inherited from the session or the BUNDLE
    /// group's tagged section); `None` when nothing says.
    pub(super) setup: Option<Setup>,
    /// The offerer's ICE ufrag for this section's transport, if any.
    pub(super) ice_ufrag: Option<String>,
    /// Its ICE pwd, likewise.
    pub(super) ice_pwd: Option<String>,
    /// `a=max-message-size` (data sections).
    pub(super) max_message_size: Option<u64>,
}

/// A remote offer as the answer and the W3C objects need it.
#[derive(Debug, Clone)]
pub(super) struct RemoteOffer {
    pub(super) sections: Vec<OfferedSection>,
    /// The mids of each `a=group:BUNDLE`, in order.
    pub(super) bundle: Vec<Vec<Mid>>,
    /// A session-level `a=extmap-allow-mixed`.
    pub(super) extmap_allow_mixed: bool,
    /// `a=ice-options` lists `trickle` somewhere.
    pub(super) trickle: bool,
}

/// An `InvalidAccessError` about `line`.
fn invalid(line: usize, what: &str) -> Error {
    Error::new(ErrorKind::InvalidAccess, format!("Line {line}: {what}"))
}

/// The `<fmt>` list as the m= line wrote it (no `join`: its generic code costs the wasm).
fn joined(formats: &[&str]) -> String {
    let mut out = String::new();
    for format in formats {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(format);
    }
    out
}

/// Chromium's longest mid.
const MID_MAX_LEN: usize = 16;

/// Reads and checks a parsed remote offer.
pub(super) fn read_offer(offer: &ParsedDescription<'_>) -> Result<RemoteOffer, Error> {
    let mut mids: Vec<Mid> = Vec::with_capacity(offer.media.len());
    for media in &offer.media {
        if let Some((line, mid)) = mid_attribute(media) {
            if mid.len() > MID_MAX_LEN {
                return Err(invalid(line, "the mid is longer than 16 characters."));
            }
            if mids.iter().any(|m| m == mid) {
                return Err(invalid(line, "a mid is used by two m-sections."));
            }
            mids.push(Mid::from(mid));
        }
    }
    let mut bundle = Vec::new();
    for attribute in &offer.attributes {
        let AttributeValue::Group(group) = attribute.value else {
            continue;
        };
        if group.semantics != "BUNDLE" {
            continue;
        }
        let mut group_mids = Vec::new();
        for mid in group.mids() {
            if !mids.iter().any(|m| m == mid) {
                return Err(invalid(
                    attribute.line,
                    "the BUNDLE group names a mid that no m-section of the offer has.",
                ));
            }
            group_mids.push(Mid::from(mid));
        }
        bundle.push(group_mids);
    }
    let session = TransportAttributes::of(&offer.attributes);
    let mut sections = Vec::with_capacity(offer.media.len());
    let mut generated = 0usize;
    for media in &offer.media {
        let (mid, has_mid) = match mid_attribute(media) {
            Some((_, mid)) => (Mid::from(mid), true),
            None => {
                // RFC 9429 §5.10: a section without a mid gets one, unique in the offer.
                let mid = loop {
                    let candidate = generated.to_string();
                    generated += 1;
                    if !mids.iter().any(|m| m.as_str() == candidate) {
                        break Mid::from(candidate);
                    }
                };
                mids.push(mid.clone());
                (mid, false)
            }
        };
        // A bundled section may leave its transport to the group's tagged (first) section.
        let group = bundle.iter().find(|g| g.contains(&mid));
        let tagged = group
            .and_then(|g| g.first())
            .and_then(|first| {
                offer
                    .media
                    .iter()
                    .find(|m| mid_attribute(m).is_some_and(|(_, x)| first == x))
            })
            .map(|m| TransportAttributes::of(&m.attributes));
        let mut transport = TransportAttributes::of(&media.attributes).or(session);
        if let Some(tagged) = tagged {
            transport = transport.or(tagged);
        }
        sections.push(read_section(media, mid, has_mid, transport)?);
    }
    let trickle = offer
        .attributes
        .iter()
        .chain(offer.media.iter().flat_map(|m| &m.attributes))
        .any(|a| matches!(a.value, AttributeValue::IceOptions(o) if o.contains("trickle")));
    let extmap_allow_mixed = offer
        .attributes
        .iter()
        .any(|a| matches!(a.value, AttributeValue::ExtmapAllowMixed));
    Ok(RemoteOffer {
        sections,
        bundle,
        extmap_allow_mixed,
        trickle,
    })
}

fn read_section(
    media: &ParsedMedia<'_>,
    mid: Mid,
    has_mid: bool,
    transport: TransportAttributes<'_>,
) -> Result<OfferedSection, Error> {
    let kind = MediaKind::from_name(media.kind);
    let offered_media = match kind {
        Some(kind) if media.is_rtp() => OfferedMedia::Rtp(kind),
        None if media.kind == "application" && media.is_sctp() => OfferedMedia::Data,
        _ => OfferedMedia::Unsupported,
    };
    let port_zero = media.port == 0;
    let mut section = OfferedSection {
        media: offered_media,
        line: media.line,
        media_token: media.kind.to_string(),
        proto: media.proto().to_string(),
        formats_text: joined(&media.formats),
        port_zero,
        mid,
        has_mid,
        direction: Direction::SendRecv,
        stream_ids: Vec::new(),
        codecs: Vec::new(),
        extmaps: Vec::new(),
        extmap_allow_mixed: false,
        rtcp_rsize: false,
        rtcp_xr: false,
        setup: transport.setup,
        ice_ufrag: transport.ufrag.map(|(_, u)| u.to_string()),
        ice_pwd: transport.pwd.map(|(_, p)| p.to_string()),
        max_message_size: None,
    };
    let mut rtcp_mux = false;
    for attribute in &media.attributes {
        match attribute.value {
            AttributeValue::Direction(direction) => section.direction = direction,
            AttributeValue::Msid(id)
                if id != "-" && !section.stream_ids.iter().any(|known| known == id) =>
            {
                section.stream_ids.push(id.to_string());
            }
            AttributeValue::Extmap(extmap) => {
                section.extmaps.push((extmap.id, extmap.uri.to_string()));
            }
            AttributeValue::ExtmapAllowMixed => section.extmap_allow_mixed = true,
            AttributeValue::RtcpRsize => section.rtcp_rsize = true,
            AttributeValue::RtcpXr => section.rtcp_xr = true,
            AttributeValue::RtcpMux => rtcp_mux = true,
            AttributeValue::MaxMessageSize(size) => section.max_message_size = Some(size),
            _ => {}
        }
    }
    if offered_media == OfferedMedia::Unsupported {
        return Ok(section);
    }
    if port_zero {
        // A rejected section is not checked, but its formats are echoed in the answer.
        if let OfferedMedia::Rtp(_) = offered_media {
            section.codecs = read_codecs(media).unwrap_or_default();
        }
        return Ok(section);
    }
    transport.check(media.line)?;
    if let OfferedMedia::Rtp(_) = offered_media {
        if !rtcp_mux {
            return Err(invalid(
                media.line,
                "RTCP-MUX is not enabled when it is required (the m-section has no a=rtcp-mux).",
            ));
        }
        section.codecs = read_codecs(media)?;
    }
    Ok(section)
}

/// The payload formats of an RTP section: every `<fmt>` a payload type outside 64–95
/// (RFC 7983 §7, RTCP's range), with its rtpmap, fmtp and rtcp-fb lines.
fn read_codecs(media: &ParsedMedia<'_>) -> Result<Vec<OfferedCodec>, Error> {
    let mut codecs = Vec::with_capacity(media.formats.len());
    for format in &media.formats {
        let Some(payload_type) = PayloadType::parse(format) else {
            return Err(invalid(
                media.line,
                "a format of an RTP m-section is not a payload type (0-127).",
            ));
        };
        if (64..=95).contains(&payload_type.get()) {
            return Err(invalid(
                media.line,
                "payload types 64-95 may not be used (they collide with RTCP packet types).",
            ));
        }
        if codecs
            .iter()
            .any(|c: &OfferedCodec| c.payload_type == payload_type)
        {
            continue;
        }
        codecs.push(OfferedCodec {
            payload_type,
            rtpmap: None,
            fmtp: None,
            feedback: Vec::new(),
        });
    }
    for attribute in &media.attributes {
        match attribute.value {
            AttributeValue::Rtpmap(rtpmap) => {
                if let Some(codec) = codecs
                    .iter_mut()
                    .find(|c| c.payload_type == rtpmap.payload_type)
                {
                    codec.rtpmap.get_or_insert((
                        rtpmap.encoding_name.to_string(),
                        rtpmap.clock_rate,
                        rtpmap.channels,
                    ));
                }
            }
            AttributeValue::Fmtp(fmtp) => {
                if let Some(codec) = codecs
                    .iter_mut()
                    .find(|c| c.payload_type == fmtp.payload_type)
                {
                    codec
                        .fmtp
                        .get_or_insert_with(|| fmtp.parameters.to_string());
                }
            }
            AttributeValue::RtcpFb(fb) => {
                for codec in codecs
                    .iter_mut()
                    .filter(|c| fb.payload_type.is_none_or(|pt| pt == c.payload_type))
                {
                    let value = fb.feedback.trim().to_string();
                    if !codec.feedback.contains(&value) {
                        codec.feedback.push(value);
                    }
                }
            }
            _ => {}
        }
    }
    Ok(codecs)
}
