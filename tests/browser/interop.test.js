// Our offers against Chromium's own RTCPeerConnection, scenario by scenario:
// - native Chromium must accept each of our offers and answer it without rejecting any m-line;
// - our offer must have the structure Chromium emits for the same calls (m-line kinds, mids,
//   directions, codecs), so that drift from the browser shows up here first.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { mLinePorts, offerStructure, startBrowser } from './harness.js';
import { scenarios } from './pages/scenarios.js';

const REFERENCE_OFFERS = fileURLToPath(new URL('../../../shared/reference-offers/', import.meta.url));
const NAMES = Object.keys(scenarios);

let env;
let page;

before(async () => {
  env = await startBrowser({ fakeMedia: true });
  page = await env.openPage('/tests/browser/pages/interop.html');
});

after(async () => {
  await env?.close();
});

// Each scenario's offers, made once per class and shared by that scenario's tests.
const made = new Map();
function offers(which, name) {
  const key = `${which}:${name}`;
  if (!made.has(key)) {
    const run = which === 'polyfill' ? (n) => window.runPolyfill(n) : (n) => window.runNative(n);
    made.set(key, page.evaluate(run, name));
  }
  return made.get(key);
}

test('the scenarios are exactly those of shared/reference-offers/', { skip: !existsSync(REFERENCE_OFFERS) && 'no ../shared beside the repository' }, () => {
  const reference = new Set(
    readdirSync(REFERENCE_OFFERS)
      .filter((file) => file.endsWith('.sdp'))
      .map((file) => file.replace(/(\.first)?\.sdp$/, '')),
  );
  assert.deepEqual([...reference].sort(), [...NAMES].sort());
});

for (const name of NAMES) {
  describe(name, () => {
    test('native Chromium accepts our offer and answers every m-line', async () => {
      const ours = await offers('polyfill', name);
      const native = await offers('native', name);
      assert.equal(ours.length, native.length, 'number of offers made');
      for (const [index, sdp] of ours.entries()) {
        const label = `offer ${index + 1} of ${ours.length}`;
        const result = await page.evaluate((s) => window.answerWithNative(s), sdp);
        assert.equal(result.error, undefined, `${label}: native ${result.failedAt} failed: ${result.error}\n${sdp}`);
        const offered = mLinePorts(sdp);
        const answered = mLinePorts(result.answer);
        assert.equal(answered.length, offered.length, `${label}: m-lines in the answer\n${result.answer}`);
        assert.deepEqual(
          answered.map((port, i) => (port === 0 ? `m-line ${i} rejected` : 'accepted')),
          answered.map(() => 'accepted'),
          `${label}: answer\n${result.answer}`,
        );
      }
    });

    test('our offer has the structure Chromium emits', async () => {
      const ours = await offers('polyfill', name);
      const native = await offers('native', name);
      assert.equal(ours.length, native.length, 'number of offers made');
      for (const [index, sdp] of ours.entries()) {
        assert.deepEqual(
          offerStructure(sdp),
          offerStructure(native[index]),
          `offer ${index + 1} of ${ours.length} (ours, then Chromium's):\n${sdp}\n${native[index]}`,
        );
      }
    });
  });
}

test('ice-restart-second-offer: the restarted offer has new ICE credentials', async () => {
  const [first, second] = await offers('polyfill', 'ice-restart-second-offer');
  const credentials = (sdp) => sdp.split('\r\n').filter((line) => /^a=ice-(ufrag|pwd):/.test(line));
  assert.equal(credentials(first).length, 2);
  for (const line of credentials(second)) {
    assert.ok(!credentials(first).includes(line), `${line} was not renewed`);
  }
});

test('no page errors', () => {
  assert.deepEqual(page.problems, []);
});
