// generateCertificate() in Chromium: our ECDSA and RSA certificates (WebCrypto's keys, or the
// core's own ECDSA with crypto.subtle hidden) are read by OpenSSL, their fingerprints (WebCrypto's
// digest, or the core's with crypto.subtle hidden) appear in offers Chromium's native
// setRemoteDescription accepts, and argument errors match Chromium's.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBrowser } from './harness.js';

let env;
let page;

before(async () => {
  env = await startBrowser();
  page = await env.openPage('/tests/browser/pages/polyfill.html');
  await page.evaluate(async () => {
    window.certificateModule = await import('/pkg/certificate.js');
  });
});

after(async () => {
  await env?.close();
});

const ALGORITHMS = {
  ecdsa: { name: 'ECDSA', namedCurve: 'P-256' },
  rsa: { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: [1, 0, 1], hash: 'SHA-256' },
};

/**
 * In the page: our certificate for `algorithm` (with crypto.subtle hidden if `withoutWebCrypto`),
 * its DER and fingerprints, and what Chromium's native RTCPeerConnection makes of an offer
 * carrying it.
 */
function certifyAndOffer(algorithm, withoutWebCrypto) {
  return page.evaluate(
    async ([algorithm, withoutWebCrypto]) => {
      if (algorithm.publicExponent) algorithm.publicExponent = new Uint8Array(algorithm.publicExponent);
      const { PC } = window.classesFor('polyfill');
      if (withoutWebCrypto) Object.defineProperty(crypto, 'subtle', { value: undefined, configurable: true });
      let certificate;
      try {
        certificate = await PC.generateCertificate(algorithm);
      } finally {
        delete crypto.subtle;
      }
      const pc = new PC({ certificates: [certificate] });
      pc.addTransceiver('audio');
      pc.createDataChannel('data');
      const offer = await pc.createOffer();
      pc.close();
      const native = new window.NativeRTCPeerConnection();
      let accepted;
      let answer;
      try {
        await native.setRemoteDescription(offer);
        answer = (await native.createAnswer()).sdp;
        accepted = true;
      } catch (error) {
        accepted = `${error.name}: ${error.message}`;
      }
      native.close();
      return {
        der: Array.from(window.certificateModule.certificateDer(certificate)),
        fingerprints: certificate.getFingerprints(),
        expires: certificate.expires,
        now: Date.now(),
        sdp: offer.sdp,
        accepted,
        answer,
      };
    },
    [algorithm, withoutWebCrypto],
  );
}

/** The SHA-256 of `der` in colon hex, lowercase as getFingerprints() has it. */
const sha256Hex = (der) => createHash('sha256').update(der).digest('hex').match(/../g).join(':');

function opensslText(der) {
  return execFileSync('openssl', ['x509', '-inform', 'DER', '-noout', '-text'], { input: der }).toString();
}

/** `openssl verify -check_ss_sig`: the self-signature checks out. */
function opensslVerifiesSelfSignature(der) {
  const dir = mkdtempSync(join(tmpdir(), 'rtc-offer-polyfill-cert-'));
  try {
    const pem = join(dir, 'cert.pem');
    writeFileSync(pem, new X509Certificate(der).toString());
    return execFileSync('openssl', ['verify', '-check_ss_sig', '-CAfile', pem, pem]).toString().trim();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

for (const [which, withoutWebCrypto] of [
  ['ecdsa', false],
  ['rsa', false],
  ['ecdsa', true],
]) {
  describe(`${which.toUpperCase()} certificate${withoutWebCrypto ? ', crypto.subtle hidden (the core signs)' : ' (WebCrypto signs)'}`, () => {
    let made;
    before(async () => {
      made = await certifyAndOffer(ALGORITHMS[which], withoutWebCrypto);
    });

    test('OpenSSL reads it as the certificate Chromium would make', () => {
      const der = Buffer.from(made.der);
      const text = opensslText(der);
      assert.match(text, /Version: 3 \(0x2\)/);
      assert.match(text, /Issuer: CN ?= ?WebRTC/);
      assert.match(text, /Subject: CN ?= ?WebRTC/);
      if (which === 'ecdsa') {
        assert.match(text, /Signature Algorithm: ecdsa-with-SHA256/);
        assert.match(text, /ASN1 OID: prime256v1/);
      } else {
        assert.match(text, /Signature Algorithm: sha256WithRSAEncryption/);
        assert.match(text, /Public-Key: \(2048 bit\)/);
        assert.match(text, /Exponent: 65537/);
      }
      assert.match(opensslVerifiesSelfSignature(der), /: OK$/);
      const x509 = new X509Certificate(der);
      assert.equal(made.expires, Date.parse(x509.validTo));
      assert.ok(made.expires > made.now + 29 * 86_400_000 && made.expires <= made.now + 30 * 86_400_000);
    });

    test('getFingerprints() is the SHA-256 of that DER', () => {
      assert.deepEqual(made.fingerprints, [{ algorithm: 'sha-256', value: sha256Hex(Buffer.from(made.der)) }]);
    });

    test("Chromium's native setRemoteDescription accepts the offer carrying its fingerprint", () => {
      const expected = `a=fingerprint:sha-256 ${made.fingerprints[0].value.toUpperCase()}`;
      const lines = made.sdp.split('\r\n').filter((line) => line.startsWith('a=fingerprint:'));
      assert.deepEqual(lines, [expected, expected]);
      assert.equal(made.accepted, true);
      assert.match(made.answer, /^a=fingerprint:sha-256 [0-9A-F:]+$/m);
    });
  });
}

test("WebCrypto's digest hashes the certificate's DER once; when it fails, generateCertificate rejects and the default certificate comes from the ECDSA part", async () => {
  const result = await page.evaluate(async () => {
    const { PC } = window.classesFor('polyfill');
    const digests = [];
    const digest = crypto.subtle.digest;
    crypto.subtle.digest = function (algorithm, data) {
      digests.push({ algorithm, data: Array.from(new Uint8Array(data)) });
      return digest.call(this, algorithm, data);
    };
    let certificate;
    try {
      certificate = await PC.generateCertificate({ name: 'ECDSA', namedCurve: 'P-256' });
    } finally {
      delete crypto.subtle.digest;
    }
    crypto.subtle.digest = () => Promise.reject(new DOMException('no', 'OperationError'));
    let failure;
    let fallback;
    try {
      failure = await PC.generateCertificate({ name: 'ECDSA', namedCurve: 'P-256' }).then(
        () => 'fulfilled',
        (error) => `${error.name}: ${error.message}`,
      );
      // The default certificate is made (and its digest fails) before the offer.
      const pc = new PC();
      pc.createDataChannel('data');
      await pc.setLocalDescription();
      const report = await pc.getStats();
      pc.close();
      fallback = {
        sdp: pc.localDescription.sdp,
        base64: [...report.values()].find(({ type }) => type === 'certificate').base64Certificate,
      };
    } finally {
      delete crypto.subtle.digest;
    }
    return {
      digests,
      der: Array.from(window.certificateModule.certificateDer(certificate)),
      fingerprints: certificate.getFingerprints(),
      failure,
      fallback,
    };
  });
  assert.deepEqual(result.digests, [{ algorithm: 'SHA-256', data: result.der }]);
  assert.deepEqual(result.fingerprints, [{ algorithm: 'sha-256', value: sha256Hex(Buffer.from(result.der)) }]);
  assert.equal(result.failure, 'OperationError: generateCertificate: WebCrypto could not hash the certificate: no');
  const der = Buffer.from(result.fallback.base64, 'base64');
  const x509 = new X509Certificate(der);
  assert.ok(x509.verify(x509.publicKey));
  const lines = result.fallback.sdp.split('\r\n').filter((line) => line.startsWith('a=fingerprint:'));
  assert.deepEqual(lines, [`a=fingerprint:sha-256 ${sha256Hex(der).toUpperCase()}`]);
});

test('argument outcomes match Chromium’s own generateCertificate', async () => {
  const results = await page.evaluate(async () => {
    const cases = {
      'ECDSA P-256': { name: 'ECDSA', namedCurve: 'P-256' },
      'ecdsa (any case)': { name: 'ecdsa', namedCurve: 'P-256' },
      'ECDSA P-384': { name: 'ECDSA', namedCurve: 'P-384' },
      'ECDSA p-256': { name: 'ECDSA', namedCurve: 'p-256' },
      'ECDSA without curve': { name: 'ECDSA' },
      "'ECDSA'": 'ECDSA',
      'RSA 2048': { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
      'RSA 1024, hash object': { name: 'RSASSA-PKCS1-v1_5', modulusLength: 1024, publicExponent: new Uint8Array([1, 0, 1]), hash: { name: 'SHA-256' } },
      'RSA exponent 3': { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([3]), hash: 'SHA-256' },
      'RSA SHA-1': { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-1' },
      'RSA without hash': { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) },
      'RSA exponent as array': { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: [1, 0, 1], hash: 'SHA-256' },
      'RSA-PSS': { name: 'RSA-PSS', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
      Ed25519: { name: 'Ed25519' },
      'AES-GCM 128': { name: 'AES-GCM', length: 128 },
      "'AES-GCM'": 'AES-GCM',
      "'SHA-256'": 'SHA-256',
      "'banana'": 'banana',
      null: null,
      'no name': { namedCurve: 'P-256' },
      'expires 2000': { name: 'ECDSA', namedCurve: 'P-256', expires: 2000 },
      'expires 0': { name: 'ECDSA', namedCurve: 'P-256', expires: 0 },
      'expires 400 days': { name: 'ECDSA', namedCurve: 'P-256', expires: 400 * 86_400_000 },
      'expires -1': { name: 'ECDSA', namedCurve: 'P-256', expires: -1 },
      'expires NaN': { name: 'ECDSA', namedCurve: 'P-256', expires: NaN },
      "expires 'invalid'": { name: 'ECDSA', namedCurve: 'P-256', expires: 'invalid' },
      'expires 2^64': { name: 'ECDSA', namedCurve: 'P-256', expires: 2 ** 64 },
    };
    const outcome = async (PC, algorithm) => {
      const start = Date.now();
      try {
        const certificate = await PC.generateCertificate(algorithm);
        return certificate.expires - start;
      } catch (error) {
        return error instanceof DOMException ? error.name : error.constructor.name;
      }
    };
    const results = {};
    for (const [label, algorithm] of Object.entries(cases)) {
      results[label] = {
        ours: await outcome(window.classesFor('polyfill').PC, algorithm),
        native: await outcome(window.NativeRTCPeerConnection, algorithm),
      };
    }
    return results;
  });
  for (const [label, { ours, native }] of Object.entries(results)) {
    if (typeof native === 'number') {
      // A certificate: the same lifetime, give or take the whole seconds X.509 keeps and the
      // time each took to make.
      assert.equal(typeof ours, 'number', `${label}: ${ours}`);
      assert.ok(Math.abs(ours - native) < 2000, `${label}: ours lives ${ours} ms, Chromium's ${native} ms`);
    } else {
      assert.equal(ours, native, label);
    }
  }
  assert.ok(Math.abs(results['RSA 2048'].ours - 30 * 86_400_000) < 2000);
  assert.ok(Math.abs(results['expires 400 days'].ours - 365 * 86_400_000) < 2000);
  assert.ok(results['expires 0'].ours <= 0);
});
