// @ts-check
// The dictionaries RTCPeerConnection takes: RTCConfiguration, RTCOfferOptions (with its legacy
// forms) and RTCLocalSessionDescriptionInit, converted and validated.

import { isCertificate } from './certificate.js';
import { SDP_TYPES } from './description.js';
import {
  domError,
  isObject,
  MAX_OCTET,
  member,
  toBoolean,
  toDictionary,
  toDOMString,
  toEnforcedInteger,
  toEnum,
  toSequence,
} from './webidl.js';

/** @template T @typedef {import('./webidl.js').Conversion<T>} Conversion */
/** @typedef {import('./webidl.js').Dictionary} Dictionary */

/**
 * An RTCIceServer as converted: `urls` always a list.
 * @typedef {{credential: string | undefined, urls: string[], username: string | undefined}} IceServer
 */

/**
 * [[Configuration]]: an RTCConfiguration converted and checked, with every member.
 * @typedef {object} Configuration
 * @property {RTCBundlePolicy} bundlePolicy
 * @property {import('./certificate.js').RTCCertificate[]} certificates
 * @property {number} iceCandidatePoolSize
 * @property {IceServer[]} iceServers
 * @property {RTCIceTransportPolicy} iceTransportPolicy
 * @property {'negotiate' | 'require'} rtcpMuxPolicy Only 'require' passes the constructor's checks.
 */

/**
 * RTCOfferOptions as converted: offerToReceive* stay undefined when absent.
 * @typedef {object} OfferOptions
 * @property {boolean} iceRestart
 * @property {boolean} voiceActivityDetection
 * @property {boolean | undefined} offerToReceiveAudio
 * @property {boolean | undefined} offerToReceiveVideo
 */

/**
 * RTCLocalSessionDescriptionInit as converted: `type` null when absent (implicit).
 * @typedef {{sdp: string, type: RTCSdpType | null}} LocalDescriptionInit
 */

/** @typedef {keyof OfferOptions} OfferOption */

/** @type {RTCBundlePolicy[]} */
const BUNDLE_POLICIES = ['balanced', 'max-compat', 'max-bundle'];
/** @type {RTCIceTransportPolicy[]} */
const ICE_TRANSPORT_POLICIES = ['relay', 'all'];
// webrtc-pc's enum now has "require" only; Chromium still takes "negotiate" (and WPT expects
// setConfiguration to answer it with InvalidModificationError), so it converts, and the
// constructor refuses it: non-multiplexed RTCP is not implemented.
/** @type {Configuration['rtcpMuxPolicy'][]} */
const RTCP_MUX_POLICIES = ['negotiate', 'require'];
const ICE_SCHEMES = ['stun', 'stuns', 'turn', 'turns'];
/** RFC 8489 §14.3: a STUN/TURN username is fewer than 509 bytes of UTF-8. */
const MAX_TURN_USERNAME_BYTES = 508;

const utf8 = new TextEncoder();

/**
 * @param {unknown} value
 * @param {string} what
 * @returns {IceServer}
 */
function toIceServer(value, what) {
  const server = toDictionary(value, what);
  // WebIDL order: credential, urls, username.
  const credential = member(server, 'credential', toDOMString);
  // (DOMString or sequence<DOMString>): an iterable object is the sequence. Kept as a list,
  // which getConfiguration() returns (as Chromium does, and WPT expects).
  const urls = member(server, 'urls', (v, w) =>
    isObject(v) && typeof v[Symbol.iterator] === 'function'
      ? toSequence(v, (u) => toDOMString(u, w), w)
      : [toDOMString(v, w)],
  );
  const username = member(server, 'username', toDOMString);
  if (urls === undefined) throw new TypeError(`${what}: the required member 'urls' is missing`);
  return { credential, urls, username };
}

/** @type {(url: string, why: string) => DOMException} */
const syntaxError = (url, why) => domError('SyntaxError', `'${url}' is not a valid ICE server URL: ${why}`);

/**
 * URL parsing that gives null for failure (URL.parse is newer than Node 20).
 * @param {string} text
 */
function parseURL(text) {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

/**
 * webrtc-pc "validate an ICE server URL": SyntaxError unless `url` is scheme:host[:port] with
 * a stun, stuns, turn or turns scheme (and, for turn/turns only, ?transport=udp|tcp);
 * InvalidAccessError for TURN without a usable username and credential. All four schemes
 * count as implemented (Chromium takes stuns too), so it never throws NotSupportedError.
 * @param {string} url
 * @param {IceServer} server
 */
function validateIceServerUrl(url, server) {
  const parsed = parseURL(url);
  if (parsed === null) throw syntaxError(url, 'it does not parse');
  const scheme = parsed.protocol.slice(0, -1);
  if (!ICE_SCHEMES.includes(scheme)) throw syntaxError(url, 'the scheme is not stun, stuns, turn or turns');
  // What follows "scheme:". An opaque path never starts with "/" (that makes a URL with a
  // path list, as in "stun://host"); a fragment or query keeps its "#" or "?" even when empty.
  const rest = parsed.href.slice(parsed.protocol.length);
  if (rest.startsWith('/')) throw syntaxError(url, `it is not of the form ${scheme}:host[:port]`);
  if (rest.includes('#')) throw syntaxError(url, 'it has a fragment');
  const queryAt = rest.indexOf('?');
  const path = queryAt < 0 ? rest : rest.slice(0, queryAt);
  const query = queryAt < 0 ? null : rest.slice(queryAt + 1);
  if (/[/@\\]/.test(path)) throw syntaxError(url, 'only a host and port may follow the scheme');
  if (query !== null && scheme.startsWith('stun')) throw syntaxError(url, 'a STUN URL has no query');
  // A space, literal or %20, is a forbidden host code point (URL Standard, and Node's parser),
  // but Chromium's URL parser puts it in a host percent-encoded. (Chromium's own RTCPeerConnection
  // refuses the literal space and takes %20; this keeps to the standard, in every engine.)
  if (/ |%20/i.test(path)) throw syntaxError(url, `'${path}' is not a host and optional port`);
  const hostAndPort = parseURL(`https://${path}`);
  if (hostAndPort === null || hostAndPort.pathname !== '/' || hostAndPort.username !== '' || hostAndPort.password !== '') {
    throw syntaxError(url, `'${path}' is not a host and optional port`);
  }
  if (query !== null && query !== 'transport=udp' && query !== 'transport=tcp') {
    throw syntaxError(url, 'the only query a TURN URL may have is transport=udp or transport=tcp');
  }
  if (scheme.startsWith('turn')) {
    // RFC 8489 §14.3 (username) and RFC 8265 §4.1 (a password is never empty); Chromium
    // refuses an empty username too.
    const { username, credential } = server;
    if (username === undefined || credential === undefined) {
      throw domError('InvalidAccessError', `'${url}' needs a username and a credential`);
    }
    if (username === '' || credential === '') {
      throw domError('InvalidAccessError', `'${url}' needs a non-empty username and credential`);
    }
    if (utf8.encode(username).length > MAX_TURN_USERNAME_BYTES) {
      throw domError('InvalidAccessError', `the username for '${url}' is longer than ${MAX_TURN_USERNAME_BYTES} bytes of UTF-8`);
    }
  }
}

/**
 * "Set a configuration", its ICE server steps.
 * @param {IceServer[]} iceServers
 */
function validateIceServers(iceServers) {
  for (const server of iceServers) {
    if (server.urls.length === 0) throw domError('SyntaxError', 'an RTCIceServer has no urls');
    for (const url of server.urls) validateIceServerUrl(url, server);
  }
}

/** @type {Conversion<import('./certificate.js').RTCCertificate>} */
function toCertificate(value, what) {
  if (!isCertificate(value)) throw new TypeError(`${what}: not an RTCCertificate of rtc-offer-polyfill`);
  return value;
}

/**
 * RTCConfiguration converted (TypeErrors only), in the form [[Configuration]] keeps.
 * @param {unknown} value
 * @returns {Configuration}
 */
function convertConfiguration(value) {
  const init = toDictionary(value, 'RTCConfiguration');
  return {
    bundlePolicy: member(init, 'bundlePolicy', (v, w) => toEnum(v, BUNDLE_POLICIES, w), 'balanced'),
    certificates: member(
      init,
      'certificates',
      (v, w) => toSequence(v, (c, i) => toCertificate(c, `certificates[${i}]`), w),
      [],
    ),
    iceCandidatePoolSize: member(init, 'iceCandidatePoolSize', (v, w) => toEnforcedInteger(v, 0, MAX_OCTET, w), 0),
    iceServers: member(init, 'iceServers', (v, w) => toSequence(v, (s, i) => toIceServer(s, `iceServers[${i}]`), w), []),
    iceTransportPolicy: member(init, 'iceTransportPolicy', (v, w) => toEnum(v, ICE_TRANSPORT_POLICIES, w), 'all'),
    rtcpMuxPolicy: member(init, 'rtcpMuxPolicy', (v, w) => toEnum(v, RTCP_MUX_POLICIES, w), 'require'),
  };
}

/**
 * The RTCPeerConnection constructor's configuration steps: the argument converted, its
 * certificates checked (an expired one is InvalidAccessError), then the configuration set.
 * @param {unknown} value
 * @returns {Configuration}
 */
export function toConfiguration(value) {
  const configuration = convertConfiguration(value);
  if (configuration.rtcpMuxPolicy !== 'require') {
    throw domError('NotSupportedError', `RTCPeerConnection: rtcpMuxPolicy '${configuration.rtcpMuxPolicy}' is not supported`);
  }
  const now = Date.now();
  if (configuration.certificates.some((certificate) => certificate.expires < now)) {
    throw domError('InvalidAccessError', 'RTCPeerConnection: a configured certificate has expired');
  }
  validateIceServers(configuration.iceServers);
  return configuration;
}

/**
 * setConfiguration(value) on a connection configured with `current`: the configuration to keep
 * instead, or the exception (after the argument's conversion: InvalidStateError when `closed`,
 * InvalidModificationError for a change "set a configuration" forbids — other certificates,
 * even none; another bundlePolicy or rtcpMuxPolicy, defaults included; another
 * iceCandidatePoolSize once `localDescriptionSet` — then the ICE servers' errors).
 * @param {Configuration} current
 * @param {unknown} value
 * @param {{closed: boolean, localDescriptionSet: boolean}} state
 * @returns {Configuration}
 */
export function changedConfiguration(current, value, { closed, localDescriptionSet }) {
  const configuration = convertConfiguration(value);
  if (closed) throw domError('InvalidStateError', 'setConfiguration: the RTCPeerConnection is closed');
  /** @param {string} what */
  const changed = (what) => domError('InvalidModificationError', `setConfiguration: ${what} cannot be changed`);
  const { certificates } = configuration;
  if (certificates.length !== current.certificates.length || certificates.some((c, i) => c !== current.certificates[i])) {
    throw changed('certificates');
  }
  if (configuration.bundlePolicy !== current.bundlePolicy) throw changed('bundlePolicy');
  if (configuration.rtcpMuxPolicy !== current.rtcpMuxPolicy) throw changed('rtcpMuxPolicy');
  if (localDescriptionSet && configuration.iceCandidatePoolSize !== current.iceCandidatePoolSize) {
    throw changed('iceCandidatePoolSize (after setLocalDescription)');
  }
  validateIceServers(configuration.iceServers);
  return configuration;
}

/** @type {Record<OfferOption, string>} */
const LEGACY_CONSTRAINTS = {
  iceRestart: 'IceRestart',
  offerToReceiveAudio: 'OfferToReceiveAudio',
  offerToReceiveVideo: 'OfferToReceiveVideo',
  voiceActivityDetection: 'VoiceActivityDetection',
};

/**
 * The old MediaConstraints form of the options, `{mandatory: {OfferToReceiveAudio: true}}` or
 * `{optional: [{OfferToReceiveAudio: true}]}`: mandatory wins, then the first optional entry.
 * @param {Dictionary} options
 */
function legacyConstraints(options) {
  /** @type {Partial<Record<OfferOption, boolean>>} */
  const values = {};
  /** @param {Dictionary} source */
  const take = (source) => {
    for (const [name, constraint] of /** @type {[OfferOption, string][]} */ (Object.entries(LEGACY_CONSTRAINTS))) {
      if (values[name] === undefined && source[constraint] !== undefined) values[name] = toBoolean(source[constraint]);
    }
  };
  const mandatory = options.mandatory;
  if (isObject(mandatory)) take(mandatory);
  const optional = options.optional;
  if (Array.isArray(optional)) optional.filter(isObject).forEach(take);
  return values;
}

/**
 * RTCOfferOptions with no member given: what each member defaults to, and what a call without
 * a dictionary (the common one) gets as it is.
 * @type {OfferOptions}
 */
const NO_OFFER_OPTIONS = Object.freeze({
  iceRestart: false,
  voiceActivityDetection: true,
  offerToReceiveAudio: undefined,
  offerToReceiveVideo: undefined,
});

/**
 * RTCOfferOptions, with Chromium's voiceActivityDetection and the legacy constraint forms.
 * @param {unknown} value
 * @returns {OfferOptions}
 */
export function toOfferOptions(value) {
  if (value === undefined || value === null) return NO_OFFER_OPTIONS;
  const init = toDictionary(value, 'RTCOfferOptions');
  // WebIDL order: the inherited RTCOfferAnswerOptions member, then RTCOfferOptions' own.
  const standard = {
    voiceActivityDetection: member(init, 'voiceActivityDetection', toBoolean),
    iceRestart: member(init, 'iceRestart', toBoolean),
    offerToReceiveAudio: member(init, 'offerToReceiveAudio', toBoolean),
    offerToReceiveVideo: member(init, 'offerToReceiveVideo', toBoolean),
  };
  const legacy = legacyConstraints(init);
  /** @param {OfferOption} name */
  const pick = (name) => (standard[name] !== undefined ? standard[name] : legacy[name]);
  return {
    iceRestart: pick('iceRestart') ?? NO_OFFER_OPTIONS.iceRestart,
    voiceActivityDetection: pick('voiceActivityDetection') ?? NO_OFFER_OPTIONS.voiceActivityDetection,
    // Absent and false differ for these two: undefined is kept.
    offerToReceiveAudio: pick('offerToReceiveAudio'),
    offerToReceiveVideo: pick('offerToReceiveVideo'),
  };
}

/**
 * @param {unknown} value
 * @returns {LocalDescriptionInit}
 */
export function toLocalDescriptionInit(value) {
  const init = toDictionary(value, 'RTCLocalSessionDescriptionInit');
  return {
    sdp: member(init, 'sdp', toDOMString, ''),
    type: member(init, 'type', (v, w) => toEnum(v, SDP_TYPES, w), null, 'RTCLocalSessionDescriptionInit.type'),
  };
}
