// createOffer(): overloads, RTCOfferOptions (standard, legacy, constraint forms), errors, and the
// operations chain around it and setLocalDescription.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { RTCPeerConnection, RTCRtpReceiver } from '../../pkg/index.js';
import { assertDOMException, lines, linesStarting, nextTask, rejection, tasks, watch } from './helpers.js';

/** A connection that counts its negotiationneeded events. */
function connection(configuration) {
  const pc = new RTCPeerConnection(configuration);
  pc.negotiationNeededCount = 0;
  pc.addEventListener('negotiationneeded', () => {
    pc.negotiationNeededCount += 1;
  });
  return pc;
}

const directions = (pc) => pc.getTransceivers().map((t) => `${t.receiver.track.kind} ${t.direction}`);
const mLineKinds = (sdp) => linesStarting(sdp, 'm=').map((line) => line.split(' ')[0].slice(2));
const credentials = (sdp) => [...linesStarting(sdp, 'a=ice-ufrag:'), ...linesStarting(sdp, 'a=ice-pwd:')];

describe('legacy callback overload', () => {
  test('createOffer(success, failure) calls success with the offer; the promise resolves undefined', async () => {
    const pc = new RTCPeerConnection();
    pc.addTransceiver('audio');
    const calls = [];
    let offered;
    const called = new Promise((resolve) => {
      offered = resolve;
    });
    const returned = pc.createOffer(
      function success(...args) {
        calls.push(['success', this, ...args]);
        offered();
      },
      (...args) => calls.push(['failure', ...args]),
    );
    assert.ok(returned instanceof Promise);
    assert.equal(await returned, undefined);
    await called;
    await tasks(2);
    assert.equal(calls.length, 1);
    const [kind, self, offer, ...rest] = calls[0];
    assert.equal(kind, 'success');
    assert.equal(self, undefined);
    assert.deepEqual(rest, []);
    assert.deepEqual(Object.keys(offer), ['sdp', 'type']);
    assert.equal(offer.type, 'offer');
    assert.deepEqual(linesStarting(offer.sdp, 'a=mid:'), ['a=mid:0']);
    pc.close();
  });

  test('createOffer(success, failure, options) applies the options', async () => {
    const pc = new RTCPeerConnection();
    const offer = await new Promise((resolve, reject) => {
      pc.createOffer(resolve, reject, { offerToReceiveAudio: true });
    });
    assert.deepEqual(mLineKinds(offer.sdp), ['audio']);
    assert.ok(lines(offer.sdp).includes('a=recvonly'));
    pc.close();
  });

  test('failures go to the failure callback and the promise still resolves undefined', async () => {
    const pc = new RTCPeerConnection();
    pc.close();
    const failures = [];
    const failed = new Promise((resolve) => {
      assert.doesNotThrow(() =>
        pc
          .createOffer(
            () => failures.push('success'),
            (error) => {
              failures.push(error);
              resolve();
            },
          )
          .then((value) => failures.push(`returned ${value}`)),
      );
    });
    await failed;
    await tasks(1);
    // p was already rejected, so the failure callback (a reaction to p) may run first.
    assert.equal(failures.length, 2);
    assert.ok(failures.includes('returned undefined'));
    assertDOMException(failures.find((f) => f !== 'returned undefined'), 'InvalidStateError');
  });

  test('non-callable callbacks reject with TypeError (never a synchronous throw)', async () => {
    const pc = new RTCPeerConnection();
    const noop = () => {};
    for (const args of [
      [1, 2],
      [noop, null],
      [null, noop],
      [noop, {}],
      [undefined, undefined, {}],
    ]) {
      const error = await rejection(pc.createOffer(...args));
      assert.ok(error instanceof TypeError, `createOffer(${args.map(String)})`);
    }
    assert.equal(pc.getTransceivers().length, 0);
    pc.close();
  });

  test('one argument is always options, even a function, which is never called', async () => {
    const pc = new RTCPeerConnection();
    let called = false;
    const offer = await pc.createOffer(() => {
      called = true;
    });
    assert.equal(offer.type, 'offer');
    await tasks(2);
    assert.equal(called, false);
    pc.close();
  });

  test('setLocalDescription(description, success, failure) calls success with no arguments', async () => {
    const pc = new RTCPeerConnection();
    pc.addTransceiver('audio');
    const offer = await pc.createOffer();
    const args = await new Promise((resolve, reject) => {
      pc.setLocalDescription(offer, (...received) => resolve(received), reject).then((value) =>
        assert.equal(value, undefined),
      );
    });
    assert.deepEqual(args, []);
    assert.equal(pc.signalingState, 'have-local-offer');
    assert.ok(
      (await rejection(pc.setLocalDescription(offer, () => {}))) instanceof TypeError,
      'two arguments match no overload',
    );
    const failure = await new Promise((resolve) => {
      pc.setLocalDescription({ type: 'offer', sdp: 'v=0\r\n' }, () => resolve('success'), resolve);
    });
    // SDP that does not parse, as Chromium's parser words it.
    assertDOMException(failure, 'OperationError');
    pc.close();
  });
});

describe('RTCOfferOptions', () => {
  test('offerToReceiveAudio: true adds one recvonly audio transceiver at once, without negotiationneeded', async () => {
    const pc = connection();
    const pending = pc.createOffer({ offerToReceiveAudio: true });
    assert.deepEqual(directions(pc), ['audio recvonly'], 'added synchronously');
    const offer = await pending;
    await tasks(3);
    assert.equal(pc.negotiationNeededCount, 0);
    assert.deepEqual(mLineKinds(offer.sdp), ['audio']);
    assert.ok(lines(offer.sdp).includes('a=recvonly'));
    assert.equal(pc.getTransceivers()[0].mid, null);
    // Once there, another offerToReceiveAudio: true adds nothing.
    await pc.createOffer({ offerToReceiveAudio: true });
    assert.deepEqual(directions(pc), ['audio recvonly']);
    pc.close();
  });

  test('offerToReceiveVideo: true adds a recvonly video transceiver; both options add both', async () => {
    const pc = connection();
    const offer = await pc.createOffer({ offerToReceiveVideo: true });
    assert.deepEqual(directions(pc), ['video recvonly']);
    assert.deepEqual(mLineKinds(offer.sdp), ['video']);
    const both = connection();
    const offerBoth = await both.createOffer({ offerToReceiveAudio: true, offerToReceiveVideo: true });
    assert.deepEqual(directions(both), ['audio recvonly', 'video recvonly']);
    assert.deepEqual(mLineKinds(offerBoth.sdp), ['audio', 'video']);
    pc.close();
    both.close();
  });

  test('offerToReceiveAudio: true keeps a sendrecv transceiver, but adds one next to a sendonly one', async () => {
    const pc = connection();
    pc.addTransceiver('audio');
    await pc.createOffer({ offerToReceiveAudio: true });
    assert.deepEqual(directions(pc), ['audio sendrecv']);

    const other = connection();
    other.addTransceiver('audio', { direction: 'sendonly' });
    other.addTransceiver('video');
    await other.createOffer({ offerToReceiveAudio: true });
    assert.deepEqual(directions(other), ['audio sendonly', 'video sendrecv', 'audio recvonly']);
    pc.close();
    other.close();
  });

  test('offerToReceiveAudio: false demotes sendrecv → sendonly and recvonly → inactive, audio only', async () => {
    const pc = connection();
    for (const direction of ['sendrecv', 'recvonly', 'sendonly', 'inactive']) pc.addTransceiver('audio', { direction });
    pc.addTransceiver('video', { direction: 'recvonly' });
    const pending = pc.createOffer({ offerToReceiveAudio: false });
    const expected = ['audio sendonly', 'audio inactive', 'audio sendonly', 'audio inactive', 'video recvonly'];
    assert.deepEqual(directions(pc), expected, 'demoted synchronously');
    const offer = await pending;
    assert.deepEqual(
      lines(offer.sdp).filter((line) => /^a=(sendrecv|sendonly|recvonly|inactive)$/.test(line)),
      ['a=sendonly', 'a=inactive', 'a=sendonly', 'a=inactive', 'a=recvonly'],
    );
    pc.close();
  });

  test('absent offerToReceive members change nothing; members convert like WebIDL booleans', async () => {
    const pc = connection();
    pc.addTransceiver('audio');
    await pc.createOffer({});
    await pc.createOffer({ iceRestart: false });
    assert.deepEqual(directions(pc), ['audio sendrecv']);
    await pc.createOffer({ offerToReceiveAudio: 0 });
    assert.deepEqual(directions(pc), ['audio sendonly']);
    await pc.createOffer({ offerToReceiveAudio: 'yes', offerToReceiveVideo: 1 });
    assert.deepEqual(directions(pc), ['audio sendonly', 'audio recvonly', 'video recvonly']);
    pc.close();
  });

  test('iceRestart: true gives a new ice-ufrag and ice-pwd; otherwise they are kept', async () => {
    const pc = connection();
    pc.addTransceiver('audio');
    pc.createDataChannel('data');
    const first = await pc.createOffer();
    await pc.setLocalDescription(first);
    const same = await pc.createOffer();
    const restarted = await pc.createOffer({ iceRestart: true });
    assert.equal(credentials(first.sdp).length, 4, 'ufrag and pwd in both m-sections');
    assert.deepEqual(credentials(same.sdp), credentials(first.sdp));
    for (const line of credentials(restarted.sdp)) {
      assert.ok(!credentials(first.sdp).includes(line), `${line} is new`);
    }
    assert.match(linesStarting(restarted.sdp, 'a=ice-ufrag:')[0], /^a=ice-ufrag:[A-Za-z0-9+/]{4}$/);
    assert.match(linesStarting(restarted.sdp, 'a=ice-pwd:')[0], /^a=ice-pwd:[A-Za-z0-9+/]{24}$/);
    pc.close();
  });

  test('voiceActivityDetection: false leaves out CN', async () => {
    const pc = connection();
    pc.addTransceiver('audio');
    const withCN = await pc.createOffer();
    const withoutCN = await pc.createOffer({ voiceActivityDetection: false });
    assert.ok(lines(withCN.sdp).includes('a=rtpmap:13 CN/8000'));
    assert.ok(!lines(withoutCN.sdp).includes('a=rtpmap:13 CN/8000'));
    assert.ok(!linesStarting(withoutCN.sdp, 'm=audio')[0].split(' ').slice(3).includes('13'));
    assert.ok(!withoutCN.sdp.includes(' CN/'));
    pc.close();
  });

  test('MediaConstraints shapes: mandatory and optional, mandatory winning', async () => {
    const mandatory = connection();
    const offer = await mandatory.createOffer({ mandatory: { OfferToReceiveAudio: true, OfferToReceiveVideo: true } });
    assert.deepEqual(directions(mandatory), ['audio recvonly', 'video recvonly']);
    assert.deepEqual(mLineKinds(offer.sdp), ['audio', 'video']);

    const optional = connection();
    await optional.createOffer({ optional: [{ OfferToReceiveVideo: true }, { OfferToReceiveVideo: false }] });
    assert.deepEqual(directions(optional), ['video recvonly']);

    const both = connection();
    both.addTransceiver('audio');
    await both.createOffer({ mandatory: { OfferToReceiveAudio: false }, optional: [{ OfferToReceiveAudio: true }] });
    assert.deepEqual(directions(both), ['audio sendonly']);

    const vad = connection();
    vad.addTransceiver('audio');
    const noCN = await vad.createOffer({ mandatory: { VoiceActivityDetection: false } });
    assert.ok(!lines(noCN.sdp).includes('a=rtpmap:13 CN/8000'));
    await vad.setLocalDescription(noCN);
    const restarted = await vad.createOffer({ optional: [{ IceRestart: true }] });
    assert.notDeepEqual(credentials(restarted.sdp), credentials(noCN.sdp));

    // The standard members win over the constraint forms.
    const standard = connection();
    await standard.createOffer({ offerToReceiveAudio: false, mandatory: { OfferToReceiveAudio: true } });
    assert.deepEqual(directions(standard), []);
    for (const pc of [mandatory, optional, both, vad, standard]) pc.close();
  });
});

describe('errors', () => {
  test('options that are not a dictionary reject with TypeError', async () => {
    const pc = new RTCPeerConnection();
    for (const options of [42, 'iceRestart', true, Symbol('x'), 10n]) {
      let result;
      assert.doesNotThrow(() => {
        result = pc.createOffer(options);
      });
      assert.ok((await rejection(result)) instanceof TypeError, String(typeof options));
    }
    assert.equal((await pc.createOffer(null)).type, 'offer');
    assert.equal((await pc.createOffer(undefined)).type, 'offer');
    pc.close();
  });

  test('setLocalDescription with a munged or older offer applies it, as Chromium 156 does', async () => {
    const pc = new RTCPeerConnection();
    pc.addTransceiver('audio');
    const older = await pc.createOffer();
    const offer = await pc.createOffer();
    const munged = offer.sdp.replace(/^a=ice-ufrag:.*$/m, 'a=ice-ufrag:abcd');
    assert.notEqual(munged, offer.sdp);
    await pc.setLocalDescription({ type: 'offer', sdp: munged });
    assert.equal(pc.localDescription.sdp, munged);
    await pc.setLocalDescription(older);
    assert.equal(pc.localDescription.sdp, older.sdp);
    await pc.setLocalDescription(offer);
    assert.equal(pc.localDescription.sdp, offer.sdp);
    pc.close();
  });

  test("setLocalDescription with another connection's offer: InvalidModificationError", async () => {
    const other = new RTCPeerConnection();
    other.addTransceiver('audio');
    const pc = new RTCPeerConnection();
    pc.addTransceiver('audio');
    await pc.createOffer();
    assertDOMException(await rejection(pc.setLocalDescription(await other.createOffer())), 'InvalidModificationError');
    assert.equal(pc.signalingState, 'stable');
    assert.equal(pc.localDescription, null);
    other.close();
    pc.close();
  });

  test('setLocalDescription: answers, bad rollbacks and bad types', async () => {
    const pc = new RTCPeerConnection();
    assertDOMException(await rejection(pc.setLocalDescription({ type: 'answer', sdp: '' })), 'InvalidStateError');
    assertDOMException(await rejection(pc.setLocalDescription({ type: 'pranswer' })), 'InvalidStateError');
    assertDOMException(await rejection(pc.setLocalDescription({ type: 'rollback' })), 'InvalidStateError');
    assert.ok((await rejection(pc.setLocalDescription({ type: 'bogus', sdp: '' }))) instanceof TypeError);
    assert.ok((await rejection(pc.setLocalDescription(7))) instanceof TypeError);
    assert.equal(pc.signalingState, 'stable');
    pc.close();
  });

  test('addTransceiver: bad kind, direction or encodings throw synchronously', () => {
    const pc = connection();
    assert.throws(() => pc.addTransceiver('banana'), TypeError);
    assert.throws(() => pc.addTransceiver(), TypeError);
    assert.throws(() => pc.addTransceiver({ kind: 'data', id: 'x' }), TypeError);
    assert.throws(() => pc.addTransceiver('audio', { direction: 'sideways' }), TypeError);
    assert.throws(() => pc.addTransceiver('audio', { direction: 'stopped' }), TypeError);
    assert.throws(() => pc.addTransceiver('audio', 5), TypeError);
    assert.throws(() => pc.addTransceiver('audio', { streams: [{}] }), TypeError);
    const video = (sendEncodings) => () => pc.addTransceiver('video', { sendEncodings });
    assert.throws(video([{ rid: 'a' }, { rid: 'a' }]), TypeError, 'duplicate rids');
    assert.throws(video([{ rid: 'a' }, {}]), TypeError, 'some rids');
    assert.throws(video([{ rid: 'a!' }, { rid: 'b' }]), TypeError, 'rid grammar');
    assert.throws(video([{ rid: 'abcdefghijklmnopq' }, { rid: 'b' }]), TypeError, 'rid length');
    assert.throws(video([{ rid: 'a', scaleResolutionDownBy: 0.5 }]), RangeError);
    assert.throws(video([{ maxFramerate: -1 }]), RangeError);
    assert.throws(video([{ scaleResolutionDownBy: NaN }]), TypeError);
    assert.equal(pc.getTransceivers().length, 0);
    pc.close();
  });

  test('createAnswer rejects with InvalidStateError in the same task (no remote offer)', async () => {
    const pc = new RTCPeerConnection();
    let seenInQueuedTask;
    let state = null;
    setImmediate(() => {
      seenInQueuedTask = state;
    });
    pc.createAnswer().catch((error) => {
      state = error;
    });
    await nextTask();
    assertDOMException(seenInQueuedTask, 'InvalidStateError');
    const callbackError = await new Promise((resolve) => pc.createAnswer(() => resolve('success'), resolve));
    assertDOMException(callbackError, 'InvalidStateError');
    pc.close();
  });
});

describe('operations chain', () => {
  test('createOffer resolves in a queued task, not in microtasks', async () => {
    const pc = new RTCPeerConnection();
    await pc.createOffer(); // the core is loaded and the session made
    pc.addTransceiver('audio');
    const offer = watch(pc.createOffer());
    for (let i = 0; i < 100; i += 1) await null;
    assert.equal(offer.state(), 'pending');
    await nextTask();
    await nextTask();
    assert.equal(offer.state(), 'fulfilled');
    pc.close();
  });

  test('the offer reflects transceivers added after the call, before its queued steps', async () => {
    const pc = new RTCPeerConnection();
    const pending = pc.createOffer();
    pc.addTransceiver('audio');
    pc.addTransceiver('video');
    const offer = await pending;
    assert.deepEqual(mLineKinds(offer.sdp), ['audio', 'video']);
    pc.close();
  });

  test('chained operations run in order: parameterless setLocalDescription applies that offer', async () => {
    const pc = new RTCPeerConnection();
    pc.addTransceiver('audio');
    const order = [];
    const [offer] = await Promise.all([
      pc.createOffer().then((o) => {
        order.push('createOffer');
        return o;
      }),
      pc.setLocalDescription().then(() => order.push('setLocalDescription')),
    ]);
    assert.deepEqual(order, ['createOffer', 'setLocalDescription']);
    assert.equal(pc.localDescription.sdp, offer.sdp);
    pc.close();
  });

  test('parameterless setLocalDescription makes a new offer when the last one is stale', async () => {
    const pc = new RTCPeerConnection();
    pc.addTransceiver('audio');
    const offer = await pc.createOffer();
    pc.addTransceiver('video');
    await pc.setLocalDescription({ type: 'offer' });
    assert.notEqual(pc.localDescription.sdp, offer.sdp);
    assert.deepEqual(mLineKinds(pc.localDescription.sdp), ['audio', 'video']);
    assert.deepEqual(
      pc.getTransceivers().map((t) => t.mid),
      ['0', '1'],
    );
    const fresh = new RTCPeerConnection();
    await fresh.setLocalDescription();
    assert.equal(fresh.signalingState, 'have-local-offer');
    assert.deepEqual(mLineKinds(fresh.localDescription.sdp), []);
    await tasks(3);
    assert.equal(fresh.iceGatheringState, 'new', 'no gathering for an offer without m-sections');
    pc.close();
    fresh.close();
  });

  test('on an empty chain the operation runs at once: its own rejection is seen in the same task', async () => {
    const pc = new RTCPeerConnection();
    let seenInQueuedTask;
    let error = null;
    setImmediate(() => {
      seenInQueuedTask = error;
    });
    pc.setLocalDescription({ type: 'offer', sdp: 'v=0\r\n' }).catch((e) => {
      error = e;
    });
    await nextTask();
    assertDOMException(seenInQueuedTask, 'InvalidModificationError');
    pc.close();
  });

  test('on a busy chain every operation waits for the one before, rejections included', async () => {
    const pc = new RTCPeerConnection();
    pc.addTransceiver('audio');
    const order = [];
    const record = (label) => [() => order.push(`${label} fulfilled`), (e) => order.push(`${label} ${e.name}`)];
    await Promise.all([
      pc.createOffer().then(...record('createOffer')),
      pc.createAnswer().then(...record('createAnswer')),
      pc.setLocalDescription({ type: 'rollback' }).then(...record('rollback')),
      pc.setLocalDescription().then(...record('setLocalDescription')),
      pc.setRemoteDescription({ type: 'offer', sdp: '' }).then(...record('setRemoteDescription')),
    ]);
    assert.deepEqual(order, [
      'createOffer fulfilled',
      'createAnswer InvalidStateError',
      'rollback InvalidStateError',
      'setLocalDescription fulfilled',
      // An offer in have-local-offer rolls the local one back, once it parses: this one does not.
      'setRemoteDescription OperationError',
    ]);
    assert.equal(pc.signalingState, 'have-local-offer');
    pc.close();
  });

  test('after close(), pending operations never settle', async () => {
    const pc = new RTCPeerConnection();
    pc.addTransceiver('audio');
    const offer = await pc.createOffer();
    const pendingOffer = watch(pc.createOffer());
    const pendingApply = watch(pc.setLocalDescription(offer));
    pc.close();
    await tasks(5);
    assert.equal(pendingOffer.state(), 'pending');
    assert.equal(pendingApply.state(), 'pending');
  });

  test('negotiationneeded waits for an empty chain and a stable state, and fires once per need', async () => {
    const pc = connection();
    const order = [];
    pc.addEventListener('negotiationneeded', () => order.push('negotiationneeded'));
    const pending = pc.createOffer().then(() => order.push('createOffer'));
    pc.addTransceiver('audio');
    pc.addTransceiver('video');
    pc.createDataChannel('a');
    pc.createDataChannel('b');
    await pending;
    await tasks(3);
    assert.deepEqual(order, ['createOffer', 'negotiationneeded']);

    await pc.setLocalDescription();
    pc.addTransceiver('audio');
    await tasks(3);
    assert.equal(pc.negotiationNeededCount, 1, 'none in have-local-offer');
    pc.close();
  });

  test('a data channel closed before it was negotiated asks for no m=application (as Chromium)', async () => {
    const pc = connection();
    const channel = pc.createDataChannel('gone');
    const kept = pc.createDataChannel('kept');
    channel.close();
    await new Promise((resolve) => channel.addEventListener('close', resolve));
    assert.deepEqual(linesStarting((await pc.createOffer()).sdp, 'm='), [
      'm=application 9 UDP/DTLS/SCTP webrtc-datachannel',
    ]);
    kept.close();
    await new Promise((resolve) => kept.addEventListener('close', resolve));
    assert.deepEqual(linesStarting((await pc.createOffer()).sdp, 'm='), []);
    pc.close();
  });

  test('rollback restores stable, clears the mids it set and fires negotiationneeded again', async () => {
    const pc = connection();
    const transceiver = pc.addTransceiver('audio');
    await tasks(1);
    assert.equal(pc.negotiationNeededCount, 1);
    const states = [];
    pc.onsignalingstatechange = () => states.push(pc.signalingState);
    await pc.setLocalDescription(await pc.createOffer());
    assert.equal(transceiver.mid, '0');
    await pc.setLocalDescription({ type: 'rollback' });
    assert.deepEqual(states, ['have-local-offer', 'stable']);
    assert.equal(pc.signalingState, 'stable');
    assert.equal(pc.localDescription, null);
    assert.equal(pc.pendingLocalDescription, null);
    assert.equal(transceiver.mid, null);
    await tasks(3);
    assert.equal(pc.negotiationNeededCount, 2);
    pc.close();
  });
});

describe('repeated offers', () => {
  const withoutVersion = (sdp) => sdp.replace(/^(o=- \d+) \d+ /m, '$1 _ ');
  const version = (sdp) => Number(linesStarting(sdp, 'o=- ')[0].split(' ')[2]);

  test('an offer made again is the last one under the next version; every change between shows', async () => {
    const pc = new RTCPeerConnection();
    const audio = pc.addTransceiver('audio');
    const video = pc.addTransceiver('video');
    const first = (await pc.createOffer()).sdp;
    const again = (await pc.createOffer()).sdp;
    assert.equal(withoutVersion(again), withoutVersion(first));
    assert.equal(version(again), version(first) + 1);

    audio.direction = 'recvonly';
    assert.deepEqual(linesStarting((await pc.createOffer()).sdp, 'a=recvonly'), ['a=recvonly']);
    const opus = RTCRtpReceiver.getCapabilities('audio').codecs.filter((c) => c.mimeType === 'audio/opus');
    audio.setCodecPreferences(opus);
    assert.deepEqual(linesStarting((await pc.createOffer()).sdp, 'm=audio'), ['m=audio 9 UDP/TLS/RTP/SAVPF 111']);
    pc.createDataChannel('data');
    assert.equal(linesStarting((await pc.createOffer()).sdp, 'm=application').length, 1);
    video.stop();
    assert.deepEqual(linesStarting((await pc.createOffer()).sdp, 'm=video'), []);
    assert.deepEqual(linesStarting((await pc.createOffer({ voiceActivityDetection: false })).sdp, 'a=rtpmap:13 '), []);
    pc.close();
  });

  test('past the calls a session logs before moving to the full part, changes still show', async () => {
    const pc = new RTCPeerConnection();
    const audio = pc.addTransceiver('audio');
    for (let i = 0; i < 70; i++) await pc.createOffer();
    audio.direction = 'sendonly';
    const offer = await pc.createOffer();
    assert.deepEqual(linesStarting(offer.sdp, 'a=sendonly'), ['a=sendonly']);
    assert.equal(version(offer.sdp), 2 + 70);
    await pc.setLocalDescription(offer);
    assert.equal(pc.localDescription.sdp, offer.sdp);
    pc.close();
  });
});
