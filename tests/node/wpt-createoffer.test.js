// Port of WPT webrtc/RTCPeerConnection-createOffer.html at web-platform-tests/wpt commit
// b7f2dd315a8d84ce786f6336510ee51423011009 (the file's last change before 2021-09-20; read from
// the snapshot of a2b6dd730232ba1145cc2f27279bffa4c186bdc4). Every test of the file. Test names
// and assertions are WPT's.

import { RTCPeerConnection, RTCSessionDescription } from '../../pkg/index.js';
import {
  assert_array_equals,
  assert_equals,
  assert_false,
  harness,
  promise_rejects_dom,
} from './wpt-harness.js';
import { assert_session_desc_similar, countAudioLine, generateVideoReceiveOnlyOffer } from './wpt-helpers.js';

const { promise_test } = harness();

promise_test(async (t) => {
  const pc = new RTCPeerConnection();
  t.add_cleanup(() => pc.close());

  const offer = await pc.createOffer();
  assert_equals(typeof offer, 'object', 'Expect offer to be plain object dictionary RTCSessionDescriptionInit');

  assert_false(offer instanceof RTCSessionDescription, 'Expect offer to not be instance of RTCSessionDescription');
}, 'createOffer() with no argument from newly created RTCPeerConnection should succeed');

promise_test(async (t) => {
  const pc = new RTCPeerConnection();
  t.add_cleanup(() => pc.close());

  const states = [];
  pc.addEventListener('signalingstatechange', () => states.push(pc.signalingState));

  const offer = await generateVideoReceiveOnlyOffer(pc);
  await pc.setLocalDescription(offer);
  assert_equals(pc.signalingState, 'have-local-offer');
  assert_session_desc_similar(pc.localDescription, offer);
  assert_session_desc_similar(pc.pendingLocalDescription, offer);
  assert_equals(pc.currentLocalDescription, null);

  assert_array_equals(states, ['have-local-offer']);
}, 'createOffer() and then setLocalDescription() should succeed');

promise_test((t) => {
  const pc = new RTCPeerConnection();
  t.add_cleanup(() => pc.close());

  pc.close();

  return promise_rejects_dom(t, 'InvalidStateError', pc.createOffer());
}, 'createOffer() after connection is closed should reject with InvalidStateError');

promise_test(async (t) => {
  const pc = new RTCPeerConnection();
  t.add_cleanup(() => pc.close());

  const promise = pc.createOffer();

  pc.addTransceiver('audio');
  const offer = await promise;
  assert_equals(countAudioLine(offer.sdp), 1, 'Expect m=audio line to be found in offer SDP');
}, 'When media stream is added when createOffer() is running in parallel, the result offer should contain the new media stream');

promise_test(async (t) => {
  const pc = new RTCPeerConnection();
  t.add_cleanup(() => pc.close());

  const states = [];
  pc.addEventListener('signalingstatechange', () => states.push(pc.signalingState));

  const offer = await generateVideoReceiveOnlyOffer(pc);
  await pc.setRemoteDescription(offer);
  assert_equals(pc.signalingState, 'have-remote-offer');
  await promise_rejects_dom(t, 'InvalidStateError', pc.createOffer());
}, 'createOffer() should fail when signaling state is not stable or have-local-offer');
