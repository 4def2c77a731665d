// RTCPeerConnection: the W3C object model around the core's JSEP session. The core writes and
// checks SDP; everything here is state, the operations chain, negotiation-needed and events.

import { DEFAULT_EXPIRES_MS, generateCertificate, sdpFingerprints } from './certificate.js';
import { toCallbacks, withCallbacks } from './callbacks.js';
import { fromCore, loadCore, whenCoreReady } from './core.js';
import { closeForConnection, channelId, createDataChannel } from './datachannel.js';
import { RTCSessionDescription } from './description.js';
import { toConfiguration, toLocalDescriptionInit, toOfferOptions } from './dictionaries.js';
import { defineEventHandlers, RTCPeerConnectionIceEvent } from './events.js';
import {
  createTransceiver,
  isSender,
  isTrack,
  KINDS,
  senderSlots,
  stopForClose,
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

/** webrtc-pc "check if negotiation is needed", for a connection that never applies an answer. */
function negotiationIsNeeded(s) {
  // Without a current local description nothing is negotiated yet: any live transceiver
  // (stopping ones included) or any data channel needs negotiation.
  return s.transceivers.some((t) => !transceiverSlots(t).stopped) || s.dataChannels.length > 0;
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
    } else {
      const certificate = core.generateCertificate(DEFAULT_EXPIRES_MS);
      fingerprints = certificate.fingerprints().map(({ algorithm, value }) => ({ algorithm, value: value.toUpperCase() }));
      certificate.free();
    }
    s.session = new core.Session(fingerprints);
  }
  return s.session;
}

/** Writes an offer for the connection as it is now; it becomes [[LastCreatedOffer]]. */
function writeOffer(s, core, { iceRestart, voiceActivityDetection }) {
  const snapshot = {
    transceivers: s.transceivers.map(transceiverSnapshot),
    dataChannel: s.dataChannels.length > 0,
  };
  const sdp = session(s, core).createOffer(snapshot, { iceRestart, voiceActivityDetection });
  s.lastOffer = {
    sdp,
    generation: s.generation,
    iceRestart,
    hasSections: snapshot.dataChannel || snapshot.transceivers.some((t) => !t.stopped),
  };
  return sdp;
}

/**
 * Runs `finalSteps(core)` in a queued task once the core is loaded (the in-parallel part of an
 * operation), unless the connection was closed meanwhile; its exceptions reject.
 */
function inParallel(s, reject, finalSteps) {
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

function fireSignalingStateChange(s, state) {
  if (s.signalingState === state) return;
  s.signalingState = state;
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

function applyLocalOffer(s, core, sdp, resolve) {
  // A parameterless setLocalDescription() uses [[LastCreatedOffer]] unless it is stale.
  if (sdp === '' && (s.lastOffer === null || s.lastOffer.generation !== s.generation)) {
    writeOffer(s, core, { iceRestart: false, voiceActivityDetection: true });
  }
  const offer = s.lastOffer;
  const mids = session(s, core).setLocalDescription(sdp === '' ? offer.sdp : sdp);
  for (const { id, mid } of mids) {
    const transceiver = s.transceivers.find((t) => transceiverSlots(t).id === id);
    const slots = transceiver === undefined ? null : transceiverSlots(transceiver);
    if (slots !== null && slots.mid === null) {
      slots.mid = mid;
      s.midsSetByPendingOffer.push(slots);
    }
  }
  s.pendingLocalDescription = new RTCSessionDescription({ type: 'offer', sdp: offer.sdp });
  fireSignalingStateChange(s, 'have-local-offer');
  resolve(undefined);
  if (offer.hasSections && (s.iceGatheringState === 'new' || offer.iceRestart)) gather(s);
}

function rollback(s, resolve) {
  for (const slots of s.midsSetByPendingOffer) slots.mid = null;
  s.midsSetByPendingOffer = [];
  s.pendingLocalDescription = null;
  fireSignalingStateChange(s, 'stable');
  const neededBefore = s.negotiationNeeded;
  updateNegotiationNeeded(s);
  if (neededBefore && s.negotiationNeeded) {
    queueTask(() => {
      if (s.closed || !s.negotiationNeeded) return;
      s.pc.dispatchEvent(new Event('negotiationneeded'));
    });
  }
  resolve(undefined);
}

function setLocalDescriptionOperation(s, description) {
  const state = s.signalingState;
  const type =
    description.type ?? (['stable', 'have-local-offer', 'have-remote-pranswer'].includes(state) ? 'offer' : 'answer');
  const invalidState = (why) => Promise.reject(domError('InvalidStateError', `setLocalDescription: ${why}`));
  if (type === 'rollback') {
    if (state !== 'have-local-offer') return invalidState(`nothing to roll back in signalingState '${state}'`);
    return new Promise((resolve, reject) => inParallel(s, reject, () => rollback(s, resolve)));
  }
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

// ---------------------------------------------------------------------------------------------
// The interface

export class RTCPeerConnection extends EventTarget {
  constructor(configuration = undefined) {
    const converted = toConfiguration(configuration);
    for (const certificate of converted.certificates) {
      if (certificate.expires <= Date.now()) {
        throw domError('InvalidAccessError', 'RTCPeerConnection: a configured certificate has expired');
      }
    }
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
      /** [[LastCreatedOffer]] and what it was made from: {sdp, generation, iceRestart, hasSections}. */
      lastOffer: null,
      /** Counts changes an offer reflects, to tell a stale [[LastCreatedOffer]]. */
      generation: 0,
      pendingLocalDescription: null,
      transceivers: [],
      nextTransceiverId: 0,
      dataChannels: [],
      /** Transceivers whose mid the pending local offer set: a rollback clears them. */
      midsSetByPendingOffer: [],
      /** The core's JSEP session; made by the first operation that needs it. */
      session: null,
      hooks: null,
    };
    // What transceivers and senders need of their connection.
    s.hooks = {
      isClosed: () => s.closed,
      updateNegotiationNeeded: () => negotiatedStateChanged(s),
    };
    connections.set(this, s);
    // Not awaited: the first operation comes at least a task later and finds it loaded or loading.
    loadCore();
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
    let s;
    let description;
    let callbacks = null;
    try {
      s = connections.of(this);
      if (args.length === 2) {
        throw new TypeError('setLocalDescription: takes 1 argument, or 3 (description, successCallback, failureCallback)');
      }
      description = toLocalDescriptionInit(args[0]);
      if (args.length >= 3) {
        callbacks = toCallbacks('setLocalDescription', args[1], args[2]);
      }
    } catch (error) {
      return Promise.reject(error);
    }
    const p = chain(s, () => setLocalDescriptionOperation(s, description), 'setLocalDescription');
    return callbacks === null ? p : withCallbacks(p, ...callbacks);
  }

  get localDescription() {
    const s = connections.of(this);
    return s.pendingLocalDescription;
  }

  /** Set by an applied answer, which this polyfill never sees. */
  get currentLocalDescription() {
    connections.of(this);
    return null;
  }

  get pendingLocalDescription() {
    return connections.of(this).pendingLocalDescription;
  }

  get remoteDescription() {
    connections.of(this);
    return null;
  }

  get currentRemoteDescription() {
    connections.of(this);
    return null;
  }

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

  /** Null until a remote description is applied. */
  get canTrickleIceCandidates() {
    connections.of(this);
    return null;
  }

  get sctp() {
    connections.of(this);
    return null;
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
    const converted = toConfiguration(configuration);
    if (s.closed) throw closedError('setConfiguration');
    const current = s.configuration;
    const sameCertificates =
      converted.certificates.length === current.certificates.length &&
      converted.certificates.every((c, i) => c === current.certificates[i]);
    const changed = (what) => domError('InvalidModificationError', `setConfiguration: ${what} cannot be changed`);
    if (converted.certificates.length > 0 && !sameCertificates) throw changed('certificates');
    if (converted.bundlePolicy !== current.bundlePolicy) throw changed('bundlePolicy');
    if (converted.rtcpMuxPolicy !== current.rtcpMuxPolicy) throw changed('rtcpMuxPolicy');
    if (converted.iceCandidatePoolSize !== current.iceCandidatePoolSize && s.pendingLocalDescription !== null) {
      throw changed('iceCandidatePoolSize (after setLocalDescription)');
    }
    s.configuration = { ...converted, certificates: current.certificates };
  }

  close() {
    const s = connections.of(this);
    if (s.closed) return;
    s.closed = true;
    s.signalingState = 'closed';
    s.transceivers.forEach(stopForClose);
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
    // Reuse a transceiver that never sent and has no track (this polyfill never sends).
    const reusable = s.transceivers
      .map(transceiverSlots)
      .find((t) => !t.stopped && !t.stopping && t.kind === kind && senderSlots(t.sender).track === null);
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
    if (!collectSenders(s).includes(sender) || slots.track === null) return;
    slots.track = null;
    const transceiver = s.transceivers.map(transceiverSlots).find((t) => t.sender === sender);
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
