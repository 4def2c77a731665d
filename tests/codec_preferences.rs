//! `setCodecPreferences()` in offers, as Chromium 156 does it. Every expected m= line
//! below is what Chromium's offer had for the same preferences (captured with
//! `transceiver.setCodecPreferences([...])` then `createOffer()` in headless Chromium 156):
//! only the preferred codecs, in preference order, each followed by its RTX format when
//! RTX is among the preferences (wherever it is in the list); RED and FEC only when
//! preferred; codecs the transceiver's direction cannot use dropped, and the defaults
//! when none is left (W3C: an empty filtered list means no preferences).

mod common;

use common::session;
use rtc_offer_polyfill::codecs::{capabilities, CodecPreference};
use rtc_offer_polyfill::jsep::{
    Direction, JsepSession, MediaKind, OfferOptions, Snapshot, TransceiverSnapshot,
};

/// A codec of Chromium's receive capabilities (which include every send codec).
fn codec(kind: MediaKind, mime: &str, fmtp: Option<&str>) -> CodecPreference {
    let found = capabilities(kind, false)
        .codecs
        .into_iter()
        .find(|c| c.mime_type == mime && (fmtp.is_none() || c.sdp_fmtp_line.as_deref() == fmtp));
    found.unwrap_or_else(|| panic!("no {mime} {fmtp:?} in the capabilities"))
}

fn video(mime: &str, fmtp: Option<&str>) -> CodecPreference {
    codec(MediaKind::Video, mime, fmtp)
}

fn audio(mime: &str) -> CodecPreference {
    codec(MediaKind::Audio, mime, None)
}

fn vp9(profile: u8) -> CodecPreference {
    video("video/VP9", Some(&format!("profile-id={profile}")))
}

fn snapshot(kind: MediaKind, direction: Direction, prefs: Vec<CodecPreference>) -> Snapshot {
    let mut t = TransceiverSnapshot::new(1, kind, direction);
    t.codec_preferences = prefs;
    Snapshot {
        transceivers: vec![t],
        data_channel: false,
    }
}

fn offer(s: &mut JsepSession, snap: &Snapshot) -> String {
    s.create_offer(snap, &OfferOptions::default()).unwrap()
}

/// The payload types of the first m= line.
fn formats(sdp: &str) -> String {
    let m = sdp.lines().find(|l| l.starts_with("m=")).unwrap();
    m.split(' ').skip(3).collect::<Vec<_>>().join(" ")
}

const VIDEO_DEFAULTS: &str =
    "96 97 102 103 104 107 108 109 114 115 116 117 39 40 45 46 98 99 100 101 118 119 120";

fn check(kind: MediaKind, direction: Direction, prefs: Vec<CodecPreference>, expected: &str) {
    let sdp = offer(&mut session(1), &snapshot(kind, direction, prefs.clone()));
    assert_eq!(formats(&sdp), expected, "{direction:?} {prefs:?}");
}

#[test]
fn only_the_preferred_codecs_in_preference_order() {
    use Direction::*;
    use MediaKind::*;
    let rtx = || video("video/rtx", None);
    check(Video, SendRecv, vec![vp9(0), rtx()], "98 99");
    check(Video, SendRecv, vec![vp9(0)], "98");
    check(Audio, SendRecv, vec![audio("audio/opus")], "111");
    check(
        Audio,
        SendRecv,
        vec![audio("audio/PCMU"), audio("audio/opus")],
        "0 111",
    );
    check(
        Audio,
        SendRecv,
        vec![audio("audio/red"), audio("audio/opus")],
        "63 111",
    );
    let h264 = video(
        "video/H264",
        Some("level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f"),
    );
    let vp8 = || video("video/VP8", None);
    check(Video, SendRecv, vec![h264, vp8(), rtx()], "108 109 96 97");
    check(Video, SendRecv, vec![rtx(), vp8()], "96 97");
    check(Video, SendRecv, vec![vp8(), vp8()], "96");
}

#[test]
fn red_and_fec_only_when_preferred_with_their_rtx() {
    use Direction::*;
    use MediaKind::*;
    let (vp8, rtx) = (video("video/VP8", None), video("video/rtx", None));
    let (red, ulpfec) = (video("video/red", None), video("video/ulpfec", None));
    check(
        Video,
        SendRecv,
        vec![vp8.clone(), rtx, red.clone(), ulpfec],
        "96 97 118 119 120",
    );
    check(Video, SendRecv, vec![vp8.clone(), red], "96 118");
    let flexfec = video("video/flexfec-03", None);
    check(Video, RecvOnly, vec![vp8, flexfec], "96 49");
    let te8000 = capabilities(MediaKind::Audio, true)
        .codecs
        .into_iter()
        .find(|c| c.mime_type == "audio/telephone-event" && c.clock_rate == 8000)
        .unwrap();
    check(
        Audio,
        SendRecv,
        vec![audio("audio/opus"), te8000],
        "111 126",
    );
}

#[test]
fn codecs_the_direction_cannot_use_are_dropped() {
    use Direction::*;
    use MediaKind::*;
    let rtx = || video("video/rtx", None);
    let vp8 = || video("video/VP8", None);
    // VP9 profile 1 is receive-only in Chromium.
    check(Video, RecvOnly, vec![vp9(1), rtx()], "35 36");
    check(Video, SendRecv, vec![vp9(1), rtx()], VIDEO_DEFAULTS);
    check(Video, SendOnly, vec![vp9(1), rtx()], VIDEO_DEFAULTS);
    check(Video, SendRecv, vec![vp9(1), vp8(), rtx()], "96 97");
    check(Video, Inactive, vec![vp9(1), vp8(), rtx()], "96 97");
}

#[test]
fn matching_is_the_w3c_codec_dictionary_match() {
    use Direction::*;
    use MediaKind::*;
    let mut upper = audio("audio/opus");
    upper.mime_type = "audio/OPUS".into();
    check(Audio, SendRecv, vec![upper], "111");
    // Other parameters are another codec: nothing matches, the defaults stay.
    let defaults = "111 63 9 0 8 13 110 126";
    let mut other_fmtp = audio("audio/opus");
    other_fmtp.sdp_fmtp_line = Some("minptime=10".into());
    check(Audio, SendRecv, vec![other_fmtp], defaults);
    let mut no_channels = audio("audio/PCMU");
    no_channels.channels = None;
    check(Audio, SendRecv, vec![no_channels], defaults);
    let mut wrong_kind = audio("audio/opus");
    wrong_kind.mime_type = "video/opus".into();
    check(Audio, SendRecv, vec![wrong_kind], defaults);
    check(Video, SendRecv, vec![], VIDEO_DEFAULTS);
}

#[test]
fn the_codec_lines_are_those_of_the_default_offer() {
    let prefs = vec![vp9(0), video("video/rtx", None)];
    let sdp = offer(
        &mut session(1),
        &snapshot(MediaKind::Video, Direction::SendRecv, prefs),
    );
    let lines: Vec<&str> = sdp
        .lines()
        .filter(|l| {
            ["a=rtpmap:", "a=rtcp-fb:", "a=fmtp:"]
                .iter()
                .any(|p| l.starts_with(p))
        })
        .collect();
    assert_eq!(
        lines,
        [
            "a=rtpmap:98 VP9/90000",
            "a=rtcp-fb:98 goog-remb",
            "a=rtcp-fb:98 transport-cc",
            "a=rtcp-fb:98 ccm fir",
            "a=rtcp-fb:98 nack",
            "a=rtcp-fb:98 nack pli",
            "a=fmtp:98 profile-id=0",
            "a=rtpmap:99 rtx/90000",
            "a=fmtp:99 apt=98",
        ]
    );
}

#[test]
fn preferences_win_over_the_answers_order() {
    // Chromium 156: after an answer, [VP9 profile 2, rtx, VP8] gives "100 101 96 97".
    let answer = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/reoffer/answer-drops-feedback-and-reorders.answer.sdp"
    ))
    .unwrap();
    let mut s = session(1);
    let mut snap = Snapshot {
        transceivers: vec![
            TransceiverSnapshot::new(1, MediaKind::Audio, Direction::SendRecv),
            TransceiverSnapshot::new(2, MediaKind::Video, Direction::SendRecv),
        ],
        data_channel: true,
    };
    let first = offer(&mut s, &snap);
    s.set_local_description(&first).unwrap();
    s.set_remote_description(&answer).unwrap();
    snap.transceivers[1].codec_preferences =
        vec![vp9(2), video("video/rtx", None), video("video/VP8", None)];
    let reoffer = offer(&mut s, &snap);
    let video_m = reoffer.lines().find(|l| l.starts_with("m=video")).unwrap();
    assert!(video_m.ends_with(" 100 101 96 97"), "{video_m}");
    // The answer listed 96 without goog-remb and nack pli: that still holds.
    let fb96: Vec<&str> = reoffer
        .lines()
        .filter_map(|l| l.strip_prefix("a=rtcp-fb:96 "))
        .collect();
    assert_eq!(fb96, ["transport-cc", "ccm fir", "nack"]);
}
