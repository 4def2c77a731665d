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
