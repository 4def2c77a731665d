// Port of WPT webrtc/RTCPeerConnection-setRemoteDescription-offer.html at web-platform-tests/wpt
// commit 6c623dca54002d24673d9e3d7688f26faf651c83 (the file's last change before 2021-09-20; read
// from the snapshot of a2b6dd730232ba1145cc2f27279bffa4c186bdc4). Test names and assertions are
// WPT's. Not ported: 'sRD(reoffer) with candidates and without trickle works', which waits for
// ICE to connect (network).

import { RTCError, RTCPeerConnection } from '../../pkg/index.js';
import {
  assert_array_equals,
  assert_equals,
  assert_not_equals,
  assert_true,
  assert_unreached,
  harness,
  promise_rejects_dom,
} from './wpt-harness.js';
import {
  assert_session_desc_not_similar,
  assert_session_desc_similar,
  generateAudioReceiveOnlyOffer,
} from './wpt-helpers.js';

const { promise_test } = harness({
  'setRemoteDescription(invalidOffer) from have-local-offer does not undo rollback':
    'WPT bug at this commit: promise_rejects_dom(t, "RTCError", p), a name testharness.js refuses ("Test bug"), so it fails in every browser; ' +
    'and ours keeps the local offer when the remote offer is invalid (README Decisions, Implicit rollback)',
});

promise_test(async (t) => {
  const pc1 = new RTCPeerConnection();
  t.add_cleanup(() => pc1.close());
  pc1.createDataChannel('datachannel');

  const pc2 = new RTCPeerConnection();
  t.add_cleanup(() => pc2.close());

  const states = [];
  pc2.addEventListener('signalingstatechange', () => states.push(pc2.signalingState));

  const offer = await pc1.createOffer();
  await pc2.setRemoteDescription(offer);
  assert_equals(pc2.signalingState, 'have-remote-offer');
  assert_session_desc_similar(pc2.remoteDescription, offer);
  assert_session_desc_similar(pc2.pendingRemoteDescription, offer);
  assert_equals(pc2.currentRemoteDescription, null);

  assert_array_equals(states, ['have-remote-offer']);
}, 'setRemoteDescription with valid offer should succeed');

promise_test(async (t) => {
  const pc1 = new RTCPeerConnection();
  t.add_cleanup(() => pc1.close());
  pc1.createDataChannel('datachannel');

  const pc2 = new RTCPeerConnection();
  t.add_cleanup(() => pc2.close());

  const states = [];
  pc2.addEventListener('signalingstatechange', () => states.push(pc2.signalingState));

  const offer = await pc1.createOffer();
  await pc2.setRemoteDescription(offer);
  await pc2.setRemoteDescription(offer);
  assert_equals(pc2.signalingState, 'have-remote-offer');
  assert_session_desc_similar(pc2.remoteDescription, offer);
  assert_session_desc_similar(pc2.pendingRemoteDescription, offer);
  assert_equals(pc2.currentRemoteDescription, null);

  assert_array_equals(states, ['have-remote-offer']);
}, 'setRemoteDescription multiple times should succeed');

promise_test(async (t) => {
  const pc1 = new RTCPeerConnection();
  t.add_cleanup(() => pc1.close());
  pc1.createDataChannel('datachannel');

  const pc2 = new RTCPeerConnection();
  t.add_cleanup(() => pc2.close());

  const states = [];
  pc2.addEventListener('signalingstatechange', () => states.push(pc2.signalingState));

  const offer1 = await pc1.createOffer();
  await pc1.setLocalDescription(offer1);
  const offer2 = await generateAudioReceiveOnlyOffer(pc1);
  assert_session_desc_not_similar(offer1, offer2);
  await pc2.setRemoteDescription(offer1);
  await pc2.setRemoteDescription(offer2);
  assert_equals(pc2.signalingState, 'have-remote-offer');
  assert_session_desc_similar(pc2.remoteDescription, offer2);
  assert_session_desc_similar(pc2.pendingRemoteDescription, offer2);
  assert_equals(pc2.currentRemoteDescription, null);

  assert_array_equals(states, ['have-remote-offer']);
}, 'setRemoteDescription multiple times with different offer should succeed');

promise_test(async (t) => {
  const pc = new RTCPeerConnection();

  t.add_cleanup(() => pc.close());

  await pc.setRemoteDescription({
    type: 'offer',
    sdp: 'Invalid SDP',
  }).then(
    () => {
      assert_unreached('Expect promise to be rejected');
    },
    (err) => {
      assert_equals(err.errorDetail, 'sdp-syntax-error', 'Expect error detail field to set to sdp-syntax-error');
      assert_true(err instanceof RTCError, 'Expect err to be instance of RTCError');
    },
  );
}, 'setRemoteDescription(offer) with invalid SDP should reject with RTCError');

promise_test(async (t) => {
  const pc1 = new RTCPeerConnection();
  const pc2 = new RTCPeerConnection();
  t.add_cleanup(() => pc1.close());
  t.add_cleanup(() => pc2.close());
  await pc1.setLocalDescription(await pc1.createOffer());
  await pc1.setRemoteDescription(await pc2.createOffer());
  assert_equals(pc1.signalingState, 'have-remote-offer');
}, 'setRemoteDescription(offer) from have-local-offer should roll back and succeed');

promise_test(async (t) => {
  const pc1 = new RTCPeerConnection();
  const pc2 = new RTCPeerConnection();
  t.add_cleanup(() => pc1.close());
  t.add_cleanup(() => pc2.close());
  await pc1.setLocalDescription(await pc1.createOffer());
  const p = pc1.setRemoteDescription(await pc2.createOffer());
  await new Promise((r) => (pc1.onsignalingstatechange = r));
  assert_equals(pc1.signalingState, 'stable');
  assert_equals(pc1.pendingLocalDescription, null);
  assert_equals(pc1.pendingRemoteDescription, null);
  await new Promise((r) => (pc1.onsignalingstatechange = r));
  assert_equals(pc1.signalingState, 'have-remote-offer');
  assert_equals(pc1.pendingLocalDescription, null);
  assert_equals(pc1.pendingRemoteDescription.type, 'offer');
  await p;
}, 'setRemoteDescription(offer) from have-local-offer fires signalingstatechange twice');

promise_test(async (t) => {
  const pc1 = new RTCPeerConnection();
  t.add_cleanup(() => pc1.close());
  const pc2 = new RTCPeerConnection();
  t.add_cleanup(() => pc2.close());
  pc1.addTransceiver('audio', { direction: 'recvonly' });
  const srdPromise = pc2.setRemoteDescription(await pc1.createOffer());

  assert_equals(pc2.signalingState, 'stable', 'signalingState should not be set synchronously after a call to sRD');

  assert_equals(pc2.pendingRemoteDescription, null, 'pendingRemoteDescription should not be set synchronously after a call to sRD');
  assert_equals(pc2.currentRemoteDescription, null, 'currentRemoteDescription should not be set synchronously after a call to sRD');

  const statePromise = new Promise((resolve) => {
    pc2.onsignalingstatechange = () => {
      resolve(pc2.signalingState);
    };
  });

  const raceValue = await Promise.race([statePromise, srdPromise]);
  assert_equals(raceValue, 'have-remote-offer', 'signalingstatechange event should fire before sRD resolves');
  assert_not_equals(pc2.pendingRemoteDescription, null, 'pendingRemoteDescription should be updated before the signalingstatechange event');
  assert_equals(pc2.pendingRemoteDescription.type, 'offer');
  assert_equals(pc2.pendingRemoteDescription.sdp, pc2.remoteDescription.sdp);
  assert_equals(pc2.currentRemoteDescription, null, 'currentRemoteDescription should not be set after a call to sRD(offer)');

  await srdPromise;
}, 'setRemoteDescription(offer) in stable should update internal state with a queued task, in the right order');

promise_test(async (t) => {
  const pc1 = new RTCPeerConnection();
  t.add_cleanup(() => pc1.close());
  const pc2 = new RTCPeerConnection();
  t.add_cleanup(() => pc2.close());
  pc2.addTransceiver('audio', { direction: 'recvonly' });
  await pc2.setLocalDescription(await pc2.createOffer());

  // Implicit rollback!
  pc1.addTransceiver('audio', { direction: 'recvonly' });
  const srdPromise = pc2.setRemoteDescription(await pc1.createOffer());

  assert_equals(pc2.signalingState, 'have-local-offer', 'signalingState should not be set synchronously after a call to sRD');

  assert_equals(pc2.pendingRemoteDescription, null, 'pendingRemoteDescription should not be set synchronously after a call to sRD');
  assert_not_equals(pc2.pendingLocalDescription, null, 'pendingLocalDescription should not be set synchronously after a call to sRD');
  assert_equals(pc2.pendingLocalDescription.type, 'offer');
  assert_equals(pc2.pendingLocalDescription.sdp, pc2.localDescription.sdp);

  // First, we should go through stable (the implicit rollback part)
  const stablePromise = new Promise((resolve) => {
    pc2.onsignalingstatechange = () => {
      resolve(pc2.signalingState);
    };
  });

  let raceValue = await Promise.race([stablePromise, srdPromise]);
  assert_equals(raceValue, 'stable', 'signalingstatechange event should fire before sRD resolves');
  assert_equals(pc2.pendingLocalDescription, null, 'pendingLocalDescription should be updated before the signalingstatechange event');
  assert_equals(pc2.pendingRemoteDescription, null, 'pendingRemoteDescription should be updated before the signalingstatechange event');

  const haveRemoteOfferPromise = new Promise((resolve) => {
    pc2.onsignalingstatechange = () => {
      resolve(pc2.signalingState);
    };
  });

  raceValue = await Promise.race([haveRemoteOfferPromise, srdPromise]);
  assert_equals(raceValue, 'have-remote-offer', 'signalingstatechange event should fire before sRD resolves');
  assert_not_equals(pc2.pendingRemoteDescription, null, 'pendingRemoteDescription should be updated before the signalingstatechange event');
  assert_equals(pc2.pendingRemoteDescription.type, 'offer');
  assert_equals(pc2.pendingRemoteDescription.sdp, pc2.remoteDescription.sdp);
  assert_equals(pc2.pendingLocalDescription, null, 'pendingLocalDescription should be updated before the signalingstatechange event');

  await srdPromise;
}, 'setRemoteDescription(offer) in have-local-offer should update internal state with a queued task, in the right order');

promise_test(async (t) => {
  const pc1 = new RTCPeerConnection();
  const pc2 = new RTCPeerConnection();
  t.add_cleanup(() => pc1.close());
  t.add_cleanup(() => pc2.close());
  await pc1.setLocalDescription(await pc1.createOffer());
  const offer = await pc2.createOffer();
  const p1 = pc1.setLocalDescription({ type: 'rollback' });
  await new Promise((r) => (pc1.onsignalingstatechange = r));
  assert_equals(pc1.signalingState, 'stable');
  const p2 = pc1.addIceCandidate();
  const p3 = pc1.setRemoteDescription(offer);
  await promise_rejects_dom(t, 'InvalidStateError', p2);
  await p1;
  await p3;
  assert_equals(pc1.signalingState, 'have-remote-offer');
}, 'Naive rollback approach is not glare-proof (control)');

promise_test(async (t) => {
  const pc1 = new RTCPeerConnection();
  const pc2 = new RTCPeerConnection();
  t.add_cleanup(() => pc1.close());
  t.add_cleanup(() => pc2.close());
  await pc1.setLocalDescription(await pc1.createOffer());
  const p = pc1.setRemoteDescription(await pc2.createOffer());
  await new Promise((r) => (pc1.onsignalingstatechange = r));
  assert_equals(pc1.signalingState, 'stable');
  await pc1.addIceCandidate();
  await p;
  assert_equals(pc1.signalingState, 'have-remote-offer');
}, 'setRemoteDescription(offer) from have-local-offer is glare-proof');

promise_test(async (t) => {
  const pc1 = new RTCPeerConnection();
  const pc2 = new RTCPeerConnection();
  t.add_cleanup(() => pc1.close());
  t.add_cleanup(() => pc2.close());
  await pc1.setLocalDescription(await pc1.createOffer());
  const p = pc1.setRemoteDescription({ type: 'offer', sdp: 'Invalid SDP' });
  await new Promise((r) => (pc1.onsignalingstatechange = r));
  assert_equals(pc1.signalingState, 'stable');
  assert_equals(pc1.pendingLocalDescription, null);
  assert_equals(pc1.pendingRemoteDescription, null);
  await promise_rejects_dom(t, 'RTCError', p);
}, 'setRemoteDescription(invalidOffer) from have-local-offer does not undo rollback');

promise_test(async (t) => {
  const pc1 = new RTCPeerConnection();
  t.add_cleanup(() => pc1.close());
  const pc2 = new RTCPeerConnection();
  t.add_cleanup(() => pc2.close());
  pc1.addTransceiver('video');
  const offer = await pc1.createOffer();
  await pc2.setRemoteDescription(offer);
  assert_equals(pc2.getTransceivers().length, 1);
  await pc2.setRemoteDescription(offer);
  assert_equals(pc2.getTransceivers().length, 1);
  await pc1.setLocalDescription(offer);
  const answer = await pc2.createAnswer();
  await pc2.setLocalDescription(answer);
  await pc1.setRemoteDescription(answer);
}, 'repeated sRD(offer) works');

