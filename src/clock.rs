//! Wall-clock time in milliseconds since the Unix epoch: the one place time is read
//! (`SystemTime::now()` panics on wasm32, so the browser's clock is used there).

/// Milliseconds since 1970-01-01T00:00:00Z.
#[cfg(target_arch = "wasm32")]
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Milliseconds since 1970-01-01T00:00:00Z.
#[cfg(not(target_arch = "wasm32"))]
pub fn now_ms() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs_f64() * 1000.0)
        .unwrap_or(0.0)
}
