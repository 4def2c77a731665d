//! `codecs::capabilities` against Chromium 156's own `getCapabilities()` lists
//! (`tests/fixtures/chromium-capabilities.json`, `JSON.stringify({audio: {send, receive},
//! video: {send, receive}}, null, 2)` from headless Chromium 156), and the committed
//! `pkg/capabilities.js` against what `cargo run --example capabilities` writes now.

#[path = "../examples/capabilities.rs"]
#[allow(dead_code)] // its main
mod generator;

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/chromium-capabilities.json"
);
const COMMITTED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/pkg/capabilities.js");

#[test]
fn the_lists_are_chromiums() {
    let chromium = std::fs::read_to_string(FIXTURE).unwrap();
    assert_eq!(format!("{}\n", generator::json()), chromium);
}

#[test]
fn pkg_capabilities_js_is_current() {
    let committed = std::fs::read_to_string(COMMITTED).unwrap();
    assert!(
        committed == generator::module(),
        "pkg/capabilities.js is stale: run `cargo run --example capabilities > pkg/capabilities.js`"
    );
}
