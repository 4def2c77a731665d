//! `addIceCandidate` (webrtc-pc §4.4.1.6, RFC 9429 §5.10 for where candidates go): which
//! m-section of the remote description a candidate belongs to, whether it may be added,
//! and the description's text with it added, as libwebrtc writes it. Also the candidates a
//! remote description brings itself, as libwebrtc reads and writes them back.

use std::borrow::Cow;

use crate::error::{quoted, Error, ErrorKind};
use crate::sdp::{
    parse, section_candidates, with_default_destinations, with_section_attribute, AttributeValue,
    Candidate, ParsedMedia,
};

/// What `addIceCandidate` was given (an `RTCIceCandidateInit` after conversion).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CandidateInit<'a> {
    /// The candidate attribute; empty for end-of-candidates.
    pub candidate: &'a str,
    /// `sdpMid`.
    pub sdp_mid: Option<&'a str>,
    /// `sdpMLineIndex`.
    pub sdp_m_line_index: Option<u16>,
    /// `usernameFragment`.
    pub username_fragment: Option<&'a str>,
}

/// webrtc-pc's TypeError for a candidate that names no m-section.
fn no_section() -> Error {
    Error::new(
        ErrorKind::Type,
        "Candidate missing values for both sdpMid and sdpMLineIndex",
    )
}

/// Adds `init` to `remote`, the remote description's SDP (the pending one, else the current
/// one; `None` without either). Returns the new SDP, or `None` when it stays as it is: an
/// end-of-candidates, which Chromium 156 checks like a candidate but does not write, or a
/// candidate the section already has (libwebrtc ignores it).
///
/// Errors: `TypeError` for a candidate with neither mid nor index, `InvalidStateError`
/// without a remote description, `OperationError` for an unknown mid or index, a
/// `usernameFragment` that is not the indicated section's (any section's when none is
/// indicated), or a candidate that does not parse.
pub fn add_ice_candidate(
    remote: Option<&str>,
    init: &CandidateInit,
) -> Result<Option<String>, Error> {
    if !init.candidate.is_empty() && init.sdp_mid.is_none() && init.sdp_m_line_index.is_none() {
        return Err(no_section());
    }
    let Some(sdp) = remote else {
        return Err(Error::new(
            ErrorKind::InvalidState,
            "The remote description was null",
        ));
    };
    let description = parse(sdp)?;
    let session_ufrag = ufrag_of(&description.attributes);
    let section_ufrag = |media: &ParsedMedia<'_>| -> Option<String> {
        ufrag_of(&media.attributes)
            .or(session_ufrag)
            .map(str::to_owned)
    };
    let section = match (init.sdp_mid, init.sdp_m_line_index) {
        (Some(mid), _) => Some(
            description
                .media
                .iter()
                .position(|media| mid_of(media) == Some(mid))
                .ok_or_else(|| {
                    Error::new(
                        ErrorKind::Operation,
                        format!("No m-section has the mid {}", quoted(mid)),
                    )
                })?,
        ),
        (None, Some(index)) => {
            let index = usize::from(index);
            if index >= description.media.len() {
                return Err(Error::new(
                    ErrorKind::Operation,
                    format!("sdpMLineIndex {index} is past the last m-section"),
                ));
            }
            Some(index)
        }
        (None, None) => None,
    };
    if let Some(ufrag) = init.username_fragment {
        let matches = match section {
            Some(index) => section_ufrag(&description.media[index]).as_deref() == Some(ufrag),
            None => description
                .media
                .iter()
                .any(|media| section_ufrag(media).as_deref() == Some(ufrag)),
        };
        if !matches {
            return Err(Error::new(
                ErrorKind::Operation,
                format!(
                    "The usernameFragment {} matches no ice-ufrag of the remote description",
                    quoted(ufrag)
                ),
            ));
        }
    }
    if init.candidate.is_empty() {
        return Ok(None);
    }
    let candidate = Candidate::parse(init.candidate).map_err(|why| {
        Error::new(
            ErrorKind::Operation,
            format!(
                "Error processing ICE candidate {}: {why}",
                quoted(init.candidate)
            ),
        )
    })?;
    // Refused at the top already; the same TypeError rather than a panic should that move.
    let Some(index) = section else {
        return Err(no_section());
    };
    // libwebrtc silently ignores a candidate the section already has.
    let ufrag = section_ufrag(&description.media[index]);
    let known = section_candidates(sdp, index)
        .into_iter()
        .filter_map(|text| Candidate::parse(text).ok())
        .any(|known| known.is_equivalent(&candidate, ufrag.as_deref()));
    if known {
        return Ok(None);
    }
    let added = with_section_attribute(sdp, index, &candidate.to_sdp());
    let all: Vec<Candidate<'_>> = section_candidates(&added, index)
        .into_iter()
        .filter_map(|text| Candidate::parse(text).ok())
        .collect();
    Ok(Some(with_default_destinations(&added, index, &all)))
}

/// `sdp`, a remote offer or answer, as Chromium 156 shows it in `remoteDescription.sdp` as far
/// as candidates go: each m-section's `a=candidate` lines where libwebrtc writes them (after its
/// `a=rtcp` line, see [`with_section_attribute`]) and as it writes them (see
/// [`Candidate::to_sdp`]), a candidate the section already has dropped (whatever its `ufrag`:
/// libwebrtc gives inline candidates their section's), and the `c=` line, m= port and `a=rtcp`
/// line of a section with candidates following them; `a=end-of-candidates` and session-level
/// candidates dropped. Everything else stays as given.
///
/// Borrowed when there is nothing to change (no candidate lines, the common case), so no copy is
/// made and none crosses the wasm boundary back.
///
/// Errors: `OperationError` naming the first candidate line that does not parse, as Chromium's.
pub fn remote_description_sdp(sdp: &str) -> Result<Cow<'_, str>, Error> {
    if !sdp.contains("a=candidate") && !sdp.contains("a=end-of-candidates") {
        return Ok(Cow::Borrowed(sdp));
    }
    let mut out = String::with_capacity(sdp.len() + 64);
    let mut sections: Vec<Vec<Candidate<'_>>> = Vec::new();
    for line in sdp.split_inclusive('\n') {
        let body = line.trim_end_matches(['\r', '\n']);
        if body.starts_with("m=") {
            sections.push(Vec::new());
        } else if is_attribute(body, "end-of-candidates") {
            continue;
        } else if is_attribute(body, "candidate") {
            // libwebrtc ignores session-level candidates, unread.
            let Some(section) = sections.last_mut() else {
                continue;
            };
            let mut candidate = Candidate::parse(body).map_err(|why| {
                Error::new(
                    ErrorKind::Operation,
                    format!("Failed to parse SessionDescription. {body} {why}"),
                )
            })?;
            candidate.ufrag = None;
            if !section
                .iter()
                .any(|known| known.is_equivalent(&candidate, None))
            {
                section.push(candidate);
            }
            continue;
        }
        out.push_str(line);
    }
    for (index, candidates) in sections.iter().enumerate() {
        for candidate in candidates {
            out = with_section_attribute(&out, index, &candidate.to_sdp());
        }
        if !candidates.is_empty() {
            out = with_default_destinations(&out, index, candidates);
        }
    }
    Ok(Cow::Owned(out))
}

/// Whether `line` is an `a=<name>` attribute as libwebrtc tells (`HasAttribute`): the name whole,
/// then the line's end, `:` or a space.
fn is_attribute(line: &str, name: &str) -> bool {
    line.strip_prefix("a=")
        .and_then(|rest| rest.strip_prefix(name))
        .is_some_and(|rest| matches!(rest.bytes().next(), None | Some(b':' | b' ')))
}

fn mid_of<'a>(media: &ParsedMedia<'a>) -> Option<&'a str> {
    media.attributes.iter().find_map(|a| match a.value {
        AttributeValue::Mid(mid) => Some(mid),
        _ => None,
    })
}

fn ufrag_of<'a>(attributes: &[crate::sdp::Attribute<'a>]) -> Option<&'a str> {
    attributes.iter().find_map(|a| match a.value {
        AttributeValue::IceUfrag(ufrag) => Some(ufrag),
        _ => None,
    })
}
