// RTCCertificate and RTCPeerConnection.generateCertificate().

import { fromCore, whenCoreReady } from './core.js';
import { queueTask } from './tasks.js';
import {
  domError,
  exposeInterface,
  illegalConstructor,
  isObject,
  MAX_UNSIGNED_LONG_LONG,
  slotStore,
  toDictionary,
  toDOMString,
  toEnforcedInteger,
} from './webidl.js';

const DAY_MS = 86_400_000;
/** webrtc-pc: the default lifetime of a generated certificate. */
export const DEFAULT_EXPIRES_MS = 30 * DAY_MS;
/** webrtc-pc: the longest lifetime a generated certificate may have. */
const MAX_EXPIRES_MS = 365 * DAY_MS;

// WebCrypto algorithm names "generateKey" recognises: any other name is NotSupportedError.
const GENERATE_KEY_ALGORITHMS = [
  'RSASSA-PKCS1-v1_5',
  'RSA-PSS',
  'RSA-OAEP',
  'ECDSA',
  'ECDH',
  'Ed25519',
  'X25519',
  'AES-CTR',
  'AES-CBC',
  'AES-GCM',
  'AES-KW',
  'HMAC',
];

const certificates = slotStore();
// Only we construct certificates: the constructor demands this token.
const CONSTRUCT = Symbol('RTCCertificate');

export class RTCCertificate {
  constructor(token = undefined, expires = 0, fingerprints = []) {
    if (token !== CONSTRUCT) throw illegalConstructor();
    certificates.set(this, { expires, fingerprints });
  }

  /** When the certificate expires, in milliseconds since the epoch. */
  get expires() {
    return certificates.of(this).expires;
  }

  /** [{algorithm: 'sha-256', value: lowercase colon hex}], fresh objects on each call. */
  getFingerprints() {
    return certificates.of(this).fingerprints.map(({ algorithm, value }) => ({ algorithm, value }));
  }
}
exposeInterface(RTCCertificate, 'RTCCertificate');

export function isCertificate(value) {
  return certificates.has(value);
}

/** Wraps a certificate the core generated; its private key stays in the core. */
export function certificateFromCore(generated) {
  const fingerprints = generated.fingerprints().map(({ algorithm, value }) => ({ algorithm, value }));
  return new RTCCertificate(CONSTRUCT, generated.expires, fingerprints);
}

/** The fingerprints as the core takes them: SDP form, upper-case hex. */
export function sdpFingerprints(certificate) {
  return certificates.of(certificate).fingerprints.map(({ algorithm, value }) => ({
    algorithm,
    value: value.toUpperCase(),
  }));
}

/** WebCrypto's "normalize an algorithm" for "generateKey", as far as it decides the outcome here. */
function normalizeKeygenAlgorithm(keygenAlgorithm) {
  const algorithm = isObject(keygenAlgorithm) ? keygenAlgorithm : { name: toDOMString(keygenAlgorithm, 'algorithm') };
  if (algorithm.name === undefined) throw new TypeError("generateCertificate: the algorithm has no 'name'");
  const name = toDOMString(algorithm.name, 'algorithm name');
  const registered = GENERATE_KEY_ALGORITHMS.find((known) => known.toLowerCase() === name.toLowerCase());
  if (registered === undefined) {
    throw domError('NotSupportedError', `generateCertificate: unrecognised algorithm '${name}'`);
  }
  if (registered === 'ECDSA') {
    if (algorithm.namedCurve === undefined) {
      throw new TypeError("generateCertificate: ECDSA needs a 'namedCurve'");
    }
    return { name: registered, namedCurve: toDOMString(algorithm.namedCurve, 'namedCurve') };
  }
  if (registered === 'RSASSA-PKCS1-v1_5' || registered === 'RSA-PSS' || registered === 'RSA-OAEP') {
    for (const member of ['hash', 'modulusLength', 'publicExponent']) {
      if (algorithm[member] === undefined) {
        throw new TypeError(`generateCertificate: ${registered} needs a '${member}'`);
      }
    }
  }
  return { name: registered };
}

/** The static RTCPeerConnection.generateCertificate(keygenAlgorithm). */
export function generateCertificate(keygenAlgorithm) {
  let expires = DEFAULT_EXPIRES_MS;
  try {
    if (arguments.length < 1) throw new TypeError('generateCertificate: 1 argument required, but only 0 present');
    if (isObject(keygenAlgorithm)) {
      const expiration = toDictionary(keygenAlgorithm, 'RTCCertificateExpiration');
      if (expiration.expires !== undefined) {
        expires = toEnforcedInteger(expiration.expires, 0, MAX_UNSIGNED_LONG_LONG, 'expires');
      }
    }
    expires = Math.min(expires, MAX_EXPIRES_MS);
    const normalized = normalizeKeygenAlgorithm(keygenAlgorithm);
    // The core makes ECDSA P-256 certificates only (the default of every browser).
    if (normalized.name !== 'ECDSA' || normalized.namedCurve !== 'P-256') {
      const what = normalized.namedCurve === undefined ? normalized.name : `${normalized.name} ${normalized.namedCurve}`;
      throw domError('NotSupportedError', `generateCertificate: ${what} certificates are not supported (ECDSA P-256 is)`);
    }
  } catch (error) {
    return Promise.reject(error);
  }
  return new Promise((resolve, reject) => {
    whenCoreReady(
      (core) =>
        queueTask(() => {
          let certificate;
          try {
            const generated = core.generateCertificate(expires);
            certificate = certificateFromCore(generated);
            // Nothing signs with the key (there is no DTLS here): the copy is all we need.
            generated.free();
          } catch (error) {
            reject(fromCore(error));
            return;
          }
          resolve(certificate);
        }),
      reject,
    );
  });
}
