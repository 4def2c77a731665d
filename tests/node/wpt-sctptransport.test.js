// Ports of the WPT RTCSctpTransport files, one suite per file, at the web-platform-tests/wpt commits
// that last changed them before 2021-09-20 (read from the snapshot of a2b6dd730232ba1145cc2f27279bffa4c186bdc4):
//   webrtc/RTCSctpTransport-constructor.html      e2ddf48b78209d0aef4fa513b53a9f28243c9335
//   webrtc/RTCSctpTransport-maxMessageSize.html   0e97d09a90f8e384d0a819f9f9be2ea7e17302bb
//   webrtc/RTCSctpTransport-events.html           353bcaea8ea4c5c1a578fc0e56dea626007c7c40
//   webrtc/RTCSctpTransport-maxChannels.html      8935a214d680f4121ff9cc5aa07c0d458dd8cec8
// Test names and assertions are WPT's. Not ported, as they wait for the SCTP association
// (network): 'SctpTransport reaches connected and closed state' (events) and 'maxChannels gets
// instantiated after connecting' (maxChannels).

import { describe } from 'node:test';
import { RTCDtlsTransport, RTCPeerConnection, RTCSctpTransport } from '../../pkg/index.js';
import { assert_equals, assert_not_equals, assert_true, assert_unreached, harness } from './wpt-harness.js';
import { generateAudioReceiveOnlyOffer, generateDataChannelOffer } from './wpt-helpers.js';

const { promise_test } = harness({});

describe('RTCSctpTransport-constructor.html', () => {
  promise_test(async (t) => {
    const pc1 = new RTCPeerConnection();
    const pc2 = new RTCPeerConnection();
    t.add_cleanup(() => pc1.close());
    t.add_cleanup(() => pc2.close());

    assert_equals(pc1.sctp, null, 'RTCSctpTransport must be null');

    const offer = await generateAudioReceiveOnlyOffer(pc1);
    await Promise.all([pc1.setLocalDescription(offer), pc2.setRemoteDescription(offer)]);
    const answer = await pc2.createAnswer();
    await pc1.setRemoteDescription(answer);

    assert_equals(pc1.sctp, null, 'RTCSctpTransport must remain null');
  }, 'setRemoteDescription() with answer not containing data media should not initialize pc.sctp');

  promise_test(async (t) => {
    const pc1 = new RTCPeerConnection();
    const pc2 = new RTCPeerConnection();
    t.add_cleanup(() => pc1.close());
    t.add_cleanup(() => pc2.close());

    assert_equals(pc1.sctp, null, 'RTCSctpTransport must be null');

    const offer = await generateAudioReceiveOnlyOffer(pc2);
    await Promise.all([pc2.setLocalDescription(offer), pc1.setRemoteDescription(offer)]);
    const answer = await pc1.createAnswer();
    await pc1.setLocalDescription(answer);

    assert_equals(pc1.sctp, null, 'RTCSctpTransport must remain null');
  }, 'setLocalDescription() with answer not containing data media should not initialize pc.sctp');

  function validateSctpTransport(sctp) {
    assert_not_equals(sctp, null, 'RTCSctpTransport must be available');

    assert_true(sctp instanceof RTCSctpTransport, 'Expect pc.sctp to be instance of RTCSctpTransport');

    assert_true(sctp.transport instanceof RTCDtlsTransport, 'Expect sctp.transport to be instance of RTCDtlsTransport');

    assert_equals(sctp.state, 'connecting', 'RTCSctpTransport should be in the connecting state');

    // Note: Yes, Number.POSITIVE_INFINITY is also a 'number'
    assert_equals(typeof sctp.maxMessageSize, 'number', 'Expect sctp.maxMessageSize to be a number');
  }

  promise_test(async (t) => {
    const pc1 = new RTCPeerConnection();
    const pc2 = new RTCPeerConnection();
    t.add_cleanup(() => pc1.close());
    t.add_cleanup(() => pc2.close());

    assert_equals(pc1.sctp, null, 'RTCSctpTransport must be null');

    const offer = await generateDataChannelOffer(pc1);
    await Promise.all([pc1.setLocalDescription(offer), pc2.setRemoteDescription(offer)]);
    const answer = await pc2.createAnswer();
    await pc1.setRemoteDescription(answer);

    validateSctpTransport(pc1.sctp);
  }, 'setRemoteDescription() with answer containing data media should initialize pc.sctp');

  promise_test(async (t) => {
    const pc1 = new RTCPeerConnection();
    const pc2 = new RTCPeerConnection();
    t.add_cleanup(() => pc1.close());
    t.add_cleanup(() => pc2.close());

    assert_equals(pc1.sctp, null, 'RTCSctpTransport must be null');

    const offer = await generateDataChannelOffer(pc2);
    await Promise.all([pc2.setLocalDescription(offer), pc1.setRemoteDescription(offer)]);
    const answer = await pc1.createAnswer();
    await pc1.setLocalDescription(answer);

    validateSctpTransport(pc1.sctp);
  }, 'setLocalDescription() with answer containing data media should initialize pc.sctp');
});

describe('RTCSctpTransport-maxMessageSize.html', () => {
  // Helper class to read SDP attributes and generate SDPs with modified attribute values
  class SDPAttributeHelper {
    constructor(attrName, valueRegExpStr) {
      this.attrName = attrName;
      this.re = new RegExp(`^a=${attrName}:(${valueRegExpStr})\\r\\n`, 'm');
    }

    getValue(sdp) {
      const matches = sdp.match(this.re);
      return matches ? matches[1] : null;
    }

    sdpWithValue(sdp, ...value) {
      const matches = sdp.match(this.re);
      const sdpParts = sdp.split(matches[0]);
      const attributeLine = value.length > 0 ? `a=${this.attrName}:${value[0]}\r\n` : '';
      return `${sdpParts[0]}${attributeLine}${sdpParts[1]}`;
    }

    sdpWithoutAttribute(sdp) {
      return this.sdpWithValue(sdp);
    }
  }

  const mmsAttributeHelper = new SDPAttributeHelper('max-message-size', '\\d+');
  let canSendSize = null;
  const remoteSize1 = 1;
  const remoteSize2 = 2;

  promise_test(async (t) => {
    const pc = new RTCPeerConnection();
    t.add_cleanup(() => pc.close());

    assert_equals(pc.sctp, null, 'RTCSctpTransport must be null');

    let offer = await generateDataChannelOffer(pc);
    assert_not_equals(mmsAttributeHelper.getValue(offer.sdp), null, 'SDP should have max-message-size attribute');

    // Update max-message-size
    offer = { type: 'offer', sdp: mmsAttributeHelper.sdpWithValue(offer.sdp, 0) };

    // Set remote description
    await pc.setRemoteDescription(offer);
    const answer = await pc.createAnswer();
    await pc.setLocalDescription(answer);

    assert_not_equals(pc.sctp, null, 'RTCSctpTransport must be available');

    canSendSize = pc.sctp.maxMessageSize === Number.POSITIVE_INFINITY ? 0 : pc.sctp.maxMessageSize;
    if (canSendSize !== 0 && canSendSize < remoteSize2) {
      assert_unreached('This test needs canSendSize to be 0 or > 2 for further "below" and "above" tests');
    }
  }, 'Determine the local side send limitation (canSendSize) by offering a max-message-size of 0');

  promise_test(async (t) => {
    assert_not_equals(canSendSize, null, 'canSendSize needs to be determined');

    const pc = new RTCPeerConnection();
    t.add_cleanup(() => pc.close());

    assert_equals(pc.sctp, null, 'RTCSctpTransport must be null');

    let offer = await generateDataChannelOffer(pc);
    assert_not_equals(mmsAttributeHelper.getValue(offer.sdp), null, 'SDP should have max-message-size attribute');

    // Remove the max-message-size SDP attribute
    offer = { type: 'offer', sdp: mmsAttributeHelper.sdpWithoutAttribute(offer.sdp) };

    // Set remote description
    await pc.setRemoteDescription(offer);
    const answer = await pc.createAnswer();
    await pc.setLocalDescription(answer);

    assert_not_equals(pc.sctp, null, 'RTCSctpTransport must be available');

    // Test outcome depends on canSendSize value
    if (canSendSize !== 0) {
      assert_equals(
        pc.sctp.maxMessageSize,
        Math.min(65536, canSendSize),
        'Missing SDP attribute and a non-zero canSendSize should give an maxMessageSize of min(65536, canSendSize)',
      );
    } else {
      assert_equals(
        pc.sctp.maxMessageSize,
        65536,
        'Missing SDP attribute and a canSendSize of 0 should give an maxMessageSize of 65536',
      );
    }
  }, 'Remote offer SDP missing max-message-size attribute');

  promise_test(async (t) => {
    assert_not_equals(canSendSize, null, 'canSendSize needs to be determined');

    const pc = new RTCPeerConnection();
    t.add_cleanup(() => pc.close());

    assert_equals(pc.sctp, null, 'RTCSctpTransport must be null');

    let offer = await generateDataChannelOffer(pc);
    assert_not_equals(mmsAttributeHelper.getValue(offer.sdp), null, 'SDP should have max-message-size attribute');

    // Update max-message-size
    offer = { type: 'offer', sdp: mmsAttributeHelper.sdpWithValue(offer.sdp, remoteSize1) };

    // Set remote description
    await pc.setRemoteDescription(offer);
    const answer = await pc.createAnswer();
    await pc.setLocalDescription(answer);

    assert_not_equals(pc.sctp, null, 'RTCSctpTransport must be available');
    assert_equals(
      pc.sctp.maxMessageSize,
      remoteSize1,
      'maxMessageSize should be the value provided by the remote peer (as long as it is less than canSendSize)',
    );
  }, 'max-message-size with a (non-zero) value provided by the remote peer');

  promise_test(async (t) => {
    assert_not_equals(canSendSize, null, 'canSendSize needs to be determined');

    const pc = new RTCPeerConnection();
    t.add_cleanup(() => pc.close());

    assert_equals(pc.sctp, null, 'RTCSctpTransport must be null');

    let offer = await generateDataChannelOffer(pc);
    assert_not_equals(mmsAttributeHelper.getValue(offer.sdp), null, 'SDP should have max-message-size attribute');

    // Update max-message-size
    offer = { type: 'offer', sdp: mmsAttributeHelper.sdpWithValue(offer.sdp, remoteSize1) };

    // Set remote description
    await pc.setRemoteDescription(offer);
    let answer = await pc.createAnswer();
    await pc.setLocalDescription(answer);

    assert_not_equals(pc.sctp, null, 'RTCSctpTransport must be available');
    assert_equals(
      pc.sctp.maxMessageSize,
      remoteSize1,
      'maxMessageSize should be the value provided by the remote peer (as long as it is less than canSendSize)',
    );

    // Start new O/A exchange that updates max-message-size to remoteSize2
    offer = await pc.createOffer();
    offer = { type: 'offer', sdp: mmsAttributeHelper.sdpWithValue(offer.sdp, remoteSize2) };
    await pc.setRemoteDescription(offer);
    answer = await pc.createAnswer();
    await pc.setLocalDescription(answer);

    assert_not_equals(pc.sctp, null, 'RTCSctpTransport must be available');
    assert_equals(
      pc.sctp.maxMessageSize,
      remoteSize2,
      'maxMessageSize should be the new value provided by the remote peer (as long as it is less than canSendSize)',
    );

    // Start new O/A exchange that updates max-message-size to zero
    offer = await pc.createOffer();
    offer = { type: 'offer', sdp: mmsAttributeHelper.sdpWithValue(offer.sdp, 0) };
    await pc.setRemoteDescription(offer);
    answer = await pc.createAnswer();
    await pc.setLocalDescription(answer);

    assert_not_equals(pc.sctp, null, 'RTCSctpTransport must be available');
    assert_equals(pc.sctp.maxMessageSize, canSendSize, 'maxMessageSize should be canSendSize');

    // Start new O/A exchange that updates max-message-size to remoteSize1 again
    offer = await pc.createOffer();
    offer = { type: 'offer', sdp: mmsAttributeHelper.sdpWithValue(offer.sdp, remoteSize1) };
    await pc.setRemoteDescription(offer);
    answer = await pc.createAnswer();
    await pc.setLocalDescription(answer);

    assert_not_equals(pc.sctp, null, 'RTCSctpTransport must be available');
    assert_equals(
      pc.sctp.maxMessageSize,
      remoteSize1,
      'maxMessageSize should be the new value provided by the remote peer (as long as it is less than canSendSize)',
    );
  }, 'Renegotiate max-message-size with various values provided by the remote peer');

  promise_test(async (t) => {
    assert_not_equals(canSendSize, null, 'canSendSize needs to be determined');

    const pc = new RTCPeerConnection();
    t.add_cleanup(() => pc.close());

    assert_equals(pc.sctp, null, 'RTCSctpTransport must be null');

    const largerThanCanSendSize = canSendSize === 0 ? 0 : canSendSize + 1;

    let offer = await generateDataChannelOffer(pc);
    assert_not_equals(mmsAttributeHelper.getValue(offer.sdp), null, 'SDP should have max-message-size attribute');

    // Update max-message-size
    offer = { type: 'offer', sdp: mmsAttributeHelper.sdpWithValue(offer.sdp, largerThanCanSendSize) };

    // Set remote description
    await pc.setRemoteDescription(offer);
    const answer = await pc.createAnswer();
    await pc.setLocalDescription(answer);

    assert_not_equals(pc.sctp, null, 'RTCSctpTransport must be available');

    // Test outcome depends on canSendSize value
    if (canSendSize !== 0) {
      assert_equals(
        pc.sctp.maxMessageSize,
        canSendSize,
        'A remote value larger than a non-zero canSendSize should limit maxMessageSize to canSendSize',
      );
    } else {
      assert_equals(
        pc.sctp.maxMessageSize,
        Number.POSITIVE_INFINITY,
        'A remote value of zero and canSendSize zero should result in "infinity"',
      );
    }
  }, 'max-message-size with a (non-zero) value larger than canSendSize provided by the remote peer');
});

describe('RTCSctpTransport-events.html', () => {
  promise_test(async (t) => {
    const pc1 = new RTCPeerConnection();
    t.add_cleanup(() => pc1.close());
    const pc2 = new RTCPeerConnection();
    t.add_cleanup(() => pc2.close());

    pc1.createDataChannel('');
    assert_equals(null, pc1.sctp);
    assert_equals(null, pc2.sctp);
    const offer = await pc1.createOffer();
    await pc1.setLocalDescription(offer);
    assert_not_equals(null, pc1.sctp);
    await pc2.setRemoteDescription(offer);
    assert_not_equals(null, pc2.sctp);
    const answer = await pc2.createAnswer();
    await pc2.setLocalDescription(answer);
    await pc1.setRemoteDescription(answer);
    // Since this test does not exchange candidates, state remains "connecting".
    assert_equals(pc1.sctp.state, 'connecting');
    assert_equals(pc2.sctp.state, 'connecting');
  }, 'SctpTransport objects are created at appropriate times');
});

describe('RTCSctpTransport-maxChannels.html', () => {
  promise_test(async (t) => {
    const pc = new RTCPeerConnection();
    t.add_cleanup(() => pc.close());

    assert_equals(pc.sctp, null, 'RTCSctpTransport must be null');

    pc.createDataChannel('test');
    const offer = await pc.createOffer();
    await pc.setRemoteDescription(offer);
    const answer = await pc.createAnswer();
    await pc.setLocalDescription(answer);

    assert_not_equals(pc.sctp, null, 'RTCSctpTransport must be available');
    assert_equals(pc.sctp.maxChannels, null, 'maxChannels must not be set');
  }, 'An unconnected peerconnection must not have maxChannels set');
});
