//! The ECDSA part's export (feature `ecdsa`): a certificate with an all-Rust P-256 key, for
//! pages without WebCrypto.

use wasm_bindgen::prelude::*;

use super::{certificate_parts, js_error};
use crate::cert;
use crate::random::Random;

/// A fresh ECDSA P-256 certificate valid from now for `expires_in_ms`.
#[wasm_bindgen(js_name = generateCertificate, unchecked_return_type = "CertificateParts")]
pub fn generate_certificate(expires_in_ms: f64) -> Result<JsValue, JsValue> {
    let certificate =
        cert::Certificate::generate(&mut Random::os(), crate::clock::now_ms(), expires_in_ms)
            .map_err(js_error)?;
    Ok(certificate_parts(&certificate))
}
