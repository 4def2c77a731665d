// Ports of the WPT pranswer files, one suite per file, at the web-platform-tests/wpt commits that
// last changed them before 2021-09-20 (read from the snapshot of a2b6dd730232ba1145cc2f27279bffa4c186bdc4):
//   webrtc/RTCPeerConnection-setLocalDescription-pranswer.html   66764f426f8b7fe28748872935cb26ce93250062
//   webrtc/RTCPeerConnection-setRemoteDescription-pranswer.html  b7f2dd315a8d84ce786f6336510ee51423011009
// Every test of both files. Test names and assertions are WPT's.

import { describe } from 'node:test';
import { RTCPeerConnection } from '../../pkg/index.js';
import { assert_array_equals, assert_equals, harness, promise_rejects_dom } from './wpt-harness.js';
import { assert_session_desc_similar, generateAnswer, generateVideoReceiveOnlyOffer } from './wpt-helpers.js';

const { promise_test } = harness();

describe('RTCPeerConnection-setLocalDescription-pranswer.html', () => {
  promise_test(async (t) => {
    const pc = new RTCPeerConnection();
    t.add_cleanup(() => pc.close());

    const offer = await pc.createOffer();
    await promise_rejects_dom(t, 'InvalidStateError', pc.setLocalDescription({ type: 'pranswer', sdp: offer.sdp }));
  }, 'setLocalDescription(pranswer) from stable state should reject with InvalidStateError');

  promise_test(async (t) => {
    const pc = new RTCPeerConnection();
    t.add_cleanup(() => pc.close());

    const states = [];
    pc.addEventListener('signalingstatechange', () => states.push(pc.signalingState));

    const offer = await generateVideoReceiveOnlyOffer(pc);
    await pc.setRemoteDescription(offer);
    const answer = await pc.createAnswer();
    const pranswer = { type: 'pranswer', sdp: answer.sdp };

    await pc.setLocalDescription(pranswer);
    assert_equals(pc.signalingState, 'have-local-pranswer');

    assert_session_desc_similar(pc.remoteDescription, offer);
    assert_session_desc_similar(pc.pendingRemoteDescription, offer);
    assert_equals(pc.currentRemoteDescription, null);

    assert_session_desc_similar(pc.localDescription, pranswer);
    assert_session_desc_similar(pc.pendingLocalDescription, pranswer);
    assert_equals(pc.currentLocalDescription, null);

    assert_array_equals(states, ['have-remote-offer', 'have-local-pranswer']);
  }, 'setLocalDescription(pranswer) should succeed');

  promise_test(async (t) => {
    const pc = new RTCPeerConnection();
    t.add_cleanup(() => pc.close());

    const states = [];
    pc.addEventListener('signalingstatechange', () => states.push(pc.signalingState));

    const offer = await generateVideoReceiveOnlyOffer(pc);
    await pc.setRemoteDescription(offer);
    const answer = await pc.createAnswer();
    const pranswer = { type: 'pranswer', sdp: answer.sdp };

    await pc.setLocalDescription(pranswer);
    await pc.setLocalDescription(pranswer);
    assert_array_equals(states, ['have-remote-offer', 'have-local-pranswer']);
  }, 'setLocalDescription(pranswer) can be applied multiple times while still in have-local-pranswer');

  promise_test(async (t) => {
    const pc = new RTCPeerConnection();
    t.add_cleanup(() => pc.close());

    const states = [];
    pc.addEventListener('signalingstatechange', () => states.push(pc.signalingState));

    const offer = await generateVideoReceiveOnlyOffer(pc);
    await pc.setRemoteDescription(offer);
    const answer = await pc.createAnswer();
    const pranswer = { type: 'pranswer', sdp: answer.sdp };

    await pc.setLocalDescription(pranswer);
    await pc.setLocalDescription(answer);
    assert_equals(pc.signalingState, 'stable');
    assert_session_desc_similar(pc.localDescription, answer);
    assert_session_desc_similar(pc.remoteDescription, offer);

    assert_session_desc_similar(pc.currentLocalDescription, answer);
    assert_session_desc_similar(pc.currentRemoteDescription, offer);

    assert_equals(pc.pendingLocalDescription, null);
    assert_equals(pc.pendingRemoteDescription, null);

    assert_array_equals(states, ['have-remote-offer', 'have-local-pranswer', 'stable']);
  }, 'setLocalDescription(answer) from have-local-pranswer state should succeed');
});

describe('RTCPeerConnection-setRemoteDescription-pranswer.html', () => {
  promise_test(async (t) => {
    const pc = new RTCPeerConnection();
    t.add_cleanup(() => pc.close());

    const offer = await pc.createOffer();
    await promise_rejects_dom(t, 'InvalidStateError', pc.setRemoteDescription({ type: 'pranswer', sdp: offer.sdp }));
  }, 'setRemoteDescription(pranswer) from stable state should reject with InvalidStateError');

  promise_test(async (t) => {
    const pc = new RTCPeerConnection();
    t.add_cleanup(() => pc.close());

    const states = [];
    pc.addEventListener('signalingstatechange', () => states.push(pc.signalingState));

    const offer = await generateVideoReceiveOnlyOffer(pc);
    await pc.setLocalDescription(offer);
    const answer = await generateAnswer(offer);
    const pranswer = { type: 'pranswer', sdp: answer.sdp };

    await pc.setRemoteDescription(pranswer);
    assert_equals(pc.signalingState, 'have-remote-pranswer');

    assert_session_desc_similar(pc.localDescription, offer);
    assert_session_desc_similar(pc.pendingLocalDescription, offer);
    assert_equals(pc.currentLocalDescription, null);

    assert_session_desc_similar(pc.remoteDescription, pranswer);
    assert_session_desc_similar(pc.pendingRemoteDescription, pranswer);
    assert_equals(pc.currentRemoteDescription, null);

    assert_array_equals(states, ['have-local-offer', 'have-remote-pranswer']);
  }, 'setRemoteDescription(pranswer) from have-local-offer state should succeed');

  promise_test(async (t) => {
    const pc = new RTCPeerConnection();
    t.add_cleanup(() => pc.close());

    const states = [];
    pc.addEventListener('signalingstatechange', () => states.push(pc.signalingState));

    const offer = await generateVideoReceiveOnlyOffer(pc);
    await pc.setLocalDescription(offer);
    const answer = await generateAnswer(offer);
    const pranswer = { type: 'pranswer', sdp: answer.sdp };

    await pc.setRemoteDescription(pranswer);
    await pc.setRemoteDescription(pranswer);
    assert_array_equals(states, ['have-local-offer', 'have-remote-pranswer']);
  }, 'setRemoteDescription(pranswer) multiple times should succeed');

  promise_test(async (t) => {
    const pc = new RTCPeerConnection();
    t.add_cleanup(() => pc.close());

    const states = [];
    pc.addEventListener('signalingstatechange', () => states.push(pc.signalingState));

    const offer = await generateVideoReceiveOnlyOffer(pc);
    await pc.setLocalDescription(offer);
    const answer = await generateAnswer(offer);
    const pranswer = { type: 'pranswer', sdp: answer.sdp };

    await pc.setRemoteDescription(pranswer);
    await pc.setRemoteDescription(answer);
    assert_equals(pc.signalingState, 'stable');

    assert_session_desc_similar(pc.localDescription, offer);
    assert_session_desc_similar(pc.currentLocalDescription, offer);
    assert_equals(pc.pendingLocalDescription, null);

    assert_session_desc_similar(pc.remoteDescription, answer);
    assert_session_desc_similar(pc.currentRemoteDescription, answer);
    assert_equals(pc.pendingRemoteDescription, null);

    assert_array_equals(states, ['have-local-offer', 'have-remote-pranswer', 'stable']);
  }, 'setRemoteDescription(answer) from have-remote-pranswer state should succeed');
});
