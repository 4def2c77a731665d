//! JsepSession behaviour across offers: versions, mids, ICE credentials, SSRCs, track
//! ids, setLocalDescription, stopped transceivers.

use rtc_offer_polyfill::cert::Fingerprint;
use rtc_offer_polyfill::jsep::{Direction, JsepSession, MediaKind, OfferOptions, Snapshot};
use rtc_offer_polyfill::random::Random;
use rtc_offer_polyfill::ErrorKind;

mod common;

use common::{audio_video_data, mids, offer, transceiver};

fn fingerprint(byte: u8) -> Fingerprint {
    Fingerprint {
        algorithm: "sha-256".into(),
        digest: vec![byte; 32],
    }
}

fn session(seed: u64) -> JsepSession {
    JsepSession::new(vec![fingerprint(0xAB)], Random::seeded(seed)).unwrap()
}

/// Values of every line starting with `prefix`, in order.
fn values<'a>(sdp: &'a str, prefix: &str) -> Vec<&'a str> {
    sdp.split("\r\n")
        .filter_map(|l| l.strip_prefix(prefix))
        .collect()
}

/// `(session id, version)` from the o= line.
fn origin(sdp: &str) -> (u64, u64) {
    let o = values(sdp, "o=- ")[0];
    let mut fields = o.split(' ').map(|f| f.parse::<u64>());
    (
        fields.next().unwrap().unwrap(),
        fields.next().unwrap().unwrap(),
    )
}

/// The m-sections, each as its lines.
fn sections(sdp: &str) -> Vec<Vec<&str>> {
    let mut out: Vec<Vec<&str>> = Vec::new();
    for line in sdp.strip_suffix("\r\n").unwrap_or(sdp).split("\r\n") {
        if line.starts_with("m=") {
            out.push(Vec::new());
        }
        if let Some(section) = out.last_mut() {
            section.push(line);
        }
    }
    out
}

#[test]
fn version_increments_by_one_per_offer_with_the_same_session_id() {
    let mut s = session(1);
    let snap = audio_video_data();
    let offers: Vec<String> = (0..4).map(|_| offer(&mut s, &snap)).collect();
    let origins: Vec<(u64, u64)> = offers.iter().map(|o| origin(o)).collect();
    assert_eq!(origins[0].1, 2, "Chromium starts at version 2");
    for pair in origins.windows(2) {
        assert_eq!(pair[0].0, pair[1].0, "session id changed");
        assert_eq!(pair[0].1 + 1, pair[1].1, "version must grow by one");
    }
    // Applying an offer (an older one too, as Chromium 156 does) does not reset the counter.
    s.set_local_description(&offers[2]).unwrap();
    let last = s.last_created_offer().unwrap().to_string();
    s.set_local_description(&last).unwrap();
    assert_eq!(origin(&offer(&mut s, &snap)).1, 6);
}

#[test]
fn session_id_is_below_2_pow_61_and_random() {
    let ids: Vec<u64> = (0..200)
        .map(|_| {
            let mut s = JsepSession::new(vec![fingerprint(1)], Random::os()).unwrap();
            origin(&offer(&mut s, &Snapshot::default())).0
        })
        .collect();
    assert!(ids.iter().all(|&id| id < 1 << 61));
    let mut unique = ids.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), ids.len());
}

#[test]
fn every_line_ends_with_crlf() {
    let mut s = session(2);
    for snap in [Snapshot::default(), audio_video_data()] {
        let sdp = offer(&mut s, &snap);
        assert!(sdp.ends_with("\r\n"));
        let body = &sdp[..sdp.len() - 2];
        for line in body.split("\r\n") {
            assert!(!line.is_empty(), "empty line in {sdp:?}");
            assert!(!line.contains(['\r', '\n']), "bare CR/LF in {line:?}");
        }
        assert_eq!(sdp.matches('\n').count(), sdp.matches("\r\n").count());
    }
}

#[test]
fn mids_are_stable_across_offers() {
    let mut s = session(3);
    let snap = audio_video_data();
    let first = offer(&mut s, &snap);
    assert_eq!(values(&first, "a=mid:"), ["0", "1", "2"]);
    assert_eq!(values(&first, "a=group:BUNDLE "), ["0 1 2"]);
    for _ in 0..3 {
        assert_eq!(values(&offer(&mut s, &snap), "a=mid:"), ["0", "1", "2"]);
    }
}

#[test]
fn ice_credentials_are_stable_until_ice_restart_then_both_change() {
    let mut s = session(4);
    let snap = audio_video_data();
    let a = offer(&mut s, &snap);
    let b = offer(&mut s, &snap);
    let (ufrag, pwd) = (values(&a, "a=ice-ufrag:"), values(&a, "a=ice-pwd:"));
    assert_eq!(ufrag.len(), 3, "one ufrag per m-section");
    assert!(ufrag.iter().all(|u| *u == ufrag[0]) && pwd.iter().all(|p| *p == pwd[0]));
    assert_eq!(values(&b, "a=ice-ufrag:"), ufrag);
    assert_eq!(values(&b, "a=ice-pwd:"), pwd);

    let restart = OfferOptions {
        ice_restart: true,
        ..OfferOptions::default()
    };
    let c = s.create_offer(&snap, &restart).unwrap();
    let (ufrag2, pwd2) = (values(&c, "a=ice-ufrag:"), values(&c, "a=ice-pwd:"));
    assert_ne!(ufrag2[0], ufrag[0]);
    assert_ne!(pwd2[0], pwd[0]);
    assert!(ufrag2.iter().all(|u| *u == ufrag2[0]) && pwd2.iter().all(|p| *p == pwd2[0]));

    // Once the restarting offer is applied, later offers keep its credentials.
    s.set_local_description(&c).unwrap();
    let d = offer(&mut s, &snap);
    assert_eq!(values(&d, "a=ice-ufrag:"), ufrag2);
    assert_eq!(values(&d, "a=ice-pwd:"), pwd2);
}

#[test]
fn set_last_created_offer_is_set_local_description_of_it_unchanged() {
    let snap = audio_video_data();
    let (mut given, mut unchanged) = (session(21), session(21));
    let error = unchanged.set_last_created_offer().unwrap_err();
    assert_eq!(error.kind, ErrorKind::InvalidModification);
    let created = offer(&mut given, &snap);
    assert_eq!(offer(&mut unchanged, &snap), created);
    let applied = unchanged.set_last_created_offer().unwrap();
    assert_eq!(given.set_local_description(&created).unwrap(), applied);
    assert_eq!(applied.sdp, created);
    assert_eq!(offer(&mut unchanged, &snap), offer(&mut given, &snap));
}

#[test]
fn set_local_description_takes_the_last_offer_munged_as_chromium_does() {
    let mut s = session(5);
    let snap = audio_video_data();
    let err = s.set_local_description("v=0\r\n").unwrap_err();
    assert_eq!(err.kind, ErrorKind::InvalidModification);

    let older = offer(&mut s, &snap);
    let last = offer(&mut s, &snap);
    // Chromium 156 applies an older offer (only its o= version differs) and reports it as given.
    assert_eq!(s.set_local_description(&older).unwrap().sdp, older);

    let modified = last.replace("a=sendrecv", "a=sendonly");
    assert_eq!(s.set_local_description(&modified).unwrap().sdp, modified);
    // Its parser wants every line ended, the last one too.
    let err = s
        .set_local_description(&last[..last.len() - 2])
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::SdpSyntax);
    let err = s
        .set_local_description(&last.replace("m=video", "m=audio"))
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::Operation);

    assert_eq!(s.set_local_description(&last).unwrap().sdp, last);
}

#[test]
fn set_local_description_returns_each_transceivers_mid() {
    let mut s = session(6);
    let mut snap = audio_video_data();
    snap.transceivers[0].id = 40.into();
    snap.transceivers[1].id = 7.into();
    let sdp = offer(&mut s, &snap);
    let applied = s.set_local_description(&sdp).unwrap();
    assert_eq!(mids(&applied), [(40, "0"), (7, "1")]);
}

#[test]
fn transceivers_added_after_sld_get_the_next_mid_after_the_data_section() {
    let mut s = session(7);
    let mut snap = audio_video_data();
    let first = offer(&mut s, &snap);
    s.set_local_description(&first).unwrap();
    snap.transceivers
        .push(transceiver(3, MediaKind::Audio, Direction::RecvOnly));
    let second = offer(&mut s, &snap);
    // The applied m-lines keep their order, so the new one follows the data section.
    assert_eq!(values(&second, "a=mid:"), ["0", "1", "2", "3"]);
    assert_eq!(values(&second, "a=group:BUNDLE "), ["0 1 2 3"]);
    let kinds: Vec<&str> = sections(&second)
        .iter()
        .map(|sec| sec[0].split(' ').next().unwrap())
        .collect();
    assert_eq!(kinds, ["m=audio", "m=video", "m=application", "m=audio"]);
    let applied = s.set_local_description(&second).unwrap();
    assert_eq!(mids(&applied), [(1, "0"), (2, "1"), (3, "3")]);
}

#[test]
fn mids_are_never_reused() {
    let mut s = session(8);
    let mut snap = Snapshot {
        transceivers: vec![transceiver(1, MediaKind::Audio, Direction::SendRecv)],
        data_channel: false,
    };
    offer(&mut s, &snap);
    // Transceiver 1 is stopped before any offer was applied: no m-section, mid retired.
    snap.transceivers[0].stopped = true;
    snap.transceivers
        .push(transceiver(2, MediaKind::Video, Direction::SendRecv));
    let sdp = offer(&mut s, &snap);
    assert_eq!(values(&sdp, "a=mid:"), ["1"]);
    assert_eq!(sections(&sdp).len(), 1);
}

#[test]
fn stopped_transceiver_after_sld_keeps_a_rejected_inactive_section() {
    let mut s = session(9);
    let mut snap = audio_video_data();
    snap.transceivers[0].stream_ids = vec!["stream".into()];
    let first = offer(&mut s, &snap);
    s.set_local_description(&first).unwrap();
    snap.transceivers[0].stopped = true;
    let second = offer(&mut s, &snap);
    let secs = sections(&second);
    let audio = &secs[0];
    assert!(
        audio[0].starts_with("m=audio 0 UDP/TLS/RTP/SAVPF "),
        "{}",
        audio[0]
    );
    assert!(audio.contains(&"a=mid:0"));
    assert!(audio.contains(&"a=inactive"));
    assert!(!audio
        .iter()
        .any(|l| l.starts_with("a=msid:") || l.starts_with("a=ssrc")));
    assert_eq!(values(&second, "a=group:BUNDLE "), ["1 2"]);
    assert_eq!(values(&second, "a=msid-semantic: "), ["WMS"]);
    assert!(secs[1][0].starts_with("m=video 9 "));
    // Still reported by SLD: the transceiver keeps its m-section (and mid).
    let applied = s.set_local_description(&second).unwrap();
    assert_eq!(mids(&applied), [(1, "0"), (2, "1")]);
}

#[test]
fn vanished_transceivers_section_is_recycled_with_a_new_mid() {
    let mut s = session(10);
    let mut snap = Snapshot {
        transceivers: vec![transceiver(1, MediaKind::Audio, Direction::SendRecv)],
        data_channel: false,
    };
    let first = offer(&mut s, &snap);
    s.set_local_description(&first).unwrap();
    snap.transceivers = vec![transceiver(2, MediaKind::Video, Direction::RecvOnly)];
    let second = offer(&mut s, &snap);
    assert_eq!(values(&second, "a=mid:"), ["1"]);
    assert!(sections(&second)[0][0].starts_with("m=video 9 "));
}

#[test]
fn ssrcs_track_ids_and_cname_are_stable_across_offers() {
    let mut s = session(11);
    let snap = audio_video_data();
    let a = offer(&mut s, &snap);
    s.set_local_description(&a).unwrap();
    let b = offer(&mut s, &snap);
    assert_eq!(values(&a, "a=ssrc:"), values(&b, "a=ssrc:"));
    assert_eq!(values(&a, "a=msid:"), values(&b, "a=msid:"));
    let ssrc_lines = values(&a, "a=ssrc:");
    assert_eq!(ssrc_lines.len(), 6, "audio: 1 ssrc, video: primary + rtx");
    let cnames: Vec<&str> = ssrc_lines
        .iter()
        .filter_map(|l| l.split_once(" cname:").map(|(_, c)| c))
        .collect();
    assert_eq!(cnames.len(), 3);
    assert!(cnames.iter().all(|c| *c == cnames[0] && c.len() == 16));
    let msids = values(&a, "a=msid:- ");
    assert_eq!(msids.len(), 2);
    assert_ne!(msids[0], msids[1], "each transceiver has its own track id");
    // Another session picks other random values.
    let other = offer(&mut session(12), &snap);
    assert_ne!(values(&other, "a=msid:"), values(&a, "a=msid:"));
}

#[test]
fn msid_lines_per_stream_and_sorted_msid_semantic() {
    let mut s = session(13);
    let mut snap = audio_video_data();
    snap.transceivers[0].stream_ids = vec!["zeta".into(), "alpha".into()];
    snap.transceivers[0].track_id = Some("track-a".into());
    snap.transceivers[1].stream_ids = vec!["alpha".into()];
    let sdp = offer(&mut s, &snap);
    assert_eq!(values(&sdp, "a=msid-semantic: "), ["WMS alpha zeta"]);
    let audio = &sections(&sdp)[0];
    let msid: Vec<&&str> = audio.iter().filter(|l| l.starts_with("a=msid:")).collect();
    assert_eq!(msid, [&"a=msid:zeta track-a", &"a=msid:alpha track-a"]);
    // The ssrc-level msid names the first stream only, as libwebrtc does.
    assert!(audio.iter().any(|l| l.ends_with(" msid:zeta track-a")));
    assert!(!audio.iter().any(|l| l.ends_with(" msid:alpha track-a")));
}

#[test]
fn receiving_and_inactive_sections_carry_no_msid_or_ssrc() {
    let mut s = session(14);
    let snap = Snapshot {
        transceivers: vec![
            transceiver(1, MediaKind::Audio, Direction::RecvOnly),
            transceiver(2, MediaKind::Video, Direction::Inactive),
        ],
        data_channel: false,
    };
    let sdp = offer(&mut s, &snap);
    assert!(values(&sdp, "a=msid:").is_empty());
    assert!(values(&sdp, "a=ssrc").is_empty());
    // Inactive video lists the send codecs (as sendrecv does), not the receive ones.
    let video = &sections(&sdp)[1];
    assert!(video[0].ends_with(" 118 119 120"), "{}", video[0]);
    assert!(video.contains(&"a=inactive"));
}

#[test]
fn every_fingerprint_is_offered_in_every_section() {
    let fingerprints = vec![fingerprint(0x01), fingerprint(0xFE)];
    let mut s = JsepSession::new(fingerprints, Random::seeded(15)).unwrap();
    let sdp = offer(&mut s, &audio_video_data());
    let lines = values(&sdp, "a=fingerprint:");
    assert_eq!(lines.len(), 6);
    assert_eq!(lines[0], format!("sha-256 {}", ["01"; 32].join(":")));
    assert_eq!(lines[1], format!("sha-256 {}", ["FE"; 32].join(":")));
}

#[test]
fn invalid_snapshots_are_type_errors() {
    let mut s = session(16);
    let mut snap = audio_video_data();
    snap.transceivers[1].id = 1.into();
    let err = s.create_offer(&snap, &OfferOptions::default()).unwrap_err();
    assert_eq!(err.kind, ErrorKind::Type);

    let mut snap = audio_video_data();
    snap.transceivers[0].track_id = Some("has space".into());
    let err = s.create_offer(&snap, &OfferOptions::default()).unwrap_err();
    assert_eq!(err.kind, ErrorKind::Type);

    let mut snap = audio_video_data();
    snap.transceivers[0].stream_ids = vec!["s".into(), "s".into()];
    let err = s.create_offer(&snap, &OfferOptions::default()).unwrap_err();
    assert_eq!(err.kind, ErrorKind::Type);

    let mut snap = audio_video_data();
    offer(&mut s, &snap);
    snap.transceivers[0].kind = MediaKind::Video;
    let err = s.create_offer(&snap, &OfferOptions::default()).unwrap_err();
    assert_eq!(err.kind, ErrorKind::Type);
}

#[test]
fn rids_are_signalled_for_video_simulcast_only() {
    let mut s = session(17);
    let mut audio = transceiver(1, MediaKind::Audio, Direction::SendRecv);
    audio.send_rids = vec!["a".into(), "b".into()];
    let mut single = transceiver(2, MediaKind::Video, Direction::SendRecv);
    single.send_rids = vec!["only".into()];
    let mut simulcast = transceiver(3, MediaKind::Video, Direction::SendOnly);
    simulcast.send_rids = vec!["lo".into(), "hi".into()];
    let snap = Snapshot {
        transceivers: vec![audio, single, simulcast],
        data_channel: false,
    };
    let sdp = offer(&mut s, &snap);
    let secs = sections(&sdp);
    for sec in &secs[..2] {
        assert!(!sec
            .iter()
            .any(|l| l.starts_with("a=rid:") || l.starts_with("a=simulcast")));
        assert!(sec.iter().any(|l| l.starts_with("a=ssrc:")));
    }
    let sim = &secs[2];
    assert!(sim.iter().any(|l| l.starts_with("a=msid:- ")));
    assert!(!sim.iter().any(|l| l.starts_with("a=ssrc")));
    let tail: Vec<&&str> = sim.iter().rev().take(3).rev().collect();
    assert_eq!(
        tail,
        [
            &"a=rid:lo send",
            &"a=rid:hi send",
            &"a=simulcast:send lo;hi"
        ]
    );
    // Only the simulcast section offers the dependency descriptor / layers allocation.
    let dd = "dependency-descriptor-rtp-header-extension";
    assert!(sim.iter().any(|l| l.ends_with(dd)));
    assert!(!secs[1].iter().any(|l| l.ends_with(dd)));
    // One URI keeps one id across the offer.
    let mut seen = std::collections::HashMap::new();
    for (id, uri) in values(&sdp, "a=extmap:")
        .iter()
        .map(|v| v.split_once(' ').unwrap())
    {
        assert_eq!(*seen.entry(uri).or_insert(id), id, "{uri}");
    }
    let mut ids: Vec<&str> = seen.values().copied().collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), seen.len(), "two URIs share an id");
}

/// Chromium's answer to [`audio_video_data`]'s offer, cut to its audio section (an
/// answer to an audio-only offer).
fn audio_only_answer() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/reoffer/audio-video-data.answer.sdp"
    );
    let full = std::fs::read_to_string(path).unwrap();
    let video = full.find("m=video").unwrap();
    full[..video].replace("a=group:BUNDLE 0 1 2", "a=group:BUNDLE 0")
}

fn audio_only() -> Snapshot {
    Snapshot {
        transceivers: vec![transceiver(1, MediaKind::Audio, Direction::SendRecv)],
        data_channel: false,
    }
}

#[test]
fn rollback_needs_an_applied_unanswered_offer() {
    let mut s = session(20);
    assert_eq!(s.rollback().unwrap_err().kind, ErrorKind::InvalidState);
    let sdp = offer(&mut s, &audio_only());
    assert_eq!(s.rollback().unwrap_err().kind, ErrorKind::InvalidState);
    s.set_local_description(&sdp).unwrap();
    s.rollback().unwrap();
    assert_eq!(s.rollback().unwrap_err().kind, ErrorKind::InvalidState);
    // Nothing is pending any more: no answer can apply.
    let err = s.set_remote_description(&audio_only_answer()).unwrap_err();
    assert_eq!(err.kind, ErrorKind::InvalidState);
}

#[test]
fn rolled_back_mids_are_not_used_again() {
    // Chromium 156: addTransceiver('audio'), offer (mid 0), SLD, rollback: the next
    // offer gives the transceiver mid 1.
    let mut s = session(21);
    let mut snap = audio_only();
    let first = offer(&mut s, &snap);
    assert_eq!(values(&first, "a=mid:"), ["0"]);
    s.set_local_description(&first).unwrap();
    s.rollback().unwrap();
    let second = offer(&mut s, &snap);
    assert_eq!(values(&second, "a=mid:"), ["1"]);
    assert_eq!(values(&second, "a=group:BUNDLE "), ["1"]);
    snap.transceivers
        .push(transceiver(2, MediaKind::Video, Direction::SendRecv));
    snap.data_channel = true;
    let third = offer(&mut s, &snap);
    assert_eq!(values(&third, "a=mid:"), ["1", "2", "3"]);
    let applied = s.set_local_description(&third).unwrap();
    assert_eq!(mids(&applied), [(1, "1"), (2, "2")]);
}

#[test]
fn rollback_after_an_answer_returns_to_the_answered_offer() {
    // Chromium 156: audio negotiated (mid 0); video added, offered (mid 1), applied and
    // rolled back; audio added: the next offer is audio 0, video 2, audio 3.
    let mut s = session(22);
    let mut snap = audio_only();
    let first = offer(&mut s, &snap);
    s.set_local_description(&first).unwrap();
    s.set_remote_description(&audio_only_answer()).unwrap();
    snap.transceivers
        .push(transceiver(2, MediaKind::Video, Direction::SendRecv));
    let second = offer(&mut s, &snap);
    assert_eq!(values(&second, "a=mid:"), ["0", "1"]);
    s.set_local_description(&second).unwrap();
    s.rollback().unwrap();
    snap.transceivers
        .push(transceiver(3, MediaKind::Audio, Direction::SendRecv));
    let third = offer(&mut s, &snap);
    assert_eq!(values(&third, "a=mid:"), ["0", "2", "3"]);
    assert_eq!(values(&third, "a=group:BUNDLE "), ["0 2 3"]);
    // The answered section still follows the answer (no a=rtcp after rtcp-mux); new ones
    // are written as in an initial offer.
    let secs = sections(&third);
    assert!(!secs[0].iter().any(|l| l.starts_with("a=rtcp:")));
    assert!(secs[1].contains(&"a=rtcp:9 IN IP4 0.0.0.0"));
}

#[test]
fn reapplying_a_rolled_back_offer_gives_its_mids_back() {
    let mut s = session(23);
    let snap = audio_only();
    let sdp = offer(&mut s, &snap);
    s.set_local_description(&sdp).unwrap();
    s.rollback().unwrap();
    // The last created offer is still that one (W3C [[LastCreatedOffer]]).
    let applied = s.set_local_description(&sdp).unwrap();
    assert_eq!(mids(&applied), [(1, "0")]);
    assert_eq!(values(&offer(&mut s, &snap), "a=mid:"), ["0"]);
}

#[test]
fn rolling_back_an_ice_restart_keeps_the_current_credentials() {
    let mut s = session(24);
    let snap = audio_only();
    let first = offer(&mut s, &snap);
    s.set_local_description(&first).unwrap();
    s.set_remote_description(&audio_only_answer()).unwrap();
    let restart = OfferOptions {
        ice_restart: true,
        ..OfferOptions::default()
    };
    let restarting = s.create_offer(&snap, &restart).unwrap();
    assert_ne!(
        values(&restarting, "a=ice-ufrag:"),
        values(&first, "a=ice-ufrag:")
    );
    s.set_local_description(&restarting).unwrap();
    s.rollback().unwrap();
    let after = offer(&mut s, &snap);
    assert_eq!(
        values(&after, "a=ice-ufrag:"),
        values(&first, "a=ice-ufrag:")
    );
    assert_eq!(values(&after, "a=ice-pwd:"), values(&first, "a=ice-pwd:"));
}

#[test]
fn versions_keep_counting_across_answers_and_rollbacks() {
    let mut s = session(25);
    let snap = audio_only();
    let first = offer(&mut s, &snap);
    s.set_local_description(&first).unwrap();
    s.set_remote_description(&audio_only_answer()).unwrap();
    let second = offer(&mut s, &snap);
    s.set_local_description(&second).unwrap();
    s.rollback().unwrap();
    let third = offer(&mut s, &snap);
    assert_eq!(
        [&first, &second, &third].map(|o| origin(o).1),
        [2, 3, 4],
        "one more per createOffer"
    );
    assert!([&second, &third]
        .iter()
        .all(|o| origin(o).0 == origin(&first).0));
}

#[test]
fn a_rejected_data_section_stays_until_channels_come_back_and_is_never_recycled() {
    // Chromium 156 with an answer rejecting the data section: the next offer keeps
    // `m=application 0` out of the group; a new transceiver gets a new m-line rather than
    // that one; a new data channel brings the section back with its mid.
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/reoffer/audio-video-data.answer.sdp"
    );
    let answer = std::fs::read_to_string(path)
        .unwrap()
        .replace("m=application 9 ", "m=application 0 ")
        .replace("a=group:BUNDLE 0 1 2", "a=group:BUNDLE 0 1");
    let mut s = session(26);
    let mut snap = audio_video_data();
    let first = offer(&mut s, &snap);
    s.set_local_description(&first).unwrap();
    let negotiated = s.set_remote_description(&answer).unwrap();
    assert!(negotiated.sections[2].rejected && negotiated.sections[2].id.is_none());
    // The rejection closed the channels.
    snap.data_channel = false;
    let second = offer(&mut s, &snap);
    assert_eq!(values(&second, "a=group:BUNDLE "), ["0 1"]);
    assert!(second.contains("m=application 0 UDP/DTLS/SCTP webrtc-datachannel\r\n"));
    snap.transceivers
        .push(transceiver(3, MediaKind::Video, Direction::SendRecv));
    let third = offer(&mut s, &snap);
    assert_eq!(values(&third, "a=mid:"), ["0", "1", "2", "3"]);
    assert_eq!(values(&third, "a=group:BUNDLE "), ["0 1 3"]);
    snap.data_channel = true;
    let fourth = offer(&mut s, &snap);
    assert!(fourth.contains("m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\n"));
    assert_eq!(values(&fourth, "a=mid:"), ["0", "1", "2", "3"]);
    assert_eq!(values(&fourth, "a=group:BUNDLE "), ["0 1 2 3"]);
}

#[test]
fn fingerprints_that_would_not_parse_are_type_errors() {
    // Found by the fuzzer: an empty algorithm and digest wrote "a=fingerprint: ".
    let bad = [
        ("", vec![1u8; 32]),
        ("sha-256", vec![]),
        ("sha 256", vec![1; 32]),
    ];
    for (algorithm, digest) in bad {
        let fp = Fingerprint {
            algorithm: algorithm.into(),
            digest,
        };
        let err = JsepSession::new(vec![fp], Random::seeded(27)).unwrap_err();
        assert_eq!(err.kind, ErrorKind::Type, "{algorithm:?}");
    }
    // Other hash functions are fine (RFC 8122 names them by token).
    let sha1 = Fingerprint {
        algorithm: "SHA-1".into(),
        digest: vec![7; 20],
    };
    let mut s = JsepSession::new(vec![sha1], Random::seeded(27)).unwrap();
    let sdp = offer(&mut s, &audio_only());
    assert_eq!(
        values(&sdp, "a=fingerprint:"),
        [format!("sha-1 {}", ["07"; 20].join(":"))]
    );
}

#[test]
fn later_offers_keep_munged_formats_and_credentials_until_an_answer() {
    let mut s = session(7);
    let snap = audio_video_data();
    let created = offer(&mut s, &snap);
    let munged = created
        .replace("SAVPF 111 63 ", "SAVPF 63 111 ")
        .replace(
            "minptime=10;useinbandfec=1",
            "minptime=10;stereo=1;useinbandfec=1",
        )
        .replace(values(&created, "a=ice-ufrag:")[0], "abcd");
    s.set_local_description(&munged).unwrap();
    let next = offer(&mut s, &snap);
    // As Chromium 156's next offer (tests/browser/munge.test.js): the munged order, fmtp and
    // credentials.
    assert!(next.contains("m=audio 9 UDP/TLS/RTP/SAVPF 63 111 9 0 8 13 110 126\r\n"));
    assert!(next.contains("a=fmtp:111 minptime=10;stereo=1;useinbandfec=1\r\n"));
    assert_eq!(values(&next, "a=ice-ufrag:"), ["abcd"; 3]);
}

#[test]
fn inactive_simulcast_layers_are_offered_paused_as_chromium_offers_them() {
    let mut s = session(18);
    let mut video = transceiver(1, MediaKind::Video, Direction::SendOnly);
    video.send_rids = vec!["q".into(), "h".into(), "f".into()];
    // Chromium 156: sendEncodings [{rid:'q', active:false}, …] offers `~q;h;f`.
    video.paused_rids = vec!["q".into()];
    let mut snap = Snapshot {
        transceivers: vec![video],
        data_channel: false,
    };
    assert_eq!(
        values(&offer(&mut s, &snap), "a=simulcast:"),
        ["send ~q;h;f"]
    );
    // setParameters() deactivating h instead: `q;~h;f`; it needs no renegotiation.
    snap.transceivers[0].paused_rids = vec!["h".into()];
    assert_eq!(
        values(&offer(&mut s, &snap), "a=simulcast:"),
        ["send q;~h;f"]
    );
}

/// `sdp` with its o= line's version taken out.
fn without_version(sdp: &str) -> String {
    let (id, version) = origin(sdp);
    sdp.replacen(&format!("o=- {id} {version} "), &format!("o=- {id} _ "), 1)
}

#[test]
fn an_offer_made_again_from_the_same_inputs_is_what_writing_it_afresh_gives() {
    // `again` offers twice from the same snapshot and options (the second repeats the first);
    // `afresh` offers from other options in between, which changes nothing in the session
    // (voiceActivityDetection only leaves CN out), so that its last offer is written anew.
    let snap = audio_video_data();
    let quiet = OfferOptions {
        voice_activity_detection: false,
        ..OfferOptions::default()
    };
    let mut again = session(31);
    let mut afresh = session(31);
    // Before any description, with the offer applied, then with it answered.
    let advance = |s: &mut JsepSession, stage: usize, offer: &str| match stage {
        0 => drop(s.set_local_description(offer).unwrap()),
        1 => drop(
            s.set_remote_description(&audio_video_data_answer())
                .unwrap(),
        ),
        _ => {}
    };
    for stage in 0..3 {
        let first = offer(&mut again, &snap);
        let repeated = offer(&mut again, &snap);
        assert!(again.repeat_last_offer(&snap, &quiet).is_none());
        let same = offer(&mut afresh, &snap);
        assert_eq!(without_version(&same), without_version(&first));
        assert!(
            afresh.create_offer(&snap, &quiet).unwrap().contains(" CN/") != first.contains(" CN/")
        );
        let written = offer(&mut afresh, &snap);
        assert_eq!(without_version(&repeated), without_version(&written));
        assert_eq!(without_version(&repeated), without_version(&first));
        assert_eq!(origin(&repeated).1, origin(&first).1 + 1);
        assert_eq!(again.last_created_offer(), Some(repeated.as_str()));
        advance(&mut again, stage, &repeated);
        advance(&mut afresh, stage, &written);
    }
    // What changed since is in the next offer: a direction, then options.
    let mut recvonly = snap.clone();
    recvonly.transceivers[0].direction = Direction::RecvOnly;
    assert_eq!(values(&offer(&mut again, &recvonly), "a=recvonly").len(), 1);
    assert_eq!(values(&offer(&mut again, &snap), "a=recvonly").len(), 0);
    let cn = |sdp: &str| sdp.contains(" CN/");
    assert!(cn(&offer(&mut again, &snap)) && !cn(&again.create_offer(&snap, &quiet).unwrap()));
}

#[test]
fn offers_restarting_ice_draw_new_credentials_each_time() {
    let mut s = session(32);
    let snap = audio_video_data();
    let restart = OfferOptions {
        ice_restart: true,
        ..OfferOptions::default()
    };
    let a = s.create_offer(&snap, &restart).unwrap();
    let b = s.create_offer(&snap, &restart).unwrap();
    assert_ne!(values(&a, "a=ice-ufrag:"), values(&b, "a=ice-ufrag:"));
    // restartIce() with an offer applied: every offer restarts ICE until one is answered.
    s.set_local_description(&b).unwrap();
    s.restart_ice();
    let c = offer(&mut s, &snap);
    let d = offer(&mut s, &snap);
    assert_ne!(values(&c, "a=ice-ufrag:"), values(&b, "a=ice-ufrag:"));
    assert_ne!(values(&c, "a=ice-ufrag:"), values(&d, "a=ice-ufrag:"));
}

/// Chromium's answer to an audio, video and data offer.
fn audio_video_data_answer() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/reoffer/audio-video-data.answer.sdp"
    );
    std::fs::read_to_string(path).unwrap()
}
