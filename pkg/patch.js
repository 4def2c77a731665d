// @ts-check
// install()'s 'patched' path: a vendor-prefixed and/or callback-only native RTCPeerConnection,
// subclassed in plain JavaScript so that pages get the promise forms, RTCOfferOptions and the
// legacy callback forms on the engine they already have. Nothing here needs the wasm core.

import { toCallbacks, withCallbacks } from './callbacks.js';
import { nativeInterface } from './detect.js';
import { toLocalDescriptionInit } from './dictionaries.js';
import { exposeInterface, member, toBoolean, toDictionary } from './webidl.js';

/** @typedef {import('./callbacks.js').Callbacks} Callbacks */
/** @typedef {import('./dictionaries.js').LocalDescriptionInit} LocalDescriptionInit */
/** @typedef {import('./webidl.js').Dictionary} Dictionary */
/** @typedef {import('./detect.js').NativeConnection} NativeConnection */
/** @typedef {import('./detect.js').NativeConnectionClass} NativeConnectionClass */
/** @typedef {import('./detect.js').NativeInfo} NativeInfo */

/**
 * An RTCOfferOptions member and the old constraint that stands for it.
 * @typedef {{option: string, constraint: string, mandatory: boolean}} ConstraintMember
 */

/**
 * The options as old MediaConstraints, in WebIDL order (RTCOfferAnswerOptions' member first).
 * OfferToReceive* go in `mandatory`, which every old engine reads; the others in `optional`, since
 * old Firefox fails on mandatory constraints it does not know (and wants one per optional entry).
 * @type {ConstraintMember}
 */
const VOICE_ACTIVITY_DETECTION = {
  option: 'voiceActivityDetection',
  constraint: 'VoiceActivityDetection',
  mandatory: false,
};
const ANSWER_CONSTRAINTS = [VOICE_ACTIVITY_DETECTION];
const OFFER_CONSTRAINTS = [
  VOICE_ACTIVITY_DETECTION,
  { option: 'iceRestart', constraint: 'IceRestart', mandatory: false },
  { option: 'offerToReceiveAudio', constraint: 'OfferToReceiveAudio', mandatory: true },
  { option: 'offerToReceiveVideo', constraint: 'OfferToReceiveVideo', mandatory: true },
];

/** Where a setLocalDescription() without a type applies an offer (elsewhere an answer). */
const IMPLICIT_OFFER_STATES = ['stable', 'have-local-offer', 'have-remote-pranswer'];

/**
 * The classes made here: install() over one of them again leaves it as it is.
 * @type {WeakSet<Function>}
 */
const patchedClasses = new WeakSet();

/** @param {unknown} value */
export function isPatched(value) {
  // has() takes any value, and answers false for one that is not in the set.
  return patchedClasses.has(/** @type {Function} */ (value));
}

/**
 * The arguments a callback-form native takes for these options: none, or one constraints object.
 * @param {unknown} options
 * @param {ConstraintMember[]} members
 * @returns {object[]}
 */
function constraintArguments(options, members) {
  const dictionary = toDictionary(options, 'options');
  if (dictionary.mandatory !== undefined || dictionary.optional !== undefined) return [dictionary];
  /** @type {Record<string, boolean>} */
  const mandatory = {};
  /** @type {Record<string, boolean>[]} */
  const optional = [];
  for (const { option, constraint, mandatory: isMandatory } of members) {
    const value = member(dictionary, option, toBoolean);
    if (value === undefined) continue;
    if (isMandatory) mandatory[constraint] = value;
    else optional.push({ [constraint]: value });
  }
  /** @type {{mandatory?: Record<string, boolean>, optional?: Record<string, boolean>[]}} */
  const constraints = {};
  if (Object.keys(mandatory).length > 0) constraints.mandatory = mandatory;
  if (optional.length > 0) constraints.optional = optional;
  return Object.keys(constraints).length > 0 ? [constraints] : [];
}

/**
 * Calls a native operation in its promise form, or else in its callback form with the callbacks
 * inserted at `callbackIndex`, and gives its outcome as a promise.
 * @param {NativeConnection} pc
 * @param {Function} method
 * @param {boolean} promises
 * @param {unknown[]} args
 * @param {number} callbackIndex
 * @returns {Promise<unknown>}
 */
function callNative(pc, method, promises, args, callbackIndex) {
  return new Promise((resolve, reject) => {
    if (promises) {
      resolve(Reflect.apply(method, pc, args));
    } else {
      Reflect.apply(method, pc, [...args.slice(0, callbackIndex), resolve, reject, ...args.slice(callbackIndex)]);
    }
  });
}

/**
 * @param {Promise<unknown>} promise
 * @param {Callbacks | null} callbacks
 */
function respond(promise, callbacks) {
  return callbacks === null ? promise : withCallbacks(promise, ...callbacks);
}

/**
 * @param {NativeConnectionClass} Native
 * @param {boolean} promises
 * @param {(new (init: object) => object) | undefined} SessionDescription
 * @param {(new (init: object) => object) | undefined} IceCandidate
 */
function patchedClass(Native, promises, SessionDescription, IceCandidate) {
  // Taken now, as WebIDL operations are: later changes to the native prototype do not leak in.
  const { createOffer, createAnswer, setLocalDescription, setRemoteDescription } = Native.prototype;
  const nativeAddIceCandidate = /** @type {Function | undefined} */ (
    /** @type {Record<string, unknown>} */ (/** @type {unknown} */ (Native.prototype)).addIceCandidate
  );

  /**
   * The native's createOffer/createAnswer, resolving with a plain RTCSessionDescriptionInit.
   * @param {NativeConnection} pc
   * @param {Function} method
   * @param {unknown[]} nativeArgs
   */
  function createDescription(pc, method, nativeArgs) {
    const created = /** @type {Promise<{sdp: string, type: RTCSdpType}>} */ (
      callNative(pc, method, promises, nativeArgs, 0)
    );
    return created.then(({ sdp, type }) => ({ sdp, type }));
  }

  /**
   * createOffer/createAnswer in either overload.
   * @param {NativeConnection} pc
   * @param {string} name
   * @param {unknown[]} args
   * @param {Function} method
   * @param {ConstraintMember[]} members
   */
  function create(pc, name, args, method, members) {
    try {
      const callbacks = args.length >= 2 ? toCallbacks(name, args[0], args[1]) : null;
      const options = args[callbacks === null ? 0 : 2];
      let nativeArgs;
      if (promises) {
        // A promise-based native knows RTCOfferOptions itself.
        toDictionary(options, 'options');
        nativeArgs = [options];
      } else {
        nativeArgs = constraintArguments(options, members);
      }
      return respond(createDescription(pc, method, nativeArgs), callbacks);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /**
   * Old natives take only their own RTCSessionDescription objects.
   * @param {NativeConnection} pc
   * @param {Function} method
   * @param {object} init
   */
  async function apply(pc, method, init) {
    const description = SessionDescription === undefined ? init : new SessionDescription(init);
    await callNative(pc, method, promises, [description], 1);
  }

  /**
   * webrtc-pc's implicit forms: the type from the signaling state, an empty sdp freshly created.
   * @param {NativeConnection} pc
   * @param {LocalDescriptionInit} init
   */
  async function setLocal(pc, init) {
    const type = init.type ?? (IMPLICIT_OFFER_STATES.includes(pc.signalingState) ? 'offer' : 'answer');
    let { sdp } = init;
    if (sdp === '' && type !== 'rollback') {
      ({ sdp } = await createDescription(pc, type === 'offer' ? createOffer : createAnswer, []));
    }
    await apply(pc, setLocalDescription, { type, sdp });
  }

  /** @type {(pc: NativeConnection, init: LocalDescriptionInit) => Promise<void>} */
  const setRemote = (pc, init) => apply(pc, setRemoteDescription, init);

  /**
   * setLocalDescription/setRemoteDescription in either overload (2 arguments match neither).
   * @param {NativeConnection} pc
   * @param {string} name
   * @param {unknown[]} args
   * @param {boolean} typeRequired
   * @param {(pc: NativeConnection, init: LocalDescriptionInit) => Promise<void>} run
   */
  function describe(pc, name, args, typeRequired, run) {
    try {
      if (args.length === 2) {
        throw new TypeError(`${name}: takes 1 argument, or 3 (description, successCallback, failureCallback)`);
      }
      const init = toLocalDescriptionInit(args[0]);
      if (typeRequired && init.type === null) {
        throw new TypeError(`${name}: the required member 'type' is missing`);
      }
      const callbacks = args.length >= 3 ? toCallbacks(name, args[1], args[2]) : null;
      return respond(run(pc, init), callbacks);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  // A subclass: instances are the native's too, and its statics (generateCertificate) are inherited.
  class RTCPeerConnection extends Native {
    /** @param {unknown[]} args */
    createOffer(...args) {
      return create(this, 'createOffer', args, createOffer, OFFER_CONSTRAINTS);
    }

    /** @param {unknown[]} args */
    createAnswer(...args) {
      return create(this, 'createAnswer', args, createAnswer, ANSWER_CONSTRAINTS);
    }

    /** @param {unknown[]} args */
    setLocalDescription(...args) {
      return describe(this, 'setLocalDescription', args, false, setLocal);
    }

    // One named parameter: WebIDL's length, as the description is required.
    /** @param {unknown} description */
    setRemoteDescription(description) {
      return describe(this, 'setRemoteDescription', [...arguments], true, setRemote);
    }
  }
  if (typeof nativeAddIceCandidate === 'function') {
    /**
     * addIceCandidate(candidate?) or (candidate, successCallback, failureCallback). A callback-only
     * native takes only its own RTCIceCandidate objects and knows no end of candidates: that
     * resolves without reaching it, as a modern engine would.
     * @this {NativeConnection}
     * @param {unknown[]} args
     */
    const addIceCandidate = function addIceCandidate(...args) {
      try {
        if (args.length === 2) {
          throw new TypeError('addIceCandidate: takes 0 or 1 argument, or 3 (candidate, successCallback, failureCallback)');
        }
        const callbacks = args.length >= 3 ? toCallbacks('addIceCandidate', args[1], args[2]) : null;
        const candidate = args[0];
        const init = toDictionary(candidate, 'RTCIceCandidateInit');
        if (promises) return respond(callNative(this, nativeAddIceCandidate, true, [candidate], 1), callbacks);
        if (init.candidate === undefined || init.candidate === '') return respond(Promise.resolve(undefined), callbacks);
        const own = IceCandidate === undefined || candidate instanceof IceCandidate ? candidate : new IceCandidate(init);
        return respond(callNative(this, nativeAddIceCandidate, false, [own], 1), callbacks);
      } catch (error) {
        return Promise.reject(error);
      }
    };
    Object.defineProperty(RTCPeerConnection.prototype, 'addIceCandidate', {
      value: addIceCandidate,
      writable: true,
      configurable: true,
    });
  }
  exposeInterface(RTCPeerConnection, 'RTCPeerConnection');
  patchedClasses.add(RTCPeerConnection);
  return RTCPeerConnection;
}

/**
 * What install() defines on `target` to patch its legacy native: see inspectNative().
 * @param {Dictionary} target
 * @param {NativeInfo} native
 * @returns {Record<string, Function>}
 */
export function patchedInterfaces(target, { Native, promises }) {
  const SessionDescription = /** @type {(new (init: object) => object) | undefined} */ (
    nativeInterface(target, 'RTCSessionDescription')
  );
  const IceCandidate = /** @type {(new (init: object) => object) | undefined} */ (nativeInterface(target, 'RTCIceCandidate'));
  /** @type {Record<string, Function>} */
  const interfaces = { RTCPeerConnection: patchedClass(Native, promises, SessionDescription, IceCandidate) };
  // Old Firefox named these with its prefix too.
  for (const name of ['RTCSessionDescription', 'RTCIceCandidate']) {
    const value = nativeInterface(target, name);
    if (value !== undefined && value !== target[name]) interfaces[name] = value;
  }
  return interfaces;
}
