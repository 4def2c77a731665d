// Data channel ids after an answer, side by side with Chromium 156's own RTCPeerConnection: the
// same channels on a native offerer and on ours, answered by a native connection (a=setup:active,
// so the offerer is the DTLS server). Both give odd ids once the role is known; webrtc-pc (and
// WPT RTCDataChannel-id) give the channels made before the answer theirs when it is applied, while
// Chromium waits for the SCTP association, which never comes here (README, Decisions).

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowser } from './harness.js';

let env;
let page;

before(async () => {
  env = await startBrowser();
  page = await env.openPage('/tests/browser/pages/native.html');
});

after(async () => {
  await env?.close();
});

function runInPage(which) {
  return page.evaluate(async (which) => {
    const Native = window.RTCPeerConnection;
    const PC = which === 'native' ? Native : (await import('/pkg/index.js')).RTCPeerConnection;
    const pc1 = new PC();
    const first = pc1.createDataChannel('first');
    const fixed = pc1.createDataChannel('fixed', { negotiated: true, id: 1 });
    const before = [first.id, fixed.id];
    const sctpBefore = pc1.sctp;
    const offer = await pc1.createOffer();
    await pc1.setLocalDescription(offer);
    const pc2 = new Native();
    await pc2.setRemoteDescription(offer);
    const answer = await pc2.createAnswer();
    await pc2.setLocalDescription(answer);
    await pc1.setRemoteDescription(answer);
    const after = [first.id, fixed.id, pc1.createDataChannel('later').id];
    // Not the ICE role: Chromium 156 answers null, outside the RTCIceRole enumeration.
    const sctp = [sctpBefore, pc1.sctp?.maxMessageSize, pc1.sctp?.maxChannels];
    pc1.close();
    pc2.close();
    return { before, after, sctp, setup: answer.sdp.match(/a=setup:(\w+)/)[1] };
  }, which);
}

test('after an active answer: odd ids, the lowest free first, and the same pc.sctp values', async () => {
  const native = await runInPage('native');
  const sctp = [null, 262144, null];
  assert.deepEqual(native, { before: [null, 1], after: [null, 1, 3], sctp, setup: 'active' });
  assert.deepEqual(await runInPage('ours'), { before: [null, 1], after: [3, 1, 5], sctp, setup: 'active' });
});
