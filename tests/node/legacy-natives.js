// Stand-ins for the native RTCPeerConnections install() meets (not a test file itself): old
// callback-only ones, as Chrome and Firefox had them before promises, and promise-based ones with
// or without addTransceiver. Every connection records the calls it gets in `calls`; every class
// lists its connections in `instances`, the throwaway one install() probes with included.

/** The RTCSessionDescription of old engines: setLocal/RemoteDescription take nothing else. */
export class LegacySessionDescription {
  constructor(init) {
    this.type = init.type;
    this.sdp = init.sdp;
  }
}

/** The RTCIceCandidate of old engines: their addIceCandidate takes nothing else. */
export class LegacyIceCandidate {
  constructor(init) {
    this.candidate = init.candidate;
    this.sdpMid = init.sdpMid;
    this.sdpMLineIndex = init.sdpMLineIndex;
  }
}

/** Settles as the native does: in a later task. */
const later = (callback, ...args) => setImmediate(() => callback(...args));

const stateError = (what, state) => new DOMException(`${what} in signalingState '${state}'`, 'InvalidStateError');

/** The signaling state a description moves a connection to, or null where it cannot apply. */
function nextState(side, type, state) {
  const moves = {
    local: {
      offer: { stable: 'have-local-offer', 'have-local-offer': 'have-local-offer' },
      answer: { 'have-remote-offer': 'stable' },
      rollback: { 'have-local-offer': 'stable' },
    },
    remote: {
      offer: { stable: 'have-remote-offer', 'have-remote-offer': 'have-remote-offer' },
      answer: { 'have-local-offer': 'stable' },
    },
  };
  return moves[side][type]?.[state] ?? null;
}

/** What both kinds share: state, the record of calls, and descriptions to hand out. */
class Base {
  constructor(...args) {
    this.calls = [['constructor', ...args]];
    this.signalingState = 'stable';
    this.localDescription = null;
    this.created = 0;
    this.constructor.instances.push(this);
  }

  close() {
    this.calls.push(['close']);
    this.signalingState = 'closed';
  }

  /** The description createOffer/createAnswer gives, or the error it fails with. */
  create(type) {
    const allowed = type === 'offer' ? ['stable', 'have-local-offer'] : ['have-remote-offer'];
    if (!allowed.includes(this.signalingState)) return stateError(`create an ${type}`, this.signalingState);
    this.created += 1;
    return new LegacySessionDescription({ type, sdp: `v=0\r\ns=${type} ${this.created}\r\n` });
  }

  /** Applies a description: undefined, or the error it fails with. */
  apply(side, description) {
    const state = nextState(side, description.type, this.signalingState);
    if (state === null) return stateError(`apply a ${side} ${description.type}`, this.signalingState);
    this.signalingState = state;
    if (side === 'local') this.localDescription = description;
    return undefined;
  }
}

/**
 * An old, callback-only RTCPeerConnection: operations take (success, failure[, constraints]) or
 * (description, success, failure), return undefined, throw for non-function callbacks and for
 * descriptions that are not LegacySessionDescriptions.
 */
export function callbackOnlyNative({ generateCertificate = undefined } = {}) {
  function requireCallbacks(what, success, failure) {
    if (typeof success !== 'function' || typeof failure !== 'function') {
      throw new TypeError(`${what}: the callbacks must be functions`);
    }
  }
  function requireDescription(what, description) {
    if (!(description instanceof LegacySessionDescription)) {
      throw new TypeError(`${what}: parameter 1 is not of type 'RTCSessionDescription'`);
    }
  }
  class CallbackOnlyRTCPeerConnection extends Base {
    static instances = [];

    createOffer(success, failure, ...constraints) {
      requireCallbacks('createOffer', success, failure);
      this.calls.push(['createOffer', ...constraints]);
      const result = this.create('offer');
      later(result instanceof DOMException ? failure : success, result);
    }

    createAnswer(success, failure, ...constraints) {
      requireCallbacks('createAnswer', success, failure);
      this.calls.push(['createAnswer', ...constraints]);
      const result = this.create('answer');
      later(result instanceof DOMException ? failure : success, result);
    }

    setLocalDescription(description, success, failure) {
      requireDescription('setLocalDescription', description);
      requireCallbacks('setLocalDescription', success, failure);
      this.calls.push(['setLocalDescription', description]);
      const error = this.apply('local', description);
      if (error === undefined) later(success);
      else later(failure, error);
    }

    setRemoteDescription(description, success, failure) {
      requireDescription('setRemoteDescription', description);
      requireCallbacks('setRemoteDescription', success, failure);
      this.calls.push(['setRemoteDescription', description]);
      const error = this.apply('remote', description);
      if (error === undefined) later(success);
      else later(failure, error);
    }

    addIceCandidate(candidate, success, failure) {
      if (!(candidate instanceof LegacyIceCandidate)) {
        throw new TypeError("addIceCandidate: parameter 1 is not of type 'RTCIceCandidate'");
      }
      requireCallbacks('addIceCandidate', success, failure);
      this.calls.push(['addIceCandidate', candidate]);
      if (this.signalingState === 'stable' && this.localDescription === null) later(failure, stateError('add a candidate', 'stable'));
      else later(success);
    }
  }
  if (generateCertificate !== undefined) CallbackOnlyRTCPeerConnection.generateCertificate = generateCertificate;
  return CallbackOnlyRTCPeerConnection;
}

/**
 * A promise-based RTCPeerConnection (with addTransceiver when `transceivers`): operations take
 * options or a description and return promises; like Safari's, they have no callback forms.
 */
export function promiseNative({ transceivers }) {
  const settle = (result) => (result instanceof DOMException ? Promise.reject(result) : Promise.resolve(result));
  class PromiseRTCPeerConnection extends Base {
    static instances = [];

    createOffer(...args) {
      this.calls.push(['createOffer', ...args]);
      return settle(this.create('offer'));
    }

    createAnswer(...args) {
      this.calls.push(['createAnswer', ...args]);
      return settle(this.create('answer'));
    }

    setLocalDescription(description) {
      this.calls.push(['setLocalDescription', description]);
      return settle(this.apply('local', description));
    }

    setRemoteDescription(description) {
      this.calls.push(['setRemoteDescription', description]);
      return settle(this.apply('remote', description));
    }
  }
  if (transceivers) PromiseRTCPeerConnection.prototype.addTransceiver = function addTransceiver() {};
  return PromiseRTCPeerConnection;
}
