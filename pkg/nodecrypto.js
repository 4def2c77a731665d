// @ts-check
// ECDSA P-256 key pairs from Node's own crypto, synchronously: about 170 µs for a certificate's
// keys and signature, where Node's WebCrypto takes 300–400 µs of CPU across three thread-pool
// round trips. What load generators making thousands of connections a second need. Elsewhere
// (browsers, or Node before 20.16) certificate.js uses WebCrypto. Certificates' SHA-256
// fingerprints come from here too in Node, synchronously, where WebCrypto's digest is a thread-pool
// round trip.
//
// The key pair comes from createECDH, not generateKeyPairSync: in Node 20, exporting a key that
// generateKeyPairSync made can deadlock when a garbage collection runs during the export (the key
// generation job's destructor waits on the key's lock, which the export holds).

import { builtinModule } from './core.js';

/**
 * Bytes Node gives (a Buffer).
 * @typedef {ArrayLike<number> & {toString(encoding: 'base64url'): string, subarray(start?: number, end?: number): NodeBytes}} NodeBytes
 */

/** An ECDH object of node:crypto. @typedef {{generateKeys(): NodeBytes, getPrivateKey(): NodeBytes}} NodeEcdh */

/**
 * What is used of node:crypto.
 * @typedef {{
 *   createECDH(curve: string): NodeEcdh,
 *   sign(algorithm: string, data: Uint8Array, key: {key: object, format: 'jwk', dsaEncoding: string}): Uint8Array,
 *   hash?: (algorithm: 'sha256', data: Uint8Array, outputEncoding: 'hex') => string,
 *   createHash(algorithm: 'sha256'): {update(data: Uint8Array): {digest(encoding: 'hex'): string}},
 * }} NodeCrypto
 */

/** @type {NodeCrypto | null} */
const nodeCrypto = builtinModule('node:crypto') ?? null;

/** The DER prefix of a P-256 SubjectPublicKeyInfo (RFC 5480) up to the uncompressed point (04‖x‖y). */
const P256_SPKI_PREFIX = [
  0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce,
  0x3d, 0x03, 0x01, 0x07, 0x03, 0x42, 0x00,
];

/**
 * The one ECDH object every key pair comes from: each generateKeys() draws a new pair, and
 * making the object (its curve group) costs about as much as the draw.
 * @type {NodeEcdh | null}
 */
let ecdh = null;

/**
 * A fresh P-256 key pair from node:crypto, where it has loaded: its public key as SPKI DER, and
 * signing (ECDSA with SHA-256, r‖s as WebCrypto gives it). Null elsewhere or if Node refuses.
 * @returns {{spki: Uint8Array, sign(data: Uint8Array): Uint8Array} | null}
 */
export function nodeP256Keys() {
  if (nodeCrypto === null) return null;
  const crypto = nodeCrypto;
  try {
    ecdh ??= crypto.createECDH('prime256v1');
    const point = ecdh.generateKeys();
    const jwk = {
      kty: 'EC',
      crv: 'P-256',
      d: ecdh.getPrivateKey().toString('base64url'),
      x: point.subarray(1, 33).toString('base64url'),
      y: point.subarray(33).toString('base64url'),
    };
    const spki = new Uint8Array(P256_SPKI_PREFIX.length + point.length);
    spki.set(P256_SPKI_PREFIX);
    spki.set(point, P256_SPKI_PREFIX.length);
    return { spki, sign: (data) => crypto.sign('sha256', data, { key: jwk, format: 'jwk', dsaEncoding: 'ieee-p1363' }) };
  } catch {
    return null;
  }
}

/**
 * The SHA-256 digest of `data` in lowercase hex from node:crypto where it has loaded, else null:
 * its one-shot hash() where there is one (Node ≥ 20.12), no Hash object to make and collect.
 * @param {Uint8Array} data
 * @returns {string | null}
 */
export function nodeSha256Hex(data) {
  if (nodeCrypto === null) return null;
  return typeof nodeCrypto.hash === 'function'
    ? nodeCrypto.hash('sha256', data, 'hex')
    : nodeCrypto.createHash('sha256').update(data).digest('hex');
}
