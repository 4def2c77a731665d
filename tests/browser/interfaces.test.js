// The interfaces the package hands out, side by side with Chromium 156's: RTCErrorEvent's
// constructor, and the class names of what a connection makes.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowser } from './harness.js';

let env;
let page;

before(async () => {
  env = await startBrowser();
  page = await env.openPage('/tests/browser/pages/native.html');
});

after(async () => {
  await env?.close();
});

/** In the page: RTCErrorEvent and RTCError from Chromium ('native') or the package. */
function errorEventInPage(which) {
  return page.evaluate(async (which) => {
    const classes = which === 'native' ? window : await import('/pkg/index.js');
    const { RTCError, RTCErrorEvent } = classes;
    const thrown = (make) => {
      try {
        make();
        return 'no error';
      } catch (error) {
        return error.name;
      }
    };
    const init = { errorDetail: 'sctp-failure', sctpCauseCode: 12, httpRequestStatusCode: 404.7 };
    const error = new RTCError(init, 'lost');
    const event = new RTCErrorEvent('error', { error, bubbles: true });
    return {
      event: [event.type, event.bubbles, event.cancelable, event.error === error, String(event)],
      error: [
        error.name,
        error.message,
        error.errorDetail,
        error.sctpCauseCode,
        error.sdpLineNumber,
        error.httpRequestStatusCode,
        new RTCError({ errorDetail: 'dtls-failure' }).httpRequestStatusCode,
      ],
      members: Object.getOwnPropertyNames(RTCError.prototype).filter((name) => name !== 'constructor'),
      noInit: thrown(() => new RTCErrorEvent('error')),
      noError: thrown(() => new RTCErrorEvent('error', {})),
      notAnRTCError: thrown(() => new RTCErrorEvent('error', { error: new DOMException('x', 'OperationError') })),
      length: RTCErrorEvent.length,
    };
  }, which);
}

test('RTCErrorEvent and RTCError (httpRequestStatusCode too): constructed and checked as Chromium does', async () => {
  const ours = await errorEventInPage('ours');
  assert.deepEqual(ours, {
    event: ['error', true, false, true, '[object RTCErrorEvent]'],
    error: ['OperationError', 'lost', 'sctp-failure', 12, null, 404, null],
    members: ['errorDetail', 'sdpLineNumber', 'httpRequestStatusCode', 'sctpCauseCode', 'receivedAlert', 'sentAlert'],
    noInit: 'TypeError',
    noError: 'TypeError',
    notAnRTCError: 'TypeError',
    length: 2,
  });
  assert.deepEqual(await errorEventInPage('native'), ours);
});

/** In the page: the interface name of each object a connection hands out. */
function handedOutInPage(which) {
  return page.evaluate(async (which) => {
    const Native = window.RTCPeerConnection;
    const PC = which === 'native' ? Native : (await import('/pkg/index.js')).RTCPeerConnection;
    const pc = new PC();
    const transceiver = pc.addTransceiver('audio');
    const channel = pc.createDataChannel('chat');
    const events = [];
    pc.onicecandidate = (event) => events.push(event);
    pc.ontrack = (event) => events.push(event);
    await pc.setLocalDescription();
    const remote = new Native();
    await remote.setRemoteDescription(pc.localDescription);
    const media = new MediaStream();
    remote.getTransceivers()[0].direction = 'sendrecv';
    remote.getTransceivers()[0].sender.setStreams(media);
    await remote.setLocalDescription();
    await pc.setRemoteDescription(remote.localDescription);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const track = events.find((event) => event.type === 'track');
    const name = (object) => Object.prototype.toString.call(object).slice(8, -1);
    const result = {
      transceiver: name(transceiver),
      sender: name(transceiver.sender),
      receiver: name(transceiver.receiver),
      track: name(transceiver.receiver.track),
      stream: name(track.streams[0]),
      trackEvent: name(track),
      iceEvent: name(events.find((event) => event.type === 'icecandidate')),
      channel: name(channel),
      description: name(pc.remoteDescription),
      dtls: name(transceiver.sender.transport),
      ice: name(transceiver.sender.transport.iceTransport),
      sctp: name(pc.sctp),
    };
    pc.close();
    remote.close();
    return result;
  }, which);
}

test('what a connection hands out has the interface names Chromium gives', async () => {
  const ours = await handedOutInPage('ours');
  assert.deepEqual(ours, {
    transceiver: 'RTCRtpTransceiver',
    sender: 'RTCRtpSender',
    receiver: 'RTCRtpReceiver',
    track: 'MediaStreamTrack',
    stream: 'MediaStream',
    trackEvent: 'RTCTrackEvent',
    iceEvent: 'RTCPeerConnectionIceEvent',
    channel: 'RTCDataChannel',
    description: 'RTCSessionDescription',
    dtls: 'RTCDtlsTransport',
    ice: 'RTCIceTransport',
    sctp: 'RTCSctpTransport',
  });
  assert.deepEqual(await handedOutInPage('native'), ours);
});

test('an audio sender’s dtmf before any connection: as Chromium’s (no DTMF can be sent)', async () => {
  const inPage = (which) =>
    page.evaluate(async (which) => {
      const { RTCPeerConnection } = which === 'native' ? window : await import('/pkg/index.js');
      const pc = new RTCPeerConnection();
      const audio = pc.addTransceiver('audio');
      const video = pc.addTransceiver('video');
      await pc.setLocalDescription();
      const { dtmf } = audio.sender;
      const thrown = (make) => {
        try {
          make();
          return 'no error';
        } catch (error) {
          return error.name;
        }
      };
      const result = {
        name: Object.prototype.toString.call(dtmf),
        same: audio.sender.dtmf === dtmf,
        video: video.sender.dtmf,
        canInsertDTMF: dtmf.canInsertDTMF,
        toneBuffer: dtmf.toneBuffer,
        ontonechange: dtmf.ontonechange,
        insert: thrown(() => dtmf.insertDTMF('123')),
        insertBadTones: thrown(() => dtmf.insertDTMF('12X')),
        noArguments: thrown(() => dtmf.insertDTMF()),
      };
      pc.close();
      return result;
    }, which);
  const [ours, native] = [await inPage('package'), await inPage('native')];
  assert.deepEqual(ours, native);
  assert.equal(ours.insert, 'InvalidStateError');
});
