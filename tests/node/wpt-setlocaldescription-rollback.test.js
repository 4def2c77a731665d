// Port of WPT webrtc/RTCPeerConnection-setLocalDescription-rollback.html at web-platform-tests/wpt
// commit 6c623dca54002d24673d9e3d7688f26faf651c83 (the file's last change before 2021-09-20; read
// from the snapshot of a2b6dd730232ba1145cc2f27279bffa4c186bdc4). Every test of the file. Test
// names (typo included) and assertions are WPT's.

import { RTCPeerConnection } from '../../pkg/index.js';
import {
  assert_array_equals,
  assert_equals,
  assert_not_equals,
  harness,
  promise_rejects_dom,
} from './wpt-harness.js';
import { generateAudioReceiveOnlyOffer } from './wpt-helpers.js';

const { promise_test } = harness();

promise_test(async (t) => {
  const pc = new RTCPeerConnection();
  t.add_cleanup(() => pc.close());

  const states = [];
  pc.addEventListener('signalingstatechange', () => states.push(pc.signalingState));

  const offer = await pc.createOffer();
  await pc.setLocalDescription(offer);
  assert_equals(pc.signalingState, 'have-local-offer');
  assert_not_equals(pc.localDescription, null);
  assert_not_equals(pc.pendingLocalDescription, null);
  assert_equals(pc.currentLocalDescription, null);

  await pc.setLocalDescription({ type: 'rollback' });
  assert_equals(pc.signalingState, 'stable');
  assert_equals(pc.localDescription, null);
  assert_equals(pc.pendingLocalDescription, null);
  assert_equals(pc.currentLocalDescription, null);

  assert_array_equals(states, ['have-local-offer', 'stable']);
}, 'setLocalDescription(rollback) from have-local-offer state should reset back to stable state');

promise_test((t) => {
  const pc = new RTCPeerConnection();
  t.add_cleanup(() => pc.close());
  return promise_rejects_dom(t, 'InvalidStateError', pc.setLocalDescription({ type: 'rollback' }));
}, `setLocalDescription(rollback) from stable state should reject with InvalidStateError`);

promise_test(async (t) => {
  const pc = new RTCPeerConnection();
  t.add_cleanup(() => pc.close());
  const offer = await generateAudioReceiveOnlyOffer(pc);
  await pc.setRemoteDescription(offer);
  const answer = await pc.createAnswer();
  await pc.setLocalDescription(answer);
  await promise_rejects_dom(t, 'InvalidStateError', pc.setLocalDescription({ type: 'rollback' }));
}, `setLocalDescription(rollback) after setting answer description should reject with InvalidStateError`);

promise_test(async (t) => {
  const pc = new RTCPeerConnection();
  t.add_cleanup(() => pc.close());
  const offer = await pc.createOffer();
  await pc.setLocalDescription(offer);
  await pc.setLocalDescription({
    type: 'rollback',
    sdp: '!<Invalid SDP Content>;',
  });
}, `setLocalDescription(rollback) should ignore invalid sdp content and succeed`);

promise_test(async (t) => {
  const pc = new RTCPeerConnection();
  t.add_cleanup(() => pc.close());
  pc.addTransceiver('audio', { direction: 'recvonly' });
  await pc.setLocalDescription(await pc.createOffer());
  const sldPromise = pc.setLocalDescription({ type: 'rollback' });

  assert_equals(pc.signalingState, 'have-local-offer', 'signalingState should not be set synchronously after a call to sLD');

  assert_not_equals(pc.pendingLocalDescription, null, 'pendingLocalDescription should not be set synchronously after a call to sLD');
  assert_equals(pc.pendingLocalDescription.type, 'offer');
  assert_equals(pc.pendingLocalDescription.sdp, pc.localDescription.sdp);
  assert_equals(pc.pendingRemoteDescription, null, 'pendingRemoteDescription should never be set due to sLD(offer)');

  const stablePromise = new Promise((resolve) => {
    pc.onsignalingstatechange = () => {
      resolve(pc.signalingState);
    };
  });
  const raceValue = await Promise.race([stablePromise, sldPromise]);
  assert_equals(raceValue, 'stable', 'signalingstatechange event should fire before sLD resolves');
  assert_equals(pc.pendingLocalDescription, null, 'pendingLocalDescription should be updated before the signalingstatechange event');
  assert_equals(pc.pendingRemoteDescription, null, 'pendingRemoteDescription should never be set due to sLD(offer)');

  await sldPromise;
}, 'setLocalDescription(rollback) should update internal state with a queued tassk, in the right order');
