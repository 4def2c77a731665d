// @ts-check
// The operations that make and apply descriptions, each run in the operations chain: createOffer,
// createAnswer, setLocalDescription and setRemoteDescription of every type. This module has the
// offering side and the dispatch; answering.js has the answering side. The core's JSEP session
// writes and checks the SDP; both mirror what it returns.

import {
  applyExchange,
  connectionTransport,
  dispatchTrackChanges,
  findTransceiver,
  fireSignalingStateChange,
  gather,
  inParallel,
  jsepSession,
  mirrorMids,
  moveSignalingState,
  noTrackChanges,
  processRemoteTracks,
  setDescriptionInParallel,
  updateTransports,
} from './apply.js';
import { applyLocalAnswer, applyRemoteOffer, rollbackRemoteOffer, writeAnswer } from './answering.js';
import { fromCore, loadFullCore } from './core.js';
import { domError } from './webidl.js';
import { RTCSessionDescription } from './description.js';
import { reconsiderNegotiation, withSnapshot } from './operations.js';
import { adopt } from './realm.js';
import { nextSignalingState } from './signaling.js';
import { closeSctpTransport, createSctpTransport } from './transports.js';

/** @typedef {import('./apply.js').Core} Core */
/** @typedef {import('./apply.js').ConnectionSlots} ConnectionSlots */
/** @typedef {import('./apply.js').JsepSession} JsepSession */
/** @typedef {import('./apply.js').Resolve} Resolve */
/** @typedef {import('./apply.js').Reject} Reject */

/**
 * Writes an offer for the connection as it is now; it becomes the core's [[LastCreatedOffer]]
 * (while restartIce() has credentials to replace, the core makes every offer restart ICE).
 * @param {ConnectionSlots} s
 * @param {Core} core
 * @param {import('./wasm/rtc_offer_polyfill.js').OfferOptions} options
 */
function writeOffer(s, core, options) {
  const jsep = jsepSession(s, core);
  const sdp = withSnapshot(s, (snapshot) => jsep.createOffer(snapshot, options));
  s.lastOfferGeneration = s.generation;
  return sdp;
}

/**
 * @param {ConnectionSlots} s
 * @param {import('./dictionaries.js').OfferOptions} options
 * @returns {Promise<RTCSessionDescriptionInit>}
 */
export function createOfferOperation(s, options) {
  const { error } = nextSignalingState(s.signalingState, 'createOffer');
  if (error !== null) return Promise.reject(error);
  return new Promise((resolve, reject) => {
    inParallel(s, reject, (core) => {
      const sdp = writeOffer(s, core, options);
      // A fresh dictionary, members in WebIDL (lexicographic) order, as Chromium returns it.
      resolve({ sdp, type: 'offer' });
    });
  });
}

/**
 * @param {ConnectionSlots} s
 * @param {{voiceActivityDetection: boolean}} options
 * @returns {Promise<RTCSessionDescriptionInit>}
 */
export function createAnswerOperation(s, options) {
  const { error } = nextSignalingState(s.signalingState, 'createAnswer');
  if (error !== null) return Promise.reject(error);
  return new Promise((resolve, reject) => {
    inParallel(s, reject, (core) => resolve({ sdp: writeAnswer(s, core, options), type: 'answer' }), true);
  });
}

/**
 * @param {ConnectionSlots} s
 * @param {Core} core
 * @param {string} sdp
 * @param {Resolve} resolve
 * @param {Reject} reject
 */
function applyLocalOffer(s, core, sdp, resolve, reject) {
  const jsep = jsepSession(s, core);
  // A parameterless setLocalDescription() uses [[LastCreatedOffer]] unless it is stale.
  let offer = sdp === '' ? jsep.lastCreatedOffer : sdp;
  if (sdp === '' && (offer === undefined || s.lastOfferGeneration !== s.generation)) {
    offer = writeOffer(s, core, { iceRestart: false, voiceActivityDetection: true });
  }
  let applied;
  try {
    // The core checks a given offer against the last created one (Chromium applies munged SDP).
    applied = jsep.setLocalDescription(/** @type {string} */ (offer));
  } catch (error) {
    reject(adopt(s.pc, fromCore(error, 'setLocalDescription')));
    return;
  }
  const [mids, hasMLines, iceRestart, dataSection, appliedSdp] = applied;
  mirrorMids(s, mids);
  updateTransports(s, 'controlling');
  // webrtc-pc: an applied description with a data section makes the RTCSctpTransport; a rollback
  // of this offer returns to the one of the last stable state.
  if (s.signalingState === 'stable') s.sctpBeforeOffer = s.sctp;
  if (dataSection) s.sctp ??= createSctpTransport(connectionTransport(s, 'controlling'));
  s.pendingLocalDescription = adopt(s.pc, new RTCSessionDescription({ type: 'offer', sdp: appliedSdp }));
  s.localDescriptionSet = true;
  if (moveSignalingState(s, 'setLocalDescription', 'offer')) fireSignalingStateChange(s);
  resolve(undefined);
  if (hasMLines && (s.iceGatheringState === 'new' || iceRestart)) gather(s);
  // An answer is likely to come: the full core reads it.
  loadFullCore();
}

/**
 * Undoes the pending local offer.
 * @param {ConnectionSlots} s
 * @param {Core} core
 */
export function rollbackLocalOffer(s, core) {
  mirrorMids(s, jsepSession(s, core).rollback().mids);
  if (s.sctp !== s.sctpBeforeOffer && s.sctp !== null) closeSctpTransport(s.sctp);
  s.sctp = s.sctpBeforeOffer;
  s.sctpBeforeOffer = null;
  s.pendingLocalDescription = null;
}

/**
 * Undoes the pending offer, local or remote (setLocalDescription or setRemoteDescription of a
 * rollback).
 * @param {ConnectionSlots} s
 * @param {Core} core
 * @param {'setLocalDescription' | 'setRemoteDescription'} operation
 * @param {Resolve} resolve
 */
function rollback(s, core, operation, resolve) {
  const changes = noTrackChanges();
  if (s.signalingState === 'have-remote-offer') rollbackRemoteOffer(s, core, changes);
  else rollbackLocalOffer(s, core);
  // Back to no description at all: the next one may take the other ICE role.
  if (s.currentLocalDescription === null) s.transport = null;
  updateTransports(s, 'controlling');
  const changed = moveSignalingState(s, operation, 'rollback');
  reconsiderNegotiation(s);
  if (changed) fireSignalingStateChange(s);
  dispatchTrackChanges(s, changes);
  resolve(undefined);
}

/**
 * @param {ConnectionSlots} s
 * @param {'setLocalDescription' | 'setRemoteDescription'} operation
 * @returns {Promise<undefined>}
 */
function rollbackOperation(s, operation) {
  const { error } = nextSignalingState(s.signalingState, operation, 'rollback');
  if (error !== null) return Promise.reject(error);
  return new Promise((resolve, reject) => setDescriptionInParallel(s, reject, (core) => rollback(s, core, operation, resolve)));
}

/**
 * @param {ConnectionSlots} s
 * @param {import('./dictionaries.js').LocalDescriptionInit} description
 * @returns {Promise<undefined>}
 */
export function setLocalDescriptionOperation(s, description) {
  const state = s.signalingState;
  const type =
    description.type ?? (['stable', 'have-local-offer', 'have-remote-pranswer'].includes(state) ? 'offer' : 'answer');
  if (type === 'rollback') return rollbackOperation(s, 'setLocalDescription');
  const { error } = nextSignalingState(state, 'setLocalDescription', type);
  if (error !== null) return Promise.reject(error);
  const answering = type === 'answer' || type === 'pranswer';
  // webrtc-pc: SDP given when none of its type was created is InvalidModificationError at once;
  // otherwise the core checks it against the one created (Chromium applies munged SDP).
  const given = description.sdp !== '';
  const created = !given ? null : answering ? s.jsep?.lastCreatedAnswer : s.jsep?.lastCreatedOffer;
  if (created === undefined) {
    return Promise.reject(
      domError('InvalidModificationError', `setLocalDescription: no ${answering ? 'answer' : 'offer'} was created`),
    );
  }
  if (answering) {
    return new Promise((resolve, reject) =>
      setDescriptionInParallel(s, reject, (core) => applyLocalAnswer(s, core, description.sdp, type, resolve, reject), true),
    );
  }
  // An offer other than the last created one is munged: reading it takes the full core.
  const munged = given && description.sdp !== created;
  return new Promise((resolve, reject) =>
    setDescriptionInParallel(s, reject, (core) => applyLocalOffer(s, core, description.sdp, resolve, reject), munged),
  );
}

/**
 * webrtc-pc "set the session description" for a remote answer to the pending local offer.
 * @param {ConnectionSlots} s
 * @param {Core} core
 * @param {string} sdp
 * @param {Resolve} resolve
 * @param {Reject} reject
 */
function applyRemoteAnswer(s, core, sdp, resolve, reject) {
  const jsep = jsepSession(s, core);
  let applied;
  try {
    applied = jsep.setRemoteDescription(sdp);
  } catch (error) {
    // SDP that does not parse is an RTCError 'sdp-syntax-error' with the offending line.
    reject(adopt(s.pc, fromCore(error, 'setRemoteDescription')));
    return;
  }
  s.currentRemoteDescription = adopt(s.pc, new RTCSessionDescription({ type: 'answer', sdp }));
  s.pendingRemoteDescription = null;
  s.currentLocalDescription = s.pendingLocalDescription;
  s.pendingLocalDescription = null;
  const changed = moveSignalingState(s, 'setRemoteDescription', 'answer');
  s.canTrickleIceCandidates = jsep.canTrickle ?? null;
  const changes = noTrackChanges();
  // The offerer is the controlling ICE agent (RFC 8445 §6.1.1).
  applyExchange(s, applied, 'controlling', changes);
  reconsiderNegotiation(s);
  if (changed) fireSignalingStateChange(s);
  dispatchTrackChanges(s, changes);
  resolve(undefined);
}

/**
 * webrtc-pc "set the session description" for a remote pranswer: the local offer stays pending,
 * remote tracks follow what it says, and nothing is negotiated yet (no currentDirection).
 * @param {ConnectionSlots} s
 * @param {Core} core
 * @param {string} sdp
 * @param {Resolve} resolve
 * @param {Reject} reject
 */
function applyRemotePranswer(s, core, sdp, resolve, reject) {
  let applied;
  try {
    applied = jsepSession(s, core).setRemotePranswer(sdp);
  } catch (error) {
    reject(adopt(s.pc, fromCore(error, 'setRemoteDescription')));
    return;
  }
  s.pendingRemoteDescription = adopt(s.pc, new RTCSessionDescription({ type: 'pranswer', sdp }));
  const changed = moveSignalingState(s, 'setRemoteDescription', 'pranswer');
  const changes = noTrackChanges();
  for (const [id, , currentDirection, rejected, remoteStreamIds] of applied.sections) {
    const transceiver = id === null ? undefined : findTransceiver(s, id);
    if (transceiver === undefined || rejected) continue;
    processRemoteTracks(s, transceiver, currentDirection, remoteStreamIds, changes);
  }
  if (changed) fireSignalingStateChange(s);
  dispatchTrackChanges(s, changes);
  resolve(undefined);
}

/**
 * @param {ConnectionSlots} s
 * @param {import('./description.js').SessionDescriptionInit} description
 * @returns {Promise<undefined>}
 */
export function setRemoteDescriptionOperation(s, { type, sdp }) {
  if (type === 'rollback') return rollbackOperation(s, 'setRemoteDescription');
  // An offer in have-local-offer first rolls the local offer back (webrtc-pc's implicit rollback).
  const implicitRollback = type === 'offer' && s.signalingState === 'have-local-offer';
  const { error } = implicitRollback ? { error: null } : nextSignalingState(s.signalingState, 'setRemoteDescription', type);
  if (error !== null) return Promise.reject(error);
  // The rest fails or succeeds in a queued task, as applying a description in parallel does.
  return new Promise((/** @type {Resolve} */ resolve, reject) =>
    setDescriptionInParallel(s, reject, (core) => {
      // Candidates the description brings are checked first and shown as Chromium writes them.
      let text;
      try {
        text = core.remoteDescriptionSdp(sdp) ?? sdp;
      } catch (error) {
        reject(adopt(s.pc, fromCore(error, 'setRemoteDescription')));
        return;
      }
      if (type === 'offer') {
        applyRemoteOffer(s, core, text, resolve, reject);
      } else if (type === 'answer') {
        applyRemoteAnswer(s, core, text, resolve, reject);
      } else {
        applyRemotePranswer(s, core, text, resolve, reject);
      }
    }, true),
  );
}
