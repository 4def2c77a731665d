// Types of rtc-offer-polyfill. Dictionaries, enumerations and callbacks are lib.dom's; the classes
// are this package's own (they shadow the global names inside this module). Their instances are
// assignable to lib.dom's interfaces for the members they implement (see tests/types/consumer.ts).

/// <reference lib="dom" />

/** What `install()` did. */
export type InstallResult = 'native' | 'patched' | 'polyfilled';

export interface InstallOptions {
  /** Install this package's classes even over a modern native implementation. */
  force?: boolean;
}

/**
 * Gives `target` (globalThis by default) RTCPeerConnection, RTCSessionDescription and RTCCertificate
 * (and, where missing, the other classes of this package) unless it has a native implementation.
 * The target gets its own subclasses of the exported classes: what it patches on their prototypes
 * stays with it, and the objects its connections make are instances of them (and of the exports).
 */
export function install(target?: object, options?: InstallOptions): InstallResult;

/** What preload() loads. */
export interface PreloadOptions {
  /**
   * The larger part of the core that also reads SDP (remote descriptions, answers, ICE candidates)
   * instead of the offer-only one: for a page whose connections will answer. They then start in it,
   * and the offer-only part is never fetched. Default false.
   */
  answering?: boolean;
}

/**
 * Starts loading the WebAssembly core now (it otherwise loads when the first RTCPeerConnection of
 * this package is constructed, or at import where there is no WebRTC at all). Resolves once it is
 * loaded; rejects with an OperationError if it cannot be, and with a TypeError if `options` is not
 * an object.
 */
export function preload(options?: PreloadOptions): Promise<void>;

/** What addTrack()/addTransceiver() read of a track: a MediaStreamTrack, or a stand-in for one. */
export interface TrackLike {
  readonly kind: string;
  readonly id: string;
}

/**
 * What addTrack()/addTransceiver()/setStreams() read of a stream: a MediaStream, or a stand-in
 * whose id is 1-64 RFC 8866 token characters (it goes into a=msid lines; TypeError otherwise).
 */
export interface StreamLike {
  readonly id: string;
}

/** The legacy MediaConstraints members createOffer() still understands. */
export interface LegacyOfferConstraints {
  OfferToReceiveAudio?: boolean;
  OfferToReceiveVideo?: boolean;
  VoiceActivityDetection?: boolean;
  IceRestart?: boolean;
}

/**
 * RTCOfferOptions (iceRestart and the legacy offerToReceiveAudio/Video), plus Chromium's
 * voiceActivityDetection (false leaves out comfort noise) and the old constraint forms.
 */
export interface OfferOptions extends RTCOfferOptions {
  voiceActivityDetection?: boolean;
  mandatory?: LegacyOfferConstraints;
  optional?: LegacyOfferConstraints[];
}

/** What createOffer() resolves with: a fresh plain object, keys `sdp` then `type`. */
export interface OfferDescription extends RTCSessionDescriptionInit {
  sdp: string;
  type: 'offer';
}

/** RTCConfiguration, whose certificates are this package's. */
export interface Configuration extends Omit<RTCConfiguration, 'certificates'> {
  certificates?: RTCCertificate[];
}

/** The configuration as getConfiguration() returns it: every member present. */
export interface ConfigurationSnapshot {
  bundlePolicy: RTCBundlePolicy;
  certificates: RTCCertificate[];
  iceCandidatePoolSize: number;
  iceServers: RTCIceServer[];
  iceTransportPolicy: RTCIceTransportPolicy;
  rtcpMuxPolicy: RTCRtcpMuxPolicy;
}

/** RTCRtpTransceiverInit, whose streams may be stand-ins. */
export interface TransceiverInit extends Omit<RTCRtpTransceiverInit, 'streams'> {
  streams?: (MediaStream | StreamLike)[];
}

/**
 * generateCertificate()'s argument: ECDSA P-256 (`{name: 'ECDSA', namedCurve: 'P-256'}`) anywhere;
 * RSASSA-PKCS1-v1_5 with SHA-256 and exponent 65537 where WebCrypto (`crypto.subtle`) exists.
 */
export type KeygenAlgorithm = AlgorithmIdentifier | ((EcKeyGenParams | RsaHashedKeyGenParams | Algorithm) & { expires?: number });

export type PriorityType = 'very-low' | 'low' | 'medium' | 'high';

export interface PeerConnectionEventMap {
  connectionstatechange: Event;
  datachannel: Event;
  icecandidate: RTCPeerConnectionIceEvent;
  icecandidateerror: Event;
  iceconnectionstatechange: Event;
  icegatheringstatechange: Event;
  negotiationneeded: Event;
  signalingstatechange: Event;
  /** An {@link RTCTrackEvent} (typed `Event` so that the class stays assignable to lib.dom's). */
  track: Event;
}

export declare class RTCPeerConnection extends EventTarget {
  constructor(configuration?: Configuration);

  /**
   * Resolves with a self-signed certificate (30 days unless `expires` says otherwise; at most 365).
   * Other algorithms, and RSA without WebCrypto, reject with NotSupportedError.
   */
  static generateCertificate(keygenAlgorithm: KeygenAlgorithm): Promise<RTCCertificate>;

  /** Null until an exchange completes; then whether the remote description has the trickle ICE option. */
  readonly canTrickleIceCandidates: boolean | null;
  readonly connectionState: RTCPeerConnectionState;
  readonly currentLocalDescription: RTCSessionDescription | null;
  readonly currentRemoteDescription: RTCSessionDescription | null;
  readonly iceConnectionState: RTCIceConnectionState;
  readonly iceGatheringState: RTCIceGatheringState;
  readonly localDescription: RTCSessionDescription | null;
  readonly pendingLocalDescription: RTCSessionDescription | null;
  /** The remote offer (or pranswer) applied and not yet answered. */
  readonly pendingRemoteDescription: RTCSessionDescription | null;
  readonly remoteDescription: RTCSessionDescription | null;
  /**
   * Null until a remote offer or an answer has a data section (null again when an answer rejects it,
   * or a rollback undoes the remote offer that made it).
   */
  readonly sctp: RTCSctpTransport | null;
  readonly signalingState: RTCSignalingState;

  // No `this` parameter: lib.dom's handlers take its own RTCPeerConnection as `this`, which would
  // make ours unassignable to it. `pc.onx = function () {…}` still types `this` as `pc`.
  // onicecandidate takes lib.dom's RTCPeerConnectionIceEvent (ours without `url`) for the same reason.
  onconnectionstatechange: ((ev: Event) => any) | null;
  ondatachannel: ((ev: Event) => any) | null;
  onicecandidate: ((ev: globalThis.RTCPeerConnectionIceEvent) => any) | null;
  onicecandidateerror: ((ev: Event) => any) | null;
  oniceconnectionstatechange: ((ev: Event) => any) | null;
  onicegatheringstatechange: ((ev: Event) => any) | null;
  onnegotiationneeded: ((ev: Event) => any) | null;
  onsignalingstatechange: ((ev: Event) => any) | null;
  /** Receives an {@link RTCTrackEvent}. */
  ontrack: ((ev: Event) => any) | null;

  createOffer(options?: OfferOptions): Promise<OfferDescription>;
  /** @deprecated The legacy callback form: the callbacks report the outcome. */
  createOffer(
    successCallback: RTCSessionDescriptionCallback,
    failureCallback: RTCPeerConnectionErrorCallback,
    options?: OfferOptions,
  ): Promise<void>;
  /**
   * Answers the applied remote offer as Chromium 156 would (payload types and codec order from the
   * offer, `a=setup:active`, BUNDLE as offered, msid/ssrc for what this side sends); it becomes the
   * answer setLocalDescription() applies. `voiceActivityDetection: false` leaves comfort noise out, as
   * Chromium does. Outside 'have-remote-offer'/'have-local-pranswer': InvalidStateError.
   */
  createAnswer(options?: RTCAnswerOptions): Promise<RTCSessionDescriptionInit>;
  /** @deprecated The legacy callback form. */
  createAnswer(successCallback: RTCSessionDescriptionCallback, failureCallback: RTCPeerConnectionErrorCallback): Promise<void>;
  /**
   * Applies the last offer createOffer() made, or in 'have-remote-offer'/'have-local-pranswer' the
   * last answer createAnswer() made (as `answer` or `pranswer`), unmodified: made now when omitted and
   * none is current. A modified one rejects with InvalidModificationError.
   */
  setLocalDescription(description?: RTCLocalSessionDescriptionInit): Promise<void>;
  /** @deprecated The legacy callback form. */
  setLocalDescription(
    description: RTCLocalSessionDescriptionInit,
    successCallback: VoidFunction,
    failureCallback: RTCPeerConnectionErrorCallback,
  ): Promise<void>;
  /**
   * Applies a remote description:
   * - an `offer` (in 'stable' or 'have-remote-offer'; in 'have-local-offer' the local offer is rolled
   *   back first): each m-section gets a transceiver (the one with its mid, an addTrack()-made one
   *   of its kind, or a new recvonly one), `track` fires for what the remote side sends;
   * - an `answer` or `pranswer` to the pending local offer: the answer sets currentDirection and the
   *   current descriptions, stops transceivers whose m-section it rejects (they leave
   *   getTransceivers()); a pranswer leaves the offer pending;
   * - a `rollback` undoes the pending offer, local or remote.
   *
   * A description the state does not allow rejects with InvalidStateError. SDP that does not parse
   * rejects with an {@link RTCError} (name 'OperationError', errorDetail 'sdp-syntax-error',
   * sdpLineNumber the 1-based line); a description that cannot be applied (no rtcp-mux, bad ICE
   * credentials, an answer that does not fit the offer, …) with InvalidAccessError naming the line.
   * After any rejection the connection is unchanged and usable.
   */
  setRemoteDescription(description: RTCSessionDescriptionInit): Promise<void>;
  /** @deprecated The legacy callback form. */
  setRemoteDescription(
    description: RTCSessionDescriptionInit,
    successCallback: VoidFunction,
    failureCallback: RTCPeerConnectionErrorCallback,
  ): Promise<void>;
  /**
   * Adds a remote ICE candidate to the remote description (pending, else current): its
   * `a=candidate` line goes into the m-section `sdpMid` (else `sdpMLineIndex`) names, written as
   * Chromium writes it, and `remoteDescription` becomes a new object. No candidate, `{}`, `null` or
   * `candidate: ''` is the end of candidates: checked, then nothing is written (as in Chromium).
   * Rejects with TypeError for a candidate with neither sdpMid nor sdpMLineIndex, InvalidStateError
   * without a remote description, OperationError for an unknown mid or index, a usernameFragment
   * that is not the section's ice-ufrag, or a candidate that does not parse.
   */
  addIceCandidate(candidate?: IceCandidateInit | RTCIceCandidate | null): Promise<void>;
  /** @deprecated The legacy callback form. */
  addIceCandidate(
    candidate: IceCandidateInit | RTCIceCandidate | null | undefined,
    successCallback: VoidFunction,
    failureCallback: RTCPeerConnectionErrorCallback,
  ): Promise<void>;
  /** Later offers restart ICE (new ice-ufrag/ice-pwd) until one made after this call is answered. */
  restartIce(): void;

  addTransceiver(trackOrKind: MediaStreamTrack | TrackLike | string, init?: TransceiverInit): RTCRtpTransceiver;
  addTrack(track: MediaStreamTrack | TrackLike, ...streams: (MediaStream | StreamLike)[]): RTCRtpSender;
  removeTrack(sender: RTCRtpSender): void;
  getTransceivers(): RTCRtpTransceiver[];
  getSenders(): RTCRtpSender[];
  getReceivers(): RTCRtpReceiver[];
  createDataChannel(label: string, dataChannelDict?: RTCDataChannelInit & { priority?: PriorityType }): RTCDataChannel;

  getConfiguration(): ConfigurationSnapshot;
  setConfiguration(configuration?: Configuration): void;
  close(): void;
  /**
   * Not chained; a task later: the whole report, or (selector) the sender's or receiver's stats of a
   * track exactly one of them has (else InvalidAccessError; TypeError for a non-track).
   */
  getStats(selector?: MediaStreamTrack | TrackLike | null): Promise<RTCStatsReport>;

  addEventListener<K extends keyof PeerConnectionEventMap>(
    type: K,
    listener: (this: RTCPeerConnection, ev: PeerConnectionEventMap[K]) => any,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof PeerConnectionEventMap>(
    type: K,
    listener: (this: RTCPeerConnection, ev: PeerConnectionEventMap[K]) => any,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

/** webrtc-pc RTCError: a DOMException named 'OperationError' with WebRTC's error details. */
export declare class RTCError extends DOMException {
  constructor(init: RTCErrorInit, message?: string);
  readonly errorDetail: RTCErrorDetailType;
  /** For 'sdp-syntax-error': the 1-based line of the SDP that does not parse. */
  readonly sdpLineNumber: number | null;
  readonly httpRequestStatusCode: number | null;
  readonly sctpCauseCode: number | null;
  readonly receivedAlert: number | null;
  readonly sentAlert: number | null;
}

export declare class RTCSessionDescription {
  constructor(descriptionInitDict: RTCSessionDescriptionInit);
  readonly type: RTCSdpType;
  readonly sdp: string;
  toJSON(): { type: RTCSdpType; sdp: string };
}

/** Made by RTCPeerConnection.generateCertificate(); `new RTCCertificate()` throws TypeError. */
export declare class RTCCertificate {
  private constructor();
  /** Milliseconds since the epoch. */
  readonly expires: EpochTimeStamp;
  /** `[{algorithm: 'sha-256', value: 'ab:cd:…'}]` (lowercase hex). */
  getFingerprints(): RTCDtlsFingerprint[];
}

/**
 * This package's MediaStreamTrack (exported as `MediaStreamTrack`; `install()` defines it where the
 * environment has none). Pages cannot construct one: receivers' tracks are such tracks. No media
 * flows, so it stays muted; a receiver's track ends (with an `ended` event in a later task) when
 * its transceiver stops, and close() ends it without the event.
 */
declare class MediaStreamTrackPolyfill extends EventTarget {
  private constructor();
  readonly kind: 'audio' | 'video';
  readonly id: string;
  /** 'remote audio' or 'remote video' for a receiver's track. */
  readonly label: string;
  enabled: boolean;
  readonly muted: boolean;
  readonly readyState: MediaStreamTrackState;
  contentHint: string;
  onended: ((ev: Event) => any) | null;
  onmute: ((ev: Event) => any) | null;
  onunmute: ((ev: Event) => any) | null;
  stop(): void;
  clone(): MediaStreamTrackPolyfill;
  getCapabilities(): {};
  getConstraints(): {};
  getSettings(): {};
  applyConstraints(constraints?: object): Promise<void>;
}

/**
 * This package's MediaStream (exported as `MediaStream`; `install()` defines it where the
 * environment has none), of this package's tracks.
 */
declare class MediaStreamPolyfill extends EventTarget {
  constructor(streamOrTracks?: MediaStreamPolyfill | Iterable<MediaStreamTrackPolyfill>);
  readonly id: string;
  readonly active: boolean;
  onaddtrack: ((ev: Event) => any) | null;
  onremovetrack: ((ev: Event) => any) | null;
  getAudioTracks(): MediaStreamTrackPolyfill[];
  getVideoTracks(): MediaStreamTrackPolyfill[];
  getTracks(): MediaStreamTrackPolyfill[];
  getTrackById(trackId: string): MediaStreamTrackPolyfill | null;
  addTrack(track: MediaStreamTrackPolyfill): void;
  removeTrack(track: MediaStreamTrackPolyfill): void;
  clone(): MediaStreamPolyfill;
}

export { MediaStreamPolyfill as MediaStream, MediaStreamTrackPolyfill as MediaStreamTrack };

/** A receiver's track. */
export type ReceiverTrack = MediaStreamTrackPolyfill;

export declare class RTCRtpTransceiver {
  private constructor();
  /**
   * Null until a local or remote offer with its m-section is applied; null again (and the
   * transceiver gone from getTransceivers()) once an answer has rejected its stopped m-section.
   * Never reused for another transceiver.
   */
  readonly mid: string | null;
  readonly sender: RTCRtpSender;
  readonly receiver: RTCRtpReceiver;
  /**
   * Setting a value outside the enumeration is ignored; 'stopped' throws TypeError; setting it
   * on a stopped (or stopping) transceiver throws InvalidStateError. Reads 'stopped' once stop()
   * was called.
   */
  direction: RTCRtpTransceiverDirection;
  /** What the last answer negotiated (this side's view); null before one, 'stopped' once stopped. */
  readonly currentDirection: RTCRtpTransceiverDirection | null;
  /** Stops sending and receiving at once; the next offer rejects the m-section (port 0). */
  stop(): void;
  /**
   * The codecs later offers list for this transceiver, in this order (filtered by direction);
   * [] restores the default. Each must match one of RTCRtpSender/RTCRtpReceiver.getCapabilities
   * (mimeType compared case-insensitively, the other members exactly), and at least one must be
   * a codec other than RTX, RED, FEC or CN: otherwise InvalidModificationError.
   */
  setCodecPreferences(codecs: Iterable<RTCRtpCodec>): void;
}

export declare class RTCRtpSender {
  private constructor();
  /** Chromium 156's send capabilities for 'audio' or 'video' (fresh objects); null for other kinds. */
  static getCapabilities(kind: string): RTCRtpCapabilities | null;
  readonly track: MediaStreamTrack | TrackLike | null;
  /** The connection's one (bundled) DTLS transport once a description associated it; else null. */
  readonly transport: RTCDtlsTransport | null;
  /** An audio sender's DTMF sender (the same object each time); null for video. */
  readonly dtmf: RTCDTMFSender | null;
  /**
   * The same object until a task later. codecs, headerExtensions and rtcp come from the last completed
   * exchange (empty, cname '' before one, as in Chromium); after an answer that declined simulcast only
   * the first encoding.
   */
  getParameters(): RTCRtpSendParameters;
  /**
   * Not chained, resolves a task later; never renegotiates. TypeError (missing member), InvalidStateError
   * (stopping, or no last returned parameters), InvalidModificationError (transactionId, encodings count,
   * order or rid, headerExtensions, rtcp or codecs changed), RangeError (scaleResolutionDownBy < 1,
   * maxFramerate < 0).
   */
  setParameters(parameters: RTCRtpSendParameters, options?: RTCSetParameterOptions): Promise<void>;
  /** Once it sends: its codec, the transport and the certificate (nothing is ever sent). */
  getStats(): Promise<RTCStatsReport>;
  /**
   * Sets `track` in a queued task after the operations before it; no renegotiation (a=msid keeps
   * the first track's id). TypeError for a track of another kind; InvalidStateError once stopped.
   */
  replaceTrack(withTrack: MediaStreamTrack | TrackLike | null): Promise<void>;
  /** Stand-in streams' ids must be 1-64 token characters (what a=msid allows), or TypeError. */
  setStreams(...streams: (MediaStream | StreamLike)[]): void;
}

export declare class RTCRtpReceiver {
  private constructor();
  /** Chromium 156's receive capabilities for 'audio' or 'video' (fresh objects); null for other kinds. */
  static getCapabilities(kind: string): RTCRtpCapabilities | null;
  readonly track: ReceiverTrack;
  /** The connection's one (bundled) DTLS transport once a description associated it; else null. */
  readonly transport: RTCDtlsTransport | null;
  /** Milliseconds (0 to 4000, else RangeError) or null; kept, though nothing is ever buffered. */
  jitterBufferTarget: number | null;
  /** The local description's codecs of the last completed exchange while it receives (else empty, as in Chromium). */
  getParameters(): RTCRtpReceiveParameters;
  /** Empty: nothing is ever received (Chromium's is empty too until packets arrive). */
  getStats(): Promise<RTCStatsReport>;
  getContributingSources(): RTCRtpContributingSource[];
  getSynchronizationSources(): RTCRtpSynchronizationSource[];
}

/**
 * webrtc-pc RTCStatsReport: a readonly maplike of stats objects by id (Chromium's types, members,
 * order and cross-references; unpredictable ids).
 */
export declare class RTCStatsReport {
  private constructor();
  readonly size: number;
  entries(): IterableIterator<[string, any]>;
  forEach(callbackfn: (value: any, key: string, parent: RTCStatsReport) => void, thisArg?: any): void;
  get(key: string): any;
  has(key: string): boolean;
  keys(): IterableIterator<string>;
  values(): IterableIterator<any>;
  [Symbol.iterator](): IterableIterator<[string, any]>;
}

export interface DataChannelEventMap {
  bufferedamountlow: Event;
  close: Event;
  closing: Event;
  error: Event;
  message: MessageEvent;
  open: Event;
}

/** What createDataChannel() returns. No SCTP association is made: it stays 'connecting' until closed. */
export declare class RTCDataChannel extends EventTarget {
  private constructor();
  readonly label: string;
  readonly ordered: boolean;
  readonly maxPacketLifeTime: number | null;
  readonly maxRetransmits: number | null;
  readonly protocol: string;
  readonly negotiated: boolean;
  readonly id: number | null;
  readonly priority: PriorityType;
  readonly readyState: RTCDataChannelState;
  readonly bufferedAmount: number;
  bufferedAmountLowThreshold: number;
  binaryType: BinaryType;

  // No `this` parameter, as on RTCPeerConnection.
  onbufferedamountlow: ((ev: Event) => any) | null;
  onclose: ((ev: Event) => any) | null;
  onclosing: ((ev: Event) => any) | null;
  onerror: ((ev: Event) => any) | null;
  onmessage: ((ev: MessageEvent) => any) | null;
  onopen: ((ev: Event) => any) | null;

  /** Throws InvalidStateError: the channel never opens. */
  send(data: string | Blob | ArrayBuffer | ArrayBufferView): void;
  close(): void;

  addEventListener<K extends keyof DataChannelEventMap>(
    type: K,
    listener: (this: RTCDataChannel, ev: DataChannelEventMap[K]) => any,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof DataChannelEventMap>(
    type: K,
    listener: (this: RTCDataChannel, ev: DataChannelEventMap[K]) => any,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

/** RTCIceCandidateInit (and RTCLocalIceCandidateInit's relayProtocol/url for the constructor). */
export interface IceCandidateInit {
  candidate?: string;
  sdpMid?: string | null;
  sdpMLineIndex?: number | null;
  usernameFragment?: string | null;
  relayProtocol?: 'udp' | 'tcp' | 'tls' | null;
  url?: string | null;
}

/** One ICE candidate; its fields are read from `candidate` (all null when it does not parse). */
export declare class RTCIceCandidate {
  /** Throws TypeError when sdpMid and sdpMLineIndex are both null; relayProtocol and url are not kept (as Chromium). */
  constructor(candidateInitDict?: IceCandidateInit);
  readonly candidate: string;
  readonly sdpMid: string | null;
  readonly sdpMLineIndex: number | null;
  readonly foundation: string | null;
  readonly component: 'rtp' | 'rtcp' | null;
  readonly priority: number | null;
  readonly address: string | null;
  readonly protocol: 'udp' | 'tcp' | null;
  readonly port: number | null;
  readonly type: 'host' | 'srflx' | 'prflx' | 'relay' | null;
  readonly tcpType: 'active' | 'passive' | 'so' | null;
  readonly relatedAddress: string | null;
  readonly relatedPort: number | null;
  readonly usernameFragment: string | null;
  readonly relayProtocol: 'udp' | 'tcp' | 'tls' | null;
  readonly url: string | null;
  /** As Chromium: a null sdpMLineIndex left out, a null sdpMid or usernameFragment as ''. */
  toJSON(): { candidate: string; sdpMid: string; sdpMLineIndex?: number; usernameFragment: string };
}

export interface PeerConnectionIceEventInit extends EventInit {
  candidate?: RTCIceCandidate | null;
  url?: string | null;
}

/** The `icecandidate` event; `candidate` is null once gathering is complete. */
export declare class RTCPeerConnectionIceEvent extends Event {
  constructor(type: string, eventInitDict?: PeerConnectionIceEventInit);
  readonly candidate: RTCIceCandidate | null;
  readonly url: string | null;
}

export interface TrackEventInit extends EventInit {
  receiver: RTCRtpReceiver;
  track: MediaStreamTrackPolyfill;
  streams?: MediaStreamPolyfill[];
  transceiver: RTCRtpTransceiver;
}

/**
 * The event of `track`: fired when an applied remote description starts sending to one of our
 * receivers (or moves its track into more streams), before setRemoteDescription() resolves.
 */
export declare class RTCTrackEvent extends Event {
  constructor(type: string, eventInitDict: TrackEventInit);
  readonly receiver: RTCRtpReceiver;
  readonly track: MediaStreamTrackPolyfill;
  readonly streams: ReadonlyArray<MediaStreamPolyfill>;
  readonly transceiver: RTCRtpTransceiver;
}

export interface ErrorEventInit extends EventInit {
  error: RTCError;
}

/** webrtc-pc RTCErrorEvent (what data channels' `error` events carry; never fired here: nothing connects). */
export declare class RTCErrorEvent extends Event {
  constructor(type: string, eventInitDict: ErrorEventInit);
  readonly error: RTCError;
}

/** The event of a remote stream's `addtrack` and `removetrack`. */
export declare class MediaStreamTrackEvent extends Event {
  constructor(type: string, eventInitDict: EventInit & { track: MediaStreamTrackPolyfill });
  readonly track: MediaStreamTrackPolyfill;
}

/** The ICE transport under pc.sctp: nothing is gathered or checked, so it stays 'new'. */
export declare class RTCIceTransport extends EventTarget {
  private constructor();
  readonly role: RTCIceRole;
  readonly component: 'rtp';
  readonly state: RTCIceTransportState;
  readonly gatheringState: RTCIceGatheringState;
  onstatechange: ((ev: Event) => any) | null;
  ongatheringstatechange: ((ev: Event) => any) | null;
  onselectedcandidatepairchange: ((ev: Event) => any) | null;
  getLocalCandidates(): never[];
  getRemoteCandidates(): never[];
  getSelectedCandidatePair(): null;
  /** The local description's ICE ufrag and password (a fresh dictionary); null before one. */
  getLocalParameters(): { usernameFragment: string; password: string } | null;
  /** The remote description's ICE ufrag and password; null before one. */
  getRemoteParameters(): { usernameFragment: string; password: string } | null;
}

/** The connection's DTLS transport (pc.sctp's, senders' and receivers'): no handshake happens, so it stays 'new'. */
export declare class RTCDtlsTransport extends EventTarget {
  private constructor();
  readonly iceTransport: RTCIceTransport;
  readonly state: RTCDtlsTransportState;
  onstatechange: ((ev: Event) => any) | null;
  onerror: ((ev: Event) => any) | null;
  getRemoteCertificates(): ArrayBuffer[];
}

/**
 * An audio sender's `dtmf`. DTMF is sent as RTP, which never flows here: canInsertDTMF is false,
 * toneBuffer empty, and insertDTMF() throws InvalidStateError (as Chromium does before a connection).
 */
export declare class RTCDTMFSender extends EventTarget {
  private constructor();
  insertDTMF(tones: string, duration?: number, interToneGap?: number): void;
  readonly canInsertDTMF: boolean;
  readonly toneBuffer: string;
  ontonechange: ((ev: Event) => any) | null;
}

/** pc.sctp: 'connecting' (nothing connects here), with the negotiated maxMessageSize. */
export declare class RTCSctpTransport extends EventTarget {
  private constructor();
  readonly transport: RTCDtlsTransport;
  readonly state: RTCSctpTransportState;
  readonly maxMessageSize: number;
  readonly maxChannels: number | null;
  onstatechange: ((ev: Event) => any) | null;
}
