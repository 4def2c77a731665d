//! Drives a `JsepSession` through arbitrary sequences of operations: offers from good and
//! wild snapshots, setLocalDescription with the offer or anything else, remote answers
//! (compliant ones, mutated ones, arbitrary text) and rollbacks. Checks: nothing panics;
//! every offer is well-formed SDP (even from odd but accepted snapshots) that webrtc-sdp and
//! our own parser read; a good snapshot always gets an offer, which setLocalDescription
//! accepts; a compliant answer is accepted and reported section by section; errors have the
//! kinds the W3C API names for them, with line numbers inside the input; a failed
//! operation changes nothing (the compliant answer is still accepted after a bad one).
//!
//! The answering side too: a second session (the peer) makes offers from good snapshots,
//! which are applied as remote offers as they are, mutated, or replaced by arbitrary text;
//! createAnswer, setLocalDescription of the answer (final or provisional, or a mutation) and
//! rollback. Checks: a compliant offer is accepted while both sessions have only negotiated
//! with each other; every answer is well-formed and read by our parser (and by webrtc-sdp
//! when the offer was compliant); the peer accepts our final answer to its own offer; errors
//! have W3C kinds; a failed operation changes nothing (the good offer or answer still works).
#![no_main]

use arbitrary::Arbitrary;
use fuzz_support::{
    answer_for, check_answer, check_munged_offer, check_offer, mutate, reversed, AnswerChoice,
    Mutation,
};
use libfuzzer_sys::fuzz_target;
use rtc_offer_polyfill::cert::Fingerprint;
use rtc_offer_polyfill::codecs::{capabilities, CodecPreference};
use rtc_offer_polyfill::jsep::{
    AnswerOptions, Direction, JsepSession, MediaKind, NegotiatedMLine, OfferOptions, Snapshot,
    TransceiverId, TransceiverSnapshot,
};
use rtc_offer_polyfill::random::Random;
use rtc_offer_polyfill::ErrorKind;

/// Valid msid ids, edge cases included (RFC 8866 token-char, 1 to 64 of them).
const IDS: &[&str] = &[
    "stream",
    "a",
    "{4f1c2b3a-9d8e-4c7b-a6f5-e4d3c2b1a098}",
    "!#$%&'*+-.^_`{|}~",
    "0123456789012345678901234567890123456789012345678901234567890123",
    "track-1",
    "Z",
];

#[derive(Arbitrary, Debug, Clone, Copy)]
enum ArbDirection {
    SendRecv,
    SendOnly,
    RecvOnly,
    Inactive,
}

impl From<ArbDirection> for Direction {
    fn from(d: ArbDirection) -> Direction {
        match d {
            ArbDirection::SendRecv => Direction::SendRecv,
            ArbDirection::SendOnly => Direction::SendOnly,
            ArbDirection::RecvOnly => Direction::RecvOnly,
            ArbDirection::Inactive => Direction::Inactive,
        }
    }
}

/// A transceiver the glue could describe: ids 0..12, kind fixed by the id.
#[derive(Arbitrary, Debug)]
struct GoodTransceiver {
    id: u8,
    direction: ArbDirection,
    stopped: bool,
    streams: Vec<u8>,
    track: Option<u8>,
    /// 0 or 1: no simulcast; 2 to 4: that many rids.
    encodings: u8,
    /// Indices into the kind's receive capabilities, in preference order.
    codec_preferences: Vec<u8>,
    /// Made by addTrack() (a remote offer may claim it by kind).
    added_by_track: bool,
}

/// Anything at all, with ids 100..116 (so it never clashes with a good transceiver's kind).
#[derive(Arbitrary, Debug)]
struct WildTransceiver {
    id: u8,
    video: bool,
    direction: ArbDirection,
    stopped: bool,
    stream_ids: Vec<String>,
    track_id: Option<String>,
    send_rids: Vec<String>,
    paused_rids: Vec<String>,
    codec_preferences: Vec<WildCodec>,
}

#[derive(Arbitrary, Debug)]
struct WildCodec {
    mime_type: String,
    clock_rate: u32,
    channels: Option<u16>,
    sdp_fmtp_line: Option<String>,
}

#[derive(Arbitrary, Debug, Clone, Copy)]
struct Options {
    ice_restart: bool,
    voice_activity_detection: bool,
}

impl From<Options> for OfferOptions {
    fn from(o: Options) -> OfferOptions {
        OfferOptions {
            ice_restart: o.ice_restart,
            voice_activity_detection: o.voice_activity_detection,
        }
    }
}

#[derive(Arbitrary, Debug)]
enum Op {
    /// A snapshot the glue could send: must give a well-formed offer; `apply` applies it.
    Offer {
        transceivers: Vec<GoodTransceiver>,
        data_channel: bool,
        options: Options,
        apply: bool,
    },
    /// Arbitrary snapshot values: an offer (well-formed) or a TypeError.
    WildOffer {
        transceivers: Vec<WildTransceiver>,
        data_channel: bool,
        options: Options,
    },
    /// setLocalDescription with the last created offer: must succeed.
    ApplyLast,
    /// setLocalDescription with arbitrary text.
    ApplyText(String),
    /// setLocalDescription with the last created offer, changed.
    ApplyMutated(Mutation),
    /// setRemoteDescription with an answer to the applied offer, maybe changed.
    Answer {
        choices: Vec<AnswerChoice>,
        mutation: Option<Mutation>,
    },
    /// setRemoteDescription with arbitrary text.
    RemoteText(String),
    Rollback,
    /// The peer offers (from a good snapshot of its own); we apply it as a remote offer with
    /// our transceivers from a good snapshot, first changed by `mutation` if any.
    RemoteOffer {
        ours: Vec<GoodTransceiver>,
        theirs: Vec<GoodTransceiver>,
        data_channel: bool,
        options: Options,
        mutation: Option<Mutation>,
    },
    /// setRemoteDescription of an arbitrary offer.
    RemoteOfferText(String),
    /// createAnswer for the current snapshot, maybe with one transceiver's direction changed
    /// or stopped first.
    CreateAnswer {
        voice_activity_detection: bool,
        change: Option<(u8, ArbDirection, bool)>,
    },
    /// setLocalDescription of the last created answer, maybe changed first.
    ApplyAnswer {
        provisional: bool,
        mutation: Option<Mutation>,
    },
}

#[derive(Arbitrary, Debug)]
struct Input {
    seed: u64,
    ops: Vec<Op>,
}

/// `gone`: ids whose m-section an answer rejected (the glue drops those transceivers).
fn good_snapshot(
    transceivers: &[GoodTransceiver],
    data_channel: bool,
    gone: &[TransceiverId],
    created: &[(TransceiverId, MediaKind)],
    ever_created: &[(TransceiverId, MediaKind)],
) -> Snapshot {
    let mut snapshot = Snapshot {
        transceivers: Vec::new(),
        data_channel,
    };
    for t in transceivers {
        let n = u32::from(t.id % 12);
        let id = TransceiverId::from(n);
        let made_by_offer = ever_created.iter().any(|(c, _)| *c == id);
        if made_by_offer || gone.contains(&id) || snapshot.transceivers.iter().any(|o| o.id == id) {
            continue;
        }
        let mut stream_ids: Vec<String> = Vec::new();
        for &s in &t.streams {
            let s = IDS[usize::from(s) % IDS.len()].to_owned();
            if !stream_ids.contains(&s) {
                stream_ids.push(s);
            }
        }
        let kind = if n % 2 == 0 {
            MediaKind::Audio
        } else {
            MediaKind::Video
        };
        snapshot.transceivers.push(TransceiverSnapshot {
            id,
            kind,
            direction: t.direction.into(),
            stopped: t.stopped,
            stream_ids,
            track_id: t.track.map(|i| IDS[usize::from(i) % IDS.len()].to_owned()),
            send_rids: match t.encodings % 5 {
                n @ 2.. => (0..n).map(|i| format!("r{i}")).collect(),
                _ => Vec::new(),
            },
            // With three layers or more, the second is inactive.
            paused_rids: match t.encodings % 5 {
                3.. => vec!["r1".to_owned()],
                _ => Vec::new(),
            },
            codec_preferences: preferences(kind, &t.codec_preferences),
            added_by_track: t.added_by_track,
        });
    }
    // The transceivers remote offers made, as the glue keeps them (recvonly, no track).
    for &(id, kind) in created {
        if !gone.contains(&id) {
            snapshot
                .transceivers
                .push(TransceiverSnapshot::new(id, kind, Direction::RecvOnly));
        }
    }
    snapshot
}

/// Codecs of the receive capabilities, as setCodecPreferences accepts them (no duplicates).
fn preferences(kind: MediaKind, picks: &[u8]) -> Vec<CodecPreference> {
    let available = capabilities(kind, false).codecs;
    let mut chosen: Vec<CodecPreference> = Vec::new();
    for &i in picks {
        let codec = &available[usize::from(i) % available.len()];
        if !chosen.contains(codec) {
            chosen.push(codec.clone());
        }
    }
    chosen
}

fn wild_snapshot(transceivers: Vec<WildTransceiver>, data_channel: bool) -> Snapshot {
    Snapshot {
        transceivers: transceivers
            .into_iter()
            .map(|t| TransceiverSnapshot {
                id: (100 + u32::from(t.id % 16)).into(),
                kind: if t.video {
                    MediaKind::Video
                } else {
                    MediaKind::Audio
                },
                direction: t.direction.into(),
                stopped: t.stopped,
                stream_ids: t.stream_ids,
                track_id: t.track_id,
                send_rids: t.send_rids,
                paused_rids: t.paused_rids,
                codec_preferences: t
                    .codec_preferences
                    .into_iter()
                    .map(|c| CodecPreference {
                        mime_type: c.mime_type,
                        clock_rate: c.clock_rate,
                        channels: c.channels,
                        sdp_fmtp_line: c.sdp_fmtp_line,
                    })
                    .collect(),
                added_by_track: false,
            })
            .collect(),
        data_channel,
    }
}

/// What a good snapshot's offer must show beyond well-formedness. `bundled`: every answer
/// so far bundled all it accepted, so the offer bundles every live section.
fn check_against_snapshot(sdp: &str, snapshot: &Snapshot, bundled: bool) {
    let offer = check_offer(sdp);
    if bundled {
        assert_eq!(offer.bundle, offer.live_mids(), "BUNDLE group\n{sdp}");
    }
    let sections = offer.sections;
    let live: Vec<&TransceiverSnapshot> = snapshot
        .transceivers
        .iter()
        .filter(|t| !t.stopped)
        .collect();
    let live_rtp: Vec<_> = sections
        .iter()
        .filter(|s| s.port != 0 && s.kind != "application")
        .collect();
    assert_eq!(
        live_rtp.len(),
        live.len(),
        "live m-sections vs live transceivers\n{sdp}"
    );
    let data = sections.iter().filter(|s| s.kind == "application").count();
    assert!(data <= 1, "{data} data sections");
    if snapshot.data_channel {
        assert_eq!(data, 1, "no data section\n{sdp}");
    }
    // Each sending transceiver's stream ids appear (its msid lines), in its kind's sections.
    for t in live.iter().filter(|t| t.direction.sends()) {
        let wanted: Vec<&str> = match t.stream_ids.as_slice() {
            [] => vec!["-"],
            ids => ids.iter().map(String::as_str).collect(),
        };
        assert!(
            live_rtp.iter().any(|s| s.kind == t.kind.as_str()
                && s.direction.as_deref() == Some(t.direction.as_str())
                && s.msid_stream_ids == wanted),
            "no {} section sending with msid {wanted:?}\n{sdp}\n{snapshot:?}",
            t.kind.as_str()
        );
    }
}

fn fingerprint() -> Fingerprint {
    Fingerprint {
        algorithm: "sha-256".to_owned(),
        digest: (0u8..32).collect(),
    }
}

/// The error kinds setRemoteDescription may give an answer (besides InvalidState).
fn check_remote_error(e: &rtc_offer_polyfill::Error, sdp: &str) {
    assert!(
        matches!(e.kind, ErrorKind::SdpSyntax | ErrorKind::InvalidAccess),
        "setRemoteDescription error kind: {e}"
    );
    if let Some(line) = e.line {
        let lines = sdp.split('\n').count();
        assert!(
            (1..=lines + 1).contains(&line),
            "line {line} of {lines}: {e}"
        );
    }
}

/// How `set_local_description` refuses munged SDP as Chromium does (see jsep::munge): it does
/// not parse, changes what may not change, or could not be applied.
const MUNGE_REFUSALS: [ErrorKind; 4] = [
    ErrorKind::InvalidModification,
    ErrorKind::SdpSyntax,
    ErrorKind::InvalidAccess,
    ErrorKind::Operation,
];

/// What the harness knows of the session's state.
#[derive(Default)]
struct Model {
    /// The applied local offer awaiting an answer (have-local-offer).
    pending: Option<String>,
    /// Good-transceiver ids whose section an answer rejected.
    gone: Vec<TransceiverId>,
    /// Some applied answer left an accepted section out of its BUNDLE group (or had none).
    unbundled: bool,
    /// A remote offer is applied (have-remote-offer or have-local-pranswer).
    remote: bool,
    /// The applied remote offer is the peer's pending offer as it made it.
    remote_is_peers: bool,
    /// The number of m-sections of the applied remote offer.
    offer_sections: usize,
    /// The snapshot our answers are made for (the transceivers the remote offer made added).
    answer_snapshot: Snapshot,
    /// Transceivers remote offers made (kept by the glue until stopped or rolled back).
    created: Vec<(TransceiverId, MediaKind)>,
    /// Every id a remote offer made, rolled back or not (the glue never reuses an id).
    ever_created: Vec<(TransceiverId, MediaKind)>,
    /// Every exchange so far was between the session and the peer: the peer's offers then
    /// follow ours (mids, media types) and must be accepted.
    in_sync: bool,
    /// The peer's ids whose section an answer rejected.
    peer_gone: Vec<TransceiverId>,
    /// A munged local offer was applied (Chromium-style, see jsep::munge): later offers keep
    /// what it changed (mids, codecs, credentials, BUNDLE), so only their well-formedness is
    /// checked.
    munged: bool,
    /// The last created answer was made for the applied remote offer (no rollback or other
    /// remote offer since): it must apply. A stale one applies only if it still fits.
    fresh_answer: bool,
}

impl Model {
    /// A local offer was applied; `munged`: not as created, so Chromium's serialization of it.
    fn applied_munged(&mut self, sdp: String, munged: bool) {
        if munged {
            self.munged = true;
            self.in_sync = false;
            self.unbundled = true;
        }
        self.pending = Some(sdp);
    }

    /// An answer was applied: what it rejected is gone, and it may not have bundled all.
    fn answered(&mut self, negotiated: &[NegotiatedMLine], answer: &str) {
        self.pending = None;
        self.unbundled |= !bundles_all(answer);
        for section in negotiated.iter().filter(|s| s.rejected) {
            self.gone.extend(section.id);
        }
    }
}

/// Whether an applied `answer` bundles every section it accepts (read leniently: it passed
/// our own parser). Only a session-level a=group counts.
fn bundles_all(answer: &str) -> bool {
    let mut accepted = Vec::new();
    let mut bundle = Vec::new();
    let mut port_zero = false;
    let mut in_media = false;
    for line in answer.lines() {
        if let Some(m) = line.strip_prefix("m=") {
            in_media = true;
            port_zero = m
                .split(' ')
                .nth(1)
                .is_some_and(|p| p.split('/').next() == Some("0"));
        } else if let Some(mid) = line.strip_prefix("a=mid:") {
            if !port_zero {
                accepted.push(mid);
            }
        } else if let Some(group) = line.strip_prefix("a=group:BUNDLE").filter(|_| !in_media) {
            bundle.extend(group.split(' ').filter(|m| !m.is_empty()));
        }
    }
    accepted.iter().all(|mid| bundle.contains(mid))
}

fuzz_target!(|input: Input| {
    let Ok(mut session) = JsepSession::new(vec![fingerprint()], Random::seeded(input.seed)) else {
        panic!("a session with a seeded generator cannot fail");
    };
    let Ok(mut peer) = JsepSession::new(vec![fingerprint()], Random::seeded(!input.seed)) else {
        panic!("a session with a seeded generator cannot fail");
    };
    let mut peer_pending = false;
    let mut model = Model {
        in_sync: true,
        ..Model::default()
    };
    for op in input.ops.into_iter().take(24) {
        match op {
            Op::Offer {
                transceivers,
                data_channel,
                options,
                apply,
            } => {
                let snapshot = good_snapshot(
                    &transceivers,
                    data_channel,
                    &model.gone,
                    &model.created,
                    &model.ever_created,
                );
                if model.remote {
                    let e = session
                        .create_offer(&snapshot, &options.into())
                        .expect_err("an offer in have-remote-offer");
                    assert_eq!(e.kind, ErrorKind::InvalidState, "{e}");
                    continue;
                }
                let sdp = match session.create_offer(&snapshot, &options.into()) {
                    Ok(sdp) => sdp,
                    // Chromium's offers fail after some applied munges (a RED format left
                    // naming no payload type): so do ours, for good.
                    Err(e) if model.munged && e.kind == ErrorKind::Operation => return,
                    Err(e) => panic!("good snapshot rejected: {e}\n{snapshot:?}"),
                };
                match model.munged {
                    false => check_against_snapshot(&sdp, &snapshot, !model.unbundled),
                    true => check_munged_offer(&sdp),
                }
                assert_eq!(session.last_created_offer(), Some(sdp.as_str()));
                if apply && model.remote {
                    let e = session.set_local_description(&sdp).unwrap_err();
                    assert_eq!(e.kind, ErrorKind::InvalidState, "{e}");
                } else if apply {
                    let applied = session
                        .set_local_description(&sdp)
                        .unwrap_or_else(|e| panic!("own offer rejected: {e}\n{sdp}"));
                    for t in snapshot
                        .transceivers
                        .iter()
                        .filter(|t| !t.stopped && !model.munged)
                    {
                        assert!(
                            applied.mids.iter().any(|m| m.transceiver == t.id),
                            "no mid for {}",
                            t.id.get()
                        );
                    }
                    model.pending = Some(sdp);
                }
            }
            Op::WildOffer {
                transceivers,
                data_channel,
                options,
            } => {
                let snapshot = wild_snapshot(transceivers, data_channel);
                match session.create_offer(&snapshot, &options.into()) {
                    Ok(sdp) => {
                        assert!(!model.remote, "an offer in have-remote-offer");
                        match model.munged {
                            false => drop(check_offer(&sdp)),
                            true => check_munged_offer(&sdp),
                        }
                    }
                    Err(e) if model.remote => assert!(
                        matches!(e.kind, ErrorKind::InvalidState | ErrorKind::Type),
                        "{e}"
                    ),
                    Err(e) if model.munged && e.kind == ErrorKind::Operation => return,
                    Err(e) => assert_eq!(e.kind, ErrorKind::Type, "{e}"),
                }
            }
            Op::ApplyLast => {
                if let Some(sdp) = session.last_created_offer().map(str::to_owned) {
                    if model.remote {
                        let e = session.set_local_description(&sdp).unwrap_err();
                        assert_eq!(e.kind, ErrorKind::InvalidState, "{e}");
                        continue;
                    }
                    if let Err(e) = session.set_local_description(&sdp) {
                        panic!("last created offer rejected: {e}\n{sdp}");
                    }
                    model.pending = Some(sdp);
                }
            }
            Op::ApplyText(text) => {
                let same = session.last_created_offer() == Some(text.as_str());
                match session.set_local_description(&text) {
                    Ok(applied) => {
                        model.applied_munged(applied.sdp, !same);
                    }
                    Err(e) if model.remote => assert_eq!(e.kind, ErrorKind::InvalidState, "{e}"),
                    Err(e) => {
                        assert!(!same, "the last created offer was rejected: {e}");
                        assert!(MUNGE_REFUSALS.contains(&e.kind), "{e}");
                        if e.kind == ErrorKind::Operation {
                            // Chromium fails some munged SDP only once applying it (see
                            // JsepSession::fail_rtx): the session is then broken for good.
                            return;
                        }
                    }
                }
            }
            Op::ApplyMutated(mutation) => {
                let Some(offer) = session.last_created_offer().map(str::to_owned) else {
                    continue;
                };
                let changed = mutate(&offer, &mutation);
                match session.set_local_description(&changed) {
                    Ok(applied) => model.applied_munged(applied.sdp, changed != offer),
                    Err(e) if model.remote => assert_eq!(e.kind, ErrorKind::InvalidState, "{e}"),
                    Err(e) => {
                        assert_ne!(changed, offer, "the unmodified offer was rejected: {e}");
                        assert!(MUNGE_REFUSALS.contains(&e.kind), "{e}");
                        if e.kind == ErrorKind::Operation {
                            // Chromium fails some munged SDP only once applying it (see
                            // JsepSession::fail_rtx): the session is then broken for good.
                            return;
                        }
                    }
                }
            }
            Op::Answer { choices, mutation } => {
                let Some(offer) = model.pending.clone() else {
                    let answer = answer_for(session.last_created_offer().unwrap_or(""), &choices).0;
                    match session.set_remote_description(&answer) {
                        Err(e) => assert_eq!(e.kind, ErrorKind::InvalidState, "{e}"),
                        Ok(_) => panic!("an answer was applied with no local offer"),
                    }
                    continue;
                };
                let (answer, answered) = answer_for(&offer, &choices);
                if let Some(mutation) = mutation {
                    let changed = mutate(&answer, &mutation);
                    match session.set_remote_description(&changed) {
                        Ok(applied) => {
                            model.answered(&applied.sections, &changed);
                            model.in_sync = false;
                            continue;
                        }
                        // Nothing changed: the compliant answer is still accepted below.
                        Err(e) => check_remote_error(&e, &changed),
                    }
                }
                if model.munged {
                    // An answer to what a munged offer left may not be one Chromium accepts
                    // (a section without a=mid, say).
                    match session.set_remote_description(&answer) {
                        Ok(applied) => {
                            model.answered(&applied.sections, &answer);
                            model.in_sync = false;
                        }
                        Err(e) => check_remote_error(&e, &answer),
                    }
                    continue;
                }
                let negotiated = session
                    .set_remote_description(&answer)
                    .unwrap_or_else(|e| panic!("compliant answer rejected: {e}\n{answer}"))
                    .sections;
                model.answered(&negotiated, &answer);
                model.in_sync = false;
                assert_eq!(negotiated.len(), answered.len(), "one result per m-section");
                for (ours, theirs) in negotiated.iter().zip(&answered) {
                    assert_eq!(ours.mid.as_str(), theirs.mid);
                    assert_eq!(ours.rejected, theirs.rejected, "rejected, mid {}", ours.mid);
                    if let (false, Some(direction)) = (ours.rejected, &theirs.direction) {
                        assert_eq!(
                            ours.current_direction.as_str(),
                            reversed(direction),
                            "currentDirection of mid {}",
                            ours.mid
                        );
                    }
                }
            }
            Op::RemoteText(text) => match session.set_remote_description(&text) {
                Ok(applied) => {
                    assert!(
                        model.pending.is_some(),
                        "an answer was applied with no local offer"
                    );
                    model.answered(&applied.sections, &text);
                    model.in_sync = false;
                }
                Err(e) if model.pending.is_none() => {
                    assert_eq!(e.kind, ErrorKind::InvalidState, "{e}")
                }
                Err(e) => check_remote_error(&e, &text),
            },
            Op::Rollback => {
                let had_remote = model.remote;
                match (session.rollback(), model.pending.take()) {
                    (Ok(rolled), None) if had_remote => {
                        model.remote = false;
                        model.fresh_answer = false;
                        model.created.retain(|(id, _)| !rolled.created.contains(id));
                    }
                    (Ok(_), Some(_)) => {}
                    (Err(e), None) if !had_remote => {
                        assert_eq!(e.kind, ErrorKind::InvalidState, "{e}")
                    }
                    (result, pending) => {
                        panic!(
                            "rollback: {result:?} with a pending offer: {}, a remote one: {had_remote}",
                            pending.is_some()
                        )
                    }
                }
            }
            Op::RemoteOffer {
                ours,
                theirs,
                data_channel,
                options,
                mutation,
            } => {
                // The peer offers (rolling back an offer of its own we never answered).
                if peer_pending {
                    peer.rollback()
                        .unwrap_or_else(|e| panic!("peer rollback: {e}"));
                }
                let peer_snapshot =
                    good_snapshot(&theirs, data_channel, &model.peer_gone, &[], &[]);
                let offer = peer
                    .create_offer(&peer_snapshot, &options.into())
                    .unwrap_or_else(|e| panic!("peer: good snapshot rejected: {e}"));
                peer.set_local_description(&offer)
                    .unwrap_or_else(|e| panic!("peer: own offer rejected: {e}"));
                peer_pending = true;
                let mut snapshot = good_snapshot(
                    &ours,
                    false,
                    &model.gone,
                    &model.created,
                    &model.ever_created,
                );
                if model.remote {
                    snapshot = model.answer_snapshot.clone();
                }
                // In have-local-offer the offer rolls ours back first (webrtc-pc's implicit
                // rollback), once it is known good.
                let had_local = model.pending.is_some();
                let sections = offer.matches("\r\nm=").count();
                let mut applied = None;
                if let Some(mutation) = mutation {
                    let changed = mutate(&offer, &mutation);
                    match session.set_remote_offer(&changed, &snapshot) {
                        Ok(result) => {
                            let same = changed == offer;
                            applied = Some((result, same));
                        }
                        Err(e) => check_remote_error(&e, &changed),
                    }
                }
                let (result, is_peers) = match applied {
                    Some(applied) => applied,
                    None => match session.set_remote_offer(&offer, &snapshot) {
                        Ok(result) => (result, true),
                        Err(e) => {
                            assert!(
                                !model.in_sync,
                                "compliant offer rejected: {e}\n{offer}\n{snapshot:?}"
                            );
                            check_remote_error(&e, &offer);
                            // The peer's pending offer is now this one, not one we hold.
                            model.remote_is_peers = false;
                            continue;
                        }
                    },
                };
                if is_peers {
                    assert_eq!(result.sections.len(), sections, "one result per m-section");
                }
                assert_eq!(result.rolled_back.is_some(), had_local, "implicit rollback");
                model.pending = None;
                model.offer_sections = result.sections.len();
                model.remote = true;
                model.fresh_answer = false;
                model.remote_is_peers = is_peers;
                for section in result.sections.iter().filter(|s| s.created) {
                    let (Some(id), Some(kind)) = (section.id, section.kind) else {
                        panic!("a created section without id or kind: {section:?}");
                    };
                    assert!(
                        snapshot.transceivers.iter().all(|t| t.id != id)
                            && model.created.iter().all(|(c, _)| *c != id),
                        "a created transceiver reuses id {}",
                        id.get()
                    );
                    model.created.push((id, kind));
                    model.ever_created.push((id, kind));
                    snapshot.transceivers.push(TransceiverSnapshot::new(
                        id,
                        kind,
                        Direction::RecvOnly,
                    ));
                }
                model.answer_snapshot = snapshot;
            }
            Op::RemoteOfferText(text) => {
                let snapshot = model.answer_snapshot.clone();
                match session.set_remote_offer(&text, &snapshot) {
                    Ok(result) => {
                        let had_local = model.pending.take().is_some();
                        assert_eq!(result.rolled_back.is_some(), had_local, "implicit rollback");
                        model.remote = true;
                        model.fresh_answer = false;
                        model.remote_is_peers = false;
                        model.offer_sections = result.sections.len();
                        let mut snapshot = snapshot;
                        for section in result.sections.iter().filter(|s| s.created) {
                            let (Some(id), Some(kind)) = (section.id, section.kind) else {
                                panic!("a created section without id or kind: {section:?}");
                            };
                            model.created.push((id, kind));
                            model.ever_created.push((id, kind));
                            snapshot.transceivers.push(TransceiverSnapshot::new(
                                id,
                                kind,
                                Direction::RecvOnly,
                            ));
                        }
                        model.answer_snapshot = snapshot;
                    }
                    Err(e) => check_remote_error(&e, &text),
                }
            }
            Op::CreateAnswer {
                voice_activity_detection,
                change,
            } => {
                if let Some((index, direction, stop)) = change {
                    let transceivers = &mut model.answer_snapshot.transceivers;
                    if !transceivers.is_empty() {
                        let n = transceivers.len();
                        let t = &mut transceivers[usize::from(index) % n];
                        t.direction = direction.into();
                        t.stopped |= stop;
                    }
                }
                let options = AnswerOptions {
                    voice_activity_detection,
                };
                match session.create_answer(&model.answer_snapshot, &options) {
                    Ok(answer) => {
                        model.fresh_answer = true;
                        assert!(model.remote, "an answer with no remote offer");
                        assert_eq!(session.last_created_answer(), Some(answer.as_str()));
                        check_answer(&answer, model.offer_sections, model.remote_is_peers);
                    }
                    Err(e) => {
                        assert!(!model.remote, "createAnswer failed: {e}");
                        assert_eq!(e.kind, ErrorKind::InvalidState, "{e}");
                    }
                }
            }
            Op::ApplyAnswer {
                provisional,
                mutation,
            } => {
                let snapshot = model.answer_snapshot.clone();
                let Some(answer) = session.last_created_answer().map(str::to_owned) else {
                    match session.set_local_answer("v=0\r\n", provisional, &snapshot) {
                        Ok(_) => panic!("an answer applied with none created"),
                        Err(e) => assert!(
                            matches!(
                                e.kind,
                                ErrorKind::InvalidState | ErrorKind::InvalidModification
                            ),
                            "{e}"
                        ),
                    }
                    continue;
                };
                let mut munged = None;
                if let Some(mutation) = mutation.filter(|_| model.fresh_answer) {
                    let changed = mutate(&answer, &mutation);
                    if changed != answer {
                        // Chromium applies some munged answers (see jsep::munge).
                        match session.set_local_answer(&changed, provisional, &snapshot) {
                            Ok(applied) => munged = Some(applied),
                            Err(e) if e.kind == ErrorKind::Operation => return,
                            Err(e) => assert!(MUNGE_REFUSALS.contains(&e.kind), "{e}"),
                        }
                    }
                }
                let applied = if let Some(applied) = munged {
                    model.remote_is_peers = false;
                    // Later offers keep what the answer munged (its formats, as Chromium's do).
                    model.munged = true;
                    applied
                } else if model.fresh_answer {
                    session
                        .set_local_answer(&answer, provisional, &snapshot)
                        .unwrap_or_else(|e| panic!("the last created answer was rejected: {e}"))
                } else {
                    // Made before a rollback or another remote offer: it may no longer fit,
                    // and the peer is not given it.
                    match session.set_local_answer(&answer, provisional, &snapshot) {
                        Ok(applied) => {
                            model.remote_is_peers = false;
                            applied
                        }
                        Err(e) if e.kind == ErrorKind::Operation => return,
                        Err(e) => {
                            let kinds = [
                                ErrorKind::InvalidState,
                                ErrorKind::InvalidModification,
                                ErrorKind::InvalidAccess,
                            ];
                            assert!(kinds.contains(&e.kind), "{e}");
                            continue;
                        }
                    }
                };
                if provisional {
                    assert!(session.has_remote_offer());
                    continue;
                }
                assert!(!session.has_remote_offer());
                model.remote = false;
                model.unbundled |= !bundles_all(&applied.sdp);
                for section in applied.sections.iter().filter(|s| s.rejected) {
                    model.gone.extend(section.id);
                }
                for change in &applied.mids {
                    assert!(change.mid.is_none(), "an answer gave a mid: {change:?}");
                    model.gone.push(change.transceiver);
                }
                if model.remote_is_peers && peer_pending {
                    // The peer takes our answer to its offer: the two sessions negotiated.
                    let negotiated = peer
                        .set_remote_description(&answer)
                        .unwrap_or_else(|e| panic!("the peer rejects our answer: {e}\n{answer}"));
                    peer_pending = false;
                    for section in negotiated.sections.iter().filter(|s| s.rejected) {
                        model.peer_gone.extend(section.id);
                    }
                } else {
                    model.in_sync = false;
                }
            }
        }
    }
});
