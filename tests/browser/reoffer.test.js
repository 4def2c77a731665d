// Offers after an answer, in Chromium 156: the core (driven directly through its wasm
// JsepSession) applies native Chromium's answer to its offer, and its next offers must have the
// structure of Chromium's own re-offers after the same answer (kinds, ports, mids,
// directions, codecs, header extensions, BUNDLE group), and native Chromium must take them.
// Also: Chromium's getCapabilities() lists equal pkg/capabilities.js, and answer errors cross
// the boundary as {name, message, errorDetail, sdpLineNumber}.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mLinePorts, offerStructure, sdpSections, startBrowser } from './harness.js';

let env;
let page;

before(async () => {
  env = await startBrowser();
  page = await env.openPage('/tests/browser/pages/reoffer.html');
});

after(async () => {
  await env?.close();
});

/** offerStructure plus each section's ports, header extension URIs and simulcast lines. */
function structure(sdp) {
  const { media } = sdpSections(sdp);
  return {
    ...offerStructure(sdp),
    ports: mLinePorts(sdp).map((port) => (port === 0 ? 0 : 'live')),
    extensions: media.map((lines) =>
      lines.filter((l) => l.startsWith('a=extmap:')).map((l) => l.split(' ')[1])),
    simulcast: media.map((lines) => lines.filter((l) => l.startsWith('a=rid:') || l.startsWith('a=simulcast:'))),
  };
}

const RID_EXTENSIONS = [
  'urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id',
  'urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id',
];

/**
 * Where our re-offers differ from Chromium's on purpose (README, Decisions): the RID extensions
 * stay while a section signals simulcast. Chromium drops them with an answer that declined
 * simulcast, and then refuses its own re-offer.
 */
const DEVIATIONS = {
  'simulcast-declined': (s) => ({
    ...s,
    extensions: s.extensions.map((uris) => {
      const at = uris.indexOf('urn:ietf:params:rtp-hdrext:sdes:mid') + 1;
      return [...uris.slice(0, at), ...RID_EXTENSIONS, ...uris.slice(at)];
    }),
  }),
};

const names = [
  'plain',
  'answer-drops-extensions',
  'answer-rejects-video-then-audio-added',
  'stop-after-answer',
  'simulcast-declined',
  'video-added-after-answer',
];

test('the page knows exactly these scenarios', async () => {
  assert.deepEqual(await page.evaluate(() => window.scenarioNames), names);
});

for (const name of names) {
  test(`${name}: our re-offers have Chromium's structure and Chromium answers them`, async () => {
    const native = await page.evaluate((n) => window.runNative(n), name);
    const ours = await page.evaluate((n) => window.runCore(n), name);
    assert.deepEqual(structure(ours.offer), structure(native.offer), 'the first offers');
    assert.equal(ours.reoffers.length, native.reoffers.length);
    for (const [i, reoffer] of ours.reoffers.entries()) {
      const adjust = DEVIATIONS[name] ?? ((s) => s);
      assert.deepEqual(
        structure(reoffer),
        adjust(structure(native.reoffers[i])),
        `re-offer ${i + 1} (ours, then Chromium's):\n${reoffer}\n${native.reoffers[i]}`,
      );
      const answer = ours.answers[i];
      assert.ok(answer.startsWith('v=0'), `native Chromium rejects our re-offer ${i + 1}: ${answer}\n${reoffer}`);
      assert.deepEqual(
        mLinePorts(answer).map((port) => port !== 0),
        mLinePorts(reoffer).map((port) => port !== 0),
        `Chromium answers every live m-line of re-offer ${i + 1}:\n${answer}`,
      );
    }
    // What the core reports of the answer: [id, mid, currentDirection, rejected, remoteStreamIds].
    for (const section of ours.negotiated) {
      assert.equal(section.length, 5);
      assert.deepEqual(section.map((member) => (Array.isArray(member) ? 'array' : typeof member)).slice(1), [
        'string',
        'string',
        'boolean',
        'array',
      ]);
    }
  });
}

test('the answer to a rejected video section stops it; the others are sendonly (the answer only receives)', async () => {
  const ours = await page.evaluate(() => window.runCore('answer-rejects-video-then-audio-added'));
  assert.deepEqual(ours.negotiated, [
    [1, '0', 'sendonly', false, []],
    [2, '1', 'inactive', true, []],
    [null, '2', 'sendrecv', false, []],
  ]);
});

test("getCapabilities() lists are pkg/capabilities.js's", async () => {
  const { native, ours } = await page.evaluate(() => window.capabilities());
  // Compared as JSON: member order too.
  assert.equal(JSON.stringify(ours), JSON.stringify(native));
});

test('answer errors cross the boundary as {name, message, errorDetail, sdpLineNumber}', async () => {
  const syntax = await page.evaluate(() => window.coreError('v=0\r\nbogus\r\n'));
  assert.deepEqual(Object.keys(syntax), ['name', 'message', 'errorDetail', 'sdpLineNumber']);
  assert.equal(syntax.name, 'OperationError');
  assert.equal(syntax.errorDetail, 'sdp-syntax-error');
  assert.equal(syntax.sdpLineNumber, 2);
  const state = await page.evaluate(() => {
    const error = window.coreError('v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n');
    return error;
  });
  assert.equal(state.name, 'InvalidAccessError');
  assert.equal('sdpLineNumber' in state, false, 'no line for a missing m-section');
});
