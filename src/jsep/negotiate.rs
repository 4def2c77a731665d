//! The codec and header-extension halves of an answer's m-section, as Chromium 156
//! (libwebrtc's `NegotiateCodecs` and `NegotiateRtpHeaderExtensions`) computes them from
//! an offered m-section: pure functions of the offer's formats and our capabilities.
//!
//! Codecs: each of our codecs (the list for the section's directions, filtered by codec
//! preferences) takes the first offered format that matches it; the answer keeps our
//! parameters and feedback (intersected with the offer's) under the offer's payload type
//! and name, in the offer's order unless codec preferences apply.
//!
//! Header extensions: ours that the offer has, in our order, with the offer's ids.

use crate::codecs::{apply_preferences, header_extensions, offered_codecs, CodecPreference};
use crate::sdp::{Codec, Direction, Extmap, MediaKind, PayloadType};

/// The `a=rtpmap` of an offered payload format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct OfferedRtpmap<'a> {
    /// As written (compared case-insensitively, echoed as written).
    pub(super) encoding_name: &'a str,
    /// RTP clock rate in Hz.
    pub(super) clock_rate: u32,
    /// The `/<channels>` part; `None` when absent (one channel).
    pub(super) channels: Option<u8>,
}

/// One payload format of an offered m-section, as the offer's lines give it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct OfferedFormat<'a> {
    /// The `<fmt>` of the m= line.
    pub(super) payload_type: PayloadType,
    /// From `a=rtpmap`; `None` for a static payload type without one (RFC 3551 table:
    /// 0 = PCMU/8000, 8 = PCMA/8000, 9 = G722/8000, 13 = CN/8000, …).
    pub(super) rtpmap: Option<OfferedRtpmap<'a>>,
    /// The `a=fmtp` parameters for this payload type, verbatim (`None` when absent).
    pub(super) fmtp: Option<&'a str>,
    /// The rtcp-fb values offered for this payload type, including those of
    /// `a=rtcp-fb:*` lines, e.g. `nack pli`.
    pub(super) feedback: Vec<&'a str>,
}

/// The payload formats of the answer's m-section, in the answer's order, with the offer's
/// payload types and encoding names; empty when there is no common format (the caller
/// then rejects the section).
///
/// `offered_direction` is the offer's direction attribute for the section, `direction`
/// the answer's own (from the answerer's view): together they choose our codec list as
/// libwebrtc does (`sendonly`: what we can send; `recvonly`: what we can receive;
/// `sendrecv` and `inactive`: the list we would offer for the reverse of the offer's
/// direction). `preferences` are the answering transceiver's `setCodecPreferences` (empty
/// for none); `voice_activity_detection` false drops comfort noise.
pub(super) fn answer_formats(
    kind: MediaKind,
    offered: &[OfferedFormat<'_>],
    offered_direction: Direction,
    direction: Direction,
    preferences: &[CodecPreference],
    voice_activity_detection: bool,
) -> Vec<Codec> {
    let list_direction = match direction {
        Direction::SendOnly | Direction::RecvOnly => direction,
        Direction::SendRecv | Direction::Inactive => reversed(offered_direction),
    };
    let supported = offered_codecs(kind, list_direction, voice_activity_detection).codecs();
    let preferred = match preferences {
        [] => None,
        _ => apply_preferences(kind, supported, preferences),
    };
    let keep_offer_order = preferred.is_none();
    let local: Vec<Local<'_>> = match preferred {
        Some(codecs) => codecs.into_iter().map(Local::new).collect(),
        None => supported.iter().map(Local::new).collect(),
    };
    let theirs: Vec<Offered<'_>> = offered.iter().map(|f| Offered::new(kind, f)).collect();

    let mut answer: Vec<(usize, Codec)> = Vec::new();
    for ours in &local {
        let matched = theirs
            .iter()
            .enumerate()
            .find(|(_, t)| matches_with_references(kind, ours, t, &local, &theirs));
        if let Some((index, t)) = matched {
            // In the offer's order unless preferences set ours; after equals, as a stable
            // sort would (an insertion here spares the wasm a sort).
            let at = match keep_offer_order {
                true => answer.partition_point(|(i, _)| *i <= index),
                false => answer.len(),
            };
            answer.insert(at, (index, negotiated(ours, t)));
        }
    }
    answer.into_iter().map(|(_, codec)| codec).collect()
}

/// Whether the exchange numbered codecs exactly as `ours` does (after our own offers, or
/// after answering Chromium): every negotiated codec is one of ours under the same payload
/// type, and none of ours has a number the exchange gave another codec. Nothing moves then,
/// and every offer after an exchange skips the parameter parsing and matching below: it is
/// the common case on createOffer's path.
fn numbered_as_ours(ours: &[Codec], negotiated: &[&Codec], taken: &[PayloadType]) -> bool {
    let same = |a: &Codec, b: &Codec| {
        a.payload_type == b.payload_type
            && a.encoding_name.eq_ignore_ascii_case(&b.encoding_name)
            && a.clock_rate == b.clock_rate
            && a.channels == b.channels
            && a.fmtp == b.fmtp
    };
    negotiated
        .iter()
        .all(|n| ours.iter().any(|ours| same(ours, n)))
        && ours.iter().all(|ours| {
            !taken.contains(&ours.payload_type) || negotiated.iter().any(|n| same(ours, n))
        })
}

/// `ours` (our codecs for an m-section of a re-offer, in order) with the payload types a
/// completed exchange gave them (RFC 9429 §5.2.2; libwebrtc merges the negotiated codecs
/// into the ones it offers): a codec that matches one of `negotiated` as an answer would
/// match it (name case-insensitively, clock rate and channels, the family's parameters for
/// H.264, VP9 and AV1; RTX and RED through the codecs they name) takes its payload type; one
/// whose own payload type a different codec of the exchange (`taken`: every section's) or
/// another of ours already uses gets a free dynamic one, 96–127 then 35–63, preferring those
/// not in `reserved` (none free: it is left out). RTX `apt` and RED lists follow the payload types of the codecs they name.
/// `negotiated` lists the section's own codecs first. `None` when nothing changes.
pub(super) fn follow_negotiated(
    kind: MediaKind,
    ours: &[Codec],
    negotiated: &[&Codec],
    taken: &[PayloadType],
    reserved: &[PayloadType],
) -> Option<Vec<Codec>> {
    if numbered_as_ours(ours, negotiated, taken) {
        return None;
    }
    let formats: Vec<OfferedFormat<'_>> = negotiated
        .iter()
        .map(|c| OfferedFormat {
            payload_type: c.payload_type,
            rtpmap: Some(OfferedRtpmap {
                encoding_name: &c.encoding_name,
                clock_rate: c.clock_rate,
                channels: c.channels,
            }),
            fmtp: c.fmtp.as_deref(),
            feedback: Vec::new(),
        })
        .collect();
    let theirs: Vec<Offered<'_>> = formats.iter().map(|f| Offered::new(kind, f)).collect();
    let local: Vec<Local<'_>> = ours.iter().map(Local::new).collect();
    let mut pts: Vec<Option<u8>> = vec![None; ours.len()];
    for (i, codec) in ours.iter().enumerate() {
        let ours_parsed = &local[i];
        let free = |t: &&Offered<'_>| !pts.contains(&Some(t.format.payload_type.get()));
        let matching =
            |t: &&Offered<'_>| matches_with_references(kind, ours_parsed, t, &local, &theirs);
        // The codec that has our payload type already, when it is the same: nothing moves.
        let found = theirs
            .iter()
            .filter(free)
            .filter(|t| t.format.payload_type == codec.payload_type)
            .find(matching)
            .or_else(|| theirs.iter().filter(free).find(matching));
        pts[i] = found.map(|t| t.format.payload_type.get());
    }
    let mut used: Vec<u8> = taken.iter().map(|pt| pt.get()).collect();
    used.extend(pts.iter().flatten());
    for (i, codec) in ours.iter().enumerate() {
        let own = codec.payload_type.get();
        if pts[i].is_none() && !used.contains(&own) {
            pts[i] = Some(own);
            used.push(own);
        }
    }
    for pt in pts.iter_mut().filter(|pt| pt.is_none()) {
        let free = |p: &u8| !used.contains(p);
        let unreserved = |p: &u8| free(p) && !reserved.iter().any(|r| r.get() == *p);
        *pt = (96..=127)
            .chain(35..=63)
            .find(unreserved)
            .or_else(|| (96..=127).chain(35..=63).find(free));
        used.extend(*pt);
    }
    let unchanged = ours
        .iter()
        .zip(&pts)
        .all(|(c, pt)| *pt == Some(c.payload_type.get()));
    if unchanged {
        return None;
    }
    let moved = |old: u8| {
        ours.iter()
            .zip(&pts)
            .find(|(c, _)| c.payload_type.get() == old)
            .and_then(|(_, pt)| *pt)
    };
    let mut out = Vec::with_capacity(ours.len());
    for (codec, pt) in ours.iter().zip(&pts) {
        let Some(pt) = pt.and_then(PayloadType::new) else {
            continue;
        };
        let mut codec = codec.clone();
        codec.payload_type = pt;
        let name = codec.encoding_name.as_str();
        if name.eq_ignore_ascii_case("rtx") {
            if let Some(apt) = codec.associated_payload_type() {
                match moved(apt.get()) {
                    Some(apt) => codec.fmtp = Some(format!("apt={apt}")),
                    // Its codec is left out: so is it.
                    None => continue,
                }
            }
        } else if name.eq_ignore_ascii_case("red") {
            if let Some(list) = codec.fmtp.as_deref() {
                let mut mapped = Some(String::with_capacity(list.len()));
                for part in list.split('/') {
                    let pt = part.parse::<u8>().ok().and_then(moved);
                    mapped = mapped.zip(pt).map(|(mut out, pt)| {
                        if !out.is_empty() {
                            out.push('/');
                        }
                        out.push_str(&pt.to_string());
                        out
                    });
                }
                if let Some(mapped) = mapped {
                    codec.fmtp = Some(mapped);
                }
            }
        }
        out.push(codec);
    }
    Some(out)
}

/// The answer's `a=extmap` lines: the extensions both sides support, in our (libwebrtc's)
/// order, with the offer's ids; then the dependency descriptor, the generic frame
/// descriptor and absolute capture time when offered and not among ours (libwebrtc
/// accepts those three whenever they are offered). Of an URI offered twice, the first.
pub(super) fn answer_extmaps(kind: MediaKind, offered: &[Extmap<'_>]) -> Vec<Extmap<'static>> {
    let find = |uri: &str| offered.iter().find(|e| e.uri == uri).map(|e| e.id);
    let ours = header_extensions(kind, true);
    let mut answer: Vec<Extmap<'static>> = ours
        .iter()
        .filter_map(|ext| find(ext.uri).map(|id| Extmap { id, uri: ext.uri }))
        .collect();
    for uri in ACCEPTED_WHEN_OFFERED {
        if ours.iter().all(|ext| ext.uri != uri) {
            answer.extend(find(uri).map(|id| Extmap { id, uri }));
        }
    }
    answer
}

/// Extensions libwebrtc answers whenever offered, even when it would not offer them.
const ACCEPTED_WHEN_OFFERED: [&str; 3] = [
    "https://aomediacodec.github.io/av1-rtp-spec/#dependency-descriptor-rtp-header-extension",
    "http://www.webrtc.org/experiments/rtp-hdrext/generic-frame-descriptor-00",
    "http://www.webrtc.org/experiments/rtp-hdrext/abs-capture-time",
];

fn reversed(direction: Direction) -> Direction {
    match direction {
        Direction::SendOnly => Direction::RecvOnly,
        Direction::RecvOnly => Direction::SendOnly,
        other => other,
    }
}

/// RFC 3551 §6 static audio payload types: encoding name, clock rate, channels.
fn static_audio(pt: u8) -> Option<(&'static str, u32, u8)> {
    Some(match pt {
        0 => ("PCMU", 8000, 1),
        3 => ("GSM", 8000, 1),
        4 => ("G723", 8000, 1),
        5 => ("DVI4", 8000, 1),
        6 => ("DVI4", 16000, 1),
        7 => ("LPC", 8000, 1),
        8 => ("PCMA", 8000, 1),
        9 => ("G722", 8000, 1),
        10 => ("L16", 44100, 2),
        11 => ("L16", 44100, 1),
        12 => ("QCELP", 8000, 1),
        13 => ("CN", 8000, 1),
        14 => ("MPA", 90000, 1),
        15 => ("G728", 8000, 1),
        16 => ("DVI4", 11025, 1),
        17 => ("DVI4", 22050, 1),
        18 => ("G729", 8000, 1),
        _ => return None,
    })
}

/// Format parameters as libwebrtc keeps them: a map sorted by key, with a parameter that
/// is not `key=value` (RED's `111/111`, telephone-event's `0-16`) under the empty key. A
/// handful of entries: a sorted `Vec`, which costs the wasm far less than a `BTreeMap`.
struct Params<'a, V = &'a str>(Vec<(&'a str, V)>);

impl<'a, V> Params<'a, V> {
    fn new() -> Self {
        Params(Vec::new())
    }

    fn get(&self, key: &str) -> Option<&V> {
        self.0.iter().find(|(k, _)| *k == key).map(|(_, v)| v)
    }

    /// Sets `key`, replacing its value when `replace`, else only when it is absent.
    fn set(&mut self, key: &'a str, value: V, replace: bool) {
        match self.0.binary_search_by(|(k, _)| (*k).cmp(key)) {
            Ok(at) if replace => self.0[at].1 = value,
            Ok(_) => {}
            Err(at) => self.0.insert(at, (key, value)),
        }
    }

    fn insert(&mut self, key: &'a str, value: V) {
        self.set(key, value, true);
    }
}

fn parse_params(fmtp: Option<&str>) -> Params<'_> {
    let mut params = Params::new();
    for param in fmtp.unwrap_or("").split(';').map(str::trim) {
        if param.is_empty() {
            continue;
        }
        let (key, value) = param
            .split_once('=')
            .map_or(("", param), |(k, v)| (k.trim(), v.trim()));
        params.set(key, value, false);
    }
    params
}

/// Parameters written as libwebrtc writes an fmtp line: keys sorted, `;`-separated.
fn render_params(params: &Params<'_, String>) -> Option<String> {
    let mut out = String::new();
    for (key, value) in &params.0 {
        if !out.is_empty() {
            out.push(';');
        }
        if !key.is_empty() {
            out.push_str(key);
            out.push('=');
        }
        out.push_str(value);
    }
    (!out.is_empty()).then_some(out)
}

/// A local codec with its parameters parsed.
struct Local<'c> {
    codec: &'c Codec,
    params: Params<'c>,
}

impl<'c> Local<'c> {
    fn new(codec: &'c Codec) -> Self {
        Local {
            codec,
            params: parse_params(codec.fmtp.as_deref()),
        }
    }
}

/// An offered format with its name, clock rate and channels resolved (from the static
/// table when it has no rtpmap) and its parameters parsed.
struct Offered<'a> {
    format: &'a OfferedFormat<'a>,
    name: &'a str,
    clock_rate: u32,
    /// 1 when absent.
    channels: u8,
    params: Params<'a>,
}

impl<'a> Offered<'a> {
    fn new(kind: MediaKind, format: &'a OfferedFormat<'a>) -> Self {
        let (name, clock_rate, channels) = match format.rtpmap {
            Some(map) => (map.encoding_name, map.clock_rate, map.channels.unwrap_or(1)),
            None => match kind {
                MediaKind::Audio => static_audio(format.payload_type.get()).unwrap_or(("", 0, 1)),
                MediaKind::Video => ("", 0, 1),
            },
        };
        Offered {
            format,
            name,
            clock_rate,
            channels,
            params: parse_params(format.fmtp),
        }
    }
}

/// libwebrtc matches names in the dynamic ranges 35–65 and 96–127, numbers elsewhere.
fn is_dynamic(pt: u8) -> bool {
    matches!(pt, 35..=65 | 96..=127)
}

/// libwebrtc's `MatchesWithCodecRules`: the same codec, ignoring what RTX and RED refer to.
fn matches_codec(kind: MediaKind, ours: &Local<'_>, theirs: &Offered<'_>) -> bool {
    let (our_pt, their_pt) = (
        ours.codec.payload_type.get(),
        theirs.format.payload_type.get(),
    );
    let same_id = match is_dynamic(our_pt) && is_dynamic(their_pt) {
        true => ours.codec.encoding_name.eq_ignore_ascii_case(theirs.name),
        false => our_pt == their_pt,
    };
    same_id
        && match kind {
            MediaKind::Audio => {
                let our_channels = ours.codec.channels.unwrap_or(1);
                (theirs.clock_rate == 0 || theirs.clock_rate == ours.codec.clock_rate)
                    && ((our_channels < 2 && theirs.channels < 2)
                        || our_channels == theirs.channels)
            }
            MediaKind::Video => same_codec_specific(
                &ours.codec.encoding_name,
                &ours.params,
                theirs.name,
                &theirs.params,
            ),
        }
}

/// Video codecs that are families: the members must be the same (H.264 profile and
/// packetization mode, VP9 profile, AV1 profile, tier and level).
fn same_codec_specific<'a>(
    name1: &str,
    params1: &Params<'a>,
    name2: &str,
    params2: &Params<'a>,
) -> bool {
    let either = |name: &str| name1.eq_ignore_ascii_case(name) || name2.eq_ignore_ascii_case(name);
    let get = |params: &Params<'a>, key: &str, default: &'static str| -> &'a str {
        params.get(key).copied().unwrap_or(default)
    };
    let same =
        |key: &str, default: &'static str| get(params1, key, default) == get(params2, key, default);
    if either("H264") {
        let profile1 = h264::parse_sdp(params1).map(|p| p.profile);
        let profile2 = h264::parse_sdp(params2).map(|p| p.profile);
        profile1.is_some() && profile1 == profile2 && same("packetization-mode", "0")
    } else if either("VP9") {
        let profile = |p: &Params<'_>| numeric_profile(p, "profile-id", 3);
        profile(params1).is_some() && profile(params1) == profile(params2)
    } else if either("AV1") {
        let profile = |p: &Params<'_>| numeric_profile(p, "profile", 2);
        profile(params1).is_some()
            && profile(params1) == profile(params2)
            && same("tier", "0")
            && same("level-idx", "5")
    } else {
        true
    }
}

/// A profile parameter (default 0) when it is a number up to `max`.
fn numeric_profile(params: &Params<'_>, key: &str, max: u8) -> Option<u8> {
    match params.get(key) {
        None => Some(0),
        Some(value) => value.parse::<u8>().ok().filter(|p| *p <= max),
    }
}

/// The codec in `list` with payload type `pt` (written as in an fmtp).
fn by_pt<'l, T>(list: &'l [T], pt: &str, get: impl Fn(&T) -> u8) -> Option<&'l T> {
    let pt: u8 = pt.parse().ok()?;
    list.iter().find(|c| get(c) == pt)
}

/// libwebrtc's `FindMatchingCodec` test: the codec matches, and for RTX and RED so do
/// the codecs their parameters name (ours in `local`, theirs in `offered`).
fn matches_with_references(
    kind: MediaKind,
    ours: &Local<'_>,
    theirs: &Offered<'_>,
    local: &[Local<'_>],
    offered: &[Offered<'_>],
) -> bool {
    if !matches_codec(kind, ours, theirs) {
        return false;
    }
    let referenced_match = |our_pt: &str, their_pt: &str| {
        let ours = by_pt(local, our_pt, |l| l.codec.payload_type.get());
        let theirs = by_pt(offered, their_pt, |o| o.format.payload_type.get());
        match (ours, theirs) {
            (Some(ours), Some(theirs)) => matches_codec(kind, ours, theirs),
            _ => false,
        }
    };
    let name = ours.codec.encoding_name.as_str();
    if name.eq_ignore_ascii_case("rtx") {
        match (ours.params.get("apt"), theirs.params.get("apt")) {
            (Some(our_apt), Some(their_apt)) => referenced_match(our_apt, their_apt),
            _ => false,
        }
    } else if name.eq_ignore_ascii_case("red") {
        match (ours.params.get(""), theirs.params.get("")) {
            (Some(our_list), Some(their_list)) => {
                for (our_pt, their_pt) in our_list.split('/').zip(their_list.split('/')) {
                    if our_pt.parse::<u8>().is_err() || their_pt.parse::<u8>().is_err() {
                        return our_list == their_list;
                    }
                    if !referenced_match(our_pt, their_pt) {
                        return false;
                    }
                }
                true
            }
            (None, None) => true,
            _ => false,
        }
    } else {
        true
    }
}

/// Whether two rtcp-fb values are the same (type and parameter, case-insensitively).
fn same_feedback(a: &str, b: &str) -> bool {
    let mut a = a.split_ascii_whitespace();
    let mut b = b.split_ascii_whitespace();
    loop {
        match (a.next(), b.next()) {
            (None, None) => return true,
            (Some(x), Some(y)) if x.eq_ignore_ascii_case(y) => continue,
            _ => return false,
        }
    }
}

/// Our codec as the answer writes it for the offered format it matched.
fn negotiated(ours: &Local<'_>, theirs: &Offered<'_>) -> Codec {
    let mut params = Params(
        ours.params
            .0
            .iter()
            .map(|(k, v)| (*k, v.to_string()))
            .collect(),
    );
    let name = ours.codec.encoding_name.as_str();
    if name.eq_ignore_ascii_case("rtx") {
        for key in ["apt", "rtx-time"] {
            if let Some(value) = theirs.params.get(key) {
                params.insert(key, value.to_string());
            }
        }
    } else if name.eq_ignore_ascii_case("red") {
        if let Some(value) = theirs.params.get("") {
            params.insert("", value.to_string());
        }
    } else if name.eq_ignore_ascii_case("H264") {
        if let Some(id) = h264::profile_level_id_for_answer(&ours.params, &theirs.params) {
            params.insert(h264::PROFILE_LEVEL_ID, id);
        }
    }
    Codec {
        payload_type: theirs.format.payload_type,
        encoding_name: theirs.name.to_string(),
        clock_rate: ours.codec.clock_rate,
        channels: ours.codec.channels,
        rtcp_feedback: ours
            .codec
            .rtcp_feedback
            .iter()
            .filter(|fb| theirs.format.feedback.iter().any(|t| same_feedback(fb, t)))
            .cloned()
            .collect(),
        fmtp: render_params(&params),
    }
}

/// H.264's profile-level-id (RFC 6184 §8.1) as libwebrtc reads and answers it
/// (`api/video_codecs/h264_profile_level_id`).
mod h264 {
    use super::Params;

    pub(super) const PROFILE_LEVEL_ID: &str = "profile-level-id";

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub(super) enum Profile {
        ConstrainedBaseline,
        Baseline,
        Main,
        ConstrainedHigh,
        High,
        PredictiveHigh444,
    }

    /// `level_idc`, except level 1b, which is 0 (as in libwebrtc).
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub(super) struct Level(u8);

    const LEVEL_1B: Level = Level(0);
    const LEVEL_1: Level = Level(10);

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub(super) struct ProfileLevelId {
        pub(super) profile: Profile,
        pub(super) level: Level,
    }

    /// profile_idc, a pattern over profile-iop (MSB first: `x` any bit, else that
    /// bit), and the profile they mean.
    const PATTERNS: [(u8, &str, Profile); 9] = [
        (0x42, "x1xx0000", Profile::ConstrainedBaseline),
        (0x4D, "1xxx0000", Profile::ConstrainedBaseline),
        (0x58, "11xx0000", Profile::ConstrainedBaseline),
        (0x42, "x0xx0000", Profile::Baseline),
        (0x58, "10xx0000", Profile::Baseline),
        (0x4D, "0x0x0000", Profile::Main),
        (0x64, "00000000", Profile::High),
        (0x64, "00001100", Profile::ConstrainedHigh),
        (0xF4, "00000000", Profile::PredictiveHigh444),
    ];

    fn pattern_matches(pattern: &str, iop: u8) -> bool {
        pattern.bytes().enumerate().all(|(i, bit)| {
            let value = iop & (0x80 >> i) != 0;
            match bit {
                b'1' => value,
                b'0' => !value,
                _ => true,
            }
        })
    }

    /// A profile-level-id string: six hex digits.
    pub(super) fn parse(text: &str) -> Option<ProfileLevelId> {
        if text.len() != 6 || !text.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let value = u32::from_str_radix(text, 16).ok()?;
        let [_, profile_idc, iop, level_idc] = value.to_be_bytes();
        const CONSTRAINT_SET3: u8 = 0x10;
        let level = match level_idc {
            11 if iop & CONSTRAINT_SET3 != 0 => LEVEL_1B,
            10 | 11 | 12 | 13 | 20 | 21 | 22 | 30 | 31 | 32 | 40 | 41 | 42 | 50 | 51 | 52 => {
                Level(level_idc)
            }
            _ => return None,
        };
        let profile = PATTERNS
            .iter()
            .find(|(idc, pattern, _)| *idc == profile_idc && pattern_matches(pattern, iop))?
            .2;
        Some(ProfileLevelId { profile, level })
    }

    /// The fmtp's profile-level-id; Constrained Baseline level 3.1 when absent.
    pub(super) fn parse_sdp(params: &Params<'_>) -> Option<ProfileLevelId> {
        match params.get(PROFILE_LEVEL_ID) {
            None => Some(ProfileLevelId {
                profile: Profile::ConstrainedBaseline,
                level: Level(31),
            }),
            Some(text) => parse(text),
        }
    }

    fn is_less(a: Level, b: Level) -> bool {
        if a == LEVEL_1B {
            return b != LEVEL_1 && b != LEVEL_1B;
        }
        if b == LEVEL_1B {
            return a == LEVEL_1;
        }
        a.0 < b.0
    }

    pub(super) fn to_string(id: ProfileLevelId) -> Option<String> {
        if id.level == LEVEL_1B {
            return match id.profile {
                Profile::ConstrainedBaseline => Some("42f00b".into()),
                Profile::Baseline => Some("42100b".into()),
                Profile::Main => Some("4d100b".into()),
                _ => None,
            };
        }
        let prefix = match id.profile {
            Profile::ConstrainedBaseline => "42e0",
            Profile::Baseline => "4200",
            Profile::Main => "4d00",
            Profile::ConstrainedHigh => "640c",
            Profile::High => "6400",
            Profile::PredictiveHigh444 => "f400",
        };
        Some(format!("{prefix}{:02x}", id.level.0))
    }

    fn level_asymmetry_allowed(params: &Params<'_>) -> bool {
        params.get("level-asymmetry-allowed") == Some(&"1")
    }

    /// RFC 6184 §8.2.2 as libwebrtc's `H264GenerateProfileLevelIdForAnswer`: our profile,
    /// at our level when both sides allow level asymmetry, else at the lower of the two;
    /// `None` (leave ours) when neither side names one or either does not parse.
    pub(super) fn profile_level_id_for_answer(
        ours: &Params<'_>,
        theirs: &Params<'_>,
    ) -> Option<String> {
        if ours.get(PROFILE_LEVEL_ID).is_none() && theirs.get(PROFILE_LEVEL_ID).is_none() {
            return None;
        }
        let local = parse_sdp(ours)?;
        let remote = parse_sdp(theirs)?;
        let level = match level_asymmetry_allowed(ours) && level_asymmetry_allowed(theirs) {
            true => local.level,
            false if is_less(remote.level, local.level) => remote.level,
            false => local.level,
        };
        to_string(ProfileLevelId {
            profile: local.profile,
            level,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codecs::capabilities;
    use crate::sdp::CodecList;

    fn pt(n: u8) -> PayloadType {
        PayloadType::new(n).unwrap()
    }

    /// One RTP m-section of an SDP text, as simply as the reference files need.
    struct Section<'a> {
        kind: MediaKind,
        port: &'a str,
        formats: Vec<&'a str>,
        direction: Direction,
        lines: Vec<&'a str>,
    }

    impl<'a> Section<'a> {
        fn attribute(&self, name: &str) -> impl Iterator<Item = &'a str> + '_ {
            let prefix = format!("a={name}:");
            self.lines
                .iter()
                .filter_map(move |line| line.strip_prefix(prefix.as_str()))
        }

        /// `a=<name>:<pt> <value>` for one payload type.
        fn for_pt(&self, name: &str, pt: &str) -> Vec<&'a str> {
            self.attribute(name)
                .filter_map(|v| v.split_once(' '))
                .filter(|(p, _)| *p == pt || (name == "rtcp-fb" && *p == "*"))
                .map(|(_, value)| value)
                .collect()
        }

        fn offered_formats(&self) -> Vec<OfferedFormat<'a>> {
            self.formats
                .iter()
                .map(|fmt| {
                    let rtpmap = self.for_pt("rtpmap", fmt).first().map(|map| {
                        let mut parts = map.split('/');
                        OfferedRtpmap {
                            encoding_name: parts.next().unwrap(),
                            clock_rate: parts.next().unwrap().parse().unwrap(),
                            channels: parts.next().map(|c| c.parse().unwrap()),
                        }
                    });
                    OfferedFormat {
                        payload_type: pt(fmt.parse().unwrap()),
                        rtpmap,
                        fmtp: self.for_pt("fmtp", fmt).first().copied(),
                        feedback: self.for_pt("rtcp-fb", fmt),
                    }
                })
                .collect()
        }

        fn extmaps(&self) -> Vec<Extmap<'a>> {
            self.attribute("extmap")
                .map(|value| {
                    let (id, uri) = value.split_once(' ').unwrap();
                    let id = id.split('/').next().unwrap().parse().unwrap();
                    Extmap { id, uri }
                })
                .collect()
        }

        /// The codec lines (rtpmap, rtcp-fb, fmtp) in order, CRLF-terminated.
        fn codec_lines(&self) -> String {
            self.lines
                .iter()
                .filter(|l| {
                    ["a=rtpmap:", "a=rtcp-fb:", "a=fmtp:"]
                        .iter()
                        .any(|p| l.starts_with(p))
                })
                .map(|l| format!("{l}\r\n"))
                .collect()
        }

        fn extmap_lines(&self) -> String {
            self.lines
                .iter()
                .filter(|l| l.starts_with("a=extmap:"))
                .map(|l| format!("{l}\r\n"))
                .collect()
        }
    }

    fn sections(sdp: &str) -> Vec<Section<'_>> {
        let mut out: Vec<Section<'_>> = Vec::new();
        let mut in_rtp = false;
        for line in sdp.lines() {
            if let Some(m) = line.strip_prefix("m=") {
                let fields: Vec<&str> = m.split(' ').collect();
                let kind = match fields[0] {
                    "audio" => Some(MediaKind::Audio),
                    "video" => Some(MediaKind::Video),
                    _ => None,
                };
                in_rtp = kind.is_some();
                if let Some(kind) = kind {
                    out.push(Section {
                        kind,
                        port: fields[1],
                        formats: fields[3..].to_vec(),
                        direction: Direction::SendRecv,
                        lines: Vec::new(),
                    });
                }
            } else if in_rtp {
                let section = out.last_mut().unwrap();
                section.direction = match line {
                    "a=sendrecv" => Direction::SendRecv,
                    "a=sendonly" => Direction::SendOnly,
                    "a=recvonly" => Direction::RecvOnly,
                    "a=inactive" => Direction::Inactive,
                    _ => section.direction,
                };
                section.lines.push(line);
            }
        }
        out
    }

    const REFERENCES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/reference-answers");

    /// `setCodecPreferences([VP9 profile-id=0, then the rest])` as the scenario made it.
    fn vp9_first() -> Vec<CodecPreference> {
        let mut codecs = capabilities(MediaKind::Video, false).codecs;
        let vp9 = codecs
            .iter()
            .position(|c| {
                c.mime_type == "video/VP9" && c.sdp_fmtp_line.as_deref() == Some("profile-id=0")
            })
            .unwrap();
        let vp9 = codecs.remove(vp9);
        codecs.insert(0, vp9);
        codecs
    }

    /// Checks every RTP section Chromium accepted; returns how many it checked.
    fn check_scenario(name: &str) -> Result<usize, String> {
        let read = |suffix: &str| {
            std::fs::read_to_string(format!("{REFERENCES}/{name}.{suffix}"))
                .unwrap_or_else(|e| panic!("{name}.{suffix}: {e}"))
        };
        let (offer, answer) = (read("offer.sdp"), read("answer.sdp"));
        let preferences = match name {
            "answerer-codec-preferences" => vp9_first(),
            _ => Vec::new(),
        };
        let vad = name != "answer-vad-false";
        let mut checked = 0;
        let mut errors = String::new();
        for (index, (offered, answered)) in
            sections(&offer).iter().zip(sections(&answer)).enumerate()
        {
            if answered.port == "0" {
                continue;
            }
            let formats = offered.offered_formats();
            let codecs = answer_formats(
                offered.kind,
                &formats,
                offered.direction,
                answered.direction,
                &preferences,
                vad,
            );
            let list = CodecList::new(codecs);
            let expected_formats = answered.formats.join(" ");
            if list.payload_types() != expected_formats {
                errors += &format!(
                    "{name} #{index}: formats\n  got  {}\n  want {expected_formats}\n",
                    list.payload_types()
                );
            }
            if list.lines() != answered.codec_lines() {
                errors += &format!(
                    "{name} #{index}: codec lines\n--- got\n{}--- want\n{}",
                    list.lines(),
                    answered.codec_lines()
                );
            }
            let extmaps: String = answer_extmaps(offered.kind, &offered.extmaps())
                .iter()
                .map(|e| format!("a=extmap:{} {}\r\n", e.id, e.uri))
                .collect();
            if extmaps != answered.extmap_lines() {
                errors += &format!(
                    "{name} #{index}: extmaps\n--- got\n{extmaps}--- want\n{}",
                    answered.extmap_lines()
                );
            }
            checked += 1;
        }
        match errors.is_empty() {
            true => Ok(checked),
            false => Err(errors),
        }
    }

    #[test]
    fn every_reference_answer_has_our_codecs_and_extmaps() {
        let mut names: Vec<String> = std::fs::read_dir(REFERENCES)
            .expect("the shared reference answers beside the repository")
            .filter_map(|entry| {
                let name = entry.ok()?.file_name().into_string().ok()?;
                name.strip_suffix(".answer.sdp").map(str::to_string)
            })
            .collect();
        names.sort();
        assert_eq!(names.len(), 28, "{names:?}");
        let mut sections = 0;
        let mut failures = String::new();
        for name in &names {
            match check_scenario(name) {
                Ok(n) => sections += n,
                Err(e) => failures += &e,
            }
        }
        assert!(failures.is_empty(), "{failures}");
        assert!(sections >= 40, "only {sections} sections checked");
    }

    /// An offered format from `<name>/<clock>[/<channels>]` (`None`: no rtpmap).
    fn offered<'a>(
        n: u8,
        rtpmap: Option<&'a str>,
        fmtp: Option<&'a str>,
        feedback: &[&'a str],
    ) -> OfferedFormat<'a> {
        OfferedFormat {
            payload_type: pt(n),
            rtpmap: rtpmap.map(|map| {
                let mut parts = map.split('/');
                OfferedRtpmap {
                    encoding_name: parts.next().unwrap(),
                    clock_rate: parts.next().unwrap().parse().unwrap(),
                    channels: parts.next().map(|c| c.parse().unwrap()),
                }
            }),
            fmtp,
            feedback: feedback.to_vec(),
        }
    }

    /// The answer to `formats` (a sendrecv offer answered recvonly, no preferences):
    /// its m= line format list and its codec lines.
    fn answer(kind: MediaKind, formats: &[OfferedFormat<'_>]) -> CodecList {
        let codecs = answer_formats(
            kind,
            formats,
            Direction::SendRecv,
            Direction::RecvOnly,
            &[],
            true,
        );
        CodecList::new(codecs)
    }

    const H264: Option<&str> = Some("H264/90000");

    #[test]
    fn static_payload_types_without_rtpmap_match_by_number() {
        let list = answer(
            MediaKind::Audio,
            &[offered(0, None, None, &[]), offered(8, None, None, &[])],
        );
        assert_eq!(list.payload_types(), "0 8");
        assert_eq!(
            list.lines(),
            "a=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n"
        );
        // A static number is the codec whatever its rtpmap says; a dynamic one is not.
        let list = answer(
            MediaKind::Audio,
            &[
                offered(9, Some("g722/8000/1"), None, &[]),
                offered(100, Some("PCMU/8000"), None, &[]),
            ],
        );
        assert_eq!(list.lines(), "a=rtpmap:9 g722/8000\r\n");
        // No rtpmap on a dynamic payload type: nothing to match.
        assert_eq!(
            answer(MediaKind::Audio, &[offered(111, None, None, &[])]).payload_types(),
            ""
        );
    }

    #[test]
    fn names_match_case_insensitively_and_are_echoed_as_offered() {
        let list = answer(
            MediaKind::Audio,
            &[offered(100, Some("OPUS/48000/2"), None, &["TRANSPORT-CC"])],
        );
        assert_eq!(
            list.lines(),
            "a=rtpmap:100 OPUS/48000/2\r\na=rtcp-fb:100 transport-cc\r\n\
             a=fmtp:100 minptime=10;useinbandfec=1\r\n"
        );
        let list = answer(
            MediaKind::Video,
            &[offered(
                100,
                Some("vp8/90000"),
                None,
                &["nack", "nack  PLI", "foo"],
            )],
        );
        assert_eq!(
            list.lines(),
            "a=rtpmap:100 vp8/90000\r\na=rtcp-fb:100 nack\r\na=rtcp-fb:100 nack pli\r\n"
        );
    }

    #[test]
    fn audio_clock_rate_and_channels_must_match_video_clock_rate_need_not() {
        let mono_opus = offered(111, Some("opus/48000"), None, &[]);
        let slow_pcmu = offered(0, Some("PCMU/16000"), None, &[]);
        assert_eq!(
            answer(MediaKind::Audio, &[mono_opus, slow_pcmu]).payload_types(),
            ""
        );
        let list = answer(MediaKind::Video, &[offered(96, Some("VP8/30"), None, &[])]);
        assert_eq!(list.lines(), "a=rtpmap:96 VP8/90000\r\n");
    }

    #[test]
    fn h264_profiles_and_packetization_modes_are_different_codecs() {
        let formats = [
            offered(
                96,
                H264,
                Some("packetization-mode=1;profile-level-id=42E01F"),
                &[],
            ),
            offered(
                97,
                H264,
                Some("packetization-mode=1;profile-level-id=42001f"),
                &[],
            ),
            offered(98, H264, Some("profile-level-id=42e01f"), &[]),
            offered(
                99,
                H264,
                Some("packetization-mode=1;profile-level-id=640c1f"),
                &[],
            ),
        ];
        let fmtps: Vec<_> = answer(MediaKind::Video, &formats)
            .codecs()
            .iter()
            .map(|c| (c.payload_type.get(), c.fmtp.clone().unwrap()))
            .collect();
        let fmtp = |mode: u8, id: &str| {
            format!("level-asymmetry-allowed=1;packetization-mode={mode};profile-level-id={id}")
        };
        // Each local H.264 codec takes the offered one of its profile and mode; Constrained
        // High is not ours at all.
        assert_eq!(
            fmtps,
            [
                (96, fmtp(1, "42e01f")),
                (97, fmtp(1, "42001f")),
                (98, fmtp(0, "42e01f")),
            ]
        );
    }

    #[test]
    fn h264_without_profile_level_id_is_constrained_baseline_and_levels_follow_rfc_6184() {
        let codec = |fmtp: &'static str| {
            let list = answer(MediaKind::Video, &[offered(96, H264, Some(fmtp), &[])]);
            list.codecs().first().and_then(|c| c.fmtp.clone())
        };
        // Missing: 42e01f (packetization mode still has to match).
        assert_eq!(
            codec("packetization-mode=1").as_deref(),
            Some("level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f")
        );
        // Both allow asymmetry: our level; otherwise the lower one.
        assert_eq!(
            codec("level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e00a")
                .as_deref(),
            Some("level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f")
        );
        assert_eq!(
            codec("packetization-mode=1;profile-level-id=42e00a").as_deref(),
            Some("level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e00a")
        );
        assert_eq!(
            codec("packetization-mode=1;profile-level-id=42f00b").as_deref(),
            Some("level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42f00b")
        );
        assert_eq!(
            codec("packetization-mode=1;profile-level-id=42e034").as_deref(),
            Some("level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f")
        );
        // Unparsable (bad level): no match.
        assert_eq!(codec("packetization-mode=1;profile-level-id=42e0ff"), None);
    }

    #[test]
    fn vp9_and_av1_profiles_must_match_with_their_defaults() {
        let formats = [
            offered(96, Some("VP9/90000"), Some("profile-id=1"), &[]),
            offered(97, Some("VP9/90000"), None, &[]),
            offered(98, Some("AV1/90000"), Some("profile=1"), &[]),
            offered(
                99,
                Some("AV1/90000"),
                Some("level-idx=5;profile=0;tier=1"),
                &[],
            ),
            offered(100, Some("AV1/90000"), None, &[]),
        ];
        // Answered sendrecv: our send list has neither VP9 profile 1 nor AV1 profile 1.
        let codecs = answer_formats(
            MediaKind::Video,
            &formats,
            Direction::SendRecv,
            Direction::SendRecv,
            &[],
            true,
        );
        let list = CodecList::new(codecs);
        assert_eq!(list.payload_types(), "97 100");
        assert_eq!(list.codecs()[0].fmtp.as_deref(), Some("profile-id=0"));
        assert_eq!(
            list.codecs()[1].fmtp.as_deref(),
            Some("level-idx=5;profile=0;tier=0")
        );
    }

    #[test]
    fn rtx_and_red_need_an_accepted_primary_and_take_the_offers_references() {
        let formats = [
            offered(100, Some("VP8/90000"), None, &[]),
            offered(101, Some("rtx/90000"), Some("apt=100;rtx-time=3000"), &[]),
            offered(102, Some("H263/90000"), None, &[]),
            offered(103, Some("rtx/90000"), Some("apt=102"), &[]),
            offered(104, Some("rtx/90000"), None, &[]),
        ];
        let list = answer(MediaKind::Video, &formats);
        assert_eq!(list.payload_types(), "100 101");
        assert_eq!(
            list.codecs()[1].fmtp.as_deref(),
            Some("apt=100;rtx-time=3000")
        );

        // Audio RED: kept only when its redundant format is our opus, and pointed at it.
        let opus = offered(96, Some("opus/48000/2"), None, &[]);
        let red = |fmtp| offered(97, Some("red/48000/2"), fmtp, &[]);
        let list = answer(MediaKind::Audio, &[opus.clone(), red(Some("96/96"))]);
        assert_eq!(list.payload_types(), "96 97");
        assert_eq!(list.codecs()[1].fmtp.as_deref(), Some("96/96"));
        for fmtp in [None, Some("0/0"), Some("111/111")] {
            let list = answer(MediaKind::Audio, &[opus.clone(), red(fmtp)]);
            assert_eq!(list.payload_types(), "96", "{fmtp:?}");
        }
        let list = answer(MediaKind::Audio, &[red(Some("96/96"))]);
        assert_eq!(list.payload_types(), "");
    }

    #[test]
    fn comfort_noise_goes_without_voice_activity_detection() {
        let formats = [offered(0, None, None, &[]), offered(13, None, None, &[])];
        let without = answer_formats(
            MediaKind::Audio,
            &formats,
            Direction::SendRecv,
            Direction::SendRecv,
            &[],
            false,
        );
        assert_eq!(CodecList::new(without).payload_types(), "0");
        assert_eq!(answer(MediaKind::Audio, &formats).payload_types(), "0 13");
    }

    #[test]
    fn the_codec_list_follows_the_answer_and_for_inactive_the_reversed_offer_direction() {
        // VP9 profile 1 is receive-only.
        let formats = [offered(35, Some("VP9/90000"), Some("profile-id=1"), &[])];
        let count = |offer, answer| {
            answer_formats(MediaKind::Video, &formats, offer, answer, &[], true).len()
        };
        assert_eq!(count(Direction::SendOnly, Direction::RecvOnly), 1);
        assert_eq!(count(Direction::SendOnly, Direction::Inactive), 1);
        assert_eq!(count(Direction::SendRecv, Direction::Inactive), 0);
        assert_eq!(count(Direction::RecvOnly, Direction::SendOnly), 0);
        assert_eq!(count(Direction::SendRecv, Direction::SendRecv), 0);
    }

    #[test]
    fn extmaps_keep_offered_ids_in_our_order_whatever_the_direction_suffix() {
        let section = sections(
            "m=video 9 UDP/TLS/RTP/SAVPF 96\r\n\
             a=extmap:3 urn:ietf:params:rtp-hdrext:sdes:mid\r\n\
             a=extmap:6/recvonly http://www.webrtc.org/experiments/rtp-hdrext/playout-delay\r\n\
             a=extmap:20 http://www.webrtc.org/experiments/rtp-hdrext/abs-capture-time\r\n\
             a=extmap:2/sendonly urn:ietf:params:rtp-hdrext:csrc-audio-level\r\n\
             a=extmap:7 bogus\r\n\
             a=extmap:8 urn:ietf:params:rtp-hdrext:sdes:mid\r\n",
        );
        let offered = section[0].extmaps();
        let answer: Vec<(u16, &str)> = answer_extmaps(MediaKind::Video, &offered)
            .iter()
            .map(|e| (e.id, e.uri))
            .collect();
        assert_eq!(
            answer,
            [
                (
                    6,
                    "http://www.webrtc.org/experiments/rtp-hdrext/playout-delay"
                ),
                (3, "urn:ietf:params:rtp-hdrext:sdes:mid"),
                (
                    20,
                    "http://www.webrtc.org/experiments/rtp-hdrext/abs-capture-time"
                ),
            ]
        );
    }

    #[test]
    fn the_offers_payload_types_are_used_even_where_ours_mean_something_else() {
        // Our 96 is VP8 and 97 its RTX; the offer numbers them otherwise.
        let formats = [
            offered(102, Some("VP8/90000"), None, &[]),
            offered(
                96,
                H264,
                Some("packetization-mode=1;profile-level-id=42e01f"),
                &[],
            ),
            offered(97, Some("rtx/90000"), Some("apt=96"), &[]),
        ];
        let list = answer(MediaKind::Video, &formats);
        assert_eq!(list.payload_types(), "102 96 97");
        assert_eq!(list.codecs()[2].fmtp.as_deref(), Some("apt=96"));
        assert_eq!(list.codecs()[1].encoding_name, "H264");
    }
}
