// Port of WPT webrtc/RTCPeerConnection-addTransceiver.https.html at web-platform-tests/wpt commit
// da71b38ca8639d270e59b07fe65b0fecd6944a4a (the file's last change before 2021-09-20; read from
// the snapshot of a2b6dd730232ba1145cc2f27279bffa4c186bdc4). Every test of the file, unchanged but
// for the imports; tracks are this package's (getNoiseStream in wpt-helpers.js).

import {
  MediaStreamTrack,
  RTCPeerConnection,
  RTCRtpReceiver,
  RTCRtpSender,
  RTCRtpTransceiver,
} from '../../pkg/index.js';
import {
  assert_array_equals,
  assert_equals,
  assert_idl_attribute,
  assert_not_equals,
  assert_throws_js,
  assert_true,
  harness,
} from './wpt-harness.js';
import { getNoiseStream } from './wpt-helpers.js';

const { test, promise_test } = harness({
  ...Object.fromEntries(
    ['audio', 'video'].map((kind) => [
      `addTransceiver('${kind}') should return a${kind === 'audio' ? 'n audio' : ' video'} transceiver`,
      'RTCRtpTransceiver.stopped is gone from webrtc-pc (direction "stopped" instead) and from ours; Chromium 156 still has it (false)',
    ]),
  ),
});

test(t => {
  const pc = new RTCPeerConnection();
  t.add_cleanup(() => pc.close());

  assert_idl_attribute(pc, 'addTransceiver');
  assert_throws_js(TypeError, () => pc.addTransceiver('invalid'));
}, 'addTransceiver() with string argument as invalid kind should throw TypeError');

test(t => {
  const pc = new RTCPeerConnection();
  t.add_cleanup(() => pc.close());

  assert_idl_attribute(pc, 'addTransceiver');

  const transceiver = pc.addTransceiver('audio');
  assert_true(transceiver instanceof RTCRtpTransceiver,
    'Expect transceiver to be instance of RTCRtpTransceiver');

  assert_equals(transceiver.mid, null);
  assert_equals(transceiver.stopped, false);
  assert_equals(transceiver.direction, 'sendrecv');
  assert_equals(transceiver.currentDirection, null);

  assert_array_equals([transceiver], pc.getTransceivers(),
    `Expect added transceiver to be the only element in connection's list of transceivers`);

  const sender = transceiver.sender;

  assert_true(sender instanceof RTCRtpSender,
    'Expect sender to be instance of RTCRtpSender');

  assert_equals(sender.track, null);

  assert_array_equals([sender], pc.getSenders(),
    `Expect added sender to be the only element in connection's list of senders`);

  const receiver = transceiver.receiver;
  assert_true(receiver instanceof RTCRtpReceiver,
    'Expect receiver to be instance of RTCRtpReceiver');

  const track = receiver.track;
  assert_true(track instanceof MediaStreamTrack,
    'Expect receiver.track to be instance of MediaStreamTrack');

  assert_equals(track.kind, 'audio');
  assert_equals(track.readyState, 'live');
  assert_equals(track.muted, true);

  assert_array_equals([receiver], pc.getReceivers(),
    `Expect added receiver to be the only element in connection's list of receivers`);

}, `addTransceiver('audio') should return an audio transceiver`);

test(t => {
  const pc = new RTCPeerConnection();
  t.add_cleanup(() => pc.close());

  assert_idl_attribute(pc, 'addTransceiver');

  const transceiver = pc.addTransceiver('video');
  assert_true(transceiver instanceof RTCRtpTransceiver,
    'Expect transceiver to be instance of RTCRtpTransceiver');

  assert_equals(transceiver.mid, null);
  assert_equals(transceiver.stopped, false);
  assert_equals(transceiver.direction, 'sendrecv');

  assert_array_equals([transceiver], pc.getTransceivers(),
    `Expect added transceiver to be the only element in connection's list of transceivers`);

  const sender = transceiver.sender;

  assert_true(sender instanceof RTCRtpSender,
    'Expect sender to be instance of RTCRtpSender');

  assert_equals(sender.track, null);

  assert_array_equals([sender], pc.getSenders(),
    `Expect added sender to be the only element in connection's list of senders`);

  const receiver = transceiver.receiver;
  assert_true(receiver instanceof RTCRtpReceiver,
    'Expect receiver to be instance of RTCRtpReceiver');

  const track = receiver.track;
  assert_true(track instanceof MediaStreamTrack,
    'Expect receiver.track to be instance of MediaStreamTrack');

  assert_equals(track.kind, 'video');
  assert_equals(track.readyState, 'live');
  assert_equals(track.muted, true);

  assert_array_equals([receiver], pc.getReceivers(),
    `Expect added receiver to be the only element in connection's list of receivers`);

}, `addTransceiver('video') should return a video transceiver`);

test(t => {
  const pc = new RTCPeerConnection();
  t.add_cleanup(() => pc.close());

  const transceiver = pc.addTransceiver('audio', { direction: 'sendonly' });
  assert_equals(transceiver.direction, 'sendonly');
}, `addTransceiver() with direction sendonly should have result transceiver.direction be the same`);

test(t => {
  const pc = new RTCPeerConnection();
  t.add_cleanup(() => pc.close());

  const transceiver = pc.addTransceiver('audio', { direction: 'inactive' });
  assert_equals(transceiver.direction, 'inactive');
}, `addTransceiver() with direction inactive should have result transceiver.direction be the same`);

test(t => {
  const pc = new RTCPeerConnection();
  t.add_cleanup(() => pc.close());

  assert_idl_attribute(pc, 'addTransceiver');
  assert_throws_js(TypeError, () =>
    pc.addTransceiver('audio', { direction: 'invalid' }));
}, `addTransceiver() with invalid direction should throw TypeError`);

promise_test(async t => {
  const pc = new RTCPeerConnection();
  t.add_cleanup(() => pc.close());

  const stream = await getNoiseStream({audio: true});
  t.add_cleanup(() => stream.getTracks().forEach(track => track.stop()));
  const [track] = stream.getTracks();
  const transceiver = pc.addTransceiver(track);
  const { sender, receiver } = transceiver;

  assert_true(sender instanceof RTCRtpSender,
    'Expect sender to be instance of RTCRtpSender');

  assert_true(receiver instanceof RTCRtpReceiver,
    'Expect receiver to be instance of RTCRtpReceiver');

  assert_equals(sender.track, track,
    'Expect sender.track should be the track that is added');

  const receiverTrack = receiver.track;
  assert_true(receiverTrack instanceof MediaStreamTrack,
    'Expect receiver.track to be instance of MediaStreamTrack');

  assert_equals(receiverTrack.kind, 'audio',
    `receiver.track should have the same kind as added track's kind`);

  assert_equals(receiverTrack.readyState, 'live');
  assert_equals(receiverTrack.muted, true);

  assert_array_equals([transceiver], pc.getTransceivers(),
    `Expect added transceiver to be the only element in connection's list of transceivers`);

  assert_array_equals([sender], pc.getSenders(),
    `Expect added sender to be the only element in connection's list of senders`);

  assert_array_equals([receiver], pc.getReceivers(),
    `Expect added receiver to be the only element in connection's list of receivers`);

}, 'addTransceiver(track) should have result with sender.track be given track');

promise_test(async t => {
  const pc = new RTCPeerConnection();
  t.add_cleanup(() => pc.close());

  const stream = await getNoiseStream({audio: true});
  t.add_cleanup(() => stream.getTracks().forEach(track => track.stop()));
  const [track] = stream.getTracks();
  const transceiver1 = pc.addTransceiver(track);
  const transceiver2 = pc.addTransceiver(track);

  assert_not_equals(transceiver1, transceiver2);

  const sender1 = transceiver1.sender;
  const sender2 = transceiver2.sender;

  assert_not_equals(sender1, sender2);
  assert_equals(transceiver1.sender.track, track);
  assert_equals(transceiver2.sender.track, track);

  const transceivers = pc.getTransceivers();
  assert_equals(transceivers.length, 2);
  assert_true(transceivers.includes(transceiver1));
  assert_true(transceivers.includes(transceiver2));

  const senders = pc.getSenders();
  assert_equals(senders.length, 2);
  assert_true(senders.includes(sender1));
  assert_true(senders.includes(sender2));

}, 'addTransceiver(track) multiple times should create multiple transceivers');

test(t => {
  const pc = new RTCPeerConnection();
  t.add_cleanup(() => pc.close());
  assert_idl_attribute(pc, 'addTransceiver');

  assert_throws_js(TypeError, () =>
    pc.addTransceiver('audio', {
      sendEncodings: [{
        rid: '@Invalid!'
      }]
    }));
}, 'addTransceiver() with rid containing invalid non-alphanumeric characters should throw TypeError');

test(t => {
  const pc = new RTCPeerConnection();
  t.add_cleanup(() => pc.close());
  assert_idl_attribute(pc, 'addTransceiver');

  assert_throws_js(TypeError, () =>
    pc.addTransceiver('audio', {
      sendEncodings: [{
        rid: 'a'.repeat(17)
      }]
    }));
}, 'addTransceiver() with rid longer than 16 characters should throw TypeError');

test(t => {
  const pc = new RTCPeerConnection();
  t.add_cleanup(() => pc.close());
  pc.addTransceiver('audio', {
    sendEncodings: [{
      rid: 'foo'
    }]
  });
}, `addTransceiver() with valid rid value should succeed`);

test(t => {
  const pc = new RTCPeerConnection();
  t.add_cleanup(() => pc.close());

  pc.addTransceiver('audio', {
    sendEncodings: [{
      dtx: 'enabled',
      active: false,
      ptime: 5,
      maxBitrate: 8,
      maxFramerate: 25,
      rid: 'foo'
    }]
  });
}, `addTransceiver() with valid sendEncodings should succeed`);

