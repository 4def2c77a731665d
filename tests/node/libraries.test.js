// Real WebRTC libraries on this package in Node, as a drop-in: simple-peer (both roles, with and
// without media) and mediasoup-client's Chrome111 handler (a send transport producing audio and
// simulcast video, a receive transport consuming what an SFU offers). No media flows: what is
// checked is that each library negotiates to 'stable' and gets the objects and parameters it expects.

import assert from 'node:assert/strict';
import { afterEach, before, describe, test } from 'node:test';

import { Device } from 'mediasoup-client';
import SimplePeer from 'simple-peer';

import {
  install,
  MediaStream,
  MediaStreamTrack,
  RTCPeerConnection,
  RTCIceCandidate,
  RTCRtpReceiver,
  RTCSessionDescription,
} from '../../pkg/index.js';
import { assertTargetClass, lines, linesStarting, tasks } from './helpers.js';

/** The lines of the media section of `sdp` whose a=mid is `mid`. */
function section(sdp, mid) {
  const sections = sdp.split(/\r\n(?=m=)/).slice(1);
  const found = sections.find((s) => lines(s).includes(`a=mid:${mid}`));
  assert.ok(found, `a media section with a=mid:${mid}`);
  return lines(found).filter((line) => line !== '');
}

const simulcastLines = (sectionLines) => sectionLines.filter((line) => /^a=(rid|simulcast):/.test(line));

/** Real MediaStreamTracks of the package: only receivers make them, so take clones of a receiver's. */
function packageStream() {
  const source = new RTCPeerConnection();
  const tracks = ['audio', 'video'].map((kind) => source.addTransceiver(kind).receiver.track.clone());
  source.close();
  return new MediaStream(tracks);
}

describe('simple-peer', () => {
  // simple-peer takes the classes as `wrtc`; with trickle it builds an RTCIceCandidate for each
  // candidate the other side signals and passes it to addIceCandidate.
  const wrtc = { RTCPeerConnection, RTCSessionDescription, RTCIceCandidate };
  // Every peer is destroyed, passed or failed: a live one's data-channel interval keeps Node running.
  const live = [];
  afterEach(() => {
    for (const peer of live.splice(0)) peer.destroy();
  });

  /**
   * An initiator and a non-initiator with their signals piped to each other; resolves once both
   * have negotiated, with what each signalled and the tracks each got; rejects on an 'error'.
   */
  function connect(options = {}) {
    const peers = [true, false].map((initiator) => {
      const peer = new SimplePeer({ initiator, trickle: true, wrtc, ...options[initiator ? 'initiator' : 'other'] });
      live.push(peer);
      return { peer, signals: [], tracks: [] };
    });
    const [a, b] = peers;
    const negotiated = peers.map(
      (self, i) =>
        new Promise((resolve, reject) => {
          const other = peers[1 - i];
          self.peer.on('error', reject);
          self.peer.on('signal', (data) => {
            self.signals.push(data.type);
            other.peer.signal(data);
          });
          self.peer.on('track', (track, stream) => self.tracks.push({ kind: track.kind, streamId: stream.id, track }));
          self.peer.once('negotiated', resolve);
        }),
    );
    return Promise.all(negotiated).then(() => ({ a, b }));
  }

  function assertStableAsOfferer(pc) {
    assert.equal(pc.signalingState, 'stable');
    assert.equal(pc.localDescription.type, 'offer');
    assert.equal(pc.remoteDescription.type, 'answer');
  }

  function assertStableAsAnswerer(pc) {
    assert.equal(pc.signalingState, 'stable');
    assert.equal(pc.localDescription.type, 'answer');
    assert.equal(pc.remoteDescription.type, 'offer');
  }

  test('data only: an offer and an answer, both stable, no error', async () => {
    const { a, b } = await connect();
    assert.deepEqual(a.signals, ['offer']);
    assert.deepEqual(b.signals, ['answer']);
    assertStableAsOfferer(a.peer._pc);
    assertStableAsAnswerer(b.peer._pc);
    for (const { peer } of [a, b]) {
      const mLines = linesStarting(peer._pc.localDescription.sdp, 'm=');
      assert.deepEqual(mLines, ['m=application 9 UDP/DTLS/SCTP webrtc-datachannel']);
    }
    assert.deepEqual(linesStarting(b.peer._pc.localDescription.sdp, 'a=setup:'), ['a=setup:active']);
  });

  test('trickle: false (offer and answer set without a=ice-options:trickle): both stable', async () => {
    const noTrickle = { trickle: false };
    const { a, b } = await connect({ initiator: noTrickle, other: noTrickle });
    assert.deepEqual(a.signals, ['offer']);
    assert.deepEqual(b.signals, ['answer']);
    assertStableAsOfferer(a.peer._pc);
    assertStableAsAnswerer(b.peer._pc);
    for (const { peer } of [a, b]) {
      // What simple-peer set (its munged SDP) is what was applied, as Chromium reports it.
      assert.deepEqual(linesStarting(peer._pc.localDescription.sdp, 'a=ice-options:'), []);
      assert.equal(peer._pc.canTrickleIceCandidates, false);
    }
  });

  test('trickled candidates (as Chromium signals them) reach remoteDescription through wrtc.RTCIceCandidate', async () => {
    const { a, b } = await connect();
    const errors = [];
    for (const { peer } of [a, b]) peer.on('error', (error) => errors.push(error));
    const candidate = 'candidate:452495586 1 udp 2113937151 192.168.1.5 48029 typ host generation 0 ufrag quoS network-cost 999';
    for (const { peer } of [a, b]) peer.signal({ type: 'candidate', candidate: { candidate, sdpMid: '0', sdpMLineIndex: 0, usernameFragment: null } });
    await tasks(5);
    assert.deepEqual(errors, []);
    for (const { peer } of [a, b]) {
      assert.deepEqual(linesStarting(peer._pc.remoteDescription.sdp, 'a=candidate:'), [
        'a=candidate:452495586 1 udp 2113937151 192.168.1.5 48029 typ host generation 0 network-cost 999',
      ]);
    }
  });

  test('a stream each way (package MediaStream): sendrecv audio and video, tracks on both sides', async () => {
    const streamA = packageStream();
    const streamB = packageStream();
    const { a, b } = await connect({ initiator: { stream: streamA }, other: { stream: streamB } });
    assert.deepEqual(a.signals, ['offer']);
    assert.deepEqual(b.signals, ['answer']);
    assertStableAsOfferer(a.peer._pc);
    assertStableAsAnswerer(b.peer._pc);
    const offer = a.peer._pc.localDescription.sdp;
    const answer = b.peer._pc.localDescription.sdp;
    assert.deepEqual(
      linesStarting(answer, 'm=').map((line) => line.split(' ')[0]),
      ['m=audio', 'm=video', 'm=application'],
    );
    for (const [mid, index] of [['0', 0], ['1', 1]]) {
      assert.ok(section(offer, mid).includes('a=sendrecv'));
      assert.ok(section(answer, mid).includes('a=sendrecv'));
      assert.ok(section(offer, mid).includes(`a=msid:${streamA.id} ${streamA.getTracks()[index].id}`));
      assert.ok(section(answer, mid).includes(`a=msid:${streamB.id} ${streamB.getTracks()[index].id}`));
    }
    assert.deepEqual(
      b.tracks.map(({ kind, streamId }) => [kind, streamId]),
      [['audio', streamA.id], ['video', streamA.id]],
    );
    assert.deepEqual(
      a.tracks.map(({ kind, streamId }) => [kind, streamId]),
      [['audio', streamB.id], ['video', streamB.id]],
    );
    for (const { track } of [...a.tracks, ...b.tracks]) assert.ok(track instanceof MediaStreamTrack);
  });

  test('a stream from the initiator only: the answerer receives, recvonly', async () => {
    const stream = packageStream();
    const { a, b } = await connect({ initiator: { stream } });
    assertStableAsOfferer(a.peer._pc);
    assertStableAsAnswerer(b.peer._pc);
    const answer = b.peer._pc.localDescription.sdp;
    assert.ok(section(answer, '0').includes('a=recvonly'));
    assert.ok(section(answer, '1').includes('a=recvonly'));
    assert.deepEqual(
      b.tracks.map(({ kind, streamId }) => [kind, streamId]),
      [['audio', stream.id], ['video', stream.id]],
    );
    assert.deepEqual(a.tracks, []);
  });
});

const FEEDBACK_VIDEO = [
  { type: 'nack', parameter: '' },
  { type: 'nack', parameter: 'pli' },
  { type: 'ccm', parameter: 'fir' },
  { type: 'goog-remb', parameter: '' },
  { type: 'transport-cc', parameter: '' },
];
const FEEDBACK_OPUS = [
  { type: 'nack', parameter: '' },
  { type: 'transport-cc', parameter: '' },
];
const video = (mimeType, preferredPayloadType, parameters) => ({
  kind: 'video',
  mimeType,
  preferredPayloadType,
  clockRate: 90000,
  parameters,
  rtcpFeedback: FEEDBACK_VIDEO,
});
const rtx = (preferredPayloadType, apt) => ({
  kind: 'video',
  mimeType: 'video/rtx',
  preferredPayloadType,
  clockRate: 90000,
  parameters: { apt },
  rtcpFeedback: [],
});
const extension = (kind, uri, preferredId, direction = 'sendrecv') => ({
  kind,
  uri,
  preferredId,
  preferredEncrypt: false,
  direction,
});
const URI = {
  mid: 'urn:ietf:params:rtp-hdrext:sdes:mid',
  rid: 'urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id',
  rrid: 'urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id',
  absSendTime: 'http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time',
  transportCc: 'http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01',
  audioLevel: 'urn:ietf:params:rtp-hdrext:ssrc-audio-level',
  videoOrientation: 'urn:3gpp:video-orientation',
  toffset: 'urn:ietf:params:rtp-hdrext:toffset',
  absCaptureTime: 'http://www.webrtc.org/experiments/rtp-hdrext/abs-capture-time',
  playoutDelay: 'http://www.webrtc.org/experiments/rtp-hdrext/playout-delay',
};

/**
 * A mediasoup 3 router's rtpCapabilities for the usual mediaCodecs (opus; VP8; VP9 profiles 0 and
 * 2; H264 42e01f, packetization-mode 1), with feedback and header extensions as mediasoup's
 * supportedRtpCapabilities define them: payload types from 100, an rtx after each video codec.
 */
const ROUTER_RTP_CAPABILITIES = {
  codecs: [
    {
      kind: 'audio',
      mimeType: 'audio/opus',
      preferredPayloadType: 100,
      clockRate: 48000,
      channels: 2,
      parameters: {},
      rtcpFeedback: FEEDBACK_OPUS,
    },
    video('video/VP8', 101, {}),
    rtx(102, 101),
    video('video/VP9', 103, { 'profile-id': 0 }),
    rtx(104, 103),
    video('video/VP9', 105, { 'profile-id': 2 }),
    rtx(106, 105),
    video('video/H264', 107, { 'level-asymmetry-allowed': 1, 'packetization-mode': 1, 'profile-level-id': '42e01f' }),
    rtx(108, 107),
  ],
  headerExtensions: [
    extension('audio', URI.mid, 1),
    extension('video', URI.mid, 1),
    extension('video', URI.rid, 2, 'recvonly'),
    extension('video', URI.rrid, 3, 'recvonly'),
    extension('audio', URI.absSendTime, 4),
    extension('video', URI.absSendTime, 4),
    extension('audio', URI.transportCc, 5, 'recvonly'),
    extension('video', URI.transportCc, 5),
    extension('audio', URI.audioLevel, 10),
    extension('video', URI.videoOrientation, 11),
    extension('video', URI.toffset, 12),
    extension('audio', URI.absCaptureTime, 13),
    extension('video', URI.absCaptureTime, 13),
    extension('audio', URI.playoutDelay, 14),
    extension('video', URI.playoutDelay, 14),
  ],
};

const SFU_FINGERPRINT =
  'A9:3F:1C:7E:22:5B:90:D4:6E:11:08:CF:35:B7:42:9A:E0:53:1D:6C:88:F2:47:0B:BE:29:71:C5:3A:94:D8:1F';

/** What a mediasoup WebRtcTransport hands the client: ICE lite, one UDP host candidate, DTLS role auto. */
function transportOptions(id, port) {
  return {
    id,
    iceParameters: {
      usernameFragment: `${id.slice(0, 4)}q8f3kz1wmx0p`,
      password: 'v7Jx2LmQ9sTz4RbN8cWk5HdY3gPf6UaE',
      iceLite: true,
    },
    iceCandidates: [
      {
        foundation: 'udpcandidate',
        priority: 1076302079,
        address: '203.0.113.7',
        ip: '203.0.113.7',
        protocol: 'udp',
        port,
        type: 'host',
      },
    ],
    dtlsParameters: { role: 'auto', fingerprints: [{ algorithm: 'sha-256', value: SFU_FINGERPRINT }] },
  };
}

const CNAME = 'GtpjzdA/iQNM3QC8';
const CONSUMER_EXTENSIONS = {
  audio: [
    { uri: URI.mid, id: 1, encrypt: false, parameters: {} },
    { uri: URI.absSendTime, id: 4, encrypt: false, parameters: {} },
    { uri: URI.audioLevel, id: 10, encrypt: false, parameters: {} },
    { uri: URI.absCaptureTime, id: 13, encrypt: false, parameters: {} },
  ],
  video: [
    { uri: URI.mid, id: 1, encrypt: false, parameters: {} },
    { uri: URI.absSendTime, id: 4, encrypt: false, parameters: {} },
    { uri: URI.transportCc, id: 5, encrypt: false, parameters: {} },
    { uri: URI.videoOrientation, id: 11, encrypt: false, parameters: {} },
    { uri: URI.toffset, id: 12, encrypt: false, parameters: {} },
    { uri: URI.absCaptureTime, id: 13, encrypt: false, parameters: {} },
  ],
};

/** What mediasoup's router.consume() returns to be sent to the client, for each kind. */
const CONSUMERS = {
  audio: {
    id: '3c1e2f4a-8d7b-4e61-9a35-0f2b6c9d1e70',
    producerId: 'a4f0c7d2-5e19-4b8a-8c63-2d7e9f1b0a34',
    kind: 'audio',
    rtpParameters: {
      codecs: [
        {
          mimeType: 'audio/opus',
          payloadType: 100,
          clockRate: 48000,
          channels: 2,
          parameters: { minptime: 10, useinbandfec: 1 },
          rtcpFeedback: FEEDBACK_OPUS,
        },
      ],
      headerExtensions: CONSUMER_EXTENSIONS.audio,
      encodings: [{ ssrc: 452299228 }],
      rtcp: { cname: CNAME, reducedSize: true, mux: true },
      mid: '0',
    },
  },
  video: {
    id: '9b2d5e7f-1a3c-4f86-b0e4-7c5a8d2f6e19',
    producerId: 'e8c3a1b5-7f24-4d90-a6b2-5f1e3c9d7a08',
    kind: 'video',
    rtpParameters: {
      codecs: [
        { mimeType: 'video/VP8', payloadType: 101, clockRate: 90000, parameters: {}, rtcpFeedback: FEEDBACK_VIDEO },
        { mimeType: 'video/rtx', payloadType: 102, clockRate: 90000, parameters: { apt: 101 }, rtcpFeedback: [] },
      ],
      headerExtensions: CONSUMER_EXTENSIONS.video,
      encodings: [{ ssrc: 908157412, rtx: { ssrc: 908157413 }, scalabilityMode: 'L3T3' }],
      rtcp: { cname: CNAME, reducedSize: true, mux: true },
      mid: '1',
    },
  },
};

/** The a=fingerprint of `sdp` as mediasoup's dtlsParameters.fingerprints has it. */
function fingerprintsOf(sdp) {
  const values = new Set(linesStarting(sdp, 'a=fingerprint:').map((line) => line.slice('a=fingerprint:'.length)));
  assert.equal(values.size, 1, 'one certificate for the whole bundle');
  const [algorithm, value] = [...values][0].split(' ');
  return [{ algorithm, value }];
}

describe('mediasoup-client (Chrome111 handler)', () => {
  let device;

  before(async () => {
    // Node has no RTCPeerConnection: install() puts ours (and MediaStream, which the handler makes) on globalThis.
    assert.equal(install(globalThis), 'polyfilled');
    assertTargetClass(globalThis.MediaStream, MediaStream);
    device = new Device({ handlerName: 'Chrome111' });
    await device.load({ routerRtpCapabilities: ROUTER_RTP_CAPABILITIES });
  });

  test("load(): the router codecs Chromium 156 can receive (with its opus parameters), both kinds producible", () => {
    assert.equal(device.handlerName, 'Chrome111');
    assert.equal(device.loaded, true);
    assert.equal(device.canProduce('audio'), true);
    assert.equal(device.canProduce('video'), true);
    assert.deepEqual(
      device.recvRtpCapabilities.codecs.map((c) => [c.mimeType, c.preferredPayloadType, JSON.stringify(c.parameters)]),
      [
        ['audio/opus', 100, '{"minptime":10,"useinbandfec":1}'],
        ['video/VP8', 101, '{}'],
        ['video/rtx', 102, '{"apt":101}'],
        ['video/VP9', 103, '{"profile-id":0}'],
        ['video/rtx', 104, '{"apt":103}'],
        ['video/VP9', 105, '{"profile-id":2}'],
        ['video/rtx', 106, '{"apt":105}'],
        ['video/H264', 107, '{"level-asymmetry-allowed":1,"packetization-mode":1,"profile-level-id":"42e01f"}'],
        ['video/rtx', 108, '{"apt":107}'],
      ],
    );
    // mediasoup-client keys the native extensions by id, and Chromium gives abs-send-time,
    // transport-cc and mid one id for both kinds: the video ones remain (as with Chrome itself).
    // Chromium offers no abs-capture-time; rid and repaired-rid are for sending only.
    assert.deepEqual(
      device.recvRtpCapabilities.headerExtensions.map((e) => `${e.kind} ${e.preferredId} ${e.uri}`),
      [
        `video 1 ${URI.mid}`,
        `video 4 ${URI.absSendTime}`,
        `video 5 ${URI.transportCc}`,
        `audio 10 ${URI.audioLevel}`,
        `video 11 ${URI.videoOrientation}`,
        `video 12 ${URI.toffset}`,
        `video 14 ${URI.playoutDelay}`,
      ],
    );
  });

  test('send transport: connect as DTLS client, produce() audio and 3-layer simulcast video', async () => {
    const transport = device.createSendTransport(transportOptions('send-5d1b', 40001));
    const connects = [];
    const produced = [];
    transport.on('connect', ({ dtlsParameters }, callback) => {
      connects.push(dtlsParameters);
      callback();
    });
    transport.on('produce', ({ kind, rtpParameters }, callback) => {
      produced.push({ kind, rtpParameters });
      callback({ id: `producer-${kind}` });
    });
    const source = packageStream();
    const audio = await transport.produce({ track: source.getAudioTracks()[0] });
    const camera = await transport.produce({
      track: source.getVideoTracks()[0],
      encodings: [{ maxBitrate: 100000 }, { maxBitrate: 300000 }, { maxBitrate: 900000 }],
    });
    assert.equal(audio.id, 'producer-audio');
    assert.equal(camera.id, 'producer-video');
    assert.deepEqual(produced.map((p) => p.kind), ['audio', 'video']);

    const pc = transport.handler._pc;
    assert.equal(pc.signalingState, 'stable');
    assert.equal(pc.localDescription.type, 'offer');
    assert.equal(pc.remoteDescription.type, 'answer');
    assert.deepEqual(connects, [{ role: 'client', fingerprints: fingerprintsOf(pc.localDescription.sdp) }]);

    const [audioParameters, videoParameters] = produced.map((p) => p.rtpParameters);
    assert.equal(audioParameters.mid, '0');
    assert.deepEqual(
      audioParameters.codecs.map((c) => [c.mimeType, c.payloadType]),
      [['audio/opus', 111]],
    );
    assert.equal(videoParameters.mid, '1');
    assert.deepEqual(
      videoParameters.codecs.map((c) => [c.mimeType, c.payloadType]),
      [['video/VP8', 96], ['video/rtx', 97]],
    );
    assert.deepEqual(
      videoParameters.encodings.map((e) => [e.rid, e.maxBitrate, e.scalabilityMode]),
      [['r0', 100000, 'L1T3'], ['r1', 300000, 'L1T3'], ['r2', 900000, 'L1T3']],
    );
    const offerVideo = section(pc.localDescription.sdp, '1');
    const sendLayers = ['a=rid:r0 send', 'a=rid:r1 send', 'a=rid:r2 send', 'a=simulcast:send r0;r1;r2'];
    assert.deepEqual(simulcastLines(offerVideo), sendLayers);
    assert.ok(offerVideo.includes('a=sendonly'));
    const answerVideo = section(pc.remoteDescription.sdp, '1');
    const recvLayers = ['a=rid:r0 recv', 'a=rid:r1 recv', 'a=rid:r2 recv', 'a=simulcast:recv r0;r1;r2'];
    assert.deepEqual(simulcastLines(answerVideo), recvLayers);
    assert.deepEqual(
      pc.getSenders().map((sender) => sender.getParameters().encodings.map((e) => e.rid ?? null)),
      [[null], ['r0', 'r1', 'r2']],
    );
    transport.close();
  });

  test('receive transport: consume() audio and video from an SFU offer, answered as DTLS client', async () => {
    const transport = device.createRecvTransport(transportOptions('recv-8c2e', 40002));
    const connects = [];
    transport.on('connect', ({ dtlsParameters }, callback) => {
      connects.push(dtlsParameters);
      callback();
    });
    const audio = await transport.consume(CONSUMERS.audio);
    const camera = await transport.consume(CONSUMERS.video);

    const pc = transport.handler._pc;
    assert.equal(pc.signalingState, 'stable');
    assert.equal(pc.remoteDescription.type, 'offer');
    assert.equal(pc.localDescription.type, 'answer');
    assert.deepEqual(connects, [{ role: 'client', fingerprints: fingerprintsOf(pc.localDescription.sdp) }]);
    const answer = pc.localDescription.sdp;
    assert.deepEqual(linesStarting(answer, 'a=group:'), ['a=group:BUNDLE 0 1']);
    assert.deepEqual(linesStarting(answer, 'a=setup:'), ['a=setup:active', 'a=setup:active']);
    assert.deepEqual(linesStarting(answer, 'm='), [
      'm=audio 9 UDP/TLS/RTP/SAVPF 100',
      'm=video 9 UDP/TLS/RTP/SAVPF 101 102',
    ]);
    assert.ok(section(answer, '0').includes('a=recvonly'));
    assert.ok(section(answer, '1').includes('a=recvonly'));
    const fmtp = (mid) => section(answer, mid).filter((line) => line.startsWith('a=fmtp:'));
    assert.deepEqual(fmtp('0'), ['a=fmtp:100 minptime=10;useinbandfec=1']);
    assert.deepEqual(fmtp('1'), ['a=fmtp:102 apt=101']);

    for (const [consumer, options] of [[audio, CONSUMERS.audio], [camera, CONSUMERS.video]]) {
      assert.equal(consumer.id, options.id);
      assert.equal(consumer.producerId, options.producerId);
      assert.equal(consumer.kind, options.kind);
      assert.ok(consumer.track instanceof MediaStreamTrack, 'a MediaStreamTrack of the package');
      assert.equal(consumer.track.kind, options.kind);
      assert.equal(consumer.track.readyState, 'live');
      assert.ok(consumer.rtpReceiver instanceof RTCRtpReceiver);
      assert.equal(consumer.rtpReceiver.track, consumer.track);
    }
    assert.deepEqual(
      pc.getTransceivers().map((t) => [t.mid, t.direction, t.currentDirection]),
      [['0', 'recvonly', 'recvonly'], ['1', 'recvonly', 'recvonly']],
    );
    transport.close();
  });
});
