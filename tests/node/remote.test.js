// setRemoteDescription(): answers to our offers, the descriptions and states they set, their
// errors (RTCError for SDP that does not parse), rollback, restartIce(), and RTCError itself.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { RTCError, RTCPeerConnection, RTCSessionDescription } from '../../pkg/index.js';
import {
  answerFor,
  assertDOMException,
  fakeTrack,
  lines,
  linesStarting,
  negotiate,
  nextTask,
  rejection,
  tasks,
  watch,
} from './helpers.js';

const credentials = (sdp) => [...linesStarting(sdp, 'a=ice-ufrag:'), ...linesStarting(sdp, 'a=ice-pwd:')];

/** A connection with an audio and a video transceiver whose offer is applied. */
async function withLocalOffer() {
  const pc = new RTCPeerConnection();
  const audio = pc.addTransceiver('audio');
  const video = pc.addTransceiver('video', { direction: 'recvonly' });
  const offer = await pc.createOffer();
  await pc.setLocalDescription(offer);
  return { pc, audio, video, offer };
}

describe('setRemoteDescription(answer)', () => {
  test('completes the exchange: descriptions, stable, one signalingstatechange, currentDirection', async () => {
    const { pc, audio, video, offer } = await withLocalOffer();
    const pending = pc.localDescription;
    const states = [];
    pc.onsignalingstatechange = () => states.push(pc.signalingState);
    assert.equal(pc.canTrickleIceCandidates, null);
    const answer = answerFor(offer.sdp, { directions: { 1: 'sendonly' } });
    assert.equal(await pc.setRemoteDescription(answer), undefined);

    assert.deepEqual(states, ['stable']);
    assert.equal(pc.signalingState, 'stable');
    assert.equal(pc.currentLocalDescription, pending, 'the pending local description became current');
    assert.equal(pc.localDescription, pending);
    assert.equal(pc.pendingLocalDescription, null);
    assert.ok(pc.currentRemoteDescription instanceof RTCSessionDescription);
    assert.deepEqual(pc.currentRemoteDescription.toJSON(), answer);
    assert.equal(pc.remoteDescription, pc.currentRemoteDescription, 'the same object');
    assert.equal(pc.pendingRemoteDescription, null);
    assert.equal(pc.canTrickleIceCandidates, true);
    // Our side's view: the answer's direction reversed.
    assert.deepEqual(
      [audio, video].map((t) => [t.mid, t.direction, t.currentDirection]),
      [
        ['0', 'sendrecv', 'sendonly'],
        ['1', 'recvonly', 'recvonly'],
      ],
    );
    pc.close();
  });

  test('an RTCSessionDescription works as the argument; the answer is kept as given', async () => {
    const { pc, offer } = await withLocalOffer();
    const answer = new RTCSessionDescription(answerFor(offer.sdp));
    await pc.setRemoteDescription(answer);
    assert.notEqual(pc.remoteDescription, answer, 'a new object');
    assert.equal(pc.remoteDescription.sdp, answer.sdp);
    pc.close();
  });

  test('resolves in a queued task, after signalingstatechange; chained after SLD', async () => {
    const pc = new RTCPeerConnection();
    pc.addTransceiver('audio');
    const order = [];
    pc.onsignalingstatechange = () => order.push(`signalingstatechange ${pc.signalingState}`);
    const offer = await pc.createOffer();
    const applied = pc.setLocalDescription(offer).then(() => order.push('setLocalDescription'));
    const answered = watch(pc.setRemoteDescription(answerFor(offer.sdp)).then(() => order.push('setRemoteDescription')));
    for (let i = 0; i < 50; i += 1) await null;
    assert.equal(answered.state(), 'pending', 'not within microtasks');
    await applied;
    await tasks(3);
    assert.equal(answered.state(), 'fulfilled');
    assert.deepEqual(order, [
      'signalingstatechange have-local-offer',
      'setLocalDescription',
      'signalingstatechange stable',
      'setRemoteDescription',
    ]);
    pc.close();
  });

  test('canTrickleIceCandidates is false for an answer without the trickle option', async () => {
    const { pc, offer } = await withLocalOffer();
    await pc.setRemoteDescription(answerFor(offer.sdp, { trickle: false }));
    assert.equal(pc.canTrickleIceCandidates, false);
    pc.close();
  });

  test('a data channel section and an empty offer are answered too', async () => {
    const pc = new RTCPeerConnection();
    pc.createDataChannel('chat');
    await negotiate(pc);
    assert.equal(pc.signalingState, 'stable');
    const empty = new RTCPeerConnection();
    await negotiate(empty);
    assert.equal(empty.signalingState, 'stable');
    assert.equal(empty.currentRemoteDescription.type, 'answer');
    pc.close();
    empty.close();
  });

  test('[[LastCreatedOffer]] is cleared: the answered offer cannot be set again', async () => {
    const { pc, offer } = await withLocalOffer();
    await pc.setRemoteDescription(answerFor(offer.sdp));
    assertDOMException(await rejection(pc.setLocalDescription(offer)), 'InvalidModificationError');
    assert.equal(pc.signalingState, 'stable');
    // A parameterless setLocalDescription() makes a new one.
    await pc.setLocalDescription();
    assert.equal(pc.signalingState, 'have-local-offer');
    assert.notEqual(pc.localDescription.sdp, offer.sdp);
    assert.equal(pc.currentLocalDescription.sdp, offer.sdp);
    pc.close();
  });

  test('a second exchange: the new offer keeps mids and credentials; descriptions move on', async () => {
    const { pc, audio, offer } = await withLocalOffer();
    await pc.setRemoteDescription(answerFor(offer.sdp));
    pc.addTransceiver('audio');
    const second = await pc.createOffer();
    assert.deepEqual(linesStarting(second.sdp, 'a=mid:'), ['a=mid:0', 'a=mid:1', 'a=mid:2']);
    assert.deepEqual(credentials(second.sdp).slice(0, 2), credentials(offer.sdp).slice(0, 2));
    assert.equal(lines(second.sdp)[1].split(' ')[1], lines(offer.sdp)[1].split(' ')[1], 'same session id');
    await pc.setLocalDescription(second);
    assert.equal(pc.localDescription.sdp, second.sdp);
    assert.equal(pc.currentLocalDescription.sdp, offer.sdp, 'still the first until answered');
    const answer = answerFor(second.sdp, { directions: { 0: 'sendrecv' } });
    await pc.setRemoteDescription(answer);
    assert.equal(pc.currentLocalDescription.sdp, second.sdp);
    assert.equal(pc.currentRemoteDescription.sdp, answer.sdp);
    assert.equal(audio.currentDirection, 'sendrecv');
    assert.deepEqual(
      pc.getTransceivers().map((t) => t.mid),
      ['0', '1', '2'],
    );
    pc.close();
  });

  test('legacy (description, success, failure): callbacks report, the promise resolves undefined', async () => {
    const { pc, offer } = await withLocalOffer();
    let returned;
    const args = await new Promise((resolve, reject) => {
      returned = pc.setRemoteDescription(answerFor(offer.sdp), (...received) => resolve(received), reject);
    });
    assert.deepEqual(args, []);
    assert.equal(await returned, undefined);
    assert.equal(pc.signalingState, 'stable');
    const failure = await new Promise((resolve) => {
      pc.setRemoteDescription(answerFor(offer.sdp), () => resolve('success'), resolve);
    });
    assertDOMException(failure, 'InvalidStateError');
    const error = await rejection(pc.setRemoteDescription(answerFor(offer.sdp), () => {}, 'not callable'));
    assert.ok(error instanceof TypeError);
    pc.close();
  });

  test('setLocalDescription legacy callbacks still work with an answer exchange', async () => {
    const pc = new RTCPeerConnection();
    pc.addTransceiver('audio');
    const offer = await pc.createOffer();
    await new Promise((resolve, reject) => pc.setLocalDescription(offer, resolve, reject));
    await new Promise((resolve, reject) => pc.setRemoteDescription(answerFor(offer.sdp), resolve, reject));
    assert.equal(pc.signalingState, 'stable');
    pc.close();
  });
});

describe('setRemoteDescription errors', () => {
  test('an answer in stable: InvalidStateError, nothing changes', async () => {
    const pc = new RTCPeerConnection();
    pc.addTransceiver('audio');
    const offer = await pc.createOffer();
    assertDOMException(await rejection(pc.setRemoteDescription(answerFor(offer.sdp))), 'InvalidStateError');
    assertDOMException(await rejection(pc.setRemoteDescription({ type: 'pranswer', sdp: offer.sdp })), 'InvalidStateError');
    assertDOMException(await rejection(pc.setRemoteDescription({ type: 'rollback' })), 'InvalidStateError');
    assert.equal(pc.signalingState, 'stable');
    assert.equal(pc.remoteDescription, null);
    pc.close();
  });

  test('a remote pranswer, then the answer: have-remote-pranswer, then stable', async () => {
    const { pc, audio, offer: local } = await withLocalOffer();
    const { sdp } = answerFor(local.sdp, { directions: { 0: 'sendonly' } });
    const events = [];
    pc.addEventListener('signalingstatechange', () => events.push(pc.signalingState));
    pc.addEventListener('track', (e) => events.push(`track ${e.track.kind}`));
    await pc.setRemoteDescription({ type: 'pranswer', sdp });
    assert.equal(pc.signalingState, 'have-remote-pranswer');
    assert.equal(pc.pendingRemoteDescription.type, 'pranswer');
    assert.equal(pc.remoteDescription.sdp, sdp);
    assert.equal(pc.currentRemoteDescription, null);
    assert.equal(pc.pendingLocalDescription.sdp, local.sdp);
    assert.equal(audio.currentDirection, null, 'only answers set currentDirection');
    assertDOMException(await rejection(pc.setRemoteDescription({ type: 'rollback' })), 'InvalidStateError');
    await pc.setRemoteDescription({ type: 'answer', sdp });
    assert.equal(pc.signalingState, 'stable');
    assert.equal(pc.pendingRemoteDescription, null);
    assert.equal(pc.currentRemoteDescription.type, 'answer');
    assert.equal(audio.currentDirection, 'recvonly');
    assert.deepEqual(events, ['have-remote-pranswer', 'track audio', 'stable']);
    pc.close();
  });

  test('argument errors reject with TypeError (never a synchronous throw)', async () => {
    const pc = new RTCPeerConnection();
    for (const args of [[], [{}], [{ sdp: '' }], [{ type: 'bogus', sdp: '' }], [42], [{ type: 'answer' }, () => {}]]) {
      let result;
      assert.doesNotThrow(() => {
        result = pc.setRemoteDescription(...args);
      });
      assert.ok((await rejection(result)) instanceof TypeError, JSON.stringify(args));
    }
    const wrongThis = RTCPeerConnection.prototype.setRemoteDescription.call({}, { type: 'answer' });
    assert.ok((await rejection(wrongThis)) instanceof TypeError);
    pc.close();
  });

  test('SDP that does not parse: an RTCError sdp-syntax-error with the line, still have-local-offer', async () => {
    const { pc, offer } = await withLocalOffer();
    const good = answerFor(offer.sdp).sdp;
    const broken = good.replace('\r\nt=0 0\r\n', '\r\nt=0 0\r\nthis is not sdp\r\n');
    const brokenLine = lines(broken).indexOf('this is not sdp') + 1;
    for (const [sdp, line] of [
      [broken, brokenLine],
      ['garbage', 1],
    ]) {
      const error = await rejection(pc.setRemoteDescription({ type: 'answer', sdp }));
      assert.ok(error instanceof RTCError, `${error}`);
      assert.ok(error instanceof DOMException);
      assert.equal(error.name, 'OperationError');
      assert.equal(error.errorDetail, 'sdp-syntax-error');
      assert.equal(error.sdpLineNumber, line, error.message);
      assert.match(error.message, /^setRemoteDescription: /);
      assert.equal(pc.signalingState, 'have-local-offer');
      assert.equal(pc.remoteDescription, null);
    }
    await pc.setRemoteDescription({ type: 'answer', sdp: good });
    assert.equal(pc.signalingState, 'stable', 'usable after the failures');
    pc.close();
  });

  test('answers that do not fit the offer: InvalidAccessError, still have-local-offer', async () => {
    const { pc, offer } = await withLocalOffer();
    const good = answerFor(offer.sdp).sdp;
    const wrongMid = good.replace('a=mid:1', 'a=mid:7').replace('BUNDLE 0 1', 'BUNDLE 0 7');
    const oneSection = answerFor(offer.sdp.slice(0, offer.sdp.indexOf('m=video'))).sdp;
    for (const sdp of [wrongMid, oneSection]) {
      assertDOMException(await rejection(pc.setRemoteDescription({ type: 'answer', sdp })), 'InvalidAccessError');
      assert.equal(pc.signalingState, 'have-local-offer');
    }
    await pc.setRemoteDescription({ type: 'answer', sdp: good });
    assert.equal(pc.signalingState, 'stable');
    pc.close();
  });

  test('after close(): rejects with InvalidStateError; a pending call never settles', async () => {
    const { pc, offer } = await withLocalOffer();
    const pending = watch(pc.setRemoteDescription(answerFor(offer.sdp)));
    pc.close();
    await tasks(5);
    assert.equal(pending.state(), 'pending');
    assertDOMException(await rejection(pc.setRemoteDescription(answerFor(offer.sdp))), 'InvalidStateError');
  });
});

describe('rollback', () => {
  test('setRemoteDescription(rollback) undoes the local offer; its sdp is ignored', async () => {
    const { pc, audio, offer } = await withLocalOffer();
    const states = [];
    pc.onsignalingstatechange = () => states.push(pc.signalingState);
    await pc.setRemoteDescription({ type: 'rollback', sdp: '!<Invalid SDP Content>;' });
    assert.deepEqual(states, ['stable']);
    assert.equal(pc.localDescription, null);
    assert.equal(audio.mid, null);
    const again = await pc.createOffer();
    assert.equal(linesStarting(again.sdp, 'a=mid:').length, linesStarting(offer.sdp, 'a=mid:').length);
    await pc.setLocalDescription(again);
    await pc.setRemoteDescription(answerFor(again.sdp));
    assert.equal(`a=mid:${audio.mid}`, linesStarting(again.sdp, 'a=mid:')[0]);
    assert.equal(audio.currentDirection, 'sendonly');
    pc.close();
  });

  test('rollback keeps what the page did meanwhile: direction, replaceTrack, stop()', async () => {
    const pc = new RTCPeerConnection();
    const track = fakeTrack('audio');
    const transceiver = pc.addTransceiver(track);
    await pc.setLocalDescription(await pc.createOffer());
    transceiver.direction = 'sendonly';
    const replacement = fakeTrack('audio');
    await transceiver.sender.replaceTrack(replacement);
    await pc.setLocalDescription({ type: 'rollback' });
    assert.deepEqual(
      [transceiver.mid, transceiver.direction, transceiver.currentDirection, transceiver.sender.track],
      [null, 'sendonly', null, replacement],
    );
    await pc.setLocalDescription(await pc.createOffer());
    transceiver.stop();
    await pc.setLocalDescription({ type: 'rollback' });
    assert.equal(transceiver.direction, 'stopped', 'stop() is not rolled back');
    assert.deepEqual(pc.getTransceivers(), [transceiver]);
    pc.close();
  });

  test('rolling back a second offer returns to the first exchange', async () => {
    const { pc, offer } = await withLocalOffer();
    await pc.setRemoteDescription(answerFor(offer.sdp));
    const current = pc.currentLocalDescription;
    const added = pc.addTransceiver('video');
    await pc.setLocalDescription(await pc.createOffer());
    assert.equal(added.mid, '2');
    await pc.setLocalDescription({ type: 'rollback', sdp: 'ignored' });
    assert.equal(pc.signalingState, 'stable');
    assert.equal(pc.localDescription, current);
    assert.equal(pc.pendingLocalDescription, null);
    assert.equal(added.mid, null);
    assert.deepEqual(
      pc.getTransceivers().map((t) => t.mid),
      ['0', '1', null],
    );
    // The connection is usable: the next exchange includes the new transceiver.
    const { offer: next } = await negotiate(pc);
    assert.equal(`a=mid:${added.mid}`, linesStarting(next.sdp, 'a=mid:')[2]);
    assert.ok(!['0', '1'].includes(added.mid));
    assert.equal(added.currentDirection, 'sendonly');
    pc.close();
  });
});

describe('restartIce()', () => {
  test('without a local description it changes nothing', async () => {
    const pc = new RTCPeerConnection();
    let events = 0;
    pc.onnegotiationneeded = () => {
      events += 1;
    };
    pc.restartIce();
    await tasks(3);
    assert.equal(events, 0);
    pc.close();
  });

  test('after an exchange: negotiationneeded, new credentials until an offer made after it is answered', async () => {
    const pc = new RTCPeerConnection();
    pc.addTransceiver('audio');
    const { offer } = await negotiate(pc);
    let events = 0;
    pc.onnegotiationneeded = () => {
      events += 1;
    };
    await tasks(3);
    pc.restartIce();
    await tasks(3);
    assert.equal(events, 1);
    const restarted = await pc.createOffer();
    assert.equal(credentials(restarted.sdp).length, 2);
    for (const line of credentials(restarted.sdp)) assert.ok(!credentials(offer.sdp).includes(line), `${line} is new`);
    await pc.setLocalDescription(restarted);
    await pc.setRemoteDescription(answerFor(restarted.sdp));
    await tasks(3);
    assert.equal(events, 1, 'nothing left to negotiate');
    const after = await pc.createOffer();
    assert.deepEqual(credentials(after.sdp), credentials(restarted.sdp), 'kept once the restart is done');
    pc.close();
  });

  test('called with an offer pending: the next exchange still restarts', async () => {
    const pc = new RTCPeerConnection();
    pc.addTransceiver('audio');
    const first = await pc.createOffer();
    await pc.setLocalDescription(first);
    pc.restartIce();
    await pc.setRemoteDescription(answerFor(first.sdp));
    await tasks(3);
    const next = await pc.createOffer();
    for (const line of credentials(next.sdp)) assert.ok(!credentials(first.sdp).includes(line), `${line} is new`);
    pc.close();
  });
});

describe('RTCError', () => {
  test('a DOMException named OperationError with the WebRTC details', () => {
    const error = new RTCError({ errorDetail: 'sdp-syntax-error', sdpLineNumber: 3 }, 'bad line');
    assert.ok(error instanceof DOMException);
    assert.ok(error instanceof Error);
    assert.equal(error.name, 'OperationError');
    assert.equal(error.code, 0);
    assert.equal(error.message, 'bad line');
    assert.deepEqual(
      [error.errorDetail, error.sdpLineNumber, error.sctpCauseCode, error.receivedAlert, error.sentAlert],
      ['sdp-syntax-error', 3, null, null, null],
    );
    assert.equal(Object.prototype.toString.call(error), '[object RTCError]');
    assert.equal(RTCError.length, 1);
    const plain = new RTCError({ errorDetail: 'dtls-failure', receivedAlert: 2 ** 32 + 5, sctpCauseCode: 2 ** 31 });
    assert.equal(plain.message, '');
    assert.equal(plain.receivedAlert, 5, 'unsigned long wraps');
    assert.equal(plain.sctpCauseCode, -(2 ** 31), 'long wraps');
  });

  test('errorDetail is required and must be an RTCErrorDetailType', () => {
    assert.throws(() => new RTCError(), TypeError);
    assert.throws(() => new RTCError({}), TypeError);
    assert.throws(() => new RTCError({ errorDetail: 'nope' }), TypeError);
    assert.throws(() => new RTCError({ errorDetail: 'sdp-syntax-error' }, Symbol('x')), TypeError);
    assert.throws(() => RTCError({ errorDetail: 'sdp-syntax-error' }), TypeError, 'needs new');
    const getter = Object.getOwnPropertyDescriptor(RTCError.prototype, 'errorDetail').get;
    assert.throws(() => getter.call(new DOMException()), TypeError);
  });
});

test('the MDN flow with an answer: negotiationneeded once, stable at the end', async () => {
  const pc = new RTCPeerConnection();
  const events = [];
  pc.onsignalingstatechange = () => events.push(pc.signalingState);
  const done = new Promise((resolve, reject) => {
    pc.onnegotiationneeded = async () => {
      try {
        events.push('negotiationneeded');
        await pc.setLocalDescription(await pc.createOffer());
        await pc.setRemoteDescription(answerFor(pc.localDescription.sdp));
        resolve();
      } catch (error) {
        reject(error);
      }
    };
  });
  pc.addTrack(fakeTrack('audio'));
  pc.addTransceiver('video');
  await done;
  await tasks(5);
  assert.deepEqual(events, ['negotiationneeded', 'have-local-offer', 'stable']);
  await nextTask();
  pc.close();
});
