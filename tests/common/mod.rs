//! Helpers shared by the integration tests that compare our SDP with Chromium's.

// Each test crate uses its own subset.
#![allow(dead_code)]

use std::collections::HashMap;

use rtc_offer_polyfill::cert::Fingerprint;
use rtc_offer_polyfill::jsep::{
    Direction, JsepSession, LocalOfferApplied, MediaKind, Mid, OfferOptions, RemoteOfferApplied,
    Snapshot, TransceiverSnapshot,
};
use rtc_offer_polyfill::random::Random;

/// The snapshot after `applied`: `before` plus the recvonly transceivers the offer made (what the
/// glue adds for the transceivers a remote offer creates).
pub fn after_offer(before: &Snapshot, applied: &RemoteOfferApplied) -> Snapshot {
    let mut snapshot = before.clone();
    for section in applied.sections.iter().filter(|s| s.created) {
        let (Some(id), Some(kind)) = (section.id, section.kind) else {
            panic!("a created section without id or kind")
        };
        snapshot.transceivers.push(TransceiverSnapshot::new(
            id.get(),
            kind,
            Direction::RecvOnly,
        ));
    }
    snapshot
}

/// A session with a seeded RNG and a fingerprint drawn from it.
pub fn session(seed: u64) -> JsepSession {
    let mut rng = Random::seeded(seed);
    let mut digest = vec![0u8; 32];
    rng.fill(&mut digest).unwrap();
    let fingerprint = Fingerprint {
        algorithm: "sha-256".into(),
        digest,
    };
    JsepSession::new(vec![fingerprint], rng).unwrap()
}

/// A transceiver with no streams, no track and one encoding.
pub fn transceiver(id: u32, kind: MediaKind, direction: Direction) -> TransceiverSnapshot {
    TransceiverSnapshot::new(id, kind, direction)
}

/// Audio and video transceivers (ids 1 and 2, sendrecv) and a data channel.
pub fn audio_video_data() -> Snapshot {
    Snapshot {
        transceivers: vec![
            transceiver(1, MediaKind::Audio, Direction::SendRecv),
            transceiver(2, MediaKind::Video, Direction::SendRecv),
        ],
        data_channel: true,
    }
}

/// An offer for `snapshot` with the default options.
pub fn offer(s: &mut JsepSession, snapshot: &Snapshot) -> String {
    s.create_offer(snapshot, &OfferOptions::default()).unwrap()
}

/// Lines that differ between Chromium's masked SDP and ours, as a report (empty if
/// none; at most 30 lines).
pub fn differences(expected: &[String], actual: &[String]) -> String {
    let mut report = String::new();
    for i in 0..expected.len().max(actual.len()) {
        let (e, a) = (expected.get(i), actual.get(i));
        if e != a && report.lines().count() < 30 {
            report.push_str(&format!(
                "  line {}:\n    chromium: {}\n    ours:     {}\n",
                i + 1,
                e.map_or("<none>", String::as_str),
                a.map_or("<none>", String::as_str)
            ));
        }
    }
    report
}

/// mozilla's parser (lenient mode) must accept the offer and see the same m-sections.
pub fn check_with_webrtc_sdp(sdp: &str) {
    let parsed = webrtc_sdp::parse_sdp(sdp, false)
        .unwrap_or_else(|e| panic!("webrtc-sdp rejects our offer: {e}\n{sdp}"));
    let m_lines = sdp.split("\r\n").filter(|l| l.starts_with("m=")).count();
    assert_eq!(parsed.media.len(), m_lines, "webrtc-sdp m-section count");
    assert_eq!(parsed.version, 0);
}

fn is_uuid(s: &str) -> bool {
    s.len() == 36
        && s.char_indices().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => c == '-',
            _ => c.is_ascii_digit() || ('a'..='f').contains(&c),
        })
}

/// Replaces random values by numbered placeholders, consistently across the offers it
/// is used on. Ids in `keep` (ones the test chose) stay as they are.
pub struct Masker {
    seen: HashMap<(&'static str, String), usize>,
    keep: Vec<String>,
}

impl Masker {
    pub fn new(keep: &[&str]) -> Self {
        Masker {
            seen: HashMap::new(),
            keep: keep.iter().map(|s| s.to_string()).collect(),
        }
    }

    fn token(&mut self, kind: &'static str, value: &str) -> String {
        let next = self.seen.keys().filter(|(k, _)| *k == kind).count() + 1;
        let n = *self.seen.entry((kind, value.to_string())).or_insert(next);
        format!("<{kind}{n}>")
    }

    /// A word whose part after its last ':' may be a random id.
    fn word(&mut self, word: &str) -> String {
        let (prefix, value) = match word.rfind(':') {
            Some(i) => word.split_at(i + 1),
            None => ("", word),
        };
        if is_uuid(value) && !self.keep.iter().any(|k| k == value) {
            format!("{prefix}{}", self.token("uuid", value))
        } else {
            word.to_string()
        }
    }

    fn line(&mut self, line: &str) -> String {
        if let Some(rest) = line.strip_prefix("o=- ") {
            let (id, rest) = rest.split_once(' ').unwrap_or((rest, ""));
            return format!("o=- {} {rest}", self.token("sess-id", id));
        }
        if let Some(v) = line.strip_prefix("a=ice-ufrag:") {
            return format!("a=ice-ufrag:{}", self.token("ufrag", v));
        }
        if let Some(v) = line.strip_prefix("a=ice-pwd:") {
            return format!("a=ice-pwd:{}", self.token("pwd", v));
        }
        if let Some(v) = line.strip_prefix("a=fingerprint:") {
            let (alg, digest) = v.split_once(' ').unwrap_or((v, ""));
            return format!("a=fingerprint:{alg} {}", self.token("digest", digest));
        }
        if let Some(v) = line.strip_prefix("a=ssrc-group:FID ") {
            let ssrcs: Vec<String> = v.split(' ').map(|s| self.token("ssrc", s)).collect();
            return format!("a=ssrc-group:FID {}", ssrcs.join(" "));
        }
        if let Some(v) = line.strip_prefix("a=ssrc:") {
            let (ssrc, attr) = v.split_once(' ').unwrap_or((v, ""));
            let ssrc = self.token("ssrc", ssrc);
            let attr = match attr.strip_prefix("cname:") {
                Some(cname) => format!("cname:{}", self.token("cname", cname)),
                None => self.words(attr),
            };
            return format!("a=ssrc:{ssrc} {attr}");
        }
        self.words(line)
    }

    fn words(&mut self, text: &str) -> String {
        let words: Vec<String> = text.split(' ').map(|w| self.word(w)).collect();
        words.join(" ")
    }

    pub fn sdp(&mut self, sdp: &str) -> Vec<String> {
        let body = sdp
            .strip_suffix("\r\n")
            .unwrap_or_else(|| panic!("SDP does not end with CRLF:\n{sdp}"));
        let lines: Vec<&str> = body.split("\r\n").collect();
        for l in &lines {
            assert!(!l.contains(['\r', '\n']), "bare CR or LF in line {l:?}");
        }
        lines.into_iter().map(|l| self.line(l)).collect()
    }
}

/// `(transceiver id, mid)` of each mid an operation reported.
pub fn mids(applied: &LocalOfferApplied) -> Vec<(u32, &str)> {
    applied
        .mids
        .iter()
        .map(|change| {
            let mid = change.mid.as_ref().map_or("", Mid::as_str);
            (change.transceiver.get(), mid)
        })
        .collect()
}
