// install()'s 'patched' path: a vendor-prefixed and/or callback-only native RTCPeerConnection,
// subclassed in plain JavaScript so that pages get the promise forms, RTCOfferOptions and the
// legacy callback forms on the engine they already have. Nothing here needs the wasm core.

import { toCallbacks, withCallbacks } from './callbacks.js';
import { toLocalDescriptionInit } from './dictionaries.js';
import { exposeInterface, member, toBoolean, toDictionary } from './webidl.js';

const PREFIXES = ['', 'webkit', 'moz'];

/**
 * The options as old MediaConstraints, in WebIDL order (RTCOfferAnswerOptions' member first).
 * OfferToReceive* go in `mandatory`, which every old engine reads; the others in `optional`, since
 * old Firefox fails on mandatory constraints it does not know (and wants one per optional entry).
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

/** The classes made here: install() over one of them again leaves it as it is. */
const patchedClasses = new WeakSet();

export function isPatched(value) {
  return patchedClasses.has(value);
}

/** The target's interface object `name`, unprefixed or else vendor-prefixed. */
function nativeInterface(target, name) {
  for (const prefix of PREFIXES) {
    const value = target[prefix + name];
    if (typeof value === 'function') return value;
  }
  return undefined;
}

/** Whether createOffer(options) returns a promise, asked of a connection closed straight after. */
function returnsPromises(Native) {
  let result;
  try {
    const pc = new Native({ iceServers: [] });
    try {
      result = pc.createOffer({});
    } finally {
      pc.close();
    }
  } catch {
    // Callback-only natives throw for a first argument that is not a function.
    return false;
  }
  if (typeof result?.then !== 'function') return false;
  // Closing the connection may have rejected it: that is not the page's error to see.
  result.then(undefined, () => {});
  return true;
}

/**
 * The target's native RTCPeerConnection (unprefixed first), or null: whether its operations return
 * promises, and whether it is modern (unprefixed, promise-based and with addTransceiver).
 */
export function inspectNative(target) {
  const Native = nativeInterface(target, 'RTCPeerConnection');
  if (Native === undefined) return null;
  const promises = returnsPromises(Native);
  const modern =
    promises && Native === target.RTCPeerConnection && typeof Native.prototype?.addTransceiver === 'function';
  return { Native, promises, modern };
}

/** The arguments a callback-form native takes for these options: none, or one constraints object. */
function constraintArguments(options, members) {
  const dictionary = toDictionary(options, 'options');
  if (dictionary.mandatory !== undefined || dictionary.optional !== undefined) return [dictionary];
  const mandatory = {};
  const optional = [];
  for (const { option, constraint, mandatory: isMandatory } of members) {
    const value = member(dictionary, option, toBoolean);
    if (value === undefined) continue;
    if (isMandatory) mandatory[constraint] = value;
    else optional.push({ [constraint]: value });
  }
  const constraints = {};
  if (Object.keys(mandatory).length > 0) constraints.mandatory = mandatory;
  if (optional.length > 0) constraints.optional = optional;
  return Object.keys(constraints).length > 0 ? [constraints] : [];
}

/**
 * Calls a native operation in its promise form, or else in its callback form with the callbacks
 * inserted at `callbackIndex`, and gives its outcome as a promise.
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

function respond(promise, callbacks) {
  return callbacks === null ? promise : withCallbacks(promise, ...callbacks);
}

function patchedClass(Native, promises, SessionDescription) {
  // Taken now, as WebIDL operations are: later changes to the native prototype do not leak in.
  const { createOffer, createAnswer, setLocalDescription, setRemoteDescription } = Native.prototype;

  /** The native's createOffer/createAnswer, resolving with a plain RTCSessionDescriptionInit. */
  function createDescription(pc, method, nativeArgs) {
    return callNative(pc, method, promises, nativeArgs, 0).then(({ sdp, type }) => ({ sdp, type }));
  }

  /** createOffer/createAnswer in either overload. */
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

  /** Old natives take only their own RTCSessionDescription objects. */
  async function apply(pc, method, init) {
    const description = SessionDescription === undefined ? init : new SessionDescription(init);
    await callNative(pc, method, promises, [description], 1);
  }

  /** webrtc-pc's implicit forms: the type from the signaling state, an empty sdp freshly created. */
  async function setLocal(pc, init) {
    const type = init.type ?? (IMPLICIT_OFFER_STATES.includes(pc.signalingState) ? 'offer' : 'answer');
    let { sdp } = init;
    if (sdp === '' && type !== 'rollback') {
      ({ sdp } = await createDescription(pc, type === 'offer' ? createOffer : createAnswer, []));
    }
    await apply(pc, setLocalDescription, { type, sdp });
  }

  const setRemote = (pc, init) => apply(pc, setRemoteDescription, init);

  /** setLocalDescription/setRemoteDescription in either overload (2 arguments match neither). */
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
    createOffer(...args) {
      return create(this, 'createOffer', args, createOffer, OFFER_CONSTRAINTS);
    }

    createAnswer(...args) {
      return create(this, 'createAnswer', args, createAnswer, ANSWER_CONSTRAINTS);
    }

    setLocalDescription(...args) {
      return describe(this, 'setLocalDescription', args, false, setLocal);
    }

    // One named parameter: WebIDL's length, as the description is required.
    setRemoteDescription(description) {
      return describe(this, 'setRemoteDescription', [...arguments], true, setRemote);
    }
  }
  exposeInterface(RTCPeerConnection, 'RTCPeerConnection');
  patchedClasses.add(RTCPeerConnection);
  return RTCPeerConnection;
}

/** What install() defines on `target` to patch its legacy native: see inspectNative(). */
export function patchedInterfaces(target, { Native, promises }) {
  const SessionDescription = nativeInterface(target, 'RTCSessionDescription');
  const interfaces = { RTCPeerConnection: patchedClass(Native, promises, SessionDescription) };
  // Old Firefox named these with its prefix too.
  for (const name of ['RTCSessionDescription', 'RTCIceCandidate']) {
    const value = nativeInterface(target, name);
    if (value !== undefined && value !== target[name]) interfaces[name] = value;
  }
  return interfaces;
}
