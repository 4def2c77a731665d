//! The answering side at the session level (SPEC-NOTES-ANSWER E–J, O, P): what
//! `set_remote_offer` accepts and refuses (with W3C error kinds and line numbers), how offered
//! m-sections find their transceivers, what `create_answer` writes, what `set_local_answer`
//! and rollback change, the switch between answering and offering, negotiation-needed after
//! an answer, and the ICE credentials of later answers.

mod common;

use common::{after_offer, check_with_webrtc_sdp, offer, session, transceiver};
use rtc_offer_polyfill::jsep::{
    AnswerOptions, Direction, DtlsRole, JsepSession, MediaKind, MidChange, OfferOptions, Snapshot,
    TransceiverSnapshot,
};
use rtc_offer_polyfill::ErrorKind;

const REFERENCE_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/reference-answers/");

fn reference(name: &str) -> String {
    let path = format!("{REFERENCE_DIR}{name}");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
}

/// A small offer (audio mid 0, video mid 1, bundled), one attribute a line so that tests
/// can change it line by line. Line numbers: 5 group, 6 m=audio, 8 ufrag, 9 pwd,
/// 10 fingerprint, 12 mid, 13 direction, 14 rtcp-mux, 17 m=video, 23 mid.
const OFFER: &str = "v=0\r\n\
o=- 1234 2 IN IP4 127.0.0.1\r\n\
s=-\r\n\
t=0 0\r\n\
a=group:BUNDLE 0 1\r\n\
m=audio 9 UDP/TLS/RTP/SAVPF 111 0\r\n\
c=IN IP4 0.0.0.0\r\n\
a=ice-ufrag:ufRG\r\n\
a=ice-pwd:abcdefghijklmnopqrstuvwx\r\n\
a=fingerprint:sha-256 E2:E0:5A:34:09:77:77:55:09:E4:B9:76:8B:CB:5A:82:AC:82:0D:5B:01:87:97:FA:A9:3D:1F:00:05:13:8F:0D\r\n\
a=setup:actpass\r\n\
a=mid:0\r\n\
a=sendrecv\r\n\
a=rtcp-mux\r\n\
a=rtpmap:111 opus/48000/2\r\n\
a=rtpmap:0 PCMU/8000\r\n\
m=video 9 UDP/TLS/RTP/SAVPF 96\r\n\
c=IN IP4 0.0.0.0\r\n\
a=ice-ufrag:ufRG\r\n\
a=ice-pwd:abcdefghijklmnopqrstuvwx\r\n\
a=fingerprint:sha-256 E2:E0:5A:34:09:77:77:55:09:E4:B9:76:8B:CB:5A:82:AC:82:0D:5B:01:87:97:FA:A9:3D:1F:00:05:13:8F:0D\r\n\
a=setup:actpass\r\n\
a=mid:1\r\n\
a=sendrecv\r\n\
a=rtcp-mux\r\n\
a=rtpmap:96 VP8/90000\r\n";

/// `sdp` with line `n` (1-based) replaced by `line`, or removed when `line` is empty.
fn with_line(sdp: &str, n: usize, line: &str) -> String {
    let mut out = String::new();
    for (i, l) in sdp.split_inclusive("\r\n").enumerate() {
        if i + 1 == n {
            if !line.is_empty() {
                out.push_str(line);
                out.push_str("\r\n");
            }
        } else {
            out.push_str(l);
        }
    }
    out
}

/// `sdp` without the lines `drop` says.
fn without(sdp: &str, drop: impl Fn(&str) -> bool) -> String {
    sdp.split_inclusive("\r\n")
        .filter(|l| !drop(l.trim_end()))
        .collect()
}

fn lines(sdp: &str) -> Vec<&str> {
    sdp.split("\r\n").filter(|l| !l.is_empty()).collect()
}

/// The lines of m-section `index` (its m= line first).
fn section(sdp: &str, index: usize) -> Vec<&str> {
    let all = lines(sdp);
    let starts: Vec<usize> = (0..all.len())
        .filter(|&i| all[i].starts_with("m="))
        .collect();
    let end = starts.get(index + 1).copied().unwrap_or(all.len());
    all[starts[index]..end].to_vec()
}

/// The value of the first `<prefix>` line of `lines`.
fn value<'a>(lines: &[&'a str], prefix: &str) -> Option<&'a str> {
    lines.iter().find_map(|l| l.strip_prefix(prefix))
}

fn direction_of(lines: &[&str]) -> &'static str {
    ["a=sendrecv", "a=sendonly", "a=recvonly", "a=inactive"]
        .into_iter()
        .find(|d| lines.contains(d))
        .unwrap_or("<none>")
}

/// An `addTrack()`-made transceiver (it sends, with a stream and a track).
fn track(id: u32, kind: MediaKind) -> TransceiverSnapshot {
    let mut t = transceiver(id, kind, Direction::SendRecv);
    t.added_by_track = true;
    t.stream_ids = vec!["stream".into()];
    t.track_id = Some(format!("track{id}"));
    t
}

/// Applies `offer`, answers it with `change` made to the snapshot, applies the answer.
fn answer_with(
    s: &mut JsepSession,
    offer: &str,
    before: &Snapshot,
    change: impl FnOnce(&mut Snapshot),
) -> (String, Snapshot) {
    let applied = s
        .set_remote_offer(offer, before)
        .unwrap_or_else(|e| panic!("offer refused: {e}\n{offer}"));
    let mut snapshot = after_offer(before, &applied);
    change(&mut snapshot);
    let answer = s
        .create_answer(&snapshot, &AnswerOptions::default())
        .unwrap();
    check_with_webrtc_sdp(&answer);
    s.set_local_answer(&answer, false, &snapshot).unwrap();
    (answer, snapshot)
}

fn answer(s: &mut JsepSession, offer: &str, before: &Snapshot) -> (String, Snapshot) {
    answer_with(s, offer, before, |_| {})
}

fn refused(sdp: &str) -> rtc_offer_polyfill::Error {
    let mut s = session(1);
    let err = s
        .set_remote_offer(sdp, &Snapshot::default())
        .expect_err("the offer was accepted");
    // Nothing changed: still stable, and the good offer is accepted afterwards.
    assert!(!s.has_remote_offer());
    assert_eq!(
        s.create_answer(&Snapshot::default(), &AnswerOptions::default())
            .unwrap_err()
            .kind,
        ErrorKind::InvalidState
    );
    s.set_remote_offer(OFFER, &Snapshot::default()).unwrap();
    err
}

fn assert_invalid_access(sdp: &str, line: usize) {
    let err = refused(sdp);
    assert_eq!(err.kind, ErrorKind::InvalidAccess, "{err}");
    assert!(
        err.message.starts_with(&format!("Line {line}:")),
        "expected line {line}: {err}"
    );
}

// --- set_remote_offer: what is accepted (F.2) ---

#[test]
fn the_template_offer_is_answered() {
    let (answer, _) = answer(&mut session(1), OFFER, &Snapshot::default());
    assert_eq!(
        section(&answer, 0)[0],
        "m=audio 9 UDP/TLS/RTP/SAVPF 111 0",
        "{answer}"
    );
    assert_eq!(section(&answer, 1)[0], "m=video 9 UDP/TLS/RTP/SAVPF 96");
    assert!(lines(&answer).contains(&"a=group:BUNDLE 0 1"));
}

#[test]
fn lf_only_line_endings_are_accepted() {
    let mut s = session(1);
    let lf = OFFER.replace("\r\n", "\n");
    let (answer, _) = answer(&mut s, &lf, &Snapshot::default());
    assert!(answer.ends_with("\r\n") && !answer.replace("\r\n", "").contains('\n'));
    assert_eq!(section(&answer, 0)[0], "m=audio 9 UDP/TLS/RTP/SAVPF 111 0");
}

#[test]
fn session_level_transport_attributes_are_inherited() {
    let is_transport = |l: &str| {
        l.starts_with("a=ice-ufrag:")
            || l.starts_with("a=ice-pwd:")
            || l.starts_with("a=fingerprint:")
    };
    let transport: Vec<&str> = lines(OFFER)[7..10].to_vec();
    let mut sdp = without(OFFER, is_transport);
    // Without BUNDLE too: each section must find them at the session level.
    sdp = without(&sdp, |l| l.starts_with("a=group:"));
    let session_lines: String = transport.iter().map(|l| format!("{l}\r\n")).collect();
    sdp = sdp.replacen("t=0 0\r\n", &format!("t=0 0\r\n{session_lines}"), 1);
    let (answer, _) = answer(&mut session(1), &sdp, &Snapshot::default());
    assert!(!answer.contains("a=group:"), "{answer}");
    for index in 0..2 {
        let lines = section(&answer, index);
        assert!(value(&lines, "a=ice-ufrag:").is_some(), "{answer}");
        assert_eq!(value(&lines, "a=setup:"), Some("active"));
    }
}

#[test]
fn sections_without_mid_get_one_and_the_answer_has_none() {
    let sdp = without(OFFER, |l| {
        l.starts_with("a=mid:") || l.starts_with("a=group:")
    });
    let mut s = session(1);
    let applied = s.set_remote_offer(&sdp, &Snapshot::default()).unwrap();
    let mids: Vec<&str> = applied.sections.iter().map(|m| m.mid.as_str()).collect();
    assert_eq!(mids.len(), 2);
    assert_ne!(mids[0], mids[1]);
    let snapshot = after_offer(&Snapshot::default(), &applied);
    let answer = s
        .create_answer(&snapshot, &AnswerOptions::default())
        .unwrap();
    assert!(!answer.contains("a=mid:"), "{answer}");
    assert!(!answer.contains("a=group:"), "{answer}");
    check_with_webrtc_sdp(&answer);
    s.set_local_answer(&answer, false, &snapshot).unwrap();
}

#[test]
fn no_direction_means_sendrecv_and_no_msid_means_no_streams() {
    let sdp = with_line(OFFER, 13, "");
    let mut s = session(1);
    let applied = s.set_remote_offer(&sdp, &Snapshot::default()).unwrap();
    assert_eq!(applied.sections[0].direction, Direction::SendRecv);
    assert!(applied.sections[0].remote_stream_ids.is_empty());
    // A transceiver that sends answers a direction-less section sendrecv.
    let mut snapshot = after_offer(&Snapshot::default(), &applied);
    snapshot.transceivers[0].direction = Direction::SendRecv;
    let answer = s
        .create_answer(&snapshot, &AnswerOptions::default())
        .unwrap();
    assert_eq!(direction_of(&section(&answer, 0)), "a=sendrecv");
}

#[test]
fn unknown_media_and_protocols_are_rejected_in_the_answer_with_their_formats() {
    let unicorns = format!(
        "{OFFER}m=unicorns 9 UDP/TLS/RTP/SAVPF 1 2\r\nc=IN IP4 0.0.0.0\r\na=mid:2\r\n\
         m=audio 9 UDP/TLS/FOO 111\r\nc=IN IP4 0.0.0.0\r\na=mid:3\r\n"
    );
    let sdp = unicorns.replace("a=group:BUNDLE 0 1", "a=group:BUNDLE 0 1 2 3");
    let mut s = session(1);
    let applied = s.set_remote_offer(&sdp, &Snapshot::default()).unwrap();
    assert_eq!(applied.sections.len(), 4);
    for m in &applied.sections[2..] {
        assert_eq!((m.id, m.kind, m.created), (None, None, false), "{m:?}");
    }
    let snapshot = after_offer(&Snapshot::default(), &applied);
    let answer = s
        .create_answer(&snapshot, &AnswerOptions::default())
        .unwrap();
    assert_eq!(
        section(&answer, 2)[..2],
        ["m=unicorns 0 UDP/TLS/RTP/SAVPF 1 2", "c=IN IP4 0.0.0.0"]
    );
    assert!(section(&answer, 2).contains(&"a=mid:2"));
    assert_eq!(section(&answer, 3)[0], "m=audio 0 UDP/TLS/FOO 111");
    assert!(lines(&answer).contains(&"a=group:BUNDLE 0 1"), "{answer}");
    // (Not checked with webrtc-sdp: it skips the unknown m= line and then reads its c= line
    // as a second one of the section before.)
    s.set_local_answer(&answer, false, &snapshot).unwrap();
}

#[test]
fn candidates_port_zero_sections_and_high_extmap_ids_are_accepted() {
    let sdp = OFFER
        .replace(
            "a=rtcp-mux\r\na=rtpmap:111",
            "a=rtcp-mux\r\n\
             a=candidate:1 1 udp 2122260223 192.0.2.1 54321 typ host generation 0\r\n\
             a=extmap:15 urn:ietf:params:rtp-hdrext:ssrc-audio-level\r\n\
             a=extmap:16 urn:ietf:params:rtp-hdrext:sdes:mid\r\n\
             a=extmap:17 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time\r\n\
             a=rtpmap:111",
        )
        .replace("m=video 9 ", "m=video 0 ")
        .replace("a=group:BUNDLE 0 1", "a=group:BUNDLE 0");
    // The rejected section keeps no transport attributes.
    let sdp = {
        let video = sdp.find("m=video").unwrap();
        let (audio, video) = sdp.split_at(video);
        format!(
            "{audio}{}",
            without(video, |l| l.starts_with("a=ice-")
                || l.starts_with("a=fingerprint:")
                || l.starts_with("a=setup:"))
        )
    };
    // The rejected section gets a transceiver too (webrtc-pc stops it; Q.16), which the
    // final answer takes its mid from.
    let mut s = session(1);
    let applied = s.set_remote_offer(&sdp, &Snapshot::default()).unwrap();
    assert!(applied.sections[1].rejected && applied.sections[1].created);
    assert_eq!(applied.sections[1].direction, Direction::Inactive);
    let video = applied.sections[1].id.unwrap();
    let snapshot = after_offer(&Snapshot::default(), &applied);
    let answer = s
        .create_answer(&snapshot, &AnswerOptions::default())
        .unwrap();
    check_with_webrtc_sdp(&answer);
    let done = s.set_local_answer(&answer, false, &snapshot).unwrap();
    assert_eq!(
        done.mids,
        [MidChange {
            transceiver: video,
            mid: None
        }]
    );
    let audio = section(&answer, 0);
    for extmap in [
        "a=extmap:15 urn:ietf:params:rtp-hdrext:ssrc-audio-level",
        "a=extmap:16 urn:ietf:params:rtp-hdrext:sdes:mid",
        "a=extmap:17 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time",
    ] {
        assert!(audio.contains(&extmap), "{extmap}\n{answer}");
    }
    assert_eq!(section(&answer, 1)[0], "m=video 0 UDP/TLS/RTP/SAVPF 96");
    assert_eq!(direction_of(&section(&answer, 1)), "a=inactive");
}

#[test]
fn the_rtp_savpf_proto_is_echoed() {
    let sdp = OFFER.replace("UDP/TLS/RTP/SAVPF", "RTP/SAVPF");
    let (answer, _) = answer(&mut session(1), &sdp, &Snapshot::default());
    assert_eq!(section(&answer, 0)[0], "m=audio 9 RTP/SAVPF 111 0");
    assert_eq!(section(&answer, 1)[0], "m=video 9 RTP/SAVPF 96");
}

// --- set_remote_offer: what is refused (F.2, P) ---

#[test]
fn bad_ice_credentials_are_invalid_access_errors_naming_their_line() {
    assert_invalid_access(&with_line(OFFER, 8, "a=ice-ufrag:ab-d"), 8);
    assert_invalid_access(&with_line(OFFER, 8, "a=ice-ufrag:abc"), 8);
    assert_invalid_access(&with_line(OFFER, 9, "a=ice-pwd:abcdefghijklmnopqrstu"), 9);
    assert_invalid_access(
        &with_line(OFFER, 9, "a=ice-pwd:abcdefghijklmnopqrstuv_x"),
        9,
    );
}

#[test]
fn missing_transport_attributes_in_a_non_bundled_section_are_refused() {
    let unbundled = with_line(OFFER, 5, "");
    // Line numbers shift by one without the group line: m=video is line 16.
    for (line, name) in [(18, "ufrag"), (19, "pwd"), (20, "fingerprint")] {
        let sdp = with_line(&unbundled, line, "");
        let err = refused(&sdp);
        assert_eq!(err.kind, ErrorKind::InvalidAccess, "{name}: {err}");
        assert!(err.message.starts_with("Line 16:"), "{name}: {err}");
    }
    // In a BUNDLE group the tagged section's transport is enough.
    let bundled = without(OFFER, |l| l == "a=ice-ufrag:ufRG");
    let bundled = bundled.replacen("a=ice-pwd:", "a=ice-ufrag:ufRG\r\na=ice-pwd:", 1);
    let bundled = {
        let video = bundled.find("m=video").unwrap();
        let (audio, video) = bundled.split_at(video);
        format!(
            "{audio}{}",
            without(video, |l| l.starts_with("a=ice-")
                || l.starts_with("a=fingerprint:"))
        )
    };
    session(1)
        .set_remote_offer(&bundled, &Snapshot::default())
        .unwrap();
}

#[test]
fn no_rtcp_mux_is_refused() {
    assert_invalid_access(&with_line(OFFER, 14, ""), 6);
    let err = refused(&with_line(OFFER, 14, ""));
    assert!(err.message.contains("RTCP-MUX is not enabled"), "{err}");
}

#[test]
fn payload_types_64_to_95_are_refused() {
    for pt in [64, 77, 95] {
        let sdp = OFFER.replace(
            "m=audio 9 UDP/TLS/RTP/SAVPF 111 0",
            &format!("m=audio 9 UDP/TLS/RTP/SAVPF 111 {pt}"),
        );
        assert_invalid_access(&sdp, 6);
    }
    // 35-63 and 96-127 are fine.
    let sdp = OFFER
        .replace("SAVPF 111 0", "SAVPF 63 0")
        .replace("a=rtpmap:111 opus", "a=rtpmap:63 opus");
    session(1)
        .set_remote_offer(&sdp, &Snapshot::default())
        .unwrap();
}

#[test]
fn bad_mids_and_groups_are_refused() {
    assert_invalid_access(&with_line(OFFER, 23, "a=mid:0"), 23);
    let long = "a=mid:abcdefghijklmnopq";
    assert_invalid_access(&with_line(&with_line(OFFER, 12, long), 5, ""), 11);
    assert_invalid_access(&with_line(OFFER, 5, "a=group:BUNDLE 0 1 7"), 5);
    // 16 characters are fine.
    let sixteen = with_line(
        &with_line(OFFER, 12, "a=mid:abcdefghijklmnop"),
        5,
        "a=group:BUNDLE abcdefghijklmnop 1",
    );
    session(1)
        .set_remote_offer(&sixteen, &Snapshot::default())
        .unwrap();
}

#[test]
fn syntax_errors_are_sdp_syntax_errors_with_their_line() {
    for (sdp, line) in [
        (with_line(OFFER, 15, "a=rtpmap:111"), 15),
        (with_line(OFFER, 17, "m=video"), 17),
        (with_line(OFFER, 3, "bogus"), 3),
        (with_line(OFFER, 12, "a=mid:"), 12),
    ] {
        let err = refused(&sdp);
        assert_eq!(
            (err.kind, err.line),
            (ErrorKind::SdpSyntax, Some(line)),
            "{err}\n{sdp}"
        );
    }
}

#[test]
fn a_failed_offer_changes_nothing() {
    let mut s = session(1);
    let snapshot = Snapshot {
        transceivers: vec![track(1, MediaKind::Audio)],
        data_channel: false,
    };
    // Refused by its content, after the parse: the transceiver keeps no mid.
    let bad = with_line(OFFER, 8, "a=ice-ufrag:a");
    assert!(s.set_remote_offer(&bad, &snapshot).is_err());
    assert!(!s.has_remote_offer());
    // An offer still works, and gives the transceiver mid 0 as on a fresh session.
    let ours = offer(&mut s, &snapshot);
    assert!(ours.contains("a=mid:0\r\n"));
    // And so does the good remote offer (with the created offer left unapplied).
    let applied = s.set_remote_offer(OFFER, &snapshot).unwrap();
    assert_eq!(applied.sections[0].id, Some(1.into()));
    assert!(!applied.sections[0].created);
    // A bad offer over a pending one keeps the pending one.
    assert!(s.set_remote_offer("v=0\r\nbogus\r\n", &snapshot).is_err());
    assert!(s.has_remote_offer());
    let snapshot = after_offer(&snapshot, &applied);
    let answer = s
        .create_answer(&snapshot, &AnswerOptions::default())
        .unwrap();
    s.set_local_answer(&answer, false, &snapshot).unwrap();
}

// --- matching (F.3) ---

#[test]
fn add_track_transceivers_are_matched_by_kind_in_order_add_transceiver_ones_never() {
    let audio_video_audio = OFFER.replace("a=group:BUNDLE 0 1", "a=group:BUNDLE 0 1 2")
        + &section(OFFER, 0)
            .iter()
            .map(|l| format!("{}\r\n", l.replace("a=mid:0", "a=mid:2")))
            .collect::<String>();
    let before = Snapshot {
        transceivers: vec![
            transceiver(3, MediaKind::Video, Direction::SendRecv),
            track(5, MediaKind::Audio),
            track(4, MediaKind::Audio),
        ],
        data_channel: false,
    };
    let mut s = session(1);
    let applied = s.set_remote_offer(&audio_video_audio, &before).unwrap();
    let got: Vec<(Option<u32>, bool, &str)> = applied
        .sections
        .iter()
        .map(|m| (m.id.map(|id| id.get()), m.created, m.mid.as_str()))
        .collect();
    // The video addTransceiver() one is not taken; the new one's id is above every id.
    assert_eq!(
        got,
        [
            (Some(5), false, "0"),
            (Some(6), true, "1"),
            (Some(4), false, "2")
        ]
    );
    assert_eq!(applied.sections[1].kind, Some(MediaKind::Video));
}

#[test]
fn a_sendonly_section_never_takes_an_add_track_transceiver_a_recvonly_one_does() {
    let before = Snapshot {
        transceivers: vec![track(1, MediaKind::Audio), track(2, MediaKind::Video)],
        data_channel: false,
    };
    let sdp = with_line(&with_line(OFFER, 13, "a=sendonly"), 24, "a=recvonly");
    let applied = session(1).set_remote_offer(&sdp, &before).unwrap();
    assert_eq!(
        (applied.sections[0].id, applied.sections[0].created),
        (Some(3.into()), true)
    );
    assert_eq!(applied.sections[0].direction, Direction::RecvOnly);
    assert_eq!(
        (applied.sections[1].id, applied.sections[1].created),
        (Some(2.into()), false)
    );
    assert_eq!(applied.sections[1].direction, Direction::SendOnly);
}

#[test]
fn transceivers_with_a_mid_are_matched_by_mid() {
    // Our offer gives the addTransceiver() ones mids 0 and 1; the remote re-offer matches them.
    let mut ours = session(1);
    let mut theirs = session(2);
    let snapshot = Snapshot {
        transceivers: vec![
            transceiver(1, MediaKind::Audio, Direction::SendRecv),
            transceiver(2, MediaKind::Video, Direction::RecvOnly),
        ],
        data_channel: false,
    };
    let our_offer = offer(&mut ours, &snapshot);
    ours.set_local_description(&our_offer).unwrap();
    let (their_answer, their_snapshot) = answer(&mut theirs, &our_offer, &Snapshot::default());
    ours.set_remote_description(&their_answer).unwrap();

    let reoffer = offer(&mut theirs, &their_snapshot);
    theirs.set_local_description(&reoffer).unwrap();
    let applied = ours.set_remote_offer(&reoffer, &snapshot).unwrap();
    let got: Vec<(Option<u32>, bool, &str)> = applied
        .sections
        .iter()
        .map(|m| (m.id.map(|id| id.get()), m.created, m.mid.as_str()))
        .collect();
    assert_eq!(got, [(Some(1), false, "0"), (Some(2), false, "1")]);
}

// --- create_answer (H, J) ---

#[test]
fn the_answered_direction_is_the_offered_one_reversed_intersected_with_ours() {
    use Direction::*;
    let table = [
        (SendRecv, [SendRecv, SendOnly, RecvOnly, Inactive]),
        (SendOnly, [RecvOnly, Inactive, RecvOnly, Inactive]),
        (RecvOnly, [SendOnly, SendOnly, Inactive, Inactive]),
        (Inactive, [Inactive, Inactive, Inactive, Inactive]),
    ];
    for (offered, expected) in table {
        for (ours, want) in [SendRecv, SendOnly, RecvOnly, Inactive]
            .into_iter()
            .zip(expected)
        {
            let sdp = with_line(OFFER, 13, &format!("a={}", offered.as_str()));
            let mut s = session(1);
            let applied = s.set_remote_offer(&sdp, &Snapshot::default()).unwrap();
            let mut snapshot = after_offer(&Snapshot::default(), &applied);
            snapshot.transceivers[0].direction = ours;
            let answer = s
                .create_answer(&snapshot, &AnswerOptions::default())
                .unwrap();
            let audio = section(&answer, 0);
            assert_eq!(
                direction_of(&audio),
                format!("a={}", want.as_str()),
                "offer {offered:?}, transceiver {ours:?}"
            );
            assert_eq!(audio[0], "m=audio 9 UDP/TLS/RTP/SAVPF 111 0");
            // a=msid follows the transceiver's direction, whatever was negotiated (Q.4).
            assert_eq!(
                audio.iter().any(|l| l.starts_with("a=msid:")),
                ours.sends(),
                "offer {offered:?}, transceiver {ours:?}\n{answer}"
            );
            let applied = s.set_local_answer(&answer, false, &snapshot).unwrap();
            assert_eq!(applied.sections[0].current_direction, want);
        }
    }
}

#[test]
fn a_stopping_transceiver_is_answered_inactive_on_port_9() {
    let mut s = session(1);
    let applied = s.set_remote_offer(OFFER, &Snapshot::default()).unwrap();
    let mut snapshot = after_offer(&Snapshot::default(), &applied);
    snapshot.transceivers[1].stopped = true;
    let answer = s
        .create_answer(&snapshot, &AnswerOptions::default())
        .unwrap();
    let video = section(&answer, 1);
    assert_eq!(video[0], "m=video 9 UDP/TLS/RTP/SAVPF 96");
    assert_eq!(direction_of(&video), "a=inactive");
    assert!(lines(&answer).contains(&"a=group:BUNDLE 0 1"));
    let applied = s.set_local_answer(&answer, false, &snapshot).unwrap();
    assert!(applied.mids.is_empty(), "{:?}", applied.mids);
    assert!(!applied.sections[1].rejected);
    // The stop completes in a later offer: negotiation is needed.
    assert!(s.negotiation_needed(&snapshot));
}

#[test]
fn the_setup_role_answers_the_offered_one() {
    for (offered, answered, role) in [
        ("actpass", "active", DtlsRole::Client),
        ("active", "passive", DtlsRole::Server),
        ("passive", "active", DtlsRole::Client),
    ] {
        let sdp = OFFER.replace("a=setup:actpass", &format!("a=setup:{offered}"))
            + "m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\nc=IN IP4 0.0.0.0\r\na=mid:2\r\n\
               a=sctp-port:5000\r\na=max-message-size:1000\r\n";
        let sdp = sdp.replace("a=group:BUNDLE 0 1", "a=group:BUNDLE 0 1 2");
        let mut s = session(1);
        let applied = s.set_remote_offer(&sdp, &Snapshot::default()).unwrap();
        assert_eq!(applied.sctp.map(|s| s.max_message_size), Some(Some(1000)));
        let snapshot = after_offer(&Snapshot::default(), &applied);
        let answer = s
            .create_answer(&snapshot, &AnswerOptions::default())
            .unwrap();
        for index in 0..3 {
            assert_eq!(
                value(&section(&answer, index), "a=setup:"),
                Some(answered),
                "{offered}\n{answer}"
            );
        }
        assert!(section(&answer, 2).contains(&"a=max-message-size:1000"));
        let sctp = s
            .set_local_answer(&answer, false, &snapshot)
            .unwrap()
            .sctp
            .unwrap();
        assert_eq!((sctp.dtls_role, sctp.max_message_size), (role, Some(1000)));
    }
}

#[test]
fn a_holdconn_offer_cannot_be_answered_as_in_chromium() {
    let mut s = session(1);
    let sdp = OFFER.replace("a=setup:actpass", "a=setup:holdconn");
    let applied = s.set_remote_offer(&sdp, &Snapshot::default()).unwrap();
    let snapshot = after_offer(&Snapshot::default(), &applied);
    let err = s
        .create_answer(&snapshot, &AnswerOptions::default())
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::Operation);
    assert!(err.message.contains("holdconn"), "{}", err.message);
    // The session is still usable: rolled back, the next offer is fine.
    s.rollback().unwrap();
    s.set_remote_offer(OFFER, &Snapshot::default()).unwrap();
}

#[test]
fn a_repeated_answer_changes_only_the_session_version() {
    let mut s = session(1);
    let applied = s.set_remote_offer(OFFER, &Snapshot::default()).unwrap();
    let snapshot = after_offer(&Snapshot::default(), &applied);
    let first = s
        .create_answer(&snapshot, &AnswerOptions::default())
        .unwrap();
    let second = s
        .create_answer(&snapshot, &AnswerOptions::default())
        .unwrap();
    let (a, b) = (lines(&first), lines(&second));
    assert_eq!(a.len(), b.len());
    let differing: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
    assert_eq!(differing, [1]);
    let version = |o: &str| o.split(' ').nth(2).unwrap().parse::<u64>().unwrap();
    let id = |o: &str| o.split(' ').nth(1).unwrap().to_owned();
    assert_eq!(version(b[1]), version(a[1]) + 1);
    assert_eq!(id(b[1]), id(a[1]));
    // The older one applies too, as given (Chromium 156 does so: tests/browser/munge.test.js).
    assert_eq!(
        s.set_local_answer(&first, false, &snapshot).unwrap().sdp,
        first
    );
}

#[test]
fn create_answer_without_a_remote_offer_is_an_invalid_state_error() {
    let mut s = session(1);
    let err = s
        .create_answer(&Snapshot::default(), &AnswerOptions::default())
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::InvalidState);
    // Nor after the exchange completed, nor while our own offer is applied.
    answer(&mut s, OFFER, &Snapshot::default());
    let err = s
        .create_answer(&Snapshot::default(), &AnswerOptions::default())
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::InvalidState);
}

// --- set_local_answer (I) ---

#[test]
fn set_local_answer_needs_a_remote_offer_then_the_last_created_answer() {
    let mut s = session(1);
    // State first (Q.5): a foreign answer in stable is an InvalidStateError.
    let err = s
        .set_local_answer("v=0\r\n", false, &Snapshot::default())
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::InvalidState);
    let applied = s.set_remote_offer(OFFER, &Snapshot::default()).unwrap();
    let err = s
        .set_local_answer("v=0\r\n", false, &Snapshot::default())
        .unwrap_err();
    assert_eq!(
        err.kind,
        ErrorKind::InvalidModification,
        "no answer created"
    );
    let snapshot = after_offer(&Snapshot::default(), &applied);
    let answer = s
        .create_answer(&snapshot, &AnswerOptions::default())
        .unwrap();
    // Another connection's answer (its own fingerprint) is not ours; a munged one of ours
    // applies, as Chromium 156 applies it.
    let foreign = answer.replace("a=fingerprint:sha-256 ", "a=fingerprint:sha-256 00:");
    let err = s.set_local_answer(&foreign, false, &snapshot).unwrap_err();
    assert_eq!(err.kind, ErrorKind::InvalidModification);
    assert_eq!(s.last_created_answer(), Some(answer.as_str()));
    let changed = answer.replace("a=recvonly", "a=inactive");
    assert_eq!(
        s.set_local_answer(&changed, false, &snapshot).unwrap().sdp,
        changed
    );
    assert!(!s.has_remote_offer());
    assert_eq!(s.last_created_answer(), None);
    let err = s.set_local_answer(&answer, false, &snapshot).unwrap_err();
    assert_eq!(err.kind, ErrorKind::InvalidState);
}

/// A session that answered OFFER and rolled it back, and that answer.
fn answered_and_rolled_back() -> (JsepSession, String) {
    let mut s = session(1);
    let applied = s.set_remote_offer(OFFER, &Snapshot::default()).unwrap();
    let snapshot = after_offer(&Snapshot::default(), &applied);
    let answer = s
        .create_answer(&snapshot, &AnswerOptions::default())
        .unwrap();
    s.rollback().unwrap();
    (s, answer)
}

#[test]
fn the_last_created_answer_outlives_a_rollback_and_applies_to_the_same_offer_again() {
    // WPT "Setting previously generated answer after a call to createOffer should work".
    let (mut s, answer) = answered_and_rolled_back();
    assert_eq!(s.last_created_answer(), Some(answer.as_str()));
    // It no longer answers what is applied: an implicit setLocalDescription writes anew.
    assert_eq!(s.current_answer(), None);
    let err = s
        .set_local_answer(&answer, false, &Snapshot::default())
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::InvalidState);
    // An offer of our own in between changes nothing of it.
    let mut ours = Snapshot::default();
    ours.transceivers
        .push(transceiver(1, MediaKind::Video, Direction::RecvOnly));
    let offer = s.create_offer(&ours, &OfferOptions::default()).unwrap();
    assert_eq!(s.last_created_answer(), Some(answer.as_str()));

    let applied = s.set_remote_offer(OFFER, &ours).unwrap();
    assert_eq!(s.last_created_answer(), Some(answer.as_str()));
    let snapshot = after_offer(&ours, &applied);
    let done = s.set_local_answer(&answer, false, &snapshot).unwrap();
    assert_eq!(done.sdp, answer);
    assert!(!s.has_remote_offer());
    assert_eq!(s.last_created_answer(), None);
    // The answer written to check it against used up no session version.
    let next = s.create_offer(&ours, &OfferOptions::default()).unwrap();
    assert_eq!(session_version(&next), session_version(&offer) + 1);
}

#[test]
fn an_answer_to_a_rolled_back_offer_does_not_fit_another_and_changes_nothing() {
    let (mut s, stale) = answered_and_rolled_back();
    let audio_only = OFFER
        .split("m=video")
        .next()
        .unwrap()
        .replace("BUNDLE 0 1", "BUNDLE 0");
    let applied = s
        .set_remote_offer(&audio_only, &Snapshot::default())
        .unwrap();
    let snapshot = after_offer(&Snapshot::default(), &applied);
    let err = s.set_local_answer(&stale, false, &snapshot).unwrap_err();
    assert_eq!(err.kind, ErrorKind::InvalidAccess, "{err}");
    assert!(s.has_remote_offer());
    assert_eq!(s.last_created_answer(), Some(stale.as_str()));
    let answer = s
        .create_answer(&snapshot, &AnswerOptions::default())
        .unwrap();
    assert_eq!(s.last_created_answer(), Some(answer.as_str()));
    assert_eq!(s.current_answer(), Some(answer.as_str()));
    // The refused check used up no session version either.
    assert_eq!(session_version(&answer), session_version(&stale) + 1);
    assert_eq!(
        s.set_local_answer(&answer, false, &snapshot).unwrap().sdp,
        answer
    );
}

/// The session version of a description's `o=` line.
fn session_version(sdp: &str) -> u64 {
    let origin = sdp.lines().find(|l| l.starts_with("o=")).unwrap();
    origin.split(' ').nth(2).unwrap().parse().unwrap()
}

#[test]
fn a_provisional_answer_keeps_the_offer_pending() {
    let mut s = session(1);
    let applied = s.set_remote_offer(OFFER, &Snapshot::default()).unwrap();
    let mut snapshot = after_offer(&Snapshot::default(), &applied);
    let pranswer = s
        .create_answer(&snapshot, &AnswerOptions::default())
        .unwrap();
    let provisional = s.set_local_answer(&pranswer, true, &snapshot).unwrap();
    assert!(provisional.mids.is_empty());
    assert!(s.has_remote_offer());
    // Not stable: no offer while the remote one is pending.
    assert_eq!(
        s.set_local_description("v=0\r\n").unwrap_err().kind,
        ErrorKind::InvalidState
    );
    // A second answer after a change, applied as final.
    snapshot.transceivers[0].direction = Direction::Inactive;
    let answer = s
        .create_answer(&snapshot, &AnswerOptions::default())
        .unwrap();
    assert_eq!(direction_of(&section(&answer, 0)), "a=inactive");
    let applied = s.set_local_answer(&answer, false, &snapshot).unwrap();
    assert_eq!(applied.sections[0].current_direction, Direction::Inactive);
    assert!(!s.has_remote_offer());

    // The same sdp first as pranswer, then as answer.
    let mut s = session(1);
    let applied = s.set_remote_offer(OFFER, &Snapshot::default()).unwrap();
    let snapshot = after_offer(&Snapshot::default(), &applied);
    let answer = s
        .create_answer(&snapshot, &AnswerOptions::default())
        .unwrap();
    s.set_local_answer(&answer, true, &snapshot).unwrap();
    s.set_local_answer(&answer, false, &snapshot).unwrap();
    assert!(!s.has_remote_offer());
}

#[test]
fn a_rejected_section_stops_its_transceiver_and_loses_its_mid() {
    // No codec in common for video: the section is rejected.
    let sdp = OFFER.replace("a=rtpmap:96 VP8/90000", "a=rtpmap:96 unicorn/90000");
    let mut s = session(1);
    let applied = s.set_remote_offer(&sdp, &Snapshot::default()).unwrap();
    let video = applied.sections[1].id.unwrap();
    assert!(applied.sections[1].created);
    let snapshot = after_offer(&Snapshot::default(), &applied);
    let answer = s
        .create_answer(&snapshot, &AnswerOptions::default())
        .unwrap();
    // libwebrtc writes format 0 when no codec is left (an m= line needs one).
    assert_eq!(section(&answer, 1)[0], "m=video 0 UDP/TLS/RTP/SAVPF 0");
    assert_eq!(direction_of(&section(&answer, 1)), "a=inactive");
    assert!(lines(&answer).contains(&"a=group:BUNDLE 0"), "{answer}");
    check_with_webrtc_sdp(&answer);
    let applied = s.set_local_answer(&answer, false, &snapshot).unwrap();
    assert_eq!(
        applied.mids,
        [MidChange {
            transceiver: video,
            mid: None
        }]
    );
    assert!(applied.sections[1].rejected);
    // The stopped transceiver is gone from the glue's set: our next offer keeps the
    // section rejected (or recycles it), never live again with mid 1.
    let mut snapshot = snapshot;
    snapshot.transceivers.retain(|t| t.id != video);
    let reoffer = offer(&mut s, &snapshot);
    assert_eq!(
        section(&reoffer, 1)[0].split(' ').nth(1),
        Some("0"),
        "{reoffer}"
    );
}

#[test]
fn the_remote_offerer_stopping_a_section_stops_ours() {
    let mut s = session(7);
    let first = reference("reoffer-offerer-stops-audio.first-offer.sdp");
    let (_, snapshot) = answer(&mut s, &first, &Snapshot::default());
    let audio = snapshot.transceivers[0].id;
    let second = reference("reoffer-offerer-stops-audio.offer.sdp");
    let applied = s.set_remote_offer(&second, &snapshot).unwrap();
    assert!(applied.sections[0].rejected);
    assert_eq!(applied.sections[0].id, Some(audio));
    let answer = s
        .create_answer(&snapshot, &AnswerOptions::default())
        .unwrap();
    assert!(section(&answer, 0)[0].starts_with("m=audio 0 "), "{answer}");
    let applied = s.set_local_answer(&answer, false, &snapshot).unwrap();
    assert_eq!(
        applied.mids,
        [MidChange {
            transceiver: audio,
            mid: None
        }]
    );
}

#[test]
fn the_data_section_takes_the_offered_max_message_size() {
    for (name, size) in [
        ("audio-video-data", Some(262_144)),
        ("firefox-audio-video-data", Some(1_073_741_823)),
    ] {
        let mut s = session(1);
        let offer = reference(&format!("{name}.offer.sdp"));
        let applied = s.set_remote_offer(&offer, &Snapshot::default()).unwrap();
        assert_eq!(applied.sctp.unwrap().max_message_size, size, "{name}");
        let snapshot = after_offer(&Snapshot::default(), &applied);
        let answer = s
            .create_answer(&snapshot, &AnswerOptions::default())
            .unwrap();
        let sctp = s
            .set_local_answer(&answer, false, &snapshot)
            .unwrap()
            .sctp
            .unwrap();
        assert_eq!(
            sctp,
            rtc_offer_polyfill::jsep::SctpAnswer {
                dtls_role: DtlsRole::Client,
                max_message_size: size,
            }
        );
        assert!(
            section(&answer, 2).contains(&"a=max-message-size:262144"),
            "{name}\n{answer}"
        );
    }
}

// --- rollback (G) ---

#[test]
fn rolling_back_a_remote_offer_takes_its_mids_and_lists_what_it_made() {
    let mut s = session(1);
    let before = Snapshot {
        transceivers: vec![track(1, MediaKind::Audio)],
        data_channel: false,
    };
    let applied = s.set_remote_offer(OFFER, &before).unwrap();
    assert_eq!(applied.sections[0].id, Some(1.into()));
    let created = applied.sections[1].id.unwrap();
    let rolled = s.rollback().unwrap();
    assert_eq!(
        rolled.mids,
        [MidChange {
            transceiver: 1.into(),
            mid: None
        }]
    );
    assert_eq!(rolled.created, [created]);
    assert!(!s.has_remote_offer());
    assert_eq!(s.rollback().unwrap_err().kind, ErrorKind::InvalidState);
    assert_eq!(
        s.create_answer(&before, &AnswerOptions::default())
            .unwrap_err()
            .kind,
        ErrorKind::InvalidState
    );
    // Our own offer now: the transceiver gets mid 0 and the created one is gone.
    let ours = offer(&mut s, &before);
    assert_eq!(
        lines(&ours).iter().filter(|l| l.starts_with("m=")).count(),
        1
    );
    // A remote offer again: the same matching as the first time.
    let again = s.set_remote_offer(OFFER, &before).unwrap();
    assert_eq!(again.sections[0].id, Some(1.into()));
    assert!(again.sections[1].created);
    let snapshot = after_offer(&before, &again);
    let answer = s
        .create_answer(&snapshot, &AnswerOptions::default())
        .unwrap();
    s.set_local_answer(&answer, false, &snapshot).unwrap();
}

#[test]
fn rollback_with_nothing_pending_is_an_invalid_state_error() {
    let mut s = session(1);
    assert_eq!(s.rollback().unwrap_err().kind, ErrorKind::InvalidState);
    answer(&mut s, OFFER, &Snapshot::default());
    assert_eq!(s.rollback().unwrap_err().kind, ErrorKind::InvalidState);
}

#[test]
fn rolling_back_a_renegotiation_keeps_the_negotiated_mids() {
    let mut s = session(7);
    let (_, snapshot) = answer(
        &mut s,
        &reference("reoffer-adds-video.first-offer.sdp"),
        &Snapshot::default(),
    );
    let applied = s
        .set_remote_offer(&reference("reoffer-adds-video.offer.sdp"), &snapshot)
        .unwrap();
    assert!(!applied.sections[0].created && applied.sections[1].created);
    let rolled = s.rollback().unwrap();
    assert!(rolled.mids.is_empty(), "{:?}", rolled.mids);
    assert_eq!(rolled.created, [applied.sections[1].id.unwrap()]);
    // Back to the first exchange: our offer has the audio section with its mid only.
    let ours = offer(&mut s, &snapshot);
    let m_lines: Vec<&str> = lines(&ours)
        .into_iter()
        .filter(|l| l.starts_with("m="))
        .collect();
    assert_eq!(m_lines.len(), 1, "{ours}");
    assert!(!s.negotiation_needed(&snapshot));
}

// --- switching roles ---

/// Our offer after answering `name`'s offer with the answerer's defaults.
fn offer_after_answering(name: &str) -> (String, String, String, Snapshot) {
    let mut s = session(7);
    let remote = reference(&format!("{name}.offer.sdp"));
    let (answer, snapshot) = answer(&mut s, &remote, &Snapshot::default());
    let mut snapshot = snapshot;
    snapshot.data_channel = remote.contains("m=application");
    let reoffer = offer(&mut s, &snapshot);
    check_with_webrtc_sdp(&reoffer);
    (remote, answer, reoffer, snapshot)
}

fn m_line_heads(sdp: &str) -> Vec<String> {
    lines(sdp)
        .into_iter()
        .filter(|l| l.starts_with("m="))
        .map(|l| {
            l.split(' ')
                .take(3)
                .collect::<Vec<_>>()
                .join(" ")
                .replacen(" 0 ", " 9 ", 1)
        })
        .collect()
}

/// `(pt, rtpmap)` of a section's formats.
fn rtpmaps<'a>(lines: &[&'a str]) -> Vec<(u8, &'a str)> {
    lines
        .iter()
        .filter_map(|l| l.strip_prefix("a=rtpmap:"))
        .map(|v| {
            let (pt, map) = v.split_once(' ').unwrap();
            (pt.parse().unwrap(), map)
        })
        .collect()
}

/// Every payload type means one codec (rtpmap and fmtp) across the whole SDP (Q.1).
fn assert_one_codec_per_payload_type(sdp: &str) {
    let mut seen: Vec<(u8, String)> = Vec::new();
    for index in 0..lines(sdp).iter().filter(|l| l.starts_with("m=")).count() {
        let lines = section(sdp, index);
        for (pt, map) in rtpmaps(&lines) {
            let fmtp = value(&lines, &format!("a=fmtp:{pt} ")).unwrap_or("");
            let codec = format!("{map} {fmtp}");
            match seen.iter().find(|(p, _)| *p == pt) {
                Some((_, other)) => {
                    assert_eq!(*other, codec, "payload type {pt} means two codecs\n{sdp}")
                }
                None => seen.push((pt, codec)),
            }
        }
        // Each m= format has an rtpmap or is static.
        let formats: Vec<u8> = lines[0]
            .split(' ')
            .skip(3)
            .filter_map(|f| f.parse().ok())
            .collect();
        let mut unique = formats.clone();
        unique.dedup();
        assert_eq!(unique.len(), formats.len(), "a format twice: {}", lines[0]);
    }
}

#[test]
fn after_answering_chromium_our_offer_keeps_what_was_negotiated() {
    let (remote, our_answer, reoffer, _) = offer_after_answering("audio-video-data");
    assert_eq!(m_line_heads(&reoffer), m_line_heads(&remote));
    for index in 0..3 {
        let (theirs, ours, answered) = (
            section(&remote, index),
            section(&reoffer, index),
            section(&our_answer, index),
        );
        assert_eq!(value(&ours, "a=mid:"), value(&theirs, "a=mid:"));
        assert_eq!(value(&ours, "a=setup:"), Some("actpass"));
        assert_eq!(
            value(&ours, "a=ice-ufrag:"),
            value(&answered, "a=ice-ufrag:")
        );
        assert_eq!(value(&ours, "a=ice-pwd:"), value(&answered, "a=ice-pwd:"));
        // The negotiated formats first, with their payload types, then the rest.
        let negotiated = rtpmaps(&answered);
        assert_eq!(
            rtpmaps(&ours)[..negotiated.len()],
            negotiated[..],
            "{reoffer}"
        );
        // The negotiated extension ids.
        let extmaps = |lines: &[&str]| -> Vec<String> {
            let mut e: Vec<String> = lines
                .iter()
                .filter(|l| l.starts_with("a=extmap:"))
                .map(|l| l.to_string())
                .collect();
            e.sort();
            e
        };
        assert_eq!(
            extmaps(&ours),
            extmaps(&answered),
            "section {index}\n{reoffer}"
        );
    }
    assert_one_codec_per_payload_type(&reoffer);
    assert!(lines(&reoffer).contains(&"a=group:BUNDLE 0 1 2"));

    // A transceiver added now gets a mid no section uses.
    let mut s = session(7);
    let (_, mut snapshot) = answer(&mut s, &remote, &Snapshot::default());
    snapshot.data_channel = true;
    snapshot
        .transceivers
        .push(transceiver(50, MediaKind::Audio, Direction::SendRecv));
    let reoffer = offer(&mut s, &snapshot);
    let mids: Vec<&str> = lines(&reoffer)
        .into_iter()
        .filter_map(|l| l.strip_prefix("a=mid:"))
        .collect();
    assert_eq!(mids.len(), 4);
    assert!(!mids[..3].contains(&mids[3]), "{mids:?}");
    assert_eq!(&mids[..3], ["0", "1", "2"]);
    s.set_local_description(&reoffer).unwrap();
}

#[test]
fn after_answering_firefox_our_offer_keeps_its_payload_types() {
    let (remote, our_answer, reoffer, _) = offer_after_answering("firefox-audio-video-data");
    assert_eq!(m_line_heads(&reoffer)[..3], m_line_heads(&remote)[..3]);
    let audio = section(&reoffer, 0);
    let video = section(&reoffer, 1);
    let audio_maps = rtpmaps(&audio);
    let video_maps = rtpmaps(&video);
    assert!(audio_maps.contains(&(109, "opus/48000/2")), "{reoffer}");
    assert!(video_maps.contains(&(120, "VP8/90000")), "{reoffer}");
    assert!(video_maps.contains(&(124, "rtx/90000")), "{reoffer}");
    assert!(video.contains(&"a=fmtp:124 apt=120"), "{reoffer}");
    // What was negotiated comes first, with the answer's numbers.
    for (ours, answered) in [
        (&audio, section(&our_answer, 0)),
        (&video, section(&our_answer, 1)),
    ] {
        let negotiated = rtpmaps(&answered);
        assert_eq!(
            rtpmaps(ours)[..negotiated.len()],
            negotiated[..],
            "{reoffer}"
        );
    }
    // RED for audio follows opus.
    assert!(
        audio.contains(&"a=fmtp:63 109/109")
            || !audio_maps.iter().any(|(_, m)| m.starts_with("red/")),
        "{reoffer}"
    );
    assert_one_codec_per_payload_type(&reoffer);

    // Firefox's own parser reads it, and a second session answers it.
    let mut s = session(7);
    let (_, snapshot) = answer_with(&mut s, &remote, &Snapshot::default(), |_| {});
    let mut snapshot = snapshot;
    snapshot.data_channel = true;
    let reoffer = offer(&mut s, &snapshot);
    s.set_local_description(&reoffer).unwrap();
    let mut other = session(9);
    let (their_answer, _) = answer(&mut other, &reoffer, &Snapshot::default());
    s.set_remote_description(&their_answer).unwrap();
    // And the offer after that still keeps opus 109.
    let third = offer(&mut s, &snapshot);
    assert!(
        rtpmaps(&section(&third, 0)).contains(&(109, "opus/48000/2")),
        "{third}"
    );
    assert_one_codec_per_payload_type(&third);
}

#[test]
fn a_new_section_after_answering_firefox_uses_the_negotiated_numbers() {
    let mut s = session(7);
    let remote = reference("firefox-audio-video-data.offer.sdp");
    let (_, mut snapshot) = answer(&mut s, &remote, &Snapshot::default());
    snapshot.data_channel = true;
    snapshot
        .transceivers
        .push(transceiver(40, MediaKind::Video, Direction::SendRecv));
    let reoffer = offer(&mut s, &snapshot);
    let new = section(&reoffer, 3);
    assert!(new[0].starts_with("m=video 9 "), "{reoffer}");
    assert!(rtpmaps(&new).contains(&(120, "VP8/90000")), "{reoffer}");
    assert_one_codec_per_payload_type(&reoffer);
}

#[test]
fn we_offer_first_then_answer_their_offer_keeping_mids() {
    let mut ours = session(1);
    let mut theirs = session(2);
    let snapshot = Snapshot {
        transceivers: vec![track(1, MediaKind::Audio), track(2, MediaKind::Video)],
        data_channel: true,
    };
    let first = offer(&mut ours, &snapshot);
    ours.set_local_description(&first).unwrap();
    let (their_answer, mut their_snapshot) = answer(&mut theirs, &first, &Snapshot::default());
    ours.set_remote_description(&their_answer).unwrap();
    assert!(!ours.negotiation_needed(&snapshot));

    // They add a transceiver and offer; we answer.
    their_snapshot.data_channel = true;
    their_snapshot
        .transceivers
        .push(transceiver(30, MediaKind::Audio, Direction::SendRecv));
    let reoffer = offer(&mut theirs, &their_snapshot);
    theirs.set_local_description(&reoffer).unwrap();
    let applied = ours.set_remote_offer(&reoffer, &snapshot).unwrap();
    let got: Vec<(Option<u32>, bool, &str)> = applied
        .sections
        .iter()
        .map(|m| (m.id.map(|id| id.get()), m.created, m.mid.as_str()))
        .collect();
    assert_eq!(got[..2], [(Some(1), false, "0"), (Some(2), false, "1")]);
    assert_eq!((got[2].1, got[2].2), (false, "2"), "the data section");
    assert_eq!((got[3].0, got[3].1), (Some(3), true));
    let our_snapshot = after_offer(&snapshot, &applied);
    let answer = ours
        .create_answer(&our_snapshot, &AnswerOptions::default())
        .unwrap();
    check_with_webrtc_sdp(&answer);
    // Our ICE credentials and DTLS role stay (we were the DTLS server: passive).
    assert_eq!(
        value(&section(&answer, 0), "a=ice-ufrag:"),
        value(&section(&first, 0), "a=ice-ufrag:")
    );
    assert_eq!(value(&section(&answer, 0), "a=setup:"), Some("passive"));
    // Our formats keep the payload types we offered.
    assert_eq!(rtpmaps(&section(&answer, 0))[0], (111, "opus/48000/2"));
    ours.set_local_answer(&answer, false, &snapshot).unwrap();
    theirs.set_remote_description(&answer).unwrap();
    assert!(!ours.negotiation_needed(&our_snapshot));
}

// --- negotiation-needed after an answer (O) ---

#[test]
fn no_negotiation_needed_after_answering_with_add_track_transceivers() {
    let before = Snapshot {
        transceivers: vec![track(1, MediaKind::Audio), track(2, MediaKind::Video)],
        data_channel: false,
    };
    let mut s = session(1);
    let (_, snapshot) = answer(&mut s, OFFER, &before);
    assert_eq!(snapshot.transceivers.len(), 2, "both matched");
    assert!(!s.negotiation_needed(&snapshot));
    // And recvonly ones made by the offer need nothing either.
    let mut s = session(1);
    let (_, snapshot) = answer(&mut s, OFFER, &Snapshot::default());
    assert!(!s.negotiation_needed(&snapshot));
}

#[test]
fn negotiation_is_needed_for_what_the_answer_could_not_carry() {
    // A transceiver that was not in the offer (addTransceiver before SRD).
    let before = Snapshot {
        transceivers: vec![transceiver(1, MediaKind::Audio, Direction::SendRecv)],
        data_channel: false,
    };
    let mut s = session(1);
    let (_, snapshot) = answer(&mut s, OFFER, &before);
    assert_eq!(snapshot.transceivers.len(), 3);
    assert!(s.negotiation_needed(&snapshot));

    // A data channel, and the offer had no data section.
    let mut s = session(1);
    let (_, mut snapshot) = answer(&mut s, OFFER, &Snapshot::default());
    snapshot.data_channel = true;
    assert!(s.negotiation_needed(&snapshot));

    // The direction changed after createAnswer.
    let mut s = session(1);
    let applied = s.set_remote_offer(OFFER, &Snapshot::default()).unwrap();
    let mut snapshot = after_offer(&Snapshot::default(), &applied);
    let answer = s
        .create_answer(&snapshot, &AnswerOptions::default())
        .unwrap();
    snapshot.transceivers[0].direction = Direction::SendRecv;
    s.set_local_answer(&answer, false, &snapshot).unwrap();
    assert!(s.negotiation_needed(&snapshot));
    // Back to recvonly: nothing to negotiate.
    snapshot.transceivers[0].direction = Direction::RecvOnly;
    assert!(!s.negotiation_needed(&snapshot));

    // A stopping transceiver (answered inactive on a live port).
    let mut s = session(1);
    let (_, snapshot) = answer_with(&mut s, OFFER, &Snapshot::default(), |s| {
        s.transceivers[0].stopped = true;
    });
    assert!(s.negotiation_needed(&snapshot));
}

// --- ICE credentials of later answers (J.4) ---

#[test]
fn later_answers_keep_our_ice_credentials_unless_the_offer_restarts_ice() {
    let credentials = |sdp: &str| {
        let lines = section(sdp, 0);
        (
            value(&lines, "a=ice-ufrag:").unwrap().to_owned(),
            value(&lines, "a=ice-pwd:").unwrap().to_owned(),
        )
    };
    // The same offer again (same ufrag): same credentials.
    let mut s = session(7);
    let remote = reference("audio-video-data.offer.sdp");
    let (first, snapshot) = answer(&mut s, &remote, &Snapshot::default());
    let (second, _) = answer(&mut s, &remote, &snapshot);
    assert_eq!(credentials(&first), credentials(&second));

    // An ICE restart: fresh ones.
    let mut s = session(7);
    let (first, snapshot) = answer(
        &mut s,
        &reference("reoffer-ice-restart.first-offer.sdp"),
        &Snapshot::default(),
    );
    let (second, _) = answer(
        &mut s,
        &reference("reoffer-ice-restart.offer.sdp"),
        &snapshot,
    );
    let (a, b) = (credentials(&first), credentials(&second));
    assert_ne!(a.0, b.0);
    assert_ne!(a.1, b.1);
    // And they stay for the offer after.
    let reoffer = offer(&mut s, &snapshot);
    assert_eq!(credentials(&reoffer), b);
    let _ = OfferOptions::default();
}

#[test]
fn a_mid_may_not_change_its_media_type() {
    let mut s = session(1);
    let (_, snapshot) = answer(&mut s, OFFER, &Snapshot::default());
    let swapped = OFFER
        .replace("m=audio 9", "m=VIDEO 9")
        .replace("m=video 9", "m=audio 9")
        .replace("m=VIDEO 9", "m=video 9");
    let err = s.set_remote_offer(&swapped, &snapshot).unwrap_err();
    assert_eq!(err.kind, ErrorKind::InvalidAccess);
    assert!(err.message.starts_with("Line 6:"), "{err}");
    assert!(!s.has_remote_offer());
    // The same offer as before is still fine.
    let (_, again) = answer(&mut s, OFFER, &snapshot);
    assert_eq!(again.transceivers.len(), 2);
    // A data section may not take an audio mid either.
    let data = with_line(OFFER, 6, "m=application 9 UDP/DTLS/SCTP webrtc-datachannel");
    let err = s.set_remote_offer(&data, &snapshot).unwrap_err();
    assert_eq!(err.kind, ErrorKind::InvalidAccess, "{err}");
}

/// RFC 9429 §5.2.2: a re-offer keeps every m-section of the current description in order.
/// Known bug: the answer's record keeps only the sections it has a transceiver or the data
/// channel for, so after answering an offer with an unsupported section in the middle our
/// next offer drops it, shifting the later sections (and its mid may be given out again).
#[test]
fn after_answering_an_unsupported_section_our_offer_keeps_it() {
    let sdp = OFFER
        .replace("a=group:BUNDLE 0 1", "a=group:BUNDLE 0 2")
        .replacen(
            "m=video 9 UDP/TLS/RTP/SAVPF 96\r\n",
            "m=unicorns 9 UDP/TLS/RTP/SAVPF 96\r\nc=IN IP4 0.0.0.0\r\na=mid:1\r\n\
         m=video 9 UDP/TLS/RTP/SAVPF 96\r\n",
            1,
        );
    let sdp = sdp.replace("a=mid:1\r\na=sendrecv", "a=mid:2\r\na=sendrecv");
    let mut s = session(1);
    let (_, mut snapshot) = answer(&mut s, &sdp, &Snapshot::default());
    snapshot
        .transceivers
        .push(transceiver(9, MediaKind::Audio, Direction::SendRecv));
    let reoffer = offer(&mut s, &snapshot);
    let mids: Vec<&str> = lines(&reoffer)
        .into_iter()
        .filter_map(|l| l.strip_prefix("a=mid:"))
        .collect();
    assert_eq!(&mids[..3], ["0", "1", "2"], "{reoffer}");
    assert!(
        section(&reoffer, 1)[0].starts_with("m=unicorns 0 "),
        "{reoffer}"
    );
    assert!(!mids[3..].contains(&"1"), "{reoffer}");
    // The peer's answer rejects it again in place, and that answer is accepted.
    s.set_local_description(&reoffer).unwrap();
    let mut peer = session(2);
    let applied = peer
        .set_remote_offer(&reoffer, &Snapshot::default())
        .unwrap();
    let peer_snapshot = after_offer(&Snapshot::default(), &applied);
    let answer = peer
        .create_answer(&peer_snapshot, &AnswerOptions::default())
        .unwrap();
    assert!(
        section(&answer, 1)[0].starts_with("m=unicorns 0 "),
        "{answer}"
    );
    s.set_remote_description(&answer).unwrap();
}

#[test]
fn mids_of_an_offer_never_applied_are_only_proposals() {
    // createOffer proposes mid 0 for an addTransceiver() audio; a remote offer then uses mid 0
    // for video: accepted, the audio is not matched by that mid, and gets a new one later.
    let mut s = session(1);
    let ours = Snapshot {
        transceivers: vec![transceiver(1, MediaKind::Audio, Direction::SendRecv)],
        data_channel: true,
    };
    let proposal = offer(&mut s, &ours);
    assert!(proposal.contains("a=mid:0\r\n"));
    let video = section(OFFER, 1).join("\r\n").replace("a=mid:1", "a=mid:0");
    let audio = section(OFFER, 0).join("\r\n").replace("a=mid:0", "a=mid:1");
    let header: String = lines(OFFER)[..5]
        .iter()
        .map(|l| format!("{l}\r\n"))
        .collect();
    let video_first = format!("{header}{video}\r\n{audio}\r\n");
    let applied = s.set_remote_offer(&video_first, &ours).unwrap();
    assert!(applied.sections.iter().all(|m| m.created), "{applied:?}");
    let snapshot = after_offer(&ours, &applied);
    let answer = s
        .create_answer(&snapshot, &AnswerOptions::default())
        .unwrap();
    s.set_local_answer(&answer, false, &snapshot).unwrap();
    let reoffer = offer(&mut s, &snapshot);
    let mids: Vec<&str> = lines(&reoffer)
        .into_iter()
        .filter_map(|l| l.strip_prefix("a=mid:"))
        .collect();
    assert_eq!(mids.len(), 4, "{reoffer}");
    assert_eq!(&mids[..2], ["0", "1"]);
    assert!(
        !mids[..2].contains(&mids[2]) && !mids[..3].contains(&mids[3]),
        "{mids:?}"
    );
    s.set_local_description(&reoffer).unwrap();
}

#[test]
fn no_offer_while_a_remote_offer_is_applied_and_created_ids_are_never_reused() {
    let mut s = session(1);
    let applied = s.set_remote_offer(OFFER, &Snapshot::default()).unwrap();
    let first: Vec<u32> = applied
        .sections
        .iter()
        .filter_map(|m| m.id)
        .map(|id| id.get())
        .collect();
    assert_eq!(first, [1, 2]);
    let snapshot = after_offer(&Snapshot::default(), &applied);
    let err = s
        .create_offer(&snapshot, &OfferOptions::default())
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::InvalidState);
    // Also after a provisional answer (have-local-pranswer).
    let answer = s
        .create_answer(&snapshot, &AnswerOptions::default())
        .unwrap();
    s.set_local_answer(&answer, true, &snapshot).unwrap();
    let err = s
        .create_offer(&snapshot, &OfferOptions::default())
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::InvalidState);
    // Rolled back, the made transceivers are gone; the next remote offer makes new ids.
    assert_eq!(s.rollback().unwrap().created.len(), 2);
    let again = s.set_remote_offer(OFFER, &Snapshot::default()).unwrap();
    let second: Vec<u32> = again
        .sections
        .iter()
        .filter_map(|m| m.id)
        .map(|id| id.get())
        .collect();
    assert_eq!(second, [3, 4]);
}

#[test]
fn an_answer_made_again_from_the_same_inputs_is_what_writing_it_afresh_gives() {
    // As for offers (tests/jsep.rs): `afresh` answers with other options in between, which
    // changes nothing in the session, so that its last answer is written anew.
    let quiet = AnswerOptions {
        voice_activity_detection: false,
    };
    let version = |sdp: &str| sdp.split(' ').nth(2).unwrap().to_string();
    let unversioned = |sdp: &str| sdp.replacen(&format!(" {} IN", version(sdp)), " _ IN", 1);
    let mut again = session(41);
    let mut afresh = session(41);
    let applied = again.set_remote_offer(OFFER, &Snapshot::default()).unwrap();
    afresh
        .set_remote_offer(OFFER, &Snapshot::default())
        .unwrap();
    let snapshot = after_offer(&Snapshot::default(), &applied);
    let default = AnswerOptions::default();
    let first = again.create_answer(&snapshot, &default).unwrap();
    let repeated = again.create_answer(&snapshot, &default).unwrap();
    assert!(again.repeat_last_answer(&snapshot, &quiet).is_none());
    afresh.create_answer(&snapshot, &default).unwrap();
    assert!(afresh.create_answer(&snapshot, &quiet).unwrap() != first);
    let written = afresh.create_answer(&snapshot, &default).unwrap();
    assert_eq!(unversioned(&repeated), unversioned(&first));
    assert_eq!(unversioned(&repeated), unversioned(&written));
    assert_eq!(
        version(&repeated),
        (version(&first).parse::<u64>().unwrap() + 1).to_string()
    );
    // The repeated answer is the last created one: it applies.
    again.set_local_answer(&repeated, false, &snapshot).unwrap();
    // After it, nothing repeats: an offer is written (a stable session's first).
    assert!(again.repeat_last_answer(&snapshot, &default).is_none());
    assert!(offer(&mut again, &snapshot).starts_with("v=0\r\n"));
}
