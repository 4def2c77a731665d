// @ts-check
// The answering side of the description operations: webrtc-pc "set the session description" for a
// remote offer (transceivers matched or made, remote tracks, pc.sctp), createAnswer's final steps,
// setLocalDescription of an answer or pranswer, and the rollback of a remote offer. The core matches
// m-sections to transceivers and writes the answer; this mirrors what it returns.

import {
  applyExchange,
  connectionTransport,
  dispatchTrackChanges,
  findTransceiver,
  fireSignalingStateChange,
  gather,
  jsepSession,
  mirrorMids,
  moveSignalingState,
  noTrackChanges,
  processRemoteTracks,
  updateTransports,
} from './apply.js';
import { fromCore } from './core.js';
import { RTCSessionDescription } from './description.js';
import { removeRemoteTrack } from './mediastream.js';
import { connectionSnapshot, reconsiderNegotiation, withSnapshot } from './operations.js';
import { adopt } from './realm.js';
import {
  createTransceiver,
  receiverSlots,
  senderSlots,
  stopTransceiver,
  transceiverSlots,
  validateSendEncodings,
} from './rtp.js';
import { queueTask } from './tasks.js';
import { closeSctpTransport, createSctpTransport, updateMaxMessageSize } from './transports.js';

/** @typedef {import('./apply.js').Core} Core */
/** @typedef {import('./apply.js').ConnectionSlots} ConnectionSlots */
/** @typedef {import('./apply.js').RemoteTrackChanges} RemoteTrackChanges */
/** @typedef {import('./apply.js').Resolve} Resolve */
/** @typedef {import('./apply.js').Reject} Reject */

/**
 * webrtc-pc "set the session description" for a remote offer. Over an applied local offer the core
 * rolls that back first (webrtc-pc's implicit rollback): the page sees stable, then have-remote-offer.
 * @param {ConnectionSlots} s
 * @param {Core} core
 * @param {string} sdp
 * @param {Resolve} resolve
 * @param {Reject} reject
 */
export function applyRemoteOffer(s, core, sdp, resolve, reject) {
  const jsep = jsepSession(s, core);
  let applied;
  try {
    // The core checks the offer before it rolls the local offer back: a bad offer changes nothing.
    applied = jsep.setRemoteOffer(sdp, connectionSnapshot(s));
  } catch (error) {
    reject(adopt(s.pc, fromCore(error, 'setRemoteDescription')));
    return;
  }
  // Ids the core gave transceivers it makes for the offer are taken now, whichever task sets it.
  for (const [id, , created] of applied.sections) {
    if (created && id !== null) s.nextTransceiverId = Math.max(s.nextTransceiverId, id);
  }
  if (applied.rolledBack === null) {
    setRemoteOffer(s, jsep.canTrickle, applied, sdp, resolve);
    return;
  }
  mirrorMids(s, applied.rolledBack.mids);
  s.pendingLocalDescription = null;
  s.signalingState = 'stable';
  fireSignalingStateChange(s);
  // The rollback is a setLocalDescription({type: 'rollback'}) of its own in webrtc-pc: the page
  // sees stable for a task before the offer is set (WPT RTCPeerConnection-setRemoteDescription-offer).
  const canTrickle = jsep.canTrickle;
  queueTask(() => {
    if (!s.closed) setRemoteOffer(s, canTrickle, applied, sdp, resolve);
  });
}

/**
 * The steps of applyRemoteOffer once the offer is applied in the core (and any local offer rolled back).
 * @param {ConnectionSlots} s
 * @param {boolean | undefined} canTrickle
 * @param {import('./wasm/rtc_offer_polyfill.js').RemoteOfferApplied} applied
 * @param {string} sdp
 * @param {Resolve} resolve
 */
function setRemoteOffer(s, canTrickle, applied, sdp, resolve) {
  if (s.signalingState === 'stable') s.sctpBeforeOffer = s.sctp;
  s.pendingRemoteDescription = adopt(s.pc, new RTCSessionDescription({ type: 'offer', sdp }));
  s.canTrickleIceCandidates = canTrickle ?? null;
  const changed = moveSignalingState(s, 'setRemoteDescription', 'offer');
  const changes = noTrackChanges();
  for (const [id, kind, created, mid, direction, rejected, remoteStreamIds] of applied.sections) {
    if (id === null) continue;
    let transceiver = findTransceiver(s, id);
    if (created && kind !== null) {
      transceiver = createTransceiver(s.hooks, {
        id,
        kind,
        direction: 'recvonly',
        track: null,
        streams: [],
        sendEncodings: validateSendEncodings(kind, []),
      });
      s.transceivers.push(transceiver);
    }
    if (transceiver === undefined) continue;
    const t = transceiverSlots(transceiver);
    t.mid = mid;
    if (rejected) {
      if (!t.stopped) stopTransceiver(transceiver, false);
      continue;
    }
    processRemoteTracks(s, transceiver, direction, remoteStreamIds, changes);
  }
  // The answerer is the controlled ICE agent (RFC 8445 §6.1.1).
  updateTransports(s, 'controlled');
  if (applied.sctp !== null) {
    s.sctp ??= createSctpTransport(connectionTransport(s, 'controlled'));
    updateMaxMessageSize(s.sctp, applied.sctp.maxMessageSize);
  }
  if (changed) fireSignalingStateChange(s);
  dispatchTrackChanges(s, changes);
  resolve(undefined);
}

/**
 * createAnswer's final steps: an answer for the connection as it is now, the core's
 * [[LastCreatedAnswer]].
 * @param {ConnectionSlots} s
 * @param {Core} core
 * @param {{voiceActivityDetection: boolean}} options
 */
export function writeAnswer(s, core, options) {
  const jsep = jsepSession(s, core);
  const sdp = withSnapshot(s, (snapshot) => jsep.createAnswer(snapshot, options));
  s.lastAnswerGeneration = s.generation;
  return sdp;
}

/**
 * webrtc-pc "set the session description" for a local answer or pranswer: `sdp` is the last created
 * answer, possibly munged, or empty for it (a fresh one when the connection changed since).
 * @param {ConnectionSlots} s
 * @param {Core} core
 * @param {string} sdp
 * @param {'answer' | 'pranswer'} type
 * @param {Resolve} resolve
 * @param {Reject} reject
 */
export function applyLocalAnswer(s, core, sdp, type, resolve, reject) {
  const jsep = jsepSession(s, core);
  // Implicit: [[LastCreatedAnswer]] while it still describes the connection (the core's current
  // answer, not one from before a rollback or another remote offer), else a fresh one.
  let answer = sdp === '' ? jsep.currentAnswer : sdp;
  if (sdp === '' && (answer === undefined || s.lastAnswerGeneration !== s.generation)) {
    answer = writeAnswer(s, core, { voiceActivityDetection: true });
  }
  let applied;
  try {
    // The core checks a given answer against the last created one (Chromium applies munged SDP),
    // or against one written afresh for the connection as it is now when a rollback or another
    // remote offer came since that one was created.
    const given = /** @type {string} */ (answer);
    applied = withSnapshot(s, (snapshot) => jsep.setLocalAnswer(given, type === 'pranswer', snapshot));
  } catch (error) {
    reject(adopt(s.pc, fromCore(error, 'setLocalDescription')));
    return;
  }
  const description = adopt(s.pc, new RTCSessionDescription({ type, sdp: applied.sdp }));
  s.localDescriptionSet = true;
  // webrtc-pc: an answer or pranswer we apply forgets the parameters senders last returned (the
  // codecs for sending change), so setParameters() needs a new getParameters().
  for (const [id] of applied.sections) {
    const transceiver = id === null ? undefined : findTransceiver(s, id);
    const t = transceiver === undefined ? undefined : transceiverSlots(transceiver);
    if (t !== undefined && !t.stopped) senderSlots(t.sender).lastReturned = null;
  }
  const changes = noTrackChanges();
  if (type === 'pranswer') {
    s.pendingLocalDescription = description;
  } else {
    s.currentLocalDescription = description;
    s.currentRemoteDescription = s.pendingRemoteDescription;
    s.pendingLocalDescription = null;
    s.pendingRemoteDescription = null;
    s.sctpBeforeOffer = null;
    s.canTrickleIceCandidates = jsep.canTrickle ?? null;
    applyExchange(s, applied, 'controlled', changes);
  }
  const changed = moveSignalingState(s, 'setLocalDescription', type);
  if (type === 'answer') reconsiderNegotiation(s);
  if (changed) fireSignalingStateChange(s);
  dispatchTrackChanges(s, changes);
  resolve(undefined);
  if (applied.sections.some(([, , , rejected]) => !rejected) && s.iceGatheringState === 'new') gather(s);
}

/**
 * Undoes the pending remote offer (webrtc-pc rollback in have-remote-offer): transceivers lose the
 * mids it gave, those it made are removed unless addTrack() has since taken them, remote tracks go
 * back to what the last exchange gave, and pc.sctp to what it was before the offer.
 * @param {ConnectionSlots} s
 * @param {Core} core
 * @param {RemoteTrackChanges} changes
 */
export function rollbackRemoteOffer(s, core, changes) {
  const rolled = jsepSession(s, core).rollback();
  mirrorMids(s, rolled.mids);
  const created = new Set(rolled.created);
  /** @type {Set<number>} */
  const removed = new Set();
  for (const transceiver of s.transceivers) {
    const t = transceiverSlots(transceiver);
    if (created.has(t.id) && !t.addedByTrack) {
      const receiver = receiverSlots(t.receiver);
      for (const stream of receiver.streams) removeRemoteTrack(stream, receiver.track);
      receiver.streams = [];
      stopTransceiver(transceiver, false);
      t.mid = null;
      removed.add(t.id);
      continue;
    }
    if (created.has(t.id)) t.mid = null;
    // Back to the last exchange's view: what it negotiated, or nothing.
    const direction = t.currentDirection ?? 'inactive';
    const streams = receiverSlots(t.receiver).lastStableStreams;
    processRemoteTracks(
      s,
      transceiver,
      direction,
      streams.map((stream) => stream.id),
      changes,
    );
  }
  s.transceivers = s.transceivers.filter((transceiver) => !removed.has(transceiverSlots(transceiver).id));
  s.canTrickleIceCandidates = s.jsep?.canTrickle ?? null;
  if (s.sctp !== s.sctpBeforeOffer && s.sctp !== null) closeSctpTransport(s.sctp);
  s.sctp = s.sctpBeforeOffer;
  s.sctpBeforeOffer = null;
  s.pendingRemoteDescription = null;
}
