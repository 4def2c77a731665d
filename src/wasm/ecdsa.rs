//! The ECDSA part's export (feature `ecdsa`): a certificate with an all-Rust P-256 key, for
//! pages without WebCrypto.

use js_sys::{Array, Uint8Array};
use wasm_bindgen::prelude::*;

use super::js_error;
use crate::cert;
use crate::random::Random;

#[wasm_bindgen(typescript_custom_section)]
const CERTIFICATE_PARTS: &'static str = r#"
/** A certificate the core made: its DER, SHA-256 fingerprint (lowercase colon hex, as
 * RTCCertificate.getFingerprints() has it) and expiry (ms since the epoch). */
export type CertificateParts = [der: Uint8Array, sha256Fingerprint: string, expires: number];
"#;

/// A fresh ECDSA P-256 certificate valid from now for `expires_in_ms`.
#[wasm_bindgen(js_name = generateCertificate, unchecked_return_type = "CertificateParts")]
pub fn generate_certificate(expires_in_ms: f64) -> Result<JsValue, JsValue> {
    let certificate =
        cert::Certificate::generate(&mut Random::os(), crate::clock::now_ms(), expires_in_ms)
            .map_err(js_error)?;
    // One value (a wasm-side object would cost a boundary call per field, and one to free it).
    // The fingerprint is hashed here: pages without WebCrypto have no digest to do it.
    Ok(Array::of3(
        &Uint8Array::new_from_slice(certificate.der()),
        &certificate.fingerprint().w3c_value().into(),
        &certificate.expires_ms().into(),
    )
    .into())
}
