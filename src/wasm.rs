//! The wasm-bindgen boundary: converts JS values to core types and core errors to
//! `{name, message}` objects the JS glue turns into DOMExceptions. No logic lives here.

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;

use crate::cert::{self, Fingerprint};
use crate::error::{Error, ErrorKind};
use crate::jsep::{self, JsepSession};
use crate::random::Random;

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
    if let Some(line) = err.line {
        // An SDP has far fewer than 2^53 lines: the f64 is exact.
        let _ = Reflect::set(&obj, &"sdpLineNumber".into(), &(line as f64).into());
    }
    obj.into()
}

fn type_error(message: &str) -> JsValue {
    js_error(Error::new(ErrorKind::Type, message))
}

fn object(entries: &[(&str, JsValue)]) -> JsValue {
    let obj = Object::new();
    for (key, value) in entries {
        let _ = Reflect::set(&obj, &(*key).into(), value);
    }
    obj.into()
}

// The glue's plain argument objects, read by direct property gets: far smaller than a
// serde deserializer (whose error paths pull in float formatting) and cheaper than
// Reflect.get with a key string per read. `catch`: a get on null or undefined throws,
// which must come back as an error rather than unwind through a borrowed Session.
#[wasm_bindgen]
extern "C" {
    type Fields;
    #[wasm_bindgen(method, getter, catch)]
    fn transceivers(this: &Fields) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, getter, catch, js_name = dataChannel)]
    fn data_channel(this: &Fields) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, getter, catch)]
    fn id(this: &Fields) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, getter, catch)]
    fn kind(this: &Fields) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, getter, catch)]
    fn direction(this: &Fields) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, getter, catch)]
    fn stopped(this: &Fields) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, getter, catch, js_name = streamIds)]
    fn stream_ids(this: &Fields) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, getter, catch, js_name = trackId)]
    fn track_id(this: &Fields) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, getter, catch, js_name = sendRids)]
    fn send_rids(this: &Fields) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, getter, catch, js_name = codecPreferences)]
    fn codec_preferences(this: &Fields) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, getter, catch, js_name = mimeType)]
    fn mime_type(this: &Fields) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, getter, catch, js_name = clockRate)]
    fn clock_rate(this: &Fields) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, getter, catch)]
    fn channels(this: &Fields) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, getter, catch, js_name = sdpFmtpLine)]
    fn sdp_fmtp_line(this: &Fields) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, getter, catch)]
    fn length(this: &Fields) -> Result<JsValue, JsValue>;
    // Even Array.isArray throws, for a revoked Proxy.
    #[wasm_bindgen(js_namespace = Array, js_name = isArray, catch)]
    fn is_array(value: &JsValue) -> Result<bool, JsValue>;
    #[wasm_bindgen(method, getter, catch, js_name = iceRestart)]
    fn ice_restart(this: &Fields) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, getter, catch, js_name = voiceActivityDetection)]
    fn voice_activity_detection(this: &Fields) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, getter, catch)]
    fn algorithm(this: &Fields) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, getter, catch)]
    fn value(this: &Fields) -> Result<JsValue, JsValue>;
}

fn fields(value: &JsValue) -> &Fields {
    value.unchecked_ref()
}

/// The value of a field read by `get` as `T`, or a TypeError naming the field.
fn read<T>(
    get: Result<JsValue, JsValue>,
    convert: impl FnOnce(JsValue) -> Option<T>,
    what: &str,
) -> Result<T, JsValue> {
    get.ok().and_then(convert).ok_or_else(|| type_error(what))
}

fn boolean(value: JsValue) -> Option<bool> {
    value.as_bool()
}

fn string(value: JsValue) -> Option<String> {
    value.as_string()
}

/// A whole number in 0..=u32::MAX.
fn uint32(value: JsValue) -> Option<u32> {
    let n = value.as_f64()?;
    // The round trip is exact only for whole numbers in range (NaN never compares equal).
    (n >= 0.0 && n <= f64::from(u32::MAX) && f64::from(n as u32) == n).then_some(n as u32)
}

/// `value` when it is an array (a Proxy of one counts, as for `Array.isArray`).
fn if_array(value: JsValue) -> Option<JsValue> {
    matches!(is_array(&value), Ok(true)).then_some(value)
}

/// Each element of `array` (an [`if_array`]) converted, or the first error; `unreadable()`
/// when its length or an element cannot be read (a Proxy's trap throws: every read is
/// caught). A plain loop: collecting into a `Result<Vec<_>, _>` instantiates a much
/// larger iterator adapter per use.
fn each<T, E>(
    array: &JsValue,
    mut convert: impl FnMut(JsValue) -> Result<T, E>,
    unreadable: impl Fn() -> E,
) -> Result<Vec<T>, E> {
    let length = fields(array).length().ok().and_then(uint32);
    // No capacity from `length`: a sparse array can claim 2^32 - 1 elements (its first hole
    // ends the loop as an error).
    let mut out = Vec::new();
    for i in 0..length.ok_or_else(&unreadable)? {
        let element = Reflect::get_u32(array, i).map_err(|_| unreadable())?;
        out.push(convert(element)?);
    }
    Ok(out)
}

/// An array whose every element `convert` accepts.
fn array<T>(value: JsValue, convert: impl Fn(JsValue) -> Option<T>) -> Option<Vec<T>> {
    each(&if_array(value)?, |v| convert(v).ok_or(()), || ()).ok()
}

fn strings(value: JsValue) -> Option<Vec<String>> {
    array(value, string)
}

/// `convert(value)`, or `Some(None)` for null and undefined.
fn optional<T>(value: JsValue, convert: impl FnOnce(JsValue) -> Option<T>) -> Option<Option<T>> {
    match value.is_null_or_undefined() {
        true => Some(None),
        false => convert(value).map(Some),
    }
}

/// One `{mimeType, clockRate, channels, sdpFmtpLine}` of `codecPreferences`.
fn codec_preference(value: JsValue) -> Result<jsep::CodecPreference, JsValue> {
    let c = fields(&value);
    Ok(jsep::CodecPreference {
        mime_type: read(
            c.mime_type(),
            string,
            "snapshot: a codec preference's mimeType is not a string",
        )?,
        clock_rate: read(
            c.clock_rate(),
            uint32,
            "snapshot: a codec preference's clockRate is not a u32",
        )?,
        channels: read(
            c.channels(),
            |v| optional(v, |v| u16::try_from(uint32(v)?).ok()),
            "snapshot: a codec preference's channels is not a u16 or null",
        )?,
        sdp_fmtp_line: read(
            c.sdp_fmtp_line(),
            |v| optional(v, string),
            "snapshot: a codec preference's sdpFmtpLine is not a string or null",
        )?,
    })
}

fn transceiver(value: JsValue) -> Result<jsep::TransceiverSnapshot, JsValue> {
    let t = fields(&value);
    let kind = read(
        t.kind(),
        |v| match v.as_string()?.as_str() {
            "audio" => Some(jsep::MediaKind::Audio),
            "video" => Some(jsep::MediaKind::Video),
            _ => None,
        },
        "snapshot: a transceiver kind is not 'audio' or 'video'",
    )?;
    let direction = read(
        t.direction(),
        |v| match v.as_string()?.as_str() {
            "sendrecv" => Some(jsep::Direction::SendRecv),
            "sendonly" => Some(jsep::Direction::SendOnly),
            "recvonly" => Some(jsep::Direction::RecvOnly),
            "inactive" => Some(jsep::Direction::Inactive),
            _ => None,
        },
        "snapshot: a transceiver direction is not a direction",
    )?;
    Ok(jsep::TransceiverSnapshot {
        id: read(t.id(), uint32, "snapshot: a transceiver id is not a u32")?,
        kind,
        direction,
        stopped: read(
            t.stopped(),
            boolean,
            "snapshot: a transceiver's stopped is not a boolean",
        )?,
        stream_ids: read(
            t.stream_ids(),
            strings,
            "snapshot: streamIds is not an array of strings",
        )?,
        track_id: read(
            t.track_id(),
            |v| optional(v, string),
            "snapshot: trackId is not a string or null",
        )?,
        send_rids: read(
            t.send_rids(),
            strings,
            "snapshot: sendRids is not an array of strings",
        )?,
        // Absent (undefined) means no preferences.
        codec_preferences: match t.codec_preferences().map(|v| (v.is_undefined(), v)) {
            Ok((true, _)) => Vec::new(),
            Ok((false, v)) => match if_array(v) {
                Some(list) => each(&list, codec_preference, || {
                    type_error("snapshot: codecPreferences cannot be read")
                })?,
                None => return Err(type_error("snapshot: codecPreferences is not an array")),
            },
            Err(_) => return Err(type_error("snapshot: codecPreferences is not an array")),
        },
    })
}

fn fingerprint(value: JsValue) -> Result<Fingerprint, JsValue> {
    let f = fields(&value);
    let algorithm = read(
        f.algorithm(),
        string,
        "certificates: a fingerprint algorithm is not a string",
    )?;
    let digest = read(
        f.value(),
        |v| Fingerprint::parse_value(&v.as_string()?),
        "certificates: a fingerprint value is not colon-separated hex",
    )?;
    Ok(Fingerprint { algorithm, digest })
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
        let fingerprints = if_array(fingerprints)
            .ok_or_else(|| type_error("certificates: the fingerprints are not an array"))?;
        let fingerprints = each(&fingerprints, fingerprint, || {
            type_error("certificates: the fingerprints cannot be read")
        })?;
        let core = JsepSession::new(fingerprints, Random::os()).map_err(js_error)?;
        Ok(Session { core })
    }

    /// Writes an offer for `snapshot` (the transceivers and data channel) with `options`.
    #[wasm_bindgen(js_name = createOffer)]
    pub fn create_offer(&mut self, snapshot: JsValue, options: JsValue) -> Result<String, JsValue> {
        let s = fields(&snapshot);
        let transceivers = read(
            s.transceivers(),
            if_array,
            "snapshot: transceivers is not an array",
        )?;
        let transceivers = each(&transceivers, transceiver, || {
            type_error("snapshot: transceivers cannot be read")
        })?;
        let snapshot = jsep::Snapshot {
            transceivers,
            data_channel: read(
                s.data_channel(),
                boolean,
                "snapshot: dataChannel is not a boolean",
            )?,
        };
        let o = fields(&options);
        let options = jsep::OfferOptions {
            ice_restart: read(
                o.ice_restart(),
                boolean,
                "options: iceRestart is not a boolean",
            )?,
            voice_activity_detection: read(
                o.voice_activity_detection(),
                boolean,
                "options: voiceActivityDetection is not a boolean",
            )?,
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

    /// Applies a remote answer to the applied local offer; returns
    /// `[{id, mid, currentDirection, rejected}]` per m-section (`id` null for data).
    /// Errors: `{name, message, sdpLineNumber?}`.
    #[wasm_bindgen(js_name = setRemoteDescription)]
    pub fn set_remote_description(&mut self, sdp: &str) -> Result<Array, JsValue> {
        let sections = self.core.set_remote_description(sdp).map_err(js_error)?;
        Ok(sections
            .into_iter()
            .map(|s| {
                object(&[
                    ("id", s.id.map_or(JsValue::NULL, JsValue::from)),
                    ("mid", s.mid.into()),
                    ("currentDirection", s.current_direction.as_str().into()),
                    ("rejected", s.rejected.into()),
                ])
            })
            .collect())
    }

    /// Rolls back the applied local offer (no answer yet).
    pub fn rollback(&mut self) -> Result<(), JsValue> {
        self.core.rollback().map_err(js_error)
    }

    /// `canTrickleIceCandidates`: null before an answer, then whether it offers trickle.
    #[wasm_bindgen(getter, js_name = canTrickle)]
    pub fn can_trickle(&self) -> Option<bool> {
        self.core.remote_can_trickle()
    }
}

// Certificates. Where WebCrypto is present the glue makes the key pair and signs with it:
// `unsignedCertificate` then `UnsignedCertificate.sign`. Elsewhere `generateCertificate` does
// it all here (ECDSA P-256 only).

/// A DTLS certificate: its DER, expiry and fingerprint (no private key: nothing here signs).
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

/// A certificate for a WebCrypto key, waiting for that key's signature.
#[wasm_bindgen]
pub struct UnsignedCertificate {
    inner: cert::UnsignedCertificate,
}

#[wasm_bindgen]
impl UnsignedCertificate {
    /// The DER TBSCertificate for the key to sign, with SHA-256.
    pub fn tbs(&self) -> Vec<u8> {
        self.inner.tbs_der().to_vec()
    }

    /// The certificate, from the signature over `tbs()` as WebCrypto's `sign` returns it.
    /// Frees this object.
    pub fn sign(self, signature: &[u8]) -> Result<Certificate, JsValue> {
        let inner = self.inner.sign(signature).map_err(js_error)?;
        Ok(Certificate { inner })
    }
}

/// A certificate valid from now for `expires_in_ms` for the public key `spki`, WebCrypto's
/// `exportKey('spki')` of a key for `algorithm`: "ECDSA" (P-256) or "RSASSA-PKCS1-v1_5".
#[wasm_bindgen(js_name = unsignedCertificate)]
pub fn unsigned_certificate(
    algorithm: &str,
    spki: &[u8],
    expires_in_ms: f64,
) -> Result<UnsignedCertificate, JsValue> {
    let algorithm = match algorithm {
        "ECDSA" => cert::KeyAlgorithm::EcdsaP256,
        "RSASSA-PKCS1-v1_5" => cert::KeyAlgorithm::RsaPkcs1,
        _ => {
            return Err(type_error(
                "certificates: not a key algorithm of certificates",
            ))
        }
    };
    let inner = cert::UnsignedCertificate::new(
        &mut Random::os(),
        algorithm,
        spki,
        crate::clock::now_ms(),
        expires_in_ms,
    )
    .map_err(js_error)?;
    Ok(UnsignedCertificate { inner })
}
