//! Munged local descriptions: `setLocalDescription()` with SDP that is not exactly the one
//! `createOffer()`/`createAnswer()` made. Chromium 156 parses it, checks it against the
//! created one, applies it and reports its own serialization of what it applied
//! (tests/browser/munge.test.js probes each case). The serialization is rebuilt here from
//! the created description's lines: each line (or group of lines, e.g. one payload type's
//! `a=rtcp-fb`) is the given one where the given SDP changed it, dropped where the given SDP
//! dropped it, in the created order; new lines of an attribute the created part has follow its
//! last line of that attribute, lines of attributes it lacks are dropped, `b=` lines
//! are kept after `c=`, codec blocks follow the m= line's payload type order and fmtp
//! parameters come out sorted (libwebrtc keeps them in a map).

use crate::error::{Error, ErrorKind};
use crate::ice::IceCredentials;
use crate::sdp::{parse, Attribute, AttributeValue, ParsedDescription, PayloadType, Setup, Ssrc};

use super::offer::Munged;

/// What Chromium applies of a given local description.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Applied {
    /// Chromium's serialization of the applied description (W3C `localDescription.sdp`).
    pub(super) sdp: String,
    /// The ICE credentials every section states, when they are the same throughout.
    pub(super) ice: Option<IceCredentials>,
    /// What each media section changed (later offers keep it).
    pub(super) munged: Vec<Munged>,
    /// Each media section's `a=mid` (a section without one is refused).
    pub(super) mids: Vec<String>,
    /// The mid of the first section whose `a=setup` Chromium fails to apply later: in an
    /// offer other than actpass, in an answer other than active or passive.
    pub(super) bad_setup: Option<String>,
    /// The first section with an rtx format whose `apt` names a payload type its m= line
    /// lacks (or is no number), as `<kind> description recv parameters for m-section with mid='<mid>'`:
    /// Chromium parses it but fails to apply it.
    pub(super) bad_rtx: Option<String>,
}

/// Chromium's refusal of a local answer whose m-lines are not the remote offer's.
fn m_lines_not_offered() -> Error {
    Error::new(
        ErrorKind::InvalidAccess,
        "Failed to set local answer sdp: The order of m-lines in answer doesn't match order in offer. Rejecting answer.",
    )
}

/// Each media section's `a=mid` (`None` for a section without one).
fn mids<'a>(parsed: &ParsedDescription<'a>) -> Vec<Option<&'a str>> {
    parsed
        .media
        .iter()
        .map(|m| {
            m.attributes.iter().find_map(|a| match a.value {
                AttributeValue::Mid(mid) => Some(mid),
                _ => None,
            })
        })
        .collect()
}

/// Checks `given` against `created` (the last created description of `kind`, "offer" or
/// "answer") as Chromium does, and returns what it applies.
pub(super) fn applied_local(created: &str, given: &str, kind: &str) -> Result<Applied, Error> {
    let parsed = parse(given)?;
    // Chromium's parser wants the last line ended too.
    if !given.ends_with('\n') {
        let last = given.rsplit('\n').next().unwrap_or("");
        return Err(Error::sdp_syntax(
            given.split('\n').count(),
            format!("Failed to parse SessionDescription. {last} Invalid SDP line."),
        ));
    }
    let bad_rtx = check_codecs(&parsed)?;
    let ours = parse(created)?;
    let answer = kind == "answer";
    if parsed.media.len() != ours.media.len() {
        return Err(match answer {
            true => m_lines_not_offered(),
            false => Error::new(
                ErrorKind::InvalidModification,
                "SDP is modified in a non-acceptable way",
            ),
        });
    }
    if parsed
        .media
        .iter()
        .zip(&ours.media)
        .any(|(g, c)| g.kind != c.kind)
    {
        return Err(Error::new(
            ErrorKind::Operation,
            format!(
                "Failed to set local {kind} sdp: Transceiver type does not match media description type."
            ),
        ));
    }
    let given_mids = mids(&parsed);
    for (index, mid) in given_mids.iter().enumerate() {
        let Some(mid) = mid else {
            return Err(Error::new(
                ErrorKind::InvalidAccess,
                format!(
                    "Failed to set local {kind} sdp: A media section is missing a MID attribute."
                ),
            ));
        };
        if given_mids[..index].contains(&Some(mid)) {
            return Err(Error::new(
                ErrorKind::InvalidAccess,
                format!("Failed to set local {kind} sdp: Duplicate a=mid value '{mid}'."),
            ));
        }
    }
    if answer && given_mids != mids(&ours) {
        return Err(m_lines_not_offered());
    }
    let ice = ice_credentials(&parsed).ok_or_else(|| {
        Error::new(
            ErrorKind::InvalidAccess,
            format!(
                "Failed to set local {kind} sdp: Called with SDP without ice-ufrag and ice-pwd."
            ),
        )
    })?;
    let (given_parts, created_parts) = (parts(given), parts(created));
    let fingerprints = |parts: &[Vec<String>]| -> Vec<Vec<String>> {
        parts
            .iter()
            .map(|part| {
                let mut lines: Vec<String> = part
                    .iter()
                    .filter(|l| l.starts_with("a=fingerprint:"))
                    .map(|l| l.to_ascii_lowercase())
                    .collect();
                lines.sort();
                lines
            })
            .collect()
    };
    if fingerprints(&given_parts) != fingerprints(&created_parts) {
        return Err(Error::new(
            ErrorKind::InvalidModification,
            "The SDP does not match the previously generated SDP for this type",
        ));
    }
    // Each section's a=setup (else the session's), with its mid.
    let setups = parsed.media.iter().zip(&given_mids).filter_map(|(m, mid)| {
        let setup = m
            .attributes
            .iter()
            .chain(&parsed.attributes)
            .find_map(|a| match a.value {
                AttributeValue::Setup(setup) => Some(setup),
                _ => None,
            })?;
        Some((mid.unwrap_or(""), setup))
    });
    let bad_setup = setups
        .filter(|(_, setup)| match answer {
            true => !matches!(setup, Setup::Active | Setup::Passive),
            false => *setup != Setup::ActPass,
        })
        .map(|(mid, _)| mid.to_string())
        .next();
    let mut sdp = String::with_capacity(created.len());
    let mut munged = Vec::new();
    for (index, (given, created)) in given_parts.iter().zip(&created_parts).enumerate() {
        let merged = merge_part(given, created);
        if index > 0 {
            munged.push(munged_section(&merged, created));
        }
        for line in merged {
            sdp.push_str(&line);
            sdp.push_str("\r\n");
        }
    }
    Ok(Applied {
        sdp,
        ice,
        munged,
        mids: given_mids
            .into_iter()
            .flatten()
            .map(str::to_string)
            .collect(),
        bad_setup,
        bad_rtx,
    })
}

/// Chromium's parser makes a codec of each payload type the m= line lists and of each an
/// `a=fmtp` or `a=rtcp-fb` line names, named by its `a=rtpmap` (one for a payload type the m=
/// line lacks is ignored) or, below 35, the static table: a codec left without a name fails
/// the parse. Returns where an rtx format's `apt` names no listed payload type (see
/// [`Applied::bad_rtx`]).
fn check_codecs(parsed: &ParsedDescription<'_>) -> Result<Option<String>, Error> {
    let mut bad_rtx = None;
    for (media, mid) in parsed.media.iter().zip(mids(parsed)) {
        if !media.is_rtp() {
            continue;
        }
        let listed: Vec<PayloadType> = media
            .formats
            .iter()
            .filter_map(|f| PayloadType::parse(f))
            .collect();
        let rtpmap = |pt: PayloadType| {
            media.attributes.iter().find_map(|a| match a.value {
                AttributeValue::Rtpmap(r) if r.payload_type == pt => Some(r.encoding_name),
                _ => None,
            })
        };
        // An rtx format whose apt is no payload type the m= line lists (or no number).
        let mut dangling = false;
        for attribute in &media.attributes {
            let (pt, rtx_apt) = match attribute.value {
                AttributeValue::Fmtp(f) => {
                    let apt = f
                        .parameters
                        .split(';')
                        .find_map(|p| p.trim().strip_prefix("apt="));
                    (Some(f.payload_type), apt)
                }
                AttributeValue::RtcpFb(fb) => (fb.payload_type, None),
                _ => continue,
            };
            let Some(pt) = pt else { continue };
            if !listed.contains(&pt) {
                return Err(unparsable_codecs());
            }
            let rtx = rtpmap(pt).is_some_and(|name| name.eq_ignore_ascii_case("rtx"));
            let names_none =
                |apt: &str| PayloadType::parse(apt).is_none_or(|a| !listed.contains(&a));
            dangling |= rtx && rtx_apt.is_some_and(names_none);
        }
        if listed
            .iter()
            .any(|pt| pt.get() >= 35 && rtpmap(*pt).is_none())
        {
            return Err(unparsable_codecs());
        }
        if dangling && bad_rtx.is_none() {
            bad_rtx = Some(format!(
                "{} description recv parameters for m-section with mid='{}'",
                media.kind,
                mid.unwrap_or("")
            ));
        }
    }
    Ok(bad_rtx)
}

/// Chromium's parse error for a codec without a name.
fn unparsable_codecs() -> Error {
    Error::new(
        ErrorKind::Operation,
        "Failed to parse SessionDescription.  Failed to parse codecs correctly.",
    )
}

/// What an applied media section (`merged`) changed of the created one: the m= line's
/// payload type order when it differs, the fmtp lines it changed, the SSRCs and SSRC groups
/// it added.
fn munged_section(merged: &[String], created: &[String]) -> Munged {
    let payload_types = |part: &[String]| -> Vec<PayloadType> {
        part.first()
            .map(|m| {
                m.split(' ')
                    .skip(3)
                    .filter_map(|f| f.parse().ok().and_then(PayloadType::new))
                    .collect()
            })
            .unwrap_or_default()
    };
    let order = payload_types(merged);
    let fmtp = merged
        .iter()
        .filter(|line| line.starts_with("a=fmtp:") && !created.contains(line))
        .filter_map(|line| {
            let (pt, params) = line.strip_prefix("a=fmtp:")?.split_once(' ')?;
            Some((PayloadType::new(pt.parse().ok()?)?, params.to_string()))
        })
        .collect();
    let added = |prefix: &'static str| {
        merged
            .iter()
            .filter(|line| !created.contains(line))
            .filter_map(move |line| line.strip_prefix(prefix))
    };
    let ssrc_of = |value: &str| value.split(' ').next().unwrap_or("").to_string();
    let created_ssrcs: Vec<String> = created
        .iter()
        .filter_map(|l| l.strip_prefix("a=ssrc:"))
        .map(ssrc_of)
        .collect();
    let ssrcs = added("a=ssrc:")
        .filter(|value| !created_ssrcs.contains(&ssrc_of(value)) && value.contains(" cname:"))
        .filter_map(|value| ssrc_of(value).parse::<u32>().ok().map(Ssrc::from))
        .collect();
    // RED's fmtp lists the payload types it carries (RFC 2198), e.g. `111/111`.
    let dangling_red = red_fmtps(merged).any(|listed| {
        listed.split('/').any(|pt| {
            !pt.parse()
                .ok()
                .and_then(PayloadType::new)
                .is_some_and(|pt| order.contains(&pt))
        })
    });
    Munged {
        dangling_red,
        order: if order == payload_types(created) {
            Vec::new()
        } else {
            order
        },
        fmtp,
        ssrc_groups: added("a=ssrc-group:").map(str::to_string).collect(),
        ssrcs,
    }
}

/// The fmtp values of the section's RED formats (those its m= line lists).
fn red_fmtps(part: &[String]) -> impl Iterator<Item = &str> {
    let listed: Vec<&str> = part
        .first()
        .map(|m| m.split(' ').skip(3).collect())
        .unwrap_or_default();
    part.iter().filter_map(move |line| {
        let (pt, codec) = line.strip_prefix("a=rtpmap:")?.split_once(' ')?;
        if !listed.contains(&pt) || !codec.to_ascii_lowercase().starts_with("red/") {
            return None;
        }
        let fmtp = format!("a=fmtp:{pt} ");
        part.iter().find_map(|l| l.strip_prefix(fmtp.as_str()))
    })
}

/// The ICE credentials of every section (its own, else the session's); `None` when a
/// section has none. `ice` in the result is set only when all sections agree.
fn ice_credentials(parsed: &ParsedDescription<'_>) -> Option<Option<IceCredentials>> {
    let (session_ufrag, session_pwd) = credentials(&parsed.attributes);
    let mut all: Vec<IceCredentials> = Vec::new();
    for media in parsed.media.iter().filter(|m| m.port != 0) {
        let (ufrag, pwd) = credentials(&media.attributes);
        let (Some(ufrag), Some(pwd)) = (ufrag.or(session_ufrag), pwd.or(session_pwd)) else {
            return None;
        };
        all.push(IceCredentials {
            ufrag: ufrag.to_string(),
            pwd: pwd.to_string(),
        });
    }
    let first = all.first().cloned();
    Some(first.filter(|f| all.iter().all(|c| c == f)))
}

/// The `a=ice-ufrag` and `a=ice-pwd` among `attributes`.
fn credentials<'a>(attributes: &[Attribute<'a>]) -> (Option<&'a str>, Option<&'a str>) {
    let ufrag = attributes.iter().find_map(|a| match a.value {
        AttributeValue::IceUfrag(u) => Some(u),
        _ => None,
    });
    let pwd = attributes.iter().find_map(|a| match a.value {
        AttributeValue::IcePwd(p) => Some(p),
        _ => None,
    });
    (ufrag, pwd)
}

/// The session part and each media section (from its m= line), each line with whitespace
/// runs collapsed and trailing whitespace dropped; empty lines left out.
fn parts(sdp: &str) -> Vec<Vec<String>> {
    let mut parts: Vec<Vec<String>> = vec![Vec::new()];
    for raw in sdp.split('\n') {
        let line = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        if line.is_empty() {
            continue;
        }
        if line.starts_with("m=") {
            parts.push(Vec::new());
        }
        if let Some(part) = parts.last_mut() {
            part.push(line);
        }
    }
    parts
}

/// Which line(s) of the created description a line stands for: the same key in the given
/// SDP replaces them.
fn key(line: &str) -> String {
    let Some(attribute) = line.strip_prefix("a=") else {
        // b=<bwtype>:<bandwidth> is keyed by its type; other lines by their letter.
        return match line.strip_prefix("b=") {
            Some(bandwidth) => format!("b={}", bandwidth.split(':').next().unwrap_or("")),
            None => line.chars().next().map(String::from).unwrap_or_default(),
        };
    };
    let (name, value) = attribute.split_once(':').unwrap_or((attribute, ""));
    let first = value.split(' ').next().unwrap_or("");
    match name {
        "sendrecv" | "sendonly" | "recvonly" | "inactive" => "direction".into(),
        "rtpmap" | "fmtp" | "rtcp-fb" | "extmap" | "rid" => format!("{name}:{first}"),
        "ssrc" => {
            let second = value.split(' ').nth(1).unwrap_or("");
            let attr = second.split(':').next().unwrap_or("");
            format!("ssrc:{first} {attr}")
        }
        _ => name.into(),
    }
}

/// The payload type a codec line (rtpmap, fmtp, rtcp-fb) is about.
fn codec_pt(line: &str) -> Option<&str> {
    let attribute = line.strip_prefix("a=")?;
    let (name, value) = attribute.split_once(':')?;
    matches!(name, "rtpmap" | "fmtp" | "rtcp-fb").then(|| value.split(' ').next().unwrap_or(""))
}

/// `a=fmtp:<pt> <params>` with its `key=value` parameters sorted, as libwebrtc writes them.
fn sorted_fmtp(line: &str) -> String {
    let Some((head, params)) = line.strip_prefix("a=fmtp:").and_then(|v| v.split_once(' ')) else {
        return line.to_string();
    };
    let mut list: Vec<&str> = params.split(';').map(str::trim).collect();
    if !list.iter().all(|p| p.contains('=')) {
        return line.to_string();
    }
    list.sort_by_key(|p| p.split('=').next().unwrap_or(""));
    format!("a=fmtp:{head} {}", list.join(";"))
}

/// Lines of `part` grouped by [`key`], keys in order of first appearance.
fn groups(part: &[String]) -> Vec<(String, Vec<&String>)> {
    let mut out: Vec<(String, Vec<&String>)> = Vec::new();
    for line in part {
        let k = key(line);
        match out.iter_mut().find(|(key, _)| *key == k) {
            Some((_, lines)) => lines.push(line),
            None => out.push((k, vec![line])),
        }
    }
    out
}

/// For an SSRC a munged SDP adds (`key` is its `ssrc:<ssrc> cname`) without its own msid
/// line: the `a=ssrc:<ssrc> msid:` line Chromium writes for it, as the section's other SSRCs
/// have it (libwebrtc puts every SSRC of a section in the sender's one stream).
fn ssrc_msid(
    key: &str,
    given_groups: &[(String, Vec<&String>)],
    created: &[String],
) -> Option<String> {
    let ssrc = key.strip_prefix("ssrc:")?.strip_suffix(" cname")?;
    let own = format!("ssrc:{ssrc} msid");
    if given_groups.iter().any(|(k, _)| *k == own) {
        return None;
    }
    let msid = created.iter().find_map(|l| {
        l.strip_prefix("a=ssrc:")?
            .split_once(" msid:")
            .map(|(_, v)| v)
    })?;
    Some(format!("a=ssrc:{ssrc} msid:{msid}"))
}

/// One part as Chromium serializes it after applying `given` in place of `created`.
fn merge_part(given: &[String], created: &[String]) -> Vec<String> {
    let given_groups = groups(given);
    let created_groups = groups(created);
    // The created group's lines when the given ones are the same (in any order), else the
    // given ones; none when the given SDP dropped them.
    let pick = |k: &str| -> Vec<String> {
        let Some((_, given_lines)) = given_groups.iter().find(|(key, _)| key == k) else {
            return Vec::new();
        };
        // A line given twice is applied once.
        let mut given_lines = given_lines.clone();
        given_lines.dedup();
        let created_lines = created_groups
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, l)| l.clone())
            .unwrap_or_default();
        let (mut a, mut b) = (given_lines.clone(), created_lines.clone());
        a.sort();
        b.sort();
        if a == b {
            created_lines.into_iter().cloned().collect()
        } else {
            given_lines.iter().map(|l| sorted_fmtp(l)).collect()
        }
    };
    // Payload types in the given m= line's order: the codec blocks follow it.
    let formats: Vec<&str> = given
        .first()
        .filter(|m| m.starts_with("m="))
        .map(|m| m.split(' ').skip(3).collect())
        .unwrap_or_default();
    let mut out = Vec::new();
    let mut codecs_written = false;
    for (k, lines) in &created_groups {
        if codec_pt(lines[0]).is_some() {
            if !codecs_written {
                codecs_written = true;
                for format in &formats {
                    for (k, lines) in &created_groups {
                        if codec_pt(lines[0]) == Some(format) {
                            out.extend(pick(k));
                        }
                    }
                }
            }
            continue;
        }
        out.extend(pick(k));
        // New lines of an attribute the created part has (an SSRC, an extmap id, a rid) follow
        // its last line of that attribute.
        let name = |k: &str| k.split([':', ' ']).next().unwrap_or("").to_string();
        let last_of_name = !created_groups
            .iter()
            .skip_while(|(other, _)| other != k)
            .skip(1)
            .any(|(other, _)| name(other) == name(k));
        if last_of_name {
            for (new, lines) in &given_groups {
                let known = created_groups.iter().any(|(other, _)| other == new);
                if !known && name(new) == name(k) && codec_pt(lines[0]).is_none() {
                    out.extend(lines.iter().map(|l| (*l).clone()));
                    out.extend(ssrc_msid(new, &given_groups, created));
                }
            }
        }
        if k == "c" {
            out.extend(
                given
                    .iter()
                    .filter(|l| l.starts_with("b="))
                    .filter(|l| !created_groups.iter().any(|(k, _)| *k == key(l)))
                    .cloned(),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const CREATED: &str = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0\r\na=msid-semantic: WMS\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111 63\r\nc=IN IP4 0.0.0.0\r\na=ice-ufrag:abcd\r\na=ice-pwd:abcdefghijklmnopqrstuv\r\na=ice-options:trickle\r\na=fingerprint:sha-256 AB:CD\r\na=setup:actpass\r\na=mid:0\r\na=sendrecv\r\na=rtpmap:111 opus/48000/2\r\na=rtcp-fb:111 transport-cc\r\na=fmtp:111 minptime=10;useinbandfec=1\r\na=rtpmap:63 red/48000/2\r\na=fmtp:63 111/111\r\n";

    fn applied(given: &str) -> Result<String, Error> {
        applied_local(CREATED, given, "offer").map(|a| a.sdp)
    }

    #[test]
    fn unchanged_reordered_or_respaced_is_the_created_sdp() {
        assert_eq!(applied(CREATED).unwrap(), CREATED);
        let respaced = CREATED
            .replace("WMS", " WMS ")
            .replace("a=mid:0\r\na=sendrecv", "a=sendrecv\r\na=mid:0")
            .replace("\r\n", "\n");
        assert_eq!(applied(&respaced).unwrap(), CREATED);
    }

    #[test]
    fn chromium_keeps_what_it_knows_in_its_own_order() {
        let given = CREATED
            .replace("a=ice-options:trickle\r\n", "")
            .replace("c=IN IP4 0.0.0.0\r\n", "c=IN IP4 0.0.0.0\r\nb=AS:64\r\n")
            .replace("useinbandfec=1", "useinbandfec=1;stereo=1")
            .replace("111 63", "63 111")
            .replace("a=mid:0\r\n", "a=mid:0\r\na=x-unknown:1\r\n");
        let expected = CREATED
            .replace("a=ice-options:trickle\r\n", "")
            .replace("c=IN IP4 0.0.0.0\r\n", "c=IN IP4 0.0.0.0\r\nb=AS:64\r\n")
            .replace("111 63", "63 111")
            .replace(
                "a=rtpmap:111 opus/48000/2\r\na=rtcp-fb:111 transport-cc\r\na=fmtp:111 minptime=10;useinbandfec=1\r\na=rtpmap:63 red/48000/2\r\na=fmtp:63 111/111\r\n",
                "a=rtpmap:63 red/48000/2\r\na=fmtp:63 111/111\r\na=rtpmap:111 opus/48000/2\r\na=rtcp-fb:111 transport-cc\r\na=fmtp:111 minptime=10;stereo=1;useinbandfec=1\r\n",
            );
        assert_eq!(applied(&given).unwrap(), expected);
    }

    #[test]
    fn credentials_changed_in_every_section_are_applied() {
        let given = CREATED.replace("ice-ufrag:abcd", "ice-ufrag:wxyz");
        let applied = applied_local(CREATED, &given, "offer").unwrap();
        assert_eq!(applied.ice.unwrap().ufrag, "wxyz");
        assert_eq!(applied.sdp, given);
    }

    #[test]
    fn rejected_as_chromium_rejects() {
        let name = |sdp: &str| applied(sdp).unwrap_err().kind.name();
        let cut = &CREATED[..CREATED.find("m=").unwrap()];
        assert_eq!(name(cut), "InvalidModificationError");
        assert_eq!(
            name(&CREATED.replace("m=audio", "m=video")),
            "OperationError"
        );
        assert_eq!(
            name(&CREATED.replace("a=ice-ufrag:abcd\r\n", "")),
            "InvalidAccessError"
        );
        assert_eq!(
            name(&CREATED.replace("AB:CD", "AB:CE")),
            "InvalidModificationError"
        );
        let error = applied(&CREATED.replace("a=mid:0", "a=mid:0\r\nfoo")).unwrap_err();
        assert_eq!(error.kind, ErrorKind::SdpSyntax);
        let error = applied(&CREATED[..CREATED.len() - 2]).unwrap_err();
        assert_eq!((error.kind, error.line), (ErrorKind::SdpSyntax, Some(20)));
        let section = &CREATED[CREATED.find("m=").unwrap()..];
        let two = format!("{CREATED}{}", section.replace("a=mid:0", "a=mid:1"));
        let duplicate = format!("{CREATED}{section}");
        assert!(applied_local(&two, &two, "offer").is_ok());
        let error = applied_local(&two, &duplicate, "offer").unwrap_err();
        assert_eq!(error.kind.name(), "InvalidAccessError");
    }

    #[test]
    fn answers_keep_the_offered_m_lines_and_a_setup_role() {
        let answer = CREATED.replace("actpass", "active");
        let name = |sdp: &str| {
            applied_local(&answer, sdp, "answer")
                .unwrap_err()
                .kind
                .name()
        };
        let cut = &answer[..answer.find("m=").unwrap()];
        assert_eq!(name(cut), "InvalidAccessError");
        assert_eq!(
            name(&answer.replace("a=mid:0", "a=mid:1")),
            "InvalidAccessError"
        );
        let bad_setup = |sdp: &str, kind| applied_local(sdp, sdp, kind).unwrap().bad_setup;
        assert_eq!(
            bad_setup(&answer.replace("active", "passive"), "answer"),
            None
        );
        assert_eq!(bad_setup(CREATED, "answer").as_deref(), Some("0"));
        assert_eq!(bad_setup(CREATED, "offer"), None);
        assert_eq!(bad_setup(&answer, "offer").as_deref(), Some("0"));
    }

    #[test]
    fn added_ssrcs_and_a_dangling_red_are_kept_for_later_offers() {
        let created =
            format!("{CREATED}a=ssrc-group:FID 5 6\r\na=ssrc:5 cname:c\r\na=ssrc:6 cname:c\r\n");
        let given =
            format!("{created}a=ssrc-group:SIM 5 1\r\na=ssrc:1 cname:c\r\na=ssrc:2 cname:c\r\n")
                .replace("111 63", "63")
                .replace(
                    "a=rtpmap:111 opus/48000/2\r\na=rtcp-fb:111 transport-cc\r\n",
                    "",
                )
                .replace("a=fmtp:111 minptime=10;useinbandfec=1\r\n", "");
        let munged = &applied_local(&created, &given, "offer").unwrap().munged[0];
        assert_eq!(munged.ssrc_groups, ["SIM 5 1"]);
        assert_eq!(munged.ssrcs, [Ssrc::from(1), Ssrc::from(2)]);
        assert!(munged.dangling_red);
    }

    #[test]
    fn codecs_without_a_name_do_not_parse_and_a_dangling_rtx_does_not_apply() {
        let error = |given: &str| applied(given).unwrap_err().message;
        let unparsable = "Failed to parse SessionDescription.  Failed to parse codecs correctly.";
        // A payload type the m= line lacks, named by a line other than a=rtpmap.
        assert_eq!(error(&CREATED.replace("111 63", "63")), unparsable);
        // A listed payload type without a=rtpmap.
        assert_eq!(
            error(&CREATED.replace("a=rtpmap:63 red/48000/2\r\n", "")),
            unparsable
        );
        let rtx = CREATED.replace("111 63", "111 63 97").replace(
            "a=fmtp:63 111/111\r\n",
            "a=fmtp:63 111/111\r\na=rtpmap:97 rtx/48000\r\na=fmtp:97 apt=96\r\n",
        );
        let bad_rtx = applied_local(&rtx, &rtx, "offer").unwrap().bad_rtx;
        assert_eq!(
            bad_rtx.as_deref(),
            Some("audio description recv parameters for m-section with mid='0'")
        );
        let good = rtx.replace("apt=96", "apt=111");
        assert_eq!(applied_local(&good, &good, "offer").unwrap().bad_rtx, None);
        let not_a_number = rtx.replace("apt=96", "apt=111x");
        let bad_rtx = applied_local(&not_a_number, &not_a_number, "offer")
            .unwrap()
            .bad_rtx;
        assert!(bad_rtx.is_some());
        let more = rtx.replace("apt=96", "apt=111;rtx-time=3000");
        assert_eq!(applied_local(&more, &more, "offer").unwrap().bad_rtx, None);
    }

    #[test]
    fn a_section_without_a_mid_is_refused_as_chromium_refuses_it() {
        let error = applied(&CREATED.replace("a=mid:0\r\n", "")).unwrap_err();
        assert_eq!(error.kind, ErrorKind::InvalidAccess);
        assert_eq!(
            error.message,
            "Failed to set local offer sdp: A media section is missing a MID attribute."
        );
    }
}
