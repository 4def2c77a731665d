// Port of WPT webrtc/RTCPeerConnection-setRemoteDescription.html at web-platform-tests/wpt commit
// d5103044974ae41deb6e099649d7520c374aa36b (the file's last change before 2021-09-20; read from
// the snapshot of a2b6dd730232ba1145cc2f27279bffa4c186bdc4). Every test of the file. Test names
// and assertions are WPT's.

import { RTCPeerConnection } from '../../pkg/index.js';
import { assert_equals, assert_throws_dom, assert_throws_js, harness } from './wpt-harness.js';
import {
  assert_session_desc_not_similar,
  assert_session_desc_similar,
  exchangeAnswer,
  exchangeOffer,
  generateAudioReceiveOnlyOffer,
  generateVideoReceiveOnlyOffer,
} from './wpt-helpers.js';

const { promise_test } = harness();

// WPT calls t.unreached_func(...) in the try blocks below without calling the function it
// returns, so a resolving setRemoteDescription passes there; kept so.

promise_test(async (t) => {
  const pc = new RTCPeerConnection();
  t.add_cleanup(() => pc.close());

  // SDP is validated after WebIDL validation
  try {
    await pc.setRemoteDescription({ type: 'bogus', sdp: 'bogus' });
    t.unreached_func('Should have rejected.');
  } catch (e) {
    assert_throws_js(TypeError, () => {
      throw e;
    });
  }
}, 'setRemoteDescription with invalid type and invalid SDP should reject with TypeError');

promise_test(async (t) => {
  const pc = new RTCPeerConnection();
  t.add_cleanup(() => pc.close());

  // SDP is validated after validating type
  try {
    await pc.setRemoteDescription({ type: 'answer', sdp: 'invalid' });
    t.unreached_func('Should have rejected.');
  } catch (e) {
    assert_throws_dom('InvalidStateError', () => {
      throw e;
    });
  }
}, 'setRemoteDescription() with invalid SDP and stable state should reject with InvalidStateError');

promise_test(async (t) => {
  const pc = new RTCPeerConnection();
  const pc2 = new RTCPeerConnection();
  t.add_cleanup(() => pc.close());
  t.add_cleanup(() => pc2.close());

  const offer1 = await generateAudioReceiveOnlyOffer(pc2);
  await pc2.setLocalDescription(offer1);
  await pc.setRemoteDescription(offer1);
  await exchangeAnswer(pc2, pc);
  const offer2 = await generateVideoReceiveOnlyOffer(pc2);
  await pc2.setLocalDescription(offer2);
  await pc.setRemoteDescription(offer2);
  assert_session_desc_not_similar(offer1, offer2);
  assert_session_desc_similar(pc.remoteDescription, offer2);
  assert_session_desc_similar(pc.currentRemoteDescription, offer1);
  assert_session_desc_similar(pc.pendingRemoteDescription, offer2);
}, 'Calling setRemoteDescription() again after one round of remote-offer/local-answer should succeed');

promise_test(async (t) => {
  const pc = new RTCPeerConnection();
  const pc2 = new RTCPeerConnection();
  t.add_cleanup(() => pc.close());
  t.add_cleanup(() => pc2.close());

  const offer = await generateAudioReceiveOnlyOffer(pc);
  await pc.setLocalDescription(offer);
  await pc2.setRemoteDescription(offer);
  const answer = await pc2.createAnswer();
  await pc2.setLocalDescription(answer);
  await pc.setRemoteDescription(answer);
  await exchangeOffer(pc2, pc);
  assert_equals(pc.remoteDescription.sdp, pc.pendingRemoteDescription.sdp);
  assert_session_desc_similar(pc.remoteDescription, offer);
  assert_session_desc_similar(pc.currentRemoteDescription, answer);
}, 'Switching role from offerer to answerer after going back to stable state should succeed');
