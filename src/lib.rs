//! rtc-offer-polyfill: the JSEP offers and answers a modern browser makes, generated in Rust.
//!
//! The core is plain Rust (no wasm types): [`jsep::JsepSession`] keeps the state a
//! peer connection needs across offers and answers, writes the SDP, applies remote
//! offers, answers and pranswers, answers remote offers as Chromium 156 does, and rolls
//! back; [`sdp`] models, writes and (crate-privately) parses the SDP; [`codecs`]
//! holds Chromium's capabilities; [`cert`] makes the DTLS certificate; [`ice`] the ICE
//! credentials; [`random`] is the one source of randomness. The `wasm` module is a thin
//! boundary used only when compiling to WebAssembly.

#![warn(missing_docs)]

pub mod cert;
#[cfg(target_arch = "wasm32")]
mod clock;
pub mod codecs;
pub mod error;
pub mod ice;
pub mod jsep;
pub mod random;
pub mod sdp;

#[cfg(target_arch = "wasm32")]
mod wasm;

pub use error::{Error, ErrorKind};

/// Entry points for the cargo-fuzz targets in `fuzz/` (feature `fuzzing`): not a stable
/// API, and not part of the documented one.
#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod fuzzing {
    /// Parses `sdp` as `setRemoteDescription` does before it reads the answer, and
    /// returns how many m-sections it has.
    pub fn parse_sdp(sdp: &str) -> Result<usize, crate::Error> {
        crate::sdp::parse(sdp).map(|parsed| parsed.media.len())
    }
}

/// The README's Rust example, compiled and run by `cargo test`.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
