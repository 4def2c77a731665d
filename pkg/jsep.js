// @ts-check
// The operations that make and apply descriptions: createOffer, setLocalDescription,
// setRemoteDescription (an answer, or a rollback) and createAnswer, each run in the operations
// chain. The core's JSEP session writes and checks the SDP; this mirrors what it returns.

import { DEFAULT_EXPIRES_MS, sdpFingerprints } from './certificate.js';
import { fromCore, isCoreError, whenCoreReady } from './core.js';
import { isOpenOrOpening } from './datachannel.js';
import { RTCError, RTCSessionDescription } from './description.js';
import { RTCPeerConnectionIceEvent } from './events.js';
import { reconsiderNegotiation } from './operations.js';
import { sends, stopTransceiver, transceiverSlots, transceiverSnapshot } from './rtp.js';
import { queueTask } from './tasks.js';
import { domError } from './webidl.js';

/** @typedef {import('./core.js').Core} Core */
/** @typedef {import('./peerconnection.js').ConnectionSlots} ConnectionSlots */
/** @typedef {import('./rtp.js').Direction} Direction */
/** @typedef {import('./rtp.js').TransceiverSnapshot} TransceiverSnapshot */

/**
 * The core's JSEP state for one connection (the one other place that names the core's class is
 * jsepSession).
 * @typedef {import('./wasm/rtc_offer_polyfill.js').Session} JsepSession
 */

/**
 * What the core writes an offer from.
 * @typedef {{transceivers: TransceiverSnapshot[], dataChannel: boolean}} OfferSnapshot
 */

/**
 * What the core's setLocalDescription returns for each transceiver the offer has an m-section for.
 * @typedef {{id: number, mid: string}} LocalMid
 */

/**
 * What the core's setRemoteDescription returns for each m-section of the answer: `id` is the
 * transceiver's, or null for the data channels' section; `currentDirection` is this side's view.
 * @typedef {{id: number | null, mid: string, currentDirection: Direction, rejected: boolean}} RemoteSection
 */

/**
 * [[LastCreatedOffer]] and what it was made from (see writeOffer).
 * @typedef {object} Offer
 * @property {string} sdp
 * @property {OfferSnapshot} snapshot
 * @property {number} generation The connection's generation when it was made: older than now is stale.
 * @property {boolean} iceRestart
 * @property {object | null} replacesIce The restartIce() request this offer fulfils once it is the current
 *   local description.
 * @property {boolean} hasSections
 */

/**
 * What the current offer and answer negotiated: the offer's transceivers and the answer's
 * m-sections, by transceiver id, and whether the data channels' section was accepted.
 * @typedef {object} Negotiated
 * @property {Map<number, TransceiverSnapshot>} offered
 * @property {Map<number, RemoteSection>} answered
 * @property {boolean} dataNegotiated
 */

/** @typedef {(value: undefined) => void} Resolve */
/** @typedef {(reason: unknown) => void} Reject */

/**
 * The connection's JsepSession in the core, made on first need with the configured or a default
 * certificate. The one place that names the core's class.
 * @param {ConnectionSlots} s
 * @param {Core} core
 * @returns {JsepSession}
 */
function jsepSession(s, core) {
  if (s.jsep === null) {
    let fingerprints;
    if (s.configuration.certificates.length > 0) {
      fingerprints = s.configuration.certificates.flatMap(sdpFingerprints);
    } else if (s.defaultFingerprints !== null) {
      fingerprints = s.defaultFingerprints;
    } else {
      const certificate = core.generateCertificate(DEFAULT_EXPIRES_MS);
      fingerprints = /** @type {import('./certificate.js').Fingerprint[]} */ (certificate.fingerprints()).map(
        ({ algorithm, value }) => ({ algorithm, value: value.toUpperCase() }),
      );
      certificate.free();
    }
    s.jsep = new core.Session(fingerprints);
  }
  return s.jsep;
}

/**
 * Writes an offer for the connection as it is now; it becomes [[LastCreatedOffer]]. While
 * restartIce() has credentials to replace, every offer restarts ICE.
 * @param {ConnectionSlots} s
 * @param {Core} core
 * @param {{iceRestart: boolean, voiceActivityDetection: boolean}} options
 */
function writeOffer(s, core, { iceRestart, voiceActivityDetection }) {
  /** @type {OfferSnapshot} */
  const snapshot = {
    transceivers: s.transceivers.map(transceiverSnapshot),
    dataChannel: s.dataChannels.some(isOpenOrOpening),
  };
  const restart = iceRestart || s.iceToReplace !== null;
  const sdp = jsepSession(s, core).createOffer(snapshot, { iceRestart: restart, voiceActivityDetection });
  s.lastOffer = {
    sdp,
    snapshot,
    generation: s.generation,
    iceRestart: restart,
    replacesIce: s.iceToReplace,
    hasSections: snapshot.dataChannel || snapshot.transceivers.some((t) => !t.stopped),
  };
  return sdp;
}

/**
 * Runs `finalSteps(core)` in a queued task once the core is loaded (the in-parallel part of an
 * operation), unless the connection was closed meanwhile; its exceptions reject.
 * @param {ConnectionSlots} s
 * @param {Reject} reject
 * @param {(core: Core) => void} finalSteps
 */
function inParallel(s, reject, finalSteps) {
  if (s.pendingCertificate !== null) {
    s.pendingCertificate.then(() => inParallel(s, reject, finalSteps));
    return;
  }
  whenCoreReady(
    (core) =>
      queueTask(() => {
        if (s.closed) return;
        try {
          finalSteps(core);
        } catch (error) {
          reject(fromCore(error));
        }
      }),
    reject,
  );
}

/**
 * @param {ConnectionSlots} s
 * @param {import('./dictionaries.js').OfferOptions} options
 * @returns {Promise<RTCSessionDescriptionInit>}
 */
export function createOfferOperation(s, options) {
  if (s.signalingState !== 'stable' && s.signalingState !== 'have-local-offer') {
    return Promise.reject(
      domError('InvalidStateError', `createOffer: cannot create an offer in signalingState '${s.signalingState}'`),
    );
  }
  return new Promise((resolve, reject) => {
    inParallel(s, reject, (core) => {
      const sdp = writeOffer(s, core, options);
      // A fresh dictionary, members in WebIDL (lexicographic) order, as Chromium returns it.
      resolve({ sdp, type: 'offer' });
    });
  });
}

/** @param {ConnectionSlots} s */
function fireSignalingStateChange(s) {
  s.pc.dispatchEvent(new Event('signalingstatechange'));
}

/**
 * ICE gathering without a network: it starts and completes at once, with no candidates.
 * @param {ConnectionSlots} s
 */
function gather(s) {
  /** @param {RTCIceGatheringState} state */
  const setGatheringState = (state) => {
    s.iceGatheringState = state;
    s.pc.dispatchEvent(new Event('icegatheringstatechange'));
  };
  queueTask(() => {
    if (s.closed) return;
    setGatheringState('gathering');
    queueTask(() => {
      if (s.closed) return;
      setGatheringState('complete');
      s.pc.dispatchEvent(new RTCPeerConnectionIceEvent('icecandidate', { candidate: null }));
    });
  });
}

/**
 * @param {ConnectionSlots} s
 * @param {number} id
 */
function findTransceiver(s, id) {
  return s.transceivers.find((t) => transceiverSlots(t).id === id);
}

/**
 * @param {ConnectionSlots} s
 * @param {Core} core
 * @param {string} sdp
 * @param {Resolve} resolve
 */
function applyLocalOffer(s, core, sdp, resolve) {
  // A parameterless setLocalDescription() uses [[LastCreatedOffer]] unless it is stale.
  if (sdp === '' && (s.lastOffer === null || s.lastOffer.generation !== s.generation)) {
    writeOffer(s, core, { iceRestart: false, voiceActivityDetection: true });
  }
  // Just written, or the one setLocalDescriptionOperation checked `sdp` against.
  const offer = /** @type {Offer} */ (s.lastOffer);
  const mids = /** @type {LocalMid[]} */ (jsepSession(s, core).setLocalDescription(offer.sdp));
  for (const { id, mid } of mids) {
    const transceiver = findTransceiver(s, id);
    const slots = transceiver === undefined ? null : transceiverSlots(transceiver);
    if (slots !== null && slots.mid === null) {
      slots.mid = mid;
      s.midsSetByPendingOffer.push(slots);
    }
  }
  s.pendingLocalDescription = new RTCSessionDescription({ type: 'offer', sdp: offer.sdp });
  s.pendingOffer = offer;
  s.localDescriptionSet = true;
  const changed = s.signalingState !== 'have-local-offer';
  s.signalingState = 'have-local-offer';
  if (changed) fireSignalingStateChange(s);
  resolve(undefined);
  if (offer.hasSections && (s.iceGatheringState === 'new' || offer.iceRestart)) gather(s);
}

/**
 * Undoes the pending local offer (setLocalDescription or setRemoteDescription of a rollback).
 * @param {ConnectionSlots} s
 * @param {Core} core
 * @param {Resolve} resolve
 */
function rollback(s, core, resolve) {
  jsepSession(s, core).rollback();
  for (const slots of s.midsSetByPendingOffer) slots.mid = null;
  s.midsSetByPendingOffer = [];
  s.pendingLocalDescription = null;
  s.pendingOffer = null;
  s.signalingState = 'stable';
  reconsiderNegotiation(s);
  fireSignalingStateChange(s);
  resolve(undefined);
}

/**
 * @param {ConnectionSlots} s
 * @param {string} operation
 * @returns {Promise<undefined>}
 */
function rollbackOperation(s, operation) {
  // Rollback needs a pending offer; this connection never has a remote one.
  if (s.signalingState !== 'have-local-offer') {
    return Promise.reject(
      domError('InvalidStateError', `${operation}: nothing to roll back in signalingState '${s.signalingState}'`),
    );
  }
  return new Promise((resolve, reject) => inParallel(s, reject, (core) => rollback(s, core, resolve)));
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
  /** @param {string} why */
  const invalidState = (why) => Promise.reject(domError('InvalidStateError', `setLocalDescription: ${why}`));
  if (type === 'rollback') return rollbackOperation(s, 'setLocalDescription');
  if (type !== 'offer') return invalidState(`cannot apply an ${type} in signalingState '${state}' (no remote offer)`);
  if (state !== 'stable' && state !== 'have-local-offer') {
    return invalidState(`cannot apply an offer in signalingState '${state}'`);
  }
  if (description.sdp !== '' && description.sdp !== s.lastOffer?.sdp) {
    return Promise.reject(
      domError(
        'InvalidModificationError',
        'setLocalDescription: the SDP is not the last offer createOffer() made (it must not be modified)',
      ),
    );
  }
  return new Promise((resolve, reject) =>
    inParallel(s, reject, (core) => applyLocalOffer(s, core, description.sdp, resolve)),
  );
}

/**
 * What the page sees when the core refuses an answer: SDP that does not parse is an RTCError
 * 'sdp-syntax-error' (an OperationError) with the offending line; the rest keep their names.
 * @param {unknown} error
 */
function remoteDescriptionError(error) {
  if (!isCoreError(error) || error.name !== 'OperationError') return fromCore(error);
  /** @type {{errorDetail: RTCErrorDetailType, sdpLineNumber?: number}} */
  const init = { errorDetail: 'sdp-syntax-error' };
  if (typeof error.sdpLineNumber === 'number') init.sdpLineNumber = error.sdpLineNumber;
  return new RTCError(init, `setRemoteDescription: ${error.message}`);
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
  /** @type {RemoteSection[]} */
  let sections;
  try {
    sections = jsepSession(s, core).setRemoteDescription(sdp);
  } catch (error) {
    reject(remoteDescriptionError(error));
    return;
  }
  // The signaling state is have-local-offer: there is a pending offer, and its JsepSession.
  const offer = /** @type {Offer} */ (s.pendingOffer);
  const jsep = /** @type {JsepSession} */ (s.jsep);
  s.currentRemoteDescription = new RTCSessionDescription({ type: 'answer', sdp });
  s.currentLocalDescription = s.pendingLocalDescription;
  s.pendingLocalDescription = null;
  s.pendingOffer = null;
  s.midsSetByPendingOffer = [];
  // [[LastCreatedOffer]] becomes "": only a new createOffer() gives setLocalDescription an offer.
  s.lastOffer = null;
  s.signalingState = 'stable';
  s.canTrickleIceCandidates = jsep.canTrickle ?? null;
  // The credentials restartIce() asked to replace are gone once an offer made after it is current.
  if (s.iceToReplace !== null && offer.replacesIce === s.iceToReplace) s.iceToReplace = null;

  /** @type {Negotiated['answered']} */
  const answered = new Map();
  let dataNegotiated = false;
  for (const section of sections) {
    if (section.id === null) {
      dataNegotiated = !section.rejected;
      continue;
    }
    answered.set(section.id, section);
    const transceiver = findTransceiver(s, section.id);
    if (transceiver === undefined) continue;
    const t = transceiverSlots(transceiver);
    if (section.rejected) {
      if (!t.stopped) stopTransceiver(transceiver, false);
      continue;
    }
    t.currentDirection = section.currentDirection;
    if (sends(section.currentDirection)) t.hasSent = true;
  }
  const offered = new Map(offer.snapshot.transceivers.map((t) => [t.id, t]));
  s.negotiated = { offered, answered, dataNegotiated };
  // Stopped transceivers whose m-section is now rejected leave the connection; like Chromium,
  // they also lose their mid, which no later description will associate them with again.
  s.transceivers = s.transceivers.filter((transceiver) => {
    const t = transceiverSlots(transceiver);
    const rejected = offered.get(t.id)?.stopped || answered.get(t.id)?.rejected;
    if (!t.stopped || !rejected) return true;
    t.mid = null;
    return false;
  });
  reconsiderNegotiation(s);
  fireSignalingStateChange(s);
  resolve(undefined);
}

/**
 * @param {ConnectionSlots} s
 * @param {import('./description.js').SessionDescriptionInit} description
 * @returns {Promise<undefined>}
 */
export function setRemoteDescriptionOperation(s, { type, sdp }) {
  if (type === 'rollback') return rollbackOperation(s, 'setRemoteDescription');
  // The rest fails or succeeds in a queued task, as applying a description in parallel does.
  return new Promise((/** @type {Resolve} */ resolve, reject) =>
    inParallel(s, reject, (core) => {
      const state = s.signalingState;
      /** @type {(name: string, why: string) => void} */
      const fail = (name, why) => reject(domError(name, `setRemoteDescription: ${why}`));
      if ((type === 'answer' || type === 'pranswer') && state !== 'have-local-offer') {
        fail('InvalidStateError', `cannot apply an ${type} in signalingState '${state}' (no local offer to answer)`);
      } else if (type === 'answer') {
        applyRemoteAnswer(s, core, sdp, resolve, reject);
      } else {
        fail(
          'NotSupportedError',
          `rtc-offer-polyfill only makes offers: a remote ${type} cannot be applied (only an answer to the local offer)`,
        );
      }
    }),
  );
}

/**
 * @param {ConnectionSlots} s
 * @returns {Promise<never>}
 */
export function createAnswerOperation(s) {
  return Promise.reject(
    domError(
      'InvalidStateError',
      `createAnswer: needs a remote offer (signalingState have-remote-offer or have-local-pranswer), not '${s.signalingState}'`,
    ),
  );
}
