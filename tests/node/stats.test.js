// getStats() (webrtc-pc §8, webrtc-stats; WPT RTCPeerConnection-getStats, RTCRtpSender-getStats):
// an RTCStatsReport maplike with what an unconnected connection has, cross-referenced as
// Chromium's, with unpredictable ids; selector rules and errors. tests/browser/stats.test.js
// compares the same with Chromium's own connection.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RTCPeerConnection, RTCStatsReport } from '../../pkg/index.js';
import { assertDOMException, fakeTrack, rejection, watch } from './helpers.js';

/** The report's objects, in iteration order. */
const all = (report) => [...report.values()];
/** Its objects of one type. */
const ofType = (report, type) => all(report).filter((s) => s.type === type);
/** A stats id as the package makes them: Chromium's type letters, then 8 random characters. */
const ID = /^(CF|CO|D|O|P|S|T)[A-Za-z0-9+/]{8}$/;

/** An offer from `offerer` answered by a package answerer: both are then connected on paper. */
async function exchange(offerer, answerer = new RTCPeerConnection()) {
  await offerer.setLocalDescription();
  await answerer.setRemoteDescription(offerer.localDescription);
  await answerer.setLocalDescription();
  await offerer.setRemoteDescription(answerer.localDescription);
  return answerer;
}

test('RTCStatsReport: a readonly maplike whose iterator is entries(), not constructible', async () => {
  assert.throws(() => new RTCStatsReport(), TypeError);
  assert.deepEqual(Object.getOwnPropertyNames(RTCStatsReport.prototype).sort(), [
    'constructor',
    'entries',
    'forEach',
    'get',
    'has',
    'keys',
    'size',
    'values',
  ]);
  assert.equal(RTCStatsReport.prototype[Symbol.iterator], RTCStatsReport.prototype.entries);
  const pc = new RTCPeerConnection();
  const report = await pc.getStats();
  assert.ok(report instanceof RTCStatsReport);
  assert.equal(report.size, 1);
  const [id] = report.keys();
  assert.ok(report.has(id));
  assert.equal(report.get(id).id, id);
  assert.deepEqual([...report].map(([key]) => key), [id]);
  const seen = [];
  report.forEach(function each(value, key, map) {
    seen.push([key, value.type, map === report, this]);
  }, 'this');
  assert.deepEqual(seen, [[id, 'peer-connection', true, 'this']]);
  pc.close();
});

test('a new connection has one peer-connection stats object, with a timestamp from performance', async () => {
  const pc = new RTCPeerConnection();
  const before = performance.timeOrigin + performance.now();
  const done = watch(pc.getStats());
  await Promise.resolve();
  assert.equal(done.state(), 'pending');
  const [stats] = all(await pc.getStats());
  assert.deepEqual(Object.keys(stats), ['id', 'timestamp', 'type', 'dataChannelsClosed', 'dataChannelsOpened']);
  assert.match(stats.id, ID);
  assert.deepEqual({ ...stats, id: '', timestamp: 0 }, {
    id: '',
    timestamp: 0,
    type: 'peer-connection',
    dataChannelsClosed: 0,
    dataChannelsOpened: 0,
  });
  assert.ok(stats.timestamp >= before && stats.timestamp <= performance.timeOrigin + performance.now());
  pc.close();
});

test('ids: unpredictable (webrtc-pc), the same for the same object in every report, unique', async () => {
  const pc = new RTCPeerConnection();
  const other = new RTCPeerConnection();
  const peer = async (connection) => all(await connection.getStats())[0].id;
  assert.notEqual(await peer(pc), await peer(other));
  assert.equal(await peer(pc), await peer(pc));
  pc.addTrack(fakeTrack('audio'));
  pc.createDataChannel('chat');
  const first = all(await pc.getStats()).map((s) => s.id);
  await pc.setLocalDescription();
  const second = all(await pc.getStats()).map((s) => s.id);
  assert.ok(first.every((id) => second.includes(id)));
  assert.equal(new Set(second).size, second.length);
  for (const id of second) assert.match(id, ID);
  pc.close();
  // Closed, it keeps its peer-connection object.
  assert.deepEqual(all(await pc.getStats()).map((s) => s.id), [first.find((id) => id.startsWith('P'))]);
  other.close();
});

test('data channels, then after setLocalDescription the transport and its certificate, cross-referenced', async () => {
  const pc = new RTCPeerConnection();
  pc.createDataChannel('one', { protocol: 'p' });
  pc.createDataChannel('two', { negotiated: true, id: 7 });
  let report = await pc.getStats();
  assert.deepEqual(all(report).map((s) => s.type), ['data-channel', 'data-channel', 'peer-connection']);
  const [one, two] = ofType(report, 'data-channel');
  assert.deepEqual({ ...one, id: '', timestamp: 0 }, {
    id: '',
    timestamp: 0,
    type: 'data-channel',
    bytesReceived: 0,
    bytesSent: 0,
    label: 'one',
    messagesReceived: 0,
    messagesSent: 0,
    protocol: 'p',
    state: 'connecting',
  });
  assert.equal(two.dataChannelIdentifier, 7);

  await pc.setLocalDescription();
  report = await pc.getStats();
  const [transport] = ofType(report, 'transport');
  const certificate = report.get(transport.localCertificateId);
  assert.equal(certificate.type, 'certificate');
  const fingerprint = pc.localDescription.sdp.match(/a=fingerprint:(\S+) (\S+)/);
  assert.deepEqual([certificate.fingerprintAlgorithm, certificate.fingerprint], [fingerprint[1], fingerprint[2]]);
  assert.match(certificate.base64Certificate, /^MI[A-Za-z0-9+/]+=*$/);
  const ufrag = pc.localDescription.sdp.match(/a=ice-ufrag:(\S+)/)[1];
  assert.deepEqual({ ...transport, id: '', timestamp: 0 }, {
    id: '',
    timestamp: 0,
    type: 'transport',
    bytesReceived: 0,
    bytesSent: 0,
    dtlsRole: 'unknown',
    dtlsState: 'new',
    iceLocalUsernameFragment: ufrag,
    iceRole: 'controlling',
    iceState: 'new',
    localCertificateId: certificate.id,
    packetsReceived: 0,
    packetsSent: 0,
    selectedCandidatePairChanges: 0,
  });
  // One timestamp for the whole report; types in Chromium's order (it sorts by id).
  assert.equal(new Set(all(report).map((s) => s.timestamp)).size, 1);
  assert.deepEqual(all(report).map((s) => s.type), ['certificate', 'data-channel', 'data-channel', 'peer-connection', 'transport']);
  pc.close();
});

test('transports: one per m-section until an answer bundles them, one from the start with max-bundle', async () => {
  for (const [bundlePolicy, before] of [
    ['balanced', 3],
    ['max-compat', 3],
    ['max-bundle', 1],
  ]) {
    const offerer = new RTCPeerConnection({ bundlePolicy });
    offerer.addTransceiver('audio');
    offerer.addTransceiver('video');
    offerer.createDataChannel('chat');
    await offerer.setLocalDescription();
    const transports = ofType(await offerer.getStats(), 'transport');
    assert.equal(transports.length, before, bundlePolicy);
    // The same certificate and ufrag on each.
    assert.equal(new Set(transports.map((t) => t.localCertificateId)).size, 1);
    assert.equal(new Set(transports.map((t) => t.iceLocalUsernameFragment)).size, 1);
    // The answerer's, after the offer, follow its own policy.
    const answerer = new RTCPeerConnection({ bundlePolicy });
    await answerer.setRemoteDescription(offerer.localDescription);
    assert.equal(ofType(await answerer.getStats(), 'transport').length, before, bundlePolicy);
    await answerer.setLocalDescription();
    await offerer.setRemoteDescription(answerer.localDescription);
    const [bundle, ...more] = ofType(await offerer.getStats(), 'transport');
    assert.deepEqual(more, [], bundlePolicy);
    // The bundle transport is the first section's, the same object as before.
    assert.equal(bundle.id, transports[0].id);
    assert.equal(ofType(await answerer.getStats(), 'transport').length, 1);
    offerer.close();
    answerer.close();
  }
});

test('media-source: one per sender with a track, from addTrack on, gone with the track', async () => {
  const pc = new RTCPeerConnection();
  const audio = fakeTrack('audio');
  const sender = pc.addTrack(audio);
  pc.addTransceiver('video');
  const [source] = ofType(await pc.getStats(), 'media-source');
  assert.deepEqual({ ...source, id: '', timestamp: 0 }, {
    id: '',
    timestamp: 0,
    type: 'media-source',
    kind: 'audio',
    trackIdentifier: audio.id,
  });
  await sender.replaceTrack(null);
  assert.deepEqual(ofType(await pc.getStats(), 'media-source'), []);
  pc.close();
});

test('after an answer: the DTLS role, and per sending transceiver its outbound-rtp (counters 0) and codec', async () => {
  const offerer = new RTCPeerConnection();
  const track = fakeTrack('audio');
  const audio = offerer.addTransceiver(track, { direction: 'sendonly' });
  const video = offerer.addTransceiver(fakeTrack('video'));
  offerer.addTransceiver('audio', { direction: 'recvonly' });
  const answerer = await exchange(offerer);
  const report = await offerer.getStats();
  const [transport] = ofType(report, 'transport');
  assert.equal(transport.dtlsRole, 'server');
  const [answererTransport] = ofType(await answerer.getStats(), 'transport');
  assert.deepEqual([answererTransport.dtlsRole, answererTransport.iceRole], ['client', 'controlled']);
  const [opus] = audio.sender.getParameters().codecs;
  const [vp8] = video.sender.getParameters().codecs;
  const [audioCodec, videoCodec, ...moreCodecs] = ofType(report, 'codec');
  assert.deepEqual(moreCodecs, []);
  assert.deepEqual({ ...audioCodec, id: '', timestamp: 0 }, {
    id: '',
    timestamp: 0,
    type: 'codec',
    channels: 2,
    clockRate: 48000,
    mimeType: 'audio/opus',
    payloadType: opus.payloadType,
    sdpFmtpLine: opus.sdpFmtpLine,
    transportId: transport.id,
  });
  assert.equal(videoCodec.payloadType, vp8.payloadType);
  const ssrcs = [...offerer.localDescription.sdp.matchAll(/a=ssrc:(\d+) cname/g)].map((m) => Number(m[1]));
  const [audioSource, videoSource] = ofType(report, 'media-source');
  const [audioOut, videoOut, ...moreOut] = ofType(report, 'outbound-rtp');
  assert.deepEqual(moreOut, []);
  // Members in Chromium's order: RTCRtpStreamStats', RTCSentRtpStreamStats', then its own.
  assert.deepEqual(Object.entries({ ...audioOut, id: '', timestamp: 0 }), [
    ['id', ''],
    ['timestamp', 0],
    ['type', 'outbound-rtp'],
    ['codecId', audioCodec.id],
    ['kind', 'audio'],
    ['mediaType', 'audio'],
    ['ssrc', ssrcs[0]],
    ['transportId', transport.id],
    ['bytesSent', 0],
    ['packetsSent', 0],
    ['active', true],
    ['headerBytesSent', 0],
    ['mediaSourceId', audioSource.id],
    ['mid', audio.mid],
    ['nackCount', 0],
    ['packetsSentWithEct1', 0],
    ['retransmittedBytesSent', 0],
    ['retransmittedPacketsSent', 0],
    ['totalPacketSendDelay', 0],
  ]);
  assert.deepEqual({ ...videoOut, id: '', timestamp: 0 }, {
    id: '',
    timestamp: 0,
    type: 'outbound-rtp',
    codecId: videoCodec.id,
    kind: 'video',
    mediaType: 'video',
    ssrc: ssrcs[1],
    transportId: transport.id,
    bytesSent: 0,
    packetsSent: 0,
    active: true,
    headerBytesSent: 0,
    mediaSourceId: videoSource.id,
    mid: video.mid,
    nackCount: 0,
    packetsSentWithEct1: 0,
    retransmittedBytesSent: 0,
    retransmittedPacketsSent: 0,
    totalPacketSendDelay: 0,
    encodingIndex: 0,
    firCount: 0,
    framesEncoded: 0,
    framesSent: 0,
    hugeFramesSent: 0,
    keyFramesEncoded: 0,
    pliCount: 0,
    qualityLimitationReason: 'none',
    qualityLimitationResolutionChanges: 0,
    rtxSsrc: ssrcs[2],
    totalEncodeTime: 0,
    totalEncodedBytesTarget: 0,
  });
  // The answerer's transceivers, made by the offer, only receive.
  assert.deepEqual(ofType(await answerer.getStats(), 'outbound-rtp'), []);

  // A sender's report: its outbound-rtp and what it references, in the report's order.
  const senderReport = await audio.sender.getStats();
  assert.deepEqual([...senderReport.keys()], [transport.localCertificateId, audioCodec.id, audioOut.id, audioSource.id, transport.id]);
  assert.equal((await audio.receiver.getStats()).size, 0);
  assert.deepEqual([...(await offerer.getStats(track)).keys()], [...senderReport.keys()]);
  assert.equal((await offerer.getStats(audio.receiver.track)).size, 0);
  offerer.close();
  answerer.close();
});

test('before an answer a sender’s report is empty; a simulcast sender (no SSRC in the SDP) has no outbound-rtp', async () => {
  const offerer = new RTCPeerConnection();
  const { sender } = offerer.addTransceiver(fakeTrack('video'), { sendEncodings: [{ rid: 'q' }, { rid: 'h' }] });
  await offerer.setLocalDescription();
  assert.equal((await sender.getStats()).size, 0);
  await offerer.setRemoteDescription({ type: 'rollback' });
  const answerer = await exchange(offerer);
  const report = await offerer.getStats();
  assert.deepEqual(ofType(report, 'outbound-rtp'), []);
  assert.deepEqual(ofType(report, 'codec'), []);
  assert.equal((await sender.getStats()).size, 0);
  offerer.close();
  answerer.close();
});

test('an RTP stream outlives the track and the sending direction, not a rejected section', async () => {
  const offerer = new RTCPeerConnection();
  const sender = offerer.addTrack(fakeTrack('audio'));
  const video = offerer.addTransceiver(fakeTrack('video'));
  const answerer = await exchange(offerer);
  const streams = async () => ofType(await offerer.getStats(), 'outbound-rtp').map((s) => [s.kind, 'mediaSourceId' in s]);
  assert.deepEqual(await streams(), [
    ['audio', true],
    ['video', true],
  ]);
  offerer.removeTrack(sender);
  await exchange(offerer, answerer);
  assert.equal(offerer.getTransceivers()[0].currentDirection, 'inactive');
  assert.deepEqual(await streams(), [
    ['audio', false],
    ['video', true],
  ]);
  video.stop();
  assert.equal((await streams()).length, 2);
  await offerer.setLocalDescription();
  assert.deepEqual(await streams(), [['audio', false]]);
  offerer.close();
  answerer.close();
});

test('getStats(selector): TypeError for a non-track, InvalidAccessError for a track of no sender or receiver', async () => {
  const pc = new RTCPeerConnection();
  assert.equal((await rejection(pc.getStats({}))).constructor, TypeError);
  // The legacy callback form: Chromium 156 rejects it the same way.
  assert.equal((await rejection(pc.getStats(() => {}))).constructor, TypeError);
  assertDOMException(await rejection(pc.getStats(fakeTrack('audio'))), 'InvalidAccessError');
  pc.close();
});

test('getStats(track) with a track both sent and received is InvalidAccessError (WPT RTCPeerConnection-getStats)', async () => {
  const pc = new RTCPeerConnection();
  const { receiver } = pc.addTransceiver('audio');
  pc.addTransceiver(receiver.track);
  assertDOMException(await rejection(pc.getStats(receiver.track)), 'InvalidAccessError');
  // Timestamps increase from one report to the next.
  const first = all(await pc.getStats())[0].timestamp;
  await new Promise((resolve) => setTimeout(resolve, 5));
  assert.ok(all(await pc.getStats())[0].timestamp > first);
  pc.close();
});
