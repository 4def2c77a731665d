// RTCPeerConnection.generateCertificate() and RTCCertificate, on its paths in Node: node:crypto's
// ECDSA P-256 keys, WebCrypto's RSA keys and, with crypto.subtle hidden, the core's own ECDSA P-256
// (tests/browser/certificate.test.js covers WebCrypto's ECDSA P-256).
// Certificates are checked with Node's X509Certificate (OpenSSL) and the openssl command. Their
// fingerprints come from node:crypto's SHA-256 in the glue, or from the ECDSA part itself.

import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { RTCCertificate, RTCPeerConnection } from '../../pkg/index.js';
import { certificateDer } from '../../pkg/certificate.js';
import { linesStarting, rejection, watch } from './helpers.js';

const DAY_MS = 86_400_000;
const P256 = { name: 'ECDSA', namedCurve: 'P-256' };
const RSA_2048 = {
  name: 'RSASSA-PKCS1-v1_5',
  modulusLength: 2048,
  publicExponent: new Uint8Array([1, 0, 1]),
  hash: 'SHA-256',
};
// Quicker to make than 2048 bits, and still what Chromium accepts.
const RSA_1024 = { ...RSA_2048, modulusLength: 1024 };

const generate = (...args) => RTCPeerConnection.generateCertificate(...args);

/** The error's DOMException name, or its constructor's name; fails if `promise` fulfils. */
async function outcome(promise) {
  const error = await rejection(promise);
  return error instanceof DOMException ? error.name : error.constructor.name;
}

/** The SHA-256 of `der` in colon hex, lowercase as getFingerprints() has it. */
const sha256Hex = (der) => createHash('sha256').update(der).digest('hex').match(/../g).join(':');

/** The certificate as OpenSSL reads it, checked against what RTCCertificate says of it. */
function x509Of(certificate) {
  const der = certificateDer(certificate);
  const x509 = new X509Certificate(der);
  const digest = sha256Hex(der);
  assert.deepEqual(certificate.getFingerprints(), [{ algorithm: 'sha-256', value: digest }]);
  assert.equal(x509.fingerprint256, digest.toUpperCase());
  assert.equal(certificate.expires, Date.parse(x509.validTo), 'expires is the notAfter');
  assert.equal(x509.subject, 'CN=WebRTC');
  assert.equal(x509.issuer, 'CN=WebRTC');
  assert.ok(x509.verify(x509.publicKey), 'the self-signature verifies');
  return x509;
}

function opensslText(certificate) {
  return execFileSync('openssl', ['x509', '-inform', 'DER', '-noout', '-text'], {
    input: certificateDer(certificate),
  }).toString();
}

/** Records the WebCrypto calls generateCertificate makes (Node's crypto.subtle is an instance). */
function spyOnSubtle() {
  const calls = [];
  const subtle = globalThis.crypto.subtle;
  const names = ['generateKey', 'exportKey', 'sign', 'digest'];
  for (const name of names) {
    const original = subtle[name];
    subtle[name] = async function (...args) {
      const result = await original.apply(this, args);
      calls.push({ name, args, result });
      return result;
    };
  }
  return { calls, restore: () => names.forEach((name) => delete subtle[name]) };
}

/** Runs `body` with crypto.subtle gone, as in an http: page. */
async function withoutWebCrypto(body) {
  Object.defineProperty(globalThis.crypto, 'subtle', { value: undefined, configurable: true });
  try {
    return await body();
  } finally {
    delete globalThis.crypto.subtle;
  }
}

describe('with WebCrypto', () => {
  test('ECDSA P-256 in Node: node:crypto makes the key pair (no WebCrypto call), which signs the certificate, and hashes it', async () => {
    const spy = spyOnSubtle();
    let certificate;
    let other;
    try {
      certificate = await generate(P256);
      other = await new Promise((resolve) => {
        const pc = new RTCPeerConnection();
        setImmediate(() => resolve(pc));
      });
    } finally {
      spy.restore();
    }
    assert.deepEqual(spy.calls, [], 'neither generateCertificate nor a connection’s default certificate used WebCrypto');
    const x509 = x509Of(certificate);
    assert.equal(x509.publicKey.asymmetricKeyType, 'ec');
    assert.equal(x509.publicKey.asymmetricKeyDetails.namedCurve, 'prime256v1');
    assert.match(opensslText(certificate), /Signature Algorithm: ecdsa-with-SHA256/);
    const offer = await other.createOffer({ offerToReceiveAudio: true });
    other.close();
    assert.notDeepEqual(linesStarting(offer.sdp, 'a=fingerprint:'), [
      `a=fingerprint:sha-256 ${certificate.getFingerprints()[0].value.toUpperCase()}`,
    ]);
  });

  test('RSASSA-PKCS1-v1_5 2048 bits, exponent 65537, SHA-256: as webrtc-pc requires', async () => {
    const spy = spyOnSubtle();
    let certificate;
    try {
      certificate = await generate(RSA_2048);
    } finally {
      spy.restore();
    }
    assert.deepEqual(
      spy.calls.map(({ name }) => name),
      ['generateKey', 'exportKey', 'sign'],
      'WebCrypto signs; node:crypto hashes',
    );
    assert.ok(certificate instanceof RTCCertificate);
    const x509 = x509Of(certificate);
    assert.equal(x509.publicKey.asymmetricKeyType, 'rsa');
    assert.deepEqual(x509.publicKey.asymmetricKeyDetails, { modulusLength: 2048, publicExponent: 65537n });
    const text = opensslText(certificate);
    assert.match(text, /Signature Algorithm: sha256WithRSAEncryption/);
    assert.match(text, /Public-Key: \(2048 bit\)/);
    assert.match(text, /Not After : .* GMT/);
  });

  test('RSA: other sizes Chromium takes, and the parameter forms WebCrypto normalizes', async () => {
    const spy = spyOnSubtle();
    try {
      for (const algorithm of [
        RSA_1024,
        { ...RSA_1024, name: 'rsassa-pkcs1-V1_5', hash: { name: 'sha-256' } },
        { ...RSA_1024, publicExponent: new Uint8Array([0, 1, 0, 1]) },
        { ...RSA_1024, modulusLength: '1024' },
      ]) {
        const x509 = x509Of(await generate(algorithm));
        assert.deepEqual(x509.publicKey.asymmetricKeyDetails, { modulusLength: 1024, publicExponent: 65537n });
      }
    } finally {
      spy.restore();
    }
    // What WebCrypto was asked for is always the canonical form.
    for (const { args } of spy.calls.filter(({ name }) => name === 'generateKey')) {
      assert.deepEqual(args, [
        { name: 'RSASSA-PKCS1-v1_5', modulusLength: 1024, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
        false,
        ['sign'],
      ]);
    }
  });

  test('RSA parameters Chromium does not take are NotSupportedError; malformed ones TypeError', async () => {
    for (const [algorithm, expected] of [
      [{ ...RSA_2048, hash: 'SHA-1' }, 'NotSupportedError'],
      [{ ...RSA_2048, hash: 'SHA-384' }, 'NotSupportedError'],
      [{ ...RSA_2048, hash: 'banana' }, 'NotSupportedError'],
      [{ ...RSA_2048, publicExponent: new Uint8Array([3]) }, 'NotSupportedError'],
      [{ ...RSA_2048, publicExponent: new Uint8Array([1, 0, 0, 0, 0, 1]) }, 'NotSupportedError'],
      [{ ...RSA_2048, modulusLength: 1016 }, 'NotSupportedError'],
      [{ ...RSA_2048, modulusLength: 8200 }, 'NotSupportedError'],
      [{ ...RSA_2048, modulusLength: 2047 }, 'NotSupportedError'],
      [{ ...RSA_2048, name: 'RSA-PSS' }, 'NotSupportedError'],
      [{ ...RSA_2048, name: 'RSA-OAEP' }, 'NotSupportedError'],
      [{ ...RSA_2048, publicExponent: [1, 0, 1] }, 'TypeError'],
      [{ ...RSA_2048, publicExponent: new Uint16Array([1]) }, 'TypeError'],
      [{ ...RSA_2048, modulusLength: -1 }, 'TypeError'],
      [{ ...RSA_2048, modulusLength: 2 ** 32 }, 'TypeError'],
      [{ ...RSA_2048, hash: undefined }, 'TypeError'],
      [{ ...RSA_2048, hash: {} }, 'TypeError'],
      [{ ...RSA_2048, modulusLength: undefined }, 'TypeError'],
      [{ name: 'RSA-PSS' }, 'TypeError'],
      ['RSASSA-PKCS1-v1_5', 'TypeError'],
    ]) {
      assert.equal(await outcome(generate(algorithm)), expected, JSON.stringify(algorithm));
    }
  });

  test('WebCrypto failures reject with OperationError', async () => {
    const subtle = globalThis.crypto.subtle;
    for (const name of ['generateKey', 'exportKey', 'sign']) {
      subtle[name] = () => Promise.reject(new DOMException('no', 'OperationError'));
      try {
        const error = await rejection(generate(RSA_1024));
        assert.ok(error instanceof DOMException);
        assert.equal(error.name, 'OperationError', name);
        assert.match(error.message, /WebCrypto could not/);
      } finally {
        delete subtle[name];
      }
    }
    // The next one works.
    x509Of(await generate(RSA_1024));
  });
});

describe('without WebCrypto (crypto.subtle hidden, as in an http: page)', () => {
  test('ECDSA P-256 certificates come from the core, valid as WebCrypto’s', () =>
    withoutWebCrypto(async () => {
      assert.equal(globalThis.crypto.subtle, undefined);
      const certificate = await generate(P256);
      const x509 = x509Of(certificate);
      assert.equal(x509.publicKey.asymmetricKeyDetails.namedCurve, 'prime256v1');
      assert.match(opensslText(certificate), /Signature Algorithm: ecdsa-with-SHA256/);
      const other = await generate({ ...P256, expires: 3_600_000 });
      assert.notEqual(other.getFingerprints()[0].value, certificate.getFingerprints()[0].value);
      assert.ok(Math.abs(other.expires - (Date.now() + 3_600_000)) < 2000);
    }));

  test('RSA is NotSupportedError; argument errors stay what they are', () =>
    withoutWebCrypto(async () => {
      const error = await rejection(generate(RSA_2048));
      assert.ok(error instanceof DOMException);
      assert.equal(error.name, 'NotSupportedError');
      assert.match(error.message, /WebCrypto/);
      assert.equal(await outcome(generate({ ...RSA_2048, modulusLength: undefined })), 'TypeError');
      assert.equal(await outcome(generate({ ...P256, expires: -1 })), 'TypeError');
      assert.equal(await outcome(generate({ name: 'ECDSA', namedCurve: 'P-384' })), 'NotSupportedError');
    }));

  test('resolves in a queued task', () =>
    withoutWebCrypto(async () => {
      await generate(P256);
      const pending = watch(generate(P256));
      for (let i = 0; i < 100; i += 1) await null;
      assert.equal(pending.state(), 'pending');
      await new Promise((resolve) => setImmediate(resolve));
      await new Promise((resolve) => setImmediate(resolve));
      assert.equal(pending.state(), 'fulfilled');
    }));
});

test('an RTCCertificate: 30 days by default, whole seconds, one SHA-256 fingerprint', async () => {
  const before = Date.now();
  const certificate = await generate(P256);
  const after = Date.now();
  assert.ok(certificate instanceof RTCCertificate);
  assert.equal(Object.prototype.toString.call(certificate), '[object RTCCertificate]');
  assert.equal(certificate.expires % 1000, 0, 'X.509 (and Chromium) have whole seconds');
  assert.ok(certificate.expires > before + 30 * DAY_MS - 1000 && certificate.expires <= after + 30 * DAY_MS);
  const fingerprints = certificate.getFingerprints();
  assert.deepEqual(Object.keys(fingerprints[0]), ['algorithm', 'value']);
  assert.match(fingerprints[0].value, /^[0-9a-f]{2}(:[0-9a-f]{2}){31}$/);
  assert.notEqual(certificate.getFingerprints(), fingerprints, 'a fresh array each call');
  assert.notEqual(certificate.getFingerprints()[0], fingerprints[0], 'fresh dictionaries each call');
  const other = await generate({ name: 'ecdsa', namedCurve: 'P-256' });
  assert.notEqual(other.getFingerprints()[0].value, fingerprints[0].value, 'a new key each time');
});

test('generateCertificate resolves after the calling task', async () => {
  const pending = watch(generate(P256));
  for (let i = 0; i < 100; i += 1) await null;
  assert.equal(pending.state(), 'pending');
  await pending;
});

test('expires: honoured, capped at 365 days, 0 gives an expired certificate', async () => {
  const start = Date.now();
  const twoSeconds = await generate({ ...P256, expires: 2000 });
  assert.ok(Math.abs(twoSeconds.expires - (start + 2000)) <= 1000, 'WPT: within a second');
  const capped = await generate({ ...P256, expires: 400 * DAY_MS });
  assert.ok(Math.abs(capped.expires - (Date.now() + 365 * DAY_MS)) < 2000);
  const expired = await generate({ ...P256, expires: 0 });
  assert.ok(expired.expires < Date.now(), 'WPT: strictly in the past');
  const rsaExpired = await generate({ ...RSA_1024, expires: 0 });
  assert.ok(rsaExpired.expires < Date.now());
  // WebIDL converts before [EnforceRange]: null is 0, a numeric string its number (Chromium
  // rejects non-numbers instead), a fraction is truncated.
  assert.ok((await generate({ ...P256, expires: null })).expires < Date.now());
  const fromString = await generate({ ...P256, expires: '3600000' });
  assert.ok(Math.abs(fromString.expires - (Date.now() + 3_600_000)) < 2000);
  x509Of(await generate({ ...P256, expires: 1999.9 }));
});

test('expires: [EnforceRange] unsigned long long errors are TypeErrors, before the algorithm is looked at', async () => {
  for (const expires of [-1, NaN, Infinity, -Infinity, 2 ** 53, 2 ** 64, 'invalid', 5n, {}, Symbol('s')]) {
    assert.equal(await outcome(generate({ ...P256, expires })), 'TypeError', String(expires));
    assert.equal(await outcome(generate({ name: 'banana', expires })), 'TypeError', String(expires));
  }
  const order = [];
  const proxy = new Proxy(
    { ...P256, expires: 1000 },
    {
      get(target, key) {
        order.push(key);
        return target[key];
      },
    },
  );
  await generate(proxy);
  assert.deepEqual(order, ['expires', 'name', 'namedCurve']);
});

test('algorithms: what WebCrypto normalization and Chromium make of them', async () => {
  for (const [args, expected] of [
    [[{ name: 'ECDSA', namedCurve: 'P-384' }], 'NotSupportedError'],
    [[{ name: 'ECDSA', namedCurve: 'P-521' }], 'NotSupportedError'],
    [[{ name: 'ECDSA', namedCurve: 'p-256' }], 'NotSupportedError'],
    [[{ name: 'ECDH', namedCurve: 'P-256' }], 'NotSupportedError'],
    [[{ name: 'Ed25519' }], 'NotSupportedError'],
    [['Ed25519'], 'NotSupportedError'],
    [['X25519'], 'NotSupportedError'],
    [[{ name: 'AES-GCM', length: 128 }], 'NotSupportedError'],
    [[{ name: 'HMAC', hash: 'SHA-256' }], 'NotSupportedError'],
    [['SHA-256'], 'NotSupportedError'],
    [['banana'], 'NotSupportedError'],
    [[{ name: 'banana' }], 'NotSupportedError'],
    [[null], 'NotSupportedError'],
    [[undefined], 'NotSupportedError'],
    [[5], 'NotSupportedError'],
    [['ECDSA'], 'TypeError'],
    [[{ name: 'ECDSA' }], 'TypeError'],
    [['AES-GCM'], 'TypeError'],
    [[{ name: 'AES-GCM', length: 2 ** 16 }], 'TypeError'],
    [[{ name: 'HMAC' }], 'TypeError'],
    [[{ namedCurve: 'P-256' }], 'TypeError'],
    [[{ name: Symbol('ECDSA') }], 'TypeError'],
    [[], 'TypeError'],
  ]) {
    assert.equal(await outcome(generate(...args)), expected, String(args.map((a) => JSON.stringify(a))));
  }
  // Members ECDSA has no use for are ignored; names match case-insensitively.
  x509Of(await generate({ name: 'eCdSa', namedCurve: 'P-256', hash: 'SHA-384', modulusLength: 5 }));
  assert.equal(RTCPeerConnection.generateCertificate.length, 1);
});

test('argument errors reject, never throw', async () => {
  const promises = [generate(), generate('banana'), generate({ ...P256, expires: -1 })];
  for (const promise of promises) assert.ok(promise instanceof Promise);
  for (const result of await Promise.allSettled(promises)) assert.equal(result.status, 'rejected');
});

test('RTCCertificate cannot be constructed by script; its members check `this`', () => {
  assert.throws(() => new RTCCertificate(), { name: 'TypeError', message: 'Illegal constructor' });
  assert.throws(() => Object.getOwnPropertyDescriptor(RTCCertificate.prototype, 'expires').get.call({}), TypeError);
  assert.throws(() => RTCCertificate.prototype.getFingerprints.call({}), TypeError);
  assert.deepEqual(Object.getOwnPropertyNames(RTCCertificate.prototype).sort(), ['constructor', 'expires', 'getFingerprints']);
});

/**
 * The default certificate of a connection made now: its offer's a=fingerprint values, and its
 * DER from the certificate stats.
 */
async function defaultCertificateOf() {
  const pc = new RTCPeerConnection();
  pc.createDataChannel('data');
  await pc.setLocalDescription();
  const report = await pc.getStats();
  pc.close();
  const [certificate] = [...report.values()].filter(({ type }) => type === 'certificate');
  return {
    sdpLines: linesStarting(pc.localDescription.sdp, 'a=fingerprint:'),
    der: Buffer.from(certificate.base64Certificate, 'base64'),
  };
}

test("a connection's default certificate: the offer's fingerprint is the SHA-256 of its DER, from node:crypto or the ECDSA part", async () => {
  for (const made of [await defaultCertificateOf(), await withoutWebCrypto(defaultCertificateOf)]) {
    assert.ok(new X509Certificate(made.der).verify(new X509Certificate(made.der).publicKey));
    assert.deepEqual(made.sdpLines, [`a=fingerprint:sha-256 ${sha256Hex(made.der).toUpperCase()}`]);
  }
});

describe('certificates in offers', () => {
  let ecdsa;
  let rsa;
  before(async () => {
    [ecdsa, rsa] = await Promise.all([generate(P256), generate(RSA_1024)]);
  });

  for (const which of ['ecdsa', 'rsa']) {
    test(`an ${which.toUpperCase()} certificate's fingerprint is the offer's a=fingerprint`, async () => {
      const certificate = which === 'ecdsa' ? ecdsa : rsa;
      const pc = new RTCPeerConnection({ certificates: [certificate] });
      pc.addTransceiver('audio');
      pc.createDataChannel('data');
      const { sdp } = await pc.createOffer();
      const expected = `a=fingerprint:sha-256 ${certificate.getFingerprints()[0].value.toUpperCase()}`;
      assert.deepEqual(linesStarting(sdp, 'a=fingerprint:'), [expected, expected]);
      pc.close();
    });
  }
});
