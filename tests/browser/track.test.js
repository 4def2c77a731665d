// Remote tracks after an answer, side by side with Chromium 156's own RTCPeerConnection: the same
// offer-side calls on a native connection and on ours, each answered by a native connection that
// sends a track in a stream, must fire the same track events.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowser } from './harness.js';

let env;
let page;

before(async () => {
  env = await startBrowser({ fakeMedia: true });
  page = await env.openPage('/tests/browser/pages/native.html');
});

after(async () => {
  await env?.close();
});

/** In the page: `PC` offers audio + video; a native connection answers, sending audio in a stream. */
function runInPage(which) {
  return page.evaluate(async (which) => {
    const Native = window.RTCPeerConnection;
    const PC = which === 'native' ? Native : (await import('/pkg/index.js')).RTCPeerConnection;
    const pc1 = new PC();
    const [audio, video] = [pc1.addTransceiver('audio'), pc1.addTransceiver('video')];
    const events = [];
    pc1.ontrack = (e) =>
      events.push({
        kind: e.track.kind,
        streams: e.streams.map((s) => s.id),
        streamHasTrack: e.streams.every((s) => s.getTracks().includes(e.track)),
        transceiver: e.transceiver === audio ? 'audio' : e.transceiver === video ? 'video' : 'other',
        receiverTrack: e.receiver.track === e.track && e.transceiver.receiver === e.receiver,
        state: pc1.signalingState,
      });
    const offer = await pc1.createOffer();
    await pc1.setLocalDescription(offer);
    const pc2 = new Native();
    await pc2.setRemoteDescription(offer);
    const media = await navigator.mediaDevices.getUserMedia({ audio: true });
    const [answerer] = pc2.getTransceivers();
    await answerer.sender.replaceTrack(media.getAudioTracks()[0]);
    answerer.sender.setStreams(media);
    answerer.direction = 'sendrecv';
    const answer = await pc2.createAnswer();
    await pc2.setLocalDescription(answer);
    let resolvedAfter = -1;
    await pc1.setRemoteDescription(answer).then(() => (resolvedAfter = events.length));
    const result = {
      events: events.map((e) => ({ ...e, streams: e.streams.map((id) => (id === media.id ? 'sent stream' : id)) })),
      resolvedAfter,
      directions: pc1.getTransceivers().map((t) => t.currentDirection),
    };
    pc1.close();
    pc2.close();
    media.getTracks().forEach((t) => t.stop());
    return result;
  }, which);
}

test('an answer that sends audio in a stream: the same track event as Chromium fires', async () => {
  const native = await runInPage('native');
  const ours = await runInPage('ours');
  assert.deepEqual(native.events, [
    {
      kind: 'audio',
      streams: ['sent stream'],
      streamHasTrack: true,
      transceiver: 'audio',
      receiverTrack: true,
      state: 'stable',
    },
  ]);
  assert.deepEqual(ours, native);
});

/** In the page: when `PC`'s receiver track ends after transceiver.stop(), fresh and after an answer. */
function stopInPage(which) {
  return page.evaluate(async (which) => {
    const Native = window.RTCPeerConnection;
    const PC = which === 'native' ? Native : (await import('/pkg/index.js')).RTCPeerConnection;
    const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));
    const result = {};
    for (const negotiated of [false, true]) {
      const pc = new PC();
      const transceiver = pc.addTransceiver('audio');
      const remote = new Native();
      if (negotiated) {
        await pc.setLocalDescription();
        await remote.setRemoteDescription(pc.localDescription);
        await remote.setLocalDescription();
        await pc.setRemoteDescription(remote.localDescription);
      }
      const track = transceiver.receiver.track;
      const seen = [];
      track.onended = () => seen.push(`ended event, readyState ${track.readyState}`);
      transceiver.stop();
      seen.push(`sync ${track.readyState}`);
      await Promise.resolve();
      seen.push(`microtask ${track.readyState}`);
      await nextTask();
      seen.push(`next task ${track.readyState}`);
      result[negotiated ? 'negotiated' : 'fresh'] = seen;
      pc.close();
      remote.close();
    }
    return result;
  }, which);
}

test("transceiver.stop(): the receiver's track ends in a later task, with an event, as Chromium's", async () => {
  const ours = await stopInPage('ours');
  const expected = [
    'sync live',
    'microtask live',
    'ended event, readyState ended',
    'next task ended',
  ];
  assert.deepEqual(ours, { fresh: expected, negotiated: expected });
  assert.deepEqual(await stopInPage('native'), ours);
});
