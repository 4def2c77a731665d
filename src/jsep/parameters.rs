//! What W3C `RTCRtpSender/Receiver.getParameters()` and the codec stats report of each
//! negotiated m-section: read from the current local and remote descriptions once an
//! exchange completes (webrtc-pc: the codecs for sending are the remote description's,
//! those for receiving the local one's).

use crate::sdp::{
    AttributeValue, MediaKind, ParsedDescription, ParsedMedia, PayloadType, Setup, Ssrc,
};

use super::ids::{Mid, TransceiverId};
use super::DtlsRole;

/// One `RTCRtpCodecParameters`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodecParameters {
    /// Its payload type in that description.
    pub payload_type: PayloadType,
    /// `kind/name`, the name as the description wrote it (`audio/opus`, `video/rtx`).
    pub mime_type: String,
    /// The rtpmap's clock rate.
    pub clock_rate: u32,
    /// Audio only: the rtpmap's channel count, 1 when it has none.
    pub channels: Option<u8>,
    /// The `a=fmtp` parameters verbatim; `None` without an `a=fmtp` line.
    pub sdp_fmtp_line: Option<String>,
}

/// One negotiated `RTCRtpHeaderExtensionParameters`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderExtensionParameters {
    /// The `a=extmap` URI.
    pub uri: String,
    /// Its id in the remote description.
    pub id: u16,
}

/// What one transceiver's m-section negotiated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RtpParameters {
    /// The transceiver the m-section belongs to.
    pub transceiver: TransceiverId,
    /// The m-section's mid.
    pub mid: Mid,
    /// The remote description's formats, in its order.
    pub send_codecs: Vec<CodecParameters>,
    /// The local description's formats, in its order.
    pub receive_codecs: Vec<CodecParameters>,
    /// The remote description's extensions the local one also has, with the remote ids.
    pub header_extensions: Vec<HeaderExtensionParameters>,
    /// Both descriptions have `a=rtcp-rsize`.
    pub rtcp_reduced_size: bool,
    /// The remote description has `a=simulcast`: without it, simulcast we offered was
    /// declined and only the first encoding is sent (webrtc-pc; the SDP keeps the paused
    /// layers, see the README's Decisions).
    pub simulcast: bool,
    /// The rids the remote `a=simulcast` receives paused (`~rid`): Chromium makes those
    /// encodings inactive, and the others active, when the answer is applied.
    pub paused_rids: Vec<String>,
    /// The SSRC our sender sends with and, for video, its RTX SSRC (`RTCOutboundRtpStreamStats`
    /// `ssrc` and `rtxSsrc`); `None` for a simulcast sender, whose layers have none in the SDP.
    pub ssrcs: Option<(Ssrc, Option<Ssrc>)>,
}

/// Static payload types Chromium knows without an `a=rtpmap` (RFC 3551 §6).
fn static_codec(pt: u8) -> Option<(&'static str, u32)> {
    match pt {
        0 => Some(("PCMU", 8000)),
        8 => Some(("PCMA", 8000)),
        9 => Some(("G722", 8000)),
        13 => Some(("CN", 8000)),
        _ => None,
    }
}

/// The codecs of `media` in m= line order; formats it cannot name are left out.
fn codecs(media: &ParsedMedia<'_>, kind: MediaKind) -> Vec<CodecParameters> {
    let mut out = Vec::with_capacity(media.formats.len());
    for format in &media.formats {
        let Some(pt) = PayloadType::parse(format) else {
            continue;
        };
        let mut rtpmap = None;
        let mut fmtp = None;
        for attribute in &media.attributes {
            match attribute.value {
                AttributeValue::Rtpmap(r) if r.payload_type == pt && rtpmap.is_none() => {
                    rtpmap = Some((r.encoding_name, r.clock_rate, r.channels));
                }
                AttributeValue::Fmtp(f) if f.payload_type == pt && fmtp.is_none() => {
                    fmtp = Some(f.parameters);
                }
                _ => {}
            }
        }
        let Some((name, clock_rate, channels)) =
            rtpmap.or_else(|| static_codec(pt.get()).map(|(name, rate)| (name, rate, None)))
        else {
            continue;
        };
        let mut mime_type = String::with_capacity(6 + name.len());
        mime_type.push_str(kind.as_str());
        mime_type.push('/');
        mime_type.push_str(name);
        out.push(CodecParameters {
            payload_type: pt,
            mime_type,
            clock_rate,
            channels: (kind == MediaKind::Audio).then(|| channels.unwrap_or(1)),
            sdp_fmtp_line: fmtp.map(str::to_string),
        });
    }
    out
}

/// What one m-section of an applied description gives its transceiver's parameters, read
/// when the description is applied so that completing the exchange parses neither side again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct SectionParameters {
    /// `audio` or `video` over RTP: the sections that have parameters.
    rtp_media: bool,
    /// Its port is not 0.
    accepted: bool,
    mid: Option<Mid>,
    /// Its formats, in m= line order (see [`codecs`]).
    codecs: Vec<CodecParameters>,
    /// Its `a=extmap` ids and URIs.
    extensions: Vec<(u16, String)>,
    rtcp_rsize: bool,
    /// The value of its `a=simulcast`, if it has one.
    simulcast: Option<String>,
}

/// The [`SectionParameters`] of each m-section of `description`, in order.
pub(super) fn sections(description: &ParsedDescription<'_>) -> Vec<SectionParameters> {
    let section = |media: &ParsedMedia<'_>| {
        let kind = MediaKind::from_name(media.kind).filter(|_| media.is_rtp());
        let mut out = SectionParameters {
            rtp_media: kind.is_some(),
            accepted: media.port != 0,
            mid: None,
            codecs: kind.map_or_else(Vec::new, |kind| codecs(media, kind)),
            extensions: Vec::new(),
            rtcp_rsize: false,
            simulcast: None,
        };
        for attribute in &media.attributes {
            match attribute.value {
                AttributeValue::Mid(mid) if out.mid.is_none() => out.mid = Some(Mid::from(mid)),
                AttributeValue::Extmap(e) => out.extensions.push((e.id, e.uri.to_string())),
                AttributeValue::RtcpRsize => out.rtcp_rsize = true,
                AttributeValue::Simulcast(value) if out.simulcast.is_none() => {
                    out.simulcast = Some(value.to_string());
                }
                _ => {}
            }
        }
        out
    };
    description.media.iter().map(section).collect()
}

/// The paused rids (`~rid`) of the `recv` streams of an `a=simulcast` value (RFC 8853 §5.1:
/// `recv q;~h,x;f`: streams by `;`, alternatives by `,`).
fn paused_recv_rids(value: &str) -> Vec<String> {
    let mut words = value.split(' ').filter(|w| !w.is_empty());
    let mut paused = Vec::new();
    while let Some(direction) = words.next() {
        let Some(streams) = words.next() else { break };
        if direction != "recv" {
            continue;
        }
        let rids = streams.split([';', ',']);
        paused.extend(
            rids.filter_map(|rid| rid.strip_prefix('~'))
                .map(str::to_string),
        );
    }
    paused
}

/// The parameters of every accepted RTP section of a completed exchange (the [`sections`] of
/// its local and remote descriptions) whose mid `owner` maps to a transceiver (and its
/// sender's SSRCs). The descriptions are the ones the session applied, so their sections align.
pub(super) fn read(
    local: Vec<SectionParameters>,
    remote: Vec<SectionParameters>,
    owner: impl Fn(&Mid) -> Option<(TransceiverId, Option<(Ssrc, Option<Ssrc>)>)>,
) -> Vec<RtpParameters> {
    let mut out = Vec::new();
    for (ours, theirs) in local.into_iter().zip(remote) {
        if !ours.rtp_media || !ours.accepted || !theirs.accepted {
            continue;
        }
        let Some(mid) = ours.mid else {
            continue;
        };
        let Some((transceiver, ssrcs)) = owner(&mid) else {
            continue;
        };
        let header_extensions = theirs
            .extensions
            .into_iter()
            .filter(|(_, uri)| ours.extensions.iter().any(|(_, local)| local == uri))
            .map(|(id, uri)| HeaderExtensionParameters { uri, id })
            .collect();
        out.push(RtpParameters {
            transceiver,
            mid,
            send_codecs: theirs.codecs,
            receive_codecs: ours.codecs,
            header_extensions,
            rtcp_reduced_size: ours.rtcp_rsize && theirs.rtcp_rsize,
            simulcast: theirs.simulcast.is_some(),
            paused_rids: theirs
                .simulcast
                .as_deref()
                .map_or_else(Vec::new, paused_recv_rids),
            ssrcs,
        });
    }
    out
}

/// Our DTLS role as `answer` fixes it (RFC 8842 §5.3): its first accepted section's
/// `a=setup` (else the session's; none means `active`, RFC 4145 §4), seen from the side that
/// wrote it when `ours`, else from the offerer's.
pub(super) fn dtls_role(answer: &ParsedDescription<'_>, ours: bool) -> DtlsRole {
    let setup = |attributes: &[crate::sdp::Attribute<'_>]| {
        attributes.iter().find_map(|a| match a.value {
            AttributeValue::Setup(setup) => Some(setup),
            _ => None,
        })
    };
    let section = answer.media.iter().find(|m| m.port != 0);
    let active = section
        .and_then(|m| setup(&m.attributes))
        .or_else(|| setup(&answer.attributes))
        != Some(Setup::Passive);
    match active == ours {
        true => DtlsRole::Client,
        false => DtlsRole::Server,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOCAL: &str = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n\
        m=audio 9 UDP/TLS/RTP/SAVPF 111 0\r\nc=IN IP4 0.0.0.0\r\na=mid:0\r\n\
        a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level\r\n\
        a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid\r\na=sendrecv\r\na=rtcp-mux\r\na=rtcp-rsize\r\n\
        a=rtpmap:111 opus/48000/2\r\na=fmtp:111 minptime=10;useinbandfec=1\r\na=rtpmap:0 PCMU/8000\r\n\
        m=video 0 UDP/TLS/RTP/SAVPF 96\r\nc=IN IP4 0.0.0.0\r\na=mid:1\r\na=inactive\r\na=rtpmap:96 VP8/90000\r\n";
    const REMOTE: &str = "v=0\r\no=- 3 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n\
        m=audio 9 UDP/TLS/RTP/SAVPF 0 111\r\nc=IN IP4 0.0.0.0\r\na=setup:passive\r\na=mid:0\r\n\
        a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid\r\na=extmap:9 urn:example:not-offered\r\n\
        a=recvonly\r\na=rtcp-mux\r\na=rtpmap:111 opus/48000/2\r\na=fmtp:111 stereo=1;unknown=x\r\n\
        m=video 0 UDP/TLS/RTP/SAVPF 96\r\nc=IN IP4 0.0.0.0\r\na=mid:1\r\na=inactive\r\na=rtpmap:96 VP8/90000\r\n";

    #[test]
    fn send_codecs_are_the_remote_descriptions_and_receive_codecs_the_local_ones() {
        let (local, remote) = (
            crate::sdp::parse(LOCAL).unwrap(),
            crate::sdp::parse(REMOTE).unwrap(),
        );
        let read = read(sections(&local), sections(&remote), |mid| {
            (mid.as_str() == "0").then(|| (TransceiverId::from(7), Some((Ssrc::from(5), None))))
        });
        // The rejected video section has none.
        assert_eq!(read.len(), 1);
        let p = &read[0];
        assert_eq!(
            (p.transceiver, p.mid.as_str(), p.ssrcs),
            (TransceiverId::from(7), "0", Some((Ssrc::from(5), None)))
        );
        let codec =
            |pt: u8, mime: &str, rate: u32, channels: u8, fmtp: Option<&str>| CodecParameters {
                payload_type: PayloadType::new(pt).unwrap(),
                mime_type: mime.to_string(),
                clock_rate: rate,
                channels: Some(channels),
                sdp_fmtp_line: fmtp.map(str::to_string),
            };
        // Static PT 0 without a=rtpmap is PCMU; the remote fmtp verbatim, in the remote order.
        assert_eq!(
            p.send_codecs,
            [
                codec(0, "audio/PCMU", 8000, 1, None),
                codec(111, "audio/opus", 48000, 2, Some("stereo=1;unknown=x")),
            ]
        );
        assert_eq!(
            p.receive_codecs,
            [
                codec(
                    111,
                    "audio/opus",
                    48000,
                    2,
                    Some("minptime=10;useinbandfec=1")
                ),
                codec(0, "audio/PCMU", 8000, 1, None),
            ]
        );
        assert_eq!(
            p.header_extensions,
            [HeaderExtensionParameters {
                uri: "urn:ietf:params:rtp-hdrext:sdes:mid".into(),
                id: 4
            }]
        );
        assert!(!p.rtcp_reduced_size && !p.simulcast);
        assert_eq!(paused_recv_rids("send a recv q;~h,~x;f"), ["h", "x"]);
        assert!(paused_recv_rids("recv q;h").is_empty());
        // The remote answer's a=setup:passive makes us the DTLS client.
        assert_eq!(dtls_role(&remote, false), DtlsRole::Client);
        assert_eq!(dtls_role(&local, true), DtlsRole::Client);
    }
}
