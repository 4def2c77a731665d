// Port of WPT webrtc/RTCRtpTransceiver-direction.html at web-platform-tests/wpt commit
// d37a815dbca209eafc8eb71cb59ce59f4e66f975 (the file's last change before 2021-09-20; read from
// the snapshot of a2b6dd730232ba1145cc2f27279bffa4c186bdc4). Every test of the file, unchanged but
// for the imports.

import { RTCPeerConnection } from '../../pkg/index.js';
import { assert_equals, harness } from './wpt-harness.js';
import { generateAnswer } from './wpt-helpers.js';

const { test, promise_test } = harness();

test(t => {
  const pc = new RTCPeerConnection();
  const transceiver = pc.addTransceiver('audio');
  assert_equals(transceiver.direction, 'sendrecv');
  assert_equals(transceiver.currentDirection, null);

  transceiver.direction = 'recvonly';
  assert_equals(transceiver.direction, 'recvonly');
  assert_equals(transceiver.currentDirection, null,
    'Expect transceiver.currentDirection to not change');

}, 'setting direction should change transceiver.direction');

 
test(t => {
  const pc = new RTCPeerConnection();
  const transceiver = pc.addTransceiver('audio', { direction: 'sendonly' });
  assert_equals(transceiver.direction, 'sendonly');
  transceiver.direction = 'sendonly';
  assert_equals(transceiver.direction, 'sendonly');

}, 'setting direction with same direction should have no effect');

promise_test(t => {
  const pc = new RTCPeerConnection();
  t.add_cleanup(() => pc.close());
  const transceiver = pc.addTransceiver('audio', { direction: 'recvonly' });
  assert_equals(transceiver.direction, 'recvonly');
  assert_equals(transceiver.currentDirection, null);

  return pc.createOffer()
  .then(offer =>
    pc.setLocalDescription(offer)
    .then(() => generateAnswer(offer)))
  .then(answer => pc.setRemoteDescription(answer))
  .then(() => {
    assert_equals(transceiver.currentDirection, 'inactive');
    transceiver.direction = 'sendrecv';
    assert_equals(transceiver.direction, 'sendrecv');
    assert_equals(transceiver.currentDirection, 'inactive');
  });
}, 'setting direction should change transceiver.direction independent of transceiver.currentDirection');
