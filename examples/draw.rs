//! Bulk draws for scripts/verify-randomness.sh: writes `count` certificates (`<i>.der` and their
//! SDP fingerprint in `<i>.fp`) into `dir`, then draws `ice_count` ICE credential pairs and
//! checks their charset and collisions.
//!
//!   cargo run --release --example draw -- <dir> <count> <ice_count>

use std::collections::HashSet;
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use rtc_offer_polyfill::cert::Certificate;
use rtc_offer_polyfill::ice::{is_ice_char, IceCredentials, PWD_LEN, UFRAG_LEN};
use rtc_offer_polyfill::random::Random;

const DAY_MS: f64 = 86_400_000.0;

/// Milliseconds since the Unix epoch.
fn now_ms() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(dir), Some(Ok(count)), Some(Ok(ice_count))) = (
        args.first(),
        args.get(1).map(|n| n.parse::<usize>()),
        args.get(2).map(|n| n.parse::<usize>()),
    ) else {
        eprintln!("usage: draw <dir> <certificate count> <ice credential count>");
        return ExitCode::from(2);
    };
    match run(dir, count, ice_count) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("draw: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(dir: &str, count: usize, ice_count: usize) -> Result<(), String> {
    let mut rng = Random::os();
    for i in 0..count {
        let cert =
            Certificate::generate(&mut rng, now_ms(), 30.0 * DAY_MS).map_err(|e| e.to_string())?;
        std::fs::write(format!("{dir}/{i}.der"), cert.der()).map_err(|e| e.to_string())?;
        std::fs::write(format!("{dir}/{i}.fp"), cert.fingerprint().sdp_value())
            .map_err(|e| e.to_string())?;
    }

    let mut ufrags = HashSet::with_capacity(ice_count);
    let mut pwds = HashSet::with_capacity(ice_count);
    for _ in 0..ice_count {
        let c = IceCredentials::generate(&mut rng).map_err(|e| e.to_string())?;
        if c.ufrag.len() != UFRAG_LEN || c.pwd.len() != PWD_LEN {
            return Err(format!("bad lengths: {c:?}"));
        }
        if !c.ufrag.chars().chain(c.pwd.chars()).all(is_ice_char) {
            return Err(format!("a character outside ice-char: {c:?}"));
        }
        ufrags.insert(c.ufrag);
        pwds.insert(c.pwd);
    }
    // 4 ufrag chars are 24 bits, so ufrags repeat by the birthday bound (as Chromium's do);
    // 24 pwd chars are 144 bits, so a repeated pwd means a broken generator.
    let n = ice_count as f64;
    let expected = n - 16_777_216.0 * (1.0 - (-n / 16_777_216.0).exp());
    let ufrag_repeats = ice_count - ufrags.len();
    let pwd_repeats = ice_count - pwds.len();
    println!(
        "ice: {ice_count} pairs, charset ok, {ufrag_repeats} repeated ufrags (≈{expected:.0} expected for 24 random bits), {pwd_repeats} repeated pwds"
    );
    if pwd_repeats > 0 || (ufrag_repeats as f64) > expected * 1.2 + 50.0 {
        return Err("credentials repeat more often than random ones would".into());
    }
    Ok(())
}
