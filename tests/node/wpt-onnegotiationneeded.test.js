// Port of WPT webrtc/RTCPeerConnection-onnegotiationneeded.html at web-platform-tests/wpt commit
// bed7a2397d50c90694d2ab67b9cf33c274c2e75a (the file's last change before 2021-09-20; read from
// the snapshot of a2b6dd730232ba1145cc2f27279bffa4c186bdc4). Every test of the file, unchanged but
// for the imports; tracks are this package's (getNoiseStream in wpt-helpers.js).

import { MediaStream, RTCPeerConnection } from '../../pkg/index.js';
import { assert_equals, assert_false, assert_unreached, harness } from './wpt-harness.js';
import {
  generateAnswer,
  generateAudioReceiveOnlyOffer,
  generateOffer,
  getNoiseStream,
  test_never_resolve,
} from './wpt-helpers.js';

const { test, promise_test } = harness();

// Listen to the negotiationneeded event on a peer connection
// Returns a promise that resolves when the first event is fired.
// The resolve result is a dictionary with event and nextPromise,
// which resolves when the next negotiationneeded event is fired.
// This allow us to promisify the event listening and assert whether
// an event is fired or not by testing whether a promise is resolved.
function awaitNegotiation(pc) {
  if(pc.onnegotiationneeded) {
    throw new Error('connection is already attached with onnegotiationneeded event handler');
  }

  function waitNextNegotiation() {
    return new Promise(resolve => {
      pc.onnegotiationneeded = event => {
        const nextPromise = waitNextNegotiation();
        resolve({ nextPromise, event });
      }
    });
  }

  return waitNextNegotiation();
}

// Return a promise that rejects if the first promise is resolved before second promise.
// Also rejects when either promise rejects.
function assert_first_promise_fulfill_after_second(promise1, promise2, message) {
  if(!message) {
    message = 'first promise is resolved before second promise';
  }

  return new Promise((resolve, reject) => {
    let secondResolved = false;

    promise1.then(() => {
      if(secondResolved) {
        resolve();
      } else {
        assert_unreached(message);
      }
    })
    .catch(reject);

    promise2.then(() => {
      secondResolved = true;
    }, reject);
  });
}

promise_test(t => {
  const pc = new RTCPeerConnection();
  t.add_cleanup(() => pc.close());
  const negotiated = awaitNegotiation(pc);

  pc.createDataChannel('test');
  return negotiated;
}, 'Creating first data channel should fire negotiationneeded event');

test_never_resolve(test, t => {
  const pc = new RTCPeerConnection();
  const negotiated = awaitNegotiation(pc);

  pc.createDataChannel('foo');
  return negotiated
    .then(({nextPromise}) => {
    pc.createDataChannel('bar');
    return nextPromise;
  });
}, 'calling createDataChannel twice should fire negotiationneeded event once');

promise_test(t => {
  const pc = new RTCPeerConnection();
  t.add_cleanup(() => pc.close());
  const negotiated = awaitNegotiation(pc);

  pc.addTransceiver('audio');
  return negotiated;
}, 'addTransceiver() should fire negotiationneeded event');

test_never_resolve(test, t => {
  const pc = new RTCPeerConnection();
  const negotiated = awaitNegotiation(pc);

  pc.addTransceiver('audio');
  return negotiated
  .then(({nextPromise}) => {
    pc.addTransceiver('video');
    return nextPromise;
  });
}, 'Calling addTransceiver() twice should fire negotiationneeded event once');

test_never_resolve(test, t => {
  const pc = new RTCPeerConnection();
  const negotiated = awaitNegotiation(pc);

  pc.createDataChannel('test');
  return negotiated
  .then(({nextPromise}) => {
    pc.addTransceiver('video');
    return nextPromise;
  });
}, 'Calling both addTransceiver() and createDataChannel() should fire negotiationneeded event once');

test_never_resolve(test, t => {
  const pc = new RTCPeerConnection();
  let negotiated;

  return generateAudioReceiveOnlyOffer(pc)
  .then(offer => {
    pc.setLocalDescription(offer);
    negotiated = awaitNegotiation(pc);
  })
  .then(() => negotiated)
  .then(({nextPromise}) => {
    assert_equals(pc.signalingState, 'have-local-offer');
    pc.createDataChannel('test');
    return nextPromise;
  });
}, 'negotiationneeded event should not fire if signaling state is not stable');

promise_test(async t => {
  const pc = new RTCPeerConnection();

  t.add_cleanup(() => pc.close());

  pc.addTransceiver('audio');
  await new Promise(resolve => pc.onnegotiationneeded = resolve);

  const offer = await pc.createOffer();
  await pc.setLocalDescription(offer);
  let fired = false;
  pc.onnegotiationneeded = e => fired = true;
  pc.createDataChannel('test');
  await pc.setRemoteDescription(await generateAnswer(offer));
  await undefined;
  assert_false(fired, "negotiationneeded should not fire until the next iteration of the event loop after SRD success");
  await new Promise(resolve => pc.onnegotiationneeded = resolve);
}, 'negotiationneeded event should fire only after signaling state goes back to stable after setRemoteDescription');

promise_test(async t => {
  const pc = new RTCPeerConnection();
  t.add_cleanup(() => pc.close());

  pc.addTransceiver('audio');
  await new Promise(resolve => pc.onnegotiationneeded = resolve);

  let fired = false;
  pc.onnegotiationneeded = e => fired = true;
  await pc.setRemoteDescription(await generateOffer());
  pc.createDataChannel('test');
  await pc.setLocalDescription(await pc.createAnswer());
  await undefined;
  assert_false(fired, "negotiationneeded should not fire until the next iteration of the event loop after SLD success");

  await new Promise(resolve => pc.onnegotiationneeded = resolve);
}, 'negotiationneeded event should fire only after signaling state goes back to stable after setLocalDescription');

promise_test(async t => {
  const pc = new RTCPeerConnection();

  t.add_cleanup(() => pc.close());

  pc.addTransceiver('audio');
  await new Promise(resolve => pc.onnegotiationneeded = resolve);

  const offer = await pc.createOffer();
  await pc.setLocalDescription(offer);
  let fired = false;
  pc.onnegotiationneeded = e => fired = true;
  pc.createDataChannel('test');
  const p = pc.setRemoteDescription(await generateAnswer(offer));
  await new Promise(resolve => pc.onsignalingstatechange = resolve);
  assert_false(fired, "negotiationneeded should not fire before signalingstatechange fires");
  await new Promise(resolve => pc.onnegotiationneeded = resolve);
  await p;
}, 'negotiationneeded event should fire only after signalingstatechange event fires from setRemoteDescription');

promise_test(async t => {
  const pc = new RTCPeerConnection();
  t.add_cleanup(() => pc.close());

  pc.addTransceiver('audio');
  await new Promise(resolve => pc.onnegotiationneeded = resolve);

  let fired = false;
  pc.onnegotiationneeded = e => fired = true;
  await pc.setRemoteDescription(await generateOffer());
  pc.createDataChannel('test');

  const p = pc.setLocalDescription(await pc.createAnswer());
  await new Promise(resolve => pc.onsignalingstatechange = resolve);
  assert_false(fired, "negotiationneeded should not fire until the next iteration of the event loop after returning to stable");
  await new Promise(resolve => pc.onnegotiationneeded = resolve);
  await p;
}, 'negotiationneeded event should fire only after signalingstatechange event fires from setLocalDescription');

promise_test(async t => {
  const pc = new RTCPeerConnection();
  t.add_cleanup(() => pc.close());

  const stream = await getNoiseStream({ audio: true });
  t.add_cleanup(() => stream.getTracks().forEach(track => track.stop()));
  const [track] = stream.getTracks();
  pc.addTrack(track, stream);

  await new Promise(resolve => pc.onnegotiationneeded = resolve);
}, 'addTrack should cause negotiationneeded to fire');

promise_test(async t => {
  const pc = new RTCPeerConnection();
  t.add_cleanup(() => pc.close());

  const stream = await getNoiseStream({ audio: true });
  t.add_cleanup(() => stream.getTracks().forEach(track => track.stop()));
  const [track] = stream.getTracks();
  const sender = pc.addTrack(track, stream);

  await new Promise(resolve => pc.onnegotiationneeded = resolve);
  pc.onnegotiationneeded = t.step_func(() => {
    assert_unreached('onnegotiationneeded misfired');
  });

  const offer = await pc.createOffer();
  await pc.setLocalDescription(offer);

  const answer = await generateAnswer(offer);
  await pc.setRemoteDescription(answer);

  pc.removeTrack(sender);
  await new Promise(resolve => pc.onnegotiationneeded = resolve)
}, 'removeTrack should cause negotiationneeded to fire on the caller');

promise_test(async t => {
  const caller = new RTCPeerConnection();
  t.add_cleanup(() => caller.close());
  caller.addTransceiver('audio', {direction:'recvonly'});
  const offer = await caller.createOffer();

  const callee = new RTCPeerConnection();
  t.add_cleanup(() => callee.close());

  const stream = await getNoiseStream({ audio: true });
  t.add_cleanup(() => stream.getTracks().forEach(track => track.stop()));
  const [track] = stream.getTracks();
  const sender = callee.addTrack(track, stream);

  await new Promise(resolve => callee.onnegotiationneeded = resolve);
  callee.onnegotiationneeded = t.step_func(() => {
    assert_unreached('onnegotiationneeded misfired');
  });

  await callee.setRemoteDescription(offer);
  const answer = await callee.createAnswer();
  callee.setLocalDescription(answer);

  callee.removeTrack(sender);
  await new Promise(resolve => callee.onnegotiationneeded = resolve)
}, 'removeTrack should cause negotiationneeded to fire on the callee');

promise_test(async t => {
  const pc = new RTCPeerConnection();
  t.add_cleanup(() => pc.close());

  const transceiver = pc.addTransceiver('audio', {direction:'sendrecv'});
  const offer = await pc.createOffer();
  await pc.setLocalDescription(offer);
  const answer = await generateAnswer(offer);
  await pc.setRemoteDescription(answer);
  transceiver.direction = 'recvonly';
  await new Promise(resolve => pc.onnegotiationneeded = resolve);
}, 'Updating the direction of the transceiver should cause negotiationneeded to fire');

promise_test(async t => {
  const pc = new RTCPeerConnection();
  t.add_cleanup(() => pc.close());

  const transceiver = pc.addTransceiver('audio', {direction:'sendrecv'});
  const offer = await pc.createOffer();
  await pc.setLocalDescription(offer);
  const answer = await generateAnswer(offer);
  await pc.setRemoteDescription(answer);

  const stream = new MediaStream();
  transceiver.sender.setStreams(stream);
  await new Promise(resolve => pc.onnegotiationneeded = resolve);
}, 'Calling setStreams should cause negotiationneeded to fire');

promise_test(async t => {
  const pc1 = new RTCPeerConnection();
  t.add_cleanup(() => pc1.close());
  const pc2 = new RTCPeerConnection();
  t.add_cleanup(() => pc2.close());

  let negotiationCount = 0;
  pc1.onnegotiationneeded = async () => {
    negotiationCount++;
    await pc1.setLocalDescription(await pc1.createOffer());
    await pc2.setRemoteDescription(pc1.localDescription);
    await pc2.setLocalDescription(await pc2.createAnswer());
    await pc1.setRemoteDescription(pc2.localDescription);
  }

  pc1.addTransceiver("video");
  await new Promise(r => pc1.onsignalingstatechange = () => pc1.signalingState == "stable" && r());
  pc1.addTransceiver("audio");
  await new Promise(r => pc1.onsignalingstatechange = () => pc1.signalingState == "stable" && r());
  assert_equals(negotiationCount, 2);
}, 'Adding two transceivers, one at a time, results in the expected number of negotiationneeded events');
