// Port of WPT webrtc/RTCPeerConnection-setRemoteDescription-answer.html at web-platform-tests/wpt
// commit b7f2dd315a8d84ce786f6336510ee51423011009 (the file's last change before 2021-09-20; read
// from the snapshot of a2b6dd730232ba1145cc2f27279bffa4c186bdc4). Every test of the file. Test
// names and assertions are WPT's.

import { RTCPeerConnection } from '../../pkg/index.js';
import { assert_array_equals, assert_equals, harness, promise_rejects_dom } from './wpt-harness.js';
import { assert_session_desc_similar, generateAnswer, generateVideoReceiveOnlyOffer } from './wpt-helpers.js';

const { promise_test } = harness();

promise_test(async (t) => {
  const pc = new RTCPeerConnection();
  t.add_cleanup(() => pc.close());

  const states = [];
  pc.addEventListener('signalingstatechange', () => states.push(pc.signalingState));

  const offer = await generateVideoReceiveOnlyOffer(pc);
  await pc.setLocalDescription(offer);
  const answer = await generateAnswer(offer);
  await pc.setRemoteDescription(answer);
  assert_equals(pc.signalingState, 'stable');

  assert_session_desc_similar(pc.localDescription, offer);
  assert_session_desc_similar(pc.remoteDescription, answer);

  assert_session_desc_similar(pc.currentLocalDescription, offer);
  assert_session_desc_similar(pc.currentRemoteDescription, answer);

  assert_equals(pc.pendingLocalDescription, null);
  assert_equals(pc.pendingRemoteDescription, null);

  assert_array_equals(states, ['have-local-offer', 'stable']);
}, 'setRemoteDescription() with valid state and answer should succeed');

promise_test(async (t) => {
  const pc = new RTCPeerConnection();
  t.add_cleanup(() => pc.close());

  const offer = await pc.createOffer();
  await promise_rejects_dom(t, 'InvalidStateError', pc.setRemoteDescription({ type: 'answer', sdp: offer.sdp }));
}, 'Calling setRemoteDescription(answer) from stable state should reject with InvalidStateError');

promise_test(async (t) => {
  const pc = new RTCPeerConnection();
  t.add_cleanup(() => pc.close());

  const offer = await pc.createOffer();
  await pc.setRemoteDescription(offer);
  const answer = await generateAnswer(offer);
  await promise_rejects_dom(t, 'InvalidStateError', pc.setRemoteDescription(answer));
}, 'Calling setRemoteDescription(answer) from have-remote-offer state should reject with InvalidStateError');
