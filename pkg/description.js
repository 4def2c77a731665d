// @ts-check
// RTCSessionDescription, RTCSessionDescriptionInit, and RTCError (how setRemoteDescription reports
// SDP that does not parse).

import {
  exposeInterface,
  member,
  requireArguments,
  slotStore,
  toDictionary,
  toDOMString,
  toEnum,
  toUnsignedLong,
} from './webidl.js';

/** @template T @typedef {import('./webidl.js').Conversion<T>} Conversion */
/** @template T @typedef {import('./webidl.js').SlotStore<T>} SlotStore */

/**
 * RTCSessionDescriptionInit as converted: both members present.
 * @typedef {{sdp: string, type: RTCSdpType}} SessionDescriptionInit
 */

/** @type {RTCSdpType[]} */
export const SDP_TYPES = ['offer', 'pranswer', 'answer', 'rollback'];

/** @type {SlotStore<SessionDescriptionInit>} */
const descriptions = slotStore();

/**
 * RTCSessionDescriptionInit: `sdp` (default '') then the required `type`, in WebIDL order.
 * @param {unknown} value
 * @param {string} what
 * @returns {SessionDescriptionInit}
 */
export function toSessionDescriptionInit(value, what) {
  const init = toDictionary(value, what);
  const sdp = member(init, 'sdp', toDOMString, '', `${what}.sdp`);
  const type = member(init, 'type', (v, w) => toEnum(v, SDP_TYPES, w), undefined, `${what}.type`);
  if (type === undefined) throw new TypeError(`${what}: the required member 'type' is missing`);
  return { sdp, type };
}

export class RTCSessionDescription {
  /** @param {unknown} descriptionInitDict */
  constructor(descriptionInitDict) {
    requireArguments(arguments.length, 1, "Failed to construct 'RTCSessionDescription'");
    descriptions.set(this, toSessionDescriptionInit(descriptionInitDict, 'RTCSessionDescriptionInit'));
  }

  get type() {
    return descriptions.of(this).type;
  }

  get sdp() {
    return descriptions.of(this).sdp;
  }

  toJSON() {
    const { type, sdp } = descriptions.of(this);
    return { type, sdp };
  }
}
exposeInterface(RTCSessionDescription, 'RTCSessionDescription');

/** @type {RTCErrorDetailType[]} */
const ERROR_DETAILS = [
  'data-channel-failure',
  'dtls-failure',
  'fingerprint-failure',
  'sctp-failure',
  'sdp-syntax-error',
  'hardware-encoder-not-available',
  'hardware-encoder-error',
];

/**
 * RTCError's attributes.
 * @typedef {object} ErrorSlots
 * @property {RTCErrorDetailType} errorDetail
 * @property {number | null} httpRequestStatusCode
 * @property {number | null} receivedAlert
 * @property {number | null} sctpCauseCode
 * @property {number | null} sdpLineNumber
 * @property {number | null} sentAlert
 */

/** @type {SlotStore<ErrorSlots>} */
const errors = slotStore();

/**
 * WebIDL `long` without [EnforceRange]: wraps into the signed 32-bit range.
 * @type {Conversion<number>}
 */
function toLong(value, what) {
  return toUnsignedLong(value, what) | 0;
}

/** webrtc-pc RTCError: a DOMException named OperationError with WebRTC's error details. */
export class RTCError extends DOMException {
  /**
   * @param {unknown} init
   * @param {unknown} [message]
   */
  constructor(init, message = undefined) {
    requireArguments(arguments.length, 1, "Failed to construct 'RTCError'");
    const dictionary = toDictionary(init, 'RTCErrorInit');
    // RTCErrorInit's members in WebIDL (lexicographic) order; the optional ones are null when absent.
    /** @type {Conversion<RTCErrorDetailType>} */
    const detail = (v, w) => toEnum(v, ERROR_DETAILS, w);
    const errorDetail = member(dictionary, 'errorDetail', detail, undefined, 'RTCErrorInit.errorDetail');
    if (errorDetail === undefined) throw new TypeError("RTCErrorInit: the required member 'errorDetail' is missing");
    const slots = {
      errorDetail,
      httpRequestStatusCode: member(dictionary, 'httpRequestStatusCode', toLong, null),
      receivedAlert: member(dictionary, 'receivedAlert', toUnsignedLong, null),
      sctpCauseCode: member(dictionary, 'sctpCauseCode', toLong, null),
      sdpLineNumber: member(dictionary, 'sdpLineNumber', toLong, null),
      sentAlert: member(dictionary, 'sentAlert', toUnsignedLong, null),
    };
    super(message === undefined ? '' : toDOMString(message, 'RTCError: message'), 'OperationError');
    errors.set(this, slots);
  }

  get errorDetail() {
    return errors.of(this).errorDetail;
  }

  get sdpLineNumber() {
    return errors.of(this).sdpLineNumber;
  }

  get httpRequestStatusCode() {
    return errors.of(this).httpRequestStatusCode;
  }

  get sctpCauseCode() {
    return errors.of(this).sctpCauseCode;
  }

  get receivedAlert() {
    return errors.of(this).receivedAlert;
  }

  get sentAlert() {
    return errors.of(this).sentAlert;
  }
}
exposeInterface(RTCError, 'RTCError');

/**
 * @param {unknown} value
 * @returns {value is RTCError}
 */
export function isRTCError(value) {
  return errors.has(value);
}
