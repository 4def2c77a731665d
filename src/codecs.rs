//! Chromium 156's default media capabilities as its offers show them (see
//! `shared/reference-offers/`): payload formats with their rtcp-fb and fmtp lines, and
//! RTP header extensions with libwebrtc's preferred ids; the choice of format list by
//! transceiver direction; codec preferences; and the `getCapabilities()` lists.
//!
//! libwebrtc keeps three video lists: what it can send, what it can receive, and their
//! intersection for `sendrecv`. Chromium's receive list is a superset of its send list
//! (it adds VP9 profiles 1 and 3, H.264 High 4:4:4, AV1 profile 1 and FlexFEC), so the
//! intersection is the send list itself; `inactive` (and stopped) sections use the
//! `sendrecv` list, as in libwebrtc. Audio send and receive lists are identical.

use std::sync::OnceLock;

use crate::sdp::{Codec, CodecList, Direction, MediaKind, PayloadType};

/// A codec as `RTCRtpSender.getCapabilities()` reports it and
/// `RTCRtpTransceiver.setCodecPreferences()` takes it (W3C `RTCRtpCodec`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodecPreference {
    /// `<kind>/<encoding name>`, e.g. `video/VP9` (compared case-insensitively).
    pub mime_type: String,
    /// RTP clock rate in Hz, e.g. 48000.
    pub clock_rate: u32,
    /// Audio only: Chromium reports 1 for mono codecs.
    pub channels: Option<u16>,
    /// The codec's fmtp parameters, when it has any (none for RTX and RED).
    pub sdp_fmtp_line: Option<String>,
}

/// Encodings that only protect or repeat another codec's media, or fill silence: a
/// preference list of nothing else leaves the defaults in place.
fn is_auxiliary(encoding_name: &str) -> bool {
    ["rtx", "red", "ulpfec", "flexfec-03", "CN"]
        .iter()
        .any(|name| name.eq_ignore_ascii_case(encoding_name))
}

fn is_rtx(encoding_name: &str) -> bool {
    encoding_name.eq_ignore_ascii_case("rtx")
}

/// The fmtp a codec's capability shows: RTX's and RED's name payload types, which
/// capabilities have none of.
fn capability_fmtp(codec: &Codec) -> Option<&str> {
    match codec.encoding_name.as_str() {
        "rtx" | "red" => None,
        _ => codec.fmtp.as_deref(),
    }
}

/// The channel count a codec's capability shows (audio codecs report mono as 1).
fn capability_channels(kind: MediaKind, codec: &Codec) -> Option<u16> {
    match kind {
        MediaKind::Audio => Some(codec.channels.map_or(1, u16::from)),
        MediaKind::Video => None,
    }
}

/// Whether `codec` (offered in a `kind` section) is the codec `preference` names: the
/// W3C "codec dictionary match" (MIME type case-insensitively, the rest exactly).
fn matches(kind: MediaKind, codec: &Codec, preference: &CodecPreference) -> bool {
    let Some((media, subtype)) = preference.mime_type.split_once('/') else {
        return false;
    };
    media.eq_ignore_ascii_case(kind.as_str())
        && subtype.eq_ignore_ascii_case(&codec.encoding_name)
        && preference.clock_rate == codec.clock_rate
        && preference.channels == capability_channels(kind, codec)
        && preference.sdp_fmtp_line.as_deref() == capability_fmtp(codec)
}

/// `available` reordered and filtered by codec preferences as libwebrtc does it: each
/// preferred codec that is available, in preference order and once, followed by its RTX
/// format when RTX is among the preferences (where in the list does not matter). `None`
/// when nothing but auxiliary formats would remain: the preferences are then unset
/// (W3C: an empty filtered list means the defaults).
pub(crate) fn apply_preferences<'c>(
    kind: MediaKind,
    available: &'c [Codec],
    preferences: &[CodecPreference],
) -> Option<Vec<&'c Codec>> {
    let with_rtx = preferences.iter().any(|p| {
        p.mime_type
            .split_once('/')
            .is_some_and(|(_, subtype)| is_rtx(subtype))
    });
    let mut chosen: Vec<&Codec> = Vec::new();
    for preference in preferences {
        let found = available
            .iter()
            .find(|c| !is_rtx(&c.encoding_name) && matches(kind, c, preference));
        let Some(codec) = found else { continue };
        if chosen.iter().any(|c| c.payload_type == codec.payload_type) {
            continue;
        }
        chosen.push(codec);
        if with_rtx {
            let rtx = available.iter().find(|r| {
                is_rtx(&r.encoding_name) && r.associated_payload_type() == Some(codec.payload_type)
            });
            chosen.extend(rtx);
        }
    }
    chosen
        .iter()
        .any(|c| !is_auxiliary(&c.encoding_name))
        .then_some(chosen)
}

/// The rtcp-fb set of every video codec (RTX, RED and ULPFEC have none).
const VIDEO_FEEDBACK: &[&str] = &["goog-remb", "transport-cc", "ccm fir", "nack", "nack pli"];
/// FlexFEC carries only the congestion-control feedback.
const FLEXFEC_FEEDBACK: &[&str] = &["goog-remb", "transport-cc"];

/// A table row: one format (and for video its RTX format, written right after it).
struct Format {
    pt: PayloadType,
    name: &'static str,
    clock: u32,
    channels: Option<u8>,
    feedback: &'static [&'static str],
    fmtp: Option<&'static str>,
    rtx: Option<PayloadType>,
}

/// `n` as a payload type; the tables are constants, so a bad one fails the build.
const fn pt(n: u8) -> PayloadType {
    match PayloadType::new(n) {
        Some(pt) => pt,
        None => panic!("a payload type is 0-127"),
    }
}

const fn audio(n: u8, name: &'static str, clock: u32) -> Format {
    Format {
        pt: pt(n),
        name,
        clock,
        channels: None,
        feedback: &[],
        fmtp: None,
        rtx: None,
    }
}

/// A video codec with the full feedback set and an RTX format.
const fn video(n: u8, rtx: u8, name: &'static str, fmtp: Option<&'static str>) -> Format {
    Format {
        pt: pt(n),
        name,
        clock: 90000,
        channels: None,
        feedback: VIDEO_FEEDBACK,
        fmtp,
        rtx: Some(pt(rtx)),
    }
}

const fn h264(pt: u8, rtx: u8, fmtp: &'static str) -> Format {
    video(pt, rtx, "H264", Some(fmtp))
}

/// Comfort noise's payload type: dropped when voice activity detection is off.
const CN_PT: PayloadType = pt(13);

const AUDIO: &[Format] = &[
    Format {
        channels: Some(2),
        feedback: &["transport-cc"],
        fmtp: Some("minptime=10;useinbandfec=1"),
        ..audio(111, "opus", 48000)
    },
    Format {
        channels: Some(2),
        fmtp: Some("111/111"),
        ..audio(63, "red", 48000)
    },
    audio(9, "G722", 8000),
    audio(0, "PCMU", 8000),
    audio(8, "PCMA", 8000),
    audio(CN_PT.get(), "CN", 8000),
    audio(110, "telephone-event", 48000),
    audio(126, "telephone-event", 8000),
];

const H264_42001F_PM1: &str =
    "level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42001f";
const H264_42001F_PM0: &str =
    "level-asymmetry-allowed=1;packetization-mode=0;profile-level-id=42001f";
const H264_42E01F_PM1: &str =
    "level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f";
const H264_42E01F_PM0: &str =
    "level-asymmetry-allowed=1;packetization-mode=0;profile-level-id=42e01f";
const H264_4D001F_PM1: &str =
    "level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=4d001f";
const H264_4D001F_PM0: &str =
    "level-asymmetry-allowed=1;packetization-mode=0;profile-level-id=4d001f";
const H264_F4001F_PM1: &str =
    "level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=f4001f";
const H264_F4001F_PM0: &str =
    "level-asymmetry-allowed=1;packetization-mode=0;profile-level-id=f4001f";

/// A video FEC format (no feedback of its own).
const fn fec(n: u8, name: &'static str, rtx: Option<PayloadType>) -> Format {
    Format {
        pt: pt(n),
        name,
        clock: 90000,
        channels: None,
        feedback: &[],
        fmtp: None,
        rtx,
    }
}

const RED: Format = fec(118, "red", Some(pt(119)));
const ULPFEC: Format = fec(120, "ulpfec", None);

/// What Chromium can encode, in its preference order.
const VIDEO_SEND: &[Format] = &[
    video(96, 97, "VP8", None),
    h264(102, 103, H264_42001F_PM1),
    h264(104, 107, H264_42001F_PM0),
    h264(108, 109, H264_42E01F_PM1),
    h264(114, 115, H264_42E01F_PM0),
    h264(116, 117, H264_4D001F_PM1),
    h264(39, 40, H264_4D001F_PM0),
    video(45, 46, "AV1", Some("level-idx=5;profile=0;tier=0")),
    video(98, 99, "VP9", Some("profile-id=0")),
    video(100, 101, "VP9", Some("profile-id=2")),
    RED,
    ULPFEC,
];

/// What Chromium can decode, in its preference order.
const VIDEO_RECV: &[Format] = &[
    video(96, 97, "VP8", None),
    video(98, 99, "VP9", Some("profile-id=0")),
    video(100, 101, "VP9", Some("profile-id=2")),
    video(35, 36, "VP9", Some("profile-id=1")),
    video(37, 38, "VP9", Some("profile-id=3")),
    h264(102, 103, H264_42001F_PM1),
    h264(104, 107, H264_42001F_PM0),
    h264(108, 109, H264_42E01F_PM1),
    h264(114, 115, H264_42E01F_PM0),
    h264(116, 117, H264_4D001F_PM1),
    h264(39, 40, H264_4D001F_PM0),
    h264(41, 42, H264_F4001F_PM1),
    h264(43, 44, H264_F4001F_PM0),
    video(45, 46, "AV1", Some("level-idx=5;profile=0;tier=0")),
    video(47, 48, "AV1", Some("level-idx=5;profile=1;tier=0")),
    RED,
    ULPFEC,
    Format {
        feedback: FLEXFEC_FEEDBACK,
        fmtp: Some("repair-window=10000000"),
        ..fec(49, "flexfec-03", None)
    },
];

/// Expands table rows into codecs, each followed by its RTX format; `keep` filters rows.
fn build(formats: &[Format], keep: impl Fn(&Format) -> bool) -> CodecList {
    let mut codecs = Vec::new();
    for f in formats.iter().filter(|f| keep(f)) {
        codecs.push(Codec {
            payload_type: f.pt,
            encoding_name: f.name.to_string(),
            clock_rate: f.clock,
            channels: f.channels,
            rtcp_feedback: f.feedback.iter().map(|s| s.to_string()).collect(),
            fmtp: f.fmtp.map(str::to_string),
        });
        if let Some(rtx) = f.rtx {
            codecs.push(Codec {
                payload_type: rtx,
                encoding_name: "rtx".to_string(),
                clock_rate: f.clock,
                channels: None,
                rtcp_feedback: Vec::new(),
                fmtp: Some(format!("apt={}", f.pt.get())),
            });
        }
    }
    CodecList::new(codecs)
}

/// The formats an offer lists for a transceiver of `kind` with `direction`
/// (`voice_activity_detection` false drops comfort noise, as libwebrtc does).
pub fn offered_codecs(
    kind: MediaKind,
    direction: Direction,
    voice_activity_detection: bool,
) -> &'static CodecList {
    static AUDIO_WITH_CN: OnceLock<CodecList> = OnceLock::new();
    static AUDIO_WITHOUT_CN: OnceLock<CodecList> = OnceLock::new();
    static VIDEO_SENDRECV: OnceLock<CodecList> = OnceLock::new();
    static VIDEO_RECVONLY: OnceLock<CodecList> = OnceLock::new();
    match (kind, direction) {
        (MediaKind::Audio, _) if voice_activity_detection => {
            AUDIO_WITH_CN.get_or_init(|| build(AUDIO, |_| true))
        }
        (MediaKind::Audio, _) => AUDIO_WITHOUT_CN.get_or_init(|| build(AUDIO, |f| f.pt != CN_PT)),
        (MediaKind::Video, Direction::RecvOnly) => {
            VIDEO_RECVONLY.get_or_init(|| build(VIDEO_RECV, |_| true))
        }
        (MediaKind::Video, _) => VIDEO_SENDRECV.get_or_init(|| build(VIDEO_SEND, |_| true)),
    }
}

/// The capabilities `getCapabilities(kind)` reports (W3C `RTCRtpCapabilities`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RtpCapabilities {
    /// Each codec once (RTX, RED and ULPFEC without payload-type parameters).
    pub codecs: Vec<CodecPreference>,
    /// Header extension URIs; Chromium reports each with direction `sendrecv`.
    pub header_extensions: Vec<&'static str>,
}

/// What Chromium 156's `RTCRtpSender.getCapabilities(kind)` (`send`) or
/// `RTCRtpReceiver.getCapabilities(kind)` returns: the formats it offers for that
/// direction in offer order, each codec once.
pub fn capabilities(kind: MediaKind, send: bool) -> RtpCapabilities {
    let direction = match send {
        true => Direction::SendOnly,
        false => Direction::RecvOnly,
    };
    let mut codecs: Vec<CodecPreference> = Vec::new();
    for codec in offered_codecs(kind, direction, true).codecs() {
        let capability = CodecPreference {
            mime_type: format!("{}/{}", kind.as_str(), codec.encoding_name),
            clock_rate: codec.clock_rate,
            channels: capability_channels(kind, codec),
            sdp_fmtp_line: capability_fmtp(codec).map(str::to_string),
        };
        if !codecs.contains(&capability) {
            codecs.push(capability);
        }
    }
    RtpCapabilities {
        codecs,
        header_extensions: header_extensions(kind, false)
            .iter()
            .map(|e| e.uri)
            .collect(),
    }
}

/// An RTP header extension libwebrtc offers, with the id it prefers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HeaderExtension {
    /// The extension's URI, e.g. `urn:ietf:params:rtp-hdrext:sdes:mid`.
    pub uri: &'static str,
    /// The `a=extmap` id libwebrtc gives it when it is free.
    pub preferred_id: u16,
}

const fn ext(preferred_id: u16, uri: &'static str) -> HeaderExtension {
    HeaderExtension { uri, preferred_id }
}

const AUDIO_LEVEL: &str = "urn:ietf:params:rtp-hdrext:ssrc-audio-level";
const ABS_SEND_TIME: &str = "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time";
const TRANSPORT_CC: &str =
    "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01";
const SDES_MID: &str = "urn:ietf:params:rtp-hdrext:sdes:mid";
/// The RID header extensions (RFC 8852 §3.1, §3.2), which simulcast with rids needs.
pub(crate) const RID_EXTENSIONS: [&str; 2] = [
    "urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id",
    "urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id",
];

/// The audio engine's enabled extensions (abs-capture-time, id 12, is stopped by default).
const AUDIO_EXTENSIONS: &[HeaderExtension] = &[
    ext(1, AUDIO_LEVEL),
    ext(2, ABS_SEND_TIME),
    ext(3, TRANSPORT_CC),
    ext(4, SDES_MID),
];

/// The video engine's extensions in order. The last two are offered only for a
/// simulcast sender (see [`VIDEO_SIMULCAST_ONLY`]); 12 (abs-capture-time) is stopped.
const VIDEO_EXTENSIONS: &[HeaderExtension] = &[
    ext(1, "urn:ietf:params:rtp-hdrext:toffset"),
    ext(2, ABS_SEND_TIME),
    ext(3, "urn:3gpp:video-orientation"),
    ext(4, TRANSPORT_CC),
    ext(
        5,
        "http://www.webrtc.org/experiments/rtp-hdrext/playout-delay",
    ),
    ext(
        6,
        "http://www.webrtc.org/experiments/rtp-hdrext/video-content-type",
    ),
    ext(
        7,
        "http://www.webrtc.org/experiments/rtp-hdrext/video-timing",
    ),
    ext(
        8,
        "http://www.webrtc.org/experiments/rtp-hdrext/color-space",
    ),
    ext(9, SDES_MID),
    ext(10, RID_EXTENSIONS[0]),
    ext(11, RID_EXTENSIONS[1]),
    ext(
        13,
        "https://aomediacodec.github.io/av1-rtp-spec/#dependency-descriptor-rtp-header-extension",
    ),
    ext(
        14,
        "http://www.webrtc.org/experiments/rtp-hdrext/video-layers-allocation00",
    ),
];

/// How many of [`VIDEO_EXTENSIONS`]' entries (dependency descriptor and video layers
/// allocation) Chromium offers only for a sender with two or more simulcast layers.
const VIDEO_SIMULCAST_ONLY: usize = 2;

/// The header extensions a transceiver of `kind` offers, in libwebrtc's order.
pub fn header_extensions(kind: MediaKind, simulcast: bool) -> &'static [HeaderExtension] {
    match kind {
        MediaKind::Audio => AUDIO_EXTENSIONS,
        MediaKind::Video if simulcast => VIDEO_EXTENSIONS,
        MediaKind::Video => &VIDEO_EXTENSIONS[..VIDEO_EXTENSIONS.len() - VIDEO_SIMULCAST_ONLY],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same_format(a: &Codec, b: &Codec) -> bool {
        a.encoding_name == b.encoding_name && a.clock_rate == b.clock_rate && a.fmtp == b.fmtp
    }

    #[test]
    fn sendrecv_list_is_the_intersection_of_send_and_receive() {
        // libwebrtc offers send ∩ recv (in send order) for sendrecv; the send list must
        // therefore be wholly decodable, with the same payload types.
        let send = offered_codecs(MediaKind::Video, Direction::SendOnly, true);
        let recv = offered_codecs(MediaKind::Video, Direction::RecvOnly, true);
        for codec in send.codecs() {
            let twin = recv
                .codecs()
                .iter()
                .find(|c| c.payload_type == codec.payload_type);
            assert!(
                twin.is_some_and(|t| same_format(t, codec)),
                "{codec:?} not receivable"
            );
        }
    }

    #[test]
    fn rtx_points_at_a_listed_payload_type_and_no_pt_is_in_64_to_95() {
        for list in [
            offered_codecs(MediaKind::Audio, Direction::SendRecv, true),
            offered_codecs(MediaKind::Video, Direction::SendRecv, true),
            offered_codecs(MediaKind::Video, Direction::RecvOnly, true),
        ] {
            let pts: Vec<u8> = list.codecs().iter().map(|c| c.payload_type.get()).collect();
            let mut unique = pts.clone();
            unique.sort_unstable();
            unique.dedup();
            assert_eq!(unique.len(), pts.len(), "duplicate payload type");
            assert!(pts.iter().all(|pt| !(64..=95).contains(pt)));
            for codec in list.codecs().iter().filter(|c| c.encoding_name == "rtx") {
                let apt = codec.fmtp.as_deref().and_then(|f| f.strip_prefix("apt="));
                let apt: u8 = apt.and_then(|a| a.parse().ok()).unwrap_or(0);
                assert!(pts.contains(&apt), "rtx {:?} apt {apt}", codec.payload_type);
            }
        }
    }

    #[test]
    fn vad_off_drops_comfort_noise_only() {
        let with = offered_codecs(MediaKind::Audio, Direction::RecvOnly, true);
        let without = offered_codecs(MediaKind::Audio, Direction::RecvOnly, false);
        assert_eq!(with.payload_types(), "111 63 9 0 8 13 110 126");
        assert_eq!(without.payload_types(), "111 63 9 0 8 110 126");
    }

    #[test]
    fn simulcast_adds_dependency_descriptor_and_layers_allocation() {
        let plain = header_extensions(MediaKind::Video, false);
        let simulcast = header_extensions(MediaKind::Video, true);
        assert_eq!(plain.len() + 2, simulcast.len());
        assert_eq!(simulcast[plain.len()].preferred_id, 13);
        assert_eq!(simulcast[plain.len() + 1].preferred_id, 14);
    }
}
