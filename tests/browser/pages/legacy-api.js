// An old engine's WebRTC API made from Chromium's own, for install-patched.test.js (a classic
// script, run before any module). As Chrome had it before version 51: a callback-only
// RTCPeerConnection — webkitRTCPeerConnection, or unprefixed with ?api=unprefixed — that takes
// MediaConstraints instead of RTCOfferOptions, hands out and accepts only its own
// RTCSessionDescription objects, and has no transceiver API. The engine does the work: constraints
// become the transceivers and options Chromium's createOffer() understands.
//
// window.legacyCalls records [operation, constraints or description type] for every call.

(() => {
  const Native = window.RTCPeerConnection;
  const api = new URLSearchParams(location.search).get('api');
  const KNOWN_CONSTRAINTS = ['OfferToReceiveAudio', 'OfferToReceiveVideo', 'IceRestart', 'VoiceActivityDetection'];
  const MODERN_MEMBERS = ['addTransceiver', 'getTransceivers', 'addTrack', 'removeTrack', 'getSenders', 'getReceivers'];

  window.NativeRTCPeerConnection = Native;
  window.legacyCalls = [];

  class RTCSessionDescription {
    constructor(init = {}) {
      this.type = init.type;
      this.sdp = init.sdp ?? '';
    }
  }

  function requireCallback(operation, callback, position) {
    if (typeof callback !== 'function') {
      throw new TypeError(
        `Failed to execute '${operation}' on 'webkitRTCPeerConnection': The callback provided as parameter ${position} is not a function.`,
      );
    }
  }

  function requireDescription(operation, description) {
    if (!(description instanceof RTCSessionDescription)) {
      throw new TypeError(
        `Failed to execute '${operation}' on 'webkitRTCPeerConnection': parameter 1 is not of type 'RTCSessionDescription'.`,
      );
    }
  }

  /**
   * MediaConstraints as old Chrome read them: only `mandatory` (names it must know) and `optional`
   * (one name per entry, the first one wins); values true/false or "true"/"false".
   */
  function readConstraints(constraints) {
    if (constraints === undefined || constraints === null) return {};
    const malformed = Object.keys(constraints).filter((key) => key !== 'mandatory' && key !== 'optional');
    if (malformed.length > 0) throw new TypeError(`Malformed constraints object: unknown member '${malformed[0]}'`);
    const values = {};
    for (const [name, value] of Object.entries(constraints.mandatory ?? {})) {
      if (!KNOWN_CONSTRAINTS.includes(name)) throw new TypeError(`Unsupported mandatory constraint: ${name}`);
      values[name] = value === true || value === 'true';
    }
    for (const entry of constraints.optional ?? []) {
      const [name, value] = Object.entries(entry)[0];
      if (KNOWN_CONSTRAINTS.includes(name) && !(name in values)) values[name] = value === true || value === 'true';
    }
    return values;
  }

  /** OfferToReceiveAudio/Video with the transceiver API, as webrtc-pc's legacy steps say. */
  function offerToReceive(pc, kind, wanted) {
    if (wanted === undefined) return;
    const live = Native.prototype.getTransceivers
      .call(pc)
      .filter((t) => t.receiver.track.kind === kind && t.direction !== 'stopped');
    if (wanted) {
      if (!live.some((t) => t.direction === 'sendrecv' || t.direction === 'recvonly')) {
        Native.prototype.addTransceiver.call(pc, kind, { direction: 'recvonly' });
      }
      return;
    }
    for (const t of live) {
      if (t.direction === 'sendrecv') t.direction = 'sendonly';
      else if (t.direction === 'recvonly') t.direction = 'inactive';
    }
  }

  /**
   * Reports a native operation's outcome to old-style callbacks (which may be missing): success
   * gets `wrap(value)`, or no argument without `wrap`.
   */
  function report(promise, success, failure, wrap = undefined) {
    promise.then(
      (value) => success?.(...(wrap === undefined ? [] : [wrap(value)])),
      (error) => failure?.(error),
    );
  }

  const toLegacy = (description) => description && new RTCSessionDescription(description);

  class LegacyRTCPeerConnection extends Native {
    createOffer(success, failure, constraints) {
      requireCallback('createOffer', success, 1);
      requireCallback('createOffer', failure, 2);
      window.legacyCalls.push(['createOffer', constraints ?? null]);
      const values = readConstraints(constraints);
      if (this.signalingState !== 'closed') {
        offerToReceive(this, 'audio', values.OfferToReceiveAudio);
        offerToReceive(this, 'video', values.OfferToReceiveVideo);
      }
      const options = {
        iceRestart: values.IceRestart ?? false,
        voiceActivityDetection: values.VoiceActivityDetection ?? true,
      };
      report(Native.prototype.createOffer.call(this, options), success, failure, toLegacy);
    }

    createAnswer(success, failure, constraints) {
      requireCallback('createAnswer', success, 1);
      requireCallback('createAnswer', failure, 2);
      window.legacyCalls.push(['createAnswer', constraints ?? null]);
      const values = readConstraints(constraints);
      const options = { voiceActivityDetection: values.VoiceActivityDetection ?? true };
      report(Native.prototype.createAnswer.call(this, options), success, failure, toLegacy);
    }

    setLocalDescription(description, success, failure) {
      requireDescription('setLocalDescription', description);
      window.legacyCalls.push(['setLocalDescription', description.type]);
      const init = { type: description.type, sdp: description.sdp };
      report(Native.prototype.setLocalDescription.call(this, init), success, failure);
    }

    setRemoteDescription(description, success, failure) {
      requireDescription('setRemoteDescription', description);
      window.legacyCalls.push(['setRemoteDescription', description.type]);
      const init = { type: description.type, sdp: description.sdp };
      report(Native.prototype.setRemoteDescription.call(this, init), success, failure);
    }

    get localDescription() {
      return toLegacy(super.localDescription);
    }

    get remoteDescription() {
      return toLegacy(super.remoteDescription);
    }
  }
  for (const name of MODERN_MEMBERS) {
    Object.defineProperty(LegacyRTCPeerConnection.prototype, name, { value: undefined, configurable: true });
  }

  for (const name of ['RTCPeerConnection', 'webkitRTCPeerConnection']) delete window[name];
  const define = (name, value) =>
    Object.defineProperty(window, name, { value, writable: true, configurable: true, enumerable: false });
  define(api === 'unprefixed' ? 'RTCPeerConnection' : 'webkitRTCPeerConnection', LegacyRTCPeerConnection);
  define('RTCSessionDescription', RTCSessionDescription);
  window.LegacyRTCPeerConnection = LegacyRTCPeerConnection;
  window.LegacyRTCSessionDescription = RTCSessionDescription;
})();
