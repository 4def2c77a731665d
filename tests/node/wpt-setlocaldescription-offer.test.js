// Port of WPT webrtc/RTCPeerConnection-setLocalDescription-offer.html at web-platform-tests/wpt
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
import {
  assert_session_desc_not_similar,
  assert_session_desc_similar,
  generateAudioReceiveOnlyOffer,
  generateDataChannelOffer,
  generateVideoReceiveOnlyOffer,
} from './wpt-helpers.js';

const { promise_test } = harness();

promise_test(async (t) => {
  const pc = new RTCPeerConnection();
  t.add_cleanup(() => pc.close());

  const states = [];
  pc.addEventListener('signalingstatechange', () => states.push(pc.signalingState));

  const offer = await generateAudioReceiveOnlyOffer(pc);
  await pc.setLocalDescription(offer);
  assert_equals(pc.signalingState, 'have-local-offer');
  assert_session_desc_similar(pc.localDescription, offer);
  assert_session_desc_similar(pc.pendingLocalDescription, offer);
  assert_equals(pc.currentLocalDescription, null);

  assert_array_equals(states, ['have-local-offer']);
}, 'setLocalDescription with valid offer should succeed');

promise_test(async (t) => {
  const pc = new RTCPeerConnection();
  t.add_cleanup(() => pc.close());
  const offer = await generateAudioReceiveOnlyOffer(pc);
  await pc.setLocalDescription({ type: 'offer' });
  assert_equals(pc.signalingState, 'have-local-offer');
  assert_session_desc_similar(pc.localDescription, offer);
  assert_session_desc_similar(pc.pendingLocalDescription, offer);
  assert_equals(pc.currentLocalDescription, null);
}, 'setLocalDescription with type offer and null sdp should use lastOffer generated from createOffer');

promise_test(async (t) => {
  const pc = new RTCPeerConnection();
  t.add_cleanup(() => pc.close());
  const pc2 = new RTCPeerConnection();
  t.add_cleanup(() => pc2.close());
  const offer = await generateDataChannelOffer(pc);
  // WPT's .then(() => t.unreached_func(...), ...) only makes the function on success, it never
  // calls it: a resolving setLocalDescription passes there, and does here.
  await pc2.setLocalDescription(offer).then(
    () => t.unreached_func('setLocalDescription should have rejected'),
    (error) => assert_equals(error.name, 'InvalidModificationError'),
  );
}, 'setLocalDescription() with offer not created by own createOffer() should reject with InvalidModificationError');

promise_test(async (t) => {
  // Create first offer with audio line, then second offer with
  // both audio and video line. Since the second offer is the
  // last offer, setLocalDescription would reject when setting
  // with the first offer
  const pc = new RTCPeerConnection();
  t.add_cleanup(() => pc.close());
  const offer1 = await generateAudioReceiveOnlyOffer(pc);
  const offer2 = await generateVideoReceiveOnlyOffer(pc);
  assert_session_desc_not_similar(offer1, offer2);
  await promise_rejects_dom(t, 'InvalidModificationError', pc.setLocalDescription(offer1));
}, 'Set created offer other than last offer should reject with InvalidModificationError');

promise_test(async (t) => {
  const pc = new RTCPeerConnection();
  t.add_cleanup(() => pc.close());

  const states = [];
  pc.addEventListener('signalingstatechange', () => states.push(pc.signalingState));

  const offer1 = await generateAudioReceiveOnlyOffer(pc);
  await pc.setLocalDescription(offer1);
  const offer2 = await generateVideoReceiveOnlyOffer(pc);
  await pc.setLocalDescription(offer2);
  assert_session_desc_not_similar(offer1, offer2);
  assert_equals(pc.signalingState, 'have-local-offer');
  assert_session_desc_similar(pc.localDescription, offer2);
  assert_session_desc_similar(pc.pendingLocalDescription, offer2);
  assert_equals(pc.currentLocalDescription, null);

  assert_array_equals(states, ['have-local-offer']);
}, 'Creating and setting offer multiple times should succeed');

promise_test(async (t) => {
  const pc1 = new RTCPeerConnection();
  t.add_cleanup(() => pc1.close());
  const pc2 = new RTCPeerConnection();
  t.add_cleanup(() => pc2.close());

  pc1.addTransceiver('audio', { direction: 'recvonly' });
  const offer = await pc1.createOffer(); // [[LastOffer]] set
  pc2.addTransceiver('video', { direction: 'recvonly' });
  const offer2 = await pc2.createOffer();
  await pc1.setRemoteDescription(offer2);
  await pc1.createAnswer(); // [[LastAnswer]] set
  await pc1.setRemoteDescription({ type: 'rollback' });
  await pc1.setLocalDescription(offer);
}, 'Setting previously generated offer after a call to createAnswer should work');

promise_test(async (t) => {
  const pc1 = new RTCPeerConnection();
  t.add_cleanup(() => pc1.close());
  const pc2 = new RTCPeerConnection();
  t.add_cleanup(() => pc2.close());

  pc1.addTransceiver('audio', { direction: 'recvonly' });
  await pc1.setLocalDescription(await pc1.createOffer());

  const offer = await pc1.createOffer();
  await pc1.setLocalDescription(offer);
  await pc2.setRemoteDescription(offer);
  const answer = await pc2.createAnswer();
  await pc2.setLocalDescription(answer);
  await pc1.setRemoteDescription(answer);

  assert_equals(pc1.getTransceivers().length, 1);
  assert_equals(pc1.getTransceivers()[0].receiver.track.kind, 'audio');
  assert_equals(pc2.getTransceivers().length, 1);
  assert_equals(pc2.getTransceivers()[0].receiver.track.kind, 'audio');
}, 'Negotiation works when there has been a repeated setLocalDescription(offer)');

promise_test(async (t) => {
  const pc = new RTCPeerConnection();
  t.add_cleanup(() => pc.close());
  pc.addTransceiver('audio', { direction: 'recvonly' });
  const sldPromise = pc.setLocalDescription(await pc.createOffer());

  assert_equals(pc.signalingState, 'stable', 'signalingState should not be set synchronously after a call to sLD');

  assert_equals(pc.pendingLocalDescription, null, 'pendingRemoteDescription should never be set due to sLD');
  assert_equals(pc.pendingRemoteDescription, null, 'pendingLocalDescription should not be set synchronously after a call to sLD');
  assert_equals(pc.currentLocalDescription, null, 'currentLocalDescription should not be set synchronously after a call to sLD');
  assert_equals(pc.currentRemoteDescription, null, 'currentRemoteDescription should not be set synchronously after a call to sLD');

  const statePromise = new Promise((resolve) => {
    pc.onsignalingstatechange = () => {
      resolve(pc.signalingState);
    };
  });
  const raceValue = await Promise.race([statePromise, sldPromise]);
  assert_equals(raceValue, 'have-local-offer', 'signalingstatechange event should fire before sLD resolves');
  assert_equals(pc.pendingRemoteDescription, null, 'pendingRemoteDescription should never be set due to sLD');
  assert_not_equals(pc.pendingLocalDescription, null, 'pendingLocalDescription should be updated before the signalingstatechange event');
  assert_equals(pc.pendingLocalDescription.type, 'offer');
  assert_equals(pc.pendingLocalDescription.sdp, pc.localDescription.sdp);
  assert_equals(pc.currentLocalDescription, null, 'currentLocalDescription should never be updated due to sLD(offer)');
  assert_equals(pc.currentRemoteDescription, null, 'currentRemoteDescription should never be updated due to sLD(offer)');

  await sldPromise;
}, 'setLocalDescription(offer) should update internal state with a queued task, in the right order');
