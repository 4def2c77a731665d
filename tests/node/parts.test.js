// The wasm core's parts (pkg/core.js): a connection's session starts in the main part, which
// cannot read SDP, and moves to the full part (pkg/apply.js upgradeSession) when a description
// must be read, by replaying its state-changing calls with the random bytes it drew. Whatever
// the main part did must look the same afterwards.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RTCPeerConnection } from '../../pkg/index.js';
import { answerFor, linesStarting } from './helpers.js';

/** The lines of `sdp` that no later offer of the same session may change (o= aside). */
const stable = (sdp) =>
  sdp.split('\r\n').filter((line) => /^(a=ice-ufrag|a=ice-pwd|a=mid|a=ssrc|a=msid|a=fingerprint|m=)/.test(line));

test('offers, rollbacks and an ICE restart made in the main part survive the move to the full part', async () => {
  const pc = new RTCPeerConnection();
  pc.addTransceiver('audio');
  await pc.setLocalDescription(await pc.createOffer());
  await pc.setLocalDescription({ type: 'rollback' });
  pc.restartIce();
  pc.addTransceiver('video');
  pc.createDataChannel('chat');
  const offer = await pc.createOffer();
  await pc.setLocalDescription(offer);
  // The answer is read by the full part: the session moves there with what happened above.
  await pc.setRemoteDescription(answerFor(offer.sdp));
  assert.equal(pc.signalingState, 'stable');
  assert.equal(pc.currentLocalDescription.sdp, offer.sdp);
  const next = await pc.createOffer();
  assert.deepEqual(stable(next.sdp), stable(offer.sdp), 'the same credentials, mids, SSRCs and msids');
  const [, id, version] = linesStarting(offer.sdp, 'o=')[0].split(' ');
  assert.deepEqual(linesStarting(next.sdp, 'o=')[0].split(' ').slice(1, 3), [id, String(Number(version) + 1)]);
  assert.deepEqual(
    pc.getTransceivers().map((t) => `a=mid:${t.mid}`),
    linesStarting(offer.sdp, 'a=mid:').slice(0, 2),
  );
  pc.close();
});

test('a munged offer is applied by the full part, from the main part’s offer', async () => {
  const pc = new RTCPeerConnection();
  pc.addTransceiver('audio');
  const offer = await pc.createOffer();
  const munged = offer.sdp.replace('a=ice-options:trickle\r\n', '');
  await pc.setLocalDescription({ type: 'offer', sdp: munged });
  assert.equal(pc.localDescription.sdp, munged);
  assert.equal(linesStarting((await pc.createOffer()).sdp, 'a=ice-ufrag:')[0], linesStarting(offer.sdp, 'a=ice-ufrag:')[0]);
  pc.close();
});
