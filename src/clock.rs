//! Wall-clock time for the wasm boundary: the browser's clock (`SystemTime::now()` panics
//! on wasm32). Native callers pass their own time to [`crate::cert::Certificate::generate`].

/// Milliseconds since 1970-01-01T00:00:00Z.
pub(crate) fn now_ms() -> f64 {
    js_sys::Date::now()
}
