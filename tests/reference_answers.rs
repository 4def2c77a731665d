//! Our answers against Chromium 156's own (`shared/reference-answers/`): for each scenario
//! the remote offer is applied with `set_remote_offer`, the answerer's transceivers are set
//! up as SOURCE.txt describes, and `create_answer` must equal Chromium's answer line for line
//! once random values are masked (as tests/reference_offers.rs does for offers). Candidates
//! and gathered addresses, which we never have, are taken out of the reference first.
//! Every answer is also parsed by mozilla's `webrtc-sdp`.

mod common;

use common::{after_offer, check_with_webrtc_sdp, differences, session, Masker};
use rtc_offer_polyfill::codecs::capabilities;
use rtc_offer_polyfill::jsep::{
    AnswerOptions, Direction, JsepSession, MediaKind, OfferOptions, Snapshot, TransceiverSnapshot,
};

const REFERENCE_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/reference-answers/");

fn reference(name: &str) -> String {
    let path = format!("{REFERENCE_DIR}{name}");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
}

/// Chromium's answer without what only a gathering agent writes: candidates, and the
/// gathered address and port of a section.
fn without_gathering(sdp: &str) -> String {
    let mut out = String::new();
    for line in sdp.split("\r\n").filter(|l| !l.is_empty()) {
        if line.starts_with("a=candidate:") || line == "a=end-of-candidates" {
            continue;
        }
        let line = if line.starts_with("c=IN ") {
            "c=IN IP4 0.0.0.0".to_string()
        } else if let Some(rest) = line.strip_prefix("m=") {
            let mut words: Vec<&str> = rest.split(' ').collect();
            if words.len() > 1 && words[1] != "0" {
                words[1] = "9";
            }
            format!("m={}", words.join(" "))
        } else {
            line.to_string()
        };
        out.push_str(&line);
        out.push_str("\r\n");
    }
    out
}

const STREAM: &str = "0f5e4b5c-4c1b-4d55-9a59-2f0f5c2b7a11";
const AUDIO_TRACK: &str = "5a1e0c3e-8c5b-4f0a-9d4e-3b6f2a1c9e01";
const VIDEO_TRACK: &str = "7b2f1d4f-9d6c-4e1b-8e5f-4c7a3b2d0f02";

/// Makes a transceiver send as `addTrack(track, stream)` does.
fn add_track(t: &mut TransceiverSnapshot) {
    t.direction = match t.direction {
        Direction::RecvOnly | Direction::SendRecv => Direction::SendRecv,
        _ => Direction::SendOnly,
    };
    t.stream_ids = vec![STREAM.into()];
    t.track_id = Some(
        match t.kind {
            MediaKind::Audio => AUDIO_TRACK,
            MediaKind::Video => VIDEO_TRACK,
        }
        .into(),
    );
    t.added_by_track = true;
}

fn answer(
    s: &mut JsepSession,
    offer: &str,
    before: &Snapshot,
    change: impl FnOnce(&mut Snapshot),
    options: AnswerOptions,
) -> (String, Snapshot) {
    let applied = s
        .set_remote_offer(offer, before)
        .unwrap_or_else(|e| panic!("the offer is refused: {e}"));
    let mut snapshot = after_offer(before, &applied);
    change(&mut snapshot);
    let sdp = s.create_answer(&snapshot, &options).unwrap();
    check_with_webrtc_sdp(&sdp);
    (sdp, snapshot)
}

fn assert_matches(names: &[&str], ours: &[String]) {
    let (mut ref_mask, mut our_mask) = (Masker::new(&[]), Masker::new(&[]));
    for (name, sdp) in names.iter().zip(ours) {
        let expected = ref_mask.sdp(&without_gathering(&reference(name)));
        let actual = our_mask.sdp(sdp);
        let report = differences(&expected, &actual);
        assert!(
            report.is_empty(),
            "{name}: our answer differs from Chromium's ({} vs {} lines):\n{report}\nours (masked):\n{}",
            expected.len(),
            actual.len(),
            actual.join("\n")
        );
    }
}

fn scenario(name: &str, before: Snapshot, change: impl FnOnce(&mut Snapshot)) {
    scenario_with(name, before, change, AnswerOptions::default());
}

fn scenario_with(
    name: &str,
    before: Snapshot,
    change: impl FnOnce(&mut Snapshot),
    options: AnswerOptions,
) {
    let offer = reference(&format!("{name}.offer.sdp"));
    let (sdp, _) = answer(&mut session(7), &offer, &before, change, options);
    assert_matches(&[&format!("{name}.answer.sdp")], &[sdp]);
}

/// Both created transceivers send, as addTrack() after setRemoteDescription makes them.
fn answerer_sends(snapshot: &mut Snapshot) {
    snapshot.transceivers.iter_mut().for_each(add_track);
}

fn nothing(_: &mut Snapshot) {}

#[test]
fn audio_video_data() {
    scenario("audio-video-data", Snapshot::default(), nothing);
}

#[test]
fn answerer_adds_tracks() {
    scenario("answerer-adds-tracks", Snapshot::default(), answerer_sends);
}

#[test]
fn answerer_tracks_before_srd() {
    let mut before = Snapshot::default();
    for (id, kind) in [(1, MediaKind::Audio), (2, MediaKind::Video)] {
        let mut t = TransceiverSnapshot::new(id, kind, Direction::SendRecv);
        add_track(&mut t);
        before.transceivers.push(t);
    }
    scenario("answerer-tracks-before-srd", before, nothing);
}

#[test]
fn recvonly_offer_answerer_sends() {
    scenario(
        "recvonly-offer-answerer-sends",
        Snapshot::default(),
        answerer_sends,
    );
}

#[test]
fn sendonly_offer() {
    scenario("sendonly-offer", Snapshot::default(), nothing);
}

#[test]
fn simulcast_offer_is_answered_without_simulcast() {
    scenario("simulcast-3-rids", Snapshot::default(), nothing);
}

#[test]
fn datachannel_only() {
    scenario("datachannel-only", Snapshot::default(), nothing);
}

#[test]
fn offer_to_receive_audio_video() {
    scenario("offer-to-receive-audio-video", Snapshot::default(), nothing);
}

#[test]
fn bundle_max_compat() {
    scenario("bundle-max-compat", Snapshot::default(), nothing);
}

#[test]
fn answerer_stops_video() {
    scenario("answerer-stops-video", Snapshot::default(), second_stopped);
}

/// `setCodecPreferences([VP9 profile-id=0, then the rest])` on the first transceiver.
fn vp9_first(s: &mut Snapshot) {
    let mut codecs = capabilities(MediaKind::Video, false).codecs;
    let vp9 = codecs
        .iter()
        .position(|c| {
            c.mime_type == "video/VP9" && c.sdp_fmtp_line.as_deref() == Some("profile-id=0")
        })
        .unwrap();
    let vp9 = codecs.remove(vp9);
    codecs.insert(0, vp9);
    s.transceivers[0].codec_preferences = codecs;
}

fn second_stopped(s: &mut Snapshot) {
    s.transceivers[1].stopped = true;
}

#[test]
fn answerer_codec_preferences() {
    scenario("answerer-codec-preferences", Snapshot::default(), vp9_first);
}

#[test]
fn answerer_recvonly_direction() {
    scenario("answerer-recvonly-direction", Snapshot::default(), |s| {
        for t in &mut s.transceivers {
            t.direction = Direction::RecvOnly;
        }
    });
}

#[test]
fn answer_without_voice_activity_detection() {
    scenario_with(
        "answer-vad-false",
        Snapshot::default(),
        nothing,
        AnswerOptions {
            voice_activity_detection: false,
        },
    );
}

#[test]
fn audio_and_h264_only_video() {
    scenario("audio-h264-only-offer", Snapshot::default(), nothing);
}

/// `sdp` with the session version of its o= line, which must be `from`, set to `to`.
fn with_version(sdp: &str, from: u64, to: u64) -> String {
    let (from, to) = (from.to_string(), to.to_string());
    let origin = sdp.lines().find(|l| l.starts_with("o=")).unwrap();
    let mut words: Vec<&str> = origin.split(' ').collect();
    assert_eq!(words[2], from, "session version in {origin}");
    words[2] = &to;
    sdp.replacen(origin, &words.join(" "), 1)
}

/// A reference scenario, the answerer's change and its createAnswer() options.
type Case = (&'static str, fn(&mut Snapshot), AnswerOptions);

/// createAnswer() again after the answerer changed something answers as a first call would,
/// and with nothing changed as the call before: answers after the first reuse what the
/// last negotiated only for the same inputs. Each answer's session version is one higher.
#[test]
fn a_repeated_answer_follows_what_changed_since_the_last() {
    let vad_false = AnswerOptions {
        voice_activity_detection: false,
    };
    let cases: [Case; 4] = [
        (
            "answerer-codec-preferences",
            vp9_first,
            AnswerOptions::default(),
        ),
        (
            "answerer-stops-video",
            second_stopped,
            AnswerOptions::default(),
        ),
        (
            "answerer-adds-tracks",
            answerer_sends,
            AnswerOptions::default(),
        ),
        ("answer-vad-false", nothing, vad_false),
    ];
    for (name, change, options) in cases {
        let mut s = session(7);
        let offer = reference(&format!("{name}.offer.sdp"));
        let applied = s.set_remote_offer(&offer, &Snapshot::default()).unwrap();
        let before = after_offer(&Snapshot::default(), &applied);
        let mut changed = before.clone();
        change(&mut changed);

        let first = s.create_answer(&before, &AnswerOptions::default()).unwrap();
        let second = s.create_answer(&changed, &options).unwrap();
        let third = s.create_answer(&before, &AnswerOptions::default()).unwrap();
        assert_matches(
            &[&format!("{name}.answer.sdp")],
            &[with_version(&second, 3, 2)],
        );
        assert_eq!(
            with_version(&third, 4, 2),
            first,
            "{name}: the unchanged answer again"
        );
        assert_ne!(
            with_version(&second, 3, 2),
            first,
            "{name}: the change shows"
        );
    }
}

/// A renegotiation: the first offer answered and applied, then the second answered.
fn renegotiation(name: &str) {
    let mut s = session(7);
    let first = reference(&format!("{name}.first-offer.sdp"));
    let (first_answer, snapshot) = answer(
        &mut s,
        &first,
        &Snapshot::default(),
        nothing,
        AnswerOptions::default(),
    );
    s.set_local_answer(&first_answer, false, &snapshot).unwrap();
    let offer = reference(&format!("{name}.offer.sdp"));
    let (sdp, _) = answer(&mut s, &offer, &snapshot, nothing, AnswerOptions::default());
    assert_matches(
        &[
            &format!("{name}.first-answer.sdp"),
            &format!("{name}.answer.sdp"),
        ],
        &[first_answer, sdp],
    );
}

#[test]
fn reoffer_adds_video() {
    renegotiation("reoffer-adds-video");
}

#[test]
fn reoffer_ice_restart() {
    renegotiation("reoffer-ice-restart");
}

#[test]
fn reoffer_offerer_stops_audio() {
    renegotiation("reoffer-offerer-stops-audio");
}

#[test]
fn firefox_audio_video_data() {
    scenario("firefox-audio-video-data", Snapshot::default(), nothing);
}

#[test]
fn firefox_audio_video_data_answerer_sends() {
    scenario(
        "firefox-audio-video-data-answerer-sends",
        Snapshot::default(),
        answerer_sends,
    );
}

#[test]
fn firefox_recvonly() {
    scenario("firefox-recvonly", Snapshot::default(), nothing);
}

#[test]
fn firefox_simulcast() {
    scenario("firefox-simulcast", Snapshot::default(), nothing);
}

#[test]
fn firefox_datachannel_only() {
    scenario("firefox-datachannel-only", Snapshot::default(), nothing);
}

#[test]
fn libwebrtc_node_audio_video_data() {
    scenario(
        "libwebrtc-node-audio-video-data",
        Snapshot::default(),
        nothing,
    );
}

#[test]
fn libwebrtc_node_audio_video_data_answerer_sends() {
    scenario(
        "libwebrtc-node-audio-video-data-answerer-sends",
        Snapshot::default(),
        answerer_sends,
    );
}

#[test]
fn werift_audio_video_data() {
    scenario("werift-audio-video-data", Snapshot::default(), nothing);
}

#[test]
fn aiortc_audio_video_data() {
    scenario("aiortc-audio-video-data", Snapshot::default(), nothing);
}

#[test]
fn libdatachannel_datachannel() {
    scenario("libdatachannel-datachannel", Snapshot::default(), nothing);
}

#[test]
fn libdatachannel_video_data() {
    scenario("libdatachannel-video-data", Snapshot::default(), nothing);
}

/// Each payload type of `sdp` with the configurations (`rtpmap` and `fmtp`) its sections
/// give it; the sections are bundled, so each must have one (RFC 8843 §7.5).
fn payload_type_configurations(sdp: &str) -> std::collections::BTreeMap<String, Vec<String>> {
    let mut out = std::collections::BTreeMap::<String, Vec<String>>::new();
    for section in sdp.split("\r\nm=").skip(1) {
        let attribute = |name: &str, pt: &str| {
            let prefix = format!("a={name}:{pt} ");
            section
                .split("\r\n")
                .find_map(|l| l.strip_prefix(prefix.as_str()))
                .unwrap_or("")
                .to_string()
        };
        let m_line = section.split("\r\n").next().unwrap();
        for pt in m_line.split(' ').skip(3) {
            let configuration = format!("{} {}", attribute("rtpmap", pt), attribute("fmtp", pt));
            let configurations = out.entry(pt.to_string()).or_default();
            if !configurations.contains(&configuration) {
                configurations.push(configuration);
            }
        }
    }
    out
}

/// Firefox numbers codecs otherwise than Chromium (opus 109, VP8 120): once we answered its
/// offer, our next offer keeps its numbers for what we answered, in a new section too, and
/// no number means two codecs anywhere in the bundle (Chromium picks other free numbers for
/// the codecs Firefox did not offer; which free ones is not fixed by any spec).
#[test]
fn after_answering_firefox_our_offer_keeps_its_payload_types() {
    let mut s = session(7);
    let offer = reference("firefox-audio-video-data.offer.sdp");
    let (answer_sdp, mut snapshot) = answer(
        &mut s,
        &offer,
        &Snapshot::default(),
        nothing,
        AnswerOptions::default(),
    );
    s.set_local_answer(&answer_sdp, false, &snapshot).unwrap();
    for (id, kind) in [(100, MediaKind::Audio), (101, MediaKind::Video)] {
        snapshot
            .transceivers
            .push(TransceiverSnapshot::new(id, kind, Direction::SendRecv));
    }
    let reoffer = s.create_offer(&snapshot, &OfferOptions::default()).unwrap();
    check_with_webrtc_sdp(&reoffer);
    let m_lines: Vec<&str> = reoffer
        .split("\r\n")
        .filter(|l| l.starts_with("m="))
        .collect();
    assert!(
        m_lines[4].starts_with("m=video 9 UDP/TLS/RTP/SAVPF 120 124 "),
        "{}",
        m_lines[4]
    );
    assert!(
        m_lines[0].starts_with("m=audio 9 UDP/TLS/RTP/SAVPF 109 9 0 8 101"),
        "{}",
        m_lines[0]
    );
    assert!(
        m_lines[1].starts_with("m=video 9 UDP/TLS/RTP/SAVPF 120 124 121 125 99 100 123 122 119"),
        "{}",
        m_lines[1]
    );
    assert!(
        m_lines[3].starts_with("m=audio 9 UDP/TLS/RTP/SAVPF 109 "),
        "{}",
        m_lines[3]
    );
    for line in [
        "a=rtpmap:109 opus/48000/2",
        "a=fmtp:109 minptime=10;useinbandfec=1",
        "a=rtpmap:120 VP8/90000",
        "a=fmtp:124 apt=120",
    ] {
        assert!(
            reoffer.split("\r\n").any(|l| l == line),
            "{line} in\n{reoffer}"
        );
    }
    for (pt, configurations) in payload_type_configurations(&reoffer) {
        assert_eq!(
            configurations.len(),
            1,
            "payload type {pt}: {configurations:?}\n{reoffer}"
        );
    }
}
