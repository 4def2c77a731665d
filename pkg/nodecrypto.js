// @ts-check
// ECDSA P-256 key pairs from Node's own crypto, synchronously: about 80 µs a certificate's keys
// and signature, where Node's WebCrypto takes 300–400 µs of CPU across three thread-pool round
// trips. What load generators making thousands of connections a second need. Elsewhere (browsers,
// or Node before 20.16) certificate.js uses WebCrypto.

import { builtinModule } from './core.js';

/**
 * What is used of node:crypto.
 * @typedef {{
 *   generateKeyPairSync(type: 'ec', options: {namedCurve: string}): {publicKey: {export(options: {format: 'jwk'}): {x?: string, y?: string}}, privateKey: object},
 *   sign(algorithm: string, data: Uint8Array, key: {key: object, dsaEncoding: string}): Uint8Array,
 * }} NodeCrypto
 */

/** @type {NodeCrypto | null} */
const nodeCrypto = builtinModule('node:crypto') ?? null;

/** The DER prefix of a P-256 SubjectPublicKeyInfo (RFC 5480) up to the uncompressed point. */
const P256_SPKI_PREFIX = [
  0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce,
  0x3d, 0x03, 0x01, 0x07, 0x03, 0x42, 0x00, 0x04,
];

/** @param {string} base64url */
function bytes(base64url) {
  return Uint8Array.from(atob(base64url.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
}

/**
 * A fresh P-256 key pair from node:crypto, where it has loaded: its public key as SPKI DER, and
 * signing (ECDSA with SHA-256, r‖s as WebCrypto gives it). Null elsewhere or if Node refuses.
 * @returns {{spki: Uint8Array, sign(data: Uint8Array): Uint8Array} | null}
 */
export function nodeP256Keys() {
  if (nodeCrypto === null) return null;
  const crypto = nodeCrypto;
  try {
    const { publicKey, privateKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const { x, y } = publicKey.export({ format: 'jwk' });
    if (x === undefined || y === undefined) return null;
    const spki = new Uint8Array([...P256_SPKI_PREFIX, ...bytes(x), ...bytes(y)]);
    return { spki, sign: (data) => crypto.sign('sha256', data, { key: privateKey, dsaEncoding: 'ieee-p1363' }) };
  } catch {
    return null;
  }
}
