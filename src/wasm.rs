//! The wasm-bindgen boundary: converts JS values to core types and core errors to
//! `{name, message}` objects the JS glue turns into DOMExceptions. No logic lives here.

use js_sys::{Array, Object, Reflect};
use serde::Deserialize;
use wasm_bindgen::prelude::*;

use crate::cert::{self, Fingerprint};
use crate::error::{Error, ErrorKind};
use crate::jsep::{self, JsepSession};
use crate::random::Random;

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
    obj.into()
}

fn type_error(what: &str, err: impl core::fmt::Display) -> JsValue {
    js_error(Error::new(ErrorKind::Type, format!("{what}: {err}")))
}

fn object(entries: &[(&str, JsValue)]) -> JsValue {
    let obj = Object::new();
    for (key, value) in entries {
        let _ = Reflect::set(&obj, &(*key).into(), value);
    }
    obj.into()
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SnapshotIn {
    transceivers: Vec<TransceiverIn>,
    data_channel: bool,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct TransceiverIn {
    id: u32,
    kind: KindIn,
    direction: DirectionIn,
    stopped: bool,
    stream_ids: Vec<String>,
    track_id: Option<String>,
    send_rids: Vec<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "lowercase")]
enum KindIn {
    Audio,
    Video,
}

#[derive(Deserialize)]
#[serde(rename_all = "lowercase")]
enum DirectionIn {
    Sendrecv,
    Sendonly,
    Recvonly,
    Inactive,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct OptionsIn {
    ice_restart: bool,
    voice_activity_detection: bool,
}

#[derive(Deserialize)]
struct FingerprintIn {
    algorithm: String,
    value: String,
}

impl From<TransceiverIn> for jsep::TransceiverSnapshot {
    fn from(t: TransceiverIn) -> Self {
        jsep::TransceiverSnapshot {
            id: t.id,
            kind: match t.kind {
                KindIn::Audio => jsep::MediaKind::Audio,
                KindIn::Video => jsep::MediaKind::Video,
            },
            direction: match t.direction {
                DirectionIn::Sendrecv => jsep::Direction::SendRecv,
                DirectionIn::Sendonly => jsep::Direction::SendOnly,
                DirectionIn::Recvonly => jsep::Direction::RecvOnly,
                DirectionIn::Inactive => jsep::Direction::Inactive,
            },
            stopped: t.stopped,
            stream_ids: t.stream_ids,
            track_id: t.track_id,
            send_rids: t.send_rids,
        }
    }
}

/// `AB:CD:…` (either case) to bytes.
fn parse_hex_colon(value: &str) -> Option<Vec<u8>> {
    value
        .split(':')
        .map(|pair| match pair.len() {
            2 => u8::from_str_radix(pair, 16).ok(),
            _ => None,
        })
        .collect()
}

/// One peer connection's JSEP state.
#[wasm_bindgen]
pub struct Session {
    core: JsepSession,
}

#[wasm_bindgen]
impl Session {
    /// `fingerprints`: `[{algorithm, value}]` of the configured certificates.
    #[wasm_bindgen(constructor)]
    pub fn new(fingerprints: JsValue) -> Result<Session, JsValue> {
        let input: Vec<FingerprintIn> = serde_wasm_bindgen::from_value(fingerprints)
            .map_err(|e| type_error("certificates", e))?;
        let fingerprints = input
            .into_iter()
            .map(|f| {
                let digest = parse_hex_colon(&f.value)
                    .ok_or_else(|| type_error("certificate fingerprint", &f.value))?;
                Ok(Fingerprint {
                    algorithm: f.algorithm,
                    digest,
                })
            })
            .collect::<Result<Vec<_>, JsValue>>()?;
        let core = JsepSession::new(fingerprints, Random::os()).map_err(js_error)?;
        Ok(Session { core })
    }

    /// Writes an offer for `snapshot` (the transceivers and data channel) with `options`.
    #[wasm_bindgen(js_name = createOffer)]
    pub fn create_offer(&mut self, snapshot: JsValue, options: JsValue) -> Result<String, JsValue> {
        let snapshot: SnapshotIn =
            serde_wasm_bindgen::from_value(snapshot).map_err(|e| type_error("snapshot", e))?;
        let options: OptionsIn =
            serde_wasm_bindgen::from_value(options).map_err(|e| type_error("options", e))?;
        let snapshot = jsep::Snapshot {
            transceivers: snapshot.transceivers.into_iter().map(Into::into).collect(),
            data_channel: snapshot.data_channel,
        };
        let options = jsep::OfferOptions {
            ice_restart: options.ice_restart,
            voice_activity_detection: options.voice_activity_detection,
        };
        self.core
            .create_offer(&snapshot, &options)
            .map_err(js_error)
    }

    /// Applies the last created offer; returns `[{id, mid}]` for its transceivers.
    #[wasm_bindgen(js_name = setLocalDescription)]
    pub fn set_local_description(&mut self, sdp: &str) -> Result<Array, JsValue> {
        let mids = self.core.set_local_description(sdp).map_err(js_error)?;
        Ok(mids
            .into_iter()
            .map(|(id, mid)| object(&[("id", id.into()), ("mid", mid.into())]))
            .collect())
    }
}

/// A DTLS certificate; its private key stays in wasm memory.
#[wasm_bindgen]
pub struct Certificate {
    inner: cert::Certificate,
}

#[wasm_bindgen]
impl Certificate {
    /// Expiry, in milliseconds since the epoch.
    #[wasm_bindgen(getter)]
    pub fn expires(&self) -> f64 {
        self.inner.expires_ms()
    }

    /// `[{algorithm, value}]` with the value in lowercase colon hex, as `getFingerprints()` reports it.
    pub fn fingerprints(&self) -> Array {
        let fp = self.inner.fingerprint();
        Array::of1(&object(&[
            ("algorithm", fp.algorithm.as_str().into()),
            ("value", fp.w3c_value().into()),
        ]))
    }

    /// The certificate's DER bytes.
    pub fn der(&self) -> Vec<u8> {
        self.inner.der().to_vec()
    }
}

/// A fresh ECDSA P-256 certificate valid from now for `expires_in_ms`.
#[wasm_bindgen(js_name = generateCertificate)]
pub fn generate_certificate(expires_in_ms: f64) -> Result<Certificate, JsValue> {
    let inner =
        cert::Certificate::generate(&mut Random::os(), crate::clock::now_ms(), expires_in_ms)
            .map_err(js_error)?;
    Ok(Certificate { inner })
}
