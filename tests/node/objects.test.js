// Transceivers, senders, receivers, tracks and data channels, and what they put in offers.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  RTCDataChannel,
  RTCPeerConnection,
  RTCRtpReceiver,
  RTCRtpSender,
  RTCRtpTransceiver,
} from '../../pkg/index.js';
import { CAPABILITIES } from '../../pkg/capabilities.js';
import {
  answerFor,
  assertDOMException,
  fakeStream,
  fakeTrack,
  lines,
  linesStarting,
  negotiate,
  rejection,
  tasks,
} from './helpers.js';

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
  assert.equal(stopped.receiver.track.readyState, 'live', 'the track ends in a later task');
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
      // Chromium's getParameters() shows a video layer without scaleResolutionDownBy at 1.
      ['f', 1, true],
    ],
  );
  const { sdp } = await pc.createOffer();
  assert.deepEqual(linesStarting(sdp, 'a=rid:'), ['a=rid:q send', 'a=rid:h send', 'a=rid:f send']);
  assert.deepEqual(linesStarting(sdp, 'a=simulcast:'), ['a=simulcast:send q;h;f']);

  const single = new RTCPeerConnection();
  const one = single.addTransceiver('video', { sendEncodings: [{ rid: 'only' }] });
  assert.deepEqual(one.sender.getParameters().encodings, [
    { active: true, adaptivePtime: false, networkPriority: 'low', priority: 'low', scaleResolutionDownBy: 1 },
  ]);
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

describe('transceiver direction and currentDirection', () => {
  test('the setter: same value is a no-op, "stopped" is a TypeError, stopped transceivers throw', async () => {
    const pc = new RTCPeerConnection();
    let events = 0;
    pc.onnegotiationneeded = () => {
      events += 1;
    };
    const transceiver = pc.addTransceiver('audio', { direction: 'sendonly' });
    await tasks(2);
    assert.equal(events, 1);
    for (const direction of ['recvonly', 'inactive', 'sendrecv', 'sendonly']) {
      transceiver.direction = direction;
      assert.equal(transceiver.direction, direction);
      assert.equal(transceiver.currentDirection, null, 'independent of direction');
    }
    assert.throws(() => {
      transceiver.direction = 'stopped';
    }, TypeError);
    transceiver.direction = 'sendonly';
    transceiver.stop();
    assert.equal(transceiver.direction, 'stopped');
    assert.equal(transceiver.currentDirection, null, 'stopping is not stopped');
    for (const direction of ['sendrecv', 'stopped']) {
      assert.throws(
        () => {
          transceiver.direction = direction;
        },
        (error) => error instanceof DOMException && error.name === 'InvalidStateError',
      );
    }
    transceiver.stop();
    pc.close();
    assert.equal(transceiver.currentDirection, 'stopped');
    assert.throws(
      () => transceiver.stop(),
      (error) => error instanceof DOMException && error.name === 'InvalidStateError',
      'the closed check comes first',
    );
  });

  test('currentDirection follows the answer; setting direction does not change it', async () => {
    const pc = new RTCPeerConnection();
    const transceiver = pc.addTransceiver('audio', { direction: 'recvonly' });
    const offer = await pc.createOffer();
    await pc.setLocalDescription(offer);
    assert.equal(transceiver.currentDirection, null);
    await pc.setRemoteDescription(answerFor(offer.sdp, { directions: { 0: 'sendonly' } }));
    assert.equal(transceiver.currentDirection, 'recvonly');
    transceiver.direction = 'sendrecv';
    assert.equal(transceiver.direction, 'sendrecv');
    assert.equal(transceiver.currentDirection, 'recvonly');
    pc.close();
  });
});

describe('senders: replaceTrack, setStreams, removeTrack, reuse', () => {
  test('replaceTrack: a same-kind track or null, set in a later task, without negotiationneeded', async () => {
    const pc = new RTCPeerConnection();
    let events = 0;
    pc.onnegotiationneeded = () => {
      events += 1;
    };
    const first = fakeTrack('audio', 'first-track');
    const transceiver = pc.addTransceiver(first);
    const { sender } = transceiver;
    await tasks(2);
    assert.equal(events, 1);
    const second = fakeTrack('audio', 'second-track');
    const replaced = sender.replaceTrack(second);
    assert.equal(sender.track, first, 'not yet');
    assert.equal(await replaced, undefined);
    assert.equal(sender.track, second);
    await sender.replaceTrack(null);
    assert.equal(sender.track, null);
    assert.equal(transceiver.direction, 'sendrecv');
    await sender.replaceTrack(second);
    await tasks(2);
    assert.equal(events, 1);
    // The msid keeps the first track's id: remote track ids do not change.
    const { sdp } = await pc.createOffer();
    assert.deepEqual(linesStarting(sdp, 'a=msid:'), ['a=msid:- first-track']);
    pc.close();
  });

  test('replaceTrack errors: wrong kind or not a track (TypeError), stopped or closed (InvalidStateError)', async () => {
    const pc = new RTCPeerConnection();
    const transceiver = pc.addTransceiver('audio');
    const { sender } = transceiver;
    assert.ok((await rejection(sender.replaceTrack(fakeTrack('video')))) instanceof TypeError);
    assert.ok((await rejection(sender.replaceTrack({}))) instanceof TypeError);
    assert.ok((await rejection(sender.replaceTrack())) instanceof TypeError);
    assert.ok((await rejection(RTCRtpSender.prototype.replaceTrack.call({}, null))) instanceof TypeError);
    assert.equal(RTCRtpSender.prototype.replaceTrack.length, 1);
    transceiver.stop();
    assertDOMException(await rejection(sender.replaceTrack(fakeTrack('audio'))), 'InvalidStateError');
    const other = new RTCPeerConnection();
    const otherSender = other.addTransceiver('video').sender;
    other.close();
    assertDOMException(await rejection(otherSender.replaceTrack(null)), 'InvalidStateError');
    pc.close();
  });

  test('replaceTrack is chained: it waits for the operation before it', async () => {
    const pc = new RTCPeerConnection();
    const { sender } = pc.addTransceiver('video');
    const order = [];
    await Promise.all([
      pc.createOffer().then(() => order.push('createOffer')),
      sender.replaceTrack(fakeTrack('video')).then(() => order.push('replaceTrack')),
    ]);
    assert.deepEqual(order, ['createOffer', 'replaceTrack']);
    pc.close();
  });

  test('setStreams: msid lines follow it; InvalidStateError once closed', async () => {
    const pc = new RTCPeerConnection();
    const sender = pc.addTrack(fakeTrack('audio', 'mic'));
    sender.setStreams(fakeStream('a'), fakeStream('b'), fakeStream('a'));
    let offer = await pc.createOffer();
    assert.deepEqual(linesStarting(offer.sdp, 'a=msid:'), ['a=msid:a mic', 'a=msid:b mic']);
    sender.setStreams();
    offer = await pc.createOffer();
    assert.deepEqual(linesStarting(offer.sdp, 'a=msid:'), ['a=msid:- mic']);
    assert.throws(() => sender.setStreams('not a stream'), TypeError);
    pc.close();
    assert.throws(
      () => sender.setStreams(fakeStream('c')),
      (error) => error instanceof DOMException && error.name === 'InvalidStateError',
    );
  });

  test('removeTrack on a stopping transceiver does nothing', () => {
    const pc = new RTCPeerConnection();
    const sender = pc.addTrack(fakeTrack('audio'));
    const [transceiver] = pc.getTransceivers();
    transceiver.stop();
    pc.removeTrack(sender);
    assert.notEqual(sender.track, null);
    pc.close();
  });

  test('addTrack does not reuse a sender that has sent (removeTrack, then addTrack again)', async () => {
    const pc = new RTCPeerConnection();
    const track = fakeTrack('audio');
    const stream = fakeStream('s');
    const first = pc.addTrack(track, stream);
    await negotiate(pc, { directions: { 0: 'sendrecv' } });
    pc.removeTrack(first);
    const second = pc.addTrack(track, stream);
    assert.notEqual(second, first);
    assert.deepEqual(
      pc.getTransceivers().map((t) => [t.sender.track === track, t.direction]),
      [
        [false, 'recvonly'],
        [true, 'sendrecv'],
      ],
    );
    pc.close();
  });
});

describe('capabilities and codec preferences', () => {
  const key = ({ mimeType, clockRate, channels, sdpFmtpLine }) => [mimeType, clockRate, channels, sdpFmtpLine].join(' ');

  test('getCapabilities: Chromium 156 lists, fresh objects, null for other kinds', () => {
    for (const [Class, side] of [
      [RTCRtpSender, 'send'],
      [RTCRtpReceiver, 'receive'],
    ]) {
      for (const kind of ['audio', 'video']) {
        const capabilities = Class.getCapabilities(kind);
        assert.deepEqual(capabilities, CAPABILITIES[kind][side]);
        assert.notEqual(capabilities, Class.getCapabilities(kind));
        assert.notEqual(capabilities.codecs[0], Class.getCapabilities(kind).codecs[0]);
        assert.ok(capabilities.codecs.every((c) => c.mimeType.startsWith(`${kind}/`)));
        assert.equal(capabilities.codecs.filter((c) => c.mimeType.endsWith('/rtx')).length <= 1, true);
      }
      assert.equal(Class.getCapabilities('data'), null);
      assert.equal(Class.getCapabilities('Audio'), null);
      assert.throws(() => Class.getCapabilities(), TypeError);
      assert.equal(Class.getCapabilities.length, 1);
    }
    const codecs = RTCRtpSender.getCapabilities('video').codecs.map((c) => c.mimeType);
    assert.ok(codecs.includes('video/VP8') && codecs.includes('video/H264'));
  });

  test('setCodecPreferences: accepted lists, and the order the next offer uses', async () => {
    const pc = new RTCPeerConnection();
    const audio = pc.addTransceiver('audio');
    const video = pc.addTransceiver('video');
    audio.setCodecPreferences(RTCRtpSender.getCapabilities('audio').codecs);
    audio.setCodecPreferences(RTCRtpReceiver.getCapabilities('audio').codecs);
    video.setCodecPreferences([
      ...RTCRtpSender.getCapabilities('video').codecs,
      ...RTCRtpReceiver.getCapabilities('video').codecs,
    ]);
    audio.setCodecPreferences([]);
    const receive = RTCRtpReceiver.getCapabilities('audio').codecs;
    const pcmu = receive.find((c) => c.mimeType === 'audio/PCMU');
    const opus = receive.find((c) => c.mimeType === 'audio/opus');
    // Duplicates are dropped, the mime type compares case-insensitively, extra members are ignored.
    audio.setCodecPreferences([pcmu, opus, pcmu, { ...opus, mimeType: 'AUDIO/OPUS', extra: true }]);
    const videoCodecs = RTCRtpReceiver.getCapabilities('video').codecs;
    video.setCodecPreferences([videoCodecs.find((c) => c.mimeType === 'video/H264')]);
    const vp8 = videoCodecs.find((c) => c.mimeType === 'video/VP8');
    video.setCodecPreferences([vp8]);
    const { sdp } = await pc.createOffer();
    assert.deepEqual(linesStarting(sdp, 'm='), ['m=audio 9 UDP/TLS/RTP/SAVPF 0 111', 'm=video 9 UDP/TLS/RTP/SAVPF 96']);
    assert.deepEqual(linesStarting(sdp, 'a=rtpmap:'), [
      'a=rtpmap:0 PCMU/8000',
      'a=rtpmap:111 opus/48000/2',
      'a=rtpmap:96 VP8/90000',
    ]);
    // DTMF alone is something to offer.
    audio.setCodecPreferences(receive.filter((c) => c.mimeType === 'audio/telephone-event'));
    assert.deepEqual(linesStarting((await pc.createOffer()).sdp, 'm=audio'), ['m=audio 9 UDP/TLS/RTP/SAVPF 110 126']);
    audio.setCodecPreferences([]);
    const reset = await pc.createOffer();
    assert.equal(linesStarting(reset.sdp, 'm=audio')[0], 'm=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126');
    pc.close();
  });

  test('setCodecPreferences errors: InvalidModificationError for codecs not in the capabilities', () => {
    const pc = new RTCPeerConnection();
    const audio = pc.addTransceiver('audio');
    const codecs = RTCRtpReceiver.getCapabilities('audio').codecs;
    const invalid = (list, why) =>
      assert.throws(
        () => audio.setCodecPreferences(list),
        (error) => error instanceof DOMException && error.name === 'InvalidModificationError',
        why,
      );
    invalid(RTCRtpReceiver.getCapabilities('video').codecs, 'video codecs on an audio transceiver');
    invalid([{ mimeType: 'audio/piepiper', clockRate: 2000, channels: 2, sdpFmtpLine: '0-15' }], 'made up');
    invalid([{ mimeType: 'data', clockRate: 2000, channels: 2, sdpFmtpLine: '0-15' }], 'not a mime type');
    invalid([...codecs, { mimeType: 'audio/piepiper', clockRate: 2000 }], 'one made up among real ones');
    invalid([{ ...codecs[0], clockRate: codecs[0].clockRate / 2 }], 'clock rate');
    invalid([{ ...codecs[0], channels: codecs[0].channels + 11 }], 'channels');
    invalid([{ ...codecs[0], sdpFmtpLine: 'modifiedparameter=1' }], 'parameters');
    invalid([{ mimeType: 'audio/opus', clockRate: 48000, channels: 2 }], 'a missing sdpFmtpLine matches only a missing one');
    invalid(
      codecs.filter((c) => c.mimeType === 'audio/red'),
      'RED alone offers nothing',
    );
    invalid(
      codecs.filter((c) => c.mimeType === 'audio/CN' || c.mimeType === 'audio/red'),
      'nor does comfort noise (as in Chromium)',
    );
    const video = pc.addTransceiver('video');
    const repair = RTCRtpReceiver.getCapabilities('video').codecs.filter((c) => /rtx|red|ulpfec|flexfec/.test(c.mimeType));
    assert.throws(
      () => video.setCodecPreferences(repair),
      (error) => error instanceof DOMException && error.name === 'InvalidModificationError',
      'only RTX, RED and FEC',
    );
    assert.throws(() => audio.setCodecPreferences([{ mimeType: 'audio/opus' }]), TypeError, 'clockRate is required');
    assert.throws(() => audio.setCodecPreferences([{ clockRate: 48000 }]), TypeError, 'mimeType is required');
    assert.throws(() => audio.setCodecPreferences(codecs[0]), TypeError, 'not a sequence');
    assert.throws(() => audio.setCodecPreferences(), TypeError);
    assert.equal(RTCRtpTransceiver.prototype.setCodecPreferences.length, 1);
    pc.close();
  });
});

test('the receiver track: label "remote <kind>", ended (with an event) in a task after its transceiver stops', async () => {
  const pc = new RTCPeerConnection();
  const audio = pc.addTransceiver('audio');
  const video = pc.addTransceiver('video');
  assert.equal(audio.receiver.track.label, 'remote audio');
  assert.equal(video.receiver.track.label, 'remote video');
  const events = [];
  audio.receiver.track.onended = (event) => events.push(`${event.type} ${audio.receiver.track.readyState}`);
  video.receiver.track.onended = () => events.push('video ended');
  audio.stop();
  // WPT RTCRtpTransceiver-stop and Chromium: still live after stop() and its microtasks.
  assert.equal(audio.receiver.track.readyState, 'live');
  await Promise.resolve();
  assert.equal(audio.receiver.track.readyState, 'live');
  assert.equal(audio.receiver.transport, null);
  assert.deepEqual(events, [], 'in a later task');
  await tasks(1);
  assert.deepEqual(events, ['ended ended'], 'ended when its event fires');
  assert.equal(audio.receiver.track.readyState, 'ended');
  pc.close();
  assert.equal(video.receiver.track.readyState, 'ended');
  await tasks(2);
  assert.deepEqual(events, ['ended ended'], 'close() ends tracks without an event');
});
