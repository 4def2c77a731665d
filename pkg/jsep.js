// @ts-check
// The operations that make and apply descriptions: createOffer, setLocalDescription,
// setRemoteDescription (an answer, or a rollback) and createAnswer, each run in the operations
// chain. The core's JSEP session writes and checks the SDP; this mirrors what it returns.

import { certificateFromCore, DEFAULT_EXPIRES_MS, sdpFingerprints } from './certificate.js';
import { fromCore, whenCoreReady } from './core.js';
import { assignChannelIds } from './datachannel.js';
import { RTCSessionDescription } from './description.js';
import { RTCPeerConnectionIceEvent, RTCTrackEvent } from './events.js';
import { addRemoteTrack, createRemoteStream, removeRemoteTrack } from './mediastream.js';
import { connectionSnapshot, reconsiderNegotiation } from './operations.js';
import { receiverSlots, sends, stopTransceiver, transceiverSlots } from './rtp.js';
import { nextSignalingState } from './signaling.js';
import { queueTask } from './tasks.js';
import { closeSctpTransport, createSctpTransport, updateMaxMessageSize } from './transports.js';
import { domError } from './webidl.js';

/** @typedef {import('./core.js').Core} Core */
/** @typedef {import('./peerconnection.js').ConnectionSlots} ConnectionSlots */
/** @typedef {import('./wasm/rtc_offer_polyfill.js').MidChange} MidChange */

/**
 * The core's JSEP state for one connection, the one owner of mids, the last created offer and the
 * negotiated descriptions (the one place that names the core's class is jsepSession).
 * @typedef {import('./wasm/rtc_offer_polyfill.js').JsepSession} JsepSession
 */

/** @typedef {import('./mediastream.js').MediaStream} MediaStream */
/** @typedef {import('./mediastream.js').MediaStreamTrack} MediaStreamTrack */
/** @typedef {[MediaStream, MediaStreamTrack][]} StreamTrackPairs */

/**
 * What a `track` event carries.
 * @typedef {object} TrackEventInit
 * @property {import('./rtp.js').RTCRtpReceiver} receiver
 * @property {MediaStreamTrack} track
 * @property {MediaStream[]} streams
 * @property {import('./rtp.js').RTCRtpTransceiver} transceiver
 */

/**
 * What applying a remote description does to remote tracks and streams once it is applied: tracks
 * leave and join streams (removetrack/addtrack), then track events fire.
 * @typedef {object} RemoteTrackChanges
 * @property {StreamTrackPairs} addList
 * @property {StreamTrackPairs} removeList
 * @property {TrackEventInit[]} trackEvents
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
      fingerprints = sdpFingerprints(certificateFromCore(core.generateCertificate(DEFAULT_EXPIRES_MS)));
    }
    s.jsep = new core.JsepSession(fingerprints);
  }
  return s.jsep;
}

/**
 * Writes an offer for the connection as it is now; it becomes the core's [[LastCreatedOffer]]
 * (while restartIce() has credentials to replace, the core makes every offer restart ICE).
 * @param {ConnectionSlots} s
 * @param {Core} core
 * @param {import('./wasm/rtc_offer_polyfill.js').OfferOptions} options
 */
function writeOffer(s, core, options) {
  const sdp = jsepSession(s, core).createOffer(connectionSnapshot(s), options);
  s.lastOfferGeneration = s.generation;
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
  const { error } = nextSignalingState(s.signalingState, 'createOffer');
  if (error !== null) return Promise.reject(error);
  return new Promise((resolve, reject) => {
    inParallel(s, reject, (core) => {
      const sdp = writeOffer(s, core, {
        iceRestart: options.iceRestart,
        voiceActivityDetection: options.voiceActivityDetection,
      });
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
 * Moves to the signaling state the table gives for applying a description (checked when the
 * operation started); returns whether it changed, which fires signalingstatechange.
 * @param {ConnectionSlots} s
 * @param {import('./signaling.js').Operation} operation
 * @param {import('./signaling.js').DescriptionType} type
 */
function moveSignalingState(s, operation, type) {
  const { next, error } = nextSignalingState(s.signalingState, operation, type);
  if (error !== null) throw error;
  const changed = next !== s.signalingState;
  s.signalingState = next;
  return changed;
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
 * Mirrors the mids the core reports as changed onto the transceivers.
 * @param {ConnectionSlots} s
 * @param {MidChange[]} changes
 */
function mirrorMids(s, changes) {
  for (const { id, mid } of changes) {
    const transceiver = findTransceiver(s, id);
    if (transceiver !== undefined) transceiverSlots(transceiver).mid = mid;
  }
}

/**
 * @param {ConnectionSlots} s
 * @param {Core} core
 * @param {string} sdp
 * @param {Resolve} resolve
 */
function applyLocalOffer(s, core, sdp, resolve) {
  const jsep = jsepSession(s, core);
  // A parameterless setLocalDescription() uses [[LastCreatedOffer]] unless it is stale.
  let offer = jsep.lastCreatedOffer;
  if (sdp === '' && (offer === undefined || s.lastOfferGeneration !== s.generation)) {
    offer = writeOffer(s, core, { iceRestart: false, voiceActivityDetection: true });
  }
  // Just written, or the one setLocalDescriptionOperation checked `sdp` against.
  const applied = jsep.setLocalDescription(/** @type {string} */ (offer));
  mirrorMids(s, applied.mids);
  s.pendingLocalDescription = new RTCSessionDescription({ type: 'offer', sdp: /** @type {string} */ (offer) });
  s.localDescriptionSet = true;
  if (moveSignalingState(s, 'setLocalDescription', 'offer')) fireSignalingStateChange(s);
  resolve(undefined);
  if (applied.hasMLines && (s.iceGatheringState === 'new' || applied.iceRestart)) gather(s);
}

/**
 * Undoes the pending local offer (setLocalDescription or setRemoteDescription of a rollback).
 * @param {ConnectionSlots} s
 * @param {Core} core
 * @param {'setLocalDescription' | 'setRemoteDescription'} operation
 * @param {Resolve} resolve
 */
function rollback(s, core, operation, resolve) {
  mirrorMids(s, jsepSession(s, core).rollback().mids);
  s.pendingLocalDescription = null;
  const changed = moveSignalingState(s, operation, 'rollback');
  reconsiderNegotiation(s);
  if (changed) fireSignalingStateChange(s);
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
  return new Promise((resolve, reject) => inParallel(s, reject, (core) => rollback(s, core, operation, resolve)));
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
  if (description.sdp !== '' && description.sdp !== s.jsep?.lastCreatedOffer) {
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
 * webrtc-pc "process remote tracks" for `transceiver`, whose m-section the remote description gives
 * `direction` (from this side) and the a=msid stream ids `streamIds`.
 * @param {ConnectionSlots} s
 * @param {import('./rtp.js').RTCRtpTransceiver} transceiver
 * @param {import('./rtp.js').Direction} direction
 * @param {string[]} streamIds
 * @param {RemoteTrackChanges} changes
 */
function processRemoteTracks(s, transceiver, direction, streamIds, changes) {
  const t = transceiverSlots(transceiver);
  const receiver = receiverSlots(t.receiver);
  const receives = direction === 'sendrecv' || direction === 'recvonly';
  // "Set the associated remote streams": one MediaStream per id per connection.
  const streams = (receives ? streamIds : []).map((id) => {
    let stream = s.remoteStreams.get(id);
    if (stream === undefined) {
      stream = createRemoteStream(id);
      s.remoteStreams.set(id, stream);
    }
    return stream;
  });
  const added = changes.addList.length;
  for (const stream of receiver.streams) {
    if (!streams.includes(stream)) changes.removeList.push([stream, receiver.track]);
  }
  for (const stream of streams) {
    if (!receiver.streams.includes(stream)) changes.addList.push([stream, receiver.track]);
  }
  receiver.streams = streams;
  const fired = t.firedDirection === 'sendrecv' || t.firedDirection === 'recvonly';
  if ((receives && !fired) || changes.addList.length > added) {
    changes.trackEvents.push({ receiver: t.receiver, track: receiver.track, streams: [...streams], transceiver });
  }
  // "Process the removal of a remote track" would mute the track: it never unmutes here.
  t.firedDirection = direction;
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
    reject(fromCore(error, 'setRemoteDescription'));
    return;
  }
  s.currentRemoteDescription = new RTCSessionDescription({ type: 'answer', sdp });
  s.currentLocalDescription = s.pendingLocalDescription;
  s.pendingLocalDescription = null;
  const changed = moveSignalingState(s, 'setRemoteDescription', 'answer');
  s.canTrickleIceCandidates = jsep.canTrickle ?? null;
  /** @type {Set<number>} */
  const rejected = new Set();
  /** @type {RemoteTrackChanges} */
  const changes = { addList: [], removeList: [], trackEvents: [] };
  for (const section of applied.sections) {
    if (section.id === null) continue;
    const transceiver = findTransceiver(s, section.id);
    if (transceiver === undefined) continue;
    const t = transceiverSlots(transceiver);
    if (section.rejected) {
      if (!t.stopped) stopTransceiver(transceiver, false);
      rejected.add(section.id);
      continue;
    }
    t.currentDirection = section.currentDirection;
    if (sends(section.currentDirection)) t.hasSent = true;
    processRemoteTracks(s, transceiver, section.currentDirection, section.remoteStreamIds, changes);
  }
  // Transceivers whose m-section is now rejected are stopped and leave the connection; like
  // Chromium, they also lose their mid (the core reports that), which no later description will
  // associate them with again.
  mirrorMids(s, applied.mids);
  if (applied.sctp !== null) {
    s.dtlsRole = applied.sctp.dtlsRole;
    assignChannelIds(s.dataChannels, s.dtlsRole);
    // The offerer is the controlling ICE agent (RFC 8445 §6.1.1).
    s.sctp ??= createSctpTransport('controlling', () => s.iceGatheringState);
    updateMaxMessageSize(s.sctp, applied.sctp.maxMessageSize);
  } else if (s.sctp !== null && applied.sections.some((section) => section.id === null && section.rejected)) {
    closeSctpTransport(s.sctp);
    s.sctp = null;
  }
  s.transceivers = s.transceivers.filter((transceiver) => !rejected.has(transceiverSlots(transceiver).id));
  reconsiderNegotiation(s);
  if (changed) fireSignalingStateChange(s);
  for (const [stream, track] of changes.removeList) removeRemoteTrack(stream, track);
  for (const [stream, track] of changes.addList) addRemoteTrack(stream, track);
  for (const init of changes.trackEvents) s.pc.dispatchEvent(new RTCTrackEvent('track', init));
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
      // Remote offers are not supported yet, in any state.
      const { error } = type === 'offer' ? { error: null } : nextSignalingState(s.signalingState, 'setRemoteDescription', type);
      if (error !== null) {
        reject(error);
      } else if (type === 'answer') {
        applyRemoteAnswer(s, core, sdp, resolve, reject);
      } else {
        reject(
          domError(
            'NotSupportedError',
            `setRemoteDescription: rtc-offer-polyfill only makes offers: a remote ${type} cannot be applied (only an answer to the local offer)`,
          ),
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
  // No remote offer is ever applied, so this is always the state's InvalidStateError.
  const { error } = nextSignalingState(s.signalingState, 'createAnswer');
  return Promise.reject(error ?? domError('NotSupportedError', 'createAnswer: remote offers are not supported yet'));
}
