//! rtc-offer-polyfill: the JSEP offer a modern browser makes, generated in Rust.
//!
//! The core is plain Rust (no wasm types): [`jsep::JsepSession`] keeps the state a
//! peer connection needs across offers, writes the SDP, applies the remote answer
//! (parsed by [`sdp::parse`]) and rolls back; [`codecs`] holds Chromium's capabilities;
//! [`cert`] makes the DTLS certificate; [`ice`] the ICE credentials. The `wasm` module is a thin boundary
//! used only when compiling to WebAssembly.

pub mod cert;
pub mod clock;
pub mod codecs;
pub mod error;
pub mod ice;
pub mod jsep;
pub mod random;
pub mod sdp;

#[cfg(target_arch = "wasm32")]
mod wasm;

pub use error::{Error, ErrorKind};

/// The README's Rust example, compiled and run by `cargo test`.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
