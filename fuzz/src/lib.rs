//! What the fuzz targets share: a well-formedness check for offers, a way to answer an
//! offer (as a remote peer would), and SDP mutations the fuzzer chooses.

use arbitrary::Arbitrary;

/// One m-section of a checked offer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// `audio`, `video` or `application`.
    pub kind: String,
    pub port: u16,
    pub mid: String,
    /// The direction attribute (`None` for `m=application`).
    pub direction: Option<String>,
    /// The ids of its `a=msid:` lines (`-` for a sender without streams).
    pub msid_stream_ids: Vec<String>,
}

/// A checked offer: its m-sections and the mids of its BUNDLE group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Offer {
    pub sections: Vec<Section>,
    pub bundle: Vec<String>,
}

impl Offer {
    /// The mids of the sections with a non-zero port, in order.
    pub fn live_mids(&self) -> Vec<String> {
        self.sections
            .iter()
            .filter(|s| s.port != 0)
            .map(|s| s.mid.clone())
            .collect()
    }
}

/// The lines of `sdp` (a description of `kind`), each checked to be a `<type>=<value>` line
/// without a line break or NUL, the last one ended by CRLF too.
fn sdp_lines<'a>(sdp: &'a str, kind: &str) -> Vec<&'a str> {
    assert!(
        sdp.ends_with("\r\n"),
        "{kind} does not end with CRLF:\n{sdp}"
    );
    let lines: Vec<&str> = sdp[..sdp.len() - 2].split("\r\n").collect();
    for line in &lines {
        let b = line.as_bytes();
        assert!(
            b.len() >= 2 && b[0].is_ascii_lowercase() && b[1] == b'=',
            "not a <type>=<value> line: {line:?}\n{sdp}"
        );
        assert!(
            !line.contains(['\r', '\n', '\0']),
            "a line holds a line break or NUL: {line:?}"
        );
    }
    lines
}

/// Checks what an offer must be once a munged description was applied: Chromium's next offers
/// keep what it changed (garbage parameters, a reordered BUNDLE group, ...), so only that it is
/// SDP our own parser reads, line by line.
pub fn check_munged_offer(sdp: &str) {
    sdp_lines(sdp, "offer");
    if let Err(e) = rtc_offer_polyfill::fuzzing::parse_sdp(sdp) {
        panic!("our parser rejects the offer: {e}\n{sdp}");
    }
}

/// Checks what every offer must be, whatever produced it, and returns what it holds.
/// Panics (the fuzzer's crash) on anything malformed.
pub fn check_offer(sdp: &str) -> Offer {
    let lines = sdp_lines(sdp, "offer");
    assert_eq!(lines.get(..4), Some(&["v=0", lines[1], "s=-", "t=0 0"][..]));
    assert!(lines[1].starts_with("o=- "), "o= line: {}", lines[1]);

    let mut sections: Vec<Section> = Vec::new();
    let mut bundle: Option<Vec<String>> = None;
    for line in &lines {
        if let Some(m) = line.strip_prefix("m=") {
            let mut parts = m.split(' ');
            let kind = parts.next().unwrap_or_default().to_owned();
            let port = parts
                .next()
                .and_then(|p| p.parse().ok())
                .unwrap_or_else(|| panic!("m= line without a port: {line}"));
            assert!(port == 0 || port == 9, "port {port}");
            sections.push(Section {
                kind,
                port,
                mid: String::new(),
                direction: None,
                msid_stream_ids: Vec::new(),
            });
            continue;
        }
        let Some(section) = sections.last_mut() else {
            if let Some(group) = line.strip_prefix("a=group:BUNDLE ") {
                assert!(bundle.is_none(), "two BUNDLE groups");
                bundle = Some(group.split(' ').map(str::to_owned).collect());
            }
            continue;
        };
        if let Some(mid) = line.strip_prefix("a=mid:") {
            assert!(section.mid.is_empty(), "two a=mid in one section");
            assert!(!mid.is_empty());
            section.mid = mid.to_owned();
        } else if let Some(msid) = line.strip_prefix("a=msid:") {
            let mut ids = msid.split(' ');
            let stream = ids.next().unwrap_or_default();
            let track = ids.next().unwrap_or_default();
            assert!(
                ids.next().is_none() && !stream.is_empty() && !track.is_empty(),
                "a=msid: {msid:?}"
            );
            section.msid_stream_ids.push(stream.to_owned());
        } else if matches!(
            *line,
            "a=sendrecv" | "a=sendonly" | "a=recvonly" | "a=inactive"
        ) {
            assert!(section.direction.is_none(), "two directions in one section");
            section.direction = Some(line[2..].to_owned());
        }
    }
    for (i, section) in sections.iter().enumerate() {
        assert!(!section.mid.is_empty(), "section {i} has no a=mid");
        assert!(
            !sections[..i].iter().any(|s| s.mid == section.mid),
            "mid {} twice",
            section.mid
        );
        assert_eq!(
            section.direction.is_some(),
            section.kind != "application",
            "direction of section {i}"
        );
    }
    // The group names live sections, each once, in m-line order (which of them depends on
    // what answers accepted).
    let offer = Offer {
        sections,
        bundle: bundle.unwrap_or_default(),
    };
    let live = offer.live_mids();
    let mut in_order = live.iter();
    for mid in &offer.bundle {
        assert!(
            in_order.any(|m| m == mid),
            "BUNDLE group {:?} is not an ordered subset of the live mids {live:?}",
            offer.bundle
        );
    }

    let parsed = webrtc_sdp::parse_sdp(sdp, false)
        .unwrap_or_else(|e| panic!("webrtc-sdp rejects the offer: {e}\n{sdp}"));
    assert_eq!(
        parsed.media.len(),
        offer.sections.len(),
        "webrtc-sdp m-section count"
    );
    let ours = rtc_offer_polyfill::fuzzing::parse_sdp(sdp)
        .unwrap_or_else(|e| panic!("our own parser rejects the offer: {e}\n{sdp}"));
    assert_eq!(ours, offer.sections.len(), "our parser's m-section count");
    offer
}

/// The direction the other side of `direction` has.
pub fn reversed(direction: &str) -> &str {
    match direction {
        "sendonly" => "recvonly",
        "recvonly" => "sendonly",
        other => other,
    }
}

/// How the answerer treats one m-section.
#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum AnswerChoice {
    /// The offer's direction reversed (sendrecv stays sendrecv).
    Mirror,
    /// Narrowed to what the answerer receives only (or inactive).
    Narrow,
    Inactive,
    /// Port 0.
    Reject,
}

/// What [`answer_for`] answered for one m-section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answered {
    pub mid: String,
    /// The answer's own direction attribute (`None` for data).
    pub direction: Option<String>,
    pub rejected: bool,
}

/// An answer to `offer` as a compliant remote peer writes it (setup active, its own ICE
/// credentials, no msid, SSRC or simulcast lines); `choices[i]` (cycled; Mirror when empty)
/// decides m-section i. Sections the offer rejected stay rejected.
pub fn answer_for(offer: &str, choices: &[AnswerChoice]) -> (String, Vec<Answered>) {
    let mut out = String::new();
    let mut answered: Vec<Answered> = Vec::new();
    let mut rejecting = false;
    for line in offer.split("\r\n").filter(|l| !l.is_empty()) {
        if let Some(m) = line.strip_prefix("m=") {
            let index = answered.len();
            let choice = match choices.len() {
                0 => AnswerChoice::Mirror,
                n => choices[index % n],
            };
            let offered_rejected = m.split(' ').nth(1) == Some("0");
            rejecting = offered_rejected || matches!(choice, AnswerChoice::Reject);
            answered.push(Answered {
                mid: String::new(),
                direction: None,
                rejected: rejecting,
            });
            if rejecting && !offered_rejected {
                let mut parts: Vec<&str> = m.split(' ').collect();
                if let Some(port) = parts.get_mut(1) {
                    *port = "0";
                }
                out.push_str("m=");
                out.push_str(&parts.join(" "));
                out.push_str("\r\n");
                continue;
            }
        }
        let choice = match choices.len() {
            0 => AnswerChoice::Mirror,
            n => choices[answered.len().saturating_sub(1) % n],
        };
        let Some(section) = answered.last_mut() else {
            // Session level: the answerer's own o= line; the rest as offered.
            let line = if line.starts_with("o=") {
                "o=- 4611731400430051336 2 IN IP4 127.0.0.1"
            } else {
                line
            };
            out.push_str(line);
            out.push_str("\r\n");
            continue;
        };
        let line: String = if let Some(mid) = line.strip_prefix("a=mid:") {
            section.mid = mid.to_owned();
            line.to_owned()
        } else if line.starts_with("a=ice-ufrag:") {
            "a=ice-ufrag:AnSw".to_owned()
        } else if line.starts_with("a=ice-pwd:") {
            "a=ice-pwd:answererpasswordvalue12".to_owned()
        } else if line == "a=setup:actpass" {
            "a=setup:active".to_owned()
        } else if let Some(dir) = line
            .strip_prefix("a=")
            .filter(|d| matches!(*d, "sendrecv" | "sendonly" | "recvonly" | "inactive"))
        {
            let ours = match (choice, rejecting) {
                (_, true) | (AnswerChoice::Inactive, _) => "inactive",
                (AnswerChoice::Narrow, _) => match dir {
                    "sendrecv" | "sendonly" => "recvonly",
                    _ => "inactive",
                },
                _ => reversed(dir),
            };
            section.direction = Some(ours.to_owned());
            format!("a={ours}")
        } else if ["a=msid:", "a=ssrc", "a=rid:", "a=simulcast:"]
            .iter()
            .any(|p| line.starts_with(p))
        {
            // The answerer sends nothing and takes no simulcast.
            continue;
        } else {
            line.to_owned()
        };
        out.push_str(&line);
        out.push_str("\r\n");
    }
    // A BUNDLE group lists only the sections the answer accepts.
    let live: Vec<&str> = answered
        .iter()
        .filter(|a| !a.rejected)
        .map(|a| a.mid.as_str())
        .collect();
    let group = if live.is_empty() {
        String::new()
    } else {
        format!("a=group:BUNDLE {}\r\n", live.join(" "))
    };
    let out = out
        .split_inclusive("\r\n")
        .map(|l| {
            if l.starts_with("a=group:BUNDLE") {
                group.as_str()
            } else {
                l
            }
        })
        .collect();
    (out, answered)
}

/// A change to an SDP text, line-wise or byte-wise (indices wrap around).
#[derive(Arbitrary, Debug, Clone)]
pub enum Mutation {
    DeleteLine(u16),
    DuplicateLine(u16),
    SwapLines(u16, u16),
    ReplaceLine(u16, String),
    InsertLine(u16, String),
    AppendToLine(u16, String),
    /// Replaces the line's value (after `=` and any `attribute:`) by a number.
    ReplaceValue(u16, u64),
    ReplaceByte(u32, u8),
    Truncate(u32),
    /// LF line ends instead of CRLF.
    LfOnly,
    /// Session-level lines moved after the first m= line.
    MoveSessionLine(u16),
}

/// `sdp` changed by `mutation` (possibly into something no longer UTF-8-clean: lossily fixed).
pub fn mutate(sdp: &str, mutation: &Mutation) -> String {
    let mut lines: Vec<String> = sdp.split("\r\n").map(str::to_owned).collect();
    // The empty string after the final CRLF is not a line.
    if lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    let n = lines.len().max(1);
    let at = |i: u16| usize::from(i) % n;
    match mutation {
        Mutation::DeleteLine(i) => {
            if !lines.is_empty() {
                lines.remove(at(*i));
            }
        }
        Mutation::DuplicateLine(i) => {
            if let Some(line) = lines.get(at(*i)).cloned() {
                lines.insert(at(*i), line);
            }
        }
        Mutation::SwapLines(a, b) => {
            if !lines.is_empty() {
                lines.swap(at(*a), at(*b));
            }
        }
        Mutation::ReplaceLine(i, text) => {
            if let Some(line) = lines.get_mut(at(*i)) {
                *line = text.clone();
            }
        }
        Mutation::InsertLine(i, text) => lines.insert(at(*i).min(lines.len()), text.clone()),
        Mutation::AppendToLine(i, text) => {
            if let Some(line) = lines.get_mut(at(*i)) {
                line.push_str(text);
            }
        }
        Mutation::ReplaceValue(i, value) => {
            if let Some(line) = lines.get_mut(at(*i)) {
                let start = line
                    .find(':')
                    .or_else(|| line.find('='))
                    .map_or(0, |p| p + 1);
                line.truncate(start);
                line.push_str(&value.to_string());
            }
        }
        Mutation::MoveSessionLine(i) => {
            let first_m = lines.iter().position(|l| l.starts_with("m="));
            if let Some(first_m) = first_m.filter(|&m| m > 0) {
                let line = lines.remove(usize::from(*i) % first_m);
                lines.insert(first_m, line);
            }
        }
        Mutation::ReplaceByte(..) | Mutation::Truncate(_) | Mutation::LfOnly => {}
    }
    let joined: String = lines.iter().map(|l| format!("{l}\r\n")).collect();
    match mutation {
        Mutation::ReplaceByte(i, byte) => {
            let mut bytes = joined.into_bytes();
            if !bytes.is_empty() {
                let len = bytes.len();
                bytes[*i as usize % len] = *byte;
            }
            String::from_utf8_lossy(&bytes).into_owned()
        }
        Mutation::Truncate(i) => {
            let mut cut = *i as usize % (joined.len() + 1);
            while !joined.is_char_boundary(cut) {
                cut -= 1;
            }
            joined[..cut].to_owned()
        }
        Mutation::LfOnly => joined.replace("\r\n", "\n"),
        _ => joined,
    }
}

/// Checks what every answer must be: CRLF-terminated `<type>=<value>` lines that our own
/// parser reads with `m_sections` m-sections (one per offered one), and, when `strict` (the
/// offer was a compliant one), that mozilla's webrtc-sdp reads too. Panics otherwise.
pub fn check_answer(sdp: &str, m_sections: usize, strict: bool) {
    for line in sdp_lines(sdp, "answer") {
        if let Some(m) = line.strip_prefix("m=") {
            let fields: Vec<&str> = m.split(' ').collect();
            assert!(
                fields.len() >= 4 && fields.iter().all(|f| !f.is_empty()),
                "m= line without formats: {line:?}\n{sdp}"
            );
        }
    }
    let ours = rtc_offer_polyfill::fuzzing::parse_sdp(sdp)
        .unwrap_or_else(|e| panic!("our own parser rejects the answer: {e}\n{sdp}"));
    assert_eq!(ours, m_sections, "m-sections of the answer\n{sdp}");
    if strict {
        let parsed = webrtc_sdp::parse_sdp(sdp, false)
            .unwrap_or_else(|e| panic!("webrtc-sdp rejects the answer: {e}\n{sdp}"));
        assert_eq!(parsed.media.len(), m_sections, "webrtc-sdp m-section count");
    }
}
