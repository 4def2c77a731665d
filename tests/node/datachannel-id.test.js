// Data channel ids by DTLS role (RFC 8832 §6, webrtc-pc): null until an answer that accepts the
// data section fixes the role, then the lowest free id of the role's parity (odd when the answer is
// a=setup:active and we accept, even when it is passive and we connect), immediately for channels
// made afterwards.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RTCPeerConnection } from '../../pkg/index.js';
import { answerFor } from './helpers.js';

/** createOffer, setLocalDescription, then the answer `edit` makes of answerFor's. */
async function negotiate(pc, edit = (sdp) => sdp) {
  const offer = await pc.createOffer();
  await pc.setLocalDescription(offer);
  const { sdp } = answerFor(offer.sdp);
  await pc.setRemoteDescription({ type: 'answer', sdp: edit(sdp) });
}

test('an active answerer makes us the DTLS server: odd ids, the lowest free first', async () => {
  const pc = new RTCPeerConnection();
  const first = pc.createDataChannel('first');
  const fixed = pc.createDataChannel('fixed', { negotiated: true, id: 1 });
  const closed = pc.createDataChannel('closed');
  closed.close();
  assert.equal(first.id, null, 'no id before the role is known');
  await negotiate(pc);
  assert.deepEqual([first.id, fixed.id, closed.id], [3, 1, null]);
  assert.equal(pc.createDataChannel('later').id, 5, 'later channels get theirs at once');
  pc.close();
});

test('a passive answerer makes us the DTLS client: even ids', async () => {
  const pc = new RTCPeerConnection();
  const first = pc.createDataChannel('first');
  await negotiate(pc, (sdp) => sdp.replaceAll('a=setup:active', 'a=setup:passive'));
  assert.equal(first.id, 0);
  assert.equal(pc.createDataChannel('second').id, 2);
  // The role stays what the first answer made it.
  await negotiate(pc);
  assert.equal(pc.createDataChannel('third').id, 4);
  pc.close();
});

test('no ids while the answer rejects the data section', async () => {
  const pc = new RTCPeerConnection();
  const channel = pc.createDataChannel('chat');
  await negotiate(pc, (sdp) => sdp.replace('m=application 9 ', 'm=application 0 ').replace('a=group:BUNDLE 0', 'a=group:BUNDLE'));
  assert.equal(channel.id, null);
  assert.equal(pc.createDataChannel('later').id, null);
  pc.close();
});
