// @ts-check
// RTCSctpTransport and the RTCDtlsTransport and RTCIceTransport under it: what pc.sctp shows once
// an answer accepts the data section. Nothing connects here, so they stay where a connection
// would begin: ICE new, DTLS new, SCTP connecting.

import { defineEventHandlers } from './events.js';
import { adopt } from './realm.js';
import { exposeInterface, illegalConstructor, slotStore } from './webidl.js';

/** Chromium's SCTP send buffer, which bounds the messages it sends (webrtc-pc canSendSize). */
const CAN_SEND_SIZE = 262_144;
/** webrtc-pc: the remote limit when the description has no a=max-message-size (RFC 8841 §6). */
const DEFAULT_REMOTE_MAX_MESSAGE_SIZE = 65_536;

// Only we construct these objects: their constructors demand this token.
const CONSTRUCT = Symbol('transports');

/**
 * @typedef {object} IceSlots
 * @property {RTCIceRole} role
 * @property {RTCIceTransportState} state
 * @property {() => RTCIceGatheringState} gatheringState The connection's, which this transport's makes.
 * @property {() => import('./wasm/rtc_offer_polyfill.js').IceParameters} parameters The applied
 *   descriptions' ICE parameters, as the core reports them.
 */

/** @type {import('./webidl.js').SlotStore<IceSlots>} */
const iceTransports = slotStore();

export class RTCIceTransport extends EventTarget {
  /**
   * @param {symbol} [token]
   * @param {IceSlots} [slots]
   */
  constructor(token = undefined, slots = undefined) {
    if (token !== CONSTRUCT || slots === undefined) throw illegalConstructor();
    super();
    iceTransports.set(this, slots);
  }

  get role() {
    return iceTransports.of(this).role;
  }

  get component() {
    iceTransports.of(this);
    return 'rtp';
  }

  get state() {
    return iceTransports.of(this).state;
  }

  get gatheringState() {
    return iceTransports.of(this).gatheringState();
  }

  /** No candidates are gathered or received here. */
  getLocalCandidates() {
    iceTransports.of(this);
    return [];
  }

  getRemoteCandidates() {
    iceTransports.of(this);
    return [];
  }

  getSelectedCandidatePair() {
    iceTransports.of(this);
    return null;
  }

  /** The local description's ICE ufrag and pwd (webrtc-pc); a fresh dictionary each call. */
  getLocalParameters() {
    const local = iceTransports.of(this).parameters().local;
    return local === null ? null : { usernameFragment: local.usernameFragment, password: local.password };
  }

  /** The remote description's, or null before one. */
  getRemoteParameters() {
    const remote = iceTransports.of(this).parameters().remote;
    return remote === null ? null : { usernameFragment: remote.usernameFragment, password: remote.password };
  }
}
exposeInterface(RTCIceTransport, 'RTCIceTransport');
defineEventHandlers(RTCIceTransport.prototype, ['statechange', 'gatheringstatechange', 'selectedcandidatepairchange'], (object) =>
  iceTransports.has(object),
);

/** @type {import('./webidl.js').SlotStore<{iceTransport: RTCIceTransport, state: RTCDtlsTransportState}>} */
const dtlsTransports = slotStore();

export class RTCDtlsTransport extends EventTarget {
  /**
   * @param {symbol} [token]
   * @param {{iceTransport: RTCIceTransport, state: RTCDtlsTransportState}} [slots]
   */
  constructor(token = undefined, slots = undefined) {
    if (token !== CONSTRUCT || slots === undefined) throw illegalConstructor();
    super();
    dtlsTransports.set(this, slots);
  }

  get iceTransport() {
    return dtlsTransports.of(this).iceTransport;
  }

  get state() {
    return dtlsTransports.of(this).state;
  }

  /** No DTLS handshake happens, so no remote certificate is known. */
  getRemoteCertificates() {
    dtlsTransports.of(this);
    return [];
  }
}
exposeInterface(RTCDtlsTransport, 'RTCDtlsTransport');
defineEventHandlers(RTCDtlsTransport.prototype, ['statechange', 'error'], (object) => dtlsTransports.has(object));

/**
 * @typedef {object} SctpSlots
 * @property {RTCDtlsTransport} transport
 * @property {RTCSctpTransportState} state
 * @property {number} maxMessageSize
 */

/** @type {import('./webidl.js').SlotStore<SctpSlots>} */
const sctpTransports = slotStore();

export class RTCSctpTransport extends EventTarget {
  /**
   * @param {symbol} [token]
   * @param {SctpSlots} [slots]
   */
  constructor(token = undefined, slots = undefined) {
    if (token !== CONSTRUCT || slots === undefined) throw illegalConstructor();
    super();
    sctpTransports.set(this, slots);
  }

  get transport() {
    return sctpTransports.of(this).transport;
  }

  get state() {
    return sctpTransports.of(this).state;
  }

  get maxMessageSize() {
    return sctpTransports.of(this).maxMessageSize;
  }

  /** Null until the association is up (webrtc-pc), which never happens here. */
  get maxChannels() {
    sctpTransports.of(this);
    return null;
  }
}
exposeInterface(RTCSctpTransport, 'RTCSctpTransport');
defineEventHandlers(RTCSctpTransport.prototype, ['statechange'], (object) => sctpTransports.has(object));

/**
 * The connection's DTLS transport over its ICE transport (all m-sections share them: BUNDLE), made
 * by the first description applied for `owner` (the connection, whose target's classes they take):
 * `iceRole` is this side's ICE role, `gatheringState` reads the connection's, `parameters` its
 * applied descriptions' ICE parameters.
 * @param {object} owner
 * @param {RTCIceRole} iceRole
 * @param {() => RTCIceGatheringState} gatheringState
 * @param {IceSlots['parameters']} parameters
 */
export function createDtlsTransport(owner, iceRole, gatheringState, parameters) {
  const slots = { role: iceRole, state: /** @type {const} */ ('new'), gatheringState, parameters };
  const iceTransport = adopt(owner, new RTCIceTransport(CONSTRUCT, slots));
  return adopt(owner, new RTCDtlsTransport(CONSTRUCT, { iceTransport, state: 'new' }));
}

/**
 * The SCTP transport a description with a data section makes, over the connection's DTLS transport.
 * Until a remote description says what the far end takes, maxMessageSize is unlimited (Infinity),
 * as Chromium 156 reports after a local offer.
 * @param {RTCDtlsTransport} transport
 */
export function createSctpTransport(transport) {
  const slots = { transport, state: /** @type {const} */ ('connecting'), maxMessageSize: Infinity };
  return adopt(transport, new RTCSctpTransport(CONSTRUCT, slots));
}

/**
 * webrtc-pc "update the data max message size" from the remote description's a=max-message-size
 * (null when it has none; 0 means no limit).
 * @param {RTCSctpTransport} sctp
 * @param {number | null} remote
 */
export function updateMaxMessageSize(sctp, remote) {
  const remoteSize = remote ?? DEFAULT_REMOTE_MAX_MESSAGE_SIZE;
  sctpTransports.of(sctp).maxMessageSize = remoteSize === 0 ? CAN_SEND_SIZE : Math.min(remoteSize, CAN_SEND_SIZE);
}

/**
 * The SCTP transport closes with its connection, or when an answer rejects the data section; no
 * events fire (webrtc-pc close()).
 * @param {RTCSctpTransport} sctp
 */
export function closeSctpTransport(sctp) {
  sctpTransports.of(sctp).state = 'closed';
}

/**
 * The DTLS and ICE transports close with their connection; no events fire (webrtc-pc close()).
 * @param {RTCDtlsTransport} transport
 */
export function closeDtlsTransport(transport) {
  const dtls = dtlsTransports.of(transport);
  dtls.state = 'closed';
  iceTransports.of(dtls.iceTransport).state = 'closed';
}
