// Our offers against Chromium's own RTCPeerConnection, scenario by scenario:
// - native Chromium must accept each of our offers and answer it without rejecting any m-line;
// - our offer must have the structure Chromium emits for the same calls (m-line kinds, mids,
//   directions, codecs), so that drift from the browser shows up here first;
// - our setRemoteDescription must take Chromium's answers, and Chromium must accept our re-offers;
// - renegotiation scripts (stop, direction changes, rollback, restartIce, codec preferences) must
//   leave ours in exactly the states Chromium's own connection reaches with the same calls.

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

// Offer/answer exchanges: Chromium answers our offers, our setRemoteDescription takes its answers,
// and it accepts our re-offers.

const REVERSED = { sendrecv: 'sendrecv', sendonly: 'recvonly', recvonly: 'sendonly', inactive: 'inactive' };
const field = (section, i) => section.split(' ')[i];

describe('exchanges with a native answerer', () => {
  for (const name of NAMES) {
    test(`${name}: Chromium answers, we apply its answer, it accepts our re-offer`, async () => {
      const exchanges = await page.evaluate((n) => window.roundTrip(n), name);
      assert.equal(exchanges.length, 2);
      for (const [index, exchange] of exchanges.entries()) {
        const label = `${index === 0 ? 'offer' : 're-offer'}: ${JSON.stringify(exchange, null, 1)}`;
        assert.equal(exchange.error, undefined, label);
        assert.equal(exchange.local.signalingState, 'stable', label);
        assert.equal(exchange.remote.signalingState, 'stable', label);
        assert.deepEqual(exchange.answer.map((s) => field(s, 2)), exchange.offer.map((s) => field(s, 2)), `mids; ${label}`);
        assert.deepEqual(
          [...exchange.offer, ...exchange.answer].filter((s) => field(s, 1) === '0'),
          [],
          `no rejected m-line; ${label}`,
        );
        // Each of our transceivers has the answer's direction, reversed; Chromium's has it as is.
        const media = exchange.answer.filter((s) => field(s, 0) !== 'application');
        const offered = (mid) => field(exchange.offer.find((o) => field(o, 2) === mid), 3);
        assert.deepEqual(
          exchange.local.transceivers,
          media.map((s) => `${field(s, 2)} ${offered(field(s, 2))} ${REVERSED[field(s, 3)]}`),
          `our transceivers: mid, direction, currentDirection; ${label}`,
        );
        assert.deepEqual(
          exchange.remote.transceivers.map((t) => `${t.split(' ')[0]} ${t.split(' ')[2]}`),
          media.map((s) => `${field(s, 2)} ${field(s, 3)}`),
          `Chromium's transceivers: mid, currentDirection; ${label}`,
        );
      }
      assert.deepEqual(exchanges[1].offer, exchanges[0].offer, 'the re-offer describes the same sections');
    });
  }
});

describe('renegotiation, ours and Chromium side by side (both answered by Chromium)', () => {
  const names = [
    'stop, then recycle the m-line',
    'direction changes after an answer',
    'remote sends back',
    'rollback, then the exchange',
    'restartIce()',
    'codec preferences',
  ];
  for (const name of names) {
    test(name, async () => {
      const ours = await page.evaluate(([n]) => window.renegotiate('polyfill', n), [name]);
      const native = await page.evaluate(([n]) => window.renegotiate('native', n), [name]);
      assert.ok(!native.some((step) => step.error !== undefined), `the script runs on Chromium: ${JSON.stringify(native)}`);
      assert.deepEqual(ours, native);
    });
  }

  test('the traces say what they should', async () => {
    const stop = await page.evaluate(() => window.renegotiate('polyfill', 'stop, then recycle the m-line'));
    assert.deepEqual(
      stop.map((step) => [step.label, step.offer, step.answer, step.audio, step.local.transceivers]),
      [
        ['first', ['audio 9 0 sendrecv'], ['audio 9 0 recvonly'], undefined, ['0 sendrecv sendonly']],
        ['stopped', undefined, undefined, '0 stopped sendonly', ['0 stopped sendonly']],
        ['stop negotiated', ['audio 0 0 inactive'], ['audio 0 0 inactive'], undefined, []],
        ['the stopped one', undefined, undefined, 'null stopped stopped', []],
        ['recycled', ['video 9 1 sendrecv'], ['video 9 1 recvonly'], undefined, ['1 sendrecv sendonly']],
      ],
    );
    const restart = await page.evaluate(() => window.renegotiate('polyfill', 'restartIce()'));
    assert.deepEqual(
      restart.map((step) => [step.label, step.newUfrag]),
      [
        ['first', undefined],
        ['restarted', true],
        ['after', false],
      ],
    );
    const codecs = await page.evaluate(() => window.renegotiate('polyfill', 'codec preferences'));
    assert.match(codecs[0].offerFirst, / H264\/90000$/);
    assert.match(codecs[0].answerFirst, / H264\/90000$/);
  });
});

test('no page errors', () => {
  assert.deepEqual(page.problems, []);
});
