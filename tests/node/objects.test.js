// Transceivers, senders, receivers, tracks and data channels, and what they put in offers.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RTCDataChannel, RTCPeerConnection, RTCRtpSender, RTCRtpTransceiver } from '../../pkg/index.js';
import { fakeStream, fakeTrack, lines, linesStarting, tasks } from './helpers.js';

const directionLines = (sdp) => lines(sdp).filter((line) => /^a=(sendrecv|sendonly|recvonly|inactive)$/.test(line));

test('addTransceiver: the transceiver, its sender and receiver', async () => {
  const pc = new RTCPeerConnection();
  const audio = pc.addTransceiver('audio');
  const video = pc.addTransceiver('video', { direction: 'recvonly' });
  assert.ok(audio instanceof RTCRtpTransceiver);
  assert.ok(audio.sender instanceof RTCRtpSender);
  assert.deepEqual(
    [audio, video].map((t) => [t.mid, t.direction, t.currentDirection, t.sender.track, t.receiver.track.kind]),
    [
      [null, 'sendrecv', null, null, 'audio'],
      [null, 'recvonly', null, null, 'video'],
    ],
  );
  assert.equal(audio.receiver.track.readyState, 'live');
  assert.equal(audio.receiver.track.muted, true);
  assert.deepEqual(pc.getTransceivers(), [audio, video]);
  assert.deepEqual(pc.getSenders(), [audio.sender, video.sender]);
  assert.deepEqual(pc.getReceivers(), [audio.receiver, video.receiver]);
  assert.notEqual(pc.getTransceivers(), pc.getTransceivers(), 'a fresh array each call');
  assert.throws(() => new RTCRtpTransceiver(), { name: 'TypeError', message: 'Illegal constructor' });

  const { sdp } = await pc.createOffer();
  assert.deepEqual(directionLines(sdp), ['a=sendrecv', 'a=recvonly']);
  assert.deepEqual(linesStarting(sdp, 'a=msid:').length, 1, 'msid only for the sending transceiver');
  pc.close();
});

test('the direction setter: validated, reflected in the next offer', async () => {
  const pc = new RTCPeerConnection();
  const transceiver = pc.addTransceiver('audio');
  transceiver.direction = 'sendonly';
  assert.equal(transceiver.direction, 'sendonly');
  transceiver.direction = 'sideways';
  assert.equal(transceiver.direction, 'sendonly', 'values outside the enumeration are ignored');
  assert.throws(() => {
    transceiver.direction = 'stopped';
  }, TypeError);
  const { sdp } = await pc.createOffer();
  assert.deepEqual(directionLines(sdp), ['a=sendonly']);
  pc.close();
});

test('stop(): a stopped transceiver is left out of an initial offer', async () => {
  const pc = new RTCPeerConnection();
  const stopped = pc.addTransceiver('audio');
  pc.addTransceiver('video');
  stopped.stop();
  assert.equal(stopped.direction, 'stopped');
  assert.equal(stopped.receiver.track.readyState, 'ended');
  assert.throws(
    () => {
      stopped.direction = 'sendrecv';
    },
    (error) => error instanceof DOMException && error.name === 'InvalidStateError',
  );
  const { sdp } = await pc.createOffer();
  assert.deepEqual(
    linesStarting(sdp, 'm=').map((line) => line.split(' ')[0]),
    ['m=video'],
  );
  pc.close();
});

test('addTrack: msid lines from the streams and the track id; a track is added once', async () => {
  const pc = new RTCPeerConnection();
  const mic = fakeTrack('audio', 'mic-track');
  const camera = fakeTrack('video', 'camera-track');
  const stream = fakeStream('stream-1');
  const audioSender = pc.addTrack(mic, stream, stream);
  const videoSender = pc.addTrack(camera);
  assert.equal(audioSender.track, mic);
  assert.equal(videoSender.track, camera);
  assert.deepEqual(
    pc.getTransceivers().map((t) => t.direction),
    ['sendrecv', 'sendrecv'],
  );
  assert.throws(
    () => pc.addTrack(mic),
    (error) => error instanceof DOMException && error.name === 'InvalidAccessError',
  );
  assert.throws(() => pc.addTrack({ id: 'no-kind' }), TypeError);
  assert.throws(() => pc.addTrack(mic, 'not a stream'), TypeError);
  assert.throws(() => pc.addTrack(), TypeError);
  const { sdp } = await pc.createOffer();
  assert.deepEqual(linesStarting(sdp, 'a=msid:'), ['a=msid:stream-1 mic-track', 'a=msid:- camera-track']);
  pc.close();
});

test('addTrack reuses a transceiver without a track; removeTrack gives it back', async () => {
  const pc = new RTCPeerConnection();
  const transceiver = pc.addTransceiver('audio', { direction: 'recvonly' });
  const inactive = pc.addTransceiver('video', { direction: 'inactive' });
  const sender = pc.addTrack(fakeTrack('audio'));
  const videoSender = pc.addTrack(fakeTrack('video'));
  assert.equal(sender, transceiver.sender);
  assert.equal(videoSender, inactive.sender);
  assert.deepEqual(
    pc.getTransceivers().map((t) => t.direction),
    ['sendrecv', 'sendonly'],
  );
  pc.removeTrack(sender);
  assert.equal(sender.track, null);
  assert.equal(transceiver.direction, 'recvonly');
  pc.removeTrack(sender);
  const other = new RTCPeerConnection();
  assert.throws(
    () => other.removeTrack(videoSender),
    (error) => error instanceof DOMException && error.name === 'InvalidAccessError',
  );
  assert.throws(() => other.removeTrack({}), TypeError);
  pc.close();
  other.close();
});

test('simulcast: three rids give a=rid and a=simulcast lines; one encoding drops its rid', async () => {
  const pc = new RTCPeerConnection();
  const simulcast = pc.addTransceiver('video', {
    direction: 'sendonly',
    sendEncodings: [{ rid: 'q', scaleResolutionDownBy: 4 }, { rid: 'h', scaleResolutionDownBy: 2 }, { rid: 'f' }],
  });
  assert.deepEqual(
    simulcast.sender.getParameters().encodings.map((e) => [e.rid, e.scaleResolutionDownBy, e.active]),
    [
      ['q', 4, true],
      ['h', 2, true],
      ['f', undefined, true],
    ],
  );
  const { sdp } = await pc.createOffer();
  assert.deepEqual(linesStarting(sdp, 'a=rid:'), ['a=rid:q send', 'a=rid:h send', 'a=rid:f send']);
  assert.deepEqual(linesStarting(sdp, 'a=simulcast:'), ['a=simulcast:send q;h;f']);

  const single = new RTCPeerConnection();
  const one = single.addTransceiver('video', { sendEncodings: [{ rid: 'only' }] });
  assert.deepEqual(one.sender.getParameters().encodings, [{ active: true, priority: 'low', scaleResolutionDownBy: 1 }]);
  const offer = await single.createOffer();
  assert.deepEqual(linesStarting(offer.sdp, 'a=rid:'), []);
  assert.deepEqual(linesStarting(offer.sdp, 'a=simulcast:'), []);

  const defaults = single.addTransceiver('video', { sendEncodings: [{}, {}] });
  assert.deepEqual(
    defaults.sender.getParameters().encodings.map((e) => e.scaleResolutionDownBy),
    [2, 1],
  );
  pc.close();
  single.close();
});

test('createDataChannel: the channel and its defaults', async () => {
  const pc = new RTCPeerConnection();
  const channel = pc.createDataChannel('chat');
  assert.ok(channel instanceof RTCDataChannel);
  assert.ok(channel instanceof EventTarget);
  assert.deepEqual(
    {
      label: channel.label,
      id: channel.id,
      readyState: channel.readyState,
      ordered: channel.ordered,
      protocol: channel.protocol,
      negotiated: channel.negotiated,
      maxPacketLifeTime: channel.maxPacketLifeTime,
      maxRetransmits: channel.maxRetransmits,
      binaryType: channel.binaryType,
      bufferedAmount: channel.bufferedAmount,
      bufferedAmountLowThreshold: channel.bufferedAmountLowThreshold,
      onopen: channel.onopen,
    },
    {
      label: 'chat',
      id: null,
      readyState: 'connecting',
      ordered: true,
      protocol: '',
      negotiated: false,
      maxPacketLifeTime: null,
      maxRetransmits: null,
      binaryType: 'arraybuffer',
      bufferedAmount: 0,
      bufferedAmountLowThreshold: 0,
      onopen: null,
    },
  );
  const custom = pc.createDataChannel('custom', {
    ordered: false,
    maxRetransmits: 3,
    protocol: 'json',
    negotiated: true,
    id: 7,
  });
  assert.deepEqual(
    [custom.ordered, custom.maxRetransmits, custom.maxPacketLifeTime, custom.protocol, custom.negotiated, custom.id],
    [false, 3, null, 'json', true, 7],
  );
  assert.equal(pc.createDataChannel('ignored id', { id: 9 }).id, null);
  channel.binaryType = 'blob';
  channel.binaryType = 'text';
  assert.equal(channel.binaryType, 'blob');
  assert.throws(
    () => channel.send('hello'),
    (error) => error instanceof DOMException && error.name === 'InvalidStateError',
  );
  assert.throws(() => new RTCDataChannel(), TypeError);
  pc.close();
});

test('createDataChannel: argument errors', () => {
  const pc = new RTCPeerConnection();
  const errorName = (f) => {
    try {
      f();
      return 'no error';
    } catch (error) {
      return error instanceof DOMException ? error.name : error.constructor.name;
    }
  };
  assert.equal(errorName(() => pc.createDataChannel()), 'TypeError');
  assert.equal(errorName(() => pc.createDataChannel('x', { negotiated: true })), 'TypeError');
  assert.equal(errorName(() => pc.createDataChannel('x', { maxRetransmits: 1, maxPacketLifeTime: 1 })), 'TypeError');
  assert.equal(errorName(() => pc.createDataChannel('x', { negotiated: true, id: 65535 })), 'TypeError');
  assert.equal(errorName(() => pc.createDataChannel('x', { maxRetransmits: -1 })), 'TypeError');
  assert.equal(errorName(() => pc.createDataChannel('x'.repeat(65536))), 'TypeError');
  assert.equal(errorName(() => pc.createDataChannel('x', 'options')), 'TypeError');
  pc.createDataChannel('first', { negotiated: true, id: 1 });
  assert.equal(errorName(() => pc.createDataChannel('again', { negotiated: true, id: 1 })), 'OperationError');
  pc.close();
});

test('RTCDataChannel.close(): closing, then closed with a close event in a later task', async () => {
  const pc = new RTCPeerConnection();
  const channel = pc.createDataChannel('chat');
  const events = [];
  channel.onclose = (event) => events.push(`${event.type} ${channel.readyState}`);
  channel.close();
  assert.equal(channel.readyState, 'closing');
  await tasks(2);
  assert.equal(channel.readyState, 'closed');
  assert.deepEqual(events, ['close closed']);
  pc.close();
});

test('negotiationneeded: one event for several changes; handlers and listeners both run', async () => {
  const pc = new RTCPeerConnection();
  const events = [];
  pc.onnegotiationneeded = (event) => events.push(`handler ${event.type} ${event instanceof Event}`);
  pc.addEventListener('negotiationneeded', () => events.push('listener'));
  pc.addTransceiver('audio');
  pc.addTrack(fakeTrack('video'));
  pc.createDataChannel('chat');
  await tasks(3);
  assert.deepEqual(events, ['handler negotiationneeded true', 'listener']);
  pc.onnegotiationneeded = null;
  assert.equal(pc.onnegotiationneeded, null);
  pc.close();
});
