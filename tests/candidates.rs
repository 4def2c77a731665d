//! `jsep::add_ice_candidate`: where a remote candidate goes and which errors it gives, against a
//! BUNDLE description shaped like Chromium's (as in tests/browser/icecandidate.test.js); and
//! `jsep::remote_description_sdp`: the candidates a remote description brings, as Chromium 156
//! shows them.

use rtc_offer_polyfill::jsep::{add_ice_candidate, remote_description_sdp, CandidateInit};
use rtc_offer_polyfill::ErrorKind;

const REMOTE: &str = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0 1\r\n\
m=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=rtcp:9 IN IP4 0.0.0.0\r\n\
a=ice-ufrag:quoS\r\na=ice-pwd:YBCOVU8LrMn1JT2dwAsXksTr\r\na=mid:0\r\na=rtpmap:111 opus/48000/2\r\n\
m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\nc=IN IP4 0.0.0.0\r\n\
a=ice-ufrag:othr\r\na=ice-pwd:YBCOVU8LrMn1JT2dwAsXksTr\r\na=mid:1\r\na=sctp-port:5000\r\n";

const HOST: &str = "candidate:1 1 udp 2122260223 192.168.1.5 54321 typ host";

fn init<'a>(candidate: &'a str, mid: Option<&'a str>, index: Option<u16>) -> CandidateInit<'a> {
    CandidateInit {
        candidate,
        sdp_mid: mid,
        sdp_m_line_index: index,
        username_fragment: None,
    }
}

#[test]
fn a_candidate_goes_under_its_section_s_rtcp_line_as_libwebrtc_writes_it() {
    let sdp = add_ice_candidate(Some(REMOTE), &init(HOST, Some("1"), None))
        .unwrap()
        .unwrap();
    let sdp = add_ice_candidate(
        Some(&sdp),
        &init(&format!("a={HOST} ufrag quoS"), None, Some(0)),
    )
    .unwrap()
    .unwrap();
    // The c= line and m= port follow the new default destination; a=rtcp follows RTCP candidates.
    assert_eq!(
        sdp,
        REMOTE
            .replace(
                "a=rtcp:9 IN IP4 0.0.0.0\r\n",
                &format!("a=rtcp:9 IN IP4 0.0.0.0\r\na={HOST} generation 0\r\n")
            )
            .replace(
                "webrtc-datachannel\r\nc=IN IP4 0.0.0.0\r\n",
                &format!("webrtc-datachannel\r\nc=IN IP4 0.0.0.0\r\na={HOST} generation 0\r\n")
            )
            .replace(" 9 UDP/", " 54321 UDP/")
            .replace("c=IN IP4 0.0.0.0", "c=IN IP4 192.168.1.5")
    );
}

#[test]
fn end_of_candidates_is_checked_but_leaves_the_description_as_it_is() {
    assert_eq!(
        add_ice_candidate(Some(REMOTE), &init("", None, None)),
        Ok(None)
    );
    assert_eq!(
        add_ice_candidate(Some(REMOTE), &init("", Some("1"), None)),
        Ok(None)
    );
    let wrong = CandidateInit {
        username_fragment: Some("nope"),
        ..init("", None, None)
    };
    assert_eq!(
        add_ice_candidate(Some(REMOTE), &wrong).unwrap_err().kind,
        ErrorKind::Operation
    );
}

#[test]
fn errors() {
    let kind = |remote: Option<&str>, init: CandidateInit| {
        add_ice_candidate(remote, &init).unwrap_err().kind
    };
    assert_eq!(kind(Some(REMOTE), init(HOST, None, None)), ErrorKind::Type);
    assert_eq!(kind(None, init(HOST, None, None)), ErrorKind::Type);
    assert_eq!(
        kind(None, init(HOST, Some("0"), None)),
        ErrorKind::InvalidState
    );
    assert_eq!(kind(None, init("", None, None)), ErrorKind::InvalidState);
    assert_eq!(
        kind(Some(REMOTE), init(HOST, Some("9"), Some(0))),
        ErrorKind::Operation
    );
    assert_eq!(
        kind(Some(REMOTE), init(HOST, None, Some(2))),
        ErrorKind::Operation
    );
    assert_eq!(
        kind(Some(REMOTE), init("garbage", Some("0"), None)),
        ErrorKind::Operation
    );
    // The ufrag is matched against the indicated section only.
    let other_section = CandidateInit {
        username_fragment: Some("othr"),
        ..init(HOST, Some("0"), None)
    };
    assert_eq!(kind(Some(REMOTE), other_section), ErrorKind::Operation);
    let own_section = CandidateInit {
        username_fragment: Some("othr"),
        ..init(HOST, None, Some(1))
    };
    assert!(add_ice_candidate(Some(REMOTE), &own_section)
        .unwrap()
        .is_some());
}

#[test]
fn a_candidate_the_section_has_is_ignored_as_libwebrtc_does() {
    let once = add_ice_candidate(Some(REMOTE), &init(HOST, Some("0"), None))
        .unwrap()
        .unwrap();
    // The same candidate again, with the section's ufrag spelled out and another priority.
    let again = CandidateInit {
        username_fragment: Some("quoS"),
        ..init(
            "candidate:1 1 UDP 5 192.168.1.5 54321 typ host ufrag quoS network-cost 10",
            Some("0"),
            None,
        )
    };
    assert_eq!(add_ice_candidate(Some(&once), &again), Ok(None));
    // Another foundation, or another section, is another candidate.
    let other = init(
        "candidate:2 1 udp 2122260223 192.168.1.5 54321 typ host",
        Some("0"),
        None,
    );
    assert!(add_ice_candidate(Some(&once), &other).unwrap().is_some());
    assert!(add_ice_candidate(Some(&once), &init(HOST, Some("1"), None))
        .unwrap()
        .is_some());
}

/// A remote offer's candidates as Firefox, aiortc and werift spell them (see
/// tests/browser/icecandidate.test.js for the same against Chromium's own remoteDescription).
#[test]
fn inline_candidates_are_written_as_chromium_writes_them() {
    let given = REMOTE
        .replace(
            "a=rtcp:9 IN IP4 0.0.0.0\r\n",
            "a=rtcp:9 IN IP4 0.0.0.0\r\n\
             a=candidate:0 1 UDP 2122252543 192.168.1.2 49203 typ host\r\n\
             a=candidate:1 1 UDP 1686052863 198.51.100.1 49203 typ srflx raddr 192.168.1.2 rport 49203\r\n\
             a=candidate:0 1 udp 5 192.168.1.2 49203 typ host ufrag other\r\n\
             a=end-of-candidates\r\n",
        )
        .replace(
            "a=sctp-port:5000\r\n",
            "a=sctp-port:5000\r\n\
             a=candidate:f957a2332b1715da3b0ef8ba684454eb 1 udp 2130706431 FD00:0:0::2 58824 typ host\r\n\
             a=candidate:2 1 TCP 2105524479 192.168.1.2 9 typ host tcptype active\r\n",
        )
        .replace("a=group:BUNDLE", "a=end-of-candidates\r\na=candidate:9 1 udp 1 1.1.1.1 9 typ host\r\na=group:BUNDLE");
    let expected = REMOTE
        .replace(
            "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=rtcp:9 IN IP4 0.0.0.0\r\n",
            "m=audio 49203 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 198.51.100.1\r\na=rtcp:9 IN IP4 0.0.0.0\r\n\
             a=candidate:0 1 udp 2122252543 192.168.1.2 49203 typ host generation 0\r\n\
             a=candidate:1 1 udp 1686052863 198.51.100.1 49203 typ srflx raddr 192.168.1.2 rport 49203 generation 0\r\n",
        )
        .replace(
            "m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\nc=IN IP4 0.0.0.0\r\n",
            "m=application 58824 UDP/DTLS/SCTP webrtc-datachannel\r\nc=IN IP6 fd00::2\r\n\
             a=candidate:f957a2332b1715da3b0ef8ba684454eb 1 udp 2130706431 fd00::2 58824 typ host generation 0\r\n\
             a=candidate:2 1 tcp 2105524479 192.168.1.2 9 typ host tcptype active generation 0\r\n",
        );
    assert_eq!(remote_description_sdp(&given).unwrap(), expected);
    // Without candidates the description stays as it is.
    assert_eq!(remote_description_sdp(REMOTE).unwrap(), REMOTE);
}

#[test]
fn an_inline_candidate_that_does_not_parse_is_chromium_s_operation_error() {
    let given = REMOTE.replace(
        "a=sctp-port:5000\r\n",
        "a=sctp-port:5000\r\na=candidate:1 1 udp 1 1.2.3.4 1 typ host generation x\r\n",
    );
    let error = remote_description_sdp(&given).unwrap_err();
    // A bare a=candidate too; session-level candidates are not read at all.
    let bare = REMOTE.replace(
        "a=sctp-port:5000\r\n",
        "a=sctp-port:5000\r\na=candidate\r\n",
    );
    assert_eq!(
        remote_description_sdp(&bare).unwrap_err().kind,
        ErrorKind::Operation
    );
    let session = REMOTE.replace("a=group:", "a=candidate:x\r\na=group:");
    assert_eq!(remote_description_sdp(&session).unwrap(), REMOTE);
    assert_eq!(error.kind, ErrorKind::Operation);
    assert_eq!(
        error.message,
        "Failed to parse SessionDescription. a=candidate:1 1 udp 1 1.2.3.4 1 typ host generation x Invalid generation"
    );
}

/// Every prefix of a description with odd candidates, and each with a byte dropped: no panic, the
/// m= lines kept, an error only Chromium's OperationError.
#[test]
fn remote_description_sdp_takes_any_text() {
    let given = REMOTE.replace(
        "a=rtcp:9 IN IP4 0.0.0.0\r\n",
        "a=rtcp:9 IN IP4 0.0.0.0\r\na=candidate:1 -1 UDP 01 ::FFFF:1.2.3.4 9 typ srflx raddr fe80::1%eth0 rport 5 tcptype so\r\n\
         a=candidate:2 1 tcp 1 [::1] 0 typ relay rport 7 raddr 1.2.3.4 network-cost 99999\r\na=end-of-candidates\r\n",
    );
    let mut texts: Vec<String> = (0..=given.len())
        .map(|end| given[..end].to_owned())
        .collect();
    texts.extend((0..given.len()).map(|at| format!("{}{}", &given[..at], &given[at + 1..])));
    for text in &texts {
        match remote_description_sdp(text) {
            Ok(out) => assert_eq!(
                out.lines().filter(|line| line.starts_with("m=")).count(),
                text.lines().filter(|line| line.starts_with("m=")).count(),
                "{text}"
            ),
            Err(error) => assert_eq!(error.kind, ErrorKind::Operation, "{text}"),
        }
    }
}
