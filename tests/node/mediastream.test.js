// MediaStream and MediaStreamTrack (pkg/mediastream.js) for environments without them: receivers'
// tracks are MediaStreamTracks, pages construct MediaStreams, install() defines both where missing.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { install, MediaStream, MediaStreamTrack, RTCPeerConnection } from '../../pkg/index.js';
import { assertTargetClass, linesStarting, rejection, tasks } from './helpers.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A receiver's track of `kind`, and its transceiver. */
function remoteTrack(kind = 'audio') {
  const pc = new RTCPeerConnection();
  const transceiver = pc.addTransceiver(kind);
  return { pc, transceiver, track: transceiver.receiver.track };
}

test('receivers’ tracks are MediaStreamTracks, which pages cannot construct', () => {
  const { pc, track } = remoteTrack('video');
  assert.ok(track instanceof MediaStreamTrack);
  assert.ok(track instanceof EventTarget);
  assert.equal(Object.prototype.toString.call(track), '[object MediaStreamTrack]');
  assert.deepEqual(
    [track.kind, track.label, track.enabled, track.muted, track.readyState, track.contentHint],
    ['video', 'remote video', true, true, 'live', ''],
  );
  assert.throws(() => new MediaStreamTrack(), { name: 'TypeError', message: 'Illegal constructor' });
  assert.throws(() => MediaStreamTrack.prototype.kind, TypeError);
  pc.close();
});

test('a track’s enabled, contentHint, settings, constraints, clone and stop', async () => {
  const { pc, track } = remoteTrack('audio');
  track.enabled = 0;
  assert.equal(track.enabled, false);
  track.contentHint = 'speech';
  assert.equal(track.contentHint, 'speech');
  track.contentHint = 'motion';
  assert.equal(track.contentHint, 'speech', 'a video hint on an audio track is ignored');
  assert.deepEqual([track.getSettings(), track.getCapabilities(), track.getConstraints()], [{}, {}, {}]);
  assert.equal(await track.applyConstraints({ echoCancellation: true }), undefined);
  assert.equal((await rejection(track.applyConstraints(5))).constructor, TypeError);
  const clone = track.clone();
  assert.ok(clone instanceof MediaStreamTrack);
  assert.match(clone.id, UUID);
  assert.notEqual(clone.id, track.id);
  assert.deepEqual([clone.kind, clone.label, clone.enabled, clone.contentHint], ['audio', 'remote audio', false, 'speech']);
  let ended = 0;
  clone.onended = () => (ended += 1);
  clone.stop();
  await tasks(2);
  assert.deepEqual([clone.readyState, ended, track.readyState], ['ended', 0, 'live']);
  pc.close();
});

test('new MediaStream(), (stream) and (tracks)', () => {
  const { pc, track: audio } = remoteTrack('audio');
  const video = pc.addTransceiver('video').receiver.track;
  const empty = new MediaStream();
  assert.match(empty.id, UUID);
  assert.deepEqual([empty.getTracks(), empty.active], [[], false]);
  const stream = new MediaStream([audio, video, audio]);
  assert.deepEqual(stream.getTracks(), [audio, video], 'each track once, in order');
  assert.deepEqual([stream.getAudioTracks(), stream.getVideoTracks()], [[audio], [video]]);
  assert.equal(stream.active, true);
  const same = new MediaStream(stream);
  assert.notEqual(same.id, stream.id);
  assert.deepEqual(same.getTracks(), [audio, video], 'the same track objects');
  assert.throws(() => new MediaStream([{ kind: 'audio', id: 'x' }]), TypeError);
  assert.throws(() => new MediaStream(5), TypeError);
  assert.equal(Object.prototype.toString.call(stream), '[object MediaStream]');
  pc.close();
});

test('a stream’s addTrack, removeTrack, getTrackById, clone and active', () => {
  const { pc, track: audio } = remoteTrack('audio');
  const stream = new MediaStream();
  let events = 0;
  stream.onaddtrack = () => (events += 1);
  stream.addTrack(audio);
  stream.addTrack(audio);
  assert.deepEqual(stream.getTracks(), [audio]);
  assert.equal(stream.getTrackById(audio.id), audio);
  assert.equal(stream.getTrackById('nope'), null);
  assert.throws(() => stream.addTrack({ kind: 'audio', id: 'x' }), TypeError);
  assert.throws(() => stream.getTrackById(), TypeError);
  const clone = stream.clone();
  assert.notEqual(clone.id, stream.id);
  assert.equal(clone.getTracks().length, 1);
  assert.notEqual(clone.getTracks()[0], audio);
  stream.removeTrack(audio);
  assert.deepEqual([stream.getTracks(), stream.active, events], [[], false, 0]);
  pc.close();
  assert.equal(new MediaStream([audio]).active, false, 'close() ended the receiver track');
});

test('our streams and tracks can be sent: addTrack(track, stream) signals the stream id', async () => {
  const { pc: source, track } = remoteTrack('audio');
  const stream = new MediaStream([track]);
  const pc = new RTCPeerConnection();
  pc.addTrack(track, stream);
  const { sdp } = await pc.createOffer();
  assert.deepEqual(linesStarting(sdp, 'a=msid:'), [`a=msid:${stream.id} ${track.id}`]);
  pc.close();
  source.close();
});

test('install() defines MediaStream and MediaStreamTrack only where missing, even with force', () => {
  const bare = {};
  install(bare);
  assertTargetClass(bare.MediaStream, MediaStream);
  assertTargetClass(bare.MediaStreamTrack, MediaStreamTrack);
  assert.equal(Object.keys(bare).length, 0, 'not enumerable');
  class NativeStream {}
  class NativeTrack {}
  const withMedia = { MediaStream: NativeStream, MediaStreamTrack: NativeTrack };
  install(withMedia, { force: true });
  assert.equal(withMedia.MediaStream, NativeStream);
  assert.equal(withMedia.MediaStreamTrack, NativeTrack);
});
