// Our answers against Chromium's own RTCPeerConnection, live, scenario by scenario
// (the Chromium-to-Chromium scenarios of shared/reference-answers/): a native offerer's offer is
// answered by our connection and by a native one making the same calls, and
// - the native offerer takes our answer and reaches 'stable', rejecting no m-line Chromium accepts;
// - our answer has the structure of Chromium's, and equals it line for line once random values are masked;
// - our answerer ends in Chromium's state (transceivers) after firing Chromium's events.
// Then two of our connections negotiate both ways, and ours switches roles with a native one.
// Our offers answered by Chromium are tests/browser/interop.test.js's.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { answerStructure, maskedLines, offerStructure, sdpSections, startBrowser } from './harness.js';
import { answerScenarios } from './pages/answer-scenarios.js';

const REFERENCE_ANSWERS = fileURLToPath(new URL('../../../shared/reference-answers/', import.meta.url));
const NAMES = Object.keys(answerScenarios);
const noReferences = !existsSync(REFERENCE_ANSWERS) && 'no ../shared beside the repository';
const reference = (file) => readFileSync(`${REFERENCE_ANSWERS}${file}`, 'utf8');

let env;
let page;

before(async () => {
  env = await startBrowser({ fakeMedia: true });
  page = await env.openPage('/tests/browser/pages/answer-interop.html');
});

after(async () => {
  await env?.close();
});

// Each scenario runs once; its tests share the result.
const runs = new Map();
function run(name) {
  if (!runs.has(name)) runs.set(name, page.evaluate((n) => window.runAnswerScenario(n), name));
  return runs.get(name);
}

/** The run, or a failure naming the step that threw. */
async function ran(name) {
  const result = await run(name);
  assert.equal(result.error, undefined, `${name}: ${result.failedAt} failed: ${result.error}`);
  return result;
}

const REVERSED = { sendrecv: 'sendrecv', sendonly: 'recvonly', recvonly: 'sendonly', inactive: 'inactive' };

test('the scenarios are the Chromium-to-Chromium ones of reference-answers/SOURCE.txt', { skip: noReferences }, () => {
  const source = reference('SOURCE.txt');
  const chromiumPart = source.slice(0, source.indexOf('Foreign offers:'));
  const listed = [...chromiumPart.matchAll(/^- ([a-z0-9-]+):/gm)].map((m) => m[1]);
  assert.equal(listed.length, 17);
  assert.deepEqual(NAMES, listed);
});

for (const name of NAMES) {
  describe(name, () => {
    test('the native offerer takes our answer: stable, the same m-lines accepted as Chromium accepts', async () => {
      const { answers, offerer, answered } = await ran(name);
      assert.equal(offerer.signalingState, 'stable');
      const ports = (sdp) => answerStructure(sdp).sections.map((s) => s.port);
      const both = `ours, then Chromium's:\n${answers.ours}\n${answers.native}`;
      assert.deepEqual(ports(answers.ours), ports(answers.native), both);
      // Each offerer transceiver has our answer's direction, reversed (stopped ones are gone).
      const media = answered.filter((s) => s.port !== '0' && s.direction !== null);
      assert.deepEqual(offerer.transceivers, media.map((s) => `${s.mid} ${REVERSED[s.direction]}`));
    });

    test("our answer has the structure of Chromium's", async () => {
      const { answers } = await ran(name);
      assert.deepEqual(
        answerStructure(answers.ours),
        answerStructure(answers.native),
        `ours, then Chromium's:\n${answers.ours}\n${answers.native}`,
      );
    });

    test("our answer equals Chromium's line for line, random values masked", async () => {
      const { answers } = await ran(name);
      assert.deepEqual(maskedLines(answers.ours), maskedLines(answers.native));
    });

    test("our answerer ends in Chromium's state, after Chromium's events", async () => {
      const { states, events } = await ran(name);
      assert.deepEqual(states.ours, states.native);
      assert.deepEqual(events.ours, events.native);
    });

    test('live Chromium still does what the reference files recorded', { skip: noReferences }, async () => {
      const { offers, answers, states, events: liveEvents } = await ran(name);
      assert.deepEqual(offerStructure(offers.at(-1)), offerStructure(reference(`${name}.offer.sdp`)), 'the offer');
      assert.deepEqual(maskedLines(answers.native), maskedLines(reference(`${name}.answer.sdp`)), 'the answer');
      const { signalingState, transceivers, events } = JSON.parse(reference(`${name}.state.json`));
      assert.deepEqual(states.native, { signalingState, transceivers });
      // state.json shows a track event's streams only as present or not, and not in renegotiations.
      const tracksOnly = (list) => list.map((e) => e.replace(/^(track \S+ mid=\S+) .*$/, '$1'));
      assert.deepEqual(tracksOnly(liveEvents.native), tracksOnly(events));
    });
  });
}

describe('two connections of this package', () => {
  test('audio+video+data, both send: negotiate, then renegotiate the other way', async () => {
    const result = await page.evaluate(() => window.packagePair());
    assert.equal(result.error, undefined, result.error);
    const { first, afterFirst, second, afterSecond, tracks, sctp } = result;
    assert.deepEqual(afterFirst, {
      a: ['0 audio sendrecv sendrecv', '1 video sendrecv sendrecv'],
      b: ['0 audio sendrecv sendrecv', '1 video sendrecv sendrecv'],
      states: ['stable', 'stable'],
    });
    assert.deepEqual(afterSecond, {
      a: ['0 audio sendrecv sendrecv', '1 video sendrecv sendrecv'],
      b: ['0 audio sendrecv sendrecv', '1 video sendrecv sendrecv'],
      states: ['stable', 'stable'],
    });
    const both = ['audio mid=0 streams=1', 'video mid=1 streams=1'];
    assert.deepEqual(tracks, { a: both, b: both });
    assert.deepEqual(sctp, ['connecting', 'connecting']);
    const setup = (sdp) => sdp.split('\r\n').filter((line) => line.startsWith('a=setup:'));
    assert.deepEqual(setup(first.offer), ['a=setup:actpass', 'a=setup:actpass', 'a=setup:actpass']);
    assert.deepEqual(setup(first.answer), ['a=setup:active', 'a=setup:active', 'a=setup:active']);
    assert.deepEqual(setup(second.offer), ['a=setup:actpass', 'a=setup:actpass', 'a=setup:actpass']);
    assert.deepEqual(setup(second.answer), ['a=setup:passive', 'a=setup:passive', 'a=setup:passive']);
    const mids = (sdp) => sdp.split('\r\n').filter((line) => line.startsWith('a=mid:'));
    assert.deepEqual(mids(second.offer), mids(first.offer));
  });
});

/** `sdp` without the a=rtcp lines of the sections whose a=mid line is one of `midLines`. */
function withoutRtcpIn(sdp, midLines) {
  const { session, media } = sdpSections(sdp);
  const kept = media.map((lines) =>
    lines.some((line) => midLines.includes(line)) ? lines.filter((line) => !line.startsWith('a=rtcp:')) : lines,
  );
  return [...session, ...kept.flat(), ''].join('\r\n');
}

describe('role switch: a native offerer, our answer, our next offer, the native answer', () => {
  test("ours and Chromium's make the same descriptions and reach the same states", async () => {
    const ours = await page.evaluate(() => window.roleSwitch('polyfill'));
    const native = await page.evaluate(() => window.roleSwitch('native'));
    assert.equal(native.error, undefined, `the script runs on Chromium: ${native.error}`);
    assert.equal(ours.error, undefined, ours.error);
    // Our re-offer follows RFC 9429 §5.2.2 where Chromium does not (tests/reoffer.rs adjusts
    // Chromium's the same way): no a=rtcp in the sections an answer with rtcp-mux accepted.
    const answered = sdpSections(native.first.answer).media.map((lines) => lines.find((l) => l.startsWith('a=mid:')));
    const asRfc = { first: (sdp) => sdp, second: (sdp) => withoutRtcpIn(sdp, answered) };
    for (const round of ['first', 'second']) {
      const { offer, answer, ...states } = ours[round];
      const { offer: nativeOffer, answer: nativeAnswer, ...nativeStates } = native[round];
      assert.deepEqual(states, nativeStates, `${round} exchange: states`);
      assert.deepEqual(maskedLines(offer), maskedLines(asRfc[round](nativeOffer)), `${round} exchange: offer`);
      assert.deepEqual(maskedLines(answer), maskedLines(nativeAnswer), `${round} exchange: answer`);
    }
    assert.deepEqual(ours.second.states, ['stable', 'stable']);
    assert.deepEqual(ours.second.pc, [
      '0 audio sendrecv sendrecv',
      '1 video sendrecv sendrecv',
      '3 audio recvonly inactive',
    ]);
  });
});

test('no page errors', () => {
  assert.deepEqual(page.problems, []);
});
