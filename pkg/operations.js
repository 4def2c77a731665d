// @ts-check
// The operations chain and the negotiation-needed flag of an RTCPeerConnection (webrtc-pc
// "chain an operation", "update the negotiation-needed flag").

import { isOpenOrOpening } from './datachannel.js';
import { transceiverSnapshot } from './rtp.js';
import { packSnapshot } from './snapshot.js';
import { queueTask } from './tasks.js';
import { domError } from './webidl.js';

/** @typedef {import('./peerconnection.js').ConnectionSlots} ConnectionSlots */
/** @typedef {import('./wasm/rtc_offer_polyfill.js').Snapshot} Snapshot */

/** @param {string} operation */
export function closedError(operation) {
  return domError('InvalidStateError', `${operation}: the RTCPeerConnection is closed`);
}

/**
 * webrtc-pc "chain an operation": `operation()` returns a promise; one runs at a time.
 * @template T
 * @param {ConnectionSlots} s
 * @param {() => Promise<T>} operation
 * @param {string} name
 * @returns {Promise<T>}
 */
export function chain(s, operation, name) {
  if (s.closed) return Promise.reject(closedError(name));
  /** @type {(value: T) => void} */
  let resolve;
  /** @type {(reason: unknown) => void} */
  let reject;
  /** @type {Promise<T>} */
  const p = new Promise((fulfil, fail) => {
    resolve = fulfil;
    reject = fail;
  });
  const next = () => {
    if (s.closed) return;
    s.operations.shift();
    if (s.operations.length > 0) {
      s.operations[0]();
      return;
    }
    if (!s.updateNegotiationNeededOnEmptyChain) return;
    s.updateNegotiationNeededOnEmptyChain = false;
    updateNegotiationNeeded(s);
  };
  const run = () => {
    let result;
    try {
      result = operation();
    } catch (error) {
      result = Promise.reject(error);
    }
    // After p settles the chain moves on: a microtask queued after p's settlement runs after the
    // reactions the page already attached to p, as "upon fulfillment or rejection of p" does.
    result.then(
      (value) => {
        if (s.closed) return;
        resolve(value);
        queueMicrotask(next);
      },
      (reason) => {
        if (s.closed) return;
        reject(reason);
        queueMicrotask(next);
      },
    );
  };
  s.operations.push(run);
  if (s.operations.length === 1) run();
  return p;
}

/**
 * What the core writes offers from and checks negotiation against: whether a data channel is
 * open or opening, and every transceiver, in the order added.
 * @param {ConnectionSlots} s
 * @returns {Snapshot}
 */
export function connectionSnapshot(s) {
  return packSnapshot({
    dataChannel: s.dataChannels.some(isOpenOrOpening),
    transceivers: s.transceivers.map(transceiverSnapshot),
  });
}

/**
 * Calls `write(snapshot)`, a createOffer, createAnswer or setLocalAnswer of the connection's
 * session, with the connection's snapshot, or with undefined when the session was last given an
 * equal one (it keeps that one): reading one across the boundary costs more than comparing it
 * here. The session took it only if the call succeeded.
 * @template T
 * @param {ConnectionSlots} s
 * @param {(snapshot: Snapshot | undefined) => T} write
 * @returns {T}
 */
export function withSnapshot(s, write) {
  const snapshot = connectionSnapshot(s);
  const given = s.givenSnapshot;
  s.givenSnapshot = null;
  const result = write(snapshot === given ? undefined : snapshot);
  s.givenSnapshot = snapshot;
  return result;
}

/**
 * webrtc-pc "check if negotiation is needed", which the core answers against what it negotiated.
 * Before the core has a session for this connection nothing is negotiated: anything to negotiate
 * needs it.
 * @param {ConnectionSlots} s
 */
function negotiationIsNeeded(s) {
  if (s.jsep === null) return s.dataChannels.some(isOpenOrOpening) || s.transceivers.length > 0;
  return s.jsep.negotiationNeeded(connectionSnapshot(s));
}

/**
 * webrtc-pc "update the negotiation-needed flag".
 * @param {ConnectionSlots} s
 */
function updateNegotiationNeeded(s) {
  if (s.operations.length > 0) {
    s.updateNegotiationNeededOnEmptyChain = true;
    return;
  }
  queueTask(() => {
    if (s.closed) return;
    if (s.operations.length > 0) {
      s.updateNegotiationNeededOnEmptyChain = true;
      return;
    }
    if (s.signalingState !== 'stable') return;
    if (!negotiationIsNeeded(s)) {
      s.negotiationNeeded = false;
      return;
    }
    if (s.negotiationNeeded) return;
    s.negotiationNeeded = true;
    s.pc.dispatchEvent(new Event('negotiationneeded'));
  });
}

/**
 * Something an offer describes changed: older offers are stale, and negotiation may be needed.
 * @param {ConnectionSlots} s
 */
export function negotiatedStateChanged(s) {
  s.generation += 1;
  updateNegotiationNeeded(s);
}

/**
 * Back in stable after a description was set: "clear the flag and update the negotiation-needed flag".
 * @param {ConnectionSlots} s
 */
export function reconsiderNegotiation(s) {
  s.negotiationNeeded = false;
  updateNegotiationNeeded(s);
}
