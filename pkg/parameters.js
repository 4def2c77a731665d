// @ts-check
// RTCRtpSender.getParameters()/setParameters() and RTCRtpReceiver.getParameters() (webrtc-pc §5.2,
// §5.3): the encodings are the sender's [[SendEncodings]]; codecs, header extensions and RTCP come
// from what the core says the last completed exchange negotiated. setParameters never
// renegotiates (nothing is sent here), it only validates and stores.

import { randomUUID } from './mediastream.js';
import { CAPABILITIES } from './capabilities.js';
import { checkEncodingCodecs, encodingCodecMatch } from './encodings.js';
import { toCodecParameters, toEncoding } from './rtp.js';
import { queueTask } from './tasks.js';
import {
  domError,
  member,
  toBoolean,
  toDictionary,
  toDOMString,
  toEnforcedInteger,
  toEnum,
  toSequence,
  MAX_UNSIGNED_SHORT,
} from './webidl.js';

/** @typedef {import('./rtp.js').SenderSlots} SenderSlots */
/** @typedef {import('./rtp.js').Encoding} Encoding */
/** @typedef {import('./wasm/rtc_offer_polyfill.js').RtpParameters} Negotiated */
/** @typedef {import('./wasm/rtc_offer_polyfill.js').NegotiatedCodec} NegotiatedCodec */

const VIDEO_FEC = /^video\/(red|ulpfec|flexfec-03)$/i;
const DEGRADATION_PREFERENCES = ['maintain-framerate', 'maintain-resolution', 'balanced', 'maintain-framerate-and-resolution'];

/**
 * What a sender remembers of the parameters it last returned: the object (returned again until a
 * task later) and its read-only parts as returned, which the page may since have changed.
 * @typedef {object} LastReturned
 * @property {RTCRtpSendParameters} parameters
 * @property {string} transactionId
 * @property {(string | undefined)[]} rids
 * @property {string} readOnly The headerExtensions, rtcp and codecs, compared as one string.
 */

const TRANSPORT_CC = 'http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01';
const TOFFSET = 'urn:ietf:params:rtp-hdrext:toffset';

/**
 * RTCRtpHeaderExtensionParameters as Chromium lists them: sorted by URI, without toffset when
 * transport-cc is there (libwebrtc drops that redundant bandwidth-estimation extension).
 * @param {Negotiated | null} negotiated
 */
function headerExtensions(negotiated) {
  if (negotiated === null) return [];
  const all = negotiated.headerExtensions;
  const kept = all.some((e) => e.uri === TRANSPORT_CC) ? all.filter((e) => e.uri !== TOFFSET) : all;
  const sorted = [...kept].sort((x, y) => (x.uri < y.uri ? -1 : x.uri > y.uri ? 1 : 0));
  return sorted.map((e) => ({ encrypted: false, id: e.id, uri: e.uri }));
}

/**
 * RTCRtpCodecParameters as the page sees them (fresh objects each call).
 * @param {NegotiatedCodec[]} codecs
 */
function codecs(codecs) {
  return codecs.map((c) => ({ ...c }));
}

/**
 * The read-only members in one comparable string (members in a fixed order, absent ones null).
 * @param {{headerExtensions: {uri: string, id: number, encrypted?: boolean}[], rtcp: {cname?: string, reducedSize?: boolean}, codecs: {payloadType: number, mimeType: string, clockRate: number, channels?: number | null, sdpFmtpLine?: string | null}[]}} p
 */
function readOnlyParts(p) {
  return JSON.stringify([
    p.headerExtensions.map((e) => [e.uri, e.id, e.encrypted ?? false]),
    [p.rtcp.cname ?? null, p.rtcp.reducedSize ?? null],
    p.codecs.map((c) => [c.payloadType, c.mimeType, c.clockRate, c.channels ?? null, c.sdpFmtpLine ?? null]),
  ]);
}

/**
 * The encodings getParameters() shows: after an answer that declined our simulcast only the first
 * (as Chromium; the offers keep the others paused).
 * @param {SenderSlots} slots
 * @param {Negotiated | null} negotiated
 */
function visibleEncodings(slots, negotiated) {
  const all = slots.sendEncodings;
  return negotiated !== null && !negotiated.simulcast ? all.slice(0, 1) : all;
}

/**
 * An encoding as Chromium's getParameters() has it: its members, with Chromium's defaults.
 * @param {Encoding} e
 * @param {'audio' | 'video'} kind
 */
function encodingParameters(e, kind) {
  /** @type {RTCRtpEncodingParameters & {networkPriority?: RTCPriorityType, priority?: RTCPriorityType, scalabilityMode?: string}} */
  const out = {};
  if (e.rid !== undefined) out.rid = e.rid;
  out.active = e.active;
  /** @type {Record<string, unknown>} */ (out).adaptivePtime = e.adaptivePtime ?? false;
  if (e.codec !== undefined) {
    const { mimeType, clockRate, channels, sdpFmtpLine } = e.codec;
    /** @type {Record<string, unknown>} */ (out).codec = {
      ...(channels === null ? {} : { channels }),
      clockRate,
      mimeType,
      ...(sdpFmtpLine === null ? {} : { sdpFmtpLine }),
    };
  }
  if (e.maxBitrate !== undefined) out.maxBitrate = e.maxBitrate;
  if (e.maxFramerate !== undefined) out.maxFramerate = e.maxFramerate;
  out.networkPriority = e.networkPriority ?? 'low';
  out.priority = e.priority;
  if (e.scalabilityMode !== undefined) out.scalabilityMode = e.scalabilityMode;
  if (kind === 'video') out.scaleResolutionDownBy = e.scaleResolutionDownBy ?? 1;
  return out;
}

/**
 * webrtc-pc RTCRtpSender.getParameters(): the same object until a task later.
 * @param {SenderSlots} slots
 * @returns {RTCRtpSendParameters}
 */
export function senderParameters(slots) {
  if (slots.lastReturned !== null) return slots.lastReturned.parameters;
  const negotiated = slots.hooks.negotiated(slots.transceiver.id);
  const kind = slots.transceiver.kind;
  // Members in Chromium's order; degradationPreference only once set.
  /** @type {RTCRtpSendParameters} */
  const parameters = {
    codecs: negotiated === null ? [] : codecs(negotiated.sendCodecs),
    headerExtensions: headerExtensions(negotiated),
    rtcp: { cname: slots.hooks.cname(slots.transceiver.mid), reducedSize: negotiated?.reducedSize ?? false },
    ...(slots.degradationPreference === null ? {} : { degradationPreference: slots.degradationPreference }),
    encodings: visibleEncodings(slots, negotiated).map((e) => encodingParameters(e, kind)),
    transactionId: randomUUID(),
  };
  slots.lastReturned = {
    parameters,
    transactionId: parameters.transactionId,
    rids: parameters.encodings.map((e) => e.rid),
    readOnly: readOnlyParts(/** @type {Parameters<typeof readOnlyParts>[0]} */ (parameters)),
  };
  queueTask(() => {
    slots.lastReturned = null;
  });
  return parameters;
}

/**
 * webrtc-pc RTCRtpReceiver.getParameters(): the local description's codecs, no encodings.
 * @param {Negotiated | null} negotiated
 * @returns {RTCRtpReceiveParameters}
 */
export function receiverParameters(negotiated) {
  return {
    codecs: negotiated === null ? [] : codecs(negotiated.receiveCodecs),
    headerExtensions: headerExtensions(negotiated),
    rtcp: { reducedSize: negotiated?.reducedSize ?? false },
  };
}

/**
 * A required dictionary member, or a TypeError worded as Chromium's.
 * @template T
 * @param {Record<string, unknown>} init
 * @param {string} name
 * @param {import('./webidl.js').Conversion<T>} convert
 * @param {string} dictionary
 * @returns {T}
 */
function required(init, name, convert, dictionary) {
  const value = member(init, name, convert, undefined, `${dictionary}.${name}`);
  if (value === undefined) {
    throw new TypeError(`Failed to read the '${name}' property from '${dictionary}': Required member is undefined.`);
  }
  return value;
}

/** @type {import('./webidl.js').Conversion<{uri: string, id: number, encrypted: boolean}>} */
function toHeaderExtension(value, what) {
  const init = toDictionary(value, what);
  const encrypted = member(init, 'encrypted', toBoolean, false);
  const id = required(init, 'id', (v, w) => toEnforcedInteger(v, 0, MAX_UNSIGNED_SHORT, w), 'RTCRtpHeaderExtensionParameters');
  const uri = required(init, 'uri', toDOMString, 'RTCRtpHeaderExtensionParameters');
  return { uri, id, encrypted };
}

/**
 * RTCRtpSendParameters, converted in WebIDL order (inherited members first); TypeErrors.
 * @param {unknown} value
 */
function toSendParameters(value) {
  const init = toDictionary(value, 'RTCRtpSendParameters');
  const converted = {
    codecs: required(init, 'codecs', (v, w) => toSequence(v, (c, i) => toCodecParameters(c, `codecs[${i}]`), w), 'RTCRtpParameters'),
    headerExtensions: required(
      init,
      'headerExtensions',
      (v, w) => toSequence(v, (e, i) => toHeaderExtension(e, `headerExtensions[${i}]`), w),
      'RTCRtpParameters',
    ),
    rtcp: required(
      init,
      'rtcp',
      (v, w) => {
        const rtcp = toDictionary(v, w);
        return { cname: member(rtcp, 'cname', toDOMString), reducedSize: member(rtcp, 'reducedSize', toBoolean) };
      },
      'RTCRtpParameters',
    ),
    degradationPreference: member(
      init,
      'degradationPreference',
      (v, w) => /** @type {RTCDegradationPreference} */ (toEnum(v, DEGRADATION_PREFERENCES, w)),
    ),
    encodings: required(init, 'encodings', (v, w) => toSequence(v, (e, i) => toEncoding(e, `encodings[${i}]`), w), 'RTCRtpSendParameters'),
    transactionId: required(init, 'transactionId', toDOMString, 'RTCRtpSendParameters'),
  };
  return converted;
}

/**
 * webrtc-pc RTCRtpSender.setParameters(): not chained; validates against the last returned
 * parameters and stores the encodings a task later.
 * @param {SenderSlots} slots
 * @param {unknown} value
 * @param {unknown} options
 * @returns {Promise<undefined>}
 */
export function setSenderParameters(slots, value, options) {
  let parameters;
  try {
    parameters = toSendParameters(value);
    const init = toDictionary(options, 'RTCSetParameterOptions');
    member(init, 'encodingOptions', (v, w) => toSequence(v, (o, i) => toDictionary(o, `encodingOptions[${i}]`), w));
  } catch (error) {
    return Promise.reject(error);
  }
  const transceiver = slots.transceiver;
  if (transceiver.stopping) {
    return Promise.reject(domError('InvalidStateError', 'setParameters: the transceiver is stopped'));
  }
  const last = slots.lastReturned;
  if (last === null) {
    return Promise.reject(domError('InvalidStateError', 'setParameters: getParameters() needs to be called before setParameters()'));
  }
  const { encodings } = parameters;
  /** @param {string} why */
  const modified = (why) => Promise.reject(domError('InvalidModificationError', `setParameters: ${why}`));
  if (parameters.transactionId !== last.transactionId) return modified('the transactionId is not the last returned one');
  if (encodings.length !== last.rids.length) return modified('the number of encodings changed');
  if (encodings.some((e, i) => e.rid !== last.rids[i])) return modified('an encoding rid changed or encodings were reordered');
  if (readOnlyParts(parameters) !== last.readOnly) return modified('headerExtensions, rtcp or codecs changed');
  for (const encoding of encodings) {
    if (transceiver.kind === 'audio') {
      delete encoding.scaleResolutionDownBy;
      delete encoding.maxFramerate;
      delete encoding.scalabilityMode;
    } else {
      encoding.scaleResolutionDownBy ??= 1;
      if (encoding.scaleResolutionDownBy < 1) {
        return Promise.reject(new RangeError('setParameters: scaleResolutionDownBy must be at least 1'));
      }
    }
    if (encoding.maxFramerate !== undefined && encoding.maxFramerate < 0) {
      return Promise.reject(new RangeError('setParameters: maxFramerate must not be negative'));
    }
  }
  // Chromium takes no encoding codec before an answer; modes are checked against every codec then.
  const negotiated = parameters.codecs;
  const index = negotiated.length === 0 ? encodings.findIndex((e) => e.codec !== undefined) : -1;
  if (index !== -1) return modified(`encodings[${index}].codec is not a negotiated codec`);
  // After an answer libwebrtc folds video RED and FEC into the media codecs it sends with.
  const codecs = negotiated.length === 0 ? CAPABILITIES[transceiver.kind].send.codecs : negotiated.filter((c) => !VIDEO_FEC.test(c.mimeType));
  // What the sender sends with: the codec setParameters() last chose, else the answer's first.
  const chosen = slots.chosenCodec;
  const sending = negotiated.length === 0 ? null : (negotiated.find((c) => chosen !== null && encodingCodecMatch(c, chosen)) ?? negotiated[0]);
  const unsupported = checkEncodingCodecs(encodings, codecs, sending);
  if (unsupported !== null) {
    if (unsupported.mixed) return Promise.reject(domError('OperationError', `setParameters: ${unsupported.message}`));
    return modified(unsupported.message);
  }
  slots.unsettledSets += 1;
  return new Promise((resolve) => {
    queueTask(() => {
      slots.unsettledSets -= 1;
      slots.lastReturned = null;
      // Layers hidden after a declined simulcast keep their settings.
      slots.sendEncodings = [...encodings, ...slots.sendEncodings.slice(encodings.length)];
      // Chromium keeps sending with a chosen codec when later parameters name none.
      slots.chosenCodec = encodings[0]?.codec ?? slots.chosenCodec;
      // Chromium forgets a preference that later parameters leave out.
      slots.degradationPreference = parameters.degradationPreference ?? null;
      resolve(undefined);
    });
  });
}

