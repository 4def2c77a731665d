// RTCPeerConnection: the W3C object model around the core's JSEP session. The core writes and
// checks SDP; everything here is state, the operations chain, negotiation-needed and events.

import { DEFAULT_EXPIRES_MS, defaultCertificateFingerprints, generateCertificate, sdpFingerprints } from './certificate.js';
import { toCallbacks, withCallbacks } from './callbacks.js';
import { fromCore, loadCore, whenCoreReady } from './core.js';
import { closeForConnection, channelId, createDataChannel, isOpenOrOpening } from './datachannel.js';
import { RTCError, RTCSessionDescription, toSessionDescriptionInit } from './description.js';
import { changedConfiguration, toConfiguration, toLocalDescriptionInit, toOfferOptions } from './dictionaries.js';
import { defineEventHandlers, RTCPeerConnectionIceEvent } from './events.js';
import {
  createTransceiver,
  isSender,
  isTrack,
  KINDS,
  senderSlots,
  stopTransceiver,
  streamIds,
  toStream,
  toTrack,
  toTransceiverInit,
  transceiverSlots,
  transceiverSnapshot,
  validateSendEncodings,
} from './rtp.js';
import { queueTask } from './tasks.js';
import {
  domError,
  exposeInterface,
  member,
  requireArguments,
  slotStore,
  toBoolean,
  toDictionary,
  toDOMString,
} from './webidl.js';

const EVENTS = [
  'negotiationneeded',
  'icecandidate',
  'icecandidateerror',
  'signalingstatechange',
  'iceconnectionstatechange',
  'icegatheringstatechange',
  'connectionstatechange',
  'track',
  'datachannel',
];

const connections = slotStore();

const sends = (direction) => direction === 'sendrecv' || direction === 'sendonly';

// ---------------------------------------------------------------------------------------------
// The operations chain and the negotiation-needed flag

function closedError(operation) {
  return domError('InvalidStateError', `${operation}: the RTCPeerConnection is closed`);
}

/** webrtc-pc "chain an operation": `operation()` returns a promise; one runs at a time. */
function chain(s, operation, name) {
  if (s.closed) return Promise.reject(closedError(name));
  let settle;
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

const sameIds = (a, b) => a.length === b.length && a.every((id) => b.includes(id));

/**
 * webrtc-pc "check if negotiation is needed". This connection is always the offerer, so its
 * current local description is an offer (made from `s.negotiated.offered`) and its current
 * remote description the answer (`s.negotiated.answered`).
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

/** webrtc-pc "update the negotiation-needed flag". */
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

/** Something an offer describes changed: older offers are stale, and negotiation may be needed. */
function negotiatedStateChanged(s) {
  s.generation += 1;
  updateNegotiationNeeded(s);
}

/** Back in stable after a description was set: "clear the flag and update the negotiation-needed flag". */
function reconsiderNegotiation(s) {
  s.negotiationNeeded = false;
  updateNegotiationNeeded(s);
}

// ---------------------------------------------------------------------------------------------
// Offers and descriptions

function newTransceiver(s, { kind, direction, track, streams, sendEncodings }) {
  s.nextTransceiverId += 1;
  const transceiver = createTransceiver(s.hooks, {
    id: s.nextTransceiverId,
    kind,
    direction,
    track,
    streams,
    sendEncodings,
  });
  s.transceivers.push(transceiver);
  return transceiver;
}

/** webrtc-pc's legacy offerToReceiveAudio/Video steps, run before createOffer's own. */
function applyOfferToReceive(s, options) {
  for (const [kind, wanted] of [
    ['audio', options.offerToReceiveAudio],
    ['video', options.offerToReceiveVideo],
  ]) {
    if (wanted === undefined) continue;
    const live = s.transceivers.map(transceiverSlots).filter((t) => t.kind === kind && !t.stopping && !t.stopped);
    if (!wanted) {
      for (const t of live) {
        if (t.direction === 'sendrecv') t.direction = 'sendonly';
        else if (t.direction === 'recvonly') t.direction = 'inactive';
        else continue;
        s.generation += 1;
      }
    } else if (!live.some((t) => t.direction === 'sendrecv' || t.direction === 'recvonly')) {
      // Like addTransceiver(kind), but without updating the negotiation-needed flag.
      newTransceiver(s, {
        kind,
        direction: 'recvonly',
        track: null,
        streams: [],
        sendEncodings: validateSendEncodings(kind, []),
      });
      s.generation += 1;
    }
  }
}

/** The core's session, made on first need with the configured or a default certificate. */
function session(s, core) {
  if (s.session === null) {
    let fingerprints;
    if (s.configuration.certificates.length > 0) {
      fingerprints = s.configuration.certificates.flatMap(sdpFingerprints);
    } else if (s.defaultFingerprints !== null) {
      fingerprints = s.defaultFingerprints;
    } else {
      const certificate = core.generateCertificate(DEFAULT_EXPIRES_MS);
      fingerprints = certificate.fingerprints().map(({ algorithm, value }) => ({ algorithm, value: value.toUpperCase() }));
      certificate.free();
    }
    s.session = new core.Session(fingerprints);
  }
  return s.session;
}

/**
 * Writes an offer for the connection as it is now; it becomes [[LastCreatedOffer]]. While
 * restartIce() has credentials to replace, every offer restarts ICE.
 */
function writeOffer(s, core, { iceRestart, voiceActivityDetection }) {
  const snapshot = {
    transceivers: s.transceivers.map(transceiverSnapshot),
    dataChannel: s.dataChannels.some(isOpenOrOpening),
  };
  const restart = iceRestart || s.iceToReplace !== null;
  const sdp = session(s, core).createOffer(snapshot, { iceRestart: restart, voiceActivityDetection });
  s.lastOffer = {
    sdp,
    snapshot,
    generation: s.generation,
    iceRestart: restart,
    // The restartIce() request this offer fulfils once it is the current local description.
    replacesIce: s.iceToReplace,
    hasSections: snapshot.dataChannel || snapshot.transceivers.some((t) => !t.stopped),
  };
  return sdp;
}

/**
 * Runs `finalSteps(core)` in a queued task once the core is loaded (the in-parallel part of an
 * operation), unless the connection was closed meanwhile; its exceptions reject.
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

function createOfferOperation(s, options) {
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

function createOffer(s, options) {
  if (s.closed) return Promise.reject(closedError('createOffer'));
  applyOfferToReceive(s, options);
  return chain(s, () => createOfferOperation(s, options), 'createOffer');
}

function fireSignalingStateChange(s) {
  s.pc.dispatchEvent(new Event('signalingstatechange'));
}

/** ICE gathering without a network: it starts and completes at once, with no candidates. */
function gather(s) {
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

function findTransceiver(s, id) {
  return s.transceivers.find((t) => transceiverSlots(t).id === id);
}

function applyLocalOffer(s, core, sdp, resolve) {
  // A parameterless setLocalDescription() uses [[LastCreatedOffer]] unless it is stale.
  if (sdp === '' && (s.lastOffer === null || s.lastOffer.generation !== s.generation)) {
    writeOffer(s, core, { iceRestart: false, voiceActivityDetection: true });
  }
  const offer = s.lastOffer;
  const mids = session(s, core).setLocalDescription(offer.sdp);
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

/** Undoes the pending local offer (setLocalDescription or setRemoteDescription of a rollback). */
function rollback(s, core, resolve) {
  session(s, core).rollback();
  for (const slots of s.midsSetByPendingOffer) slots.mid = null;
  s.midsSetByPendingOffer = [];
  s.pendingLocalDescription = null;
  s.pendingOffer = null;
  s.signalingState = 'stable';
  reconsiderNegotiation(s);
  fireSignalingStateChange(s);
  resolve(undefined);
}

function rollbackOperation(s, operation) {
  // Rollback needs a pending offer; this connection never has a remote one.
  if (s.signalingState !== 'have-local-offer') {
    return Promise.reject(
      domError('InvalidStateError', `${operation}: nothing to roll back in signalingState '${s.signalingState}'`),
    );
  }
  return new Promise((resolve, reject) => inParallel(s, reject, (core) => rollback(s, core, resolve)));
}

function setLocalDescriptionOperation(s, description) {
  const state = s.signalingState;
  const type =
    description.type ?? (['stable', 'have-local-offer', 'have-remote-pranswer'].includes(state) ? 'offer' : 'answer');
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
 */
function remoteDescriptionError(error) {
  const plain = typeof error === 'object' && error !== null && !(error instanceof Error);
  if (!plain || error.name !== 'OperationError' || typeof error.message !== 'string') return fromCore(error);
  const init = { errorDetail: 'sdp-syntax-error' };
  if (typeof error.sdpLineNumber === 'number') init.sdpLineNumber = error.sdpLineNumber;
  return new RTCError(init, `setRemoteDescription: ${error.message}`);
}

/** webrtc-pc "set the session description" for a remote answer to the pending local offer. */
function applyRemoteAnswer(s, core, sdp, resolve, reject) {
  let sections;
  try {
    sections = session(s, core).setRemoteDescription(sdp);
  } catch (error) {
    reject(remoteDescriptionError(error));
    return;
  }
  const offer = s.pendingOffer;
  s.currentRemoteDescription = new RTCSessionDescription({ type: 'answer', sdp });
  s.currentLocalDescription = s.pendingLocalDescription;
  s.pendingLocalDescription = null;
  s.pendingOffer = null;
  s.midsSetByPendingOffer = [];
  // [[LastCreatedOffer]] becomes "": only a new createOffer() gives setLocalDescription an offer.
  s.lastOffer = null;
  s.signalingState = 'stable';
  s.canTrickleIceCandidates = s.session.canTrickle ?? null;
  // The credentials restartIce() asked to replace are gone once an offer made after it is current.
  if (s.iceToReplace !== null && offer.replacesIce === s.iceToReplace) s.iceToReplace = null;

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

function setRemoteDescriptionOperation(s, { type, sdp }) {
  if (type === 'rollback') return rollbackOperation(s, 'setRemoteDescription');
  // The rest fails or succeeds in a queued task, as applying a description in parallel does.
  return new Promise((resolve, reject) =>
    inParallel(s, reject, (core) => {
      const state = s.signalingState;
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

function createAnswerOperation(s) {
  return Promise.reject(
    domError(
      'InvalidStateError',
      `createAnswer: needs a remote offer (signalingState have-remote-offer or have-local-pranswer), not '${s.signalingState}'`,
    ),
  );
}

function collectSenders(s) {
  return s.transceivers.map(transceiverSlots).filter((t) => !t.stopped).map((t) => t.sender);
}

/**
 * The overloads of setLocalDescription/setRemoteDescription: (description) or the legacy
 * (description, successCallback, failureCallback). Conversion errors reject.
 */
function setDescription(pc, args, name, convert, operation) {
  let s;
  let description;
  let callbacks = null;
  try {
    s = connections.of(pc);
    if (args.length === 2) {
      throw new TypeError(`${name}: takes 1 argument, or 3 (description, successCallback, failureCallback)`);
    }
    description = convert(args[0]);
    if (args.length >= 3) callbacks = toCallbacks(name, args[1], args[2]);
  } catch (error) {
    return Promise.reject(error);
  }
  const p = chain(s, () => operation(s, description), name);
  return callbacks === null ? p : withCallbacks(p, ...callbacks);
}

// ---------------------------------------------------------------------------------------------
// The interface

export class RTCPeerConnection extends EventTarget {
  constructor(configuration = undefined) {
    const converted = toConfiguration(configuration);
    super();
    const s = {
      pc: this,
      configuration: converted,
      closed: false,
      signalingState: 'stable',
      iceGatheringState: 'new',
      iceConnectionState: 'new',
      connectionState: 'new',
      operations: [],
      updateNegotiationNeededOnEmptyChain: false,
      negotiationNeeded: false,
      /** [[LastCreatedOffer]] and what it was made from (see writeOffer). */
      lastOffer: null,
      /** Counts changes an offer reflects, to tell a stale [[LastCreatedOffer]]. */
      generation: 0,
      pendingLocalDescription: null,
      currentLocalDescription: null,
      currentRemoteDescription: null,
      /** Whether setLocalDescription() has ever succeeded (iceCandidatePoolSize is fixed then). */
      localDescriptionSet: false,
      canTrickleIceCandidates: null,
      /** The lastOffer record that pendingLocalDescription holds. */
      pendingOffer: null,
      /** What the current offer and answer negotiated (see applyRemoteAnswer); null before an answer. */
      negotiated: null,
      /** Non-null (a token of the request) while restartIce() has ICE credentials to replace. */
      iceToReplace: null,
      transceivers: [],
      nextTransceiverId: 0,
      dataChannels: [],
      /** Transceivers whose mid the pending local offer set: a rollback clears them. */
      midsSetByPendingOffer: [],
      /** The core's JSEP session; made by the first operation that needs it. */
      session: null,
      /** While WebCrypto makes the default certificate: operations wait for it. */
      pendingCertificate: null,
      /** The default certificate's fingerprints; null until made, or when the core makes it. */
      defaultFingerprints: null,
      hooks: null,
    };
    // What transceivers and senders need of their connection.
    s.hooks = {
      isClosed: () => s.closed,
      updateNegotiationNeeded: () => negotiatedStateChanged(s),
      chain: (operation, name) => chain(s, operation, name),
    };
    connections.set(this, s);
    // Not awaited: the first operation comes at least a task later and finds it loaded or loading.
    loadCore();
    if (converted.certificates.length === 0) {
      s.pendingCertificate = defaultCertificateFingerprints().then((fingerprints) => {
        s.defaultFingerprints = fingerprints;
        s.pendingCertificate = null;
      });
    }
  }

  static generateCertificate(keygenAlgorithm) {
    return generateCertificate(...arguments);
  }

  createOffer(...args) {
    let s;
    let options;
    try {
      s = connections.of(this);
      if (args.length >= 2) {
        // The legacy overload: createOffer(successCallback, failureCallback, options).
        const callbacks = toCallbacks('createOffer', args[0], args[1]);
        options = toOfferOptions(args[2]);
        return withCallbacks(createOffer(s, options), ...callbacks);
      }
      options = toOfferOptions(args[0]);
    } catch (error) {
      return Promise.reject(error);
    }
    return createOffer(s, options);
  }

  createAnswer(...args) {
    let s;
    let callbacks = null;
    try {
      s = connections.of(this);
      if (args.length >= 2) {
        callbacks = toCallbacks('createAnswer', args[0], args[1]);
      } else {
        member(toDictionary(args[0], 'RTCAnswerOptions'), 'voiceActivityDetection', toBoolean);
      }
    } catch (error) {
      return Promise.reject(error);
    }
    const p = s.closed
      ? Promise.reject(closedError('createAnswer'))
      : chain(s, () => createAnswerOperation(s), 'createAnswer');
    return callbacks === null ? p : withCallbacks(p, ...callbacks);
  }

  setLocalDescription(...args) {
    return setDescription(this, args, 'setLocalDescription', toLocalDescriptionInit, setLocalDescriptionOperation);
  }

  /** Applies the answer to the pending local offer (a remote offer or pranswer: NotSupportedError). */
  setRemoteDescription(description) {
    const args = [...arguments];
    const convert = (value) => {
      requireArguments(args.length, 1, 'setRemoteDescription');
      return toSessionDescriptionInit(value, 'RTCSessionDescriptionInit');
    };
    return setDescription(this, args, 'setRemoteDescription', convert, setRemoteDescriptionOperation);
  }

  get localDescription() {
    const s = connections.of(this);
    return s.pendingLocalDescription ?? s.currentLocalDescription;
  }

  get currentLocalDescription() {
    return connections.of(this).currentLocalDescription;
  }

  get pendingLocalDescription() {
    return connections.of(this).pendingLocalDescription;
  }

  /** The current remote description: a remote description is never pending here. */
  get remoteDescription() {
    return connections.of(this).currentRemoteDescription;
  }

  get currentRemoteDescription() {
    return connections.of(this).currentRemoteDescription;
  }

  /** Always null: only answers are applied, and they complete the exchange at once. */
  get pendingRemoteDescription() {
    connections.of(this);
    return null;
  }

  get signalingState() {
    return connections.of(this).signalingState;
  }

  get iceGatheringState() {
    return connections.of(this).iceGatheringState;
  }

  get iceConnectionState() {
    return connections.of(this).iceConnectionState;
  }

  get connectionState() {
    return connections.of(this).connectionState;
  }

  /** Null until a remote description is applied; then whether it has the trickle ICE option. */
  get canTrickleIceCandidates() {
    return connections.of(this).canTrickleIceCandidates;
  }

  get sctp() {
    connections.of(this);
    return null;
  }

  /** Later offers restart ICE until an offer made after this call is answered. */
  restartIce() {
    const s = connections.of(this);
    // [[LocalIceCredentialsToReplace]]: those of the current and pending local descriptions.
    const described = s.currentLocalDescription !== null || s.pendingLocalDescription !== null;
    s.iceToReplace = described ? {} : null;
    negotiatedStateChanged(s);
  }

  getConfiguration() {
    const { configuration } = connections.of(this);
    return {
      bundlePolicy: configuration.bundlePolicy,
      certificates: [...configuration.certificates],
      iceCandidatePoolSize: configuration.iceCandidatePoolSize,
      iceServers: configuration.iceServers.map(({ credential, urls, username }) => {
        const server = {};
        if (credential !== undefined) server.credential = credential;
        server.urls = typeof urls === 'string' ? urls : [...urls];
        if (username !== undefined) server.username = username;
        return server;
      }),
      iceTransportPolicy: configuration.iceTransportPolicy,
      rtcpMuxPolicy: configuration.rtcpMuxPolicy,
    };
  }

  setConfiguration(configuration = undefined) {
    const s = connections.of(this);
    s.configuration = changedConfiguration(s.configuration, configuration, {
      closed: s.closed,
      localDescriptionSet: s.localDescriptionSet,
    });
  }

  close() {
    const s = connections.of(this);
    if (s.closed) return;
    s.closed = true;
    s.signalingState = 'closed';
    for (const transceiver of s.transceivers) stopTransceiver(transceiver, true);
    s.dataChannels.forEach(closeForConnection);
    s.iceConnectionState = 'closed';
    s.connectionState = 'closed';
    if (s.session !== null) {
      s.session.free();
      s.session = null;
    }
  }

  getTransceivers() {
    return [...connections.of(this).transceivers];
  }

  getSenders() {
    return collectSenders(connections.of(this));
  }

  getReceivers() {
    return connections
      .of(this)
      .transceivers.map(transceiverSlots)
      .filter((t) => !t.stopped)
      .map((t) => t.receiver);
  }

  addTransceiver(trackOrKind, init = undefined) {
    const s = connections.of(this);
    requireArguments(arguments.length, 1, 'addTransceiver');
    const track = isTrack(trackOrKind) ? trackOrKind : null;
    const kind = track === null ? toDOMString(trackOrKind, 'addTransceiver: kind') : String(track.kind);
    const { direction, sendEncodings, streams } = toTransceiverInit(init);
    if (!KINDS.includes(kind)) throw new TypeError(`addTransceiver: '${kind}' is not a valid kind ('audio' or 'video')`);
    if (s.closed) throw closedError('addTransceiver');
    const transceiver = newTransceiver(s, {
      kind,
      direction,
      track,
      streams,
      sendEncodings: validateSendEncodings(kind, sendEncodings),
    });
    negotiatedStateChanged(s);
    return transceiver;
  }

  addTrack(track, ...streams) {
    const s = connections.of(this);
    requireArguments(arguments.length, 1, 'addTrack');
    toTrack(track, 'addTrack: track');
    const converted = streams.map((stream, i) => toStream(stream, `addTrack: stream ${i + 1}`));
    if (s.closed) throw closedError('addTrack');
    const kind = String(track.kind);
    if (!KINDS.includes(kind)) throw new TypeError(`addTrack: '${kind}' is not a valid track kind`);
    if (collectSenders(s).some((sender) => senderSlots(sender).track === track)) {
      throw domError('InvalidAccessError', 'addTrack: the track is already sent by this RTCPeerConnection');
    }
    // Reuse a sender without a track that has never been used to send.
    const reusable = s.transceivers
      .map(transceiverSlots)
      .find((t) => !t.stopped && !t.stopping && !t.hasSent && t.kind === kind && senderSlots(t.sender).track === null);
    let sender;
    if (reusable !== undefined) {
      sender = reusable.sender;
      const slots = senderSlots(sender);
      slots.track = track;
      slots.streamIds = streamIds(converted);
      if (reusable.direction === 'recvonly') reusable.direction = 'sendrecv';
      else if (reusable.direction === 'inactive') reusable.direction = 'sendonly';
    } else {
      const transceiver = newTransceiver(s, {
        kind,
        direction: 'sendrecv',
        track,
        streams: converted,
        sendEncodings: validateSendEncodings(kind, []),
      });
      sender = transceiverSlots(transceiver).sender;
    }
    negotiatedStateChanged(s);
    return sender;
  }

  removeTrack(sender) {
    const s = connections.of(this);
    requireArguments(arguments.length, 1, 'removeTrack');
    if (!isSender(sender)) throw new TypeError('removeTrack: not an RTCRtpSender');
    if (s.closed) throw closedError('removeTrack');
    const slots = senderSlots(sender);
    if (slots.connection !== s.hooks) {
      throw domError('InvalidAccessError', 'removeTrack: the sender belongs to another RTCPeerConnection');
    }
    const transceiver = slots.transceiver;
    if (transceiver.stopping || !collectSenders(s).includes(sender) || slots.track === null) return;
    slots.track = null;
    if (transceiver.direction === 'sendrecv') transceiver.direction = 'recvonly';
    else if (transceiver.direction === 'sendonly') transceiver.direction = 'inactive';
    negotiatedStateChanged(s);
  }

  createDataChannel(label, dataChannelDict = undefined) {
    const s = connections.of(this);
    requireArguments(arguments.length, 1, 'createDataChannel');
    const channel = createDataChannel(
      label,
      dataChannelDict,
      () => s.closed,
      (id) => s.dataChannels.some((c) => channelId(c) === id),
    );
    s.dataChannels.push(channel);
    // Only the first channel changes the offer: all share one m=application section.
    if (s.dataChannels.length === 1) negotiatedStateChanged(s);
    return channel;
  }
}
exposeInterface(RTCPeerConnection, 'RTCPeerConnection');
defineEventHandlers(RTCPeerConnection.prototype, EVENTS, (object) => connections.has(object));
