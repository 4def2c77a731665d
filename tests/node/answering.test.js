// The answering role: setRemoteDescription(offer), createAnswer(), setLocalDescription(answer),
// rollback of a remote offer; checked against what Chromium 156 did as the answerer in every
// shared/reference-answers scenario (its state.json: transceivers and events), and between two
// connections of this package negotiating both ways.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';

import { RTCDtlsTransport, RTCPeerConnection, RTCRtpReceiver, RTCSctpTransport, RTCTrackEvent } from '../../pkg/index.js';
import { assertDOMException, fakeStream, fakeTrack, lines, linesStarting, rejection, tasks } from './helpers.js';

const REFERENCES = new URL('../../../shared/reference-answers/', import.meta.url);
const read = (name) => readFileSync(new URL(name, REFERENCES), 'utf8');

/** Records events as state.json lists them. */
function recordEvents(pc) {
  const events = [];
  pc.addEventListener('signalingstatechange', () => events.push(`signalingstatechange ${pc.signalingState}`));
  pc.addEventListener('negotiationneeded', () => events.push('negotiationneeded'));
  pc.addEventListener('track', (e) => {
    const streams = e.streams.length > 0 ? 'id' : '';
    events.push(`track ${e.track.kind} mid=${e.transceiver.mid} streams=${streams}`);
  });
  return events;
}

/** What state.json holds of a connection. */
function state(pc) {
  return {
    signalingState: pc.signalingState,
    transceivers: pc.getTransceivers().map((t) => ({
      mid: t.mid,
      kind: t.receiver.track.kind,
      direction: t.direction,
      currentDirection: t.currentDirection,
      sender: t.sender.track?.kind ?? null,
    })),
  };
}

/** Chromium's event lines, the renegotiations' "track video mid=1" form included. */
const normalized = (events) => events.map((e) => (/^track \S+ mid=\S+$/.test(e) ? `${e} streams=` : e));

function addTracks(pc) {
  const stream = fakeStream('answerer-stream');
  pc.addTrack(fakeTrack('audio'), stream);
  pc.addTrack(fakeTrack('video'), stream);
}

/** What the answerer does per scenario (SOURCE.txt), before and after setRemoteDescription. */
const SCENARIOS = {
  'audio-video-data': {},
  'answerer-adds-tracks': { after: addTracks },
  'answerer-tracks-before-srd': { before: addTracks },
  'recvonly-offer-answerer-sends': { after: addTracks },
  'sendonly-offer': {},
  'simulcast-3-rids': {},
  'datachannel-only': {},
  'offer-to-receive-audio-video': {},
  'bundle-max-compat': {},
  'answerer-stops-video': { after: (pc) => pc.getTransceivers()[1].stop() },
  'answerer-codec-preferences': {
    after: (pc) => {
      const codecs = RTCRtpReceiver.getCapabilities('video').codecs;
      const vp9 = codecs.findIndex((c) => c.mimeType === 'video/VP9' && c.sdpFmtpLine === 'profile-id=0');
      pc.getTransceivers()[0].setCodecPreferences([codecs[vp9], ...codecs.filter((_, i) => i !== vp9)]);
    },
  },
  'answerer-recvonly-direction': {
    after: (pc) => pc.getTransceivers().forEach((t) => (t.direction = 'recvonly')),
  },
  'answer-vad-false': { options: { voiceActivityDetection: false } },
  'audio-h264-only-offer': {},
  'reoffer-adds-video': { renegotiation: true },
  'reoffer-ice-restart': { renegotiation: true },
  'reoffer-offerer-stops-audio': { renegotiation: true },
  'firefox-audio-video-data': {},
  'firefox-audio-video-data-answerer-sends': { after: addTracks },
  'firefox-recvonly': {},
  'firefox-simulcast': {},
  'firefox-datachannel-only': {},
  'libwebrtc-node-audio-video-data': {},
  'libwebrtc-node-audio-video-data-answerer-sends': { after: addTracks },
  'werift-audio-video-data': {},
  'aiortc-audio-video-data': {},
  'libdatachannel-datachannel': {},
  'libdatachannel-video-data': {},
};

/** One offer/answer round as the answerer; returns the answer. */
async function answerRound(pc, offerSdp, { after, options } = {}) {
  await pc.setRemoteDescription({ type: 'offer', sdp: offerSdp });
  after?.(pc);
  const answer = await pc.createAnswer(options);
  await pc.setLocalDescription(answer);
  return answer;
}

describe('answering every reference offer as Chromium 156 did', () => {
  for (const [name, scenario] of Object.entries(SCENARIOS)) {
    test(name, async () => {
      const expected = JSON.parse(read(`${name}.state.json`));
      const pc = new RTCPeerConnection();
      scenario.before?.(pc);
      if (scenario.renegotiation) await answerRound(pc, read(`${name}.first-offer.sdp`));
      await tasks(2);
      const events = recordEvents(pc);
      const answer = await answerRound(pc, read(`${name}.offer.sdp`), scenario);
      await tasks(3);
      assert.equal(answer.type, 'answer');
      assert.equal(pc.localDescription.sdp, answer.sdp);
      assert.equal(pc.currentLocalDescription.sdp, answer.sdp);
      // Candidates an offer brings are written as Chromium writes them, with the c=, m= and a=rtcp
      // lines they decide (tests/browser/icecandidate.test.js); the rest stays as given.
      const offer = read(`${name}.offer.sdp`);
      const candidates = (sdp) => sdp.split('\r\n').filter((line) => line.startsWith('a=candidate:'));
      const rest = (sdp) => sdp.split('\r\n').filter((line) => !/^(a=candidate:|a=end-of-candidates|m=|c=|a=rtcp:)/.test(line));
      if (candidates(offer).length === 0) {
        assert.equal(pc.remoteDescription.sdp, offer);
      } else {
        assert.deepEqual(rest(pc.remoteDescription.sdp), rest(offer));
        assert.equal(candidates(pc.remoteDescription.sdp).length, candidates(offer).length);
        assert.ok(candidates(pc.remoteDescription.sdp).every((line) => / generation \d+/.test(line)));
      }
      assert.equal(pc.pendingRemoteDescription, null);
      assert.deepEqual(state(pc), { signalingState: expected.signalingState, transceivers: expected.transceivers });
      assert.deepEqual(normalized(events), normalized(expected.events));
      pc.close();
    });
  }
});

/** pc1 offers, pc2 answers; both end stable. */
async function exchange(offerer, answerer) {
  const offer = await offerer.createOffer();
  await offerer.setLocalDescription(offer);
  await answerer.setRemoteDescription(offer);
  const answer = await answerer.createAnswer();
  await answerer.setLocalDescription(answer);
  await offerer.setRemoteDescription(answer);
  assert.equal(offerer.signalingState, 'stable');
  assert.equal(answerer.signalingState, 'stable');
  return { offer, answer };
}

describe('two connections of this package', () => {
  const MATRIX = {
    'audio+video+data, both send': (pc) => {
      addTracks(pc);
      pc.createDataChannel('chat');
    },
    'audio only': (pc) => pc.addTransceiver('audio'),
    'recvonly offer': (pc) => {
      pc.addTransceiver('audio', { direction: 'recvonly' });
      pc.addTransceiver('video', { direction: 'recvonly' });
    },
    'sendonly offer': (pc) => pc.addTransceiver(fakeTrack('video'), { direction: 'sendonly', streams: [fakeStream('s')] }),
    'data only': (pc) => pc.createDataChannel('chat'),
    'simulcast video': (pc) =>
      pc.addTransceiver('video', { direction: 'sendonly', sendEncodings: [{ rid: 'q' }, { rid: 'h' }, { rid: 'f' }] }),
  };
  for (const [name, setUp] of Object.entries(MATRIX)) {
    test(`${name}: negotiate, then renegotiate the other way`, async () => {
      const a = new RTCPeerConnection();
      const b = new RTCPeerConnection();
      setUp(a);
      const tracks = [];
      b.ontrack = (e) => tracks.push(e);
      const { answer } = await exchange(a, b);
      assert.deepEqual(
        a.getTransceivers().map((t) => t.mid),
        b.getTransceivers().map((t) => t.mid),
        'the answerer has a transceiver per offered m-section, with its mid',
      );
      for (const [ta, tb] of a.getTransceivers().map((t, i) => [t, b.getTransceivers()[i]])) {
        const reversed = { sendrecv: 'sendrecv', sendonly: 'recvonly', recvonly: 'sendonly', inactive: 'inactive' };
        assert.equal(tb.currentDirection, reversed[ta.currentDirection]);
      }
      for (const event of tracks) assert.ok(event instanceof RTCTrackEvent);
      assert.equal(
        tracks.length,
        a.getTransceivers().filter((t) => t.currentDirection === 'sendrecv' || t.currentDirection === 'sendonly').length,
      );
      assert.ok(!answer.sdp.includes('a=setup:actpass'));
      // The answerer offers next: same mids, same payload types; the first offerer answers.
      b.addTransceiver('audio');
      const second = await exchange(b, a);
      const mids = (sdp) => linesStarting(sdp, 'a=mid:');
      assert.deepEqual(mids(second.offer.sdp).slice(0, mids(answer.sdp).length), mids(answer.sdp));
      const formats = (sdp) => linesStarting(sdp, 'm=').map((m) => m.split(' ').slice(3).join(' '));
      assert.deepEqual(
        formats(second.answer.sdp).slice(0, formats(answer.sdp).length).map((f) => f.split(' ')[0]),
        formats(answer.sdp).map((f) => f.split(' ')[0]),
        'the first payload type of each section stays',
      );
      assert.equal(a.getTransceivers().length, b.getTransceivers().length);
      a.close();
      b.close();
    });
  }
});

describe('answerer details', () => {
  test('createAnswer: promise and legacy forms, a plain {type, sdp}; InvalidStateError in stable', async () => {
    const offerer = new RTCPeerConnection();
    offerer.addTransceiver('audio');
    const offer = await offerer.createOffer();
    const pc = new RTCPeerConnection();
    assertDOMException(await rejection(pc.createAnswer()), 'InvalidStateError');
    await pc.setRemoteDescription(offer);
    const answer = await pc.createAnswer();
    assert.deepEqual(Object.keys(answer), ['sdp', 'type']);
    assert.equal(Object.getPrototypeOf(answer), Object.prototype);
    const viaCallback = await new Promise((resolve, reject) => {
      const returned = pc.createAnswer(resolve, reject);
      assert.ok(returned instanceof Promise);
    });
    assert.equal(viaCallback.type, 'answer');
    assert.deepEqual(lines(viaCallback.sdp).slice(2), lines(answer.sdp).slice(2), 'only the o= version differs');
    offerer.close();
    pc.close();
  });

  test('createAnswer queued behind createOffer waits its turn (then InvalidStateError in stable)', async () => {
    const pc = new RTCPeerConnection();
    pc.addTransceiver('audio');
    const order = [];
    await Promise.allSettled([
      pc.createOffer().then(() => order.push('offer')),
      pc.createAnswer().catch((e) => order.push(`answer ${e.name}`)),
    ]);
    assert.deepEqual(order, ['offer', 'answer InvalidStateError']);
    pc.close();
  });

  test("setLocalDescription: another connection's answer is InvalidModificationError; parameterless sets an answer", async () => {
    const offerer = new RTCPeerConnection();
    offerer.addTransceiver('video');
    const offer = await offerer.createOffer();
    const pc = new RTCPeerConnection();
    await pc.setRemoteDescription(offer);
    const answer = await pc.createAnswer();
    // Chromium 156 applies a munged answer, but not one with another certificate's fingerprint.
    const modified = { type: 'answer', sdp: answer.sdp.replace(/(a=fingerprint:\S+ )../, '$100') };
    assert.notEqual(modified.sdp, answer.sdp);
    assertDOMException(await rejection(pc.setLocalDescription(modified)), 'InvalidModificationError');
    assert.equal(pc.signalingState, 'have-remote-offer');
    await pc.setLocalDescription();
    assert.equal(pc.signalingState, 'stable');
    assert.equal(pc.localDescription.type, 'answer');
    assert.equal(pc.localDescription.sdp, answer.sdp);
    offerer.close();
    pc.close();
  });

  test('pranswer then answer: have-local-pranswer, then stable', async () => {
    const offerer = new RTCPeerConnection();
    offerer.addTransceiver('audio');
    const offer = await offerer.createOffer();
    const pc = new RTCPeerConnection();
    await pc.setRemoteDescription(offer);
    const { sdp } = await pc.createAnswer();
    await pc.setLocalDescription({ type: 'pranswer', sdp });
    assert.equal(pc.signalingState, 'have-local-pranswer');
    assert.equal(pc.pendingLocalDescription.type, 'pranswer');
    assert.equal(pc.currentLocalDescription, null);
    assert.equal(pc.getTransceivers()[0].currentDirection, null);
    await pc.setLocalDescription({ type: 'answer', sdp });
    assert.equal(pc.signalingState, 'stable');
    assert.equal(pc.currentLocalDescription.type, 'answer');
    assert.equal(pc.getTransceivers()[0].currentDirection, 'recvonly');
    offerer.close();
    pc.close();
  });

  test('a remote offer over a local offer: implicit rollback (stable, then have-remote-offer)', async () => {
    const remote = new RTCPeerConnection();
    remote.addTransceiver('audio');
    const offer = await remote.createOffer();
    const pc = new RTCPeerConnection();
    pc.addTransceiver('video');
    await pc.setLocalDescription();
    const events = recordEvents(pc);
    await pc.setRemoteDescription(offer);
    assert.deepEqual(events.slice(0, 2), ['signalingstatechange stable', 'signalingstatechange have-remote-offer']);
    assert.equal(pc.pendingLocalDescription, null);
    assert.equal(pc.getTransceivers()[0].mid, null, 'the rolled-back offer took its mid');
    assert.equal(pc.getTransceivers()[1].mid, '0');
    await pc.setLocalDescription();
    await tasks(3);
    assert.ok(events.includes('negotiationneeded'), 'the video transceiver still needs negotiating');
    remote.close();
    pc.close();
  });

  test('rollback of a remote offer removes the transceivers it made, unless addTrack took them', async () => {
    const remote = new RTCPeerConnection();
    remote.addTransceiver('audio');
    remote.addTransceiver('video');
    remote.createDataChannel('x');
    const offer = await remote.createOffer();
    const pc = new RTCPeerConnection();
    assert.equal(pc.canTrickleIceCandidates, null);
    await pc.setRemoteDescription(offer);
    assert.equal(pc.canTrickleIceCandidates, true, 'the offer has a=ice-options:trickle');
    assert.ok(pc.sctp instanceof RTCSctpTransport, 'a remote offer with data makes pc.sctp');
    assert.equal(pc.getTransceivers().length, 2);
    pc.addTrack(fakeTrack('video'));
    await pc.setRemoteDescription({ type: 'rollback' });
    assert.equal(pc.signalingState, 'stable');
    assert.equal(pc.remoteDescription, null);
    assert.equal(pc.canTrickleIceCandidates, null);
    assert.equal(pc.sctp, null);
    const left = pc.getTransceivers();
    assert.equal(left.length, 1);
    assert.equal(left[0].receiver.track.kind, 'video');
    assert.equal(left[0].mid, null);
    remote.close();
    pc.close();
  });

  test('a section the offer rejects still gets a transceiver: stopped, gone once answered', async () => {
    const remote = new RTCPeerConnection();
    remote.addTransceiver('audio');
    remote.addTransceiver('video');
    const { sdp } = await remote.createOffer();
    const rejected = sdp.replace(/m=video 9 /, 'm=video 0 ');
    const pc = new RTCPeerConnection();
    await pc.setRemoteDescription({ type: 'offer', sdp: rejected });
    const [audio, video] = pc.getTransceivers();
    assert.equal(video.mid, '1');
    assert.equal(video.direction, 'stopped');
    assert.equal(video.receiver.track.readyState, 'ended');
    assert.equal(audio.direction, 'recvonly');
    const answer = await pc.createAnswer();
    assert.equal(linesStarting(answer.sdp, 'm=video')[0].split(' ')[1], '0');
    assert.deepEqual(linesStarting(answer.sdp, 'a=group:BUNDLE'), ['a=group:BUNDLE 0']);
    await pc.setLocalDescription(answer);
    assert.deepEqual(pc.getTransceivers(), [audio]);
    remote.close();
    pc.close();
  });

  test('data channels of the answerer get even ids (DTLS client), and pc.sctp reads the offer', async () => {
    const remote = new RTCPeerConnection();
    remote.createDataChannel('x');
    const offer = await remote.createOffer();
    const pc = new RTCPeerConnection();
    const channel = pc.createDataChannel('mine');
    assert.equal(channel.id, null);
    await pc.setRemoteDescription(offer);
    assert.equal(pc.sctp.maxMessageSize, 262144);
    assert.equal(pc.sctp.transport.iceTransport.role, 'controlled');
    await pc.setLocalDescription();
    assert.equal(channel.id, 0);
    assert.match(pc.localDescription.sdp, /a=setup:active/);
    remote.close();
    pc.close();
  });

  test('sender and receiver transports: one RTCDtlsTransport per connection, from the first description', async () => {
    const offerer = new RTCPeerConnection();
    const audio = offerer.addTransceiver('audio');
    offerer.createDataChannel('x');
    assert.equal(audio.sender.transport, null);
    await offerer.setLocalDescription();
    const transport = audio.sender.transport;
    assert.ok(transport instanceof RTCDtlsTransport);
    assert.equal(audio.receiver.transport, transport);
    assert.equal(transport.iceTransport.role, 'controlling');
    const ufrag = (sdp) => linesStarting(sdp, 'a=ice-ufrag:')[0].slice('a=ice-ufrag:'.length);
    const pwd = (sdp) => linesStarting(sdp, 'a=ice-pwd:')[0].slice('a=ice-pwd:'.length);
    const local = offerer.localDescription.sdp;
    assert.deepEqual(transport.iceTransport.getLocalParameters(), { usernameFragment: ufrag(local), password: pwd(local) });
    assert.notEqual(transport.iceTransport.getLocalParameters(), transport.iceTransport.getLocalParameters());
    assert.equal(transport.iceTransport.getRemoteParameters(), null, 'no remote description yet');
    await offerer.setLocalDescription({ type: 'rollback' });
    assert.equal(audio.sender.transport, null, 'no description left: no transport');
    await offerer.setLocalDescription();
    const answerer = new RTCPeerConnection();
    await answerer.setRemoteDescription(offerer.localDescription);
    const [remoteAudio] = answerer.getTransceivers();
    assert.equal(remoteAudio.sender.transport, answerer.sctp.transport, 'media and data share the transport');
    assert.equal(remoteAudio.sender.transport.iceTransport.role, 'controlled');
    assert.equal(remoteAudio.sender.transport.iceTransport.getLocalParameters(), null, 'no local description yet');
    assert.deepEqual(remoteAudio.sender.transport.iceTransport.getRemoteParameters(), {
      usernameFragment: ufrag(offerer.localDescription.sdp),
      password: pwd(offerer.localDescription.sdp),
    });
    await answerer.setLocalDescription();
    await offerer.setRemoteDescription(answerer.localDescription);
    assert.equal(offerer.sctp.transport, audio.sender.transport);
    const answer = answerer.localDescription.sdp;
    assert.deepEqual(audio.sender.transport.iceTransport.getRemoteParameters(), { usernameFragment: ufrag(answer), password: pwd(answer) });
    assert.deepEqual(remoteAudio.sender.transport.iceTransport.getLocalParameters(), { usernameFragment: ufrag(answer), password: pwd(answer) });
    offerer.close();
    assert.equal(audio.sender.transport.state, 'closed');
    assert.equal(offerer.sctp.state, 'closed');
    answerer.close();
  });

  test('a bad remote offer: the error names the line, and nothing changes', async () => {
    const pc = new RTCPeerConnection();
    const offerer = new RTCPeerConnection();
    offerer.addTransceiver('audio');
    const { sdp } = await offerer.createOffer();
    const noMux = sdp.replace('a=rtcp-mux\r\n', '');
    const error = await rejection(pc.setRemoteDescription({ type: 'offer', sdp: noMux }));
    assertDOMException(error, 'InvalidAccessError');
    assert.match(error.message, /RTCP-MUX/);
    assert.equal(pc.signalingState, 'stable');
    assert.equal(pc.getTransceivers().length, 0);
    const broken = sdp.replace('s=-\r\n', 's=-\r\nnot sdp\r\n');
    const syntax = await rejection(pc.setRemoteDescription({ type: 'offer', sdp: broken }));
    assert.equal(syntax.errorDetail, 'sdp-syntax-error');
    assert.equal(syntax.sdpLineNumber, 4);
    await pc.setRemoteDescription({ type: 'offer', sdp });
    assert.equal(pc.signalingState, 'have-remote-offer');
    offerer.close();
    pc.close();
  });
});
