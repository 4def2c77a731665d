// @ts-check
// RTCPeerConnection: the W3C interface around the core's JSEP session. Its operations run in
// operations.js's chain; jsep.js makes and applies the descriptions, and the core writes and checks SDP.

import { defaultCertificate, generateCertificate, sdpFingerprints } from './certificate.js';
import { toCallbacks, withCallbacks } from './callbacks.js';
import { connectionStats, receiverStats, senderStats } from './connection-stats.js';
import { loadCore } from './core.js';
import { closeForConnection, channelId, createDataChannel } from './datachannel.js';
import { toSessionDescriptionInit } from './description.js';
import { changedConfiguration, toConfiguration, toLocalDescriptionInit, toOfferOptions } from './dictionaries.js';
import { defineEventHandlers } from './events.js';
import { toCandidateInit } from './icecandidate.js';
import {
  createAnswerOperation,
  createOfferOperation,
  setLocalDescriptionOperation,
  setRemoteDescriptionOperation,
} from './jsep.js';
import { chain, closedError, negotiatedStateChanged } from './operations.js';
import { adopt } from './realm.js';
import { closeDtlsTransport, closeSctpTransport } from './transports.js';
import { addIceCandidateOperation, candidateTypeError } from './trickle.js';
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
  validateSendEncodings,
} from './rtp.js';
import { statsIds } from './stats.js';
import {
  domError,
  exposeInterface,
  isOneOf,
  member,
  requireArguments,
  slotStore,
  toBoolean,
  toDictionary,
  toDOMString,
} from './webidl.js';

/** @typedef {import('./certificate.js').Fingerprint} Fingerprint */
/** @typedef {import('./datachannel.js').RTCDataChannel} RTCDataChannel */
/** @typedef {import('./description.js').RTCSessionDescription} RTCSessionDescription */
/** @typedef {import('./dictionaries.js').Configuration} Configuration */
/** @typedef {import('./dictionaries.js').OfferOptions} OfferOptions */
/** @typedef {import('./jsep.js').JsepSession} JsepSession */
/** @typedef {import('./rtp.js').ConnectionHooks} ConnectionHooks */
/** @typedef {import('./rtp.js').Kind} Kind */
/** @typedef {import('./rtp.js').RTCRtpSender} RTCRtpSender */
/** @typedef {import('./rtp.js').RTCRtpTransceiver} RTCRtpTransceiver */
/** @typedef {import('./rtp.js').TransceiverSlots} TransceiverSlots */

/**
 * An RTCPeerConnection's internal slots.
 * @typedef {object} ConnectionSlots
 * @property {RTCPeerConnection} pc
 * @property {Configuration} configuration [[Configuration]]
 * @property {boolean} closed [[IsClosed]]
 * @property {RTCSignalingState} signalingState
 * @property {RTCIceGatheringState} iceGatheringState
 * @property {RTCIceConnectionState} iceConnectionState
 * @property {RTCPeerConnectionState} connectionState
 * @property {(() => void)[]} operations [[Operations]]: the chain, its first entry running (see chain).
 * @property {boolean} updateNegotiationNeededOnEmptyChain [[UpdateNegotiationNeededFlagOnEmptyChain]]
 * @property {boolean} negotiationNeeded [[NegotiationNeeded]]
 * @property {number} generation Counts changes an offer reflects, to tell a stale [[LastCreatedOffer]].
 * @property {number} lastOfferGeneration The generation when the core's [[LastCreatedOffer]] was made.
 * @property {number} lastAnswerGeneration The generation when the core's [[LastCreatedAnswer]] was made.
 * @property {RTCSessionDescription | null} pendingLocalDescription
 * @property {RTCSessionDescription | null} currentLocalDescription
 * @property {RTCSessionDescription | null} pendingRemoteDescription
 * @property {RTCSessionDescription | null} currentRemoteDescription
 * @property {boolean} localDescriptionSet Whether setLocalDescription() has ever succeeded
 *   (iceCandidatePoolSize is fixed then).
 * @property {boolean | null} canTrickleIceCandidates
 * @property {RTCRtpTransceiver[]} transceivers
 * @property {number} nextTransceiverId
 * @property {RTCDataChannel[]} dataChannels
 * @property {import('./transports.js').RTCSctpTransport | null} sctp [[SctpTransport]]: made by the first
 *   description that has a data section, null again when an answer rejects it.
 * @property {import('./transports.js').RTCDtlsTransport | null} transport The DTLS transport every
 *   m-section shares (BUNDLE), made by the first description applied.
 * @property {import('./transports.js').RTCSctpTransport | null} sctpBeforeOffer
 *   [[LastStableStateSctpTransport]] while an offer is pending: what its rollback restores.
 * @property {'client' | 'server' | null} dtlsRole The SCTP transport's DTLS role, once an answer fixed it
 *   (data channel ids follow it, RFC 8832).
 * @property {Map<string, import('./mediastream.js').MediaStream>} remoteStreams The MediaStream made
 *   for each remote stream id (one per id per connection).
 * @property {{fingerprints: import('./wasm/rtc_offer_polyfill.js').FingerprintInit[], log: [string, unknown[]][]} | null} jsepReplay
 *   While the session is the main part's: what moving it to the full part replays (apply.js).
 * @property {JsepSession | null} jsep The core's JSEP state, which owns mids, the last created offer, the
 *   negotiated descriptions and what restartIce() asked for (see jsepSession in jsep.js); made by the
 *   first operation that needs it.
 * @property {import('./wasm/rtc_offer_polyfill.js').Snapshot | null} givenSnapshot The snapshot the session
 *   was last given by createOffer or createAnswer, which it keeps (withSnapshot in operations.js).
 * @property {Promise<void> | null} pendingCertificate While WebCrypto makes the default certificate:
 *   operations wait for it.
 * @property {import('./certificate.js').RTCCertificate | null} defaultCertificate The certificate used
 *   without configured ones; null until made.
 * @property {Fingerprint[] | null} defaultFingerprints The default certificate's; null until made, or when
 *   the core makes it.
 * @property {(key: unknown, prefix: string) => string} statsIds Its stats objects' ids (see stats.js).
 * @property {ConnectionHooks} hooks What its transceivers and senders need of it.
 */

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

/** @type {import('./webidl.js').SlotStore<ConnectionSlots>} */
const connections = slotStore();

/**
 * @param {ConnectionSlots} s
 * @param {import('./rtp.js').TransceiverInit} init
 */
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

/**
 * The legacy options, by the kind each asks to receive (a constant: createOffer() runs often).
 * @type {readonly [Kind, 'offerToReceiveAudio' | 'offerToReceiveVideo'][]}
 */
const OFFER_TO_RECEIVE = [
  ['audio', 'offerToReceiveAudio'],
  ['video', 'offerToReceiveVideo'],
];

/**
 * webrtc-pc's legacy offerToReceiveAudio/Video steps, run before createOffer's own.
 * @param {ConnectionSlots} s
 * @param {OfferOptions} options
 */
function applyOfferToReceive(s, options) {
  for (const [kind, member] of OFFER_TO_RECEIVE) {
    const wanted = options[member];
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

/**
 * @param {ConnectionSlots} s
 * @param {OfferOptions} options
 */
function createOffer(s, options) {
  if (s.closed) return Promise.reject(closedError('createOffer'));
  applyOfferToReceive(s, options);
  return chain(s, () => createOfferOperation(s, options), 'createOffer');
}

/** @param {ConnectionSlots} s */
function collectSenders(s) {
  return s.transceivers.map(transceiverSlots).filter((t) => !t.stopped).map((t) => t.sender);
}

/**
 * The overloads of setLocalDescription/setRemoteDescription: (description) or the legacy
 * (description, successCallback, failureCallback). Conversion errors reject.
 * @template D
 * @param {RTCPeerConnection} pc
 * @param {unknown[]} args
 * @param {string} name
 * @param {(value: unknown) => D} convert
 * @param {(s: ConnectionSlots, description: D) => Promise<undefined>} operation
 */
function setDescription(pc, args, name, convert, operation) {
  /** @type {ConnectionSlots} */
  let s;
  /** @type {D} */
  let description;
  /** @type {import('./callbacks.js').Callbacks | null} */
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
  /** @param {unknown} [configuration] */
  constructor(configuration = undefined) {
    const converted = toConfiguration(configuration);
    super();
    /** @type {ConnectionSlots} */
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
      generation: 0,
      lastOfferGeneration: 0,
      lastAnswerGeneration: 0,
      pendingLocalDescription: null,
      currentLocalDescription: null,
      pendingRemoteDescription: null,
      currentRemoteDescription: null,
      localDescriptionSet: false,
      canTrickleIceCandidates: null,
      transceivers: [],
      nextTransceiverId: 0,
      dataChannels: [],
      sctp: null,
      transport: null,
      sctpBeforeOffer: null,
      dtlsRole: null,
      remoteStreams: new Map(),
      jsep: null,
      jsepReplay: null,
      givenSnapshot: null,
      pendingCertificate: null,
      defaultCertificate: null,
      defaultFingerprints: null,
      statsIds: statsIds(),
      hooks: {
        owner: this,
        isClosed: () => s.closed,
        negotiatedStateChanged: () => negotiatedStateChanged(s),
        chain: (operation, name) => chain(s, operation, name),
        negotiated: (id) => s.jsep?.rtpParametersOf(id) ?? null,
        // Chromium gives a sender its CNAME once a local description has its m-section.
        cname: (mid) => (mid !== null && (s.pendingLocalDescription ?? s.currentLocalDescription) !== null ? (s.jsep?.cname ?? '') : ''),
        senderStats: (id) => senderStats(s, id),
        receiverStats: () => receiverStats(s),
      },
    };
    connections.set(this, s);
    // Not awaited: the first operation comes at least a task later and finds it loaded or loading.
    loadCore();
    if (converted.certificates.length === 0) {
      s.pendingCertificate = defaultCertificate().then((certificate) => {
        s.defaultCertificate = certificate;
        s.defaultFingerprints = certificate === null ? null : sdpFingerprints(certificate);
        s.pendingCertificate = null;
      });
    }
  }

  /** @param {unknown} keygenAlgorithm */
  static generateCertificate(keygenAlgorithm) {
    // All the arguments, as given: generateCertificate counts them.
    const withArguments = /** @type {(...args: unknown[]) => ReturnType<typeof generateCertificate>} */ (
      generateCertificate
    );
    return withArguments(...arguments).then((certificate) => adopt(this, certificate));
  }

  /** @param {unknown[]} args */
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

  /** @param {unknown[]} args */
  createAnswer(...args) {
    /** @type {ConnectionSlots} */
    let s;
    /** @type {import('./callbacks.js').Callbacks | null} */
    let callbacks = null;
    // RTCAnswerOptions has no members of its own; Chromium honours voiceActivityDetection, and so
    // does this (the legacy overload takes no options).
    let voiceActivityDetection = true;
    try {
      s = connections.of(this);
      if (args.length >= 2) {
        callbacks = toCallbacks('createAnswer', args[0], args[1]);
      } else {
        voiceActivityDetection = member(
          toDictionary(args[0], 'RTCAnswerOptions'),
          'voiceActivityDetection',
          toBoolean,
          true,
        );
      }
    } catch (error) {
      return Promise.reject(error);
    }
    const p = s.closed
      ? Promise.reject(closedError('createAnswer'))
      : chain(s, () => createAnswerOperation(s, { voiceActivityDetection }), 'createAnswer');
    return callbacks === null ? p : withCallbacks(p, ...callbacks);
  }

  /** @param {unknown[]} args */
  setLocalDescription(...args) {
    return setDescription(this, args, 'setLocalDescription', toLocalDescriptionInit, setLocalDescriptionOperation);
  }

  /**
   * Applies a remote offer, an answer or pranswer to the pending local offer, or a rollback.
   * @param {unknown} description
   */
  setRemoteDescription(description) {
    const args = [...arguments];
    /** @param {unknown} value */
    const convert = (value) => {
      requireArguments(args.length, 1, 'setRemoteDescription');
      return toSessionDescriptionInit(value, 'RTCSessionDescriptionInit');
    };
    return setDescription(this, args, 'setRemoteDescription', convert, setRemoteDescriptionOperation);
  }

  /**
   * Adds a remote candidate (or, for '' / no candidate, the end of candidates) to the remote
   * description: `(candidate?)` or the legacy `(candidate, successCallback, failureCallback)`.
   * @param {unknown[]} args
   */
  addIceCandidate(...args) {
    /** @type {ConnectionSlots} */
    let s;
    /** @type {import('./icecandidate.js').CandidateInit} */
    let init;
    /** @type {import('./callbacks.js').Callbacks | null} */
    let callbacks = null;
    try {
      s = connections.of(this);
      if (args.length === 2) {
        throw new TypeError('addIceCandidate: takes 0 or 1 argument, or 3 (candidate, successCallback, failureCallback)');
      }
      init = toCandidateInit(args[0], 'RTCIceCandidateInit');
      if (args.length >= 3) callbacks = toCallbacks('addIceCandidate', args[1], args[2]);
    } catch (error) {
      return Promise.reject(error);
    }
    const typeError = candidateTypeError(init);
    const p = typeError !== null ? Promise.reject(typeError) : chain(s, () => addIceCandidateOperation(s, init), 'addIceCandidate');
    return callbacks === null ? p : withCallbacks(p, ...callbacks);
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

  get remoteDescription() {
    const s = connections.of(this);
    return s.pendingRemoteDescription ?? s.currentRemoteDescription;
  }

  get currentRemoteDescription() {
    return connections.of(this).currentRemoteDescription;
  }

  get pendingRemoteDescription() {
    return connections.of(this).pendingRemoteDescription;
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
    return connections.of(this).sctp;
  }

  /** Later offers restart ICE until an offer made after this call is answered. */
  restartIce() {
    const s = connections.of(this);
    // The core keeps [[LocalIceCredentialsToReplace]]; without a session no description was set.
    s.jsep?.restartIce();
    negotiatedStateChanged(s);
  }

  getConfiguration() {
    const { configuration } = connections.of(this);
    return {
      bundlePolicy: configuration.bundlePolicy,
      certificates: [...configuration.certificates],
      iceCandidatePoolSize: configuration.iceCandidatePoolSize,
      iceServers: configuration.iceServers.map(({ credential, urls, username }) => {
        /** @type {{credential?: string, urls?: string | string[], username?: string}} */
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

  /** @param {unknown} [configuration] */
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
    if (s.sctp !== null) closeSctpTransport(s.sctp);
    if (s.transport !== null) closeDtlsTransport(s.transport);
    s.iceConnectionState = 'closed';
    s.connectionState = 'closed';
    if (s.jsep !== null) {
      s.jsep.free();
      s.jsep = null;
    }
  }

  /**
   * Not chained: a report of the connection as it is a task later (see connection-stats.js).
   * @param {unknown} [selector]
   */
  getStats(selector = null) {
    let s;
    try {
      s = connections.of(this);
    } catch (error) {
      return Promise.reject(error);
    }
    return connectionStats(s, selector);
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

  /**
   * @param {unknown} trackOrKind
   * @param {unknown} [init]
   */
  addTransceiver(trackOrKind, init = undefined) {
    const s = connections.of(this);
    requireArguments(arguments.length, 1, 'addTransceiver');
    const track = isTrack(trackOrKind) ? trackOrKind : null;
    const kind = track === null ? toDOMString(trackOrKind, 'addTransceiver: kind') : String(track.kind);
    const { direction, sendEncodings, streams } = toTransceiverInit(init);
    if (!isOneOf(kind, KINDS)) {
      throw new TypeError(`addTransceiver: '${kind}' is not a valid kind ('audio' or 'video')`);
    }
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

  /**
   * @param {unknown} trackArg
   * @param {unknown[]} streams
   */
  addTrack(trackArg, ...streams) {
    const s = connections.of(this);
    requireArguments(arguments.length, 1, 'addTrack');
    const track = toTrack(trackArg, 'addTrack: track');
    const converted = streams.map((stream, i) => toStream(stream, `addTrack: stream ${i + 1}`));
    if (s.closed) throw closedError('addTrack');
    const kind = String(track.kind);
    if (!isOneOf(kind, KINDS)) throw new TypeError(`addTrack: '${kind}' is not a valid track kind`);
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
      reusable.addedByTrack = true;
    } else {
      const transceiver = newTransceiver(s, {
        kind,
        direction: 'sendrecv',
        track,
        streams: converted,
        sendEncodings: validateSendEncodings(kind, []),
      });
      transceiverSlots(transceiver).addedByTrack = true;
      sender = transceiverSlots(transceiver).sender;
    }
    negotiatedStateChanged(s);
    return sender;
  }

  /** @param {unknown} sender */
  removeTrack(sender) {
    const s = connections.of(this);
    requireArguments(arguments.length, 1, 'removeTrack');
    if (!isSender(sender)) throw new TypeError('removeTrack: not an RTCRtpSender');
    if (s.closed) throw closedError('removeTrack');
    const slots = senderSlots(sender);
    if (slots.hooks !== s.hooks) {
      throw domError('InvalidAccessError', 'removeTrack: the sender belongs to another RTCPeerConnection');
    }
    const transceiver = slots.transceiver;
    if (transceiver.stopping || !collectSenders(s).includes(sender) || slots.track === null) return;
    slots.track = null;
    if (transceiver.direction === 'sendrecv') transceiver.direction = 'recvonly';
    else if (transceiver.direction === 'sendonly') transceiver.direction = 'inactive';
    negotiatedStateChanged(s);
  }

  /**
   * @param {unknown} label
   * @param {unknown} [dataChannelDict]
   */
  createDataChannel(label, dataChannelDict = undefined) {
    const s = connections.of(this);
    requireArguments(arguments.length, 1, 'createDataChannel');
    const channel = adopt(this, createDataChannel(
      label,
      dataChannelDict,
      () => s.closed,
      (id) => s.dataChannels.some((c) => channelId(c) === id),
      s.dtlsRole,
    ));
    s.dataChannels.push(channel);
    // Only the first channel changes the offer: all share one m=application section.
    if (s.dataChannels.length === 1) negotiatedStateChanged(s);
    return channel;
  }
}
exposeInterface(RTCPeerConnection, 'RTCPeerConnection');
defineEventHandlers(RTCPeerConnection.prototype, EVENTS, (object) => connections.has(object));
