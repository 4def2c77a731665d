// RTCRtpTransceiver, RTCRtpSender and RTCRtpReceiver: the negotiation-relevant part.

import {
  domError,
  exposeInterface,
  illegalConstructor,
  isObject,
  member,
  slotStore,
  toBoolean,
  toDictionary,
  toDOMString,
  toDouble,
  toEnum,
  toSequence,
  toUnsignedLong,
} from './webidl.js';

export const KINDS = ['audio', 'video'];
export const DIRECTIONS = ['sendrecv', 'sendonly', 'recvonly', 'inactive'];
const PRIORITIES = ['very-low', 'low', 'medium', 'high'];
/** How many simulcast encodings a sender keeps (Chromium's numbers: webrtc::kMaxSimulcastStreams). */
const MAX_ENCODINGS = { audio: 1, video: 4 };
// RFC 8851 §10 rid-id, at most 16 characters (what fits the RtpStreamId header extension).
const RID = /^[A-Za-z0-9_-]{1,16}$/;
// RFC 8866 token-char: what an msid identifier may consist of.
const MSID_TOKEN = /^[!#$%&'*+\-.0-9A-Z^_`a-z{|}~]{1,64}$/;

const transceivers = slotStore();
const senders = slotStore();
const receivers = slotStore();
const receiverTracks = slotStore();
// Only we construct these objects: their constructors demand this token.
const CONSTRUCT = Symbol('rtp');

/** A MediaStreamTrack, or an object with the `kind` and `id` a track has (for tests and workers). */
export function isTrack(value) {
  if (typeof MediaStreamTrack === 'function' && value instanceof MediaStreamTrack) return true;
  return isObject(value) && typeof value.kind === 'string' && typeof value.id === 'string';
}

export function toTrack(value, what) {
  if (!isTrack(value)) throw new TypeError(`${what}: not a MediaStreamTrack`);
  return value;
}

/** A MediaStream, or an object with the `id` a stream has. */
export function toStream(value, what) {
  if (typeof MediaStream === 'function' && value instanceof MediaStream) return value;
  if (isObject(value) && typeof value.id === 'string') return value;
  throw new TypeError(`${what}: not a MediaStream`);
}

/** The ids of `streams`, each once, in order. */
export function streamIds(streams) {
  return [...new Set(streams.map((stream) => stream.id))];
}

function toEncoding(value, what) {
  const init = toDictionary(value, what);
  const read = (name, convert, fallback) => member(init, name, convert, fallback, `${what}.${name}`);
  const priority = (v, w) => toEnum(v, PRIORITIES, w);
  const encoding = {
    rid: read('rid', toDOMString),
    active: read('active', toBoolean, true),
    maxBitrate: read('maxBitrate', toUnsignedLong),
    maxFramerate: read('maxFramerate', toDouble),
    networkPriority: read('networkPriority', priority),
    priority: read('priority', priority, 'low'),
    scalabilityMode: read('scalabilityMode', toDOMString),
    scaleResolutionDownBy: read('scaleResolutionDownBy', toDouble),
  };
  for (const name of Object.keys(encoding)) {
    if (encoding[name] === undefined) delete encoding[name];
  }
  return encoding;
}

/** RTCRtpTransceiverInit, converted (TypeErrors for bad members). */
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

/** addTransceiver's validation and defaults of sendEncodings (TypeError, RangeError). */
export function validateSendEncodings(kind, encodings) {
  let result = encodings.length === 0 ? [{ active: true, priority: 'low' }] : encodings.map((e) => ({ ...e }));
  if (kind === 'audio') {
    for (const encoding of result) {
      delete encoding.scaleResolutionDownBy;
      delete encoding.maxFramerate;
    }
  }
  const rids = result.filter((e) => e.rid !== undefined).map((e) => e.rid);
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
  if (kind === 'video' && result.every((e) => e.scaleResolutionDownBy === undefined)) {
    result.forEach((encoding, i) => {
      encoding.scaleResolutionDownBy = 2 ** (result.length - i - 1);
    });
  }
  if (result.length === 1) delete result[0].rid;
  return result;
}

let nextReceiverTrackId = 0;

/** The receiver's track: remote media never arrives here, so it stays muted. */
class ReceiverTrack extends EventTarget {
  constructor(token, kind) {
    if (token !== CONSTRUCT) throw illegalConstructor();
    super();
    nextReceiverTrackId += 1;
    receiverTracks.set(this, { kind, id: `receiver-${kind}-${nextReceiverTrackId}`, readyState: 'live', enabled: true });
  }

  get kind() {
    return receiverTracks.of(this).kind;
  }

  get id() {
    return receiverTracks.of(this).id;
  }

  get label() {
    receiverTracks.of(this);
    return '';
  }

  get enabled() {
    return receiverTracks.of(this).enabled;
  }

  set enabled(value) {
    receiverTracks.of(this).enabled = toBoolean(value);
  }

  get muted() {
    receiverTracks.of(this);
    return true;
  }

  get readyState() {
    return receiverTracks.of(this).readyState;
  }

  stop() {
    receiverTracks.of(this).readyState = 'ended';
  }
}

export class RTCRtpSender {
  constructor(token = undefined, slots = undefined) {
    if (token !== CONSTRUCT) throw illegalConstructor();
    senders.set(this, slots);
  }

  get track() {
    return senders.of(this).track;
  }

  get transport() {
    senders.of(this);
    return null;
  }

  get dtmf() {
    senders.of(this);
    return null;
  }

  getParameters() {
    const { sendEncodings } = senders.of(this);
    return {
      transactionId: '',
      encodings: sendEncodings.map((encoding) => ({ ...encoding })),
      headerExtensions: [],
      rtcp: { reducedSize: true },
      codecs: [],
    };
  }

  setStreams(...streams) {
    const slots = senders.of(this);
    const converted = streams.map((stream, i) => toStream(stream, `setStreams: argument ${i + 1}`));
    if (slots.connection.isClosed()) throw domError('InvalidStateError', 'setStreams: the RTCPeerConnection is closed');
    slots.streamIds = streamIds(converted);
    slots.connection.updateNegotiationNeeded();
  }
}
exposeInterface(RTCRtpSender, 'RTCRtpSender');

export class RTCRtpReceiver {
  constructor(token = undefined, slots = undefined) {
    if (token !== CONSTRUCT) throw illegalConstructor();
    receivers.set(this, slots);
  }

  get track() {
    return receivers.of(this).track;
  }

  get transport() {
    receivers.of(this);
    return null;
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
  constructor(token = undefined, slots = undefined) {
    if (token !== CONSTRUCT) throw illegalConstructor();
    transceivers.set(this, slots);
  }

  /** Null until an offer that gives it an m-section is applied by setLocalDescription. */
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

  set direction(value) {
    const slots = transceivers.of(this);
    const direction = toDOMString(value, 'direction');
    // An enumeration attribute ignores values outside the enumeration (WebIDL).
    if (!DIRECTIONS.includes(direction) && direction !== 'stopped') return;
    if (slots.stopping) throw domError('InvalidStateError', 'The transceiver is stopped');
    if (direction === 'stopped') throw new TypeError("direction: use stop() to stop a transceiver");
    if (direction === slots.direction) return;
    slots.direction = direction;
    slots.connection.updateNegotiationNeeded();
  }

  /** Null until an answer is applied, which this polyfill never sees; 'stopped' once stopped. */
  get currentDirection() {
    return transceivers.of(this).stopped ? 'stopped' : null;
  }

  stop() {
    const slots = transceivers.of(this);
    if (slots.connection.isClosed()) throw domError('InvalidStateError', 'stop: the RTCPeerConnection is closed');
    if (slots.stopping) return;
    stopSendingAndReceiving(slots);
    slots.connection.updateNegotiationNeeded();
  }
}
exposeInterface(RTCRtpTransceiver, 'RTCRtpTransceiver');

function stopSendingAndReceiving(slots) {
  slots.stopping = true;
  receiverTracks.of(slots.receiver.track).readyState = 'ended';
}

/**
 * A new transceiver of `kind`. `connection` is what it needs of its RTCPeerConnection:
 * `isClosed()` and `updateNegotiationNeeded()`.
 */
export function createTransceiver(connection, { id, kind, direction, track, streams, sendEncodings }) {
  const sender = new RTCRtpSender(CONSTRUCT, { connection, track, streamIds: streamIds(streams), sendEncodings });
  const receiver = new RTCRtpReceiver(CONSTRUCT, { track: new ReceiverTrack(CONSTRUCT, kind) });
  return new RTCRtpTransceiver(CONSTRUCT, {
    connection,
    id,
    kind,
    direction,
    mid: null,
    stopping: false,
    stopped: false,
    sender,
    receiver,
  });
}

/** The internal slots of a transceiver, for its RTCPeerConnection. */
export function transceiverSlots(transceiver) {
  return transceivers.of(transceiver);
}

export function isSender(value) {
  return senders.has(value);
}

/** The internal slots of a sender, for its RTCPeerConnection. */
export function senderSlots(sender) {
  return senders.of(sender);
}

/** close(): stops the transceiver for good. */
export function stopForClose(transceiver) {
  const slots = transceivers.of(transceiver);
  if (!slots.stopping) stopSendingAndReceiving(slots);
  slots.stopped = true;
}

/** What the core needs to know of a transceiver to write its m-section. */
export function transceiverSnapshot(transceiver) {
  const slots = transceivers.of(transceiver);
  const sender = senders.of(slots.sender);
  const trackId = sender.track === null ? null : String(sender.track.id);
  const encodings = sender.sendEncodings;
  return {
    id: slots.id,
    kind: slots.kind,
    direction: slots.direction,
    // A stopping transceiver counts as stopped in offers (webrtc-pc createOffer).
    stopped: slots.stopping || slots.stopped,
    streamIds: sender.streamIds,
    // An id that cannot appear in an a=msid line: the core makes one up, as it does without a track.
    trackId: trackId !== null && MSID_TOKEN.test(trackId) ? trackId : null,
    sendRids: encodings.length >= 2 && encodings.every((e) => e.rid !== undefined) ? encodings.map((e) => e.rid) : [],
  };
}
