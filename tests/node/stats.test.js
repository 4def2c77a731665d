// getStats() (webrtc-pc §8, webrtc-stats; WPT RTCPeerConnection-getStats, RTCRtpSender-getStats):
// an RTCStatsReport maplike with what an unconnected connection has, ids and cross-references as
// Chromium's, selector rules and errors.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RTCPeerConnection, RTCStatsReport } from '../../pkg/index.js';
import { assertDOMException, fakeTrack, rejection, watch } from './helpers.js';

/** The report's objects, in iteration order. */
const all = (report) => [...report.values()];

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
  assert.ok(report.has('P'));
  assert.deepEqual([...report].map(([id]) => id), ['P']);
  const seen = [];
  report.forEach(function each(value, key, map) {
    seen.push([key, value.type, map === report, this]);
  }, 'this');
  assert.deepEqual(seen, [['P', 'peer-connection', true, 'this']]);
  pc.close();
});

test('a new connection has one peer-connection stats object, with a timestamp from performance', async () => {
  const pc = new RTCPeerConnection();
  const before = performance.timeOrigin + performance.now();
  const done = watch(pc.getStats());
  await Promise.resolve();
  assert.equal(done.state(), 'pending');
  const report = await pc.getStats();
  const stats = report.get('P');
  assert.deepEqual(Object.keys(stats), ['id', 'timestamp', 'type', 'dataChannelsClosed', 'dataChannelsOpened']);
  assert.deepEqual({ ...stats, timestamp: 0 }, {
    id: 'P',
    timestamp: 0,
    type: 'peer-connection',
    dataChannelsClosed: 0,
    dataChannelsOpened: 0,
  });
  assert.ok(stats.timestamp >= before && stats.timestamp <= performance.timeOrigin + performance.now());
  pc.close();
});

test('data channels, then after setLocalDescription the transport and its certificate, cross-referenced', async () => {
  const pc = new RTCPeerConnection();
  pc.createDataChannel('one', { protocol: 'p' });
  pc.createDataChannel('two', { negotiated: true, id: 7 });
  let report = await pc.getStats();
  assert.deepEqual(all(report).map((s) => s.id), ['D1', 'D2', 'P']);
  assert.deepEqual({ ...report.get('D1'), timestamp: 0 }, {
    id: 'D1',
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
  assert.equal(report.get('D2').dataChannelIdentifier, 7);

  await pc.setLocalDescription();
  report = await pc.getStats();
  const transport = report.get('T01');
  const certificate = report.get(transport.localCertificateId);
  assert.equal(certificate.type, 'certificate');
  const fingerprint = pc.localDescription.sdp.match(/a=fingerprint:(\S+) (\S+)/);
  assert.deepEqual([certificate.fingerprintAlgorithm, certificate.fingerprint], [fingerprint[1], fingerprint[2]]);
  assert.equal(certificate.id, `CF${fingerprint[2]}`);
  assert.match(certificate.base64Certificate, /^MI[A-Za-z0-9+/]+=*$/);
  const ufrag = pc.localDescription.sdp.match(/a=ice-ufrag:(\S+)/)[1];
  assert.deepEqual({ ...transport, timestamp: 0 }, {
    id: 'T01',
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
  // Every object of one report has the same timestamp; entries are sorted by id.
  assert.equal(new Set(all(report).map((s) => s.timestamp)).size, 1);
  const ids = all(report).map((s) => s.id);
  assert.deepEqual(ids, [...ids].sort());
  pc.close();
  assert.deepEqual(all(await pc.getStats()).map((s) => s.id), ['P']);
});

test('after an answer: the DTLS role, and a codec for each sending transceiver, which its sender’s getStats() gives', async () => {
  const offerer = new RTCPeerConnection();
  const answerer = new RTCPeerConnection();
  const track = fakeTrack('audio');
  const audio = offerer.addTransceiver(track, { direction: 'sendonly' });
  offerer.addTransceiver('video', { direction: 'recvonly' });
  await offerer.setLocalDescription();
  await answerer.setRemoteDescription(offerer.localDescription);
  await answerer.setLocalDescription();
  await offerer.setRemoteDescription(answerer.localDescription);
  const report = await offerer.getStats();
  assert.equal(report.get('T01').dtlsRole, 'server');
  assert.equal((await answerer.getStats()).get('T01').dtlsRole, 'client');
  assert.equal((await answerer.getStats()).get('T01').iceRole, 'controlled');
  const codecs = all(report).filter((s) => s.type === 'codec');
  const [opus] = audio.sender.getParameters().codecs;
  assert.deepEqual(codecs.map((c) => ({ ...c, timestamp: 0 })), [
    {
      id: `COT01_${opus.payloadType}_${opus.sdpFmtpLine}`,
      timestamp: 0,
      type: 'codec',
      channels: 2,
      clockRate: 48000,
      mimeType: 'audio/opus',
      payloadType: opus.payloadType,
      sdpFmtpLine: opus.sdpFmtpLine,
      transportId: 'T01',
    },
  ]);
  const senderReport = await audio.sender.getStats();
  assert.deepEqual([...senderReport.keys()], [report.get('T01').localCertificateId, codecs[0].id, 'T01']);
  assert.equal((await audio.receiver.getStats()).size, 0);
  assert.deepEqual([...(await offerer.getStats(track)).keys()], [...senderReport.keys()]);
  assert.equal((await offerer.getStats(audio.receiver.track)).size, 0);
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
  const first = (await pc.getStats()).get('P').timestamp;
  await new Promise((resolve) => setTimeout(resolve, 5));
  assert.ok((await pc.getStats()).get('P').timestamp > first);
  pc.close();
});
