// The package in a module Web Worker (pages/worker.js): no DOM and no native WebRTC there, the
// bundle the exports map names imported from /pkg/, its wasm fetched beside it, an offer made and applied.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sdpSections, startBrowser } from './harness.js';

const AUDIO_M_LINE = 'm=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126';
// Chromium offers more codecs to receive than to send (shared/reference-offers/recvonly-transceivers.sdp).
const RECVONLY_VIDEO_M_LINE =
  'm=video 9 UDP/TLS/RTP/SAVPF 96 97 98 99 100 101 35 36 37 38 102 103 104 107 108 109 114 115 116 117 39 40 41 42 43 44 45 46 47 48 118 119 120 49';

const FULL_WASM = '/pkg/wasm/rtc_offer_polyfill_full_bg.wasm';

let env;
let result;
/** Every response the page and its worker got: path, status, content type. */
const responses = [];

before(async () => {
  env = await startBrowser();
  env.context.on('response', (response) => {
    responses.push({
      path: new URL(response.url()).pathname,
      status: response.status(),
      type: response.headers()['content-type'],
    });
  });
  const page = await env.openPage('/tests/browser/pages/worker.html');
  result = await page.evaluate(() => window.workerResult);
  result.problems = page.problems;
  // The worker applied an offer, which prefetches the full core: wait for its .wasm (or time out,
  // and the test below says what is missing).
  const deadline = Date.now() + 10_000;
  while (!responses.some((response) => response.path === FULL_WASM) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
});

after(async () => {
  await env?.close();
});

test('the worker has no DOM and no native RTCPeerConnection', () => {
  assert.equal(result.error, undefined);
  assert.deepEqual(result.environment, {
    worker: true,
    window: 'undefined',
    document: 'undefined',
    nativeRTCPeerConnection: 'undefined',
  });
});

test('the worker imports the bundle, then the main wasm part and its loader chunk, and once it applied an offer the full part', () => {
  const fetched = (path) => responses.filter((response) => response.path === path);
  assert.deepEqual(fetched('/tests/browser/pages/worker.js'), [
    { path: '/tests/browser/pages/worker.js', status: 200, type: 'text/javascript; charset=utf-8' },
  ]);
  assert.deepEqual(
    responses.filter((response) => response.path.startsWith('/pkg/')).sort((a, b) => (a.path < b.path ? -1 : 1)),
    [
      { path: '/pkg/rtc-offer-polyfill.full.js', status: 200, type: 'text/javascript; charset=utf-8' },
      { path: '/pkg/rtc-offer-polyfill.js', status: 200, type: 'text/javascript; charset=utf-8' },
      { path: '/pkg/rtc-offer-polyfill.loader.js', status: 200, type: 'text/javascript; charset=utf-8' },
      { path: '/pkg/wasm/rtc_offer_polyfill_bg.wasm', status: 200, type: 'application/wasm' },
      { path: FULL_WASM, status: 200, type: 'application/wasm' },
    ],
  );
  assert.deepEqual(fetched('/pkg/wasm/rtc_offer_polyfill_bg.wasm'), [
    { path: '/pkg/wasm/rtc_offer_polyfill_bg.wasm', status: 200, type: 'application/wasm' },
  ]);
  // Chromium may ask for /favicon.ico, which the server answers with 204.
  assert.deepEqual(
    responses.filter((response) => response.status !== 200 && response.path !== '/favicon.ico'),
    [],
  );
});

test('the worker makes an offer, applies it and completes ICE gathering', () => {
  assert.deepEqual(
    {
      signalingState: result.signalingState,
      localIsOffer: result.localIsOffer,
      mids: result.mids,
      gatheringAtNull: result.gatheringAtNull,
    },
    { signalingState: 'have-local-offer', localIsOffer: true, mids: ['0', '1'], gatheringAtNull: 'complete' },
  );
  const { sdp } = result;
  assert.ok(sdp.endsWith('\r\n') && !/[^\r]\n/.test(sdp), 'CRLF line endings');
  const { session, media } = sdpSections(sdp);
  assert.equal(session[0], 'v=0');
  assert.match(session[1], /^o=- \d+ 2 IN IP4 127\.0\.0\.1$/);
  assert.deepEqual(session.slice(2), [
    's=-',
    't=0 0',
    'a=group:BUNDLE 0 1',
    'a=extmap-allow-mixed',
    'a=msid-semantic: WMS worker-stream',
  ]);
  assert.deepEqual(
    media.map((lines) => lines[0]),
    [AUDIO_M_LINE, RECVONLY_VIDEO_M_LINE],
  );
  const [audio, video] = media;
  const pick = (lines, pattern) => lines.filter((line) => pattern.test(line));
  const DIRECTION_MID_MSID = /^a=(sendrecv|sendonly|recvonly|inactive|mid:.*|msid:.*)$/;
  assert.deepEqual(pick(audio, DIRECTION_MID_MSID), ['a=mid:0', 'a=sendonly', 'a=msid:worker-stream worker-mic']);
  assert.deepEqual(pick(video, DIRECTION_MID_MSID), ['a=mid:1', 'a=recvonly']);
  assert.equal(pick(audio, /^a=ice-ufrag:[A-Za-z0-9+/]{4}$/).length, 1);
  assert.equal(pick(audio, /^a=fingerprint:sha-256 [0-9A-F]{2}(:[0-9A-F]{2}){31}$/).length, 1);
});

test('no page errors', () => {
  assert.deepEqual(result.problems, []);
});
