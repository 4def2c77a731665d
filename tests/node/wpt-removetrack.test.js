// Port of WPT webrtc/RTCPeerConnection-removeTrack.https.html at web-platform-tests/wpt commit
// 26f2b9058ccdfe2df946a7051d920ce076fd711e (the file's last change before 2021-09-20; read from
// the snapshot of a2b6dd730232ba1145cc2f27279bffa4c186bdc4). Every test of the file, unchanged but
// for the imports; tracks are this package's (getNoiseStream in wpt-helpers.js).

import { RTCPeerConnection } from '../../pkg/index.js';
import { assert_equals, assert_throws_dom, harness } from './wpt-harness.js';
import { generateAnswer, getNoiseStream } from './wpt-helpers.js';

const { promise_test } = harness();

// The following helper functions are called from RTCPeerConnection-helper.js:
// generateAnswer

// Before calling removeTrack can be tested, one needs to add MediaStreamTracks to
// a peer connection. There are two ways for adding MediaStreamTrack: addTrack and
// addTransceiver. addTransceiver is a newer API while addTrack has been implemented
// in current browsers for some time. As a result some of the removeTrack tests have
// two versions so that removeTrack can be partially tested without addTransceiver
// and the transceiver APIs being implemented.

promise_test(async t => {
  const pc = new RTCPeerConnection();
  const stream = await getNoiseStream({audio: true});
  t.add_cleanup(() => stream.getTracks().forEach(track => track.stop()));
  const [track] = stream.getTracks();
  const transceiver = pc.addTransceiver(track);
  const { sender } = transceiver;

  pc.close();
  assert_throws_dom('InvalidStateError', () => pc.removeTrack(sender));
}, 'addTransceiver - Calling removeTrack when connection is closed should throw InvalidStateError');

promise_test(async t => {
  const pc = new RTCPeerConnection();
  t.add_cleanup(() => pc.close());

  const stream = await getNoiseStream({ audio: true });
  t.add_cleanup(() => stream.getTracks().forEach(track => track.stop()));
  const [track] = stream.getTracks();
  const sender = pc.addTrack(track, stream);

  pc.close();
  assert_throws_dom('InvalidStateError', () => pc.removeTrack(sender));
}, 'addTrack - Calling removeTrack when connection is closed should throw InvalidStateError');

promise_test(async t => {
  const pc = new RTCPeerConnection();
  t.add_cleanup(() => pc.close());
  const stream = await getNoiseStream({audio: true});
  t.add_cleanup(() => stream.getTracks().forEach(track => track.stop()));
  const [track] = stream.getTracks();
  const transceiver = pc.addTransceiver(track);
  const { sender } = transceiver;

  const pc2 = new RTCPeerConnection();
  pc2.close();
  assert_throws_dom('InvalidStateError', () => pc2.removeTrack(sender));
}, 'addTransceiver - Calling removeTrack on different connection that is closed should throw InvalidStateError');

promise_test(async t => {
  const pc = new RTCPeerConnection();
  t.add_cleanup(() => pc.close());

  const stream = await getNoiseStream({ audio: true });
  t.add_cleanup(() => stream.getTracks().forEach(track => track.stop()));
  const [track] = stream.getTracks();
  const sender = pc.addTrack(track, stream);

  const pc2 = new RTCPeerConnection();
  pc2.close();
  assert_throws_dom('InvalidStateError', () => pc2.removeTrack(sender));
}, 'addTrack - Calling removeTrack on different connection that is closed should throw InvalidStateError');

promise_test(async t => {
  const pc = new RTCPeerConnection();
  t.add_cleanup(() => pc.close());
  const stream = await getNoiseStream({audio: true});
  t.add_cleanup(() => stream.getTracks().forEach(track => track.stop()));
  const [track] = stream.getTracks();
  const transceiver = pc.addTransceiver(track);
  const { sender } = transceiver;

  const pc2 = new RTCPeerConnection();
  t.add_cleanup(() => pc2.close());
  assert_throws_dom('InvalidAccessError', () => pc2.removeTrack(sender));
}, 'addTransceiver - Calling removeTrack on different connection should throw InvalidAccessError');

promise_test(async t => {
  const pc = new RTCPeerConnection();
  t.add_cleanup(() => pc.close());

  const stream = await getNoiseStream({ audio: true });
  t.add_cleanup(() => stream.getTracks().forEach(track => track.stop()));
  const [track] = stream.getTracks();
  const sender = pc.addTrack(track, stream);

  const pc2 = new RTCPeerConnection();
  t.add_cleanup(() => pc2.close());
  assert_throws_dom('InvalidAccessError', () => pc2.removeTrack(sender));
}, 'addTrack - Calling removeTrack on different connection should throw InvalidAccessError')

promise_test(async t => {
  const pc = new RTCPeerConnection();
  t.add_cleanup(() => pc.close());
  const stream = await getNoiseStream({audio: true});
  t.add_cleanup(() => stream.getTracks().forEach(track => track.stop()));
  const [track] = stream.getTracks();
  const transceiver = pc.addTransceiver(track);
  const { sender } = transceiver;

  assert_equals(sender.track, track);
  assert_equals(transceiver.direction, 'sendrecv');
  assert_equals(transceiver.currentDirection, null);

  pc.removeTrack(sender);
  assert_equals(sender.track, null);
  assert_equals(transceiver.direction, 'recvonly');
}, 'addTransceiver - Calling removeTrack with valid sender should set sender.track to null');

promise_test(async t => {
  const pc = new RTCPeerConnection();
  t.add_cleanup(() => pc.close());

  const stream = await getNoiseStream({ audio: true });
  t.add_cleanup(() => stream.getTracks().forEach(track => track.stop()));
  const [track] = stream.getTracks();
  const sender = pc.addTrack(track, stream);

  assert_equals(sender.track, track);

  pc.removeTrack(sender);
  assert_equals(sender.track, null);
}, 'addTrack - Calling removeTrack with valid sender should set sender.track to null');

promise_test(async t => {
  const caller = new RTCPeerConnection();
  t.add_cleanup(() => caller.close());
  const callee = new RTCPeerConnection();
  t.add_cleanup(() => callee.close());
  const stream = await getNoiseStream({audio: true});
  t.add_cleanup(() => stream.getTracks().forEach(track => track.stop()));
  const [track] = stream.getTracks();
  const transceiver = caller.addTransceiver(track);
  const { sender } = transceiver;

  assert_equals(sender.track, track);
  assert_equals(transceiver.direction, 'sendrecv');
  assert_equals(transceiver.currentDirection, null);

  const offer = await caller.createOffer();
  await caller.setLocalDescription(offer);
  await callee.setRemoteDescription(offer);
  callee.addTrack(track, stream);
  const answer = await callee.createAnswer();
  await callee.setLocalDescription(answer);
  await caller.setRemoteDescription(answer);
  assert_equals(transceiver.currentDirection, 'sendrecv');

  caller.removeTrack(sender);
  assert_equals(sender.track, null);
  assert_equals(transceiver.direction, 'recvonly');
  assert_equals(transceiver.currentDirection, 'sendrecv',
    'Expect currentDirection to not change');
}, 'Calling removeTrack with currentDirection sendrecv should set direction to recvonly');

promise_test(async t => {
  const pc = new RTCPeerConnection();
  t.add_cleanup(() => pc.close());
  const stream = await getNoiseStream({audio: true});
  t.add_cleanup(() => stream.getTracks().forEach(track => track.stop()));
  const [track] = stream.getTracks();
  const transceiver = pc.addTransceiver(track, { direction: 'sendonly' });
  const { sender } = transceiver;

  assert_equals(sender.track, track);
  assert_equals(transceiver.direction, 'sendonly');
  assert_equals(transceiver.currentDirection, null);

  const offer = await pc.createOffer();
  await pc.setLocalDescription(offer);
  const answer = await generateAnswer(offer);
  await pc.setRemoteDescription(answer);
  assert_equals(transceiver.currentDirection, 'sendonly');

  pc.removeTrack(sender);
  assert_equals(sender.track, null);
  assert_equals(transceiver.direction, 'inactive');
  assert_equals(transceiver.currentDirection, 'sendonly',
    'Expect currentDirection to not change');
}, 'Calling removeTrack with currentDirection sendonly should set direction to inactive');

promise_test(async t => {
  const caller = new RTCPeerConnection();
  t.add_cleanup(() => caller.close());
  const callee = new RTCPeerConnection();
  t.add_cleanup(() => callee.close());
  const stream = await getNoiseStream({audio: true});
  t.add_cleanup(() => stream.getTracks().forEach(track => track.stop()));
  const [track] = stream.getTracks();
  const transceiver = caller.addTransceiver(track, { direction: 'recvonly' });
  const { sender } = transceiver;

  assert_equals(sender.track, track);
  assert_equals(transceiver.direction, 'recvonly');
  assert_equals(transceiver.currentDirection, null);

  const offer = await caller.createOffer();
  await caller.setLocalDescription(offer);
  await callee.setRemoteDescription(offer);
  callee.addTrack(track, stream);
  const answer = await callee.createAnswer();
  await callee.setLocalDescription(answer);
  await caller.setRemoteDescription(answer);
  assert_equals(transceiver.currentDirection, 'recvonly');

  caller.removeTrack(sender);
  assert_equals(sender.track, null);
  assert_equals(transceiver.direction, 'recvonly');
  assert_equals(transceiver.currentDirection, 'recvonly');
}, 'Calling removeTrack with currentDirection recvonly should not change direction');

promise_test(async t => {
  const pc = new RTCPeerConnection();
  t.add_cleanup(() => pc.close());
  const stream = await getNoiseStream({audio: true});
  t.add_cleanup(() => stream.getTracks().forEach(track => track.stop()));
  const [track] = stream.getTracks();
  const transceiver = pc.addTransceiver(track, { direction: 'inactive' });
  const { sender } = transceiver;

  assert_equals(sender.track, track);
  assert_equals(transceiver.direction, 'inactive');
  assert_equals(transceiver.currentDirection, null);

  const offer = await pc.createOffer();
  await pc.setLocalDescription(offer);
  const answer = await generateAnswer(offer);
  await pc.setRemoteDescription(answer);
  assert_equals(transceiver.currentDirection, 'inactive');

  pc.removeTrack(sender);
  assert_equals(sender.track, null);
  assert_equals(transceiver.direction, 'inactive');
  assert_equals(transceiver.currentDirection, 'inactive');
}, 'Calling removeTrack with currentDirection inactive should not change direction');

promise_test(async t => {
  const pc = new RTCPeerConnection();
  t.add_cleanup(() => pc.close());
  const stream = await getNoiseStream({audio: true});
  t.add_cleanup(() => stream.getTracks().forEach(track => track.stop()));
  const [track] = stream.getTracks();
  const sender = pc.addTrack(track, stream);

  pc.getTransceivers()[0].stop();
  pc.removeTrack(sender);
  assert_equals(sender.track, track);
}, "Calling removeTrack on a stopped transceiver should be a no-op");

promise_test(async t => {
  const pc = new RTCPeerConnection();
  t.add_cleanup(() => pc.close());
  const stream = await getNoiseStream({audio: true});
  t.add_cleanup(() => stream.getTracks().forEach(track => track.stop()));
  const [track] = stream.getTracks();
  const sender = pc.addTrack(track, stream);

  await sender.replaceTrack(null);
  pc.removeTrack(sender);
  assert_equals(sender.track, null);
}, "Calling removeTrack on a null track should have no effect");
