// @ts-check
// addIceCandidate (webrtc-pc §4.4.1.6): the chained operation. The core checks the candidate
// against the remote description and writes it in; the description object is then replaced, as
// Chromium hands out a new remoteDescription after each candidate.

import { inParallel } from './apply.js';
import { fromCore } from './core.js';
import { RTCSessionDescription } from './description.js';
import { adopt } from './realm.js';
import { domError } from './webidl.js';

/** @typedef {import('./peerconnection.js').ConnectionSlots} ConnectionSlots */
/** @typedef {import('./icecandidate.js').CandidateInit} CandidateInit */

/**
 * The sync check before chaining: a candidate needs a mid or an m-line index.
 * @param {CandidateInit} init
 */
export function candidateTypeError(init) {
  return init.candidate !== '' && init.sdpMid === null && init.sdpMLineIndex === null
    ? new TypeError('addIceCandidate: Candidate missing values for both sdpMid and sdpMLineIndex')
    : null;
}

/**
 * @param {ConnectionSlots} s
 * @param {CandidateInit} init
 * @returns {Promise<undefined>}
 */
export function addIceCandidateOperation(s, init) {
  const remote = s.pendingRemoteDescription ?? s.currentRemoteDescription;
  if (remote === null) {
    return Promise.reject(domError('InvalidStateError', 'addIceCandidate: The remote description was null'));
  }
  return new Promise((resolve, reject) =>
    inParallel(s, reject, (core) => {
      /** @type {string | undefined} */
      let sdp;
      /** @type {Error | null} */
      let failure = null;
      try {
        sdp = core.addIceCandidate(
          remote.sdp,
          init.candidate,
          init.sdpMid ?? undefined,
          init.sdpMLineIndex ?? undefined,
          init.usernameFragment ?? undefined,
        );
      } catch (error) {
        failure = adopt(s.pc, fromCore(error, 'addIceCandidate'));
      }
      // Chromium hands out a new description object after any candidate it processed, added,
      // already known or refused; the end of candidates leaves it.
      // (Nothing else runs on the chain meanwhile: `remote` is still the remote description.)
      if (init.candidate !== '') {
        const replaced = adopt(s.pc, new RTCSessionDescription({ type: remote.type, sdp: sdp ?? remote.sdp }));
        if (s.pendingRemoteDescription === remote) {
          s.pendingRemoteDescription = replaced;
        } else {
          s.currentRemoteDescription = replaced;
        }
      }
      if (failure !== null) {
        reject(failure);
        return;
      }
      resolve(undefined);
    }, true),
  );
}
