// @ts-check
// What applying any description shares: the connection's JSEP session in the core, the in-parallel
// part of an operation, signaling-state moves, mids mirrored from the core, ICE gathering, and
// webrtc-pc's "process remote tracks" with the stream and track events it queues.

import { sdpFingerprints } from './certificate.js';
import { fromCore, isFullCore, whenCoreReady, whenFullCoreReady } from './core.js';
import { assignChannelIds } from './datachannel.js';
import { RTCPeerConnectionIceEvent, RTCTrackEvent } from './events.js';
import { encodingCodecMatch } from './encodings.js';
import { addRemoteTrack, createRemoteStream, removeRemoteTrack } from './mediastream.js';
import { adopt } from './realm.js';
import { receiverSlots, senderSlots, sends, stopTransceiver, transceiverSlots } from './rtp.js';
import { nextSignalingState } from './signaling.js';
import { queueTask } from './tasks.js';
import { domError } from './webidl.js';
import { closeSctpTransport, createDtlsTransport, createSctpTransport, updateMaxMessageSize } from './transports.js';

/**
 * What operations are given: the full core, or for those that read no SDP the main one, which has
 * a subset of its exports (the same code, without the SDP parser and the answer side).
 * @typedef {import('./core.js').FullCore} Core
 */
/** @typedef {import('./peerconnection.js').ConnectionSlots} ConnectionSlots */
/** @typedef {import('./wasm/rtc_offer_polyfill.js').MidChange} MidChange */

/**
 * The core's JSEP state for one connection, the one owner of mids, the last created offer and
 * answer and the negotiated descriptions (the one place that names the core's class is jsepSession).
 * @typedef {import('./wasm/rtc_offer_polyfill_full.js').JsepSession} JsepSession
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

/** The session's operations that change its state: what the full core replays (upgradeSession). */
const REPLAYED = new Set(['createOffer', 'setLocalDescription', 'rollback', 'restartIce']);

/**
 * How many calls a main-part session logs before its next operation moves it to the full part
 * anyway: a connection that only ever offers would otherwise keep every call's snapshot.
 */
const MAX_REPLAYED_CALLS = 64;

/**
 * A session of the main part that logs its state-changing calls into `log`.
 * @param {object} session
 * @param {[string, unknown[]][]} log
 */
function recording(session, log) {
  return new Proxy(session, {
    get(target, name) {
      const value = Reflect.get(target, name, target);
      if (typeof value !== 'function') return value;
      if (typeof name !== 'string' || !REPLAYED.has(name)) return value.bind(target);
      return (/** @type {unknown[]} */ ...args) => {
        log.push([name, args]);
        return value.apply(target, args);
      };
    },
  });
}

/**
 * The connection's JsepSession in the core, made on first need with the configured or a default
 * certificate. The one place that names the core's class. Made by the main part, it records what
 * upgradeSession() needs to move it to the full part.
 * @param {ConnectionSlots} s
 * @param {Core} core
 * @returns {JsepSession}
 */
export function jsepSession(s, core) {
  if (s.jsep === null) {
    let fingerprints;
    if (s.configuration.certificates.length > 0) {
      fingerprints = s.configuration.certificates.flatMap(sdpFingerprints);
    } else if (s.defaultFingerprints !== null) {
      fingerprints = s.defaultFingerprints;
    } else {
      throw domError('OperationError', 'No DTLS certificate could be made for this connection');
    }
    const session = new core.JsepSession(fingerprints);
    s.givenSnapshot = null;
    if (isFullCore(core)) {
      s.jsep = session;
    } else {
      s.jsepReplay = { fingerprints, log: [] };
      s.jsep = /** @type {JsepSession} */ (recording(session, s.jsepReplay.log));
    }
  }
  return s.jsep;
}

/**
 * Moves the connection's session from the main part to the full one: a full session made with
 * the random bytes the first one drew, given the same state-changing calls, ends in its state.
 * @param {ConnectionSlots} s
 * @param {Core} core The full core.
 */
function upgradeSession(s, core) {
  const replay = s.jsepReplay;
  if (replay === null || s.jsep === null) return;
  const first = s.jsep;
  const session = new core.JsepSession(replay.fingerprints, first.randomDrawn());
  for (const [name, args] of replay.log) {
    try {
      Reflect.apply(Reflect.get(session, name), session, args);
    } catch {
      // It failed the first time too, changing nothing.
    }
  }
  first.free();
  s.jsep = session;
  s.jsepReplay = null;
  // The replayed calls gave it the same snapshot; giving it again is simpler than proving so.
  s.givenSnapshot = null;
}

/**
 * Runs `finalSteps(core)` in a queued task once the core is loaded (the in-parallel part of an
 * operation), unless the connection was closed meanwhile; its exceptions reject. An operation that
 * reads SDP says `full`: it waits for the full core, and the session moves there first.
 * @param {ConnectionSlots} s
 * @param {Reject} reject
 * @param {(core: Core) => void} finalSteps
 * @param {boolean} [full]
 */
export function inParallel(s, reject, finalSteps, full = false) {
  if (s.pendingCertificate !== null) {
    s.pendingCertificate.then(() => inParallel(s, reject, finalSteps, full));
    return;
  }
  full ||= (s.jsepReplay?.log.length ?? 0) >= MAX_REPLAYED_CALLS;
  /** @param {Core} core */
  const ready = (core) =>
    queueTask(() => {
      if (s.closed) return;
      try {
        if (full) upgradeSession(s, core);
        finalSteps(core);
      } catch (error) {
        reject(adopt(s.pc, fromCore(error)));
      }
    });
  if (full) {
    whenFullCoreReady(ready, reject);
  } else {
    // Operations that read no SDP use only what the main part shares with the full one.
    whenCoreReady((core) => ready(/** @type {Core} */ (/** @type {unknown} */ (core))), reject);
  }
}

/**
 * inParallel() for webrtc-pc "set the session description": while a setParameters() promise of one
 * of the connection's senders is not settled, the process starts over (so those settle first).
 * @param {ConnectionSlots} s
 * @param {Reject} reject
 * @param {(core: Core) => void} finalSteps
 * @param {boolean} [full]
 */
export function setDescriptionInParallel(s, reject, finalSteps, full = false) {
  inParallel(
    s,
    reject,
    (core) => {
      if (s.transceivers.some((t) => senderSlots(transceiverSlots(t).sender).unsettledSets > 0)) {
        setDescriptionInParallel(s, reject, finalSteps, full);
      } else {
        finalSteps(core);
      }
    },
    full,
  );
}

/** @param {ConnectionSlots} s */
export function fireSignalingStateChange(s) {
  s.pc.dispatchEvent(new Event('signalingstatechange'));
}

/**
 * Moves to the signaling state the table gives for applying a description (checked when the
 * operation started); returns whether it changed, which fires signalingstatechange.
 * @param {ConnectionSlots} s
 * @param {import('./signaling.js').Operation} operation
 * @param {import('./signaling.js').DescriptionType} type
 */
export function moveSignalingState(s, operation, type) {
  const { next, error } = nextSignalingState(s.signalingState, operation, type);
  if (error !== null) throw error;
  const changed = next !== s.signalingState;
  s.signalingState = next;
  return changed;
}

/**
 * ICE gathering without a network: it starts and completes at once, with no candidates. As
 * webrtc-pc and Chromium do, the ICE transport's gatheringstatechange comes before the
 * connection's icegatheringstatechange, and the null candidate last.
 * @param {ConnectionSlots} s
 */
export function gather(s) {
  /** @param {RTCIceGatheringState} state */
  const setGatheringState = (state) => {
    s.iceGatheringState = state;
    s.transport?.iceTransport.dispatchEvent(new Event('gatheringstatechange'));
    s.pc.dispatchEvent(new Event('icegatheringstatechange'));
  };
  queueTask(() => {
    if (s.closed) return;
    setGatheringState('gathering');
    queueTask(() => {
      if (s.closed) return;
      setGatheringState('complete');
      s.pc.dispatchEvent(adopt(s.pc, new RTCPeerConnectionIceEvent('icecandidate', { candidate: null })));
    });
  });
}

/**
 * @param {ConnectionSlots} s
 * @param {number} id
 */
export function findTransceiver(s, id) {
  return s.transceivers.find((t) => transceiverSlots(t).id === id);
}

/**
 * The connection's DTLS transport, made by the first description applied (every m-section is
 * bundled on it): this side is the controlling ICE agent when it offered first (RFC 8445 §6.1.1).
 * @param {ConnectionSlots} s
 * @param {RTCIceRole} iceRole
 */
export function connectionTransport(s, iceRole) {
  s.transport ??= createDtlsTransport(
    s.pc,
    iceRole,
    () => s.iceGatheringState,
    () => s.jsep?.iceParameters() ?? { local: null, remote: null },
  );
  return s.transport;
}

/**
 * webrtc-pc sets each associated transceiver's [[SenderTransport]] and [[ReceiverTransport]] when a
 * description is applied; a rollback leaves those of transceivers no exchange associated null again.
 * @param {ConnectionSlots} s
 * @param {RTCIceRole} iceRole
 */
export function updateTransports(s, iceRole) {
  for (const transceiver of s.transceivers) {
    const t = transceiverSlots(transceiver);
    const associated = t.mid !== null || t.currentDirection !== null;
    const transport = associated ? connectionTransport(s, iceRole) : null;
    senderSlots(t.sender).transport = transport;
    receiverSlots(t.receiver).transport = transport;
  }
}

/**
 * Mirrors the mids the core reports as changed onto the transceivers.
 * @param {ConnectionSlots} s
 * @param {MidChange[]} changes
 */
export function mirrorMids(s, changes) {
  for (const [id, mid] of changes) {
    const transceiver = findTransceiver(s, id);
    if (transceiver !== undefined) transceiverSlots(transceiver).mid = mid;
  }
}

/** @returns {RemoteTrackChanges} */
export function noTrackChanges() {
  return { addList: [], removeList: [], trackEvents: [] };
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
export function processRemoteTracks(s, transceiver, direction, streamIds, changes) {
  const t = transceiverSlots(transceiver);
  const receiver = receiverSlots(t.receiver);
  const receives = direction === 'sendrecv' || direction === 'recvonly';
  // "Set the associated remote streams": one MediaStream per id per connection.
  const streams = (receives ? streamIds : []).map((id) => {
    let stream = s.remoteStreams.get(id);
    if (stream === undefined) {
      stream = adopt(s.pc, createRemoteStream(id));
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
 * The end of applying a remote description, in webrtc-pc's order: tracks leave and join streams,
 * then track events fire (all before the operation's promise resolves).
 * @param {ConnectionSlots} s
 * @param {RemoteTrackChanges} changes
 */
export function dispatchTrackChanges(s, changes) {
  for (const [stream, track] of changes.removeList) removeRemoteTrack(stream, track);
  for (const [stream, track] of changes.addList) addRemoteTrack(stream, track);
  for (const init of changes.trackEvents) s.pc.dispatchEvent(adopt(s.pc, new RTCTrackEvent('track', init)));
}

/**
 * What an answer changes in a sender's encodings: an encoding codec it did not negotiate is
 * forgotten (webrtc-pc, as Chromium does), and when it takes our simulcast, the layers it receives
 * paused (`~rid`) become inactive and the others active (as Chromium does).
 * @param {ConnectionSlots} s
 * @param {import('./rtp.js').TransceiverSlots} t
 */
function followAnswer(s, t) {
  const sender = senderSlots(t.sender);
  // Only an encoding naming a codec or a rid can change: most senders need no parameters read.
  if (!sender.sendEncodings.some((e) => e.codec !== undefined || e.rid !== undefined)) return;
  const negotiated = s.hooks.negotiated(t.id);
  if (negotiated === null) return;
  const { sendCodecs, simulcast, pausedRids } = negotiated;
  sender.sendEncodings = sender.sendEncodings.map(({ ...e }) => {
    const { codec } = e;
    if (codec !== undefined && sendCodecs.length > 0 && !sendCodecs.some((c) => encodingCodecMatch(c, codec))) delete e.codec;
    if (simulcast && e.rid !== undefined) e.active = !pausedRids.includes(e.rid);
    return e;
  });
}

/**
 * Mirrors a completed exchange (a remote answer to our offer, or our answer to a remote offer) onto
 * the transceivers and the SCTP transport, collecting the remote track changes it makes. Transceivers
 * whose m-section is rejected are stopped and leave the connection; like Chromium, they also lose
 * their mid (the core reports that), which no later description will associate them with again.
 * @param {ConnectionSlots} s
 * @param {import('./wasm/rtc_offer_polyfill.js').RemoteAnswerApplied} applied
 * @param {RTCIceRole} iceRole
 * @param {RemoteTrackChanges} changes
 */
export function applyExchange(s, applied, iceRole, changes) {
  /** @type {Set<number>} */
  const rejected = new Set();
  for (const [id, , currentDirection, isRejected, remoteStreamIds] of applied.sections) {
    if (id === null) continue;
    const transceiver = findTransceiver(s, id);
    if (transceiver === undefined) continue;
    const t = transceiverSlots(transceiver);
    if (isRejected) {
      if (!t.stopped) stopTransceiver(transceiver, false);
      rejected.add(id);
      continue;
    }
    t.currentDirection = currentDirection;
    if (sends(currentDirection)) t.hasSent = true;
    followAnswer(s, t);
    processRemoteTracks(s, transceiver, currentDirection, remoteStreamIds, changes);
  }
  mirrorMids(s, applied.mids);
  if (applied.sctp !== null) {
    s.dtlsRole = applied.sctp.dtlsRole;
    assignChannelIds(s.dataChannels, s.dtlsRole);
    s.sctp ??= createSctpTransport(connectionTransport(s, iceRole));
    updateMaxMessageSize(s.sctp, applied.sctp.maxMessageSize);
  } else if (s.sctp !== null && applied.sections.some(([id, , , isRejected]) => id === null && isRejected)) {
    closeSctpTransport(s.sctp);
    s.sctp = null;
  }
  s.transceivers = s.transceivers.filter((transceiver) => !rejected.has(transceiverSlots(transceiver).id));
  // Back in stable: what a later remote offer's rollback restores.
  for (const transceiver of s.transceivers) {
    const receiver = receiverSlots(transceiverSlots(transceiver).receiver);
    receiver.lastStableStreams = receiver.streams;
  }
  updateTransports(s, iceRole);
}
