// @ts-check
// install(): gives a global object the standard WebRTC names. A modern native implementation is
// left alone, a legacy one is patched (patch.js, no wasm), and otherwise our classes go in, as
// subclasses of its own (realm.js). Adding a class to what install() provides: one entry below.

import { RTCCertificate } from './certificate.js';
import { loadCore } from './core.js';
import { RTCDataChannel } from './datachannel.js';
import { RTCDTMFSender } from './dtmf.js';
import { RTCError, RTCSessionDescription } from './description.js';
import { RTCErrorEvent, RTCPeerConnectionIceEvent, RTCTrackEvent } from './events.js';
import { MediaStream, MediaStreamTrack, MediaStreamTrackEvent } from './mediastream.js';
import { RTCIceCandidate } from './icecandidate.js';
import { inspectNative } from './detect.js';
import { isPatched, patchedInterfaces } from './patch.js';
import { RTCPeerConnection } from './peerconnection.js';
import { isTargetClass, targetClasses } from './realm.js';
import { RTCRtpReceiver, RTCRtpSender, RTCRtpTransceiver } from './rtp.js';
import { RTCStatsReport } from './stats.js';
import { RTCDtlsTransport, RTCIceTransport, RTCSctpTransport } from './transports.js';
import { isObject, toBoolean, toDictionary } from './webidl.js';

/** Replaced whenever we install: the classes a page constructs or tests with instanceof. */
const PRIMARY = { RTCPeerConnection, RTCSessionDescription, RTCCertificate };
/** Installed where the target has none: ours only ever come from our own connections. */
const SECONDARY = {
  RTCRtpTransceiver,
  RTCRtpSender,
  RTCRtpReceiver,
  RTCDTMFSender,
  RTCDataChannel,
  RTCIceCandidate,
  RTCPeerConnectionIceEvent,
  RTCTrackEvent,
  RTCError,
  RTCErrorEvent,
  RTCSctpTransport,
  RTCDtlsTransport,
  RTCIceTransport,
  RTCStatsReport,
};
/** Installed only where the target has none, even with `force`: a page's own media keeps its classes. */
const MEDIA = { MediaStream, MediaStreamTrack, MediaStreamTrackEvent };

/**
 * Like a WebIDL interface object on a global: writable, configurable, not enumerable.
 * @param {object} target
 * @param {string} name
 * @param {Function} value
 */
function define(target, name, value) {
  Object.defineProperty(target, name, { value, writable: true, configurable: true, enumerable: false });
}

/**
 * Gives `target` (globalThis by default) a usable RTCPeerConnection and says how: 'native' (a
 * modern native one, left alone), 'patched' (a prefixed and/or callback-only native, wrapped) or
 * 'polyfilled' (ours, also installed over any native when `force` is set).
 * @param {unknown} [target]
 * @param {unknown} [options]
 * @returns {'native' | 'patched' | 'polyfilled'}
 */
export function install(target = globalThis, options = undefined) {
  if (!isObject(target)) throw new TypeError('install: the target must be an object');
  const force = toBoolean(toDictionary(options, 'install options').force);
  const current = target.RTCPeerConnection;
  if (current === RTCPeerConnection || isTargetClass(current, RTCPeerConnection)) return 'polyfilled';
  if (!force) {
    if (isPatched(target.RTCPeerConnection)) return 'patched';
    const native = inspectNative(target);
    if (native?.modern) return 'native';
    if (native !== null) {
      for (const [name, value] of Object.entries(patchedInterfaces(target, native))) define(target, name, value);
      return 'patched';
    }
  }
  /** @type {Record<string, Function>} */
  const chosen = { ...PRIMARY };
  for (const [name, value] of Object.entries(SECONDARY)) {
    if (force || typeof target[name] !== 'function') chosen[name] = value;
  }
  for (const [name, value] of Object.entries(MEDIA)) {
    if (typeof target[name] !== 'function') chosen[name] = value;
  }
  // The target's own subclasses (realm.js): what it patches stays with it.
  for (const [name, value] of Object.entries(targetClasses(chosen))) define(target, name, value);
  // Only now is the core certain to be needed: start loading it before the first offer asks.
  loadCore();
  return 'polyfilled';
}
