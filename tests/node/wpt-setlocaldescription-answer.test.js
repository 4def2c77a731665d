// Port of WPT webrtc/RTCPeerConnection-setLocalDescription-answer.html at web-platform-tests/wpt
// commit 0bb325008775a952c0e58f5ad258c59a8733c799 (the file's last change before 2021-09-20; read
// from the snapshot of a2b6dd730232ba1145cc2f27279bffa4c186bdc4). Every test of the file. Test
// names and assertions are WPT's.

import { RTCPeerConnection } from '../../pkg/index.js';
import {
  assert_array_equals,
  assert_equals,
  assert_not_equals,
  harness,
  promise_rejects_dom,
} from './wpt-harness.js';
import { assert_session_desc_similar, generateAnswer, generateVideoReceiveOnlyOffer } from './wpt-helpers.js';

const WRONG_STATE =
  'InvalidStateError, as Chromium 156 names an answer in the wrong signaling state (README Decisions: its error names); webrtc-pc checks [[LastCreatedAnswer]] first';
const { promise_test } = harness({
  'Calling setLocalDescription(answer) from stable state should reject with InvalidModificationError': WRONG_STATE,
  'Calling setLocalDescription(answer) from have-local-offer state should reject with InvalidModificationError': WRONG_STATE,
});

promise_test(async (t) => {
  const pc = new RTCPeerConnection();
  t.add_cleanup(() => pc.close());

  const states = [];
  pc.addEventListener('signalingstatechange', () => states.push(pc.signalingState));

  const offer = await generateVideoReceiveOnlyOffer(pc);
  await pc.setRemoteDescription(offer);
  const answer = await pc.createAnswer();
  await pc.setLocalDescription(answer);
  assert_equals(pc.signalingState, 'stable');
  assert_session_desc_similar(pc.localDescription, answer);
  assert_session_desc_similar(pc.remoteDescription, offer);

  assert_session_desc_similar(pc.currentLocalDescription, answer);
  assert_session_desc_similar(pc.currentRemoteDescription, offer);

  assert_equals(pc.pendingLocalDescription, null);
  assert_equals(pc.pendingRemoteDescription, null);

  assert_array_equals(states, ['have-remote-offer', 'stable']);
}, 'setLocalDescription() with valid answer should succeed');

promise_test(async (t) => {
  const pc = new RTCPeerConnection();
  t.add_cleanup(() => pc.close());

  const offer = await generateVideoReceiveOnlyOffer(pc);
  await pc.setRemoteDescription(offer);
  const answer = await pc.createAnswer();
  await pc.setLocalDescription({ type: 'answer' });
  assert_equals(pc.signalingState, 'stable');
  assert_session_desc_similar(pc.localDescription, answer);
  assert_session_desc_similar(pc.remoteDescription, offer);

  assert_session_desc_similar(pc.currentLocalDescription, answer);
  assert_session_desc_similar(pc.currentRemoteDescription, offer);

  assert_equals(pc.pendingLocalDescription, null);
  assert_equals(pc.pendingRemoteDescription, null);
}, 'setLocalDescription() with type answer and null sdp should use lastAnswer generated from createAnswer');

promise_test(async (t) => {
  const pc = new RTCPeerConnection();
  t.add_cleanup(() => pc.close());

  const offer = await generateVideoReceiveOnlyOffer(pc);
  await pc.setRemoteDescription(offer);
  const answer = await generateAnswer(offer);
  // WPT's .then(() => t.unreached_func(...), ...) only makes the function on success, it never
  // calls it: a resolving setLocalDescription passes there, and does here.
  await pc.setLocalDescription(answer).then(
    () => t.unreached_func('setLocalDescription should have rejected'),
    (error) => assert_equals(error.name, 'InvalidModificationError'),
  );
}, 'setLocalDescription() with answer not created by own createAnswer() should reject with InvalidModificationError');

promise_test(async (t) => {
  const pc = new RTCPeerConnection();
  t.add_cleanup(() => pc.close());

  const offer = await pc.createOffer();
  await promise_rejects_dom(t, 'InvalidModificationError', pc.setLocalDescription({ type: 'answer', sdp: offer.sdp }));
}, 'Calling setLocalDescription(answer) from stable state should reject with InvalidModificationError');

promise_test(async (t) => {
  const pc = new RTCPeerConnection();
  t.add_cleanup(() => pc.close());

  const offer = await pc.createOffer();
  await pc.setLocalDescription(offer);
  const answer = await generateAnswer(offer);
  await promise_rejects_dom(t, 'InvalidModificationError', pc.setLocalDescription(answer));
}, 'Calling setLocalDescription(answer) from have-local-offer state should reject with InvalidModificationError');

promise_test(async (t) => {
  const pc1 = new RTCPeerConnection();
  t.add_cleanup(() => pc1.close());
  const pc2 = new RTCPeerConnection();
  t.add_cleanup(() => pc2.close());

  pc1.addTransceiver('audio', { direction: 'recvonly' });
  const offer = await pc1.createOffer();
  await pc2.setRemoteDescription(offer);
  const answer = await pc2.createAnswer(); // [[LastAnswer]] slot set
  await pc2.setRemoteDescription({ type: 'rollback' });
  pc2.addTransceiver('video', { direction: 'recvonly' });
  await pc2.createOffer(); // [[LastOffer]] slot set
  await pc2.setRemoteDescription(offer);
  await pc2.setLocalDescription(answer); // Should check against [[LastAnswer]], not [[LastOffer]]
}, 'Setting previously generated answer after a call to createOffer should work');

promise_test(async (t) => {
  const pc1 = new RTCPeerConnection();
  t.add_cleanup(() => pc1.close());
  const pc2 = new RTCPeerConnection();
  t.add_cleanup(() => pc2.close());

  pc1.addTransceiver('audio', { direction: 'recvonly' });
  await pc2.setRemoteDescription(await pc1.createOffer());
  const answer = await pc2.createAnswer();
  const sldPromise = pc2.setLocalDescription(answer);

  assert_equals(pc2.signalingState, 'have-remote-offer', 'signalingState should not be set synchronously after a call to sLD');

  assert_equals(pc2.pendingLocalDescription, null, 'pendingLocalDescription should never be set due to sLD(answer)');
  assert_not_equals(pc2.pendingRemoteDescription, null, 'pendingRemoteDescription should not be set synchronously after a call to sLD');
  assert_equals(pc2.pendingRemoteDescription.type, 'offer');
  assert_equals(pc2.remoteDescription.sdp, pc2.pendingRemoteDescription.sdp);
  assert_equals(pc2.currentLocalDescription, null, 'currentLocalDescription should not be set synchronously after a call to sLD');
  assert_equals(pc2.currentRemoteDescription, null, 'currentRemoteDescription should not be set synchronously after a call to sLD');

  const stablePromise = new Promise((resolve) => {
    pc2.onsignalingstatechange = () => {
      resolve(pc2.signalingState);
    };
  });
  const raceValue = await Promise.race([stablePromise, sldPromise]);
  assert_equals(raceValue, 'stable', 'signalingstatechange event should fire before sLD resolves');
  assert_equals(pc2.pendingLocalDescription, null, 'pendingLocalDescription should never be set due to sLD(answer)');
  assert_equals(pc2.pendingRemoteDescription, null, 'pendingRemoteDescription should be updated before the signalingstatechange event');
  assert_not_equals(pc2.currentLocalDescription, null, 'currentLocalDescription should be updated before the signalingstatechange event');
  assert_equals(pc2.currentLocalDescription.type, 'answer');
  assert_equals(pc2.currentLocalDescription.sdp, pc2.localDescription.sdp);
  assert_not_equals(pc2.currentRemoteDescription, null, 'currentRemoteDescription should be updated before the signalingstatechange event');
  assert_equals(pc2.currentRemoteDescription.type, 'offer');
  assert_equals(pc2.currentRemoteDescription.sdp, pc2.remoteDescription.sdp);

  await sldPromise;
}, 'setLocalDescription(answer) should update internal state with a queued task, in the right order');
