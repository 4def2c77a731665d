//! `JsepSession::negotiation_needed` (webrtc-pc "check if negotiation is needed") and
//! `restart_ice`, against Chromium's answer to an audio+video+data offer.

use rtc_offer_polyfill::jsep::{Direction, JsepSession, MediaKind, OfferOptions, Snapshot};

mod common;

use common::{audio_video_data, offer, session, transceiver};

/// Chromium's answer (recvonly audio and video, data accepted) to `negotiated`'s offer.
const ANSWER: &str = include_str!("fixtures/reoffer/audio-video-data.answer.sdp");

/// A session whose audio+video+data offer Chromium answered.
fn negotiated() -> (JsepSession, Snapshot) {
    let mut s = session(1);
    let snapshot = audio_video_data();
    let sdp = offer(&mut s, &snapshot);
    s.set_local_description(&sdp).unwrap();
    s.set_remote_description(ANSWER).unwrap();
    (s, snapshot)
}

#[test]
fn before_any_answer_anything_to_negotiate_needs_it() {
    let mut s = session(1);
    assert!(!s.negotiation_needed(&Snapshot::default()));
    let data = Snapshot {
        transceivers: Vec::new(),
        data_channel: true,
    };
    assert!(s.negotiation_needed(&data));
    let sdp = offer(&mut s, &audio_video_data());
    s.set_local_description(&sdp).unwrap();
    s.rollback().unwrap();
    assert!(s.negotiation_needed(&audio_video_data()));
}

#[test]
fn nothing_after_the_answer_to_the_same_snapshot() {
    let (s, snapshot) = negotiated();
    assert!(!s.negotiation_needed(&snapshot));
}

#[test]
fn a_direction_change_needs_it_unless_the_answer_already_gives_it() {
    let (s, mut snapshot) = negotiated();
    // The answer made audio sendonly from our side: asking for sendonly changes nothing.
    snapshot.transceivers[0].direction = Direction::SendOnly;
    assert!(!s.negotiation_needed(&snapshot));
    snapshot.transceivers[0].direction = Direction::RecvOnly;
    assert!(s.negotiation_needed(&snapshot));
}

#[test]
fn new_stream_ids_of_a_sender_need_it() {
    let (s, mut snapshot) = negotiated();
    snapshot.transceivers[1].stream_ids = vec!["camera".into()];
    assert!(s.negotiation_needed(&snapshot));
}

#[test]
fn new_and_stopping_transceivers_need_it() {
    let (s, mut snapshot) = negotiated();
    let mut added = snapshot.clone();
    added
        .transceivers
        .push(transceiver(3, MediaKind::Audio, Direction::RecvOnly));
    assert!(s.negotiation_needed(&added));
    snapshot.transceivers[1].stopped = true;
    assert!(s.negotiation_needed(&snapshot));
}

#[test]
fn a_stop_is_negotiated_once_an_answer_rejects_the_m_line() {
    let (mut s, mut snapshot) = negotiated();
    snapshot.transceivers[0].stopped = true;
    let sdp = offer(&mut s, &snapshot);
    assert!(sdp.contains("m=audio 0 "));
    s.set_local_description(&sdp).unwrap();
    let rejecting = ANSWER.replacen("m=audio 9 ", "m=audio 0 ", 1);
    let applied = s.set_remote_description(&rejecting).unwrap();
    assert_eq!(applied.mids.len(), 1);
    assert!(!s.negotiation_needed(&snapshot));
}

#[test]
fn restart_ice_needs_negotiation_until_an_offer_made_after_it_is_answered() {
    let (mut s, snapshot) = negotiated();
    s.restart_ice();
    assert!(s.negotiation_needed(&snapshot));
    let restarted = s.create_offer(&snapshot, &OfferOptions::default()).unwrap();
    let ufrag = |sdp: &str| {
        let at = sdp.find("a=ice-ufrag:").unwrap();
        sdp[at..].lines().next().unwrap().to_string()
    };
    assert_ne!(
        ufrag(&restarted),
        ufrag(ANSWER),
        "every offer restarts ICE meanwhile"
    );
    let applied = s.set_local_description(&restarted).unwrap();
    assert!(applied.ice_restart && applied.has_m_lines);
    // Another restartIce() before the answer: that answer does not fulfil it.
    s.restart_ice();
    s.set_remote_description(ANSWER).unwrap();
    assert!(s.negotiation_needed(&snapshot));
    let again = s.create_offer(&snapshot, &OfferOptions::default()).unwrap();
    s.set_local_description(&again).unwrap();
    s.set_remote_description(ANSWER).unwrap();
    assert!(!s.negotiation_needed(&snapshot));
}

#[test]
fn restart_ice_without_a_local_description_does_nothing() {
    let mut s = session(1);
    s.restart_ice();
    assert!(!s.negotiation_needed(&Snapshot::default()));
    let first = offer(&mut s, &audio_video_data());
    let applied = s.set_local_description(&first).unwrap();
    assert!(!applied.ice_restart && applied.has_m_lines);
}
