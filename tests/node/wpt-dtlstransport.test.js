// Ports of the WPT RTCDtlsTransport files, at the web-platform-tests/wpt commits that last changed
// them before 2021-09-20 (read from the snapshot of a2b6dd730232ba1145cc2f27279bffa4c186bdc4):
//   webrtc/RTCDtlsTransport-state.html                 92b3b83c50860618b26db961128443e53449a626
//   webrtc/RTCDtlsTransport-getRemoteCertificates.html 83e6a78e336c6c34470056c5d10f288078a00a8f
// Every test there waits for DTLS to connect (network). What each asserts before that wait is
// here, under the WPT test's name with " (before connecting)": the rest needs a peer on the
// network. Not ported at all: 'close() causes the local transport to close immediately' and
// 'close() causes the other end's DTLS transport to close' (nothing before their wait).

import { describe } from 'node:test';
import { RTCDtlsTransport, RTCPeerConnection } from '../../pkg/index.js';
import { assert_array_equals, assert_equals, assert_greater_than, assert_true, harness } from './wpt-harness.js';
import { exchangeIceCandidates, exchangeOfferAnswer, getTrackFromUserMedia } from './wpt-helpers.js';

const { promise_test } = harness();

describe('RTCDtlsTransport-state.html', () => {
  async function setupConnections(t) {
    const pc1 = new RTCPeerConnection();
    t.add_cleanup(() => pc1.close());
    const pc2 = new RTCPeerConnection();
    t.add_cleanup(() => pc2.close());

    // trackFactories.audio() in WPT: a track of this package here.
    const [track] = await getTrackFromUserMedia('audio');
    pc1.addTrack(track);
    exchangeIceCandidates(pc1, pc2);
    await exchangeOfferAnswer(pc1, pc2);
    return [pc1, pc2];
  }

  promise_test(async (t) => {
    const [pc1, pc2] = await setupConnections(t);
    const dtlsTransport1 = pc1.getTransceivers()[0].sender.transport;
    const dtlsTransport2 = pc2.getTransceivers()[0].sender.transport;
    assert_true(dtlsTransport1 instanceof RTCDtlsTransport);
    assert_true(dtlsTransport2 instanceof RTCDtlsTransport);
  }, 'DTLS transport goes to connected state (before connecting)');

  promise_test(async (t) => {
    const config = { bundlePolicy: 'max-bundle' };
    const pc1 = new RTCPeerConnection(config);
    const pc2 = new RTCPeerConnection(config);
    t.add_cleanup(() => pc1.close());
    t.add_cleanup(() => pc2.close());
    pc1.onicecandidate = (e) => pc2.addIceCandidate(e.candidate);
    pc2.onicecandidate = (e) => pc1.addIceCandidate(e.candidate);
    pc1.addTransceiver('video');
    pc1.addTransceiver('audio');
    await pc1.setLocalDescription(await pc1.createOffer());
    await pc2.setRemoteDescription(pc1.localDescription);
    await pc2.setLocalDescription(await pc2.createAnswer());
    await pc1.setRemoteDescription(pc2.localDescription);
    const [videoTc, audioTc] = pc1.getTransceivers();
    assert_equals(pc1.getTransceivers().length, 2, 'pc1 transceiver count');
    assert_equals(pc2.getTransceivers().length, 2, 'pc2 transceiver count');
    assert_equals(videoTc.sender.transport, videoTc.receiver.transport);
    assert_equals(videoTc.sender.transport, audioTc.sender.transport);
  }, 'stop bundled transceiver retains dtls transport state (before connecting)');
});

describe('RTCDtlsTransport-getRemoteCertificates.html', () => {
  promise_test(async (t) => {
    const pc1 = new RTCPeerConnection();
    t.add_cleanup(() => pc1.close());
    const pc2 = new RTCPeerConnection();
    t.add_cleanup(() => pc2.close());

    const [track] = await getTrackFromUserMedia('audio');
    pc1.addTrack(track);
    exchangeIceCandidates(pc1, pc2);
    await exchangeOfferAnswer(pc1, pc2);
    const dtlsTransport1 = pc1.getSenders()[0].transport;
    const dtlsTransport2 = pc2.getReceivers()[0].transport;
    // WPT's onConnected checks, and its check of a transport not yet connected (whose
    // statechange listeners are left out: here nothing connects).
    for (const dtlsTransport of [dtlsTransport1, dtlsTransport2]) {
      if (dtlsTransport.state === 'connected') {
        const certs = dtlsTransport.getRemoteCertificates();
        assert_greater_than(certs.length, 0, 'Expect DTLS transport to have at least one remote certificate when connected');
        for (const cert of certs) {
          assert_true(cert instanceof ArrayBuffer, 'Expect certificate elements be instance of ArrayBuffer');
        }
      } else {
        assert_array_equals(
          dtlsTransport.getRemoteCertificates(),
          [],
          'Expect DTLS certificates be initially empty until become connected',
        );
      }
    }
  }, 'RTCDtlsTransport.prototype.getRemoteCertificates (before connecting)');
});
