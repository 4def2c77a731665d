// install() on a page whose native WebRTC classes were removed, then the flows a page uses.
// Every flow runs twice, on our classes and on Chromium's own (put aside by pages/polyfill.html),
// with the same exact expectations: the native run proves the expectations are Chromium's.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowser } from './harness.js';

let env;
let page;

before(async () => {
  env = await startBrowser();
  page = await env.openPage('/tests/browser/pages/polyfill.html');
});

after(async () => {
  await env?.close();
});

test('install() polyfills a page without native WebRTC', async () => {
  // The window's own subclasses of the package's classes (pkg/realm.js).
  const state = await page.evaluate(() => ({
    nativeRemoved: window.nativeRemoved,
    installResult: window.installResult,
    peerConnection: Object.getPrototypeOf(window.RTCPeerConnection) === window.polyfill.RTCPeerConnection,
    sessionDescription: Object.getPrototypeOf(window.RTCSessionDescription) === window.polyfill.RTCSessionDescription,
    certificate: Object.getPrototypeOf(window.RTCCertificate) === window.polyfill.RTCCertificate,
    notNative: window.RTCPeerConnection !== window.NativeRTCPeerConnection,
  }));
  assert.deepEqual(state, {
    nativeRemoved: true,
    installResult: 'polyfilled',
    peerConnection: true,
    sessionDescription: true,
    certificate: true,
    notNative: true,
  });
});

/** Runs `body(which)` in the page; it picks its classes with window.classesFor(which). */
function inPage(which, body) {
  return page.evaluate(body, which);
}

const lines = (sdp) => sdp.split('\r\n');

for (const which of ['polyfill', 'native']) {
  describe(`${which} RTCPeerConnection`, () => {
    test('MDN flow: negotiationneeded → createOffer → setLocalDescription → localDescription', async () => {
      const result = await inPage(which, async (which) => {
        const { PC, SD } = window.classesFor(which);
        const pc = new PC();
        let timer;
        const negotiationNeeded = new Promise((resolve, reject) => {
          pc.onnegotiationneeded = (event) => resolve(event.type);
          timer = setTimeout(() => reject(new Error('no negotiationneeded event within 5 s')), 5000);
        });
        const transceiver = pc.addTransceiver('audio');
        const eventType = await negotiationNeeded;
        clearTimeout(timer);
        const stateBefore = pc.signalingState;
        const offer = await pc.createOffer();
        const stateAfterCreate = pc.signalingState;
        await pc.setLocalDescription(offer);
        const result = {
          eventType,
          stateBefore,
          stateAfterCreate,
          stateAfterApply: pc.signalingState,
          offerType: offer.type,
          offerSdp: offer.sdp,
          localType: pc.localDescription.type,
          localIsOffer: pc.localDescription.sdp === offer.sdp,
          localIsSessionDescription: pc.localDescription instanceof SD,
          pendingIsOffer: pc.pendingLocalDescription?.sdp === offer.sdp,
          currentLocal: pc.currentLocalDescription,
          mid: transceiver.mid,
        };
        pc.close();
        return result;
      });
      const { offerSdp, ...rest } = result;
      assert.deepEqual(rest, {
        eventType: 'negotiationneeded',
        stateBefore: 'stable',
        stateAfterCreate: 'stable',
        stateAfterApply: 'have-local-offer',
        offerType: 'offer',
        localType: 'offer',
        localIsOffer: true,
        localIsSessionDescription: true,
        pendingIsOffer: true,
        currentLocal: null,
        mid: '0',
      });
      const sdp = lines(offerSdp);
      assert.equal(sdp[0], 'v=0');
      assert.ok(offerSdp.endsWith('\r\n') && !/[^\r]\n/.test(offerSdp), 'CRLF line endings');
      assert.match(sdp[1], /^o=- \d+ 2 IN IP4 127\.0\.0\.1$/);
      for (const line of [
        's=-',
        't=0 0',
        'a=group:BUNDLE 0',
        'm=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126',
        'c=IN IP4 0.0.0.0',
        'a=ice-options:trickle',
        'a=setup:actpass',
        'a=mid:0',
        'a=sendrecv',
        'a=rtcp-mux',
        'a=rtpmap:111 opus/48000/2',
      ]) {
        assert.ok(sdp.includes(line), `missing ${line}\n${offerSdp}`);
      }
      assert.equal(sdp.filter((l) => /^a=ice-ufrag:[A-Za-z0-9+/]{4}$/.test(l)).length, 1, 'one 4-char ice-ufrag');
      assert.equal(sdp.filter((l) => /^a=ice-pwd:[A-Za-z0-9+/]{24}$/.test(l)).length, 1, 'one 24-char ice-pwd');
      assert.equal(
        sdp.filter((l) => /^a=fingerprint:sha-256 [0-9A-F]{2}(:[0-9A-F]{2}){31}$/.test(l)).length,
        1,
        'one SHA-256 fingerprint',
      );
    });

    test('legacy callbacks: createOffer(success, failure, options) and setLocalDescription(desc, success, failure)', async () => {
      const result = await inPage(which, async (which) => {
        const { PC } = window.classesFor(which);
        // Chromium resolves the returned promise before it calls back, so wait for the callbacks.
        const returned = [];
        const legacy = (call) =>
          new Promise((resolve) => {
            returned.push(
              call(
                (...args) => resolve({ outcome: 'success', args }),
                (error) => resolve({ outcome: `failure ${error.name} ${error instanceof DOMException}`, args: [] }),
              ),
            );
          });
        const pc = new PC();
        const created = await legacy((success, failure) => pc.createOffer(success, failure, { offerToReceiveAudio: true }));
        const offer = created.args[0];
        const applied = await legacy((success, failure) => pc.setLocalDescription(offer, success, failure));
        const state = pc.signalingState;
        pc.close();
        const closed = await legacy((success, failure) => pc.createOffer(success, failure));
        const returnedValues = await Promise.all(returned);
        return {
          outcomes: [created.outcome, applied.outcome, closed.outcome],
          applyArgs: applied.args.length,
          returnedUndefined: returnedValues.map((value) => value === undefined),
          state,
          offerType: offer?.type,
          mLine: offer?.sdp.split('\r\n').find((line) => line.startsWith('m=')),
          recvonly: offer?.sdp.split('\r\n').includes('a=recvonly'),
        };
      });
      assert.deepEqual(result, {
        outcomes: ['success', 'success', 'failure InvalidStateError true'],
        applyArgs: 0,
        returnedUndefined: [true, true, true],
        state: 'have-local-offer',
        offerType: 'offer',
        mLine: 'm=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126',
        recvonly: true,
      });
    });

    test('a closed connection rejects with InvalidStateError', async () => {
      const result = await inPage(which, async (which) => {
        const { PC } = window.classesFor(which);
        const outcome = async (f) => {
          try {
            await f();
            return 'no error';
          } catch (error) {
            return `${error.name} ${error instanceof DOMException}`;
          }
        };
        const pc = new PC();
        const offer = await pc.createOffer({ offerToReceiveAudio: true });
        pc.close();
        return {
          state: pc.signalingState,
          createOffer: await outcome(() => pc.createOffer()),
          setLocalDescription: await outcome(() => pc.setLocalDescription(offer)),
          addTransceiver: await outcome(() => pc.addTransceiver('audio')),
          createDataChannel: await outcome(() => pc.createDataChannel('data')),
        };
      });
      assert.deepEqual(result, {
        state: 'closed',
        createOffer: 'InvalidStateError true',
        setLocalDescription: 'InvalidStateError true',
        addTransceiver: 'InvalidStateError true',
        createDataChannel: 'InvalidStateError true',
      });
    });

    test('bad arguments throw TypeError (RangeError for a bad scale)', async () => {
      const result = await inPage(which, async (which) => {
        const { PC } = window.classesFor(which);
        const outcome = async (f) => {
          try {
            await f();
            return 'no error';
          } catch (error) {
            return error.constructor.name;
          }
        };
        const pc = new PC();
        const result = {
          createOfferNumber: await outcome(() => pc.createOffer(42)),
          createOfferString: await outcome(() => pc.createOffer('iceRestart')),
          bundlePolicy: await outcome(() => new PC({ bundlePolicy: 'banana' })),
          transceiverKind: await outcome(() => pc.addTransceiver('banana')),
          transceiverDirection: await outcome(() => pc.addTransceiver('audio', { direction: 'sideways' })),
          descriptionType: await outcome(() => pc.setLocalDescription({ type: 'bogus', sdp: '' })),
          scaleBelowOne: await outcome(() =>
            pc.addTransceiver('video', { sendEncodings: [{ rid: 'a', scaleResolutionDownBy: 0.5 }] }),
          ),
          stateAfter: pc.signalingState,
        };
        pc.close();
        return result;
      });
      assert.deepEqual(result, {
        createOfferNumber: 'TypeError',
        createOfferString: 'TypeError',
        bundlePolicy: 'TypeError',
        transceiverKind: 'TypeError',
        transceiverDirection: 'TypeError',
        descriptionType: 'TypeError',
        scaleBelowOne: 'RangeError',
        stateAfter: 'stable',
      });
    });

    test('generateCertificate(ECDSA P-256) gives a certificate the offer fingerprints', async () => {
      const result = await inPage(which, async (which) => {
        const { PC, Cert } = window.classesFor(which);
        const certificate = await PC.generateCertificate({ name: 'ECDSA', namedCurve: 'P-256' });
        const expiresInDays = (certificate.expires - Date.now()) / 86_400_000;
        const fingerprints = certificate.getFingerprints();
        const pc = new PC({ certificates: [certificate] });
        pc.addTransceiver('audio');
        const offer = await pc.createOffer();
        pc.close();
        let unsupported;
        try {
          await PC.generateCertificate({ name: 'ECDSA', namedCurve: 'P-384' });
          unsupported = 'no error';
        } catch (error) {
          unsupported = `${error.name} ${error instanceof DOMException}`;
        }
        return {
          isCertificate: certificate instanceof Cert,
          expiresInDays: Math.round(expiresInDays),
          fingerprints,
          fingerprintLine: offer.sdp.split('\r\n').find((line) => line.startsWith('a=fingerprint:')),
          unsupported,
        };
      });
      assert.equal(result.isCertificate, true);
      assert.equal(result.expiresInDays, 30);
      assert.equal(result.fingerprints.length, 1);
      assert.equal(result.fingerprints[0].algorithm, 'sha-256');
      assert.match(result.fingerprints[0].value, /^[0-9a-f]{2}(:[0-9a-f]{2}){31}$/);
      assert.equal(result.fingerprintLine, `a=fingerprint:sha-256 ${result.fingerprints[0].value.toUpperCase()}`);
      assert.equal(result.unsupported, 'NotSupportedError true');
    });
  });
}

test("setLocalDescription with another connection's offer: InvalidModificationError, as in Chromium", async () => {
  // Munged SDP is applied as Chromium applies it (tests/browser/munge.test.js); another
  // connection's offer (its own fingerprint) is refused by both.
  for (const which of ['polyfill', 'native']) {
    const result = await inPage(which, async (which) => {
      const { PC } = window.classesFor(which);
      const [pc, other] = [new PC(), new PC()];
      pc.addTransceiver('audio');
      other.addTransceiver('audio');
      await pc.createOffer();
      let outcome;
      try {
        await pc.setLocalDescription(await other.createOffer());
        outcome = 'no error';
      } catch (error) {
        outcome = `${error.name} ${error instanceof DOMException}`;
      }
      const state = pc.signalingState;
      pc.close();
      other.close();
      return { outcome, state };
    });
    assert.deepEqual(result, { outcome: 'InvalidModificationError true', state: 'stable' }, which);
  }
});

test('unbundled: the page imported /pkg/index.js as ES modules and fetched the wasm parts beside it', async () => {
  const loaded = await page.evaluate(() =>
    performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname),
  );
  assert.deepEqual(loaded.filter((path) => path === '/pkg/index.js'), ['/pkg/index.js']);
  // The main part, and the full part for the descriptions the page reads (side by side: any order).
  assert.deepEqual(loaded.filter((path) => path.startsWith('/pkg/wasm/')).sort(), [
    '/pkg/wasm/rtc_offer_polyfill.js',
    '/pkg/wasm/rtc_offer_polyfill_bg.wasm',
    '/pkg/wasm/rtc_offer_polyfill_full.js',
    '/pkg/wasm/rtc_offer_polyfill_full_bg.wasm',
  ]);
});

test('no page errors', () => {
  assert.deepEqual(page.problems, []);
});
