// @ts-check
// RTCRtpTransceiver, RTCRtpSender and RTCRtpReceiver: the negotiation-relevant part.

import { CAPABILITIES } from './capabilities.js';
import { defineEventHandlers } from './events.js';
import { createRemoteTrack, endRemoteTrack } from './mediastream.js';
import { createDtmfSender } from './dtmf.js';
import { asciiLowercase, checkEncodingCodecs } from './encodings.js';
import { adopt } from './realm.js';
import { receiverParameters, senderParameters, setSenderParameters } from './parameters.js';
import { queueTask } from './tasks.js';
import {
  domError,
  exposeInterface,
  illegalConstructor,
  isObject,
  isOneOf,
  member,
  requireArguments,
  slotStore,
  toBoolean,
  toDictionary,
  toDOMString,
  toDouble,
  toEnforcedInteger,
  toEnum,
  MAX_OCTET,
  toSequence,
  toUnsignedLong,
} from './webidl.js';

/** @template T @typedef {import('./webidl.js').Conversion<T>} Conversion */
/** @template T @typedef {import('./webidl.js').SlotStore<T>} SlotStore */

/** @typedef {'audio' | 'video'} Kind */
/** @typedef {Exclude<RTCRtpTransceiverDirection, 'stopped'>} Direction */

/**
 * A MediaStreamTrack, or a stand-in with the `kind` and `id` a track has (see isTrack).
 * @typedef {{readonly kind: string, readonly id: string}} Track
 */

/**
 * What a new transceiver starts with (see createTransceiver).
 * @typedef {object} TransceiverInit
 * @property {Kind} kind
 * @property {Direction} direction
 * @property {Track | null} track
 * @property {string[]} streams The ids of its sender's streams.
 * @property {Encoding[]} sendEncodings As validateSendEncodings gives them.
 */

/**
 * An RTCRtpEncodingParameters as converted; members absent from the page's are absent here.
 * @typedef {object} Encoding
 * @property {string} [rid]
 * @property {boolean} active
 * @property {boolean} [adaptivePtime] webrtc-extensions; Chromium reports it (false by default)
 * @property {Codec} [codec] The codec to send this encoding with (setParameters checks it is negotiated)
 * @property {number} [maxBitrate]
 * @property {number} [maxFramerate]
 * @property {RTCPriorityType} [networkPriority]
 * @property {RTCPriorityType} priority
 * @property {string} [scalabilityMode]
 * @property {number} [scaleResolutionDownBy]
 */

/**
 * An RTCRtpCodec: as setCodecPreferences() converts it, and as the core takes it.
 * @typedef {{mimeType: string, clockRate: number, channels: number | null, sdpFmtpLine: string | null}} Codec
 */

/**
 * A codec as codecMatch() compares them: a Codec, or one of CAPABILITIES' (without the members they lack).
 * @typedef {{mimeType: string, clockRate: number, channels?: number | null, sdpFmtpLine?: string | null}} CodecLike
 */

/**
 * What a transceiver and its sender need of their RTCPeerConnection: its `hooks` slot.
 * @typedef {object} ConnectionHooks
 * @property {object} owner The RTCPeerConnection: its objects take its target's classes (realm.js).
 * @property {() => boolean} isClosed
 * @property {() => void} negotiatedStateChanged Something an offer describes changed (see operations.js).
 * @property {<T>(operation: () => Promise<T>, name: string) => Promise<T>} chain Runs `operation` in the
 *   operations chain.
 * @property {(id: number) => import('./wasm/rtc_offer_polyfill.js').RtpParameters | null} negotiated What the
 *   last completed exchange negotiated for transceiver `id` (null: nothing yet).
 * @property {(mid: string | null) => string} cname The RTCP CNAME of a sender whose m-section has `mid`
 *   ('' until a local description has it).
 * @property {(id: number) => Promise<import('./stats.js').RTCStatsReport>} senderStats getStats() of the sender
 *   of transceiver `id`.
 * @property {() => Promise<import('./stats.js').RTCStatsReport>} receiverStats getStats() of a receiver.
 */

/**
 * An RTCRtpTransceiver's internal slots.
 * @typedef {object} TransceiverSlots
 * @property {ConnectionHooks} hooks
 * @property {number} id What the connection and the core know it by.
 * @property {Kind} kind
 * @property {Direction} direction [[Direction]]; the attribute says 'stopped' once `stopping`.
 * @property {string | null} mid
 * @property {boolean} stopping
 * @property {boolean} stopped
 * @property {Direction | null} currentDirection [[CurrentDirection]]: set by applied answers.
 * @property {boolean} hasSent Whether [[CurrentDirection]] was ever sendrecv or sendonly (addTrack reuses
 *   only other senders).
 * @property {boolean} addedByTrack addTrack() made it or took it over: a remote offer may claim it by kind.
 * @property {Direction | null} firedDirection [[FiredDirection]]: the direction track events last
 *   reflected.
 * @property {Codec[]} codecPreferences [[PreferredCodecs]], as the matching capabilities.
 * @property {RTCRtpSender} sender
 * @property {RTCRtpReceiver} receiver
 */

/**
 * An RTCRtpSender's internal slots.
 * @typedef {object} SenderSlots
 * @property {ConnectionHooks} hooks
 * @property {TransceiverSlots} transceiver
 * @property {Track | null} track
 * @property {string[]} streamIds [[AssociatedMediaStreamIds]]
 * @property {Encoding[]} sendEncodings
 * @property {string | null} msidTrackId The track id in a=msid; null: the core picks one.
 * @property {import('./transports.js').RTCDtlsTransport | null} transport [[SenderTransport]]
 * @property {import('./dtmf.js').RTCDTMFSender | null} [dtmf] [[Dtmf]], made when first read (audio only).
 * @property {import('./parameters.js').LastReturned | null} lastReturned [[LastReturnedParameters]]
 * @property {number} unsettledSets How many setParameters() promises are not settled yet (descriptions wait).
 * @property {Codec | null} chosenCodec The encoding codec setParameters() last set.
 * @property {RTCDegradationPreference | null} degradationPreference As setParameters() last set it.
 */

/**
 * An RTCRtpReceiver's internal slots.
 * @typedef {object} ReceiverSlots
 * @property {import('./mediastream.js').MediaStreamTrack} track [[ReceiverTrack]]
 * @property {import('./mediastream.js').MediaStream[]} streams [[AssociatedRemoteMediaStreams]]
 * @property {import('./mediastream.js').MediaStream[]} lastStableStreams
 *   [[LastStableStateAssociatedRemoteMediaStreams]]: what a rollback of a remote offer goes back to.
 * @property {import('./transports.js').RTCDtlsTransport | null} transport [[ReceiverTransport]]
 * @property {number | null} jitterBufferTarget [[JitterBufferTarget]]: kept, though nothing is ever buffered.
 * @property {ConnectionHooks} hooks
 * @property {TransceiverSlots} transceiver
 */

/**
 * What the core needs to know of a transceiver: its shape is declared once, beside the conversions in
 * src/wasm/session.rs, and generated into the wasm module's types.
 * @typedef {import('./wasm/rtc_offer_polyfill.js').TransceiverSnapshot} TransceiverSnapshot
 */

/** @type {Kind[]} */
export const KINDS = ['audio', 'video'];
/** @type {Direction[]} */
export const DIRECTIONS = ['sendrecv', 'sendonly', 'recvonly', 'inactive'];

/** @type {RTCPriorityType[]} */
const PRIORITIES = ['very-low', 'low', 'medium', 'high'];
/** How many simulcast encodings a sender keeps (Chromium's numbers: webrtc::kMaxSimulcastStreams). */
const MAX_ENCODINGS = { audio: 1, video: 4 };
// RFC 8851 §10 rid-id, at most 16 characters (what fits the RtpStreamId header extension).
const RID = /^[A-Za-z0-9_-]{1,16}$/;
// RFC 8866 token-char: what an msid identifier may consist of.
const MSID_TOKEN = /^[!#$%&'*+\-.0-9A-Z^_`a-z{|}~]{1,64}$/;
// The codecs setCodecPreferences() does not count as something to offer: RTX, RED and FEC
// (webrtc-pc), and comfort noise, which Chromium (and the core) count with them.
const NOT_MEDIA = ['rtx', 'red', 'ulpfec', 'flexfec-03', 'cn'];

/** @type {SlotStore<TransceiverSlots>} */
const transceivers = slotStore();
/** @type {SlotStore<SenderSlots>} */
const senders = slotStore();
/** @type {SlotStore<ReceiverSlots>} */
const receivers = slotStore();
/** webrtc-pc's upper bound for `jitterBufferTarget`. */
const MAX_JITTER_BUFFER_TARGET_MS = 4000;
// Only we construct these objects: their constructors demand this token.
const CONSTRUCT = Symbol('rtp');

/**
 * Whether a transceiver with this direction sends media.
 * @param {string | null} direction
 */
export function sends(direction) {
  return direction === 'sendrecv' || direction === 'sendonly';
}

/**
 * A MediaStreamTrack, or an object with the `kind` and `id` a track has (for tests and workers).
 * @param {unknown} value
 * @returns {value is Track}
 */
export function isTrack(value) {
  // The global's, whatever it is: a bare `MediaStreamTrack` would clash with ours when bundled.
  const Track = globalThis.MediaStreamTrack;
  if (typeof Track === 'function' && value instanceof Track) return true;
  return isObject(value) && typeof value.kind === 'string' && typeof value.id === 'string';
}

/** @type {Conversion<Track>} */
export function toTrack(value, what) {
  if (!isTrack(value)) throw new TypeError(`${what}: not a MediaStreamTrack`);
  return value;
}

/**
 * A MediaStream, or an object with the `id` a stream has. The id goes into a=msid lines, so it
 * must be what they allow: browsers' stream ids (UUIDs) always are, a stand-in's may not be.
 * Returns the id, the only part of a stream an offer needs.
 * @type {Conversion<string>}
 */
export function toStream(value, what) {
  const Stream = globalThis.MediaStream;
  const stream = typeof Stream === 'function' && value instanceof Stream;
  // Read once: a getter could answer the check and the caller differently.
  const id = isObject(value) ? value.id : undefined;
  if (!stream && typeof id !== 'string') throw new TypeError(`${what}: not a MediaStream`);
  // A string: a MediaStream's id is.
  const checked = /** @type {string} */ (id);
  if (!MSID_TOKEN.test(checked)) {
    throw new TypeError(`${what}: the stream id must be 1 to 64 token characters (RFC 8830 msid-id)`);
  }
  return checked;
}

/**
 * `ids` (from toStream), each once, in order.
 * @param {string[]} ids
 */
export function streamIds(ids) {
  return [...new Set(ids)];
}

/** @type {Conversion<Encoding>} */
export function toEncoding(value, what) {
  const init = toDictionary(value, what);
  /**
   * @template T
   * @template [F=undefined]
   * @param {string} name
   * @param {Conversion<T>} convert
   * @param {F} [fallback]
   */
  const read = (name, convert, fallback) => member(init, name, convert, fallback, `${what}.${name}`);
  /** @type {Conversion<RTCPriorityType>} */
  const priority = (v, w) => toEnum(v, PRIORITIES, w);
  /** @type {Partial<Encoding>} */
  const encoding = {
    rid: read('rid', toDOMString),
    active: read('active', toBoolean, true),
    adaptivePtime: read('adaptivePtime', toBoolean),
    codec: read('codec', toCodec),
    maxBitrate: read('maxBitrate', toUnsignedLong),
    maxFramerate: read('maxFramerate', toDouble),
    networkPriority: read('networkPriority', priority),
    priority: read('priority', priority, 'low'),
    scalabilityMode: read('scalabilityMode', toDOMString),
    scaleResolutionDownBy: read('scaleResolutionDownBy', toDouble),
  };
  for (const name of /** @type {(keyof Encoding)[]} */ (Object.keys(encoding))) {
    if (encoding[name] === undefined) delete encoding[name];
  }
  // active and priority have defaults.
  return /** @type {Encoding} */ (encoding);
}

/**
 * RTCRtpTransceiverInit, converted (TypeErrors for bad members).
 * @param {unknown} value
 * @returns {{direction: Direction, sendEncodings: Encoding[], streams: string[]}}
 */
export function toTransceiverInit(value) {
  const init = toDictionary(value, 'RTCRtpTransceiverInit');
  return {
    direction: member(init, 'direction', (v, w) => toEnum(v, DIRECTIONS, w), 'sendrecv', 'RTCRtpTransceiverInit.direction'),
    sendEncodings: member(
      init,
      'sendEncodings',
      (v, w) => toSequence(v, (e, i) => toEncoding(e, `sendEncodings[${i}]`), w),
      [],
    ),
    streams: member(init, 'streams', (v, w) => toSequence(v, (e, i) => toStream(e, `streams[${i}]`), w), []),
  };
}

/**
 * addTransceiver's validation and defaults of sendEncodings (TypeError, RangeError, OperationError).
 * @param {Kind} kind
 * @param {Encoding[]} encodings
 * @returns {Encoding[]}
 */
export function validateSendEncodings(kind, encodings) {
  /** @type {Encoding[]} */
  let result = encodings.length === 0 ? [{ active: true, priority: 'low' }] : encodings.map((e) => ({ ...e }));
  if (kind === 'audio') {
    for (const encoding of result) {
      delete encoding.scaleResolutionDownBy;
      delete encoding.maxFramerate;
      delete encoding.scalabilityMode;
    }
  }
  const rids = /** @type {string[]} */ (result.filter((e) => e.rid !== undefined).map((e) => e.rid));
  const badRid = rids.find((rid) => !RID.test(rid));
  if (badRid !== undefined) {
    throw new TypeError(`sendEncodings: '${badRid}' is not a valid rid (1 to 16 letters, digits, '-' or '_')`);
  }
  if (rids.length !== 0 && rids.length !== result.length) {
    throw new TypeError('sendEncodings: either every encoding or none has a rid');
  }
  if (new Set(rids).size !== rids.length) throw new TypeError('sendEncodings: the rids are not unique');
  if (result.some((e) => e.scaleResolutionDownBy !== undefined && e.scaleResolutionDownBy < 1)) {
    throw new RangeError('sendEncodings: scaleResolutionDownBy must be at least 1');
  }
  if (result.some((e) => e.maxFramerate !== undefined && e.maxFramerate < 0)) {
    throw new RangeError('sendEncodings: maxFramerate must not be negative');
  }
  result = result.slice(0, MAX_ENCODINGS[kind]);
  const unsupported = checkEncodingCodecs(result, CAPABILITIES[kind].send.codecs, null);
  if (unsupported !== null) throw domError('OperationError', `sendEncodings: ${unsupported.message}`);
  if (kind === 'video' && result.every((e) => e.scaleResolutionDownBy === undefined)) {
    result.forEach((encoding, i) => {
      encoding.scaleResolutionDownBy = 2 ** (result.length - i - 1);
    });
  }
  if (result.length === 1) delete result[0].rid;
  return result;
}

// ---------------------------------------------------------------------------------------------
// Codec capabilities and preferences

/**
 * A fresh RTCRtpCapabilities for `kind` ('send' or 'receive' side), or null for other kinds.
 * @param {unknown} kind
 * @param {'send' | 'receive'} side
 */
function capabilities(kind, side) {
  const which = toDOMString(kind, 'getCapabilities: kind');
  if (!isOneOf(which, KINDS)) return null;
  const { codecs, headerExtensions } = CAPABILITIES[which][side];
  return {
    codecs: codecs.map((codec) => ({ ...codec })),
    headerExtensions: headerExtensions.map((extension) => ({ ...extension })),
  };
}

/**
 * WebIDL `unsigned short` without [EnforceRange]: wraps modulo 2^16.
 * @type {Conversion<number>}
 */
function toUnsignedShort(value, what) {
  return toUnsignedLong(value, what) & 0xffff;
}

/**
 * An RTCRtpCodec dictionary (members read in WebIDL order; mimeType and clockRate required).
 * @type {Conversion<Codec>}
 */
export function toCodec(value, what) {
  const init = toDictionary(value, what);
  /**
   * @template T
   * @param {string} name
   * @param {Conversion<T>} convert
   */
  const required = (name, convert) => {
    const converted = member(init, name, convert, undefined, `${what}.${name}`);
    if (converted === undefined) throw new TypeError(`${what}: the required member '${name}' is missing`);
    return converted;
  };
  const channels = member(init, 'channels', toUnsignedShort, null, `${what}.channels`);
  const clockRate = required('clockRate', toUnsignedLong);
  const mimeType = required('mimeType', toDOMString);
  const sdpFmtpLine = member(init, 'sdpFmtpLine', toDOMString, null, `${what}.sdpFmtpLine`);
  return { mimeType, clockRate, channels, sdpFmtpLine };
}

/**
 * An RTCRtpCodecParameters dictionary: an RTCRtpCodec with its required payloadType.
 * @type {Conversion<Codec & {payloadType: number}>}
 */
export function toCodecParameters(value, what) {
  const init = toDictionary(value, what);
  const codec = toCodec(init, what);
  const payloadType = member(init, 'payloadType', (v, w) => toEnforcedInteger(v, 0, MAX_OCTET, w), undefined, `${what}.payloadType`);
  if (payloadType === undefined) throw new TypeError(`${what}: the required member 'payloadType' is missing`);
  return { ...codec, payloadType };
}

/**
 * webrtc-pc "codec match" (a missing channels or sdpFmtpLine only matches a missing one).
 * @param {CodecLike} first
 * @param {CodecLike} second
 */
function codecMatch(first, second) {
  return (
    asciiLowercase(first.mimeType) === asciiLowercase(second.mimeType) &&
    first.clockRate === second.clockRate &&
    (first.channels ?? null) === (second.channels ?? null) &&
    (first.sdpFmtpLine ?? null) === (second.sdpFmtpLine ?? null)
  );
}

/** @param {CodecLike} codec */
function isMediaCodec(codec) {
  const subtype = asciiLowercase(codec.mimeType.slice(codec.mimeType.indexOf('/') + 1));
  return !NOT_MEDIA.includes(subtype);
}

/**
 * setCodecPreferences()'s checks: the codecs without duplicates, each replaced by the capability
 * it matches, or an InvalidModificationError.
 * @param {Kind} kind
 * @param {Codec[]} codecs
 * @returns {Codec[]}
 */
function validateCodecPreferences(kind, codecs) {
  const unique = codecs.filter((codec, i) => codecs.findIndex((other) => codecMatch(other, codec)) === i);
  const { send, receive } = CAPABILITIES[kind];
  // Sender and receiver capabilities as one list: Chromium checks against their union, which
  // is also how this step of webrtc-pc reads when a codec is only in one of them.
  const known = [...send.codecs, ...receive.codecs.filter((c) => !send.codecs.some((s) => codecMatch(s, c)))];
  /** @param {string} why */
  const invalid = (why) => domError('InvalidModificationError', `setCodecPreferences: ${why}`);
  const matched = unique.map((codec) => known.find((capability) => codecMatch(capability, codec)));
  if (!matched.some((capability) => capability !== undefined && isMediaCodec(capability))) {
    throw invalid(`no ${kind} codec to offer in the list (only RTX, RED, FEC or CN, or none this browser has)`);
  }
  const unknown = unique.findIndex((_, i) => matched[i] === undefined);
  if (unknown !== -1) {
    const { mimeType, clockRate, channels, sdpFmtpLine } = unique[unknown];
    const described = [mimeType, clockRate, channels, sdpFmtpLine].filter((v) => v !== null).join(' ');
    throw invalid(`'${described}' is not one of RTCRtpSender/RTCRtpReceiver.getCapabilities('${kind}').codecs`);
  }
  // Each codec matched a capability, or it threw.
  const capabilities = /** @type {CodecLike[]} */ (matched);
  return capabilities.map(({ mimeType, clockRate, channels, sdpFmtpLine }) => ({
    mimeType,
    clockRate,
    channels: channels ?? null,
    sdpFmtpLine: sdpFmtpLine ?? null,
  }));
}

// ---------------------------------------------------------------------------------------------
// The objects

/** Numbers receiver track ids (`receiver-audio-1`, …) across connections. */
let nextReceiverTrackId = 0;


export class RTCRtpSender {
  /**
   * @param {symbol} [token]
   * @param {SenderSlots} [slots]
   */
  constructor(token = undefined, slots = undefined) {
    if (token !== CONSTRUCT) throw illegalConstructor();
    // Only createTransceiver() gets here, and it gives the slots.
    senders.set(this, /** @type {SenderSlots} */ (slots));
  }

  /**
   * The send side of RTCRtpCapabilities for 'audio' or 'video' (null for other kinds).
   * @param {unknown} kind
   */
  static getCapabilities(kind) {
    requireArguments(arguments.length, 1, 'RTCRtpSender.getCapabilities');
    return capabilities(kind, 'send');
  }

  get track() {
    return senders.of(this).track;
  }

  get transport() {
    return senders.of(this).transport;
  }

  /** An audio sender's RTCDTMFSender (the same one each time); null for video. */
  get dtmf() {
    const slots = senders.of(this);
    const t = slots.transceiver;
    if (t.kind !== 'audio') return null;
    slots.dtmf ??= adopt(slots.hooks.owner, createDtmfSender({}));
    return slots.dtmf;
  }

  getParameters() {
    return senderParameters(senders.of(this));
  }

  /**
   * @param {unknown} parameters
   * @param {unknown} [options]
   * @returns {Promise<undefined>}
   */
  setParameters(parameters, options = undefined) {
    let slots;
    try {
      slots = senders.of(this);
      requireArguments(arguments.length, 1, 'setParameters');
    } catch (error) {
      return Promise.reject(error);
    }
    return setSenderParameters(slots, parameters, options);
  }

  getStats() {
    const slots = senders.of(this);
    return slots.hooks.senderStats(slots.transceiver.id);
  }

  /**
   * Sends `withTrack` instead (nothing is ever sent here, so no renegotiation is ever needed).
   * @param {unknown} withTrack
   * @returns {Promise<undefined>}
   */
  replaceTrack(withTrack) {
    let slots;
    let track;
    try {
      slots = senders.of(this);
      requireArguments(arguments.length, 1, 'replaceTrack');
      track = withTrack === null ? null : toTrack(withTrack, 'replaceTrack: withTrack');
    } catch (error) {
      return Promise.reject(error);
    }
    const transceiver = slots.transceiver;
    if (track !== null && String(track.kind) !== transceiver.kind) {
      return Promise.reject(
        new TypeError(`replaceTrack: a ${track.kind} track cannot replace the track of an ${transceiver.kind} transceiver`),
      );
    }
    const hooks = slots.hooks;
    return hooks.chain(() => {
      if (transceiver.stopping) {
        return Promise.reject(domError('InvalidStateError', 'replaceTrack: the transceiver is stopped'));
      }
      return new Promise((/** @type {(value: undefined) => void} */ resolve) => {
        queueTask(() => {
          if (hooks.isClosed()) return;
          slots.track = track;
          resolve(undefined);
        });
      });
    }, 'replaceTrack');
  }

  /** @param {unknown[]} streams */
  setStreams(...streams) {
    const slots = senders.of(this);
    const converted = streams.map((stream, i) => toStream(stream, `setStreams: argument ${i + 1}`));
    if (slots.hooks.isClosed()) throw domError('InvalidStateError', 'setStreams: the RTCPeerConnection is closed');
    slots.streamIds = streamIds(converted);
    slots.hooks.negotiatedStateChanged();
  }
}
exposeInterface(RTCRtpSender, 'RTCRtpSender');

export class RTCRtpReceiver {
  /**
   * @param {symbol} [token]
   * @param {ReceiverSlots} [slots]
   */
  constructor(token = undefined, slots = undefined) {
    if (token !== CONSTRUCT) throw illegalConstructor();
    // Only createTransceiver() gets here, and it gives the slots.
    receivers.set(this, /** @type {ReceiverSlots} */ (slots));
  }

  /**
   * The receive side of RTCRtpCapabilities for 'audio' or 'video' (null for other kinds).
   * @param {unknown} kind
   */
  static getCapabilities(kind) {
    requireArguments(arguments.length, 1, 'RTCRtpReceiver.getCapabilities');
    return capabilities(kind, 'receive');
  }

  get track() {
    return receivers.of(this).track;
  }

  get transport() {
    return receivers.of(this).transport;
  }

  get jitterBufferTarget() {
    return receivers.of(this).jitterBufferTarget;
  }

  /** webrtc-pc: null, or milliseconds from 0 to 4000 (else RangeError). */
  set jitterBufferTarget(value) {
    const slots = receivers.of(this);
    if (value === null || value === undefined) {
      slots.jitterBufferTarget = null;
      return;
    }
    const target = toDouble(value, 'jitterBufferTarget');
    if (target < 0 || target > MAX_JITTER_BUFFER_TARGET_MS) {
      throw new RangeError(`jitterBufferTarget: ${target} is outside 0 to ${MAX_JITTER_BUFFER_TARGET_MS} ms`);
    }
    slots.jitterBufferTarget = target;
  }

  getParameters() {
    const { hooks, transceiver } = receivers.of(this);
    // Chromium's are empty while the receiver receives nothing (its transceiver sendonly or inactive).
    const receives = transceiver.currentDirection === 'sendrecv' || transceiver.currentDirection === 'recvonly';
    return receiverParameters(receives ? hooks.negotiated(transceiver.id) : null);
  }

  getStats() {
    return receivers.of(this).hooks.receiverStats();
  }

  getContributingSources() {
    receivers.of(this);
    return [];
  }

  getSynchronizationSources() {
    receivers.of(this);
    return [];
  }
}
exposeInterface(RTCRtpReceiver, 'RTCRtpReceiver');

export class RTCRtpTransceiver {
  /**
   * @param {symbol} [token]
   * @param {TransceiverSlots} [slots]
   */
  constructor(token = undefined, slots = undefined) {
    if (token !== CONSTRUCT) throw illegalConstructor();
    // Only createTransceiver() gets here, and it gives the slots.
    transceivers.set(this, /** @type {TransceiverSlots} */ (slots));
  }

  /** Null until setLocalDescription applies an offer with its m-section; null again once its stop is negotiated. */
  get mid() {
    return transceivers.of(this).mid;
  }

  get sender() {
    return transceivers.of(this).sender;
  }

  get receiver() {
    return transceivers.of(this).receiver;
  }

  get direction() {
    const slots = transceivers.of(this);
    return slots.stopping ? 'stopped' : slots.direction;
  }

  /** @param {unknown} value */
  set direction(value) {
    const slots = transceivers.of(this);
    const direction = toDOMString(value, 'direction');
    // An enumeration attribute ignores values outside the enumeration (WebIDL).
    if (!isOneOf(direction, DIRECTIONS) && direction !== 'stopped') return;
    if (slots.stopping) throw domError('InvalidStateError', 'The transceiver is stopped');
    if (direction === slots.direction) return;
    if (direction === 'stopped') throw new TypeError('direction: use stop() to stop a transceiver');
    slots.direction = direction;
    slots.hooks.negotiatedStateChanged();
  }

  /** The direction the last applied answer negotiated; null before one, 'stopped' once stopped. */
  get currentDirection() {
    const slots = transceivers.of(this);
    return slots.stopped ? 'stopped' : slots.currentDirection;
  }

  stop() {
    const slots = transceivers.of(this);
    if (slots.hooks.isClosed()) throw domError('InvalidStateError', 'stop: the RTCPeerConnection is closed');
    if (slots.stopping) return;
    stopSendingAndReceiving(slots, 'later');
    slots.hooks.negotiatedStateChanged();
  }

  /**
   * The codecs (from getCapabilities) later offers list, in this order; [] restores the default.
   * @param {unknown} codecs
   */
  setCodecPreferences(codecs) {
    const slots = transceivers.of(this);
    requireArguments(arguments.length, 1, 'setCodecPreferences');
    const converted = toSequence(codecs, (codec, i) => toCodec(codec, `codecs[${i}]`), 'setCodecPreferences: codecs');
    slots.codecPreferences = converted.length === 0 ? [] : validateCodecPreferences(slots.kind, converted);
  }
}
exposeInterface(RTCRtpTransceiver, 'RTCRtpTransceiver');

/**
 * webrtc-pc "stop sending and receiving"; `how` the receiver's track ends (see endRemoteTrack).
 * @param {TransceiverSlots} slots
 * @param {'later' | 'now' | 'silently'} how
 */
function stopSendingAndReceiving(slots, how) {
  endRemoteTrack(receivers.of(slots.receiver).track, how);
  slots.direction = 'inactive';
  slots.stopping = true;
}

/**
 * A new transceiver of `kind`, for the RTCPeerConnection that `hooks` come from.
 * @param {ConnectionHooks} hooks
 * @param {TransceiverInit & {id: number}} init
 */
export function createTransceiver(hooks, { id, kind, direction, track, streams, sendEncodings }) {
  /** @type {Omit<TransceiverSlots, 'sender' | 'receiver'>} */
  const fields = {
    hooks,
    id,
    kind,
    direction,
    mid: null,
    stopping: false,
    stopped: false,
    currentDirection: null,
    hasSent: false,
    addedByTrack: false,
    firedDirection: null,
    codecPreferences: [],
  };
  // The sender and receiver are set below: the sender's slots refer back to these.
  const slots = /** @type {TransceiverSlots} */ (fields);
  const trackId = track === null ? null : String(track.id);
  slots.sender = adopt(hooks.owner, new RTCRtpSender(CONSTRUCT, {
    hooks,
    transceiver: slots,
    track,
    streamIds: streamIds(streams),
    sendEncodings,
    // The track id in a=msid stays the first track's: replaceTrack() and reuse by addTrack() keep
    // it, so the remote side's track ids do not change (an id unfit for msid: the core picks one).
    msidTrackId: trackId !== null && MSID_TOKEN.test(trackId) ? trackId : null,
    transport: null,
    lastReturned: null,
    unsettledSets: 0,
    chosenCodec: null,
    degradationPreference: null,
  }));
  slots.receiver = adopt(hooks.owner, new RTCRtpReceiver(CONSTRUCT, {
    track: adopt(hooks.owner, createRemoteTrack(kind, `receiver-${kind}-${(nextReceiverTrackId += 1)}`)),
    streams: [],
    lastStableStreams: [],
    transport: null,
    jitterBufferTarget: null,
    hooks,
    transceiver: slots,
  }));
  return adopt(hooks.owner, new RTCRtpTransceiver(CONSTRUCT, slots));
}

/**
 * The internal slots of a transceiver, for its RTCPeerConnection.
 * @param {RTCRtpTransceiver} transceiver
 */
export function transceiverSlots(transceiver) {
  return transceivers.of(transceiver);
}

/**
 * @param {unknown} value
 * @returns {value is RTCRtpSender}
 */
export function isSender(value) {
  return senders.has(value);
}

/**
 * The internal slots of a sender, for its RTCPeerConnection.
 * @param {RTCRtpSender} sender
 */
export function senderSlots(sender) {
  return senders.of(sender);
}

/**
 * The internal slots of a receiver, for its RTCPeerConnection.
 * @param {RTCRtpReceiver} receiver
 */
export function receiverSlots(receiver) {
  return receivers.of(receiver);
}

/**
 * webrtc-pc "stop the RTCRtpTransceiver" (`disappear`: for close(), without an ended event).
 * @param {RTCRtpTransceiver} transceiver
 * @param {boolean} disappear
 */
export function stopTransceiver(transceiver, disappear) {
  const slots = transceivers.of(transceiver);
  if (!slots.stopping) stopSendingAndReceiving(slots, disappear ? 'silently' : 'now');
  slots.stopped = true;
  slots.currentDirection = null;
}

/**
 * What the core needs to know of a transceiver to write its m-section.
 * @param {RTCRtpTransceiver} transceiver
 * @returns {TransceiverSnapshot}
 */
export function transceiverSnapshot(transceiver) {
  const slots = transceivers.of(transceiver);
  const sender = senders.of(slots.sender);
  const rids = sender.sendEncodings.map((e) => e.rid);
  const simulcast = rids.length >= 2 && rids.every((rid) => rid !== undefined);
  return {
    id: slots.id,
    kind: slots.kind,
    direction: slots.direction,
    // A stopping transceiver counts as stopped in offers (webrtc-pc createOffer).
    stopped: slots.stopping || slots.stopped,
    streamIds: sender.streamIds,
    trackId: sender.msidTrackId,
    sendRids: simulcast ? rids : [],
    // Chromium offers inactive layers paused (~rid).
    pausedRids: simulcast ? sender.sendEncodings.filter((e) => !e.active).map((e) => /** @type {string} */ (e.rid)) : [],
    codecPreferences: slots.codecPreferences,
    addedByTrack: slots.addedByTrack,
  };
}
