// The MDN flow and the RTCPeerConnection surface around it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RTCPeerConnection, RTCSessionDescription } from '../../pkg/index.js';
import { assertDOMException, lines, linesStarting, rejection, tasks } from './helpers.js';

test('MDN flow: negotiationneeded → createOffer → setLocalDescription, with events in order', async () => {
  const pc = new RTCPeerConnection();
  const events = [];
  const record = (label) => events.push(`${label} ${pc.signalingState} ${pc.iceGatheringState}`);
  pc.onsignalingstatechange = () => record('signalingstatechange');
  pc.onicegatheringstatechange = () => record('icegatheringstatechange');
  pc.onicecandidate = (event) => record(`icecandidate ${event.candidate}`);

  let offer;
  const done = new Promise((resolve, reject) => {
    pc.onnegotiationneeded = async (event) => {
      try {
        record(event.type);
        offer = await pc.createOffer();
        record('createOffer resolved');
        assert.equal(transceiver.mid, null, 'no mid before setLocalDescription');
        await pc.setLocalDescription(offer);
        record('setLocalDescription resolved');
        resolve();
      } catch (error) {
        reject(error);
      }
    };
  });
  const transceiver = pc.addTransceiver('audio');
  await done;
  await tasks(3);

  assert.deepEqual(events, [
    'negotiationneeded stable new',
    'createOffer resolved stable new',
    'signalingstatechange have-local-offer new',
    'setLocalDescription resolved have-local-offer new',
    'icegatheringstatechange have-local-offer gathering',
    'icegatheringstatechange have-local-offer complete',
    'icecandidate null have-local-offer complete',
  ]);
  assert.equal(pc.signalingState, 'have-local-offer');
  assert.ok(pc.localDescription instanceof RTCSessionDescription);
  assert.equal(pc.localDescription, pc.pendingLocalDescription, 'the same object');
  assert.deepEqual(pc.localDescription.toJSON(), { type: 'offer', sdp: offer.sdp });
  assert.equal(pc.currentLocalDescription, null);
  assert.equal(pc.remoteDescription, null);
  assert.equal(transceiver.mid, '0');
  assert.equal(transceiver.currentDirection, null);
  pc.close();
});

test('the offer is a fresh plain object with exactly the keys sdp, type', async () => {
  const pc = new RTCPeerConnection();
  pc.addTransceiver('audio');
  const first = await pc.createOffer();
  const second = await pc.createOffer();
  assert.deepEqual(Object.keys(first), ['sdp', 'type']);
  assert.equal(Object.getPrototypeOf(first), Object.prototype);
  assert.equal(first.type, 'offer');
  assert.equal(typeof first.sdp, 'string');
  assert.notEqual(first, second);
  assert.ok(!(first instanceof RTCSessionDescription));
  pc.close();
});

test('an audio transceiver gives one audio m-section with mid 0, CRLF throughout', async () => {
  const pc = new RTCPeerConnection();
  pc.addTransceiver('audio');
  const { sdp } = await pc.createOffer();
  assert.ok(sdp.startsWith('v=0\r\no=- '));
  assert.match(sdp, /^v=0\r\no=- \d+ 2 IN IP4 127\.0\.0\.1\r\ns=-\r\nt=0 0\r\n/);
  assert.ok(sdp.endsWith('\r\n'));
  assert.ok(!/[^\r]\n/.test(sdp), 'every line ends with CRLF');
  assert.deepEqual(linesStarting(sdp, 'm='), ['m=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126']);
  assert.deepEqual(linesStarting(sdp, 'a=mid:'), ['a=mid:0']);
  assert.deepEqual(linesStarting(sdp, 'a=group:BUNDLE'), ['a=group:BUNDLE 0']);
  for (const line of ['a=sendrecv', 'a=setup:actpass', 'a=rtcp-mux', 'a=rtpmap:111 opus/48000/2']) {
    assert.ok(lines(sdp).includes(line), `has ${line}`);
  }
  assert.equal(linesStarting(sdp, 'a=ice-ufrag:').length, 1);
  assert.match(linesStarting(sdp, 'a=ice-ufrag:')[0], /^a=ice-ufrag:[A-Za-z0-9+/]{4}$/);
  assert.match(linesStarting(sdp, 'a=ice-pwd:')[0], /^a=ice-pwd:[A-Za-z0-9+/]{24}$/);
  assert.match(linesStarting(sdp, 'a=fingerprint:')[0], /^a=fingerprint:sha-256 [0-9A-F]{2}(:[0-9A-F]{2}){31}$/);
  pc.close();
});

test('an empty connection offers no m-sections; a data channel adds one m=application last', async () => {
  const pc = new RTCPeerConnection();
  const empty = await pc.createOffer();
  assert.deepEqual(linesStarting(empty.sdp, 'm='), []);
  assert.deepEqual(linesStarting(empty.sdp, 'a=group:'), []);

  pc.addTransceiver('video');
  pc.createDataChannel('chat');
  pc.createDataChannel('more');
  const { sdp } = await pc.createOffer();
  const mLines = linesStarting(sdp, 'm=');
  assert.deepEqual(mLines.map((line) => line.split(' ')[0]), ['m=video', 'm=application']);
  assert.equal(mLines[1], 'm=application 9 UDP/DTLS/SCTP webrtc-datachannel');
  assert.deepEqual(linesStarting(sdp, 'a=mid:'), ['a=mid:0', 'a=mid:1']);
  assert.deepEqual(linesStarting(sdp, 'a=group:BUNDLE'), ['a=group:BUNDLE 0 1']);
  pc.close();
});

test('repeated offers keep the session id and ICE credentials and count the version up', async () => {
  const pc = new RTCPeerConnection();
  pc.addTransceiver('audio');
  const offers = [await pc.createOffer(), await pc.createOffer(), await pc.createOffer()];
  const origins = offers.map(({ sdp }) => lines(sdp)[1].split(' '));
  assert.deepEqual(
    origins.map((o) => o[2]),
    ['2', '3', '4'],
  );
  assert.equal(new Set(origins.map((o) => o[1])).size, 1);
  const credentials = offers.map(({ sdp }) => [...linesStarting(sdp, 'a=ice-ufrag:'), ...linesStarting(sdp, 'a=ice-pwd:')].join());
  assert.equal(new Set(credentials).size, 1);
  pc.close();
});

test('two connections have different ICE credentials, session ids and default certificates', async () => {
  const [a, b] = [new RTCPeerConnection(), new RTCPeerConnection()];
  a.addTransceiver('audio');
  b.addTransceiver('audio');
  const [offerA, offerB] = await Promise.all([a.createOffer(), b.createOffer()]);
  const pick = (sdp, prefix) => linesStarting(sdp, prefix)[0];
  assert.notEqual(pick(offerA.sdp, 'a=ice-ufrag:'), pick(offerB.sdp, 'a=ice-ufrag:'));
  assert.notEqual(pick(offerA.sdp, 'a=ice-pwd:'), pick(offerB.sdp, 'a=ice-pwd:'));
  assert.notEqual(lines(offerA.sdp)[1].split(' ')[1], lines(offerB.sdp)[1].split(' ')[1]);
  assert.notEqual(pick(offerA.sdp, 'a=fingerprint:'), pick(offerB.sdp, 'a=fingerprint:'));
  a.close();
  b.close();
});

test('initial state and getConfiguration()', () => {
  const pc = new RTCPeerConnection();
  assert.deepEqual(
    {
      signalingState: pc.signalingState,
      iceGatheringState: pc.iceGatheringState,
      iceConnectionState: pc.iceConnectionState,
      connectionState: pc.connectionState,
      localDescription: pc.localDescription,
      currentLocalDescription: pc.currentLocalDescription,
      pendingLocalDescription: pc.pendingLocalDescription,
      remoteDescription: pc.remoteDescription,
      currentRemoteDescription: pc.currentRemoteDescription,
      pendingRemoteDescription: pc.pendingRemoteDescription,
      canTrickleIceCandidates: pc.canTrickleIceCandidates,
      sctp: pc.sctp,
    },
    {
      signalingState: 'stable',
      iceGatheringState: 'new',
      iceConnectionState: 'new',
      connectionState: 'new',
      localDescription: null,
      currentLocalDescription: null,
      pendingLocalDescription: null,
      remoteDescription: null,
      currentRemoteDescription: null,
      pendingRemoteDescription: null,
      canTrickleIceCandidates: null,
      sctp: null,
    },
  );
  assert.deepEqual(pc.getConfiguration(), {
    bundlePolicy: 'balanced',
    certificates: [],
    iceCandidatePoolSize: 0,
    iceServers: [],
    iceTransportPolicy: 'all',
    rtcpMuxPolicy: 'require',
  });
  const configured = new RTCPeerConnection({
    bundlePolicy: 'max-bundle',
    iceServers: [{ urls: 'stun:stun.example.org:3478' }, { urls: ['turn:turn.example.org'], username: 'u', credential: 'c' }],
    iceCandidatePoolSize: 2,
  });
  assert.deepEqual(configured.getConfiguration(), {
    bundlePolicy: 'max-bundle',
    certificates: [],
    iceCandidatePoolSize: 2,
    iceServers: [
      { urls: ['stun:stun.example.org:3478'] },
      { urls: ['turn:turn.example.org'], credential: 'c', username: 'u' },
    ],
    iceTransportPolicy: 'all',
    rtcpMuxPolicy: 'require',
  });
  pc.close();
  configured.close();
});

test('the constructor validates the configuration synchronously', () => {
  assert.throws(() => new RTCPeerConnection({ bundlePolicy: 'banana' }), TypeError);
  assert.throws(
    () => new RTCPeerConnection({ rtcpMuxPolicy: 'negotiate' }),
    (error) => error instanceof DOMException && error.name === 'NotSupportedError',
  );
  assert.throws(() => new RTCPeerConnection({ iceTransportPolicy: 'none' }), TypeError);
  assert.throws(() => new RTCPeerConnection({ iceCandidatePoolSize: 256 }), TypeError);
  assert.throws(() => new RTCPeerConnection({ iceServers: [{}] }), TypeError);
  assert.throws(() => new RTCPeerConnection({ certificates: [{}] }), TypeError);
  assert.throws(() => new RTCPeerConnection(42), TypeError);
  assert.throws(
    () => new RTCPeerConnection({ iceServers: [{ urls: 'http://example.org' }] }),
    (error) => error instanceof DOMException && error.name === 'SyntaxError',
  );
  assert.throws(
    () => new RTCPeerConnection({ iceServers: [{ urls: 'turn:turn.example.org' }] }),
    (error) => error instanceof DOMException && error.name === 'InvalidAccessError',
  );
  assert.throws(() => RTCPeerConnection(), TypeError, 'needs new');
  new RTCPeerConnection(null).close();
  new RTCPeerConnection({ sdpSemantics: 'unified-plan' }).close();
});

test('setConfiguration() keeps what cannot change', () => {
  const pc = new RTCPeerConnection({ bundlePolicy: 'max-compat' });
  assert.throws(
    () => pc.setConfiguration({}),
    (error) => error instanceof DOMException && error.name === 'InvalidModificationError',
  );
  pc.setConfiguration({ bundlePolicy: 'max-compat', iceServers: [{ urls: 'stun:stun.example.org' }] });
  assert.deepEqual(pc.getConfiguration().iceServers, [{ urls: ['stun:stun.example.org'] }]);
  pc.close();
  assert.throws(
    () => pc.setConfiguration({ bundlePolicy: 'max-compat' }),
    (error) => error instanceof DOMException && error.name === 'InvalidStateError',
  );
});

test('close(): state closed without an event; later operations fail with InvalidStateError', async () => {
  const pc = new RTCPeerConnection();
  const transceiver = pc.addTransceiver('audio');
  const channel = pc.createDataChannel('chat');
  const events = [];
  pc.onsignalingstatechange = () => events.push('signalingstatechange');
  channel.onclose = () => events.push('close');
  pc.close();
  pc.close();
  assert.equal(pc.signalingState, 'closed');
  assert.equal(pc.iceConnectionState, 'closed');
  assert.equal(pc.connectionState, 'closed');
  assert.equal(channel.readyState, 'closed');
  assert.equal(transceiver.currentDirection, 'stopped');
  assert.equal(transceiver.direction, 'stopped');
  assert.deepEqual(pc.getSenders(), []);
  assert.deepEqual(pc.getReceivers(), []);
  assert.deepEqual(pc.getTransceivers(), [transceiver]);

  assertDOMException(await rejection(pc.createOffer()), 'InvalidStateError');
  assertDOMException(await rejection(pc.createOffer({ offerToReceiveAudio: true })), 'InvalidStateError');
  assertDOMException(await rejection(pc.setLocalDescription()), 'InvalidStateError');
  assertDOMException(await rejection(pc.createAnswer()), 'InvalidStateError');
  const throwsInvalidState = (f) =>
    assert.throws(f, (error) => error instanceof DOMException && error.name === 'InvalidStateError');
  throwsInvalidState(() => pc.addTransceiver('audio'));
  throwsInvalidState(() => pc.addTrack({ kind: 'audio', id: 'a' }));
  throwsInvalidState(() => pc.createDataChannel('late'));
  throwsInvalidState(() => {
    transceiver.direction = 'recvonly';
  });
  assert.equal(pc.getTransceivers().length, 1, 'offerToReceiveAudio added nothing to a closed connection');
  await tasks(3);
  assert.deepEqual(events, []);
});

test('RTCSessionDescription', () => {
  const description = new RTCSessionDescription({ type: 'offer', sdp: 'v=0\r\n' });
  assert.equal(description.type, 'offer');
  assert.equal(description.sdp, 'v=0\r\n');
  assert.deepEqual(description.toJSON(), { type: 'offer', sdp: 'v=0\r\n' });
  assert.equal(JSON.stringify(description), '{"type":"offer","sdp":"v=0\\r\\n"}');
  assert.equal(new RTCSessionDescription({ type: 'rollback' }).sdp, '');
  assert.throws(() => new RTCSessionDescription(), TypeError);
  assert.throws(() => new RTCSessionDescription({ sdp: '' }), TypeError);
  assert.throws(() => new RTCSessionDescription({ type: 'bogus' }), TypeError);
  assert.equal(Object.prototype.toString.call(description), '[object RTCSessionDescription]');
});

test('interface shape: lengths, handlers, no historical members, wrong this', async () => {
  const proto = RTCPeerConnection.prototype;
  assert.equal(proto.createOffer.length, 0);
  assert.equal(proto.createAnswer.length, 0);
  assert.equal(proto.setLocalDescription.length, 0);
  assert.equal(proto.setRemoteDescription.length, 1);
  assert.equal(proto.restartIce.length, 0);
  assert.equal(proto.addTransceiver.length, 1);
  assert.equal(proto.addTrack.length, 1);
  assert.equal(proto.createDataChannel.length, 1);
  assert.equal(RTCPeerConnection.generateCertificate.length, 1);
  assert.equal(RTCPeerConnection.length, 0);
  for (const name of ['addStream', 'removeStream', 'getLocalStreams', 'getRemoteStreams']) {
    assert.equal(name in proto, false, name);
  }
  const pc = new RTCPeerConnection();
  assert.ok(pc instanceof EventTarget);
  assert.equal(Object.prototype.toString.call(pc), '[object RTCPeerConnection]');
  for (const event of ['negotiationneeded', 'icecandidate', 'signalingstatechange', 'icegatheringstatechange', 'track']) {
    assert.equal(pc[`on${event}`], null);
  }
  const handler = () => {};
  pc.onnegotiationneeded = handler;
  assert.equal(pc.onnegotiationneeded, handler);
  pc.onnegotiationneeded = 'not a function';
  assert.equal(pc.onnegotiationneeded, null);

  const error = await rejection(proto.createOffer.call({}));
  assert.ok(error instanceof TypeError);
  assert.ok((await rejection(proto.setLocalDescription.call(null))) instanceof TypeError);
  assert.ok((await rejection(proto.setRemoteDescription.call(null, { type: 'answer' }))) instanceof TypeError);
  assert.throws(() => proto.restartIce.call({}), TypeError);
  assert.throws(() => proto.addTransceiver.call({}, 'audio'), TypeError);
  assert.throws(() => Object.getOwnPropertyDescriptor(proto, 'signalingState').get.call({}), TypeError);
  pc.close();
});
