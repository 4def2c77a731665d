// Port of WPT webrtc/RTCPeerConnection-createAnswer.html at web-platform-tests/wpt commit
// b7f2dd315a8d84ce786f6336510ee51423011009 (the file's last change before 2021-09-20; read from
// the snapshot of a2b6dd730232ba1145cc2f27279bffa4c186bdc4). Every test of the file. Test names
// and assertions are WPT's.

import { RTCPeerConnection, RTCSessionDescription } from '../../pkg/index.js';
import { assert_equals, assert_false, harness, promise_rejects_dom } from './wpt-harness.js';
import { generateDataChannelOffer, generateVideoReceiveOnlyOffer } from './wpt-helpers.js';

const { promise_test } = harness();

promise_test((t) => {
  const pc = new RTCPeerConnection();

  t.add_cleanup(() => pc.close());

  return promise_rejects_dom(t, 'InvalidStateError', pc.createAnswer());
}, 'createAnswer() with null remoteDescription should reject with InvalidStateError');

promise_test(async (t) => {
  const pc = new RTCPeerConnection();

  t.add_cleanup(() => pc.close());

  const offer = await generateVideoReceiveOnlyOffer(pc);
  await pc.setRemoteDescription(offer);
  const answer = await pc.createAnswer();
  assert_equals(typeof answer, 'object', 'Expect answer to be plain object dictionary RTCSessionDescriptionInit');
  assert_false(answer instanceof RTCSessionDescription, 'Expect answer to not be instance of RTCSessionDescription');
}, 'createAnswer() after setting remote description should succeed');

promise_test(async (t) => {
  const pc = new RTCPeerConnection();

  t.add_cleanup(() => pc.close());

  const offer = await generateDataChannelOffer(pc);
  await pc.setRemoteDescription(offer);
  pc.close();
  await promise_rejects_dom(t, 'InvalidStateError', pc.createAnswer());
}, 'createAnswer() when connection is closed reject with InvalidStateError');
