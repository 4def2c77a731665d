// @ts-check
// Which WebRTC a global object already has: what install() decides on, and all that the auto entry
// loads on a page with a modern native (the rest of the package is imported only when needed).

/** @typedef {import('./webidl.js').Dictionary} Dictionary */

/**
 * What is used here of a native RTCPeerConnection, whatever its engine and age: its operations
 * take and return what that engine's do.
 * @typedef {{
 *   signalingState: string,
 *   close(): void,
 *   createOffer(...args: unknown[]): unknown,
 *   createAnswer(...args: unknown[]): unknown,
 *   setLocalDescription(...args: unknown[]): unknown,
 *   setRemoteDescription(...args: unknown[]): unknown,
 *   addTransceiver?: unknown,
 * }} NativeConnection
 */

/** @typedef {{new (configuration?: object): NativeConnection, prototype: NativeConnection}} NativeConnectionClass */

/**
 * What inspectNative finds.
 * @typedef {{Native: NativeConnectionClass, promises: boolean, modern: boolean}} NativeInfo
 */

const PREFIXES = ['', 'webkit', 'moz'];

/**
 * The target's interface object `name`, unprefixed or else vendor-prefixed.
 * @param {Dictionary} target
 * @param {string} name
 * @returns {Function | undefined}
 */
export function nativeInterface(target, name) {
  for (const prefix of PREFIXES) {
    const value = target[prefix + name];
    if (typeof value === 'function') return value;
  }
  return undefined;
}

/**
 * Whether createOffer(options) returns a promise, asked of a connection closed straight after.
 * @param {NativeConnectionClass} Native
 */
function returnsPromises(Native) {
  /** @type {any} Whatever the native returned: a promise, or from a callback-only one, anything. */
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
 * @param {Dictionary} target
 * @returns {NativeInfo | null}
 */
export function inspectNative(target) {
  const Native = /** @type {NativeConnectionClass | undefined} */ (nativeInterface(target, 'RTCPeerConnection'));
  if (Native === undefined) return null;
  const promises = returnsPromises(Native);
  const modern =
    promises && Native === target.RTCPeerConnection && typeof Native.prototype?.addTransceiver === 'function';
  return { Native, promises, modern };
}

/**
 * Whether `target` has no RTCPeerConnection at all, prefixed or not: then ours will be needed.
 * @param {Dictionary} target
 */
export function lacksWebRTC(target) {
  return nativeInterface(target, 'RTCPeerConnection') === undefined;
}
