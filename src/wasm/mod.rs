//! The wasm-bindgen boundary: converts JS values to core types and core errors to
//! `{name, message, errorDetail?, sdpLineNumber?}` objects the JS glue turns into
//! DOMExceptions, RTCErrors and TypeErrors. No logic lives here.
//!
//! scripts/build.sh builds it as three wasm parts, each with its own wasm-bindgen loader: the
//! main one (`session`, feature `wasm-session`: offers, the session, certificates around the
//! platform's keys and digest), the full one (`wasm-session,answer`: also everything that reads
//! SDP), and the all-Rust ECDSA certificates (`ecdsa`, feature `ecdsa`) that only pages without
//! WebCrypto load.

use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;

use crate::error::Error;

#[cfg(feature = "ecdsa")]
mod ecdsa;
#[cfg(feature = "wasm-session")]
mod session;

// talc rather than std's dlmalloc: ~7 KB smaller wasm (~2.3 KB gzip) and no slower. Its
// unlocked cell is sound only single-threaded, which this cfg (and talc, at compile time) checks.
#[cfg(not(target_feature = "atomics"))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[cfg(feature = "debug-panic-hook")]
#[wasm_bindgen(start)]
fn start() {
    console_error_panic_hook::set_once();
}

fn js_error(err: Error) -> JsValue {
    let obj = Object::new();
    // Reflect::set on a fresh plain object cannot fail.
    let _ = Reflect::set(&obj, &"name".into(), &err.kind.name().into());
    let _ = Reflect::set(&obj, &"message".into(), &err.message.into());
    if let Some(detail) = err.kind.error_detail() {
        let _ = Reflect::set(&obj, &"errorDetail".into(), &detail.into());
    }
    if let Some(line) = err.line {
        // An SDP has far fewer than 2^53 lines: the f64 is exact.
        let _ = Reflect::set(&obj, &"sdpLineNumber".into(), &(line as f64).into());
    }
    obj.into()
}
