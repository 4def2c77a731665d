// @ts-check
// RTCDataChannel: what createDataChannel() returns. No SCTP association is ever made here, so a
// channel stays 'connecting' until it or its connection is closed.

import { defineEventHandlers } from './events.js';
import { queueTask } from './tasks.js';
import {
  domError,
  exposeInterface,
  illegalConstructor,
  isOneOf,
  MAX_UNSIGNED_SHORT,
  member,
  slotStore,
  toBoolean,
  toDictionary,
  toDOMString,
  toEnforcedInteger,
  toEnum,
  toUnsignedLong,
  toUSVString,
} from './webidl.js';

/** @template T @typedef {import('./webidl.js').SlotStore<T>} SlotStore */

/**
 * An RTCDataChannel's internal slots.
 * @typedef {object} ChannelSlots
 * @property {string} label
 * @property {boolean} ordered
 * @property {number | null} maxPacketLifeTime
 * @property {number | null} maxRetransmits
 * @property {string} protocol
 * @property {boolean} negotiated
 * @property {number | null} id
 * @property {RTCPriorityType} priority
 * @property {RTCDataChannelState} readyState
 * @property {number} bufferedAmountLowThreshold
 * @property {BinaryType} binaryType
 */

/** @type {RTCPriorityType[]} */
const PRIORITIES = ['very-low', 'low', 'medium', 'high'];
/** @type {BinaryType[]} */
const BINARY_TYPES = ['blob', 'arraybuffer'];
const MAX_STRING_BYTES = 65535;

/** @type {SlotStore<ChannelSlots>} */
const channels = slotStore();
// Only createDataChannel() constructs channels: the constructor demands this token.
const CONSTRUCT = Symbol('RTCDataChannel');

export class RTCDataChannel extends EventTarget {
  /**
   * @param {symbol} [token]
   * @param {ChannelSlots} [slots]
   */
  constructor(token = undefined, slots = undefined) {
    if (token !== CONSTRUCT) throw illegalConstructor();
    super();
    // Only createDataChannel() gets here, and it gives the slots.
    channels.set(this, /** @type {ChannelSlots} */ (slots));
  }

  get label() {
    return channels.of(this).label;
  }

  get ordered() {
    return channels.of(this).ordered;
  }

  get maxPacketLifeTime() {
    return channels.of(this).maxPacketLifeTime;
  }

  get maxRetransmits() {
    return channels.of(this).maxRetransmits;
  }

  get protocol() {
    return channels.of(this).protocol;
  }

  get negotiated() {
    return channels.of(this).negotiated;
  }

  /** Null until the SCTP transport's DTLS role is known, unless negotiated with an id. */
  get id() {
    return channels.of(this).id;
  }

  get priority() {
    return channels.of(this).priority;
  }

  get readyState() {
    return channels.of(this).readyState;
  }

  get bufferedAmount() {
    channels.of(this);
    return 0;
  }

  get bufferedAmountLowThreshold() {
    return channels.of(this).bufferedAmountLowThreshold;
  }

  set bufferedAmountLowThreshold(value) {
    channels.of(this).bufferedAmountLowThreshold = toUnsignedLong(value, 'bufferedAmountLowThreshold');
  }

  get binaryType() {
    return channels.of(this).binaryType;
  }

  set binaryType(value) {
    const slots = channels.of(this);
    const binaryType = toDOMString(value, 'binaryType');
    // An enumeration attribute ignores values outside the enumeration (WebIDL).
    if (isOneOf(binaryType, BINARY_TYPES)) slots.binaryType = binaryType;
  }

  /** @param {unknown} data */
  send(data) {
    const slots = channels.of(this);
    if (arguments.length < 1) throw new TypeError('send: 1 argument required, but only 0 present');
    throw domError('InvalidStateError', `send: the data channel is ${slots.readyState}, not open`);
  }

  close() {
    const slots = channels.of(this);
    if (slots.readyState === 'closing' || slots.readyState === 'closed') return;
    slots.readyState = 'closing';
    // There is no transport to shut down: it is closed by the next task.
    queueTask(() => {
      if (slots.readyState !== 'closing') return;
      slots.readyState = 'closed';
      this.dispatchEvent(new Event('close'));
    });
  }
}
exposeInterface(RTCDataChannel, 'RTCDataChannel');
defineEventHandlers(
  RTCDataChannel.prototype,
  ['open', 'bufferedamountlow', 'error', 'closing', 'close', 'message'],
  (object) => channels.has(object),
);

/** @param {string} string */
function utf8Length(string) {
  return new TextEncoder().encode(string).length;
}

/**
 * createDataChannel(label, dataChannelDict)'s conversions and checks, up to the closed check
 * (which `isClosed()` makes, after the argument conversions as in the specification).
 * `idInUse(id)` says whether another channel already has the id; `dtlsRole` is the SCTP
 * transport's, null until an answer fixes it (a channel then gets its id at once).
 * @param {unknown} labelArg
 * @param {unknown} dataChannelDict
 * @param {() => boolean} isClosed
 * @param {(id: number) => boolean} idInUse
 * @param {'client' | 'server' | null} dtlsRole
 */
export function createDataChannel(labelArg, dataChannelDict, isClosed, idInUse, dtlsRole) {
  const label = toUSVString(labelArg, 'label');
  const init = toDictionary(dataChannelDict, 'RTCDataChannelInit');
  /** @type {import('./webidl.js').Conversion<number>} */
  const unsignedShort = (v, w) => toEnforcedInteger(v, 0, MAX_UNSIGNED_SHORT, w);
  const id = member(init, 'id', unsignedShort, null);
  const maxPacketLifeTime = member(init, 'maxPacketLifeTime', unsignedShort, null);
  const maxRetransmits = member(init, 'maxRetransmits', unsignedShort, null);
  const negotiated = member(init, 'negotiated', toBoolean, false);
  const ordered = member(init, 'ordered', toBoolean, true);
  const priority = member(init, 'priority', (v, w) => toEnum(v, PRIORITIES, w), 'low');
  const protocol = member(init, 'protocol', toUSVString, '');

  if (isClosed()) throw domError('InvalidStateError', 'createDataChannel: the RTCPeerConnection is closed');
  if (utf8Length(label) > MAX_STRING_BYTES) throw new TypeError('createDataChannel: the label is longer than 65535 bytes');
  if (utf8Length(protocol) > MAX_STRING_BYTES) {
    throw new TypeError('createDataChannel: the protocol is longer than 65535 bytes');
  }
  // Without negotiated, the id is the SCTP transport's to choose, by its DTLS role once known.
  if (negotiated && id === null) throw new TypeError('createDataChannel: a negotiated channel needs an id');
  let assignedId = negotiated ? id : null;
  if (!negotiated && dtlsRole !== null) {
    assignedId = freeChannelId(dtlsRole, idInUse);
    if (assignedId === null) throw domError('OperationError', 'createDataChannel: no SCTP stream id is left');
  }
  if (maxPacketLifeTime !== null && maxRetransmits !== null) {
    throw new TypeError('createDataChannel: maxPacketLifeTime and maxRetransmits are mutually exclusive');
  }
  if (assignedId === MAX_UNSIGNED_SHORT) throw new TypeError('createDataChannel: the id must be less than 65535');
  if (assignedId !== null && idInUse(assignedId)) {
    throw domError('OperationError', `createDataChannel: the id ${assignedId} is in use`);
  }
  return new RTCDataChannel(CONSTRUCT, {
    label,
    ordered,
    maxPacketLifeTime,
    maxRetransmits,
    protocol,
    negotiated,
    id: assignedId,
    priority,
    readyState: 'connecting',
    bufferedAmountLowThreshold: 0,
    binaryType: 'arraybuffer',
  });
}

/**
 * close() of the connection: every channel is closed at once, without events.
 * @param {RTCDataChannel} channel
 */
export function closeForConnection(channel) {
  channels.of(channel).readyState = 'closed';
}

/**
 * Not closed: a closed channel that was never negotiated needs no m=application (Chromium).
 * @param {RTCDataChannel} channel
 */
export function isOpenOrOpening(channel) {
  return channels.of(channel).readyState !== 'closed';
}

/** @param {RTCDataChannel} channel */
export function channelId(channel) {
  return channels.of(channel).id;
}

/**
 * RFC 8832 §6: the lowest stream id of the DTLS role's parity (even for the client, odd for the
 * server) that `inUse` does not claim; null when none is left.
 * @param {'client' | 'server'} role
 * @param {(id: number) => boolean} inUse
 */
export function freeChannelId(role, inUse) {
  for (let id = role === 'client' ? 0 : 1; id < MAX_UNSIGNED_SHORT; id += 2) {
    if (!inUse(id)) return id;
  }
  return null;
}

/**
 * Gives the channels without an id one each, in creation order, once the DTLS role is known.
 * A channel for which none is left closes, as webrtc-pc says (without the error event, which
 * would take 32,768 channels of one parity to reach).
 * @param {RTCDataChannel[]} all
 * @param {'client' | 'server'} role
 */
export function assignChannelIds(all, role) {
  /** @param {number} id */
  const inUse = (id) => all.some((channel) => channels.of(channel).id === id);
  for (const channel of all) {
    const slots = channels.of(channel);
    if (slots.id !== null || slots.readyState === 'closed') continue;
    const id = freeChannelId(role, inUse);
    if (id === null) slots.readyState = 'closed';
    else slots.id = id;
  }
}
