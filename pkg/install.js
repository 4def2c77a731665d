// install(): gives a global object the standard WebRTC names when it has no usable native ones.

import { RTCCertificate } from './certificate.js';
import { RTCDataChannel } from './datachannel.js';
import { RTCSessionDescription } from './description.js';
import { RTCPeerConnectionIceEvent } from './events.js';
import { RTCPeerConnection } from './peerconnection.js';
import { RTCRtpReceiver, RTCRtpSender, RTCRtpTransceiver } from './rtp.js';
import { toBoolean, toDictionary } from './webidl.js';

/** Replaced whenever we install: the classes a page constructs or tests with instanceof. */
const PRIMARY = { RTCPeerConnection, RTCSessionDescription, RTCCertificate };
/** Installed where the target has none: ours only ever come from our own connections. */
const SECONDARY = { RTCRtpTransceiver, RTCRtpSender, RTCRtpReceiver, RTCDataChannel, RTCPeerConnectionIceEvent };

/** Like a WebIDL interface object on a global: writable, configurable, not enumerable. */
function define(target, name, value) {
  Object.defineProperty(target, name, { value, writable: true, configurable: true, enumerable: false });
}

/** 'none', 'prefixed' (only a vendor-prefixed constructor) or 'standard'. */
function nativeKind(target) {
  if (typeof target.RTCPeerConnection === 'function') return 'standard';
  if (typeof target.webkitRTCPeerConnection === 'function' || typeof target.mozRTCPeerConnection === 'function') {
    return 'prefixed';
  }
  return 'none';
}

/**
 * Installs rtc-offer-polyfill's classes on `target` (globalThis by default) unless it has a native
 * RTCPeerConnection (or `force` is set). Returns 'native' (left alone) or 'polyfilled'.
 */
export function install(target = globalThis, options = undefined) {
  if (!(typeof target === 'object' && target !== null) && typeof target !== 'function') {
    throw new TypeError('install: the target must be an object');
  }
  const force = toBoolean(toDictionary(options, 'install options').force);
  if (target.RTCPeerConnection === RTCPeerConnection) return 'polyfilled';
  // Any native implementation, prefixed or callback-only ones included, is left alone for now:
  // wrapping those ('patched') is a separate step that will slot in here.
  if (!force && nativeKind(target) !== 'none') return 'native';
  for (const [name, value] of Object.entries(PRIMARY)) define(target, name, value);
  for (const [name, value] of Object.entries(SECONDARY)) {
    if (force || typeof target[name] !== 'function') define(target, name, value);
  }
  return 'polyfilled';
}
