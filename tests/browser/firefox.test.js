// The package (in Node) negotiating live with Firefox ESR's own RTCPeerConnection, both ways:
// - Firefox answers our offers: it takes our mids and stream ids, we take its answer;
// - we answer Firefox's offers (tracks and data, recvonly only, simulcast sendonly): our track
//   events carry Firefox's stream ids, and Firefox takes our answers;
// - after answering Firefox we offer next, keeping the payload types Firefox chose.
// Each exchange must leave both sides 'stable' with the directions webrtc-pc gives them.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MediaStream, RTCPeerConnection } from '../../pkg/index.js';
import { fakeStream, fakeTrack, linesStarting } from '../node/helpers.js';
import { sdpSections } from './harness.js';
import { firefoxMissing, startFirefox } from './firefox-harness.js';

let firefox;
let peers = 0;

before(async () => {
  if (!firefoxMissing) firefox = await startFirefox();
});

after(async () => {
  await firefox?.close();
});

/** A new Firefox connection; returns its name for the calls below. */
async function firefoxPeer() {
  peers += 1;
  const name = `ff${peers}`;
  await firefox.page.evaluate((n) => void window.newPeer(n), name);
  return name;
}

const snapshot = (name) => firefox.page.evaluate((n) => window.snapshot(n), name);

/** Firefox answers `offer` (after `prepare` in the page, given the connection), setting it locally. */
function firefoxAnswers(name, offer, prepare = 'none') {
  return firefox.page.evaluate(
    async (n, o, p) => {
      const pc = window.peer(n);
      await pc.setRemoteDescription(o);
      let streamId = null;
      if (p === 'tracks') {
        const stream = await window.fakeMedia();
        for (const track of stream.getTracks()) pc.addTrack(track, stream);
        streamId = stream.id;
      }
      await pc.setLocalDescription();
      return { answer: pc.localDescription.toJSON(), streamId };
    },
    name,
    offer,
    prepare,
  );
}

function firefoxTakesAnswer(name, answer) {
  return firefox.page.evaluate((n, a) => window.peer(n).setRemoteDescription(a), name, answer);
}

const plain = (description) => ({ type: description.type, sdp: description.sdp });

function recordTracks(pc) {
  const events = [];
  pc.addEventListener('track', (e) => events.push(e));
  return events;
}

const ourTransceivers = (pc) =>
  pc.getTransceivers().map((t) => ({
    mid: t.mid,
    kind: t.receiver.track.kind,
    direction: t.direction,
    currentDirection: t.currentDirection,
  }));

const trackEvents = (events) =>
  events.map((e) => ({ kind: e.track.kind, mid: e.transceiver.mid, streams: e.streams.map((s) => s.id) }));

/** The a=rtpmap lines of the m-section with this mid. */
function rtpmaps(sdp, mid) {
  const section = sdpSections(sdp).media.find((lines) => lines.includes(`a=mid:${mid}`));
  assert.ok(section, `an m-section with mid ${mid}`);
  return section.filter((line) => line.startsWith('a=rtpmap:'));
}

/** Payload types that two m-sections map to different rtpmap/fmtp (RFC 8843 §7.5 forbids it). */
function ambiguousPayloadTypes(sdp) {
  const seen = new Map();
  const ambiguous = new Set();
  for (const section of sdpSections(sdp).media) {
    for (const pt of section[0].split(' ').slice(3)) {
      const attribute = (name) => section.find((line) => line.startsWith(`a=${name}:${pt} `)) ?? '';
      const configuration = `${attribute('rtpmap').split(' ').slice(1).join(' ')} ${attribute('fmtp').split(' ').slice(1).join(' ')}`;
      if (seen.has(pt) && seen.get(pt) !== configuration) ambiguous.add(pt);
      seen.set(pt, configuration);
    }
  }
  return [...ambiguous];
}

/** Firefox offers audio+video tracks of one stream and a data channel; we answer (sending too if `weSend`). */
async function firefoxOffersTracksAndData({ weSend }) {
  const name = await firefoxPeer();
  const { offer, streamId } = await firefox.page.evaluate(async (n) => {
    const pc = window.peer(n);
    const stream = await window.fakeMedia();
    for (const track of stream.getTracks()) pc.addTrack(track, stream);
    pc.createDataChannel('chat');
    await pc.setLocalDescription();
    return { offer: pc.localDescription.toJSON(), streamId: stream.id };
  }, name);
  const ours = new RTCPeerConnection({ iceServers: [] });
  const events = recordTracks(ours);
  await ours.setRemoteDescription(offer);
  if (weSend) {
    const stream = fakeStream('our-stream');
    ours.addTrack(fakeTrack('audio'), stream);
    ours.addTrack(fakeTrack('video'), stream);
  }
  const answer = await ours.createAnswer();
  await ours.setLocalDescription(answer);
  await firefoxTakesAnswer(name, plain(ours.localDescription));
  return { name, ours, events, offer, answer, streamId };
}

describe('Firefox ESR answers our offers', { skip: firefoxMissing }, () => {
  /** Our audio+video tracks in one stream, a recvonly video transceiver and a data channel. */
  async function ourOffer() {
    const ours = new RTCPeerConnection({ iceServers: [] });
    const stream = fakeStream('our-stream');
    ours.addTrack(fakeTrack('audio'), stream);
    ours.addTrack(fakeTrack('video'), stream);
    ours.addTransceiver('video', { direction: 'recvonly' });
    ours.createDataChannel('chat');
    await ours.setLocalDescription();
    return ours;
  }

  test('with nothing to send: Firefox receives our tracks under our mids and stream id', async () => {
    const ours = await ourOffer();
    const events = recordTracks(ours);
    const name = await firefoxPeer();
    const { answer } = await firefoxAnswers(name, plain(ours.localDescription));
    await ours.setRemoteDescription(answer);

    assert.equal(ours.signalingState, 'stable');
    assert.deepEqual(ourTransceivers(ours), [
      { mid: '0', kind: 'audio', direction: 'sendrecv', currentDirection: 'sendonly' },
      { mid: '1', kind: 'video', direction: 'sendrecv', currentDirection: 'sendonly' },
      { mid: '2', kind: 'video', direction: 'recvonly', currentDirection: 'inactive' },
    ]);
    assert.deepEqual(events, [], 'Firefox sends nothing');
    assert.notEqual(ours.sctp, null);
    assert.deepEqual(await snapshot(name), {
      signalingState: 'stable',
      sctp: true,
      transceivers: [
        { mid: '0', kind: 'audio', direction: 'recvonly', currentDirection: 'recvonly' },
        { mid: '1', kind: 'video', direction: 'recvonly', currentDirection: 'recvonly' },
        { mid: '2', kind: 'video', direction: 'recvonly', currentDirection: 'inactive' },
      ],
      tracks: [
        { kind: 'audio', mid: '0', streams: ['our-stream'] },
        { kind: 'video', mid: '1', streams: ['our-stream'] },
      ],
    });
    ours.close();
  });

  test('with its own tracks: both send, and our track events carry its stream id', async () => {
    const ours = await ourOffer();
    const events = recordTracks(ours);
    const name = await firefoxPeer();
    const { answer, streamId } = await firefoxAnswers(name, plain(ours.localDescription), 'tracks');
    await ours.setRemoteDescription(answer);

    assert.equal(ours.signalingState, 'stable');
    assert.deepEqual(
      ourTransceivers(ours).map((t) => t.currentDirection),
      ['sendrecv', 'sendrecv', 'inactive'],
    );
    assert.deepEqual(trackEvents(events), [
      { kind: 'audio', mid: '0', streams: [streamId] },
      { kind: 'video', mid: '1', streams: [streamId] },
    ]);
    assert.ok(events[0].streams[0] instanceof MediaStream);
    assert.equal(events[0].streams[0], events[1].streams[0], 'one MediaStream for the one stream id');
    const firefoxSide = await snapshot(name);
    assert.equal(firefoxSide.signalingState, 'stable');
    assert.deepEqual(
      firefoxSide.transceivers.map((t) => [t.mid, t.currentDirection]),
      [
        ['0', 'sendrecv'],
        ['1', 'sendrecv'],
        ['2', 'inactive'],
      ],
    );
    ours.close();
  });
});

describe('we answer Firefox ESR offers', { skip: firefoxMissing }, () => {
  test('audio+video tracks and a data channel: track events with its stream id; Firefox sendonly', async () => {
    const { name, ours, events, streamId } = await firefoxOffersTracksAndData({ weSend: false });

    assert.equal(ours.signalingState, 'stable');
    assert.deepEqual(trackEvents(events), [
      { kind: 'audio', mid: '0', streams: [streamId] },
      { kind: 'video', mid: '1', streams: [streamId] },
    ]);
    assert.deepEqual(ourTransceivers(ours), [
      { mid: '0', kind: 'audio', direction: 'recvonly', currentDirection: 'recvonly' },
      { mid: '1', kind: 'video', direction: 'recvonly', currentDirection: 'recvonly' },
    ]);
    assert.notEqual(ours.sctp, null);
    const firefoxSide = await snapshot(name);
    assert.equal(firefoxSide.signalingState, 'stable');
    assert.equal(firefoxSide.sctp, true);
    assert.deepEqual(
      firefoxSide.transceivers.map((t) => [t.mid, t.currentDirection]),
      [
        ['0', 'sendonly'],
        ['1', 'sendonly'],
      ],
    );
    ours.close();
  });

  test('we add tracks before answering: both send, Firefox gets our stream id', async () => {
    const { name, ours, events, streamId } = await firefoxOffersTracksAndData({ weSend: true });

    assert.equal(ours.signalingState, 'stable');
    assert.deepEqual(
      trackEvents(events).map((e) => e.streams),
      [[streamId], [streamId]],
    );
    assert.deepEqual(
      ourTransceivers(ours).map((t) => t.currentDirection),
      ['sendrecv', 'sendrecv'],
    );
    const firefoxSide = await snapshot(name);
    assert.equal(firefoxSide.signalingState, 'stable');
    assert.deepEqual(
      firefoxSide.transceivers.map((t) => [t.mid, t.currentDirection]),
      [
        ['0', 'sendrecv'],
        ['1', 'sendrecv'],
      ],
    );
    assert.deepEqual(firefoxSide.tracks, [
      { kind: 'audio', mid: '0', streams: ['our-stream'] },
      { kind: 'video', mid: '1', streams: ['our-stream'] },
    ]);
    ours.close();
  });

  test('a recvonly-only offer: answered inactive, no track events', async () => {
    const name = await firefoxPeer();
    const offer = await firefox.page.evaluate(async (n) => {
      const pc = window.peer(n);
      pc.addTransceiver('audio', { direction: 'recvonly' });
      pc.addTransceiver('video', { direction: 'recvonly' });
      await pc.setLocalDescription();
      return pc.localDescription.toJSON();
    }, name);
    const ours = new RTCPeerConnection({ iceServers: [] });
    const events = recordTracks(ours);
    await ours.setRemoteDescription(offer);
    await ours.setLocalDescription(await ours.createAnswer());
    await firefoxTakesAnswer(name, plain(ours.localDescription));

    assert.deepEqual(linesStarting(ours.localDescription.sdp, 'a=inactive'), ['a=inactive', 'a=inactive']);
    assert.equal(ours.signalingState, 'stable');
    assert.deepEqual(events, []);
    assert.deepEqual(ourTransceivers(ours), [
      { mid: '0', kind: 'audio', direction: 'recvonly', currentDirection: 'inactive' },
      { mid: '1', kind: 'video', direction: 'recvonly', currentDirection: 'inactive' },
    ]);
    assert.equal(ours.sctp, null);
    const firefoxSide = await snapshot(name);
    assert.equal(firefoxSide.signalingState, 'stable');
    assert.deepEqual(
      firefoxSide.transceivers.map((t) => [t.mid, t.currentDirection]),
      [
        ['0', 'inactive'],
        ['1', 'inactive'],
      ],
    );
    ours.close();
  });

  test('a simulcast sendonly offer (rids q, h, f): answered recvonly without simulcast, as Chromium', async () => {
    const name = await firefoxPeer();
    const offer = await firefox.page.evaluate(async (n) => {
      const pc = window.peer(n);
      const [track] = (await window.fakeMedia()).getVideoTracks();
      pc.addTransceiver(track, {
        direction: 'sendonly',
        sendEncodings: [
          { rid: 'q', scaleResolutionDownBy: 4 },
          { rid: 'h', scaleResolutionDownBy: 2 },
          { rid: 'f' },
        ],
      });
      await pc.setLocalDescription();
      return pc.localDescription.toJSON();
    }, name);
    assert.deepEqual(linesStarting(offer.sdp, 'a=simulcast:'), ['a=simulcast:send q;h;f']);
    const ours = new RTCPeerConnection({ iceServers: [] });
    const events = recordTracks(ours);
    await ours.setRemoteDescription(offer);
    await ours.setLocalDescription(await ours.createAnswer());
    await firefoxTakesAnswer(name, plain(ours.localDescription));

    const answer = ours.localDescription.sdp;
    assert.deepEqual(linesStarting(answer, 'a=recvonly'), ['a=recvonly']);
    assert.deepEqual(linesStarting(answer, 'a=rid:'), [], 'Chromium 156 receives no simulcast');
    assert.deepEqual(linesStarting(answer, 'a=simulcast:'), []);
    assert.equal(ours.signalingState, 'stable');
    assert.deepEqual(trackEvents(events), [{ kind: 'video', mid: '0', streams: [] }], 'a=msid:- names no stream');
    assert.deepEqual(ourTransceivers(ours), [
      { mid: '0', kind: 'video', direction: 'recvonly', currentDirection: 'recvonly' },
    ]);
    const firefoxSide = await snapshot(name);
    assert.equal(firefoxSide.signalingState, 'stable');
    assert.deepEqual(
      firefoxSide.transceivers.map((t) => [t.mid, t.currentDirection]),
      [['0', 'sendonly']],
    );
    const rids = await firefox.page.evaluate(
      (n) => window.peer(n).getSenders()[0].getParameters().encodings.map((e) => e.rid ?? null),
      name,
    );
    assert.deepEqual(rids, ['q'], 'an answer without simulcast leaves Firefox its first encoding');
    ours.close();
  });
});

describe('renegotiation: after answering Firefox, we offer', { skip: firefoxMissing }, () => {
  test('an added transceiver; Firefox answers; its payload types stay in our offer', async () => {
    const first = await firefoxOffersTracksAndData({ weSend: true });
    const { name, ours } = first;
    assert.deepEqual(rtpmaps(first.offer.sdp, '0')[0], 'a=rtpmap:109 opus/48000/2', 'Firefox offers opus as 109');
    assert.deepEqual(rtpmaps(first.offer.sdp, '1')[0], 'a=rtpmap:120 VP8/90000', 'Firefox offers VP8 as 120');

    ours.addTransceiver('audio');
    await ours.setLocalDescription();
    const offer = ours.localDescription.sdp;
    assert.deepEqual(linesStarting(offer, 'a=mid:'), ['a=mid:0', 'a=mid:1', 'a=mid:2', 'a=mid:3']);
    const mLines = linesStarting(offer, 'm=');
    assert.ok(mLines[0].startsWith('m=audio 9 UDP/TLS/RTP/SAVPF 109 9 0 8 101 '), mLines[0]);
    assert.ok(mLines[1].startsWith('m=video 9 UDP/TLS/RTP/SAVPF 120 124 121 125 99 100 123 122 119 '), mLines[1]);
    assert.equal(rtpmaps(offer, '0')[0], 'a=rtpmap:109 opus/48000/2');
    assert.equal(rtpmaps(offer, '1')[0], 'a=rtpmap:120 VP8/90000');
    assert.deepEqual(ambiguousPayloadTypes(offer), [], 'no payload type names two codecs in the bundle');
    const { answer } = await firefoxAnswers(name, plain(ours.localDescription));
    await ours.setRemoteDescription(answer);

    assert.equal(ours.signalingState, 'stable');
    assert.deepEqual(
      ourTransceivers(ours).map((t) => [t.mid, t.kind, t.currentDirection]),
      [
        ['0', 'audio', 'sendrecv'],
        ['1', 'video', 'sendrecv'],
        ['3', 'audio', 'sendonly'],
      ],
    );
    assert.equal(rtpmaps(answer.sdp, '0')[0], 'a=rtpmap:109 opus/48000/2');
    assert.equal(rtpmaps(answer.sdp, '1')[0], 'a=rtpmap:120 VP8/90000');
    const firefoxSide = await snapshot(name);
    assert.equal(firefoxSide.signalingState, 'stable');
    assert.deepEqual(
      firefoxSide.transceivers.map((t) => [t.mid, t.kind, t.currentDirection]),
      [
        ['0', 'audio', 'sendrecv'],
        ['1', 'video', 'sendrecv'],
        ['3', 'audio', 'recvonly'],
      ],
    );
    ours.close();
  });
});
