//! The SDP parser behind setRemoteDescription, on arbitrary bytes.
//! Checks: no panic; a parse error is an OperationError (W3C 'sdp-syntax-error') whose line
//! number, when given, is a line of the input (or the one after the last, for a missing
//! line); a parsed description has one media section per m= line.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rtc_offer_polyfill::fuzzing::parse_sdp;
use rtc_offer_polyfill::ErrorKind;

fuzz_target!(|data: &[u8]| {
    // The boundary takes JS strings, which arrive as UTF-8.
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match parse_sdp(text) {
        Ok(media_sections) => {
            let m_lines = text.lines().filter(|l| l.starts_with("m=")).count();
            assert_eq!(media_sections, m_lines, "media sections");
        }
        Err(e) => {
            assert_eq!(e.kind, ErrorKind::SdpSyntax, "{e}");
            if let Some(line) = e.line {
                let lines = text.split('\n').count();
                assert!(
                    (1..=lines + 1).contains(&line),
                    "line {line} of {lines}: {e}"
                );
            }
        }
    }
});
