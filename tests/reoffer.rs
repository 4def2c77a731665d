//! Offers after an answer, against what Chromium 156 does with the same answer.
//!
//! `tests/fixtures/reoffer/<scenario>.*.sdp` were captured from headless Chromium 156
//! (`/usr/bin/chromium`, the harness of `tests/browser/`): a native connection makes the
//! offer, a second native connection answers it (the answer edited where the scenario's
//! name says so), the first applies the answer, changes what the scenario says and
//! offers again. Here our session makes the offer for the same calls (equal to
//! Chromium's once random values are masked), applies Chromium's answer and offers again;
//! that re-offer must equal Chromium's once its ICE candidates and ports are taken out
//! (we gather none) — except where RFC 9429 §5.2.2 asks for something Chromium does not
//! do. Those deliberate differences are applied to Chromium's text by the functions
//! below, each named after its rule, so every other line still has to match:
//! - `a=rtcp` is not repeated in a section whose answer had `a=rtcp-mux`;
//! - `a=rtcp-rsize` only where the answer had it;
//! - the BUNDLE group is the answer's (none if the answer had none), plus new sections;
//! - RTCP feedback only as the answer accepted it (Chromium keeps all of its own);
//! - formats in the answer's order, the others after (Chromium keeps its offer's order);
//! - the RID header extensions stay while a section signals simulcast (Chromium drops them
//!   with an answer that declined simulcast, and then refuses its own re-offer).

mod common;

use common::{audio_video_data, check_with_webrtc_sdp, differences, session, transceiver, Masker};
use rtc_offer_polyfill::jsep::{
    Direction, JsepSession, MediaKind, NegotiatedMLine, OfferOptions, Snapshot, TransceiverId,
};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/reoffer/");

fn fixture(name: &str, part: &str) -> String {
    let path = format!("{FIXTURES}{name}.{part}.sdp");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
}

/// An SDP as its session lines and m-sections (lines without their CRLF).
#[derive(Clone, Debug, PartialEq)]
struct Sdp {
    session: Vec<String>,
    media: Vec<Vec<String>>,
}

impl Sdp {
    fn parse(text: &str) -> Sdp {
        let body = text.strip_suffix("\r\n").expect("SDP ends with CRLF");
        let mut sdp = Sdp {
            session: Vec::new(),
            media: Vec::new(),
        };
        for line in body.split("\r\n") {
            if line.starts_with("m=") {
                sdp.media.push(Vec::new());
            }
            match sdp.media.last_mut() {
                Some(section) => section.push(line.to_string()),
                None => sdp.session.push(line.to_string()),
            }
        }
        sdp
    }

    fn text(&self) -> String {
        let lines = self.session.iter().chain(self.media.iter().flatten());
        lines.map(|l| format!("{l}\r\n")).collect()
    }

    /// Each section's port and mid.
    fn sections(&self) -> Vec<(u16, String)> {
        self.media
            .iter()
            .map(|lines| {
                let port = lines[0].split(' ').nth(1).unwrap().parse().unwrap();
                let mid = lines.iter().find_map(|l| l.strip_prefix("a=mid:"));
                (port, mid.unwrap_or_default().to_string())
            })
            .collect()
    }

    /// The section with `mid`.
    fn section(&mut self, mid: &str) -> &mut Vec<String> {
        let at = self.sections().iter().position(|(_, m)| m == mid);
        &mut self.media[at.unwrap_or_else(|| panic!("no mid {mid}"))]
    }
}

/// Chromium's SDP as an offerer that gathers no ICE candidates writes it: no candidate
/// lines, port 9 in m-lines that are not rejected, `c=IN IP4 0.0.0.0` and
/// `a=rtcp:9 IN IP4 0.0.0.0`.
fn without_ice(text: &str) -> Sdp {
    let mut sdp = Sdp::parse(text);
    for section in &mut sdp.media {
        section.retain(|l| !l.starts_with("a=candidate:") && l != "a=end-of-candidates");
        for line in section.iter_mut() {
            if line.starts_with("m=") {
                let mut fields: Vec<&str> = line.split(' ').collect();
                if fields[1] != "0" {
                    fields[1] = "9";
                }
                *line = fields.join(" ");
            } else if line.starts_with("c=") {
                *line = "c=IN IP4 0.0.0.0".into();
            } else if line.starts_with("a=rtcp:") {
                *line = "a=rtcp:9 IN IP4 0.0.0.0".into();
            }
        }
    }
    sdp
}

/// The mids of the sections `answer` accepted.
fn accepted(answer: &str) -> Vec<String> {
    let answer = Sdp::parse(answer);
    let sections = answer.sections().into_iter();
    sections
        .filter(|(port, _)| *port != 0)
        .map(|(_, mid)| mid)
        .collect()
}

/// RFC 9429 §5.2.2: "a=rtcp" only if the answer had no "a=rtcp-mux" (every answer we
/// accept has it), in each still-live section the answer accepted.
fn no_rtcp_after_mux(sdp: &mut Sdp, answer: &str) {
    let accepted = accepted(answer);
    for section in &mut sdp.media {
        let live = section[0].split(' ').nth(1) != Some("0");
        let mid = section.iter().find_map(|l| l.strip_prefix("a=mid:"));
        if live && mid.is_some_and(|m| accepted.iter().any(|a| a == m)) {
            section.retain(|l| !l.starts_with("a=rtcp:"));
        }
    }
}

/// RFC 9429 §5.2.2: "a=rtcp-rsize" only if present in the answer.
fn rtcp_rsize_as_answered(sdp: &mut Sdp, answer: &str, mids: &[&str]) {
    assert!(!answer.contains("a=rtcp-rsize"));
    for mid in mids {
        sdp.section(mid).retain(|l| l != "a=rtcp-rsize");
    }
}

/// RFC 9429 §5.2.2: the BUNDLE group is the answer's minus rejected sections plus new
/// ones; with no group in the answer (and no new section) there is none.
fn bundle_as_answered(sdp: &mut Sdp, answer: &str) {
    assert!(!answer.contains("a=group:BUNDLE"));
    sdp.session.retain(|l| !l.starts_with("a=group:BUNDLE"));
}

/// RFC 9429 §5.2.2: RTCP feedback only as present in the answer (for the formats the
/// answer listed).
fn feedback_as_answered(sdp: &mut Sdp, answer: &str) {
    let answer = Sdp::parse(answer);
    for (ours, theirs) in sdp.media.iter_mut().zip(&answer.media) {
        let listed: Vec<&str> = theirs[0].split(' ').skip(3).collect();
        ours.retain(|line| {
            let Some(fb) = line.strip_prefix("a=rtcp-fb:") else {
                return true;
            };
            let (pt, _) = fb.split_once(' ').unwrap();
            !listed.contains(&pt) || theirs.iter().any(|l| l == line)
        });
    }
}

/// RFC 9429 §5.2.2: formats in the order of the answer, the others after: reorders the
/// m= line and the codec blocks (an `a=rtpmap` line with the `a=rtcp-fb` and `a=fmtp`
/// lines after it) of section `mid`.
fn formats_in_answer_order(sdp: &mut Sdp, answer: &str, mid: &str) {
    let order: Vec<String> = {
        let mut answer = Sdp::parse(answer);
        answer.section(mid)[0]
            .split(' ')
            .skip(3)
            .map(str::to_string)
            .collect()
    };
    let section = sdp.section(mid);
    let start = section
        .iter()
        .position(|l| l.starts_with("a=rtpmap:"))
        .unwrap();
    let end = section[start..]
        .iter()
        .position(|l| {
            !["a=rtpmap:", "a=rtcp-fb:", "a=fmtp:"]
                .iter()
                .any(|p| l.starts_with(p))
        })
        .map_or(section.len(), |n| start + n);
    let mut blocks: Vec<(String, Vec<String>)> = Vec::new();
    for line in &section[start..end] {
        if let Some(rest) = line.strip_prefix("a=rtpmap:") {
            let pt = rest.split(' ').next().unwrap().to_string();
            blocks.push((pt, Vec::new()));
        }
        blocks.last_mut().unwrap().1.push(line.clone());
    }
    let rank = |pt: &str| order.iter().position(|o| o == pt).unwrap_or(order.len());
    // A stable sort: the formats the answer did not list keep their order.
    blocks.sort_by_key(|(pt, _)| rank(pt));
    let mut m_line: Vec<String> = section[0].split(' ').take(3).map(str::to_string).collect();
    m_line.extend(blocks.iter().map(|(pt, _)| pt.clone()));
    section[0] = m_line.join(" ");
    let codec_lines: Vec<String> = blocks.into_iter().flat_map(|(_, lines)| lines).collect();
    section.splice(start..end, codec_lines);
}

fn offer(s: &mut JsepSession, snapshot: &Snapshot, options: OfferOptions) -> String {
    let sdp = s.create_offer(snapshot, &options).unwrap();
    check_with_webrtc_sdp(&sdp);
    sdp
}

/// Our offer for `initial`, Chromium's answer to it applied, then one offer per step.
fn run(
    name: &str,
    initial: &Snapshot,
    steps: &[(Snapshot, OfferOptions)],
) -> (Vec<String>, Vec<NegotiatedMLine>) {
    let mut s = session(1);
    let first = offer(&mut s, initial, OfferOptions::default());
    s.set_local_description(&first).unwrap();
    let negotiated = s
        .set_remote_description(&fixture(name, "answer"))
        .unwrap_or_else(|e| panic!("{name}: our session rejects Chromium's answer: {e}"))
        .sections;
    let mut offers = vec![first];
    for (snapshot, options) in steps {
        offers.push(offer(&mut s, snapshot, *options));
    }
    (offers, negotiated)
}

/// Asserts that `ours` (the offer, then the re-offers) equals `chromium` once masked,
/// with one masker per side across the whole scenario.
fn assert_like_chromium(name: &str, chromium: &[String], ours: &[String]) {
    assert_eq!(chromium.len(), ours.len());
    let (mut theirs_mask, mut ours_mask) = (Masker::new(&[]), Masker::new(&[]));
    for (i, (theirs, ours)) in chromium.iter().zip(ours).enumerate() {
        let expected = theirs_mask.sdp(theirs);
        let actual = ours_mask.sdp(ours);
        let report = differences(&expected, &actual);
        assert!(
            report.is_empty(),
            "{name}, offer {}: ours differs from Chromium's:\n{report}\nours (masked):\n{}",
            i + 1,
            actual.join("\n")
        );
    }
}

/// The `<id>` of an `a=extmap:<id> <uri>` line.
fn extmap_id(line: &str) -> u16 {
    let id = line["a=extmap:".len()..].split([' ', '/']).next().unwrap();
    id.parse().unwrap()
}

/// Puts the first offer's RID extension lines back into each section that signals
/// simulcast, in id order.
fn rid_extensions_while_simulcast(sdp: &mut Sdp, offer: &str) {
    let offered = Sdp::parse(offer);
    for (section, first) in sdp.media.iter_mut().zip(&offered.media) {
        if !section.iter().any(|l| l.starts_with("a=simulcast:")) {
            continue;
        }
        let rid_lines = first
            .iter()
            .filter(|l| l.starts_with("a=extmap:") && l.contains("rtp-stream-id"));
        for line in rid_lines {
            if section.contains(line) {
                continue;
            }
            let id = extmap_id(line);
            let extmap = |l: &String| l.starts_with("a=extmap:");
            let at = section
                .iter()
                .position(|l| extmap(l) && extmap_id(l) > id)
                .or_else(|| section.iter().rposition(extmap).map(|i| i + 1))
                .unwrap();
            section.insert(at, line.clone());
        }
    }
}

/// Chromium's offer and its re-offers (without ICE, then `adjust`ed to the RFC rules).
fn chromium(name: &str, reoffers: usize, adjust: impl Fn(&mut Sdp, &str)) -> Vec<String> {
    let answer = fixture(name, "answer");
    let mut out = vec![fixture(name, "offer")];
    for i in 0..reoffers {
        let part = match i {
            0 => "reoffer".to_string(),
            n => format!("reoffer-{}", n + 1),
        };
        let mut sdp = without_ice(&fixture(name, &part));
        no_rtcp_after_mux(&mut sdp, &answer);
        adjust(&mut sdp, &answer);
        out.push(sdp.text());
    }
    out
}

fn negotiated(id: Option<u32>, mid: &str, direction: Direction, rejected: bool) -> NegotiatedMLine {
    NegotiatedMLine {
        id: id.map(TransceiverId::from),
        mid: mid.into(),
        current_direction: direction,
        rejected,
        remote_stream_ids: Vec::new(),
    }
}

#[test]
fn plain_answer_changes_only_the_version_and_rtcp() {
    let name = "audio-video-data";
    let snap = audio_video_data();
    let (ours, sections) = run(name, &snap, &[(snap.clone(), OfferOptions::default())]);
    assert_eq!(
        sections,
        [
            negotiated(Some(1), "0", Direction::SendOnly, false),
            negotiated(Some(2), "1", Direction::SendOnly, false),
            negotiated(None, "2", Direction::SendRecv, false),
        ]
    );
    assert_like_chromium(name, &chromium(name, 1, |_, _| {}), &ours);
}

#[test]
fn answer_dropping_extensions_drops_them_from_later_offers() {
    let name = "answer-drops-extensions";
    let snap = audio_video_data();
    let (ours, _) = run(name, &snap, &[(snap.clone(), OfferOptions::default())]);
    assert_like_chromium(name, &chromium(name, 1, |_, _| {}), &ours);
    for uri in ["abs-send-time", "toffset", "playout-delay"] {
        assert!(!ours[1].contains(uri), "{uri} still offered");
    }
    assert!(ours[1].contains("a=extmap:13 urn:3gpp:video-orientation\r\n"));
}

#[test]
fn rejected_section_stays_at_port_0_then_is_recycled() {
    let name = "answer-rejects-video";
    let initial = audio_video_data();
    // The glue drops the transceiver the answer stopped; then an audio one is added.
    let mut without_video = initial.clone();
    without_video.transceivers.truncate(1);
    let mut with_new_audio = without_video.clone();
    with_new_audio
        .transceivers
        .push(transceiver(3, MediaKind::Audio, Direction::SendRecv));
    let steps = [
        (without_video, OfferOptions::default()),
        (with_new_audio, OfferOptions::default()),
    ];
    let (ours, sections) = run(name, &initial, &steps);
    assert_eq!(
        sections[1],
        negotiated(Some(2), "1", Direction::Inactive, true)
    );
    assert_like_chromium(name, &chromium(name, 2, |_, _| {}), &ours);
    let second = Sdp::parse(&ours[1]);
    assert!(second.media[1][0].starts_with("m=video 0 "));
    assert!(second.session.contains(&"a=group:BUNDLE 0 2".to_string()));
    let third = Sdp::parse(&ours[2]);
    assert!(third.media[1][0].starts_with("m=audio 9 "));
    assert!(third.session.contains(&"a=group:BUNDLE 0 3 2".to_string()));
}

#[test]
fn the_same_answer_rejecting_applies_even_if_the_glue_keeps_the_transceiver() {
    let name = "answer-rejects-video";
    let snap = audio_video_data();
    let (ours, _) = run(name, &snap, &[(snap.clone(), OfferOptions::default())]);
    let chromium = chromium(name, 1, |_, _| {});
    assert_like_chromium(name, &chromium, &ours);
}

#[test]
fn stopping_after_the_answer_rejects_the_section_in_the_next_offer() {
    let name = "stop-after-answer";
    let initial = audio_video_data();
    let mut stopped = initial.clone();
    stopped.transceivers[0].stopped = true;
    let (ours, _) = run(name, &initial, &[(stopped, OfferOptions::default())]);
    assert_like_chromium(name, &chromium(name, 1, |_, _| {}), &ours);
}

#[test]
fn ice_restart_after_the_answer_changes_both_credentials() {
    let name = "ice-restart-after-answer";
    let snap = audio_video_data();
    let restart = OfferOptions {
        ice_restart: true,
        ..OfferOptions::default()
    };
    let (ours, _) = run(name, &snap, &[(snap.clone(), restart)]);
    assert_like_chromium(name, &chromium(name, 1, |_, _| {}), &ours);
}

#[test]
fn feedback_and_format_order_follow_the_answer() {
    let name = "answer-drops-feedback-and-reorders";
    let snap = audio_video_data();
    let (ours, _) = run(name, &snap, &[(snap.clone(), OfferOptions::default())]);
    let expected = chromium(name, 1, |sdp, answer| {
        feedback_as_answered(sdp, answer);
        formats_in_answer_order(sdp, answer, "1");
    });
    assert_like_chromium(name, &expected, &ours);
    // The facts the two rules above produced, spelled out.
    let reoffer = Sdp::parse(&ours[1]);
    assert!(reoffer.media[1][0].ends_with(
        " 98 99 96 97 102 103 104 107 108 109 114 115 116 117 39 40 45 46 100 101 118 119 120"
    ));
    let fb = |pt: &str| -> Vec<String> {
        let prefix = format!("a=rtcp-fb:{pt} ");
        let lines = reoffer.media.iter().flatten();
        lines
            .filter_map(|l| l.strip_prefix(&prefix))
            .map(str::to_string)
            .collect()
    };
    assert_eq!(fb("96"), ["transport-cc", "ccm fir", "nack"]);
    assert_eq!(
        fb("102"),
        ["goog-remb", "transport-cc", "ccm fir", "nack", "nack pli"]
    );
    assert!(fb("111").is_empty());
}

#[test]
fn rtcp_rsize_and_bundle_follow_the_answer() {
    let name = "answer-without-rtcp-rsize-and-bundle";
    let snap = audio_video_data();
    let (ours, _) = run(name, &snap, &[(snap.clone(), OfferOptions::default())]);
    let expected = chromium(name, 1, |sdp, answer| {
        rtcp_rsize_as_answered(sdp, answer, &["0", "1"]);
        bundle_as_answered(sdp, answer);
    });
    assert_like_chromium(name, &expected, &ours);
}

#[test]
fn recvonly_video_answered_sendonly_lists_the_answers_formats_first() {
    let name = "recvonly-video-answered-sendonly";
    let snap = Snapshot {
        transceivers: vec![transceiver(1, MediaKind::Video, Direction::RecvOnly)],
        data_channel: false,
    };
    let (ours, sections) = run(name, &snap, &[(snap.clone(), OfferOptions::default())]);
    assert_eq!(
        sections,
        [negotiated(Some(1), "0", Direction::RecvOnly, false)]
    );
    let expected = chromium(name, 1, |sdp, answer| {
        feedback_as_answered(sdp, answer);
        formats_in_answer_order(sdp, answer, "0");
    });
    assert_like_chromium(name, &expected, &ours);
}

#[test]
fn every_fixture_is_used() {
    let mut found: Vec<String> = std::fs::read_dir(FIXTURES)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".sdp"))
        .collect();
    found.sort();
    let scenarios = [
        ("answer-drops-extensions", 1),
        ("answer-drops-feedback-and-reorders", 1),
        ("answer-rejects-video", 2),
        ("answer-without-rtcp-rsize-and-bundle", 1),
        ("audio-video-data", 1),
        ("ice-restart-after-answer", 1),
        ("recvonly-video-answered-sendonly", 1),
        ("simulcast-declined", 1),
        ("stop-after-answer", 1),
    ];
    let mut expected = Vec::new();
    for (name, reoffers) in scenarios {
        expected.push(format!("{name}.answer.sdp"));
        expected.push(format!("{name}.offer.sdp"));
        if reoffers == 2 {
            expected.push(format!("{name}.reoffer-2.sdp"));
        }
        expected.push(format!("{name}.reoffer.sdp"));
    }
    expected.sort();
    assert_eq!(found, expected);
}

#[test]
fn an_answer_declining_simulcast_pauses_the_later_layers_and_keeps_the_rid_extensions() {
    let name = "simulcast-declined";
    let mut video = transceiver(1, MediaKind::Video, Direction::SendOnly);
    video.send_rids = vec!["q".into(), "h".into(), "f".into()];
    let snap = Snapshot {
        transceivers: vec![video],
        data_channel: false,
    };
    let (ours, _) = run(name, &snap, &[(snap.clone(), OfferOptions::default())]);
    let offer = fixture(name, "offer");
    let expected = chromium(name, 1, |sdp, _| {
        rid_extensions_while_simulcast(sdp, &offer)
    });
    assert_like_chromium(name, &expected, &ours);
    assert!(ours[0].contains("a=simulcast:send q;h;f\r\n"));
    assert!(ours[1].contains("a=simulcast:send q;~h;~f\r\n"));
    assert!(ours[1].contains("a=extmap:10 urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id\r\n"));
}
