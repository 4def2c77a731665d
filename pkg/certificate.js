// @ts-check
// RTCCertificate and RTCPeerConnection.generateCertificate().
//
// Where WebCrypto is present (secure browser contexts, workers, Node ≥ 20) it makes the key pair
// and signs, and the core only writes the certificate around the exported public key: faster than
// signing in wasm, and RSA costs the bundle nothing; in Node, ECDSA P-256 keys come from
// node:crypto instead (nodecrypto.js), synchronously and four times cheaper. Without WebCrypto (an
// http: page) the core makes ECDSA P-256 certificates by itself, and RSA is NotSupportedError. No
// private key is kept: with no DTLS here, nothing signs again. The SHA-256 fingerprint of a
// certificate around WebCrypto's or Node's key is the platform's digest too, so that the core's
// session parts need no SHA-256 of their own; the ECDSA part hashes its certificates itself.

import { fromCore, loadCore, loadedCore, whenCoreReady, whenEcdsaReady } from './core.js';
import { nodeP256Keys, nodeSha256Hex } from './nodecrypto.js';
import { queueTask } from './tasks.js';
import {
  domError,
  exposeInterface,
  illegalConstructor,
  isObject,
  MAX_UNSIGNED_LONG_LONG,
  MAX_UNSIGNED_SHORT,
  member,
  slotStore,
  toDOMString,
  toEnforcedInteger,
} from './webidl.js';

/** @typedef {import('./core.js').Core} Core */
/** @template T @typedef {import('./webidl.js').Conversion<T>} Conversion */

/**
 * A certificate fingerprint: `value` in colon hex, lowercase as getFingerprints() gives it, or
 * uppercase in SDP form (sdpFingerprints).
 * @typedef {{algorithm: string, value: string}} Fingerprint
 */

/**
 * An RTCCertificate's internal slots.
 * @typedef {{expires: number, fingerprints: Fingerprint[], der: Uint8Array}} CertificateSlots
 */

const DAY_MS = 86_400_000;
/** webrtc-pc: the default lifetime of a generated certificate. */
export const DEFAULT_EXPIRES_MS = 30 * DAY_MS;
/** webrtc-pc: the longest lifetime a generated certificate may have. */
const MAX_EXPIRES_MS = 365 * DAY_MS;
const MAX_UNSIGNED_LONG = 0xffff_ffff;

/** @type {import('./webidl.js').SlotStore<CertificateSlots>} */
const certificates = slotStore();
// Only we construct certificates: the constructor demands this token.
const CONSTRUCT = Symbol('RTCCertificate');

export class RTCCertificate {
  /**
   * @param {symbol} [token]
   * @param {number} [expires]
   * @param {Fingerprint[]} [fingerprints]
   * @param {Uint8Array} [der]
   */
  constructor(token = undefined, expires = 0, fingerprints = [], der = new Uint8Array()) {
    if (token !== CONSTRUCT) throw illegalConstructor();
    certificates.set(this, { expires, fingerprints, der });
  }

  /** When the certificate expires (its notAfter), in milliseconds since the epoch. */
  get expires() {
    return certificates.of(this).expires;
  }

  /** [{algorithm: 'sha-256', value: lowercase colon hex}], fresh objects on each call. */
  getFingerprints() {
    return certificates.of(this).fingerprints.map(({ algorithm, value }) => ({ algorithm, value }));
  }
}
exposeInterface(RTCCertificate, 'RTCCertificate');

/**
 * @param {unknown} value
 * @returns {value is RTCCertificate}
 */
export function isCertificate(value) {
  return certificates.has(value);
}

/**
 * An RTCCertificate: its DER, SHA-256 fingerprint (lowercase colon hex) and expiry.
 * @param {import('./wasm/rtc_offer_polyfill_ecdsa.js').CertificateParts} parts
 */
function certificateOf([der, sha256Fingerprint, expires]) {
  return new RTCCertificate(CONSTRUCT, expires, [{ algorithm: 'sha-256', value: sha256Fingerprint }], der);
}

/**
 * The fingerprints as the core takes them: SDP form, upper-case hex.
 * @param {RTCCertificate} certificate
 * @returns {Fingerprint[]}
 */
export function sdpFingerprints(certificate) {
  return certificates.of(certificate).fingerprints.map(({ algorithm, value }) => ({
    algorithm,
    value: value.toUpperCase(),
  }));
}

/**
 * A copy of the certificate's DER: for tests and tools, not part of the package's API.
 * @param {RTCCertificate} certificate
 */
export function certificateDer(certificate) {
  return certificates.of(certificate).der.slice();
}

// ---------------------------------------------------------------------------------------------
// WebCrypto's "normalize an algorithm" for "generateKey", as generateCertificate needs it.

const typedArrayTag = /** @type {(this: unknown) => string | undefined} */ (
  /** @type {PropertyDescriptor} */ (
    Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), Symbol.toStringTag)
  ).get
);

/**
 * WebCrypto's BigInteger: a Uint8Array (brand-checked, so one from another realm passes too).
 * @type {Conversion<Uint8Array>}
 */
function toBigInteger(value, what) {
  if (typedArrayTag.call(value) !== 'Uint8Array') throw new TypeError(`${what}: not a Uint8Array`);
  return /** @type {Uint8Array} */ (value);
}

const DIGESTS = ['SHA-1', 'SHA-256', 'SHA-384', 'SHA-512'];

/**
 * A HashAlgorithmIdentifier, normalized for "digest" as WebCrypto does inside generateKey.
 * @type {Conversion<string>}
 */
function toHashName(value, what) {
  const name = algorithmName(value, what);
  const digest = DIGESTS.find((known) => known.toLowerCase() === name.toLowerCase());
  if (digest === undefined) throw domError('NotSupportedError', `generateCertificate: ${what}: unrecognised hash '${name}'`);
  return digest;
}

/**
 * A parameter dictionary's members: name, conversion, and whether it is required.
 * @typedef {[string, Conversion<unknown>, boolean][]} KeyGenParams
 */

/**
 * What normalizeKeygenAlgorithm gives: the registered name and the converted members of its
 * parameter dictionary (see GENERATE_KEY_PARAMS).
 * @typedef {{name: 'RSASSA-PKCS1-v1_5' | 'RSA-PSS' | 'RSA-OAEP', modulusLength: number, publicExponent: Uint8Array,
 *     hash: string}
 *   | {name: 'ECDSA' | 'ECDH', namedCurve: string}
 *   | {name: 'Ed25519' | 'X25519'}
 *   | {name: 'AES-CTR' | 'AES-CBC' | 'AES-GCM' | 'AES-KW', length: number}
 *   | {name: 'HMAC', hash: string, length?: number}} NormalizedAlgorithm
 */

/** @type {KeyGenParams} */
const rsaHashedKeyGenParams = [
  ['modulusLength', (v, w) => toEnforcedInteger(v, 0, MAX_UNSIGNED_LONG, w), true],
  ['publicExponent', toBigInteger, true],
  ['hash', toHashName, true],
];
/** @type {KeyGenParams} */
const ecKeyGenParams = [['namedCurve', toDOMString, true]];
/** @type {KeyGenParams} */
const aesKeyGenParams = [['length', (v, w) => toEnforcedInteger(v, 0, MAX_UNSIGNED_SHORT, w), true]];

// Each algorithm WebCrypto registers for generateKey with the members of its parameter
// dictionary in WebIDL order (inherited first, then lexicographic): any other name is
// NotSupportedError, a missing required member a TypeError.
/** @type {Record<NormalizedAlgorithm['name'], KeyGenParams>} */
const GENERATE_KEY_PARAMS = {
  'RSASSA-PKCS1-v1_5': rsaHashedKeyGenParams,
  'RSA-PSS': rsaHashedKeyGenParams,
  'RSA-OAEP': rsaHashedKeyGenParams,
  ECDSA: ecKeyGenParams,
  ECDH: ecKeyGenParams,
  Ed25519: [],
  X25519: [],
  'AES-CTR': aesKeyGenParams,
  'AES-CBC': aesKeyGenParams,
  'AES-GCM': aesKeyGenParams,
  'AES-KW': aesKeyGenParams,
  HMAC: [
    ['hash', toHashName, true],
    ['length', (v, w) => toEnforcedInteger(v, 0, MAX_UNSIGNED_LONG, w), false],
  ],
};

/**
 * The registered names by their lower-case form, which names match (case-insensitively).
 * @type {Map<string, NormalizedAlgorithm['name']>}
 */
const REGISTERED_NAMES = new Map(
  /** @type {NormalizedAlgorithm['name'][]} */ (Object.keys(GENERATE_KEY_PARAMS)).map((name) => [name.toLowerCase(), name]),
);

/**
 * An AlgorithmIdentifier's name: a string is the name; an object must have one.
 * @type {Conversion<string>}
 */
function algorithmName(algorithm, what) {
  if (!isObject(algorithm)) return toDOMString(algorithm, what);
  const name = algorithm.name;
  if (name === undefined) throw new TypeError(`generateCertificate: ${what} has no 'name'`);
  return toDOMString(name, `${what}.name`);
}

/**
 * @param {unknown} keygenAlgorithm
 * @returns {NormalizedAlgorithm}
 */
function normalizeKeygenAlgorithm(keygenAlgorithm) {
  const name = algorithmName(keygenAlgorithm, 'the algorithm');
  const registered = REGISTERED_NAMES.get(name.toLowerCase());
  if (registered === undefined) {
    throw domError('NotSupportedError', `generateCertificate: unrecognised algorithm '${name}'`);
  }
  const dictionary = isObject(keygenAlgorithm) ? keygenAlgorithm : {};
  /** @type {Record<string, unknown>} */
  const normalized = { name: registered };
  for (const [key, convert, required] of GENERATE_KEY_PARAMS[registered]) {
    const value = dictionary[key];
    if (value !== undefined) normalized[key] = convert(value, key);
    else if (required) throw new TypeError(`generateCertificate: ${registered} needs '${key}'`);
  }
  // The members GENERATE_KEY_PARAMS lists for the name are there, converted.
  return /** @type {NormalizedAlgorithm} */ (normalized);
}

// ---------------------------------------------------------------------------------------------
// The certificates we make, and how WebCrypto makes their keys.

/**
 * A kind of certificate we make: what WebCrypto makes its key and signs with.
 * @typedef {object} CertificateKind
 * @property {string} what Its name in error messages.
 * @property {EcKeyGenParams | RsaHashedKeyGenParams} keygen
 * @property {EcdsaParams | Algorithm} sign
 */

/** @type {CertificateKind} */
const ECDSA_P256 = {
  what: 'ECDSA P-256',
  keygen: { name: 'ECDSA', namedCurve: 'P-256' },
  sign: { name: 'ECDSA', hash: 'SHA-256' },
};

/**
 * @param {number} modulusLength
 * @returns {CertificateKind}
 */
function rsa(modulusLength) {
  return {
    what: 'RSA',
    keygen: { name: 'RSASSA-PKCS1-v1_5', modulusLength, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
    sign: { name: 'RSASSA-PKCS1-v1_5' },
  };
}

/**
 * The public exponent's value, or NaN past 2^32 (big-endian; leading zeros allowed).
 * @param {Uint8Array} bytes
 */
function exponentValue(bytes) {
  let value = 0;
  for (const byte of bytes) value = value * 256 + byte;
  return value <= MAX_UNSIGNED_LONG ? value : NaN;
}

/**
 * Which certificate `algorithm` asks for, or NotSupportedError. Chromium's choices: ECDSA on
 * P-256 only; RSASSA-PKCS1-v1_5 with SHA-256 and exponent 65537 (Chromium takes any exponent
 * above the modulus length, but WebCrypto only makes 3 and 65537) and 1024 to 8192 bits (in
 * whole bytes, as WebCrypto needs them).
 * @param {NormalizedAlgorithm} algorithm
 * @returns {CertificateKind}
 */
function certificateKind(algorithm) {
  if (algorithm.name === 'ECDSA' && algorithm.namedCurve === 'P-256') return ECDSA_P256;
  if (
    algorithm.name === 'RSASSA-PKCS1-v1_5' &&
    algorithm.hash === 'SHA-256' &&
    exponentValue(algorithm.publicExponent) === 65537 &&
    algorithm.modulusLength >= 1024 &&
    algorithm.modulusLength <= 8192 &&
    algorithm.modulusLength % 8 === 0
  ) {
    return rsa(algorithm.modulusLength);
  }
  throw domError('NotSupportedError', `generateCertificate: ${algorithm.name} with these parameters is not supported`);
}

/**
 * The WebCrypto to use, looked up on each call: a page may provide or take it away.
 * @returns {SubtleCrypto | undefined}
 */
function webCrypto() {
  const subtle = globalThis.crypto?.subtle;
  return isObject(subtle) ? subtle : undefined;
}

/** @returns {Promise<Core>} */
function coreReady() {
  return new Promise((resolve, reject) => whenCoreReady(resolve, reject));
}

/**
 * @template T
 * @param {() => T} call
 * @returns {T}
 */
function callCore(call) {
  try {
    return call();
  } catch (error) {
    throw fromCore(error);
  }
}

/**
 * @param {string} what
 * @param {unknown} error
 */
function operationError(what, error) {
  const why = /** @type {{message?: unknown} | null | undefined} */ (error)?.message ?? error;
  return domError('OperationError', `generateCertificate: WebCrypto could not ${what}: ${why}`);
}

/**
 * The SHA-256 fingerprint of `der` as getFingerprints() gives it (lowercase colon hex): from
 * node:crypto, synchronously, where it is there, else from WebCrypto.
 * @param {SubtleCrypto} subtle
 * @param {Uint8Array<ArrayBuffer>} der
 */
async function sha256Fingerprint(subtle, der) {
  let hex = nodeSha256Hex(der);
  if (hex === null) {
    const digest = new Uint8Array(await subtle.digest('SHA-256', der));
    hex = Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
  }
  return hex.replace(/..(?!$)/g, '$&:');
}

/**
 * The certificate the core writes around a public key (`spki`, of `algorithm` as
 * unsignedCertificate names it), signed by `sign` over the TBSCertificate: WebCrypto's or Node's
 * key. Its fingerprint is the platform's SHA-256 of the DER the core returns.
 * @param {SubtleCrypto} subtle
 * @param {string} algorithm
 * @param {Uint8Array} spki
 * @param {number} expires
 * @param {(tbs: Uint8Array<ArrayBuffer>) => Uint8Array | Promise<Uint8Array>} sign
 */
async function certifiedKey(subtle, algorithm, spki, expires, sign) {
  const core = loadedCore() ?? (await coreReady());
  const unsigned = callCore(() => core.unsignedCertificate(algorithm, spki, expires));
  let signature;
  try {
    // wasm-bindgen copies the bytes out of wasm memory into an ArrayBuffer of their own.
    signature = await sign(/** @type {Uint8Array<ArrayBuffer>} */ (unsigned.tbs()));
  } catch (error) {
    unsigned.free();
    throw operationError('sign the certificate', error);
  }
  const [der, notAfter] = callCore(() => unsigned.sign(signature));
  let fingerprint;
  try {
    // As tbs(): the DER has an ArrayBuffer of its own.
    fingerprint = await sha256Fingerprint(subtle, /** @type {Uint8Array<ArrayBuffer>} */ (der));
  } catch (error) {
    throw operationError('hash the certificate', error);
  }
  return certificateOf([der, fingerprint, notAfter]);
}

/**
 * The key pair from WebCrypto, the certificate around its public key from the core.
 * @param {SubtleCrypto} subtle
 * @param {CertificateKind} kind
 * @param {number} expires
 */
async function webCryptoCertificate(subtle, kind, expires) {
  // The key is made while the core loads, if it still is.
  loadCore();
  let keys;
  try {
    keys = await subtle.generateKey(kind.keygen, false, ['sign']);
  } catch (error) {
    throw operationError(`make a ${kind.what} key`, error);
  }
  let spki;
  try {
    spki = new Uint8Array(await subtle.exportKey('spki', keys.publicKey));
  } catch (error) {
    throw operationError('export the public key', error);
  }
  return certifiedKey(subtle, kind.keygen.name, spki, expires, async (tbs) =>
    new Uint8Array(await subtle.sign(kind.sign, keys.privateKey, tbs)),
  );
}

/**
 * Settles as `promise` does, in a queued task: webrtc-pc settles generateCertificate's promise
 * from steps run in parallel, never within the calling task, and Chromium's WebCrypto settles
 * P-256 operations within microtasks (Node's a task later).
 * @template T
 * @param {Promise<T>} promise
 * @returns {Promise<T>}
 */
function settledInTask(promise) {
  return new Promise((resolve, reject) => {
    promise.then(
      (value) => queueTask(() => resolve(value)),
      (error) => queueTask(() => reject(error)),
    );
  });
}

/**
 * An ECDSA P-256 certificate made by the core's ECDSA part alone (loaded for this), for where
 * WebCrypto is missing.
 * @param {number} expires
 * @returns {Promise<RTCCertificate>}
 */
function ecdsaCertificate(expires) {
  return new Promise((resolve, reject) => {
    whenEcdsaReady((part) => {
      try {
        resolve(certificateOf(callCore(() => part.generateCertificate(expires))));
      } catch (error) {
        reject(error);
      }
    }, reject);
  });
}

/**
 * A certificate of `kind`: its key from WebCrypto (in Node, ECDSA P-256 from node:crypto, four
 * times cheaper), or without WebCrypto (an ECDSA P-256 one only) from the core's ECDSA part.
 * @param {CertificateKind} kind
 * @param {number} expires
 * @returns {Promise<RTCCertificate>}
 */
function makeCertificate(kind, expires) {
  const subtle = webCrypto();
  if (subtle === undefined) return ecdsaCertificate(expires);
  const keys = kind === ECDSA_P256 ? nodeP256Keys() : null;
  return keys !== null
    ? certifiedKey(subtle, 'ECDSA', keys.spki, expires, keys.sign)
    : webCryptoCertificate(subtle, kind, expires);
}

/**
 * The certificate a connection without configured ones uses, started by the constructor so that
 * it is ready or nearly by the first offer; the core's ECDSA part makes one if WebCrypto fails,
 * and null means none could be made.
 * @returns {Promise<RTCCertificate | null>}
 */
export function defaultCertificate() {
  return makeCertificate(ECDSA_P256, DEFAULT_EXPIRES_MS)
    .catch(() => ecdsaCertificate(DEFAULT_EXPIRES_MS))
    .catch(() => null);
}

/**
 * The certificate's DER in base64 (RTCCertificateStats.base64Certificate).
 * @param {RTCCertificate} certificate
 */
export function base64Certificate(certificate) {
  const der = certificates.of(certificate).der;
  let binary = '';
  for (const byte of der) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * The static RTCPeerConnection.generateCertificate(keygenAlgorithm).
 * @param {unknown} keygenAlgorithm
 * @returns {Promise<RTCCertificate>}
 */
export function generateCertificate(keygenAlgorithm) {
  let expires = DEFAULT_EXPIRES_MS;
  let kind;
  try {
    if (arguments.length < 1) throw new TypeError('generateCertificate: 1 argument required, but only 0 present');
    // webrtc-pc's order: the RTCCertificateExpiration conversion, then the algorithm's.
    if (isObject(keygenAlgorithm)) {
      expires = member(keygenAlgorithm, 'expires', (v, w) => toEnforcedInteger(v, 0, MAX_UNSIGNED_LONG_LONG, w), expires);
    }
    expires = Math.min(expires, MAX_EXPIRES_MS);
    kind = certificateKind(normalizeKeygenAlgorithm(keygenAlgorithm));
  } catch (error) {
    return Promise.reject(error);
  }
  if (kind !== ECDSA_P256 && webCrypto() === undefined) {
    return Promise.reject(
      domError('NotSupportedError', `generateCertificate: ${kind.what} certificates need WebCrypto (crypto.subtle), which is missing here`),
    );
  }
  return settledInTask(makeCertificate(kind, expires));
}
