// install() in Chromium over an old-style API made from Chromium's own (pages/legacy-api.js):
// 'patched', and the flows pages use run through the patched class on the real engine. Over the
// modern native: 'native'; with force: 'polyfilled'. Only the last fetches the wasm, as both the
// page's resource timing and the browser's request log show.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sdpSections, startBrowser } from './harness.js';

const AUDIO = 'm=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126';
/** Without CN (13): what voiceActivityDetection: false asks for. */
const AUDIO_WITHOUT_CN = 'm=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 110 126';
const VIDEO =
  'm=video 9 UDP/TLS/RTP/SAVPF 96 97 98 99 100 101 35 36 37 38 102 103 104 107 108 109 114 115 116 117 39 40 41 42 43 44 45 46 47 48 118 119 120 49';
const DATA = 'm=application 9 UDP/DTLS/SCTP webrtc-datachannel';
const WASM_FILES = ['/pkg/wasm/rtc_offer_polyfill.js', '/pkg/wasm/rtc_offer_polyfill_bg.wasm'];

let env;
/** Every request the browser made: {page, path}. */
const requests = [];

before(async () => {
  env = await startBrowser();
  env.context.on('request', (request) => {
    requests.push({ page: request.frame().page(), path: new URL(request.url()).pathname });
  });
});

after(async () => {
  await env?.close();
});

/** Each m-line with its direction attribute (none for m=application). */
function sections(sdp) {
  return sdpSections(sdp).media.map((lines) => [
    lines[0],
    lines.find((line) => /^a=(sendrecv|sendonly|recvonly|inactive)$/.test(line)) ?? null,
  ]);
}

/**
 * What the page fetched from /pkg/wasm/, by its resource timing and by the browser's request
 * log; `entrySeen` shows both saw the package's own modules, so they do cover module imports.
 */
async function wasmRequests(page) {
  const timing = await page.evaluate(() =>
    performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname),
  );
  const logged = requests.filter((request) => request.page === page).map((request) => request.path);
  const wasm = (paths) => paths.filter((path) => path.startsWith('/pkg/wasm/')).sort();
  return {
    timing: wasm(timing),
    logged: wasm(logged),
    entrySeen: timing.includes('/pkg/index.js') && logged.includes('/pkg/index.js'),
  };
}

const LEGACY_PAGES = {
  'webkitRTCPeerConnection, callback-only': { path: '/tests/browser/pages/legacy.html?api=webkit', prefixed: true },
  'unprefixed RTCPeerConnection, callback-only': {
    path: '/tests/browser/pages/legacy.html?api=unprefixed',
    prefixed: false,
  },
};

for (const [name, { path, prefixed }] of Object.entries(LEGACY_PAGES)) {
  describe(`old-style native: ${name}`, () => {
    let page;

    before(async () => {
      page = await env.openPage(path);
    });

    test("install() patches it: 'patched', a subclass of the native under the standard name", async () => {
      const state = await page.evaluate(async () => {
        const pc = new RTCPeerConnection();
        const certificate = await RTCPeerConnection.generateCertificate({ name: 'ECDSA', namedCurve: 'P-256' });
        const state = {
          result: window.installResult,
          subclass: Object.getPrototypeOf(RTCPeerConnection) === window.LegacyRTCPeerConnection,
          ours: RTCPeerConnection === window.polyfill.RTCPeerConnection,
          prefixed: window.webkitRTCPeerConnection === window.LegacyRTCPeerConnection,
          sessionDescription: RTCSessionDescription === window.LegacyRTCSessionDescription,
          instanceOfAll: [RTCPeerConnection, window.LegacyRTCPeerConnection, window.NativeRTCPeerConnection].map(
            (C) => pc instanceof C,
          ),
          addTransceiver: typeof pc.addTransceiver,
          certificate: certificate instanceof RTCCertificate,
          again: window.polyfill.install(),
        };
        pc.close();
        return state;
      });
      assert.deepEqual(state, {
        result: 'patched',
        subclass: true,
        ours: false,
        prefixed,
        sessionDescription: true,
        instanceOfAll: [true, true, true],
        addTransceiver: 'undefined',
        certificate: true,
        again: 'patched',
      });
    });

    test('MDN flow: negotiationneeded → createOffer(options) → setLocalDescription → localDescription', async () => {
      const result = await page.evaluate(async () => {
        const calls = window.legacyCalls.length;
        const pc = new RTCPeerConnection();
        let timer;
        const negotiationNeeded = new Promise((resolve, reject) => {
          pc.onnegotiationneeded = (event) => resolve(event.type);
          timer = setTimeout(() => reject(new Error('no negotiationneeded event within 5 s')), 5000);
        });
        pc.createDataChannel('chat');
        const eventType = await negotiationNeeded;
        clearTimeout(timer);
        const offer = await pc.createOffer({ offerToReceiveAudio: true });
        const applied = await pc.setLocalDescription(offer);
        const result = {
          eventType,
          plain: Object.getPrototypeOf(offer) === Object.prototype,
          keys: Object.keys(offer),
          type: offer.type,
          sdp: offer.sdp,
          applied,
          state: pc.signalingState,
          localIsOffer: pc.localDescription.sdp === offer.sdp,
          localIsLegacy: pc.localDescription instanceof RTCSessionDescription,
          calls: window.legacyCalls.slice(calls),
        };
        pc.close();
        return result;
      });
      const { sdp, ...rest } = result;
      assert.deepEqual(rest, {
        eventType: 'negotiationneeded',
        plain: true,
        keys: ['sdp', 'type'],
        type: 'offer',
        applied: undefined,
        state: 'have-local-offer',
        localIsOffer: true,
        localIsLegacy: true,
        calls: [
          ['createOffer', { mandatory: { OfferToReceiveAudio: true } }],
          ['setLocalDescription', 'offer'],
        ],
      });
      assert.deepEqual(sections(sdp), [
        [AUDIO, 'a=recvonly'],
        [DATA, null],
      ]);
    });

    test('RTCOfferOptions reach the engine as constraints; old constraint objects pass unchanged', async () => {
      const cases = [
        [
          { offerToReceiveAudio: true, offerToReceiveVideo: true },
          { mandatory: { OfferToReceiveAudio: true, OfferToReceiveVideo: true } },
        ],
        [
          { offerToReceiveAudio: true, voiceActivityDetection: false },
          { mandatory: { OfferToReceiveAudio: true }, optional: [{ VoiceActivityDetection: false }] },
        ],
        [{ mandatory: { OfferToReceiveVideo: 'true' } }, { mandatory: { OfferToReceiveVideo: 'true' } }],
        [{ optional: [{ OfferToReceiveAudio: true }] }, { optional: [{ OfferToReceiveAudio: true }] }],
      ];
      const results = await page.evaluate(async (cases) => {
        const results = [];
        for (const [options] of cases) {
          const calls = window.legacyCalls.length;
          const pc = new RTCPeerConnection();
          const offer = await pc.createOffer(options);
          pc.close();
          results.push({ sdp: offer.sdp, calls: window.legacyCalls.slice(calls) });
        }
        return results;
      }, cases);
      assert.deepEqual(
        results.map(({ calls }) => calls),
        cases.map(([, constraints]) => [['createOffer', constraints]]),
      );
      assert.deepEqual(
        results.map(({ sdp }) => sections(sdp)),
        [
          [
            [AUDIO, 'a=recvonly'],
            [VIDEO, 'a=recvonly'],
          ],
          [[AUDIO_WITHOUT_CN, 'a=recvonly']],
          [[VIDEO, 'a=recvonly']],
          [[AUDIO, 'a=recvonly']],
        ],
      );
    });

    test('iceRestart: true reaches the engine: new ICE credentials, which it keeps otherwise', async () => {
      const result = await page.evaluate(async () => {
        const ufrag = (offer) => offer.sdp.split('\r\n').find((line) => line.startsWith('a=ice-ufrag:'));
        const pc = new RTCPeerConnection();
        const first = await pc.createOffer({ offerToReceiveAudio: true });
        await pc.setLocalDescription(first);
        const again = await pc.createOffer();
        const restarted = await pc.createOffer({ iceRestart: true });
        pc.close();
        return { kept: ufrag(again) === ufrag(first), restarted: ufrag(restarted) !== ufrag(first) };
      });
      assert.deepEqual(result, { kept: true, restarted: true });
    });

    test('legacy callbacks through the patched class: createOffer and setLocalDescription with callbacks', async () => {
      const result = await page.evaluate(async () => {
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
        const pc = new RTCPeerConnection();
        const created = await legacy((success, failure) =>
          pc.createOffer(success, failure, { offerToReceiveVideo: true }),
        );
        const offer = created.args[0];
        const applied = await legacy((success, failure) => pc.setLocalDescription(offer, success, failure));
        const state = pc.signalingState;
        pc.close();
        const closed = await legacy((success, failure) => pc.createOffer(success, failure));
        return {
          outcomes: [created.outcome, applied.outcome, closed.outcome],
          offerPlain: Object.getPrototypeOf(offer) === Object.prototype,
          offerKeys: Object.keys(offer),
          sdp: offer.sdp,
          applyArgs: applied.args.length,
          returnedUndefined: (await Promise.all(returned)).map((value) => value === undefined),
          returnedPromises: returned.map((value) => value instanceof Promise),
          state,
        };
      });
      const { sdp, ...rest } = result;
      assert.deepEqual(rest, {
        outcomes: ['success', 'success', 'failure InvalidStateError true'],
        offerPlain: true,
        offerKeys: ['sdp', 'type'],
        applyArgs: 0,
        returnedUndefined: [true, true, true],
        returnedPromises: [true, true, true],
        state: 'have-local-offer',
      });
      assert.deepEqual(sections(sdp), [[VIDEO, 'a=recvonly']]);
    });

    test('setLocalDescription() without a description, then an answer from a second patched connection', async () => {
      const result = await page.evaluate(async () => {
        const calls = window.legacyCalls.length;
        const offerer = new RTCPeerConnection();
        const answerer = new RTCPeerConnection();
        offerer.createDataChannel('chat');
        await offerer.setLocalDescription();
        const offerState = offerer.signalingState;
        await answerer.setRemoteDescription(offerer.localDescription);
        const remoteState = answerer.signalingState;
        const answer = await answerer.createAnswer();
        await answerer.setLocalDescription(answer);
        await offerer.setRemoteDescription(answer);
        const result = {
          states: [offerState, remoteState, offerer.signalingState, answerer.signalingState],
          offerSdp: offerer.localDescription.sdp,
          answerPlain: Object.getPrototypeOf(answer) === Object.prototype,
          answerType: answer.type,
          answerSdp: answer.sdp,
          calls: window.legacyCalls.slice(calls),
        };
        offerer.close();
        answerer.close();
        return result;
      });
      const { offerSdp, answerSdp, ...rest } = result;
      assert.deepEqual(rest, {
        states: ['have-local-offer', 'have-remote-offer', 'stable', 'stable'],
        answerPlain: true,
        answerType: 'answer',
        calls: [
          ['createOffer', null],
          ['setLocalDescription', 'offer'],
          ['setRemoteDescription', 'offer'],
          ['createAnswer', null],
          ['setLocalDescription', 'answer'],
          ['setRemoteDescription', 'answer'],
        ],
      });
      assert.deepEqual(sections(offerSdp), [[DATA, null]]);
      assert.deepEqual(sections(answerSdp), [[DATA, null]]);
    });

    test('no wasm was requested', async () => {
      assert.deepEqual(await wasmRequests(page), { timing: [], logged: [], entrySeen: true });
    });

    test('no page errors', () => {
      assert.deepEqual(page.problems, []);
    });
  });
}

describe('the auto entry over webkitRTCPeerConnection', () => {
  test('patches it and requests no wasm', async () => {
    const page = await env.openPage('/tests/browser/pages/legacy.html?api=webkit&entry=auto');
    const result = await page.evaluate(async () => {
      const pc = new RTCPeerConnection();
      const offer = await pc.createOffer({ offerToReceiveAudio: true });
      pc.close();
      return {
        result: window.installResult,
        subclass: Object.getPrototypeOf(RTCPeerConnection) === window.LegacyRTCPeerConnection,
        mLines: offer.sdp.split('\r\n').filter((line) => line.startsWith('m=')),
      };
    });
    assert.deepEqual(result, { result: 'patched', subclass: true, mLines: [AUDIO] });
    assert.deepEqual(await wasmRequests(page), { timing: [], logged: [], entrySeen: true });
    assert.deepEqual(page.problems, []);
  });
});

describe("the bundles on Chromium's modern native: nothing loaded that is not needed", () => {
  /** The package's files the page fetched, a few tasks after the import. */
  async function packageFiles(page) {
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 100)));
    const timing = await page.evaluate(() =>
      performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname),
    );
    return timing.filter((path) => path.startsWith('/pkg/')).sort();
  }

  test('the auto entry: only itself, the native untouched', async () => {
    const page = await env.openPage('/tests/browser/pages/entry.html?module=/pkg/rtc-offer-polyfill.auto.js');
    assert.deepEqual(await packageFiles(page), ['/pkg/rtc-offer-polyfill.auto.js']);
    assert.equal(await page.evaluate(() => RTCPeerConnection === window.NativeRTCPeerConnection), true);
    assert.deepEqual(page.problems, []);
  });

  test('the main entry imported, ours never constructed: no loader chunk, no wasm', async () => {
    const page = await env.openPage('/tests/browser/pages/entry.html?module=/pkg/rtc-offer-polyfill.js');
    assert.deepEqual(await packageFiles(page), ['/pkg/rtc-offer-polyfill.js']);
    assert.equal(await page.evaluate(() => window.entry.install()), 'native');
    assert.deepEqual(await packageFiles(page), ['/pkg/rtc-offer-polyfill.js']);
    assert.deepEqual(page.problems, []);
  });

  test('ours constructed: the main loader chunk and wasm (WebCrypto makes the certificate), then an offer', async () => {
    const page = await env.openPage('/tests/browser/pages/entry.html?module=/pkg/rtc-offer-polyfill.js');
    const type = await page.evaluate(async () => {
      const pc = new window.entry.RTCPeerConnection();
      const offer = await pc.createOffer({ offerToReceiveAudio: true });
      pc.close();
      return offer.type;
    });
    assert.equal(type, 'offer');
    assert.deepEqual(await packageFiles(page), [
      '/pkg/rtc-offer-polyfill.js',
      '/pkg/rtc-offer-polyfill.loader.js',
      '/pkg/wasm/rtc_offer_polyfill_bg.wasm',
    ]);
    assert.deepEqual(page.problems, []);
  });

  test('without WebCrypto: the ECDSA part too, loader and wasm, for the certificate', async () => {
    const page = await env.openPage('/tests/browser/pages/entry.html?module=/pkg/rtc-offer-polyfill.js');
    const fingerprint = await page.evaluate(async () => {
      Object.defineProperty(crypto, 'subtle', { value: undefined, configurable: true });
      const pc = new window.entry.RTCPeerConnection();
      const offer = await pc.createOffer({ offerToReceiveAudio: true });
      pc.close();
      return offer.sdp.split('\r\n').some((line) => line.startsWith('a=fingerprint:sha-256 '));
    });
    assert.equal(fingerprint, true);
    assert.deepEqual(await packageFiles(page), [
      '/pkg/rtc-offer-polyfill.ecdsa.js',
      '/pkg/rtc-offer-polyfill.js',
      '/pkg/rtc-offer-polyfill.loader.js',
      '/pkg/wasm/rtc_offer_polyfill_bg.wasm',
      '/pkg/wasm/rtc_offer_polyfill_ecdsa_bg.wasm',
    ]);
    assert.deepEqual(page.problems, []);
  });

  test('preload() loads them without a connection', async () => {
    const page = await env.openPage('/tests/browser/pages/entry.html?module=/pkg/rtc-offer-polyfill.js');
    assert.equal(await page.evaluate(() => window.entry.preload()), undefined);
    assert.deepEqual(await packageFiles(page), [
      '/pkg/rtc-offer-polyfill.js',
      '/pkg/rtc-offer-polyfill.loader.js',
      '/pkg/wasm/rtc_offer_polyfill_bg.wasm',
    ]);
  });

  test('preload({answering: true}) loads the full part alone: a callee never fetches the main one', async () => {
    const page = await env.openPage('/tests/browser/pages/entry.html?module=/pkg/rtc-offer-polyfill.js');
    const signaling = await page.evaluate(async () => {
      const { RTCPeerConnection, preload } = window.entry;
      await preload({ answering: true });
      const caller = new window.NativeRTCPeerConnection();
      caller.addTransceiver('audio');
      caller.createDataChannel('chat');
      const offer = await caller.createOffer();
      caller.close();
      const pc = new RTCPeerConnection();
      await pc.setRemoteDescription(offer);
      await pc.setLocalDescription(await pc.createAnswer());
      // A later connection that only offers starts in the full part too.
      const next = new RTCPeerConnection();
      await next.setLocalDescription(await next.createOffer({ offerToReceiveVideo: true }));
      const states = [pc.signalingState, next.signalingState];
      pc.close();
      next.close();
      return states;
    });
    assert.deepEqual(signaling, ['stable', 'have-local-offer']);
    assert.deepEqual(await packageFiles(page), [
      '/pkg/rtc-offer-polyfill.full.js',
      '/pkg/rtc-offer-polyfill.js',
      '/pkg/wasm/rtc_offer_polyfill_full_bg.wasm',
    ]);
    assert.deepEqual(page.problems, []);
  });

  test('preload() rejects bad options with a TypeError and loads nothing', async () => {
    const page = await env.openPage('/tests/browser/pages/entry.html?module=/pkg/rtc-offer-polyfill.js');
    const error = await page.evaluate(() => window.entry.preload(5).catch((e) => [e.constructor.name, e.message]));
    assert.deepEqual(error, ['TypeError', 'preload options: number is not an object']);
    assert.deepEqual(await packageFiles(page), ['/pkg/rtc-offer-polyfill.js']);
  });
});

describe("Chromium's modern native", () => {
  for (const [name, path] of [
    ['install()', '/tests/browser/pages/install.html'],
    ['the auto entry', '/tests/browser/pages/install.html?entry=auto'],
  ]) {
    test(`${name} leaves it alone ('native') and requests no wasm`, async () => {
      const page = await env.openPage(path);
      const result = await page.evaluate(async () => {
        const pc = new RTCPeerConnection();
        pc.addTransceiver('audio');
        const offer = await pc.createOffer();
        pc.close();
        return {
          result: window.installResult,
          untouched: RTCPeerConnection === window.NativeRTCPeerConnection,
          mLines: offer.sdp.split('\r\n').filter((line) => line.startsWith('m=')),
        };
      });
      assert.deepEqual(result, { result: 'native', untouched: true, mLines: [AUDIO] });
      assert.deepEqual(await wasmRequests(page), { timing: [], logged: [], entrySeen: true });
      assert.deepEqual(page.problems, []);
    });
  }

  test("install(window, { force: true }) installs ours ('polyfilled'), which fetches the wasm", async () => {
    const page = await env.openPage('/tests/browser/pages/install.html?force');
    const result = await page.evaluate(async () => {
      const pc = new RTCPeerConnection();
      pc.addTransceiver('audio');
      const offer = await pc.createOffer();
      pc.close();
      return {
        result: window.installResult,
        ours: Object.getPrototypeOf(RTCPeerConnection) === window.polyfill.RTCPeerConnection,
        mLines: offer.sdp.split('\r\n').filter((line) => line.startsWith('m=')),
      };
    });
    assert.deepEqual(result, { result: 'polyfilled', ours: true, mLines: [AUDIO] });
    assert.deepEqual(await wasmRequests(page), { timing: WASM_FILES, logged: WASM_FILES, entrySeen: true });
    assert.deepEqual(page.problems, []);
  });
});
