//! Our offers against Chromium 156's own (`shared/reference-offers/`, captured by the
//! harness from headless Chrome): equal line for line once random values are masked.
//! Masks are numbered by first appearance across the offers of one scenario, so a value
//! that Chromium repeats (the same ufrag in every section, the same SSRC in a second
//! offer) must be repeated by us too, and one that Chromium changes must change.
//! Every offer we write is also parsed by mozilla's `webrtc-sdp` as an independent check.

mod common;

use common::{check_with_webrtc_sdp, differences, session, Masker};
use rtc_offer_polyfill::jsep::{
    Direction, JsepSession, MediaKind, OfferOptions, Snapshot, TransceiverSnapshot,
};

const REFERENCE_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/reference-offers/");

fn reference(name: &str) -> String {
    let path = format!("{REFERENCE_DIR}{name}");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
}

fn transceiver(id: u32, kind: MediaKind, direction: Direction) -> TransceiverSnapshot {
    TransceiverSnapshot::new(id, kind, direction)
}

fn snapshot(transceivers: Vec<TransceiverSnapshot>, data_channel: bool) -> Snapshot {
    Snapshot {
        transceivers,
        data_channel,
    }
}

fn offer(session: &mut JsepSession, snapshot: &Snapshot, options: OfferOptions) -> String {
    let sdp = session.create_offer(snapshot, &options).unwrap();
    check_with_webrtc_sdp(&sdp);
    sdp
}

/// Asserts that each of our offers equals the matching reference once masked (one
/// masker per side, each used over the whole scenario in order).
fn assert_matches(names: &[&str], ours: &[String], keep: &[&str]) {
    assert_eq!(names.len(), ours.len());
    let (mut ref_mask, mut our_mask) = (Masker::new(keep), Masker::new(keep));
    for (name, sdp) in names.iter().zip(ours) {
        let expected = ref_mask.sdp(&reference(name));
        let actual = our_mask.sdp(sdp);
        let report = differences(&expected, &actual);
        assert!(
            report.is_empty(),
            "{name}: our offer differs from Chromium's ({} vs {} lines):\n{report}\nours (masked):\n{}",
            expected.len(),
            actual.len(),
            actual.join("\n")
        );
    }
}

fn single(name: &str, snap: Snapshot, options: OfferOptions) {
    let sdp = offer(&mut session(1), &snap, options);
    assert_matches(&[name], &[sdp], &[]);
}

fn audio_video_sendrecv() -> Vec<TransceiverSnapshot> {
    vec![
        transceiver(1, MediaKind::Audio, Direction::SendRecv),
        transceiver(2, MediaKind::Video, Direction::SendRecv),
    ]
}

fn audio_video_recvonly() -> Vec<TransceiverSnapshot> {
    vec![
        transceiver(1, MediaKind::Audio, Direction::RecvOnly),
        transceiver(2, MediaKind::Video, Direction::RecvOnly),
    ]
}

#[test]
fn empty() {
    single("empty.sdp", Snapshot::default(), OfferOptions::default());
}

#[test]
fn datachannel_only() {
    single(
        "datachannel-only.sdp",
        snapshot(vec![], true),
        OfferOptions::default(),
    );
}

#[test]
fn offer_to_receive_audio_only() {
    let snap = snapshot(
        vec![transceiver(1, MediaKind::Audio, Direction::RecvOnly)],
        false,
    );
    single(
        "offer-to-receive-audio-only.sdp",
        snap,
        OfferOptions::default(),
    );
}

#[test]
fn offer_to_receive_audio_video() {
    single(
        "offer-to-receive-audio-video.sdp",
        snapshot(audio_video_recvonly(), false),
        OfferOptions::default(),
    );
}

#[test]
fn recvonly_transceivers_use_the_receive_codecs() {
    single(
        "recvonly-transceivers.sdp",
        snapshot(audio_video_recvonly(), false),
        OfferOptions::default(),
    );
}

#[test]
fn bundle_max_compat() {
    single(
        "bundle-max-compat.sdp",
        snapshot(audio_video_sendrecv(), false),
        OfferOptions::default(),
    );
}

#[test]
fn transceivers_audio_video_datachannel() {
    single(
        "transceivers-audio-video-datachannel.sdp",
        snapshot(audio_video_sendrecv(), true),
        OfferOptions::default(),
    );
}

#[test]
fn tracks_from_getusermedia() {
    const STREAM: &str = "d0e04ba3-13ca-41a4-80d6-a70529527991";
    const AUDIO_TRACK: &str = "f8fa87be-54e5-492f-8c38-b8082d6fd0fb";
    const VIDEO_TRACK: &str = "7e007aa8-0160-47ca-882c-c60fe1971aaf";
    let mut transceivers = audio_video_sendrecv();
    for (t, track) in transceivers.iter_mut().zip([AUDIO_TRACK, VIDEO_TRACK]) {
        t.stream_ids = vec![STREAM.into()];
        t.track_id = Some(track.into());
    }
    let sdp = offer(
        &mut session(1),
        &snapshot(transceivers, false),
        OfferOptions::default(),
    );
    assert_matches(
        &["tracks-from-getusermedia.sdp"],
        &[sdp],
        &[STREAM, AUDIO_TRACK, VIDEO_TRACK],
    );
}

#[test]
fn simulcast_3_rids() {
    let mut video = transceiver(1, MediaKind::Video, Direction::SendOnly);
    video.send_rids = vec!["q".into(), "h".into(), "f".into()];
    single(
        "simulcast-3-rids.sdp",
        snapshot(vec![video], false),
        OfferOptions::default(),
    );
}

#[test]
fn vad_false() {
    let snap = snapshot(
        vec![transceiver(1, MediaKind::Audio, Direction::RecvOnly)],
        false,
    );
    let options = OfferOptions {
        voice_activity_detection: false,
        ..OfferOptions::default()
    };
    single("vad-false.sdp", snap, options);
}

#[test]
fn ice_restart_second_offer() {
    let mut s = session(1);
    let snap = snapshot(
        vec![transceiver(1, MediaKind::Audio, Direction::SendRecv)],
        false,
    );
    let first = offer(&mut s, &snap, OfferOptions::default());
    let restart = OfferOptions {
        ice_restart: true,
        ..OfferOptions::default()
    };
    let second = offer(&mut s, &snap, restart);
    assert_matches(
        &[
            "ice-restart-second-offer.first.sdp",
            "ice-restart-second-offer.sdp",
        ],
        &[first, second],
        &[],
    );
}

#[test]
fn second_offer_after_sld() {
    let mut s = session(1);
    let mut transceivers = vec![transceiver(1, MediaKind::Audio, Direction::SendRecv)];
    let first = offer(
        &mut s,
        &snapshot(transceivers.clone(), false),
        OfferOptions::default(),
    );
    let applied = s.set_local_description(&first).unwrap();
    assert_eq!(common::mids(&applied), [(1, "0")]);
    transceivers.push(transceiver(2, MediaKind::Video, Direction::SendRecv));
    let second = offer(
        &mut s,
        &snapshot(transceivers, false),
        OfferOptions::default(),
    );
    assert_matches(
        &[
            "second-offer-after-sld.first.sdp",
            "second-offer-after-sld.sdp",
        ],
        &[first, second],
        &[],
    );
}

#[test]
fn every_reference_is_covered_and_parses_with_webrtc_sdp() {
    // A new capture in the directory must get a scenario here.
    let covered = [
        "bundle-max-compat.sdp",
        "datachannel-only.sdp",
        "empty.sdp",
        "ice-restart-second-offer.first.sdp",
        "ice-restart-second-offer.sdp",
        "offer-to-receive-audio-only.sdp",
        "offer-to-receive-audio-video.sdp",
        "recvonly-transceivers.sdp",
        "second-offer-after-sld.first.sdp",
        "second-offer-after-sld.sdp",
        "simulcast-3-rids.sdp",
        "tracks-from-getusermedia.sdp",
        "transceivers-audio-video-datachannel.sdp",
        "vad-false.sdp",
    ];
    let mut found: Vec<String> = std::fs::read_dir(REFERENCE_DIR)
        .unwrap_or_else(|e| panic!("cannot list {REFERENCE_DIR}: {e}"))
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".sdp"))
        .collect();
    found.sort();
    assert_eq!(found, covered);
    for name in covered {
        check_with_webrtc_sdp(&reference(name));
    }
}

#[test]
fn the_masker_sees_differences() {
    // Guards the comparison itself: a changed value that should be stable is caught.
    let mut m = Masker::new(&[]);
    let a = m.sdp("a=ice-ufrag:abcd\r\na=ice-ufrag:abcd\r\n");
    let b = Masker::new(&[]).sdp("a=ice-ufrag:abcd\r\na=ice-ufrag:wxyz\r\n");
    assert_ne!(a, b);
    let kept = Masker::new(&["d0e04ba3-13ca-41a4-80d6-a70529527991"]).sdp(
        "a=msid:d0e04ba3-13ca-41a4-80d6-a70529527991 f8fa87be-54e5-492f-8c38-b8082d6fd0fb\r\n",
    );
    assert_eq!(
        kept,
        ["a=msid:d0e04ba3-13ca-41a4-80d6-a70529527991 <uuid1>"]
    );
}
