// Remote tracks after an answer (webrtc-pc "process remote tracks"): a track event for each
// transceiver the answer starts sending to, remote MediaStreams by a=msid id (one per id per
// connection), addtrack/removetrack as the answer's streams change, RTCTrackEvent itself.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MediaStream, RTCPeerConnection, RTCTrackEvent } from '../../pkg/index.js';
import { answerFor } from './helpers.js';

/** An answer to `offer` in which mid 0 sends in the streams `streamIds` (none: `a=msid:-`). */
function sendingAnswer(offer, streamIds) {
  const { sdp } = answerFor(offer.sdp, { directions: { 0: 'sendrecv' } });
  const msid = streamIds.length === 0 ? 'a=msid:- answerer-track' : streamIds.map((id) => `a=msid:${id} answerer-track`).join('\r\n');
  return { type: 'answer', sdp: sdp.replace('a=msid:- answerer-track', msid) };
}

/** createOffer, setLocalDescription and setRemoteDescription(answer(offer)); the events, in order. */
async function exchange(pc, answer) {
  const events = [];
  const onSignaling = () => events.push(`signalingstatechange ${pc.signalingState}`);
  const onTrack = (event) => events.push(event);
  pc.addEventListener('signalingstatechange', onSignaling);
  pc.addEventListener('track', onTrack);
  const offer = await pc.createOffer();
  await pc.setLocalDescription(offer);
  events.length = 0;
  const applied = pc.setRemoteDescription(answer(offer));
  applied.then(() => events.push('resolved'));
  await applied;
  pc.removeEventListener('signalingstatechange', onSignaling);
  pc.removeEventListener('track', onTrack);
  return events;
}

test('an answer that sends fires track with the receiver, its track, the streams and the transceiver', async () => {
  const pc = new RTCPeerConnection();
  const audio = pc.addTransceiver('audio');
  const events = await exchange(pc, (offer) => sendingAnswer(offer, ['s1']));
  assert.equal(events.length, 3);
  assert.equal(events[0], 'signalingstatechange stable');
  const track = events[1];
  assert.ok(track instanceof RTCTrackEvent);
  assert.equal(track.type, 'track');
  assert.equal(track.receiver, audio.receiver);
  assert.equal(track.track, audio.receiver.track);
  assert.equal(track.transceiver, audio);
  assert.equal(track.streams.length, 1);
  assert.ok(track.streams[0] instanceof MediaStream);
  assert.equal(track.streams[0].id, 's1');
  assert.deepEqual(track.streams[0].getTracks(), [audio.receiver.track]);
  assert.ok(Object.isFrozen(track.streams));
  assert.equal(track.streams, track.streams, 'a FrozenArray: the same array each time');
  assert.equal(events[2], 'resolved', 'track events fire before the promise resolves');
  assert.equal(audio.currentDirection, 'sendrecv');
  pc.close();
});

test('no track event for an answer that only receives, nor for streams it did not change', async () => {
  const pc = new RTCPeerConnection();
  pc.addTransceiver('audio');
  let events = await exchange(pc, (offer) => answerFor(offer.sdp));
  assert.deepEqual(events, ['signalingstatechange stable', 'resolved']);
  events = await exchange(pc, (offer) => sendingAnswer(offer, []));
  assert.equal(events[1].streams.length, 0, 'a=msid:- sends in no stream');
  events = await exchange(pc, (offer) => sendingAnswer(offer, []));
  assert.deepEqual(events, ['signalingstatechange stable', 'resolved'], 'already fired');
  pc.close();
});

test('remote streams: one object per id; tracks join and leave them with addtrack/removetrack', async () => {
  const pc = new RTCPeerConnection();
  const audio = pc.addTransceiver('audio');
  const [, first] = await exchange(pc, (offer) => sendingAnswer(offer, ['s1']));
  const s1 = first.streams[0];
  const log = [];
  s1.onaddtrack = (event) => log.push(`s1 addtrack ${event.track === audio.receiver.track}`);
  s1.onremovetrack = (event) => log.push(`s1 removetrack ${event.track === audio.receiver.track}`);
  // The track moves to s2 as well: a track event (addList grew) with both streams.
  const [, second] = await exchange(pc, (offer) => sendingAnswer(offer, ['s1', 's2']));
  assert.deepEqual(second.streams.map((stream) => stream.id), ['s1', 's2']);
  assert.equal(second.streams[0], s1, 'the same MediaStream for the same id');
  // The remote side stops sending: the track leaves its streams, no track event.
  const third = await exchange(pc, (offer) => answerFor(offer.sdp));
  assert.deepEqual(third, ['signalingstatechange stable', 'resolved']);
  assert.deepEqual(log, ['s1 removetrack true']);
  assert.deepEqual([s1.getTracks(), second.streams[1].getTracks()], [[], []]);
  // Sending again: a new track event, and the track is back in s1.
  const [, fourth] = await exchange(pc, (offer) => sendingAnswer(offer, ['s1']));
  assert.equal(fourth.streams[0], s1);
  assert.deepEqual(log, ['s1 removetrack true', 's1 addtrack true']);
  pc.close();
});

test('RTCTrackEvent needs a receiver, a track and a transceiver', () => {
  const pc = new RTCPeerConnection();
  const transceiver = pc.addTransceiver('video');
  const init = { receiver: transceiver.receiver, track: transceiver.receiver.track, transceiver };
  const event = new RTCTrackEvent('track', init);
  assert.deepEqual([event.streams, event.receiver, event.transceiver], [[], init.receiver, transceiver]);
  for (const name of ['receiver', 'track', 'transceiver']) {
    const { [name]: _, ...missing } = init;
    assert.throws(() => new RTCTrackEvent('track', missing), TypeError, name);
  }
  assert.throws(() => new RTCTrackEvent('track'), TypeError);
  pc.close();
});
