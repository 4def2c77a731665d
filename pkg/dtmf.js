// @ts-check
// RTCDTMFSender (webrtc-pc §7): an audio sender's `dtmf`. DTMF goes out as RTP, which never flows
// here: "determine if DTMF can be sent" is false (the sender's transport never connects), so
// canInsertDTMF stays false, toneBuffer empty, insertDTMF() throws InvalidStateError and tonechange
// never fires.

import { defineEventHandlers } from './events.js';
import { domError, exposeInterface, illegalConstructor, requireArguments, slotStore, toDOMString, toUnsignedLong } from './webidl.js';

/**
 * An RTCDTMFSender's slots: nothing it would read of its sender matters while nothing connects.
 * @typedef {object} DtmfSlots
 */

/** @type {import('./webidl.js').SlotStore<DtmfSlots>} */
const dtmfSenders = slotStore();
const CONSTRUCT = Symbol('RTCDTMFSender');

export class RTCDTMFSender extends EventTarget {
  /**
   * @param {symbol} [token]
   * @param {DtmfSlots} [slots]
   */
  constructor(token = undefined, slots = undefined) {
    if (token !== CONSTRUCT || slots === undefined) throw illegalConstructor();
    super();
    dtmfSenders.set(this, slots);
  }

  /**
   * webrtc-pc insertDTMF(): after argument conversion, "determine if DTMF can be sent" comes first,
   * before the tones are read, and it is false here (no transport ever connects, as a stopped or
   * non-sending transceiver would make it anyway): InvalidStateError, as Chromium throws.
   * @param {unknown} tones
   * @param {unknown} [duration]
   * @param {unknown} [interToneGap]
   */
  insertDTMF(tones, duration = 100, interToneGap = 70) {
    dtmfSenders.of(this);
    requireArguments(arguments.length, 1, 'insertDTMF');
    toDOMString(tones, 'insertDTMF: tones');
    toUnsignedLong(duration, 'insertDTMF: duration');
    toUnsignedLong(interToneGap, 'insertDTMF: interToneGap');
    throw domError('InvalidStateError', "insertDTMF: the 'canInsertDTMF' attribute is false (the transport never connects here)");
  }

  /** "Determine if DTMF can be sent": never, without a connected transport. */
  get canInsertDTMF() {
    dtmfSenders.of(this);
    return false;
  }

  get toneBuffer() {
    dtmfSenders.of(this);
    return '';
  }
}
exposeInterface(RTCDTMFSender, 'RTCDTMFSender');
defineEventHandlers(RTCDTMFSender.prototype, ['tonechange'], (object) => dtmfSenders.has(object));

/**
 * The DTMF sender of an audio RTCRtpSender.
 * @param {DtmfSlots} slots
 */
export function createDtmfSender(slots) {
  return new RTCDTMFSender(CONSTRUCT, slots);
}
