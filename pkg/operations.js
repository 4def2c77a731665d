// @ts-check
// The operations chain and the negotiation-needed flag of an RTCPeerConnection (webrtc-pc
// "chain an operation", "update the negotiation-needed flag").

import { isOpenOrOpening } from './datachannel.js';
import { senderSlots, sends, transceiverSlots } from './rtp.js';
import { queueTask } from './tasks.js';
import { domError } from './webidl.js';

/** @typedef {import('./peerconnection.js').ConnectionSlots} ConnectionSlots */

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
  /** @type {{resolve: (value: T) => void, reject: (reason: unknown) => void}} */
  let settle;
  /** @type {Promise<T>} */
  const p = new Promise((resolve, reject) => {
    settle = { resolve, reject };
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
        settle.resolve(value);
        queueMicrotask(next);
      },
      (reason) => {
        if (s.closed) return;
        settle.reject(reason);
        queueMicrotask(next);
      },
    );
  };
  s.operations.push(run);
  if (s.operations.length === 1) run();
  return p;
}

/** @type {(a: string[], b: string[]) => boolean} */
const sameIds = (a, b) => a.length === b.length && a.every((id) => b.includes(id));

/**
 * webrtc-pc "check if negotiation is needed". This connection is always the offerer, so its
 * current local description is an offer (made from `s.negotiated.offered`) and its current
 * remote description the answer (`s.negotiated.answered`).
 * @param {ConnectionSlots} s
 */
function negotiationIsNeeded(s) {
  if (s.iceToReplace !== null) return true;
  const negotiated = s.negotiated;
  if (s.dataChannels.some(isOpenOrOpening) && !negotiated?.dataNegotiated) return true;
  for (const transceiver of s.transceivers) {
    const t = transceiverSlots(transceiver);
    if (t.stopping && !t.stopped) return true;
    // The transceiver as the current offer described it (undefined: no m-section there).
    const offered = negotiated?.offered.get(t.id);
    const answered = negotiated?.answered.get(t.id);
    if (t.stopped) {
      // Rejected in the offer (stopped then) or in the answer.
      if (offered !== undefined && !offered.stopped && !answered?.rejected) return true;
      continue;
    }
    if (offered === undefined || offered.stopped) return true;
    // The offer has a=msid lines exactly when it offered to send (one per stream, or '-').
    const sender = senderSlots(t.sender);
    const msidChanged = !sends(offered.direction) || !sameIds(offered.streamIds, sender.streamIds);
    if (sends(t.direction) && msidChanged) return true;
    // The answer's direction, reversed to this side's view, is what the core reports.
    if (offered.direction !== t.direction && answered?.currentDirection !== t.direction) return true;
  }
  return false;
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
