// getStats() side by side with Chromium's own connection: the same calls on a native pair and on a
// package pair in one page, at every step of an exchange, for each bundlePolicy. Chromium's pair
// uses iceTransportPolicy 'relay' without servers so that, like ours, it gathers no candidate and
// never connects: what it then reports is what an unconnected connection honestly has. The
// reports are compared entry by entry (types, order, member names and values) with each id
// replaced by its entry's type and rank, so cross-references are compared too; values that are
// random on both sides (certificates, ufrags, SSRCs) are checked against each side's SDP instead.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowser } from './harness.js';

let env;
let page;
/** @type {Record<string, {native: object, ours: object}>} */
const runs = {};

before(async () => {
  env = await startBrowser({ fakeMedia: true });
  page = await env.openPage('/tests/browser/pages/native.html');
  await page.evaluate(async () => {
    const polyfill = await import('/pkg/index.js');
    const media = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
    const [audio] = media.getAudioTracks();
    const [video] = media.getVideoTracks();
    const candidate = { candidate: 'candidate:1 1 udp 2122260223 192.0.2.1 50000 typ host generation 0', sdpMid: '0' };
    /**
     * A report as a list, and whether one time stamps it, taken while it was made. Chromium gives
     * the same report again for 50 ms (its stats cache), so each step waits that out first.
     */
    const take = async (getStats) => {
      await new Promise((resolve) => setTimeout(resolve, 60));
      const before = performance.timeOrigin + performance.now();
      const report = await getStats();
      const after = performance.timeOrigin + performance.now();
      const entries = [];
      report.forEach((value, key) => entries.push({ ...value, key }));
      const stamps = new Set(entries.map((s) => s.timestamp));
      const [stamp] = stamps;
      return { entries, oneTimestamp: stamps.size <= 1 && (stamp === undefined || (stamp >= before && stamp <= after)) };
    };
    /** What the SDP says of the random values a report repeats. */
    const sdpFacts = (sdp) => ({
      ufrag: sdp.match(/a=ice-ufrag:(\S+)/)?.[1],
      fingerprint: sdp.match(/a=fingerprint:\S+ (\S+)/)?.[1],
      ssrcs: [...new Set([...sdp.matchAll(/a=ssrc:(\d+) cname/g)].map((m) => Number(m[1])))],
    });
    window.take = take;
    window.polyfillPc = polyfill.RTCPeerConnection;
    window.statsRun = async (which, bundlePolicy) => {
      const Pc = which === 'native' ? window.RTCPeerConnection : polyfill.RTCPeerConnection;
      const a = new Pc({ bundlePolicy, iceTransportPolicy: 'relay' });
      const b = new Pc({ bundlePolicy, iceTransportPolicy: 'relay' });
      const out = { steps: {}, sdp: {} };
      const step = async (name, getStats) => (out.steps[name] = await take(getStats));
      const sender = a.addTrack(audio, media);
      await step('offerer after addTrack', () => a.getStats());
      await step('sender after addTrack', () => sender.getStats());
      a.addTrack(video, media);
      a.addTransceiver('audio', { direction: 'recvonly' });
      a.createDataChannel('chat', { protocol: 'p' });
      await a.setLocalDescription();
      out.sdp.offer = sdpFacts(a.localDescription.sdp);
      await step('offerer after its offer', () => a.getStats());
      await step('sender after its offer', () => sender.getStats());
      await b.setRemoteDescription(a.localDescription);
      await step('answerer after the offer', () => b.getStats());
      await b.addIceCandidate(candidate);
      await step('answerer after a remote candidate', () => b.getStats());
      const [first] = b.getTransceivers();
      await first.sender.replaceTrack(audio);
      first.direction = 'sendrecv';
      await step('answerer with a track', () => b.getStats());
      await b.setLocalDescription();
      out.sdp.answer = sdpFacts(b.localDescription.sdp);
      await step('answerer after its answer', () => b.getStats());
      await a.setRemoteDescription(b.localDescription);
      await a.addIceCandidate(candidate);
      await step('offerer after the answer', () => a.getStats());
      await step('the same again', () => a.getStats());
      await step('sender after the answer', () => sender.getStats());
      await step('getStats(track) after the answer', () => a.getStats(audio));
      await step('receiver after the answer', () => a.getTransceivers()[0].receiver.getStats());
      const report = await a.getStats();
      out.report = {
        tag: Object.prototype.toString.call(report),
        iterator: report[Symbol.iterator] === report.entries,
        selectorError: await a.getStats({}).then(
          () => 'resolved',
          (e) => e.name,
        ),
        unknownTrack: await a.getStats(media.clone().getAudioTracks()[0]).then(
          () => 'resolved',
          (e) => e.name,
        ),
      };
      a.close();
      b.close();
      await step('closed', () => a.getStats());
      return JSON.parse(JSON.stringify(out));
    };
    /** After an exchange: the track goes, the sender stops sending, a transceiver stops. */
    window.laterRun = async (which) => {
      const Pc = which === 'native' ? window.RTCPeerConnection : polyfill.RTCPeerConnection;
      const a = new Pc({ iceTransportPolicy: 'relay' });
      const b = new Pc({ iceTransportPolicy: 'relay' });
      const out = { steps: {} };
      const step = async (name, getStats) => (out.steps[name] = await take(getStats));
      const exchange = async () => {
        await a.setLocalDescription();
        await b.setRemoteDescription(a.localDescription);
        await b.setLocalDescription();
        await a.setRemoteDescription(b.localDescription);
      };
      const sender = a.addTrack(audio, media);
      const second = a.addTransceiver(video);
      await exchange();
      await step('answered', () => a.getStats());
      await sender.replaceTrack(null);
      await step('replaceTrack(null)', () => a.getStats());
      await step('its sender', () => sender.getStats());
      await sender.replaceTrack(audio);
      a.removeTrack(sender);
      await step('removeTrack', () => a.getStats());
      second.stop();
      await step('stop()', () => a.getStats());
      a.addTransceiver('audio');
      await a.setLocalDescription();
      await step('a new offer applied', () => a.getStats());
      await b.setRemoteDescription(a.localDescription);
      await step('the answerer after it', () => b.getStats());
      await b.setLocalDescription();
      await a.setRemoteDescription(b.localDescription);
      await step('answered again', () => a.getStats());
      a.close();
      b.close();
      return JSON.parse(JSON.stringify(out));
    };
  });
  await page.evaluate(() => {
    /** A closed channel, then an ICE restart the answerer has not answered yet. */
    window.restartRun = async (which) => {
      const Pc = which === 'native' ? window.RTCPeerConnection : window.polyfillPc;
      const a = new Pc({ iceTransportPolicy: 'relay' });
      const b = new Pc({ iceTransportPolicy: 'relay' });
      const out = { steps: {}, ufrags: [] };
      const step = async (name, getStats) => (out.steps[name] = await window.take(getStats));
      a.createDataChannel('gone').close();
      a.createDataChannel('kept');
      await step('a channel closed', () => a.getStats());
      const exchange = async () => {
        await a.setLocalDescription();
        await b.setRemoteDescription(a.localDescription);
        await step(`answerer before answer ${out.ufrags.length}`, () => b.getStats());
        await b.setLocalDescription();
        out.ufrags.push(b.localDescription.sdp.match(/a=ice-ufrag:(\S+)/)[1]);
        await a.setRemoteDescription(b.localDescription);
        await step(`answerer after answer ${out.ufrags.length}`, () => b.getStats());
      };
      await exchange();
      a.restartIce();
      await exchange();
      a.close();
      b.close();
      return JSON.parse(JSON.stringify(out));
    };
  });
  runs.restart = {
    native: await page.evaluate(() => window.restartRun('native')),
    ours: await page.evaluate(() => window.restartRun('polyfill')),
  };
  runs.later = {
    native: await page.evaluate(() => window.laterRun('native')),
    ours: await page.evaluate(() => window.laterRun('polyfill')),
  };
  for (const policy of ['balanced', 'max-compat', 'max-bundle']) {
    runs[policy] = {
      native: await page.evaluate((policy) => window.statsRun('native', policy), policy),
      ours: await page.evaluate((policy) => window.statsRun('polyfill', policy), policy),
    };
  }
});

after(async () => {
  await env?.close();
});

/**
 * What Chromium measures from its audio device, track and encoder, which do not exist here: the
 * media-playout object, a media source's levels, echo figures and frame counts (Chromium reports them once
 * the description is applied), an encoder's time per quality limitation. And a channel's
 * dataChannelIdentifier, which Chromium leaves out until the SCTP association is up and the
 * package sets once an answer fixes the DTLS role (see the README).
 */
const MEASURED_TYPES = new Set(['media-playout']);
const MEASURED = new Set(['audioLevel', 'echoReturnLoss', 'echoReturnLossEnhancement', 'totalAudioEnergy', 'totalSamplesDuration', 'frames', 'framesPerSecond', 'width', 'height']);
const NOT_HERE = new Set([...MEASURED, 'qualityLimitationDurations', 'dataChannelIdentifier']);
/** Random on both sides: compared with the SDP in their own test. */
const RANDOM = new Set(['timestamp', 'base64Certificate', 'fingerprint', 'iceLocalUsernameFragment', 'ssrc', 'rtxSsrc']);

/**
 * A report with ids as `<type>#<rank>` (references too) and random values as their type.
 * `dangling`: leave out references to no entry of the report (Chromium's outbound-rtp keeps a
 * mediaSourceId, 'SA0', once its sender has no track; the package's has none then).
 */
function comparable({ entries }, dangling = false) {
  // Chromium's outbound-rtp ids end with the SSRC, which orders them at random: by mid here.
  const listed = entries.filter((s) => !MEASURED_TYPES.has(s.type));
  const outbound = listed.filter((s) => s.type === 'outbound-rtp').sort((a, b) => Number(a.mid) - Number(b.mid));
  let next = 0;
  const kept = listed.map((s) => (s.type === 'outbound-rtp' ? outbound[next++] : s));
  const names = new Map();
  const counts = new Map();
  for (const { id, type } of kept) {
    counts.set(type, (counts.get(type) ?? 0) + 1);
    names.set(id, `${type}#${counts.get(type)}`);
  }
  return kept.map((s) => {
    const out = {};
    for (const [name, value] of Object.entries(s)) {
      if (NOT_HERE.has(name)) continue;
      if (dangling && name.endsWith('Id') && !names.has(value)) continue;
      if (name === 'id' || name === 'key' || name.endsWith('Id')) out[name] = names.get(value) ?? `missing ${value}`;
      else if (RANDOM.has(name)) out[name] = typeof value;
      else out[name] = value;
    }
    return out;
  });
}

const STEPS = [
  'offerer after addTrack',
  'sender after addTrack',
  'offerer after its offer',
  'sender after its offer',
  'answerer after the offer',
  'answerer after a remote candidate',
  'answerer with a track',
  'answerer after its answer',
  'offerer after the answer',
  'sender after the answer',
  'getStats(track) after the answer',
  'receiver after the answer',
  'closed',
];

for (const policy of ['balanced', 'max-compat', 'max-bundle']) {
  test(`getStats with bundlePolicy ${policy}: Chromium's entries, members, order and cross-references at every step`, () => {
    const { native, ours } = runs[policy];
    for (const step of STEPS) {
      assert.deepEqual(comparable(ours.steps[step]), comparable(native.steps[step]), step);
    }
  });
}

test('getStats after an exchange: a sender without a track, one that stopped sending, a stopped transceiver, as Chromium', () => {
  const { native, ours } = runs.later;
  for (const step of Object.keys(native.steps)) {
    assert.deepEqual(comparable(ours.steps[step]), comparable(native.steps[step], true), step);
  }
  const types = (step) => ours.steps[step].entries.map((s) => s.type);
  // The sender whose track went keeps its RTP stream, without a media source.
  assert.deepEqual(types('replaceTrack(null)'), [
    'certificate',
    'codec',
    'codec',
    'outbound-rtp',
    'outbound-rtp',
    'peer-connection',
    'media-source',
    'transport',
  ]);
  // A stopped transceiver's stream goes with the offer that rejects its section; the sender that
  // removeTrack() made recvonly keeps its stream; the new transceiver sends once answered.
  assert.deepEqual(types('a new offer applied'), ['certificate', 'codec', 'outbound-rtp', 'peer-connection', 'media-source', 'transport']);
  assert.deepEqual(types('answered again'), ['certificate', 'codec', 'outbound-rtp', 'outbound-rtp', 'peer-connection', 'transport']);
});

test('a closed channel leaves the report; an answerer’s ufrag is the new one once it answers an ICE restart, as Chromium', () => {
  const { native, ours } = runs.restart;
  for (const step of Object.keys(native.steps)) {
    assert.deepEqual(comparable(ours.steps[step]), comparable(native.steps[step]), step);
  }
  const channels = ours.steps['a channel closed'].entries.filter((s) => s.type === 'data-channel');
  assert.deepEqual(
    channels.map((s) => s.label),
    ['kept'],
  );
  for (const run of [native, ours]) {
    const ufrag = (step) => run.steps[step].entries.find((s) => s.type === 'transport').iceLocalUsernameFragment;
    assert.equal(ufrag('answerer before answer 0'), undefined);
    assert.equal(ufrag('answerer after answer 1'), run.ufrags[0]);
    assert.equal(ufrag('answerer before answer 1'), run.ufrags[0]);
    assert.equal(ufrag('answerer after answer 2'), run.ufrags[1]);
    assert.notEqual(run.ufrags[0], run.ufrags[1]);
  }
});

test('transports: one per m-section until the answer bundles them, one from the start with max-bundle, as Chromium', () => {
  const transports = (run, step) => run.steps[step].entries.filter((s) => s.type === 'transport').length;
  for (const [policy, before] of [
    ['balanced', 4],
    ['max-compat', 4],
    ['max-bundle', 1],
  ]) {
    for (const run of [runs[policy].native, runs[policy].ours]) {
      assert.equal(transports(run, 'offerer after its offer'), before, policy);
      assert.equal(transports(run, 'answerer after the offer'), before, policy);
      assert.equal(transports(run, 'answerer after its answer'), 1, policy);
      assert.equal(transports(run, 'offerer after the answer'), 1, policy);
    }
  }
});

test('media-source from addTrack on, outbound-rtp (counters 0) once the answer is applied, no candidates, as Chromium', () => {
  const { native, ours } = runs.balanced;
  const types = (run, step) => [...new Set(run.steps[step].entries.map((s) => s.type))].filter((t) => !MEASURED_TYPES.has(t));
  for (const run of [native, ours]) {
    assert.deepEqual(types(run, 'offerer after addTrack'), ['peer-connection', 'media-source']);
    assert.deepEqual(types(run, 'offerer after its offer'), ['certificate', 'data-channel', 'peer-connection', 'media-source', 'transport']);
    // A remote candidate shows only as the far end of a candidate pair, which needs a local candidate.
    assert.deepEqual(types(run, 'answerer after a remote candidate'), ['certificate', 'peer-connection', 'transport']);
    assert.deepEqual(types(run, 'offerer after the answer'), [
      'certificate',
      'codec',
      'data-channel',
      'outbound-rtp',
      'peer-connection',
      'media-source',
      'transport',
    ]);
    const outbound = run.steps['offerer after the answer'].entries.filter((s) => s.type === 'outbound-rtp');
    assert.deepEqual(
      outbound.map((s) => [s.kind, s.packetsSent, s.bytesSent, s.headerBytesSent]).sort(),
      [
        ['audio', 0, 0, 0],
        ['video', 0, 0, 0],
      ],
    );
  }
});

test('random values are the SDP’s: certificate fingerprint, ICE ufrag, SSRCs', () => {
  for (const policy of ['balanced', 'max-compat', 'max-bundle']) {
    const { ours } = runs[policy];
    const report = ours.steps['offerer after the answer'].entries;
    const [certificate] = report.filter((s) => s.type === 'certificate');
    assert.equal(certificate.fingerprint, ours.sdp.offer.fingerprint);
    const [transport] = report.filter((s) => s.type === 'transport');
    assert.equal(transport.iceLocalUsernameFragment, ours.sdp.offer.ufrag);
    const outbound = report.filter((s) => s.type === 'outbound-rtp');
    assert.deepEqual(
      outbound.flatMap((s) => (s.rtxSsrc === undefined ? [s.ssrc] : [s.ssrc, s.rtxSsrc])),
      ours.sdp.offer.ssrcs,
    );
    const answerer = ours.steps['answerer after its answer'].entries.filter((s) => s.type === 'outbound-rtp');
    assert.deepEqual(
      answerer.map((s) => s.ssrc),
      ours.sdp.answer.ssrcs,
    );
  }
});

test('ids: the same for the same object in every report, unique, unpredictable (webrtc-pc), unlike Chromium’s', () => {
  const { native, ours } = runs.balanced;
  const ids = (run, step) => run.steps[step].entries.map((s) => s.id);
  assert.deepEqual(ids(ours, 'the same again'), ids(ours, 'offerer after the answer'));
  assert.deepEqual(ids(native, 'the same again'), ids(native, 'offerer after the answer'));
  const all = ids(ours, 'offerer after the answer');
  assert.equal(new Set(all).size, all.length);
  for (const step of ['offerer after its offer', 'offerer after the answer']) {
    for (const id of ids(ours, step)) assert.match(id, /^(CF|CO|D|O|P|S|T)[A-Za-z0-9+/]{8}$/);
  }
  // Chromium's are derived from what they name: 'P', 'T01', 'CF' + the fingerprint...
  assert.ok(ids(native, 'closed').includes('P'));
  assert.ok(ids(native, 'offerer after the answer').includes('T01'));
  // ...ours differ between connections and runs.
  const peer = (run) => run.steps.closed.entries[0].id;
  assert.notEqual(peer(runs.balanced.ours), peer(runs['max-compat'].ours));
  assert.notEqual(peer(runs.balanced.ours), 'P');
  // An object keeps its id from the first report it is in to the last.
  const source = (step) => ours.steps[step].entries.find((s) => s.type === 'media-source' && s.kind === 'audio').id;
  assert.equal(source('offerer after addTrack'), source('offerer after the answer'));
  assert.equal(peer(ours), ids(ours, 'offerer after addTrack')[0]);
});

test('the report object and getStats(selector) errors, as Chromium', () => {
  const { native, ours } = runs.balanced;
  assert.deepEqual(ours.report, native.report);
  assert.deepEqual(ours.report, {
    tag: '[object RTCStatsReport]',
    iterator: true,
    selectorError: 'TypeError',
    unknownTrack: 'InvalidAccessError',
  });
});

test('timestamps: one per report, performance.timeOrigin + now() when it was made, as Chromium', () => {
  for (const policy of ['balanced', 'max-compat', 'max-bundle']) {
    for (const run of [runs[policy].native, runs[policy].ours]) {
      for (const step of STEPS) assert.ok(run.steps[step].oneTimestamp, `${policy}: ${step}`);
    }
  }
});
