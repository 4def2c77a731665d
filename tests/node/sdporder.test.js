// setLocalDescription() takes the SDP it created with its lines reordered within each part, as a
// parse-and-write round trip (sdp-transform, which mediasoup-client applies to every answer) leaves it,
// and reports the SDP as created, as Chromium reports its own serialization (the core's munge rules;
// tests/browser/munge.test.js compares them with Chromium's).

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { RTCPeerConnection } from '../../pkg/index.js';
import { assertDOMException, rejection } from './helpers.js';

/**
 * `sdp` with each part's a= lines in reverse order (after its other lines, which keep the order the
 * SDP grammar fixes, as sdp-transform writes them) and `a=msid-semantic` respaced.
 */
function reordered(sdp) {
  const parts = [[]];
  for (const line of sdp.split('\r\n').filter((l) => l !== '')) {
    if (line.startsWith('m=')) parts.push([]);
    parts[parts.length - 1].push(line.replace('a=msid-semantic: WMS', 'a=msid-semantic:  WMS'));
  }
  const each = (part) => [...part.filter((l) => !l.startsWith('a=')), ...part.filter((l) => l.startsWith('a=')).reverse()];
  return `${parts.flatMap(each).join('\r\n')}\r\n`;
}

describe('setLocalDescription with reordered lines', () => {
  test('an answer: applied, and localDescription is the answer as created', async () => {
    const offerer = new RTCPeerConnection();
    offerer.addTransceiver('audio');
    offerer.addTransceiver('video');
    const pc = new RTCPeerConnection();
    await pc.setRemoteDescription(await offerer.createOffer());
    const answer = await pc.createAnswer();
    const given = reordered(answer.sdp);
    assert.notEqual(given, answer.sdp);
    await pc.setLocalDescription({ type: 'answer', sdp: given });
    assert.equal(pc.signalingState, 'stable');
    assert.equal(pc.localDescription.sdp, answer.sdp);
    offerer.close();
    pc.close();
  });

  test('an offer: applied, and localDescription is the offer as created', async () => {
    const pc = new RTCPeerConnection();
    pc.addTransceiver('audio');
    pc.createDataChannel('chat');
    const offer = await pc.createOffer();
    await pc.setLocalDescription({ type: 'offer', sdp: reordered(offer.sdp) });
    assert.equal(pc.signalingState, 'have-local-offer');
    assert.equal(pc.localDescription.sdp, offer.sdp);
    pc.close();
  });

  test('a line moved from one media section to another: applied, gone from the first', async () => {
    const pc = new RTCPeerConnection();
    pc.addTransceiver('audio');
    pc.addTransceiver('video');
    const offer = await pc.createOffer();
    const moved = offer.sdp.replace('a=rtcp-rsize\r\n', '').replace('a=mid:1\r\n', 'a=mid:1\r\na=rtcp-rsize\r\n');
    assert.notEqual(moved, offer.sdp);
    await pc.setLocalDescription({ type: 'offer', sdp: moved });
    assert.equal(pc.localDescription.sdp, offer.sdp.replace('a=rtcp-rsize\r\n', ''));
    pc.close();
  });

  test('an m-line removed: InvalidModificationError, still stable', async () => {
    const pc = new RTCPeerConnection();
    pc.addTransceiver('audio');
    pc.addTransceiver('video');
    const offer = await pc.createOffer();
    const cut = offer.sdp.slice(0, offer.sdp.indexOf('m=video')).replace('BUNDLE 0 1', 'BUNDLE 0');
    const error = await rejection(pc.setLocalDescription({ type: 'offer', sdp: cut }));
    assertDOMException(error, 'InvalidModificationError');
    assert.equal(pc.signalingState, 'stable');
    pc.close();
  });
});
