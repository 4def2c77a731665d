//! The main wasm part's exports: sessions, certificates around WebCrypto's keys, ICE
//! candidates, capabilities (feature `wasm-session`).

use js_sys::{Array, JsString, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;

use super::js_error;
use crate::cert::{self, Fingerprint};
use crate::error::{Error, ErrorKind};
use crate::jsep::{self, JsepSession};
use crate::random::Random;
use crate::sdp::session_version_range;

#[wasm_bindgen]
extern "C" {
    /// `Reflect.set` without `catch`: on an object the boundary just made (a plain one, no
    /// setter, no proxy) it cannot throw, and js-sys's catching one goes through a wrapper that
    /// applies `arguments`, which made building an answer's results most of a Node answer round.
    #[wasm_bindgen(js_namespace = Reflect, js_name = set)]
    fn set_own(target: &JsValue, key: &str, value: &JsValue) -> bool;
}

fn object(entries: &[(&str, JsValue)]) -> JsValue {
    let obj = Object::new().into();
    for (key, value) in entries {
        set_own(&obj, key, value);
    }
    obj
}

fn type_error(message: &str) -> JsValue {
    js_error(Error::new(ErrorKind::Type, message))
}

/// The TypeScript shapes of what crosses the boundary: the glue's JSDoc imports them from the
/// generated `.d.ts`, so the glue and these conversions cannot disagree unnoticed.
#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** One transceiver as an operation sees it (jsep::TransceiverSnapshot). */
export interface TransceiverSnapshot {
  /** Chosen by the glue, stable per transceiver. */
  id: number;
  kind: 'audio' | 'video';
  direction: 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';
  /** Stopping or stopped. */
  stopped: boolean;
  streamIds: readonly string[];
  /** The track id for a=msid; null: the core picks one. */
  trackId: string | null;
  /** Simulcast rids (two or more), else empty. */
  sendRids: readonly string[];
  /** Those of sendRids whose encoding is inactive (offered paused). */
  pausedRids: readonly string[];
  /** setCodecPreferences(); empty: the defaults. */
  codecPreferences: readonly CodecPreference[];
  /** addTrack() made it or took it over (a remote offer may claim it by kind). */
  addedByTrack: boolean;
}
/** An RTCRtpCodec of setCodecPreferences() (codecs::CodecPreference). */
export interface CodecPreference {
  mimeType: string;
  clockRate: number;
  channels: number | null;
  sdpFmtpLine: string | null;
}
/** Every transceiver, in the order added, and whether a data channel exists (jsep::Snapshot). */
export interface SnapshotFields {
  dataChannel: boolean;
  transceivers: readonly TransceiverSnapshot[];
}
/**
 * SnapshotFields packed into one string (by packSnapshot in snapshot.js, the only writer), which
 * the boundary reads in one go rather than field by field. Each field, in the order the
 * interfaces above list them (dataChannel first), is a flag `0,` or `1,`, a number `<digits>,`, a
 * string `<its length in UTF-16 units>:<it>`, null `-,` or a list `<count>,` then its items.
 */
export type Snapshot = string & { readonly packedSnapshot: true };
/** RTCOfferOptions, normalized (jsep::OfferOptions). */
export interface OfferOptions {
  iceRestart: boolean;
  voiceActivityDetection: boolean;
}
/** createAnswer() options (jsep::AnswerOptions): Chromium honours voiceActivityDetection. */
export interface AnswerOptions {
  voiceActivityDetection: boolean;
}
/**
 * One m-section of an applied remote offer (jsep::OfferedMLine), in one array: no key to write
 * per member. id: the transceiver carrying it, null for the data section and sections this side
 * cannot take; created: the glue makes a recvonly transceiver with this id and kind; direction:
 * the offered one seen from this side ('inactive' when rejected); rejected: the offerer rejected
 * it (port 0), its transceiver is stopped.
 */
export type OfferedSection = [
  id: number | null,
  kind: 'audio' | 'video' | null,
  created: boolean,
  mid: string,
  direction: 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive',
  rejected: boolean,
  remoteStreamIds: string[],
];
/** What setRemoteDescription of an offer changed (jsep::RemoteOfferApplied). */
export interface RemoteOfferApplied {
  sections: OfferedSection[];
  /** The offer's data section, when this side takes it. */
  sctp: { maxMessageSize: number | null } | null;
  /** What the implicit rollback of the applied local offer undid, when there was one. */
  rolledBack: RolledBack | null;
}
/** What setLocalDescription of an answer or pranswer changed (jsep::LocalAnswerApplied). */
export interface LocalAnswerApplied {
  mids: MidChange[];
  sections: NegotiatedSection[];
  sctp: SctpAnswer | null;
  /** The applied answer as Chromium serializes it (localDescription.sdp). */
  sdp: string;
}
/** An RTCIceParameters. */
export interface IceParametersInit {
  usernameFragment: string;
  password: string;
}
/** The applied descriptions' ICE parameters (jsep::IceParameters); null before a description. */
export interface IceParameters {
  local: IceParametersInit | null;
  remote: IceParametersInit | null;
}
/** What a rollback undid (jsep::RolledBack): created lists the transceivers a remote offer made. */
export interface RolledBack {
  mids: MidChange[];
  created: number[];
}
/** A certificate around a WebCrypto key: its DER and expiry (ms since the epoch). The glue
 * hashes the DER for its fingerprint with the platform's SHA-256, so sha2 is not linked here. */
export type SignedCertificate = [der: Uint8Array, expires: number];
/** A certificate fingerprint as RTCCertificate.getFingerprints() has it. */
export interface FingerprintInit {
  algorithm: string;
  value: string;
}
/** A transceiver's mid after an operation (jsep::MidChange); null: it has none now. */
export type MidChange = [id: number, mid: string | null];
/** What setLocalDescription of an offer changed (jsep::LocalOfferApplied), in one array: no
 * key to write per member. dataSection: it has a data m-section that is not rejected; sdp: the
 * applied offer as Chromium serializes it (localDescription.sdp). */
export type LocalOfferApplied = [mids: MidChange[], hasMLines: boolean, iceRestart: boolean, dataSection: boolean, sdp: string];
/**
 * Our view of one m-section after an answer (jsep::NegotiatedMLine), in one array: no key to
 * write per member. id null: data; remoteStreamIds: the answer's a=msid stream ids, the remote
 * streams of this section's receiver track.
 */
export type NegotiatedSection = [
  id: number | null,
  mid: string,
  currentDirection: 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive',
  rejected: boolean,
  remoteStreamIds: string[],
];
/** What an answer accepting the data m-section says of the SCTP association (jsep::SctpAnswer). */
export interface SctpAnswer {
  /** Our DTLS role (the first such answer's): the client uses even SCTP stream ids, the server odd ones. */
  dtlsRole: 'client' | 'server';
  /** Its a=max-message-size; null without one. */
  maxMessageSize: number | null;
}
/** What setRemoteDescription of an answer changed (jsep::RemoteAnswerApplied). */
export interface RemoteAnswerApplied {
  mids: MidChange[];
  sections: NegotiatedSection[];
  sctp: SctpAnswer | null;
}
/** An RTCRtpCodecParameters of a negotiated m-section (jsep::CodecParameters). */
export interface NegotiatedCodec {
  payloadType: number;
  /** kind/name as the description wrote the name, e.g. 'audio/opus', 'video/rtx'. */
  mimeType: string;
  clockRate: number;
  /** Audio only (1 without an rtpmap channel count); absent for video. */
  channels?: number;
  /** The a=fmtp parameters verbatim; absent without an a=fmtp line. */
  sdpFmtpLine?: string;
}
/** What one transceiver's m-section negotiated in the last completed exchange (jsep::RtpParameters). */
export interface RtpParameters {
  /** The transceiver's id. */
  id: number;
  mid: string;
  /** The remote description's formats, in its order (RTCRtpSender.getParameters().codecs). */
  sendCodecs: NegotiatedCodec[];
  /** The local description's formats, in its order (RTCRtpReceiver.getParameters().codecs). */
  receiveCodecs: NegotiatedCodec[];
  /** Extensions both descriptions have, with the remote ids. */
  headerExtensions: { uri: string; id: number }[];
  /** Both descriptions have a=rtcp-rsize. */
  reducedSize: boolean;
  /** The remote description has a=simulcast (without it only the first encoding is sent). */
  simulcast: boolean;
  /** The rids its a=simulcast receives paused (~rid): those encodings become inactive. */
  pausedRids: string[];
  /** Our sender's SSRC, then for video its RTX SSRC; empty for a simulcast sender. */
  ssrcs: number[];
}
/** What every export throws (error::Error). */
export interface CoreError {
  name: 'TypeError' | 'InvalidStateError' | 'InvalidModificationError' | 'InvalidAccessError' | 'NotSupportedError' | 'OperationError';
  message: string;
  errorDetail?: 'sdp-syntax-error';
  sdpLineNumber?: number;
}
"#;

// One extern type per JS dictionary, read by direct property gets: far smaller than a serde
// deserializer (see the README's Decisions) and cheaper than Reflect.get with a key string per
// read. `catch`: a get on null or undefined throws, which must come back as an error rather than
// unwind through a borrowed WasmSession.
#[wasm_bindgen]
extern "C" {
    /// The packed snapshot, a string (`Snapshot` above).
    #[wasm_bindgen(typescript_type = "Snapshot")]
    pub type SnapshotInit;

    #[wasm_bindgen(typescript_type = "OfferOptions")]
    pub type OfferOptionsInit;
    #[wasm_bindgen(method, getter, catch, js_name = iceRestart)]
    fn ice_restart(this: &OfferOptionsInit) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, getter, catch, js_name = voiceActivityDetection)]
    fn voice_activity_detection(this: &OfferOptionsInit) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(typescript_type = "AnswerOptions")]
    pub type AnswerOptionsInit;
    #[wasm_bindgen(method, getter, catch, js_name = voiceActivityDetection)]
    fn voice_activity_detection(this: &AnswerOptionsInit) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(typescript_type = "FingerprintInit")]
    type FingerprintInit;
    #[wasm_bindgen(method, getter, catch)]
    fn algorithm(this: &FingerprintInit) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, getter, catch)]
    fn value(this: &FingerprintInit) -> Result<JsValue, JsValue>;

    /// Any array-like: what [`each`] reads.
    type ArrayLike;
    #[wasm_bindgen(method, getter, catch)]
    fn length(this: &ArrayLike) -> Result<JsValue, JsValue>;
    // Even Array.isArray throws, for a revoked Proxy.
    #[wasm_bindgen(js_namespace = Array, js_name = isArray, catch)]
    fn is_array(value: &JsValue) -> Result<bool, JsValue>;
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
    let length = array
        .unchecked_ref::<ArrayLike>()
        .length()
        .ok()
        .and_then(uint32);
    // No capacity from `length`: a sparse array can claim 2^32 - 1 elements (its first hole
    // ends the loop as an error).
    let mut out = Vec::new();
    for i in 0..length.ok_or_else(&unreadable)? {
        let element = Reflect::get_u32(array, i).map_err(|_| unreadable())?;
        out.push(convert(element)?);
    }
    Ok(out)
}

fn fingerprint(value: JsValue) -> Result<Fingerprint, JsValue> {
    let f: &FingerprintInit = value.unchecked_ref();
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

/// The packed snapshot (`Snapshot` above) being read: each read takes one field off the
/// front, or None when the field there is not one of its kind.
struct Packed<'a>(&'a str);

impl<'a> Packed<'a> {
    /// What is before the next `end`, which is passed.
    fn until(&mut self, end: char) -> Option<&'a str> {
        let (field, rest) = self.0.split_once(end)?;
        self.0 = rest;
        Some(field)
    }

    fn number(&mut self) -> Option<u32> {
        self.until(',')?.parse().ok()
    }

    fn flag(&mut self) -> Option<bool> {
        match self.until(',')? {
            "0" => Some(false),
            "1" => Some(true),
            _ => None,
        }
    }

    /// A string, its length counted in UTF-16 units as JS counts it (an unpaired surrogate
    /// arrives as U+FFFD, one unit too).
    fn text(&mut self) -> Option<&'a str> {
        let units: usize = self.until(':')?.parse().ok()?;
        let (mut counted, mut end) = (0, 0);
        for c in self.0.chars() {
            if counted >= units {
                break;
            }
            counted += c.len_utf16();
            end += c.len_utf8();
        }
        if counted != units {
            return None;
        }
        let (text, rest) = self.0.split_at(end);
        self.0 = rest;
        Some(text)
    }

    fn string(&mut self) -> Option<String> {
        self.text().map(str::to_owned)
    }

    /// `read`'s field, or None for null.
    fn optional<T>(&mut self, read: impl FnOnce(&mut Self) -> Option<T>) -> Option<Option<T>> {
        match self.0.strip_prefix("-,") {
            Some(rest) => {
                self.0 = rest;
                Some(None)
            }
            None => read(self).map(Some),
        }
    }

    /// A list of `read`'s fields. No capacity from its count, which may be any number.
    fn list<T>(&mut self, mut read: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        let mut items = Vec::new();
        for _ in 0..self.number()? {
            items.push(read(self)?);
        }
        Some(items)
    }

    fn codec_preference(&mut self) -> Option<jsep::CodecPreference> {
        Some(jsep::CodecPreference {
            mime_type: self.string()?,
            clock_rate: self.number()?,
            channels: self.optional(|p| u16::try_from(p.number()?).ok())?,
            sdp_fmtp_line: self.optional(Self::string)?,
        })
    }

    fn transceiver(&mut self) -> Option<jsep::TransceiverSnapshot> {
        Some(jsep::TransceiverSnapshot {
            id: jsep::TransceiverId::from(self.number()?),
            kind: jsep::MediaKind::from_name(self.text()?)?,
            direction: jsep::Direction::from_name(self.text()?)?,
            stopped: self.flag()?,
            stream_ids: self.list(Self::string)?,
            track_id: self.optional(Self::string)?,
            send_rids: self.list(Self::string)?,
            paused_rids: self.list(Self::string)?,
            codec_preferences: self.list(Self::codec_preference)?,
            added_by_track: self.flag()?,
        })
    }

    /// The whole snapshot, nothing after it.
    fn snapshot(&mut self) -> Option<jsep::Snapshot> {
        let data_channel = self.flag()?;
        let transceivers = self.list(Self::transceiver)?;
        self.0.is_empty().then_some(jsep::Snapshot {
            transceivers,
            data_channel,
        })
    }
}

/// The packed snapshot the glue gives, converted: a TypeError if it is not one.
fn snapshot(packed: &JsValue) -> Result<jsep::Snapshot, JsValue> {
    packed
        .as_string()
        .and_then(|packed| Packed(&packed).snapshot())
        .ok_or_else(|| type_error("snapshot: not a packed snapshot"))
}

/// A JS array of `strings`.
fn strings_array(strings: Vec<String>) -> Array {
    strings.into_iter().map(JsValue::from).collect()
}

/// `[[id, mid]]`, each mid a string or null.
fn mid_changes(mids: Vec<jsep::MidChange>) -> Array {
    mids.into_iter()
        .map(|m| {
            let mid = m.mid.map_or(JsValue::NULL, |mid| mid.as_str().into());
            Array::of2(&m.transceiver.get().into(), &mid)
        })
        .collect()
}

#[cfg(feature = "answer")]
/// `{mids, sections, sctp}`: what a remote answer or pranswer changed.
fn remote_answer_applied(applied: jsep::RemoteAnswerApplied) -> JsValue {
    object(&[
        ("mids", mid_changes(applied.mids).into()),
        ("sections", negotiated_sections(applied.sections).into()),
        ("sctp", sctp_answer(applied.sctp)),
    ])
}

#[cfg(feature = "answer")]
/// `[[id, mid, currentDirection, rejected, remoteStreamIds]]` (`NegotiatedSection`).
fn negotiated_sections(sections: Vec<jsep::NegotiatedMLine>) -> Array {
    sections
        .into_iter()
        .map(|s| {
            Array::of5(
                &s.id.map_or(JsValue::NULL, |id| id.get().into()),
                &s.mid.as_str().into(),
                &s.current_direction.as_str().into(),
                &s.rejected.into(),
                &strings_array(s.remote_stream_ids),
            )
        })
        .collect()
}

fn negotiated_codecs(codecs: &[jsep::CodecParameters]) -> Array {
    codecs
        .iter()
        .map(|c| {
            let codec = object(&[
                ("payloadType", c.payload_type.get().into()),
                ("mimeType", c.mime_type.as_str().into()),
                ("clockRate", c.clock_rate.into()),
            ]);
            if let Some(channels) = c.channels {
                set_own(&codec, "channels", &channels.into());
            }
            if let Some(fmtp) = &c.sdp_fmtp_line {
                set_own(&codec, "sdpFmtpLine", &fmtp.as_str().into());
            }
            codec
        })
        .collect()
}

fn rtp_parameters(p: &jsep::RtpParameters) -> JsValue {
    let extensions: Array = p
        .header_extensions
        .iter()
        .map(|e| object(&[("uri", e.uri.as_str().into()), ("id", e.id.into())]))
        .collect();
    let ssrcs = Array::new();
    if let Some((primary, rtx)) = p.ssrcs {
        ssrcs.push(&primary.get().into());
        if let Some(rtx) = rtx {
            ssrcs.push(&rtx.get().into());
        }
    }
    object(&[
        ("id", p.transceiver.get().into()),
        ("mid", p.mid.as_str().into()),
        ("sendCodecs", negotiated_codecs(&p.send_codecs).into()),
        ("receiveCodecs", negotiated_codecs(&p.receive_codecs).into()),
        ("headerExtensions", extensions.into()),
        ("reducedSize", p.rtcp_reduced_size.into()),
        ("simulcast", p.simulcast.into()),
        ("pausedRids", strings_array(p.paused_rids.clone()).into()),
        ("ssrcs", ssrcs.into()),
    ])
}

#[cfg(feature = "answer")]
/// A message size limit, or null. Sizes past 2^53 lose precision as JS numbers; any such limit
/// means "no limit" alike.
fn message_size(size: Option<u64>) -> JsValue {
    size.map_or(JsValue::NULL, |size| JsValue::from(size as f64))
}

#[cfg(feature = "answer")]
/// `{dtlsRole, maxMessageSize}` or null.
fn sctp_answer(sctp: Option<jsep::SctpAnswer>) -> JsValue {
    sctp.map_or(JsValue::NULL, |sctp| {
        let role = match sctp.dtls_role {
            jsep::DtlsRole::Client => "client",
            jsep::DtlsRole::Server => "server",
        };
        object(&[
            ("dtlsRole", role.into()),
            ("maxMessageSize", message_size(sctp.max_message_size)),
        ])
    })
}

/// `{mids, created}`.
fn rolled_back(rolled: jsep::RolledBack) -> JsValue {
    let created: Array = rolled
        .created
        .into_iter()
        .map(|id| JsValue::from(id.get()))
        .collect();
    object(&[
        ("mids", mid_changes(rolled.mids).into()),
        ("created", created.into()),
    ])
}

/// One peer connection's JSEP state ([`JsepSession`]).
#[wasm_bindgen(js_name = JsepSession)]
pub struct WasmSession {
    core: JsepSession,
    /// The snapshot createOffer or createAnswer was last given: they are given none when it
    /// has not changed, which spares reading it field by field across the boundary.
    snapshot: jsep::Snapshot,
    /// The SDP createOffer or createAnswer last wrote afresh, as the JS strings before and
    /// after its session version: the same description repeated under another version is
    /// joined from them in JS, sharing their characters, rather than copied and decoded again.
    written: Option<(JsString, JsString)>,
    /// The last created offer as createOffer returned it (the core's while it has one): given
    /// back to setLocalDescription or read as lastCreatedOffer, it is neither copied in nor
    /// decoded out again.
    offer: Option<JsString>,
}

impl WasmSession {
    /// Takes `snapshot` as the one operations use, or keeps the last one taken when none is
    /// given.
    fn take_snapshot(&mut self, snapshot: Option<SnapshotInit>) -> Result<(), JsValue> {
        if let Some(init) = snapshot {
            self.snapshot = self::snapshot(&init)?;
        }
        Ok(())
    }

    /// The description `made` from the session's snapshot: the last one written afresh
    /// under the next session version when the core repeats it, joined in JS from the
    /// strings around that one's version (nothing copied, decoded or scanned again), else
    /// one written afresh by `write`.
    fn described(
        &mut self,
        made: jsep::Made,
        write: impl FnOnce(&mut JsepSession, &jsep::Snapshot) -> Result<String, Error>,
    ) -> Result<JsString, JsValue> {
        if let Some((head, tail)) = &self.written {
            if let Some(version) = self.core.repeat(&self.snapshot, made) {
                // A number, which concat converts: no string to decode.
                return Ok(head.concat(&JsValue::from_f64(version as f64)).concat(tail));
            }
        }
        let sdp = write(&mut self.core, &self.snapshot).map_err(js_error)?;
        Ok(self.afresh(sdp))
    }

    /// `sdp`, written afresh, as the JS string to return; its parts around the session
    /// version are kept for the repeats that may follow.
    fn afresh(&mut self, sdp: String) -> JsString {
        let version = session_version_range(&sdp);
        let text = JsString::from(sdp.as_str());
        // Everything before the version is ASCII: its byte offsets are UTF-16 ones.
        self.written = version.map(|at| {
            let tail = text.slice(at.end as u32, u32::MAX);
            (text.slice(0, at.start as u32), tail)
        });
        text
    }
}

#[wasm_bindgen(js_class = JsepSession)]
impl WasmSession {
    /// A session for the configured certificates' fingerprints. The offer-only part records
    /// the random bytes it draws ([`WasmSession::random_drawn`]); the full part takes them as
    /// `replay`, to reach the same state from the same calls.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "FingerprintInit[]")] fingerprints: JsValue,
        replay: Option<Vec<u8>>,
    ) -> Result<WasmSession, JsValue> {
        let fingerprints = if_array(fingerprints)
            .ok_or_else(|| type_error("certificates: the fingerprints are not an array"))?;
        let fingerprints = each(&fingerprints, fingerprint, || {
            type_error("certificates: the fingerprints cannot be read")
        })?;
        let rng = match replay {
            Some(bytes) => Random::replaying(bytes),
            None if cfg!(feature = "answer") => Random::os(),
            None => Random::recording(),
        };
        let core = JsepSession::new(fingerprints, rng).map_err(js_error)?;
        Ok(WasmSession {
            core,
            snapshot: jsep::Snapshot::default(),
            written: None,
            offer: None,
        })
    }

    /// The random bytes the session has drawn (the offer-only part records them).
    #[wasm_bindgen(js_name = randomDrawn)]
    pub fn random_drawn(&self) -> Vec<u8> {
        self.core.random_drawn().to_vec()
    }

    /// Writes an offer for `snapshot` (the transceivers and data channel; undefined: the
    /// one last given to createOffer or createAnswer) with `options`; it becomes the last
    /// created offer.
    #[wasm_bindgen(js_name = createOffer)]
    pub fn create_offer(
        &mut self,
        snapshot: Option<SnapshotInit>,
        options: &OfferOptionsInit,
    ) -> Result<JsString, JsValue> {
        self.take_snapshot(snapshot)?;
        let options = jsep::OfferOptions {
            ice_restart: read(
                options.ice_restart(),
                boolean,
                "options: iceRestart is not a boolean",
            )?,
            voice_activity_detection: read(
                options.voice_activity_detection(),
                boolean,
                "options: voiceActivityDetection is not a boolean",
            )?,
        };
        let offer = self.described(jsep::Made::Offer(options), |core, snapshot| {
            core.offer_afresh(snapshot, &options)
        })?;
        self.offer = Some(offer.clone());
        Ok(offer)
    }

    /// The last created offer's SDP; null before one and once an answer is applied.
    #[wasm_bindgen(getter, js_name = lastCreatedOffer)]
    pub fn last_created_offer(&self) -> Option<JsString> {
        let sdp = self.core.last_created_offer()?;
        Some(self.offer.clone().unwrap_or_else(|| sdp.into()))
    }

    /// Applies the last created offer, or one munged as Chromium allows.
    #[wasm_bindgen(js_name = setLocalDescription, unchecked_return_type = "LocalOfferApplied")]
    pub fn set_local_description(&mut self, sdp: JsString) -> Result<Array, JsValue> {
        // The offer given back as created (the same JS string, or an equal one) is the
        // core's own: no copy of it crosses the boundary either way.
        let created = self
            .offer
            .clone()
            .filter(|offer| *offer == sdp && self.core.last_created_offer().is_some());
        let applied = match created {
            Some(_) => self.core.set_last_created_offer(),
            None => self
                .core
                .set_local_description(&sdp.as_string().unwrap_or_default()),
        }
        .map_err(js_error)?;
        let sdp = created.map_or_else(|| applied.sdp.into(), JsValue::from);
        Ok(Array::of5(
            &mid_changes(applied.mids),
            &applied.has_m_lines.into(),
            &applied.ice_restart.into(),
            &applied.data_section.into(),
            &sdp,
        ))
    }

    #[cfg(feature = "answer")]
    /// Applies a remote answer to the applied local offer.
    #[wasm_bindgen(
        js_name = setRemoteDescription,
        unchecked_return_type = "RemoteAnswerApplied"
    )]
    pub fn set_remote_description(&mut self, sdp: &str) -> Result<JsValue, JsValue> {
        self.core
            .set_remote_description(sdp)
            .map(remote_answer_applied)
            .map_err(js_error)
    }

    #[cfg(feature = "answer")]
    /// Applies a remote pranswer to the applied local offer, which stays pending.
    #[wasm_bindgen(
        js_name = setRemotePranswer,
        unchecked_return_type = "RemoteAnswerApplied"
    )]
    pub fn set_remote_pranswer(&mut self, sdp: &str) -> Result<JsValue, JsValue> {
        self.core
            .set_remote_pranswer(sdp)
            .map(remote_answer_applied)
            .map_err(js_error)
    }

    #[cfg(feature = "answer")]
    /// Applies a remote offer (in stable, over a pending remote offer, or over an applied local
    /// offer, which it rolls back first).
    #[wasm_bindgen(js_name = setRemoteOffer, unchecked_return_type = "RemoteOfferApplied")]
    pub fn set_remote_offer(
        &mut self,
        sdp: &str,
        snapshot: &SnapshotInit,
    ) -> Result<JsValue, JsValue> {
        let snapshot = self::snapshot(snapshot)?;
        let applied = self
            .core
            .set_remote_offer(sdp, &snapshot)
            .map_err(js_error)?;
        let sections: Array = applied
            .sections
            .into_iter()
            .map(|s| {
                Array::of(&[
                    s.id.map_or(JsValue::NULL, |id| id.get().into()),
                    s.kind.map_or(JsValue::NULL, |k| k.as_str().into()),
                    s.created.into(),
                    s.mid.as_str().into(),
                    s.direction.as_str().into(),
                    s.rejected.into(),
                    strings_array(s.remote_stream_ids).into(),
                ])
            })
            .collect();
        let sctp = applied.sctp.map_or(JsValue::NULL, |sctp| {
            object(&[("maxMessageSize", message_size(sctp.max_message_size))])
        });
        let rolled_back = applied.rolled_back.map_or(JsValue::NULL, rolled_back);
        Ok(object(&[
            ("sections", sections.into()),
            ("sctp", sctp),
            ("rolledBack", rolled_back),
        ]))
    }

    #[cfg(feature = "answer")]
    /// Writes an answer to the applied remote offer for `snapshot` (undefined: as in
    /// createOffer); it becomes the last created answer.
    #[wasm_bindgen(js_name = createAnswer)]
    pub fn create_answer(
        &mut self,
        snapshot: Option<SnapshotInit>,
        options: &AnswerOptionsInit,
    ) -> Result<JsString, JsValue> {
        self.take_snapshot(snapshot)?;
        let options = jsep::AnswerOptions {
            voice_activity_detection: read(
                options.voice_activity_detection(),
                boolean,
                "options: voiceActivityDetection is not a boolean",
            )?,
        };
        self.described(jsep::Made::Answer(options), |core, snapshot| {
            core.answer_afresh(snapshot, &options)
        })
    }

    /// The last created answer's SDP (W3C `[[LastCreatedAnswer]]`); null before one and once
    /// one is applied.
    #[wasm_bindgen(getter, js_name = lastCreatedAnswer)]
    pub fn last_created_answer(&self) -> Option<String> {
        self.core.last_created_answer().map(str::to_string)
    }

    #[cfg(feature = "answer")]
    /// The last created answer's SDP while it answers the applied remote offer; null once a
    /// rollback or another remote offer came since (an implicit setLocalDescription then
    /// writes a fresh one).
    #[wasm_bindgen(getter, js_name = currentAnswer)]
    pub fn current_answer(&self) -> Option<String> {
        self.core.current_answer().map(str::to_string)
    }

    #[cfg(feature = "answer")]
    /// Applies the last created answer (or one munged as Chromium allows), final or
    /// `provisional` (a pranswer); `snapshot` as createAnswer's, for an answer created before
    /// a rollback or a new remote offer (written afresh to check it against).
    #[wasm_bindgen(js_name = setLocalAnswer, unchecked_return_type = "LocalAnswerApplied")]
    pub fn set_local_answer(
        &mut self,
        sdp: &str,
        provisional: bool,
        snapshot: Option<SnapshotInit>,
    ) -> Result<JsValue, JsValue> {
        self.take_snapshot(snapshot)?;
        let applied = self
            .core
            .set_local_answer(sdp, provisional, &self.snapshot)
            .map_err(js_error)?;
        Ok(object(&[
            ("mids", mid_changes(applied.mids).into()),
            ("sections", negotiated_sections(applied.sections).into()),
            ("sctp", sctp_answer(applied.sctp)),
            ("sdp", applied.sdp.into()),
        ]))
    }

    /// Rolls back the applied offer, local or remote, that has no answer yet.
    #[wasm_bindgen(unchecked_return_type = "RolledBack")]
    pub fn rollback(&mut self) -> Result<JsValue, JsValue> {
        self.core.rollback().map(rolled_back).map_err(js_error)
    }

    /// The applied descriptions' ICE parameters (RTCIceTransport.getLocalParameters and
    /// getRemoteParameters).
    #[wasm_bindgen(js_name = iceParameters, unchecked_return_type = "IceParameters")]
    pub fn ice_parameters(&self) -> JsValue {
        let parameters = self.core.ice_parameters();
        let dictionary = |ice: Option<crate::ice::IceCredentials>| {
            ice.map_or(JsValue::NULL, |ice| {
                object(&[
                    ("usernameFragment", ice.ufrag.into()),
                    ("password", ice.pwd.into()),
                ])
            })
        };
        object(&[
            ("local", dictionary(parameters.local)),
            ("remote", dictionary(parameters.remote)),
        ])
    }

    /// `restartIce()`.
    #[wasm_bindgen(js_name = restartIce)]
    pub fn restart_ice(&mut self) {
        self.core.restart_ice();
    }

    /// webrtc-pc "check if negotiation is needed" for `snapshot` (the glue checks the
    /// signaling state).
    #[wasm_bindgen(js_name = negotiationNeeded)]
    pub fn negotiation_needed(&self, snapshot: &SnapshotInit) -> Result<bool, JsValue> {
        Ok(self.core.negotiation_needed(&self::snapshot(snapshot)?))
    }

    /// What the m-section of the transceiver with `id` negotiated in the last completed exchange;
    /// null when it has none. One transceiver's only: each is asked for on its own (an answer's
    /// senders, getParameters(), stats), and converting them all each time made a 16-transceiver
    /// answer convert 16 times what it needs.
    #[wasm_bindgen(js_name = rtpParametersOf, unchecked_return_type = "RtpParameters | null")]
    pub fn rtp_parameters_of(&self, id: u32) -> JsValue {
        let id = jsep::TransceiverId::from(id);
        self.core
            .rtp_parameters()
            .iter()
            .find(|p| p.transceiver == id)
            .map_or(JsValue::NULL, rtp_parameters)
    }

    /// The mid the BUNDLE transport is named after (RTCTransportStats id); null before any description.
    #[wasm_bindgen(getter, js_name = transportMid)]
    pub fn transport_mid(&self) -> Option<String> {
        self.core.transport_mid().map(str::to_string)
    }

    /// The mids of the applied description's sections in use: each has its own transport
    /// before an answer bundles them (unless max-bundle).
    #[wasm_bindgen(getter, js_name = sectionMids, unchecked_return_type = "string[]")]
    pub fn section_mids(&self) -> Array {
        let mids = self.core.section_mids().into_iter();
        mids.map(JsValue::from).collect()
    }

    /// Our DTLS role as the last completed exchange fixed it; null before one.
    #[wasm_bindgen(getter, js_name = dtlsRole, unchecked_return_type = "'client' | 'server' | null")]
    pub fn dtls_role(&self) -> JsValue {
        match self.core.negotiated_dtls_role() {
            Some(jsep::DtlsRole::Client) => "client".into(),
            Some(jsep::DtlsRole::Server) => "server".into(),
            None => JsValue::NULL,
        }
    }

    /// The RTCP CNAME of the senders (RTCRtcpParameters.cname).
    #[wasm_bindgen(getter)]
    pub fn cname(&self) -> String {
        self.core.cname().to_string()
    }

    /// `canTrickleIceCandidates`: null before an answer, then whether it offers trickle.
    #[wasm_bindgen(getter, js_name = canTrickle)]
    pub fn can_trickle(&self) -> Option<bool> {
        self.core.remote_can_trickle()
    }
}

#[cfg(feature = "answer")]
/// `addIceCandidate` once it runs: `remote` is the remote description's SDP (pending, else
/// current; undefined without one). Returns the SDP with the candidate added, or undefined
/// when it stays as it is (end-of-candidates).
#[wasm_bindgen(js_name = addIceCandidate)]
pub fn add_ice_candidate(
    remote: Option<String>,
    candidate: &str,
    sdp_mid: Option<String>,
    sdp_m_line_index: Option<u16>,
    username_fragment: Option<String>,
) -> Result<Option<String>, JsValue> {
    let init = jsep::CandidateInit {
        candidate,
        sdp_mid: sdp_mid.as_deref(),
        sdp_m_line_index,
        username_fragment: username_fragment.as_deref(),
    };
    jsep::add_ice_candidate(remote.as_deref(), &init).map_err(js_error)
}

#[cfg(feature = "answer")]
/// `setRemoteDescription` before the description is applied: the SDP as `remoteDescription.sdp`
/// shows it, its candidates written as Chromium writes them, or undefined when that is `sdp` as
/// given; throws for a candidate that does not parse.
#[wasm_bindgen(js_name = remoteDescriptionSdp)]
pub fn remote_description_sdp(sdp: &str) -> Result<Option<String>, JsValue> {
    match jsep::remote_description_sdp(sdp).map_err(js_error)? {
        std::borrow::Cow::Borrowed(_) => Ok(None),
        std::borrow::Cow::Owned(changed) => Ok(Some(changed)),
    }
}

// Certificates. Where WebCrypto is present the glue makes the key pair and signs with it:
// `unsignedCertificate` then `UnsignedCertificate.sign`. Elsewhere the ECDSA part's
// `generateCertificate` (ecdsa.rs) does it all (ECDSA P-256 only).

/// A certificate for a WebCrypto key, waiting for that key's signature.
#[wasm_bindgen]
pub struct UnsignedCertificate {
    inner: cert::UnsignedCertificate,
}

#[wasm_bindgen]
impl UnsignedCertificate {
    /// The DER TBSCertificate for the key to sign, with SHA-256.
    pub fn tbs(&self) -> Uint8Array {
        Uint8Array::new_from_slice(self.inner.tbs_der())
    }

    /// The certificate, from the signature over `tbs()` as WebCrypto's `sign` returns it, in
    /// one value. Frees this object.
    #[wasm_bindgen(unchecked_return_type = "SignedCertificate")]
    pub fn sign(self, signature: &[u8]) -> Result<JsValue, JsValue> {
        let (der, expires_ms) = self.inner.signed_der(signature).map_err(js_error)?;
        Ok(Array::of2(&Uint8Array::new_from_slice(&der), &expires_ms.into()).into())
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

/// One error of each kind the core has, as the glue receives them: what tests use to check
/// that the glue maps every one to a TypeError, DOMException or RTCError.
#[wasm_bindgen(js_name = errorSamples, unchecked_return_type = "CoreError[]")]
pub fn error_samples() -> Array {
    ErrorKind::ALL
        .iter()
        .map(|&kind| {
            let error = match kind {
                ErrorKind::SdpSyntax => Error::sdp_syntax(1, "sample"),
                kind => Error::new(kind, "sample"),
            };
            js_error(error)
        })
        .collect()
}
