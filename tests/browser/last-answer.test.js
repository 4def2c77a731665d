// [[LastCreatedAnswer]] across a rollback and a new remote offer, ours beside Chromium 156's own
// connection in one page: an answer created for an offer that was rolled back still applies when
// the same offer comes again (webrtc-pc keeps the slot; WPT "Setting previously generated answer
// after a call to createOffer should work"), does not fit another offer (the error leaves the
// connection usable), and an implicit setLocalDescription() after another offer answers that one.

import { after, before, test } from 'node:test';
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

/**
 * Runs `scenario` on `which` ('ours' or 'native') in the page: pc2 answers an audio offer, rolls
 * it back, makes an offer of its own, then gets `again` ('same' offer or 'another': video and
 * data) and applies the old answer (`apply` 'old') or an implicit one ('implicit'). Resolves to
 * what the page saw.
 */
function run(which, again, apply) {
  return page.evaluate(async ({ which, again, apply }) => {
    const { PC } = window.classesFor(which);
    const [pc1, pc2, pc3] = [new PC(), new PC(), new PC()];
    try {
      pc1.addTransceiver('audio', { direction: 'recvonly' });
      const offer = await pc1.createOffer();
      pc3.addTransceiver('video');
      pc3.createDataChannel('data');
      const another = await pc3.createOffer();
      await pc2.setRemoteDescription(offer);
      const answer = await pc2.createAnswer();
      await pc2.setRemoteDescription({ type: 'rollback' });
      pc2.addTransceiver('video', { direction: 'recvonly' });
      await pc2.createOffer();
      await pc2.setRemoteDescription(again === 'same' ? offer : another);
      const kinds = (sdp) => (sdp.match(/^m=\S+/gm) ?? []).map((m) => m.slice(2));
      let error = null;
      try {
        await (apply === 'old' ? pc2.setLocalDescription(answer) : pc2.setLocalDescription());
      } catch (e) {
        error = e.name;
      }
      const seen = { error, state: pc2.signalingState, local: pc2.localDescription && kinds(pc2.localDescription.sdp) };
      if (error !== null) {
        // Still usable: a fresh answer applies.
        await pc2.setLocalDescription(await pc2.createAnswer());
        seen.after = { state: pc2.signalingState, local: kinds(pc2.localDescription.sdp) };
      }
      return seen;
    } finally {
      for (const pc of [pc1, pc2, pc3]) pc.close();
    }
  }, { which, again, apply });
}

test('an answer created before a rollback applies to the same offer again', async () => {
  const ours = await run('ours', 'same', 'old');
  assert.deepEqual(ours, { error: null, state: 'stable', local: ['audio'] });
  assert.deepEqual(await run('native', 'same', 'old'), ours);
});

test('an answer created before a rollback does not fit another offer, and the connection stays usable', async () => {
  const ours = await run('ours', 'another', 'old');
  assert.deepEqual(ours, {
    error: 'InvalidAccessError',
    state: 'have-remote-offer',
    local: null,
    after: { state: 'stable', local: ['video', 'application'] },
  });
  assert.deepEqual(await run('native', 'another', 'old'), ours);
});

test('an implicit setLocalDescription() after another offer answers that offer', async () => {
  const ours = await run('ours', 'another', 'implicit');
  assert.deepEqual(ours, { error: null, state: 'stable', local: ['video', 'application'] });
  assert.deepEqual(await run('native', 'another', 'implicit'), ours);
});
