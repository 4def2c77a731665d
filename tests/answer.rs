//! setRemoteDescription(answer): every syntax and validation error with its kind and
//! line, the state before and after, rollback, and robustness on mangled input.
//!
//! The answers are Chromium 156's (`tests/fixtures/reoffer/`) or edits of them.

mod common;

use common::{audio_video_data, offer, session, transceiver};
use rtc_offer_polyfill::jsep::{
    Direction, DtlsRole, JsepSession, MediaKind, MidChange, NegotiatedMLine, SctpAnswer, Snapshot,
    TransceiverId,
};
use rtc_offer_polyfill::{Error, ErrorKind};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/reoffer/");

fn chromium_answer(name: &str) -> String {
    let path = format!("{FIXTURES}{name}.answer.sdp");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
}

/// A session with an applied audio+video+data offer awaiting Chromium's answer to it.
fn pending() -> JsepSession {
    let mut s = session(1);
    let sdp = offer(&mut s, &audio_video_data());
    s.set_local_description(&sdp).unwrap();
    s
}

/// Chromium's answer to the offer of [`pending`].
fn answer() -> String {
    chromium_answer("audio-video-data")
}

/// The 1-based number of the first line of `sdp` equal to `line`.
fn line_of(sdp: &str, line: &str) -> usize {
    let found = sdp.lines().position(|l| l == line);
    found.unwrap_or_else(|| panic!("no line {line:?}")) + 1
}

/// The 1-based number of the `n`th (from 0) line starting with `prefix`.
fn nth_line_starting(sdp: &str, prefix: &str, n: usize) -> usize {
    let mut found = sdp
        .lines()
        .enumerate()
        .filter(|(_, l)| l.starts_with(prefix))
        .map(|(i, _)| i + 1);
    found
        .nth(n)
        .unwrap_or_else(|| panic!("no line {n} starting {prefix:?}"))
}

/// `sdp` with its first line equal to `from` replaced by `to` (no line if empty).
fn replace_line(sdp: &str, from: &str, to: &str) -> String {
    let at = line_of(sdp, from) - 1;
    let mut lines: Vec<&str> = sdp.split("\r\n").collect();
    match to.is_empty() {
        true => {
            lines.remove(at);
        }
        false => lines[at] = to,
    }
    lines.join("\r\n")
}

/// `sdp` without the lines starting with `prefix`.
fn without(sdp: &str, prefix: &str) -> String {
    let lines = sdp.split("\r\n").filter(|l| !l.starts_with(prefix));
    lines.collect::<Vec<_>>().join("\r\n")
}

fn first_line_starting<'a>(sdp: &'a str, prefix: &str) -> &'a str {
    sdp.lines().find(|l| l.starts_with(prefix)).unwrap()
}

/// The error of applying `answer` to [`pending`]'s offer; checks that the state stayed.
fn rejects(answer_sdp: &str) -> Error {
    let mut s = pending();
    let err = s.set_remote_description(answer_sdp).unwrap_err();
    // Still waiting for an answer: the real one applies.
    s.set_remote_description(&answer()).unwrap();
    err
}

/// `err` is of `kind`, about `line` (named in its message; in [`Error::line`] too for
/// syntax errors, and only for them), and says `words`.
fn assert_error(err: &Error, kind: ErrorKind, line: Option<usize>, words: &str) {
    assert_eq!(err.kind, kind, "{err:?}");
    let carried = match kind {
        ErrorKind::SdpSyntax => line,
        _ => None,
    };
    assert_eq!(err.line, carried, "{err:?}");
    assert!(
        err.message.contains(words),
        "{:?} lacks {words:?}",
        err.message
    );
    if let Some(line) = line {
        let named = [format!("Line {line}:"), format!("Line {line} ")];
        assert!(
            named.iter().any(|n| err.message.contains(n)),
            "{}",
            err.message
        );
    }
}

#[test]
fn a_chromium_answer_applies_and_reports_each_section() {
    let mut s = pending();
    let applied = s.set_remote_description(&answer()).unwrap();
    assert_eq!(applied.mids, [], "no transceiver lost its mid");
    let expected = [
        (Some(1), "0", Direction::SendOnly),
        (Some(2), "1", Direction::SendOnly),
        (None, "2", Direction::SendRecv),
    ];
    let expected: Vec<NegotiatedMLine> = expected
        .into_iter()
        .map(|(id, mid, direction)| NegotiatedMLine {
            id: id.map(TransceiverId::from),
            mid: mid.into(),
            current_direction: direction,
            rejected: false,
            remote_stream_ids: Vec::new(),
        })
        .collect();
    assert_eq!(applied.sections, expected);
    // Stable now: a second answer has nothing to answer, and there is nothing to roll back.
    let err = s.set_remote_description(&answer()).unwrap_err();
    assert_eq!(err.kind, ErrorKind::InvalidState);
    assert_eq!(s.rollback().unwrap_err().kind, ErrorKind::InvalidState);
}

#[test]
fn answer_without_an_applied_offer_is_invalid_state() {
    let mut s = session(1);
    let err = s.set_remote_description(&answer()).unwrap_err();
    assert_error(&err, ErrorKind::InvalidState, None, "no local offer");
    // A created but unapplied offer does not count either.
    offer(&mut s, &audio_video_data());
    let err = s.set_remote_description(&answer()).unwrap_err();
    assert_eq!(err.kind, ErrorKind::InvalidState);
}

#[test]
fn line_feeds_alone_and_a_missing_final_newline_are_accepted() {
    let lf = answer().replace("\r\n", "\n");
    pending().set_remote_description(&lf).unwrap();
    let unterminated = answer();
    let unterminated = unterminated.strip_suffix("\r\n").unwrap();
    pending().set_remote_description(unterminated).unwrap();
}

#[test]
fn syntax_errors_are_operation_errors_with_the_line() {
    let a = answer();
    let cases: Vec<(String, usize, &str)> = vec![
        (String::new(), 1, "Expect line: v="),
        ("Invalid SDP".into(), 1, "Expect line: v="),
        (a.replacen("v=0\r\n", "", 1), 1, "Expect line: v="),
        (
            "v=0\r\no=- 1 2 IN IP4\r\n".into(),
            2,
            "Expect line: o=<username>",
        ),
        (
            "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n".into(),
            3,
            "Expect line: s=",
        ),
        (
            "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\n".into(),
            4,
            "Expect line: t=",
        ),
        (
            a.replace("s=-\r\n", "s=-\r\na=x-foo:bar\r\n"),
            4,
            "Expect line: t=",
        ),
        (
            a.replace("t=0 0\r\n", "t=0 0\r\nfoo\r\n"),
            5,
            "Invalid SDP line.",
        ),
        (
            a.replace("t=0 0\r\n", "t=0 0\r\n\r\n"),
            5,
            "Invalid SDP line.",
        ),
        (
            format!("{a}\r\n"),
            a.lines().count() + 1,
            "Invalid SDP line.",
        ),
        (
            a.replace("t=0 0\r\n", "t=0 0\r\nA=b\r\n"),
            5,
            "Invalid SDP line.",
        ),
        (
            a.replace("t=0 0\r\n", "t=0 0\r\na=\r\n"),
            5,
            "Invalid attribute name.",
        ),
        (
            a.replace("t=0 0\r\n", "t=0 0\r\na=x y\r\n"),
            5,
            "Invalid attribute name.",
        ),
        (
            a.replace("t=0 0\r\n", "t=0 0\r\na=x\0\r\n"),
            5,
            "Invalid SDP line.",
        ),
        (
            a.replace("t=0 0\r\n", "t=0 0\r\na=x\ry\r\n"),
            5,
            "Invalid SDP line.",
        ),
        (
            a.replace("c=IN IP4 0.0.0.0", "x=IN IP4 0.0.0.0"),
            9,
            "Unexpected line type",
        ),
        (
            a.replace("m=audio 9 ", "m=audio x "),
            8,
            "The port number is invalid.",
        ),
        (
            a.replace("m=audio 9 ", "m=audio 65536 "),
            8,
            "The port number is invalid.",
        ),
        (
            a.replace("m=audio 9 ", "m=audio +9 "),
            8,
            "The port number is invalid.",
        ),
        (
            a.replace(" 110 126\r\n", " 110 abc\r\n"),
            8,
            "Invalid payload type.",
        ),
        (
            a.replace(" 110 126\r\n", " 110 128\r\n"),
            8,
            "Invalid payload type.",
        ),
        (
            a.replace(
                "m=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126",
                "m=audio 9 UDP/TLS/RTP/SAVPF",
            ),
            8,
            "lists no formats",
        ),
        (
            a.replace(
                "m=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126",
                "m=audio 9",
            ),
            8,
            "Expect line: m=",
        ),
    ];
    for (sdp, line, words) in cases {
        let err = rejects(&sdp);
        assert_error(&err, ErrorKind::SdpSyntax, Some(line), words);
        assert_eq!(err.kind.name(), "OperationError");
    }
}

#[test]
fn malformed_values_of_the_attributes_read_are_syntax_errors() {
    let a = answer();
    let fingerprint = first_line_starting(&a, "a=fingerprint:");
    let cases = [
        (fingerprint, "a=fingerprint:sha-256 XYZ".to_string()),
        (fingerprint, "a=fingerprint:sha-256".to_string()),
        ("a=mid:0", "a=mid:".to_string()),
        ("a=mid:0", "a=mid:a b".to_string()),
        ("a=rtpmap:111 opus/48000/2", "a=rtpmap:111 opus".to_string()),
        (
            "a=rtpmap:111 opus/48000/2",
            "a=rtpmap:x opus/48000/2".to_string(),
        ),
        ("a=rtcp-fb:111 transport-cc", "a=rtcp-fb:111".to_string()),
        (
            "a=rtcp-fb:111 transport-cc",
            "a=rtcp-fb:999 nack".to_string(),
        ),
        (
            "a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level",
            "a=extmap:0 urn:ietf:params:rtp-hdrext:ssrc-audio-level".to_string(),
        ),
        (
            "a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level",
            "a=extmap:1".to_string(),
        ),
        ("a=group:BUNDLE 0 1 2", "a=group".to_string()),
    ];
    for (from, to) in cases {
        let sdp = replace_line(&a, from, &to);
        let err = rejects(&sdp);
        assert_error(
            &err,
            ErrorKind::SdpSyntax,
            Some(line_of(&sdp, &to)),
            "Invalid attribute value.",
        );
    }
    // Two-byte header extension ids are fine.
    let two_byte = replace_line(
        &a,
        "a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level",
        "a=extmap:200 urn:ietf:params:rtp-hdrext:ssrc-audio-level",
    );
    pending().set_remote_description(&two_byte).unwrap();
}

#[test]
fn m_lines_must_match_the_offer() {
    let a = answer();
    let err = rejects(&a[..a.find("m=application").unwrap()]);
    assert_error(&err, ErrorKind::InvalidAccess, None, "fewer m-sections");

    let extra = format!("{a}m=audio 0 UDP/TLS/RTP/SAVPF 0\r\nc=IN IP4 0.0.0.0\r\na=mid:9\r\n");
    let err = rejects(&extra);
    let line = nth_line_starting(&extra, "m=", 3);
    assert_error(
        &err,
        ErrorKind::InvalidAccess,
        Some(line),
        "more m-sections",
    );

    let kind = a.replacen("m=audio 9 ", "m=video 9 ", 1);
    let err = rejects(&kind);
    assert_error(&err, ErrorKind::InvalidAccess, Some(8), "media or protocol");

    let proto = a.replace("UDP/DTLS/SCTP", "UDP/TLS/UDT");
    let err = rejects(&proto);
    let line = nth_line_starting(&proto, "m=", 2);
    assert_error(
        &err,
        ErrorKind::InvalidAccess,
        Some(line),
        "media or protocol",
    );

    let mid = a
        .replace("a=mid:1\r\n", "a=mid:x\r\n")
        .replace("BUNDLE 0 1 2", "BUNDLE 0 x 2");
    let err = rejects(&mid);
    assert_error(
        &err,
        ErrorKind::InvalidAccess,
        Some(line_of(&mid, "a=mid:x")),
        "mid differs",
    );

    let swapped = a
        .replace("a=mid:0\r\n", "a=mid:Q\r\n")
        .replace("a=mid:1\r\n", "a=mid:0\r\n")
        .replace("a=mid:Q\r\n", "a=mid:1\r\n");
    let err = rejects(&swapped);
    assert_error(
        &err,
        ErrorKind::InvalidAccess,
        Some(line_of(&swapped, "a=mid:1")),
        "mid differs",
    );

    let no_mid = replace_line(&a, "a=mid:1", "").replace("BUNDLE 0 1 2", "BUNDLE 0 2");
    let err = rejects(&no_mid);
    let line = nth_line_starting(&no_mid, "m=", 1);
    assert_error(&err, ErrorKind::InvalidAccess, Some(line), "no a=mid");

    let data = a.replace("webrtc-datachannel", "webrtc-datachannel 5000");
    let err = rejects(&data);
    let line = nth_line_starting(&data, "m=", 2);
    assert_error(
        &err,
        ErrorKind::InvalidAccess,
        Some(line),
        "webrtc-datachannel",
    );
}

#[test]
fn transport_attributes_are_required_and_checked() {
    let a = answer();
    for prefix in ["a=ice-ufrag:", "a=ice-pwd:"] {
        let err = rejects(&without(&a, prefix));
        assert_error(
            &err,
            ErrorKind::InvalidAccess,
            Some(8),
            "no a=ice-ufrag and a=ice-pwd",
        );
    }
    let err = rejects(&without(&a, "a=fingerprint:"));
    assert_error(&err, ErrorKind::InvalidAccess, Some(8), "no a=fingerprint");

    let ufrag = first_line_starting(&a, "a=ice-ufrag:");
    let pwd = first_line_starting(&a, "a=ice-pwd:");
    let cases = [
        (ufrag, "a=ice-ufrag:abc", "invalid ICE ufrag"),
        (ufrag, "a=ice-ufrag:ab$d", "invalid ICE ufrag"),
        (pwd, "a=ice-pwd:short", "invalid ICE pwd"),
        (pwd, "a=ice-pwd:$$$$$$$$$$$$$$$$$$$$$$$$", "invalid ICE pwd"),
        ("a=setup:active", "a=setup:actpass", "active or passive"),
        ("a=setup:active", "a=setup:holdconn", "active or passive"),
    ];
    for (from, to, words) in cases {
        let sdp = replace_line(&a, from, to);
        let err = rejects(&sdp);
        assert_error(
            &err,
            ErrorKind::InvalidAccess,
            Some(line_of(&sdp, to)),
            words,
        );
    }
    // Passive, or no a=setup at all (RFC 4145's default), are fine.
    pending()
        .set_remote_description(&a.replace("a=setup:active", "a=setup:passive"))
        .unwrap();
    pending()
        .set_remote_description(&without(&a, "a=setup:"))
        .unwrap();
}

#[test]
fn transport_attributes_may_come_from_the_session_or_the_bundle_tag() {
    let a = answer();
    let ufrag = first_line_starting(&a, "a=ice-ufrag:").to_string();
    let pwd = first_line_starting(&a, "a=ice-pwd:").to_string();
    let fingerprint = first_line_starting(&a, "a=fingerprint:").to_string();
    // Session level.
    let session_level = without(
        &without(&without(&a, "a=ice-ufrag:"), "a=ice-pwd:"),
        "a=fingerprint:",
    )
    .replace(
        "t=0 0\r\n",
        &format!("t=0 0\r\n{ufrag}\r\n{pwd}\r\n{fingerprint}\r\n"),
    );
    pending().set_remote_description(&session_level).unwrap();

    // Only the first section of the group carries them (RFC 8843 §7.3.1).
    let m1 = a.find("m=video").unwrap();
    let (head, tail) = a.split_at(m1);
    let tail = without(
        &without(&without(tail, "a=ice-ufrag:"), "a=ice-pwd:"),
        "a=fingerprint:",
    );
    let tagged = format!("{head}{tail}");
    pending().set_remote_description(&tagged).unwrap();
    // Without the group there is nothing to borrow from.
    let err = rejects(&without(&tagged, "a=group:BUNDLE"));
    assert_error(
        &err,
        ErrorKind::InvalidAccess,
        Some(nth_line_starting(&tagged, "m=", 1) - 1),
        "no a=ice-ufrag",
    );
}

#[test]
fn rtp_sections_need_rtcp_mux() {
    let a = answer();
    let err = rejects(&without(&a, "a=rtcp-mux"));
    assert_error(&err, ErrorKind::InvalidAccess, Some(8), "a=rtcp-mux");
}

#[test]
fn the_answer_direction_must_fit_the_offered_one() {
    let snapshot = Snapshot {
        transceivers: vec![
            transceiver(1, MediaKind::Audio, Direction::SendOnly),
            transceiver(2, MediaKind::Video, Direction::RecvOnly),
        ],
        data_channel: true,
    };
    // (audio answer, video answer) -> Ok((our audio, our video)) or the bad attribute.
    let cases = [
        (
            "recvonly",
            "sendonly",
            Ok((Direction::SendOnly, Direction::RecvOnly)),
        ),
        (
            "inactive",
            "inactive",
            Ok((Direction::Inactive, Direction::Inactive)),
        ),
        (
            "sendrecv",
            "sendonly",
            Err("a=sendrecv does not answer the offered a=sendonly"),
        ),
        (
            "sendonly",
            "sendonly",
            Err("a=sendonly does not answer the offered a=sendonly"),
        ),
        (
            "recvonly",
            "recvonly",
            Err("a=recvonly does not answer the offered a=recvonly"),
        ),
        (
            "recvonly",
            "sendrecv",
            Err("a=sendrecv does not answer the offered a=recvonly"),
        ),
    ];
    let template = answer();
    for (audio, video, expected) in cases {
        let mut s = session(1);
        let sdp = offer(&mut s, &snapshot);
        s.set_local_description(&sdp).unwrap();
        let mut sections = template.split("m=");
        let head = sections.next().unwrap();
        let a = sections
            .next()
            .unwrap()
            .replace("a=recvonly", &format!("a={audio}"));
        let v = sections
            .next()
            .unwrap()
            .replace("a=recvonly", &format!("a={video}"));
        let d = sections.next().unwrap();
        let answer_sdp = format!("{head}m={a}m={v}m={d}");
        match (s.set_remote_description(&answer_sdp), expected) {
            (Ok(got), Ok((audio, video))) => {
                let directions: Vec<Direction> =
                    got.sections.iter().map(|n| n.current_direction).collect();
                assert_eq!(directions, [audio, video, Direction::SendRecv]);
            }
            (Err(err), Err(words)) => {
                let bad = if words.contains("offered a=sendonly") {
                    audio
                } else {
                    video
                };
                let line = match words.contains("offered a=sendonly") {
                    true => nth_line_starting(&answer_sdp, &format!("a={bad}"), 0),
                    false => {
                        let video_at = nth_line_starting(&answer_sdp, "m=video", 0);
                        answer_sdp
                            .lines()
                            .enumerate()
                            .skip(video_at)
                            .find(|(_, l)| *l == format!("a={bad}"))
                            .unwrap()
                            .0
                            + 1
                    }
                };
                assert_error(&err, ErrorKind::InvalidAccess, Some(line), words);
            }
            (got, expected) => panic!("{audio}/{video}: {got:?}, expected {expected:?}"),
        }
    }
}

#[test]
fn a_missing_direction_means_sendrecv_and_two_are_an_error() {
    let a = answer();
    // Our sendrecv audio accepts an implicit sendrecv.
    let implicit = replace_line(&a, "a=recvonly", "");
    let sections = pending().set_remote_description(&implicit).unwrap();
    assert_eq!(sections.sections[0].current_direction, Direction::SendRecv);
    let twice = a.replacen("a=recvonly\r\n", "a=recvonly\r\na=inactive\r\n", 1);
    let err = rejects(&twice);
    assert_error(
        &err,
        ErrorKind::InvalidAccess,
        Some(line_of(&twice, "a=inactive")),
        "more than one direction",
    );
}

#[test]
fn payload_types_must_have_been_offered() {
    let a = answer();
    let foreign = a.replacen(" 110 126\r\n", " 110 126 100\r\n", 1);
    let err = rejects(&foreign);
    assert_error(
        &err,
        ErrorKind::InvalidAccess,
        Some(8),
        "payload type 100 was not offered",
    );
    // 35 is offered in video only for receiving (VP9 profile 1), not in sendrecv video.
    let video = a.replacen(" 118 119 120\r\n", " 118 119 120 35\r\n", 1);
    let err = rejects(&video);
    let line = nth_line_starting(&video, "m=video", 0);
    assert_error(
        &err,
        ErrorKind::InvalidAccess,
        Some(line),
        "payload type 35 was not offered",
    );

    let remapped = replace_line(&a, "a=rtpmap:0 PCMU/8000", "a=rtpmap:0 PCMA/8000");
    let err = rejects(&remapped);
    let line = line_of(&remapped, "a=rtpmap:0 PCMA/8000");
    assert_error(&err, ErrorKind::InvalidAccess, Some(line), "another codec");
    // Case does not matter; an rtpmap for a payload type the m= line lacks is ignored.
    let cased = replace_line(&a, "a=rtpmap:111 opus/48000/2", "a=rtpmap:111 OPUS/48000/2");
    pending().set_remote_description(&cased).unwrap();
    let unlisted = a.replacen(
        "a=rtpmap:0 PCMU/8000",
        "a=rtpmap:0 PCMU/8000\r\na=rtpmap:100 foo/1",
        1,
    );
    pending().set_remote_description(&unlisted).unwrap();
}

#[test]
fn the_bundle_group_must_name_answered_mids() {
    let a = answer();
    let sdp = a.replace("a=group:BUNDLE 0 1 2", "a=group:BUNDLE 0 1 2 7");
    let err = rejects(&sdp);
    assert_error(
        &err,
        ErrorKind::InvalidAccess,
        Some(5),
        "BUNDLE group names a mid",
    );
    // Other group semantics are not BUNDLE.
    let ls = a.replace(
        "a=group:BUNDLE 0 1 2",
        "a=group:BUNDLE 0 1 2\r\na=group:LS 7",
    );
    pending().set_remote_description(&ls).unwrap();
}

#[test]
fn a_rejected_section_needs_no_transport_or_mid_and_is_reported() {
    let a = answer();
    let video = a.find("m=video").unwrap();
    let data = a.find("m=application").unwrap();
    let rejected_video = "m=video 0 UDP/TLS/RTP/SAVPF 96\r\nc=IN IP4 0.0.0.0\r\n";
    let sdp = format!("{}{rejected_video}{}", &a[..video], &a[data..])
        .replace("a=group:BUNDLE 0 1 2", "a=group:BUNDLE 0 2");
    let applied = pending().set_remote_description(&sdp).unwrap();
    // The rejected video's transceiver is stopped: it loses its mid.
    assert_eq!(
        applied.mids,
        [MidChange {
            transceiver: 2.into(),
            mid: None
        }]
    );
    let rejected: Vec<(Option<u32>, bool, Direction)> = applied
        .sections
        .iter()
        .map(|n| {
            (
                n.id.map(TransceiverId::get),
                n.rejected,
                n.current_direction,
            )
        })
        .collect();
    assert_eq!(
        rejected,
        [
            (Some(1), false, Direction::SendOnly),
            (Some(2), true, Direction::Inactive),
            (None, false, Direction::SendRecv),
        ]
    );
}

#[test]
fn a_section_the_offer_rejected_must_stay_rejected() {
    let mut s = session(1);
    let mut snapshot = audio_video_data();
    let first = offer(&mut s, &snapshot);
    s.set_local_description(&first).unwrap();
    s.set_remote_description(&answer()).unwrap();
    snapshot.transceivers[0].stopped = true;
    let second = offer(&mut s, &snapshot);
    assert!(second.contains("m=audio 0 "));
    s.set_local_description(&second).unwrap();
    // Chromium's first answer accepts the audio section: not an answer to this offer.
    let err = s.set_remote_description(&answer()).unwrap_err();
    assert_error(
        &err,
        ErrorKind::InvalidAccess,
        Some(8),
        "must reject it too",
    );
    let rejecting = answer().replacen("m=audio 9 ", "m=audio 0 ", 1);
    let applied = s.set_remote_description(&rejecting).unwrap();
    assert!(applied.sections[0].rejected);
    assert_eq!(
        applied.mids,
        [MidChange {
            transceiver: 1.into(),
            mid: None
        }]
    );
}

#[test]
fn mangled_answers_never_panic() {
    // What the fuzzer does, in small: truncations, dropped lines, and byte substitutions.
    let a = answer();
    let mut inputs: Vec<String> = Vec::new();
    for end in (0..a.len()).step_by(7) {
        if a.is_char_boundary(end) {
            inputs.push(a[..end].to_string());
        }
    }
    let lines: Vec<&str> = a.split("\r\n").collect();
    for skip in 0..lines.len() {
        let kept: Vec<&str> = lines
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != skip)
            .map(|(_, l)| *l)
            .collect();
        inputs.push(kept.join("\r\n"));
    }
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    for _ in 0..400 {
        let mut bytes = a.clone().into_bytes();
        for _ in 0..4 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let at = (state % bytes.len() as u64) as usize;
            bytes[at] = b" :/=\r\n0a9\x00\xff"[(state >> 32) as usize % 11];
        }
        inputs.push(String::from_utf8_lossy(&bytes).into_owned());
    }
    // set_remote_description parses each input (the offer is applied) before it reads it.
    for input in inputs {
        let _ = pending().set_remote_description(&input);
    }
}

#[test]
fn can_trickle_follows_the_answers_ice_options() {
    let mut s = pending();
    assert_eq!(s.remote_can_trickle(), None, "no answer yet");
    s.set_remote_description(&answer()).unwrap();
    assert_eq!(s.remote_can_trickle(), Some(true));

    let mut s = pending();
    s.set_remote_description(&without(&answer(), "a=ice-options:"))
        .unwrap();
    assert_eq!(s.remote_can_trickle(), Some(false));

    let mut s = pending();
    let other_options =
        answer().replace("a=ice-options:trickle", "a=ice-options:ice2 renomination");
    s.set_remote_description(&other_options).unwrap();
    assert_eq!(s.remote_can_trickle(), Some(false), "other options only");
}

#[test]
fn an_answer_taking_simulcast_needs_the_rid_extension() {
    let mut s = session(1);
    let mut video = transceiver(1, MediaKind::Video, Direction::SendOnly);
    video.send_rids = vec!["q".into(), "h".into(), "f".into()];
    let snapshot = Snapshot {
        transceivers: vec![video],
        data_channel: false,
    };
    let sdp = offer(&mut s, &snapshot);
    s.set_local_description(&sdp).unwrap();
    // Chromium's answer without the RID extensions, taking simulcast (as werift answers).
    let takes = "a=rid:q recv\r\na=rid:h recv\r\na=rid:f recv\r\na=simulcast:recv q;h;f\r\n";
    let without = format!("{}{takes}", chromium_answer("simulcast-declined"));
    let err = s.set_remote_description(&without).unwrap_err();
    assert_error(
        &err,
        ErrorKind::InvalidAccess,
        Some(line_of(&without, "a=simulcast:recv q;h;f")),
        "negotiates simulcast but does not negotiate the RID RTP header extension",
    );
    // Nothing changed: the same answer with the extension applies, and simulcast stays on.
    let with = without.replacen(
        "a=extmap:9 urn:ietf:params:rtp-hdrext:sdes:mid\r\n",
        "a=extmap:9 urn:ietf:params:rtp-hdrext:sdes:mid\r\n\
         a=extmap:10 urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id\r\n",
        1,
    );
    s.set_remote_description(&with).unwrap();
    let reoffer = offer(&mut s, &snapshot);
    assert!(reoffer.contains("a=simulcast:send q;h;f\r\n"), "{reoffer}");
}

#[test]
fn the_answers_msid_lines_give_each_sections_remote_stream_ids() {
    let mut s = pending();
    // Audio sent in two streams (one repeated), video in none ('-'), as a=msid lines say.
    let sdp = answer()
        .replacen(
            "a=recvonly\r\n",
            "a=sendrecv\r\na=msid:s1 t1\r\na=msid:s2 t1\r\na=msid:s1 t1\r\n",
            1,
        )
        .replacen("a=recvonly\r\n", "a=sendrecv\r\na=msid:- t2\r\n", 1);
    let applied = s.set_remote_description(&sdp).unwrap();
    let ids: Vec<&[String]> = applied
        .sections
        .iter()
        .map(|m| m.remote_stream_ids.as_slice())
        .collect();
    assert_eq!(ids, [&["s1".to_string(), "s2".to_string()][..], &[], &[]]);
    assert_eq!(applied.sections[0].current_direction, Direction::SendRecv);
}

#[test]
fn the_data_sections_answer_gives_the_dtls_role_and_message_size() {
    let applied = pending().set_remote_description(&answer()).unwrap();
    let server = SctpAnswer {
        dtls_role: DtlsRole::Server,
        max_message_size: Some(262_144),
    };
    assert_eq!(applied.sctp, Some(server), "a=setup:active: we accept");
    let passive = answer()
        .replace("a=setup:active", "a=setup:passive")
        .replace("a=max-message-size:262144\r\n", "");
    let applied = pending().set_remote_description(&passive).unwrap();
    let client = SctpAnswer {
        dtls_role: DtlsRole::Client,
        max_message_size: None,
    };
    assert_eq!(applied.sctp, Some(client));
    let rejected = answer().replacen("m=application 9 ", "m=application 0 ", 1);
    let applied = pending().set_remote_description(&rejected).unwrap();
    assert_eq!(applied.sctp, None);
}

#[test]
fn the_first_answer_accepting_data_fixes_the_dtls_role() {
    let mut s = pending();
    s.set_remote_description(&answer()).unwrap();
    let reoffer = offer(&mut s, &audio_video_data());
    s.set_local_description(&reoffer).unwrap();
    let passive = answer().replace("a=setup:active", "a=setup:passive");
    let applied = s.set_remote_description(&passive).unwrap();
    assert_eq!(
        applied.sctp.map(|sctp| sctp.dtls_role),
        Some(DtlsRole::Server)
    );
}

/// What `RTCTransportStats` and `RTCOutboundRtpStreamStats` read: the sections that have a
/// transport of their own before the answer, and each sender's SSRCs as the offer wrote them.
#[test]
fn section_mids_and_sender_ssrcs() {
    let mut s = session(1);
    assert!(s.section_mids().is_empty());
    let sdp = offer(&mut s, &audio_video_data());
    s.set_local_description(&sdp).unwrap();
    assert_eq!(s.section_mids(), ["0", "1", "2"]);
    s.set_remote_description(&answer()).unwrap();
    assert_eq!(s.section_mids(), ["0", "1", "2"]);
    let written: Vec<u32> = sdp
        .lines()
        .filter_map(|l| l.strip_prefix("a=ssrc-group:FID "))
        .flat_map(|l| l.split(' ').map(|n| n.parse().unwrap()))
        .collect();
    let first_audio: u32 = sdp
        .lines()
        .find_map(|l| l.strip_prefix("a=ssrc:"))
        .and_then(|l| l.split(' ').next())
        .unwrap()
        .parse()
        .unwrap();
    let ssrcs: Vec<Option<(u32, Option<u32>)>> = s
        .rtp_parameters()
        .iter()
        .map(|p| {
            p.ssrcs
                .map(|(primary, rtx)| (primary.get(), rtx.map(|r| r.get())))
        })
        .collect();
    assert_eq!(
        ssrcs,
        [
            Some((first_audio, None)),
            Some((written[0], Some(written[1])))
        ]
    );
}
