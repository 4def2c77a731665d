// pc.sctp (webrtc-pc RTCSctpTransport over RTCDtlsTransport and RTCIceTransport): null until a
// description with a data section is applied (a rollback of a local offer takes it away again), maxMessageSize from the answer's a=max-message-size (the WPT
// cases), null again when an answer rejects the section, closed with the connection.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RTCDtlsTransport, RTCIceTransport, RTCPeerConnection, RTCSctpTransport } from '../../pkg/index.js';
import { answerFor } from './helpers.js';

/** createOffer, setLocalDescription, then the answer `edit` makes of answerFor's. */
async function negotiate(pc, edit = (sdp) => sdp) {
  const offer = await pc.createOffer();
  await pc.setLocalDescription(offer);
  const { sdp } = answerFor(offer.sdp);
  await pc.setRemoteDescription({ type: 'answer', sdp: edit(sdp) });
}

const withMaxMessageSize = (value) => (sdp) =>
  sdp.replace('a=max-message-size:262144\r\n', value === null ? '' : `a=max-message-size:${value}\r\n`);

test('a local offer with a data section makes pc.sctp (maxMessageSize unlimited until the answer), as Chromium 156', async () => {
  const pc = new RTCPeerConnection();
  pc.createDataChannel('chat');
  assert.equal(pc.sctp, null);
  await pc.setLocalDescription();
  const sctp = pc.sctp;
  assert.ok(sctp instanceof RTCSctpTransport);
  assert.deepEqual([sctp.state, sctp.maxMessageSize, sctp.maxChannels], ['connecting', Infinity, null]);
  assert.equal(sctp.transport.state, 'new');
  await pc.setLocalDescription({ type: 'rollback' });
  assert.equal(pc.sctp, null, 'a rollback of the offer takes it away');
  assert.equal(sctp.state, 'closed');

  const audioOnly = new RTCPeerConnection();
  audioOnly.addTransceiver('audio');
  await audioOnly.setLocalDescription();
  assert.equal(audioOnly.sctp, null, 'no data section, no pc.sctp');
  pc.close();
  audioOnly.close();
});

test('an answer accepting the data section keeps pc.sctp: connecting, over new DTLS and ICE', async () => {
  const pc = new RTCPeerConnection();
  pc.createDataChannel('chat');
  assert.equal(pc.sctp, null);
  const offer = await pc.createOffer();
  await pc.setLocalDescription(offer);
  const made = pc.sctp;
  await pc.setRemoteDescription(answerFor(offer.sdp));
  const sctp = pc.sctp;
  assert.equal(sctp, made, 'the one the offer made');
  assert.ok(sctp instanceof RTCSctpTransport);
  assert.deepEqual([sctp.state, sctp.maxMessageSize, sctp.maxChannels], ['connecting', 262144, null]);
  assert.ok(sctp.transport instanceof RTCDtlsTransport);
  assert.deepEqual([sctp.transport.state, sctp.transport.getRemoteCertificates()], ['new', []]);
  const ice = sctp.transport.iceTransport;
  assert.ok(ice instanceof RTCIceTransport);
  assert.deepEqual([ice.role, ice.component, ice.state], ['controlling', 'rtp', 'new']);
  assert.equal(ice.gatheringState, pc.iceGatheringState);
  assert.deepEqual([ice.getLocalCandidates(), ice.getRemoteCandidates(), ice.getSelectedCandidatePair()], [[], [], null]);
  await negotiate(pc);
  assert.equal(pc.sctp, sctp, 'the same transport after a renegotiation');
  pc.close();
  assert.deepEqual([sctp.state, sctp.transport.state, ice.state], ['closed', 'closed', 'closed']);
  assert.equal(pc.sctp, sctp);
});

test("maxMessageSize: min of the answer's limit and 262144 (0 is none, 65536 without a=max-message-size)", async () => {
  for (const [remote, expected] of [
    [null, 65536],
    [0, 262144],
    [1, 1],
    [65535, 65535],
    [262145, 262144],
  ]) {
    const pc = new RTCPeerConnection();
    pc.createDataChannel('chat');
    await negotiate(pc, withMaxMessageSize(remote));
    assert.equal(pc.sctp.maxMessageSize, expected, `a=max-message-size:${remote}`);
    pc.close();
  }
});

test('an answer rejecting the data section closes pc.sctp and sets it back to null', async () => {
  const pc = new RTCPeerConnection();
  pc.addTransceiver('audio');
  pc.createDataChannel('chat');
  await negotiate(pc);
  const sctp = pc.sctp;
  await negotiate(pc, (sdp) => sdp.replace('m=application 9 ', 'm=application 0 ').replace('a=group:BUNDLE 0 1', 'a=group:BUNDLE 0'));
  assert.equal(pc.sctp, null);
  assert.equal(sctp.state, 'closed');
  pc.close();
});

test('the transports cannot be constructed', () => {
  for (const Transport of [RTCSctpTransport, RTCDtlsTransport, RTCIceTransport]) {
    assert.throws(() => new Transport(), { name: 'TypeError', message: 'Illegal constructor' });
  }
});
