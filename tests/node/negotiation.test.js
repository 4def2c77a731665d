// The negotiation-needed flag against the current descriptions (webrtc-pc "check if negotiation is
// needed"), the negotiationneeded event's timing, and transceivers stopped through negotiation.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { RTCPeerConnection } from '../../pkg/index.js';
import { answerFor, fakeStream, fakeTrack, lines, linesStarting, negotiate, nextTask, tasks } from './helpers.js';

/** A connection that counts its negotiationneeded events. */
function counted(configuration) {
  const pc = new RTCPeerConnection(configuration);
  pc.events = 0;
  pc.addEventListener('negotiationneeded', () => {
    pc.events += 1;
  });
  return pc;
}

/** Lets the tasks run that update the flag and fire the event; returns the count since `before`. */
async function firedSince(pc, before) {
  await tasks(3);
  return pc.events - before;
}

/** A counted connection with the transceivers `setUp` adds, negotiated and quiet. */
async function negotiated(setUp, answerOptions) {
  const pc = counted();
  const made = setUp(pc);
  // The event comes first: negotiating before its task runs would leave nothing to fire for.
  await tasks(2);
  await negotiate(pc, answerOptions);
  await tasks(3);
  return { pc, made, before: pc.events };
}

describe('after an answer', () => {
  test('nothing left to negotiate: no event, and the flag is clear', async () => {
    const { pc, before } = await negotiated((p) => {
      p.addTransceiver('audio');
      p.addTrack(fakeTrack('video'), fakeStream('s'));
      p.createDataChannel('chat');
    });
    assert.equal(before, 1);
    assert.equal(await firedSince(pc, before), 0);
    // A change that needs nothing: a second data channel.
    pc.createDataChannel('more');
    assert.equal(await firedSince(pc, before), 0);
    pc.close();
  });

  test('a direction change fires; changing it back clears the flag; changing it again fires again', async () => {
    const { pc, made: transceiver, before } = await negotiated((p) => p.addTransceiver('audio'));
    transceiver.direction = 'recvonly';
    assert.equal(await firedSince(pc, before), 1);
    transceiver.direction = 'sendrecv';
    assert.equal(await firedSince(pc, before), 1, 'back to the offered direction: nothing to negotiate');
    transceiver.direction = 'inactive';
    assert.equal(await firedSince(pc, before), 2, 'the flag was cleared, so it fires again');
    pc.close();
  });

  test("the answer's direction, reversed, also counts as negotiated", async () => {
    // Offered sendrecv, answered recvonly: currentDirection sendonly.
    const { pc, made: transceiver, before } = await negotiated((p) => p.addTransceiver('audio'));
    assert.equal(transceiver.currentDirection, 'sendonly');
    transceiver.direction = 'sendonly';
    assert.equal(await firedSince(pc, before), 0);
    transceiver.direction = 'recvonly';
    assert.equal(await firedSince(pc, before), 1);
    pc.close();
  });

  test('setStreams() with other streams fires; setting the negotiated ones back clears it', async () => {
    const stream = fakeStream('stream-a');
    const { pc, made: sender, before } = await negotiated((p) => p.addTrack(fakeTrack('audio'), stream));
    sender.setStreams(fakeStream('stream-b'));
    assert.equal(await firedSince(pc, before), 1);
    sender.setStreams(stream);
    assert.equal(await firedSince(pc, before), 1);
    sender.setStreams();
    assert.equal(await firedSince(pc, before), 2, 'no streams differs from one stream');
    pc.close();
  });

  test('addTrack onto a recvonly transceiver and removeTrack each fire', async () => {
    const { pc, made: transceiver, before } = await negotiated((p) => p.addTransceiver('audio', { direction: 'recvonly' }));
    const sender = pc.addTrack(fakeTrack('audio'));
    assert.equal(sender, transceiver.sender, 'reused: it never sent');
    assert.equal(await firedSince(pc, before), 1);
    await negotiate(pc, { directions: { 0: 'sendrecv' } });
    await tasks(3);
    const afterSecond = pc.events;
    pc.removeTrack(sender);
    assert.equal(transceiver.direction, 'recvonly');
    assert.equal(await firedSince(pc, afterSecond), 1);
    pc.close();
  });

  test('the first data channel on a connection without a data section fires', async () => {
    const { pc, before } = await negotiated((p) => p.addTransceiver('audio'));
    pc.createDataChannel('late');
    assert.equal(await firedSince(pc, before), 1);
    pc.close();
  });

  test('a data channel whose section the answer rejected still needs negotiation', async () => {
    const pc = counted();
    pc.createDataChannel('chat');
    await tasks(2);
    await negotiate(pc, { reject: ['0'] });
    await tasks(3);
    assert.equal(pc.events, 2, 'fired again after the answer');
    pc.close();
  });
});

describe('event timing', () => {
  test('changes while an offer is pending fire after the answer, a task after signalingstatechange', async () => {
    const pc = counted();
    pc.addTransceiver('audio');
    await tasks(2);
    assert.equal(pc.events, 1);
    const offer = await pc.createOffer();
    await pc.setLocalDescription(offer);
    pc.createDataChannel('chat');
    pc.addTransceiver('video');
    await tasks(3);
    assert.equal(pc.events, 1, 'not in have-local-offer');
    const order = [];
    pc.addEventListener('negotiationneeded', () => order.push('negotiationneeded'));
    pc.onsignalingstatechange = () => order.push('signalingstatechange');
    await pc.setRemoteDescription(answerFor(offer.sdp));
    order.push('resolved');
    await null;
    assert.deepEqual(order, ['signalingstatechange', 'resolved'], 'not before the next task');
    await tasks(2);
    assert.deepEqual(order, ['signalingstatechange', 'resolved', 'negotiationneeded']);
    pc.close();
  });

  test('an event per exchange when transceivers are added one exchange at a time', async () => {
    const pc = counted();
    pc.onnegotiationneeded = async () => {
      await pc.setLocalDescription(await pc.createOffer());
      await pc.setRemoteDescription(answerFor(pc.localDescription.sdp));
    };
    const stable = () =>
      new Promise((resolve) => {
        pc.onsignalingstatechange = () => pc.signalingState === 'stable' && resolve();
      });
    pc.addTransceiver('video');
    await stable();
    pc.addTransceiver('audio');
    await stable();
    await tasks(3);
    assert.equal(pc.events, 2);
    assert.deepEqual(
      pc.getTransceivers().map((t) => t.currentDirection),
      ['sendonly', 'sendonly'],
    );
    pc.close();
  });

  test('the flag waits for an empty operations chain', async () => {
    const { pc, made: transceiver, before } = await negotiated((p) => p.addTransceiver('audio'));
    const offering = pc.createOffer();
    transceiver.direction = 'inactive';
    await nextTask();
    assert.equal(pc.events, before, 'not while createOffer is in the chain');
    await offering;
    assert.equal(await firedSince(pc, before), 1);
    pc.close();
  });
});

describe('stopping transceivers through negotiation', () => {
  test('stop() after an answer: the next offer rejects it, the answer removes it', async () => {
    const { pc, made, before } = await negotiated((p) => [p.addTransceiver('audio'), p.addTransceiver('video')]);
    const [audio, video] = made;
    const ended = new Promise((resolve) => {
      audio.receiver.track.onended = resolve;
    });
    audio.stop();
    assert.equal(audio.direction, 'stopped');
    assert.equal(audio.currentDirection, 'sendonly', 'unchanged until negotiated');
    assert.equal(audio.receiver.track.readyState, 'live', 'the track ends in a later task');
    await ended;
    assert.equal(audio.receiver.track.readyState, 'ended');
    assert.equal(await firedSince(pc, before), 1);
    assert.deepEqual(pc.getSenders(), [audio.sender, video.sender], 'stopping is not stopped');

    const offer = await pc.createOffer();
    const mLines = linesStarting(offer.sdp, 'm=');
    assert.match(mLines[0], /^m=audio 0 /);
    const audioSection = lines(offer.sdp).slice(lines(offer.sdp).indexOf(mLines[0]), lines(offer.sdp).indexOf(mLines[1]));
    assert.ok(audioSection.includes('a=inactive'));
    assert.deepEqual(audioSection.filter((l) => l.startsWith('a=msid:')), []);
    assert.deepEqual(linesStarting(offer.sdp, 'a=group:BUNDLE'), ['a=group:BUNDLE 1']);

    await pc.setLocalDescription(offer);
    assert.deepEqual(pc.getTransceivers(), [audio, video], 'kept until the answer');
    await pc.setRemoteDescription(answerFor(offer.sdp));
    assert.deepEqual(pc.getTransceivers(), [video]);
    assert.deepEqual(pc.getSenders(), [video.sender]);
    assert.deepEqual(pc.getReceivers(), [video.receiver]);
    assert.equal(audio.currentDirection, 'stopped');
    assert.equal(audio.direction, 'stopped');
    assert.equal(audio.mid, null);
    assert.equal(await firedSince(pc, before), 1, 'nothing left to negotiate');
    pc.close();
  });

  test('a new transceiver takes the rejected m-line with a new mid; mids are never reused', async () => {
    const { pc, made: audio } = await negotiated((p) => p.addTransceiver('audio'));
    audio.stop();
    await negotiate(pc);
    const video = pc.addTransceiver('video');
    const offer = await pc.createOffer();
    assert.equal(linesStarting(offer.sdp, 'm=').length, 1, 'the m-line is recycled');
    assert.match(linesStarting(offer.sdp, 'm=')[0], /^m=video 9 /);
    assert.deepEqual(linesStarting(offer.sdp, 'a=mid:'), ['a=mid:1']);
    await pc.setLocalDescription(offer);
    assert.equal(video.mid, '1');
    pc.close();
  });

  test('stopped, with a new transceiver added before negotiating: no premature reuse of the m-line', async () => {
    const { pc, made: audio } = await negotiated((p) => p.addTransceiver('audio'));
    audio.stop();
    const added = pc.addTrack(fakeTrack('audio'), fakeStream('s'));
    const offer = await pc.createOffer();
    assert.deepEqual(
      linesStarting(offer.sdp, 'm=').map((l) => l.split(' ').slice(0, 2).join(' ')),
      ['m=audio 0', 'm=audio 9'],
    );
    assert.deepEqual(linesStarting(offer.sdp, 'a=mid:'), ['a=mid:0', 'a=mid:1']);
    await pc.setLocalDescription(offer);
    await pc.setRemoteDescription(answerFor(offer.sdp));
    assert.deepEqual(pc.getSenders(), [added]);
    // Only now is the rejected m-line free: the next transceiver takes it, with a new mid.
    pc.addTransceiver('video');
    const next = await pc.createOffer();
    assert.deepEqual(
      linesStarting(next.sdp, 'm=').map((l) => l.split(' ').slice(0, 2).join(' ')),
      ['m=video 9', 'm=audio 9'],
    );
    assert.deepEqual(linesStarting(next.sdp, 'a=mid:'), ['a=mid:2', 'a=mid:1']);
    pc.close();
  });

  test('a section the answer rejects stops its transceiver (ended event) and removes it', async () => {
    const pc = counted();
    const audio = pc.addTransceiver('audio');
    const video = pc.addTransceiver('video');
    let ended = 0;
    audio.receiver.track.addEventListener('ended', () => {
      ended += 1;
    });
    await tasks(2);
    await negotiate(pc, { reject: ['0'] });
    assert.equal(audio.currentDirection, 'stopped');
    assert.equal(audio.direction, 'stopped');
    assert.equal(audio.receiver.track.readyState, 'ended');
    assert.deepEqual(pc.getTransceivers(), [video]);
    await tasks(3);
    assert.equal(ended, 1);
    assert.equal(pc.events, 1, 'the rejection itself needs no negotiation');
    const next = await pc.createOffer();
    assert.deepEqual(
      linesStarting(next.sdp, 'm=').map((l) => l.split(' ').slice(0, 2).join(' ')),
      ['m=audio 0', 'm=video 9'],
    );
    pc.close();
  });

  test('stopped before it was ever offered: it keeps needing negotiation (webrtc-pc, as Chromium)', async () => {
    const pc = counted();
    const stopped = pc.addTransceiver('audio');
    pc.addTransceiver('video');
    stopped.stop();
    await tasks(3);
    assert.equal(pc.events, 1);
    const { offer } = await negotiate(pc);
    assert.deepEqual(
      linesStarting(offer.sdp, 'm=').map((l) => l.split(' ')[0]),
      ['m=video'],
    );
    await tasks(3);
    assert.equal(pc.events, 2, 'stopping but not stopped');
    assert.equal(pc.getTransceivers().length, 2);
    assert.equal(stopped.currentDirection, null);
    assert.equal(stopped.mid, null);
    pc.close();
  });

  test('stop() while the offer is pending: answered as offered, rejected by the next exchange', async () => {
    const pc = counted();
    const audio = pc.addTransceiver('audio');
    await tasks(2);
    const offer = await pc.createOffer();
    await pc.setLocalDescription(offer);
    audio.stop();
    await pc.setRemoteDescription(answerFor(offer.sdp));
    assert.equal(audio.currentDirection, 'sendonly');
    assert.deepEqual(pc.getTransceivers(), [audio]);
    await tasks(3);
    assert.equal(pc.events, 2);
    await negotiate(pc);
    assert.deepEqual(pc.getTransceivers(), []);
    pc.close();
  });
});
