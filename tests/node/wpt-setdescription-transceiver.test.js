// Port of WPT webrtc/RTCPeerConnection-setDescription-transceiver.html at web-platform-tests/wpt
// commit 7dac13d50bb23c0cce10e9f5a1e1950408afd755 (the file's last change before 2021-09-20; read
// from the snapshot of a2b6dd730232ba1145cc2f27279bffa4c186bdc4). Every test of the file. Test
// names and assertions are WPT's.

import { RTCPeerConnection } from '../../pkg/index.js';
import { assert_array_equals, assert_equals, assert_not_equals, harness } from './wpt-harness.js';
import { generateAnswer } from './wpt-helpers.js';

const { promise_test } = harness();

promise_test(async (t) => {
  const pc = new RTCPeerConnection();
  t.add_cleanup(() => pc.close());
  const transceiver = pc.addTransceiver('audio');
  assert_equals(transceiver.mid, null);

  const offer = await pc.createOffer();
  assert_equals(transceiver.mid, null, 'Expect transceiver.mid to still be null after createOffer');

  await pc.setLocalDescription(offer);
  assert_equals(typeof transceiver.mid, 'string', 'Expect transceiver.mid to set to valid string value');

  assert_equals(offer.sdp.includes(`\r\na=mid:${transceiver.mid}`), true, 'Expect transceiver mid to be found in offer SDP');
}, 'setLocalDescription(offer) with m= section should assign mid to corresponding transceiver');

promise_test(async (t) => {
  const pc1 = new RTCPeerConnection();
  t.add_cleanup(() => pc1.close());
  const pc2 = new RTCPeerConnection();
  t.add_cleanup(() => pc2.close());

  const transceiver1 = pc1.addTransceiver('audio');
  assert_array_equals(pc1.getTransceivers(), [transceiver1]);
  assert_array_equals(pc2.getTransceivers(), []);

  const offer = await pc1.createOffer();
  await Promise.all([pc1.setLocalDescription(offer), pc2.setRemoteDescription(offer)]);
  const transceivers = pc2.getTransceivers();
  assert_equals(transceivers.length, 1, 'Expect new transceiver added to pc2 after setRemoteDescription');

  const [transceiver2] = transceivers;

  assert_equals(typeof transceiver2.mid, 'string', 'Expect transceiver2.mid to be set');

  assert_equals(transceiver1.mid, transceiver2.mid, 'Expect transceivers of both side to have the same mid');

  assert_equals(offer.sdp.includes(`\r\na=mid:${transceiver2.mid}`), true, 'Expect transceiver mid to be found in offer SDP');
}, 'setRemoteDescription(offer) with m= section and no existing transceiver should create corresponding transceiver');

promise_test(async (t) => {
  const pc = new RTCPeerConnection();
  t.add_cleanup(() => pc.close());
  const transceiver = pc.addTransceiver('audio');
  assert_equals(transceiver.mid, null);

  const offer = await pc.createOffer();
  assert_equals(transceiver.mid, null);
  await pc.setLocalDescription(offer);
  assert_not_equals(transceiver.mid, null);
  await pc.setLocalDescription({ type: 'rollback' });
  assert_equals(transceiver.mid, null, 'Expect transceiver.mid to become null again after rollback');
}, 'setLocalDescription(rollback) should unset transceiver.mid');

promise_test(async (t) => {
  const pc = new RTCPeerConnection();
  t.add_cleanup(() => pc.close());
  const transceiver1 = pc.addTransceiver('audio');
  assert_equals(transceiver1.mid, null);

  const offer = await pc.createOffer();
  await pc.setLocalDescription(offer);
  const answer = await generateAnswer(offer);
  await pc.setRemoteDescription(answer);
  // pc is back to stable state
  // create another transceiver
  const transceiver2 = pc.addTransceiver('video');

  assert_not_equals(transceiver1.mid, null);
  assert_equals(transceiver2.mid, null);

  await pc.setLocalDescription(await pc.createOffer());
  assert_not_equals(transceiver1.mid, null);
  assert_not_equals(transceiver2.mid, null, 'Expect transceiver2.mid to become set');

  await pc.setLocalDescription({ type: 'rollback' });
  assert_not_equals(transceiver1.mid, null, 'Expect transceiver1.mid to stay set');

  assert_equals(transceiver2.mid, null, 'Expect transceiver2.mid to be rolled back to null');
}, 'setLocalDescription(rollback) should only unset transceiver mids associated with current round');

promise_test(async (t) => {
  const pc1 = new RTCPeerConnection();
  t.add_cleanup(() => pc1.close());
  const pc2 = new RTCPeerConnection();
  t.add_cleanup(() => pc2.close());

  pc1.addTransceiver('audio');

  const offer = await pc1.createOffer();
  await pc2.setRemoteDescription(offer);
  const transceivers = pc2.getTransceivers();
  assert_equals(transceivers.length, 1);
  const [transceiver] = transceivers;

  assert_equals(typeof transceiver.mid, 'string', 'Expect transceiver.mid to be set');

  await pc2.setRemoteDescription({ type: 'rollback' });
  assert_equals(transceiver.mid, null, 'Expect transceiver.mid to be unset');

  assert_array_equals(pc2.getTransceivers(), [], `Expect transceiver to be removed from pc2's transceiver list`);
}, 'setRemoteDescription(rollback) should remove newly created transceiver from transceiver list');

promise_test(async (t) => {
  const pc1 = new RTCPeerConnection();
  t.add_cleanup(() => pc1.close());
  const pc2 = new RTCPeerConnection();
  t.add_cleanup(() => pc2.close());

  pc1.addTransceiver('audio');
  const offer = await pc1.createOffer();
  await pc1.setLocalDescription(offer);
  await pc2.setRemoteDescription(offer);
  pc2.getTransceivers()[0].stop();
  const answer = await pc2.createAnswer();
  await pc1.setRemoteDescription(answer);
  assert_equals(pc1.getTransceivers()[0].currentDirection, 'inactive', 'A stopped m-line should give an inactive transceiver');
}, 'setRemoteDescription should set transceiver inactive if its corresponding m section is rejected');
