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

const BUNDLE_POLICIES = ['balanced', 'max-compat', 'max-bundle'];
const ICE_TRANSPORT_POLICIES = ['relay', 'all'];
const RTCP_MUX_POLICIES = ['require'];
const ICE_SCHEMES = ['stun:', 'stuns:', 'turn:', 'turns:'];

function toIceServer(value, what) {
  const server = toDictionary(value, what);
  const credential = member(server, 'credential', toDOMString);
  const urls = member(server, 'urls', (v, w) =>
    isObject(v) && typeof v[Symbol.iterator] === 'function'
      ? toSequence(v, (u) => toDOMString(u, w), w)
      : toDOMString(v, w),
  );
  const username = member(server, 'username', toDOMString);
  if (urls === undefined) throw new TypeError(`${what}: the required member 'urls' is missing`);
  return { credential, urls, username };
}

/** webrtc-pc "validate an ICE server": SyntaxError for bad URLs, InvalidAccessError for TURN without credentials. */
function validateIceServer(server) {
  const urls = typeof server.urls === 'string' ? [server.urls] : server.urls;
  if (urls.length === 0) throw domError('SyntaxError', 'RTCIceServer.urls is empty');
  for (const url of urls) {
    let parsed;
    try {
      parsed = new URL(url);
    } catch {
      throw domError('SyntaxError', `'${url}' is not a valid ICE server URL`);
    }
    if (!ICE_SCHEMES.includes(parsed.protocol)) {
      throw domError('SyntaxError', `'${url}' is not a stun:, stuns:, turn: or turns: URL`);
    }
    if (parsed.protocol.startsWith('turn') && (server.username === undefined || server.credential === undefined)) {
      throw domError('InvalidAccessError', `'${url}' needs a username and a credential`);
    }
  }
}

function toCertificate(value, what) {
  if (!isCertificate(value)) throw new TypeError(`${what}: not an RTCCertificate of rtc-offer-polyfill`);
  return value;
}

/** RTCConfiguration, converted and validated as the constructor and setConfiguration() need. */
export function toConfiguration(value) {
  const init = toDictionary(value, 'RTCConfiguration');
  const configuration = {
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
  configuration.iceServers.forEach(validateIceServer);
  return configuration;
}

const LEGACY_CONSTRAINTS = {
  iceRestart: 'IceRestart',
  offerToReceiveAudio: 'OfferToReceiveAudio',
  offerToReceiveVideo: 'OfferToReceiveVideo',
  voiceActivityDetection: 'VoiceActivityDetection',
};

/**
 * The old MediaConstraints form of the options, `{mandatory: {OfferToReceiveAudio: true}}` or
 * `{optional: [{OfferToReceiveAudio: true}]}`: mandatory wins, then the first optional entry.
 */
function legacyConstraints(options) {
  const values = {};
  const take = (source) => {
    for (const [name, constraint] of Object.entries(LEGACY_CONSTRAINTS)) {
      if (values[name] === undefined && source[constraint] !== undefined) values[name] = toBoolean(source[constraint]);
    }
  };
  const mandatory = options.mandatory;
  if (isObject(mandatory)) take(mandatory);
  const optional = options.optional;
  if (Array.isArray(optional)) optional.filter(isObject).forEach(take);
  return values;
}

/** RTCOfferOptions, with Chromium's voiceActivityDetection and the legacy constraint forms. */
export function toOfferOptions(value) {
  const init = toDictionary(value, 'RTCOfferOptions');
  // WebIDL order: the inherited RTCOfferAnswerOptions member, then RTCOfferOptions' own.
  const standard = {
    voiceActivityDetection: member(init, 'voiceActivityDetection', toBoolean),
    iceRestart: member(init, 'iceRestart', toBoolean),
    offerToReceiveAudio: member(init, 'offerToReceiveAudio', toBoolean),
    offerToReceiveVideo: member(init, 'offerToReceiveVideo', toBoolean),
  };
  const legacy = legacyConstraints(init);
  const pick = (name) => (standard[name] !== undefined ? standard[name] : legacy[name]);
  return {
    iceRestart: pick('iceRestart') ?? false,
    voiceActivityDetection: pick('voiceActivityDetection') ?? true,
    // Absent and false differ for these two: undefined is kept.
    offerToReceiveAudio: pick('offerToReceiveAudio'),
    offerToReceiveVideo: pick('offerToReceiveVideo'),
  };
}

export function toLocalDescriptionInit(value) {
  const init = toDictionary(value, 'RTCLocalSessionDescriptionInit');
  return {
    sdp: member(init, 'sdp', toDOMString, ''),
    type: member(init, 'type', (v, w) => toEnum(v, SDP_TYPES, w), null, 'RTCLocalSessionDescriptionInit.type'),
  };
}
