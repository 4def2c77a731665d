// RTCPeerConnection.generateCertificate(), RTCCertificate, and certificates in the configuration.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RTCCertificate, RTCPeerConnection } from '../../pkg/index.js';
import { assertDOMException, linesStarting, rejection, watch } from './helpers.js';

const DAY_MS = 86_400_000;
const P256 = { name: 'ECDSA', namedCurve: 'P-256' };

test('generateCertificate(ECDSA P-256): an RTCCertificate valid 30 days with a SHA-256 fingerprint', async () => {
  const before = Date.now();
  const certificate = await RTCPeerConnection.generateCertificate(P256);
  const after = Date.now();
  assert.ok(certificate instanceof RTCCertificate);
  assert.equal(Object.prototype.toString.call(certificate), '[object RTCCertificate]');
  assert.ok(certificate.expires >= before + 30 * DAY_MS && certificate.expires <= after + 30 * DAY_MS);
  const fingerprints = certificate.getFingerprints();
  assert.equal(fingerprints.length, 1);
  assert.deepEqual(Object.keys(fingerprints[0]), ['algorithm', 'value']);
  assert.equal(fingerprints[0].algorithm, 'sha-256');
  assert.match(fingerprints[0].value, /^[0-9a-f]{2}(:[0-9a-f]{2}){31}$/);
  assert.notEqual(certificate.getFingerprints(), fingerprints, 'a fresh array each call');
  assert.deepEqual(certificate.getFingerprints(), fingerprints);
  const other = await RTCPeerConnection.generateCertificate({ name: 'ecdsa', namedCurve: 'P-256' });
  assert.notEqual(other.getFingerprints()[0].value, fingerprints[0].value, 'a new key each time');
});

test('generateCertificate resolves in a queued task', async () => {
  await RTCPeerConnection.generateCertificate(P256);
  const pending = watch(RTCPeerConnection.generateCertificate(P256));
  for (let i = 0; i < 100; i += 1) await null;
  assert.equal(pending.state(), 'pending');
  await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(pending.state(), 'fulfilled');
});

test('expires: honoured, capped at 365 days, [EnforceRange] conversion errors are TypeErrors', async () => {
  const hour = await RTCPeerConnection.generateCertificate({ ...P256, expires: 3_600_000 });
  assert.ok(Math.abs(hour.expires - (Date.now() + 3_600_000)) < 60_000);
  const capped = await RTCPeerConnection.generateCertificate({ ...P256, expires: 400 * DAY_MS });
  assert.ok(Math.abs(capped.expires - (Date.now() + 365 * DAY_MS)) < 60_000);
  for (const expires of [-1, NaN, Infinity, -Infinity, 2 ** 64]) {
    assert.ok(
      (await rejection(RTCPeerConnection.generateCertificate({ ...P256, expires }))) instanceof TypeError,
      `expires ${expires}`,
    );
  }
});

test('unsupported and malformed algorithms', async () => {
  const outcome = async (...args) => {
    const error = await rejection(RTCPeerConnection.generateCertificate(...args));
    return error instanceof DOMException ? error.name : error.constructor.name;
  };
  assert.equal(await outcome({ name: 'ECDSA', namedCurve: 'P-384' }), 'NotSupportedError');
  assert.equal(await outcome({ name: 'banana' }), 'NotSupportedError');
  assert.equal(await outcome('banana'), 'NotSupportedError');
  assert.equal(await outcome({ name: 'AES-GCM', length: 128 }), 'NotSupportedError');
  assert.equal(
    await outcome({ name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }),
    'NotSupportedError',
  );
  assert.equal(await outcome({ name: 'ECDSA' }), 'TypeError');
  assert.equal(await outcome('ECDSA'), 'TypeError');
  assert.equal(await outcome({ namedCurve: 'P-256' }), 'TypeError');
  assert.equal(await outcome({ name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048 }), 'TypeError');
  assert.equal(await outcome(), 'TypeError');
});

test('RTCCertificate cannot be constructed by script', () => {
  assert.throws(() => new RTCCertificate(), { name: 'TypeError', message: 'Illegal constructor' });
  assert.throws(() => Object.getOwnPropertyDescriptor(RTCCertificate.prototype, 'expires').get.call({}), TypeError);
});

test("configured certificates give the offer's a=fingerprint lines", async () => {
  const certificate = await RTCPeerConnection.generateCertificate(P256);
  const pc = new RTCPeerConnection({ certificates: [certificate] });
  assert.deepEqual(pc.getConfiguration().certificates, [certificate]);
  pc.addTransceiver('audio');
  pc.createDataChannel('data');
  const { sdp } = await pc.createOffer();
  const expected = `a=fingerprint:sha-256 ${certificate.getFingerprints()[0].value.toUpperCase()}`;
  assert.deepEqual(linesStarting(sdp, 'a=fingerprint:'), [expected, expected]);
  pc.close();

  const second = await RTCPeerConnection.generateCertificate(P256);
  const two = new RTCPeerConnection({ certificates: [certificate, second] });
  two.addTransceiver('video');
  const offer = await two.createOffer();
  assert.deepEqual(
    linesStarting(offer.sdp, 'a=fingerprint:'),
    [certificate, second].map((c) => `a=fingerprint:sha-256 ${c.getFingerprints()[0].value.toUpperCase()}`),
  );
  two.close();
});

test('an expired certificate makes the constructor throw InvalidAccessError', async () => {
  const expired = await RTCPeerConnection.generateCertificate({ ...P256, expires: 0 });
  assert.ok(expired.expires <= Date.now());
  assert.throws(
    () => new RTCPeerConnection({ certificates: [expired] }),
    (error) => error instanceof DOMException && error.name === 'InvalidAccessError',
  );
});

test('setConfiguration() rejects other certificates', async () => {
  const [a, b] = await Promise.all([
    RTCPeerConnection.generateCertificate(P256),
    RTCPeerConnection.generateCertificate(P256),
  ]);
  const pc = new RTCPeerConnection({ certificates: [a] });
  pc.setConfiguration({ certificates: [a] });
  pc.setConfiguration({});
  assert.deepEqual(pc.getConfiguration().certificates, [a]);
  assert.throws(
    () => pc.setConfiguration({ certificates: [b] }),
    (error) => error instanceof DOMException && error.name === 'InvalidModificationError',
  );
  pc.close();
  assertDOMException(await rejection(pc.createOffer()), 'InvalidStateError');
});
