// setLocalDescription() takes the SDP it created with its lines reordered within each part, as a
// parse-and-write round trip (sdp-transform, which mediasoup-client applies to every answer) leaves it.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { RTCPeerConnection } from '../../pkg/index.js';
import { sameLinesInEachPart } from '../../pkg/sdporder.js';
import { assertDOMException, rejection } from './helpers.js';

/** `sdp` with each part's lines after its first in reverse order and `a=msid-semantic` respaced. */
function reordered(sdp) {
  const parts = [[]];
  for (const line of sdp.split('\r\n').filter((l) => l !== '')) {
    if (line.startsWith('m=')) parts.push([]);
    parts[parts.length - 1].push(line.replace('a=msid-semantic: WMS', 'a=msid-semantic:  WMS'));
  }
  return `${parts.flatMap(([first, ...rest]) => [first, ...rest.reverse()]).join('\r\n')}\r\n`;
}

const SDP = [
  ...['v=0', 'o=- 1 2 IN IP4 127.0.0.1', 's=-', 't=0 0', 'a=msid-semantic: WMS'],
  ...['m=audio 9 UDP/TLS/RTP/SAVPF 111', 'a=mid:0', 'a=sendrecv'],
  ...['m=video 9 UDP/TLS/RTP/SAVPF 96', 'a=mid:1', 'a=recvonly', ''],
].join('\r\n');

describe('sameLinesInEachPart', () => {
  test('lines reordered within a part, respaced or with LF endings: the same', () => {
    assert.equal(sameLinesInEachPart(reordered(SDP), SDP), true);
    assert.equal(sameLinesInEachPart(SDP.replaceAll('\r\n', '\n'), SDP), true);
    assert.equal(sameLinesInEachPart(SDP.replace('a=sendrecv', 'a=sendrecv  '), SDP), true);
    assert.equal(sameLinesInEachPart(SDP.replace('SAVPF 111', 'SAVPF  111 '), SDP), true);
  });

  test('a line moved to another part, changed, added or dropped: not the same', () => {
    const moved = SDP.replace('a=mid:1\r\n', '').replace('a=mid:0\r\n', 'a=mid:0\r\na=mid:1\r\n');
    assert.equal(sameLinesInEachPart(moved, SDP), false);
    assert.equal(sameLinesInEachPart(SDP.replace('a=recvonly', 'a=inactive'), SDP), false);
    assert.equal(sameLinesInEachPart(SDP.replace('a=recvonly', 'a=recvonly\r\na=recvonly'), SDP), false);
    assert.equal(sameLinesInEachPart(SDP.replace('a=recvonly\r\n', ''), SDP), false);
  });
});

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

  test('a line moved from one media section to another is still InvalidModificationError', async () => {
    const pc = new RTCPeerConnection();
    pc.addTransceiver('audio');
    pc.addTransceiver('video');
    const offer = await pc.createOffer();
    const moved = offer.sdp.replace('a=rtcp-rsize\r\n', '').replace('a=mid:1\r\n', 'a=mid:1\r\na=rtcp-rsize\r\n');
    assert.notEqual(moved, offer.sdp);
    const error = await rejection(pc.setLocalDescription({ type: 'offer', sdp: moved }));
    assertDOMException(error, 'InvalidModificationError');
    assert.equal(pc.signalingState, 'stable');
    pc.close();
  });
});
