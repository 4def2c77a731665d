// Ports of the WPT files that test RTCRtpSender.getParameters()/setParameters() and
// RTCRtpReceiver.getParameters(), one suite per file, at the web-platform-tests/wpt commits that
// last changed them before 2021-09-20 (read from the snapshot of a2b6dd730232ba1145cc2f27279bffa4c186bdc4):
//   webrtc/RTCRtpParameters-transactionId.html      4f34fd4cdd7713a5300f8eb3fb090c83e3c070e6
//   webrtc/RTCRtpParameters-encodings.html          24221e0d284146ed5c47cd20b116e0ccf8cda081
//   webrtc/RTCRtpParameters-codecs.html             4f34fd4cdd7713a5300f8eb3fb090c83e3c070e6
//   webrtc/RTCRtpParameters-headerExtensions.html   4f34fd4cdd7713a5300f8eb3fb090c83e3c070e6
//   webrtc/RTCRtpParameters-rtcp.html               4f34fd4cdd7713a5300f8eb3fb090c83e3c070e6
//   webrtc/RTCRtpSender-setParameters.html          b7f2dd315a8d84ce786f6336510ee51423011009
//   webrtc/RTCRtpReceiver-getParameters.html        24221e0d284146ed5c47cd20b116e0ccf8cda081
// (WPT has no RTCRtpSender-getParameters.html: getParameters() is tested through these.) Every
// test of these files is here; the offer/answer exchange runs between two of our connections.

import { describe } from 'node:test';
import { RTCPeerConnection } from '../../pkg/index.js';
import {
  assert_approx_equals,
  assert_equals,
  assert_greater_than,
  assert_not_equals,
  assert_not_own_property,
  harness,
  promise_rejects_dom,
  promise_rejects_js,
} from './wpt-harness.js';
import {
  doOfferAnswerExchange,
  getFirstEncoding,
  test_modified_encoding,
  validateReceiverRtpParameters,
  validateSenderRtpParameters,
} from './wpt-helpers.js';

// Where these WPT files predate webrtc-pc as it stands (and as we follow it):
const SAME_TASK =
  'WPT here predates [[LastReturnedParameters]]: webrtc-pc getParameters() returns the same parameters until a task later (README Decisions)';
const { promise_test } = harness({
  'sender.getParameters() should return different transaction IDs for each call': SAME_TASK,
  'setParameters() with parameters older than last getParameters() should reject with InvalidModificationError': SAME_TASK,
  'setParameters() with encoding.scaleResolutionDownBy field set to less than 1.0 should reject with RangeError':
    'WPT here predates webrtc-pc removing scaleResolutionDownBy from an audio sender\'s encodings (no RangeError for audio)',
});

describe('RTCRtpParameters-transactionId.html', () => {
  promise_test(async (t) => {
    const pc = new RTCPeerConnection();
    t.add_cleanup(() => pc.close());
    const { sender } = pc.addTransceiver('audio');
    await doOfferAnswerExchange(t, pc);

    const param1 = sender.getParameters();
    const param2 = sender.getParameters();

    validateSenderRtpParameters(param1);
    validateSenderRtpParameters(param2);

    assert_not_equals(param1.transactionId, param2.transactionId);
  }, `sender.getParameters() should return different transaction IDs for each call`);

  promise_test(async (t) => {
    const pc = new RTCPeerConnection();
    t.add_cleanup(() => pc.close());
    const { sender } = pc.addTransceiver('audio');
    await doOfferAnswerExchange(t, pc);

    const param = sender.getParameters();
    validateSenderRtpParameters(param);

    const { transactionId } = param;
    param.transactionId = `${transactionId}-modified`;

    return promise_rejects_dom(t, 'InvalidModificationError', sender.setParameters(param));
  }, `sender.setParameters() with transaction ID different from last getParameters() should reject with InvalidModificationError`);

  promise_test(async (t) => {
    const pc = new RTCPeerConnection();
    t.add_cleanup(() => pc.close());
    const { sender } = pc.addTransceiver('audio');
    await doOfferAnswerExchange(t, pc);

    const param = sender.getParameters();
    validateSenderRtpParameters(param);

    param.transactionId = undefined;

    return promise_rejects_js(t, TypeError, sender.setParameters(param));
  }, `sender.setParameters() with transaction ID unset should reject with TypeError`);

  promise_test(async (t) => {
    const pc = new RTCPeerConnection();
    t.add_cleanup(() => pc.close());
    const { sender } = pc.addTransceiver('audio');
    await doOfferAnswerExchange(t, pc);

    const param = sender.getParameters();
    validateSenderRtpParameters(param);

    await sender.setParameters(param);
    await promise_rejects_dom(t, 'InvalidStateError', sender.setParameters(param));
  }, `setParameters() twice with the same parameters should reject with InvalidStateError`);

  promise_test(async (t) => {
    const pc = new RTCPeerConnection();
    t.add_cleanup(() => pc.close());
    const { sender } = pc.addTransceiver('audio');
    await doOfferAnswerExchange(t, pc);

    const param1 = sender.getParameters();
    const param2 = sender.getParameters();

    validateSenderRtpParameters(param1);
    validateSenderRtpParameters(param2);

    assert_not_equals(param1.transactionId, param2.transactionId);

    return promise_rejects_dom(t, 'InvalidModificationError', sender.setParameters(param1));
  }, `setParameters() with parameters older than last getParameters() should reject with InvalidModificationError`);
});

describe('RTCRtpParameters-encodings.html', () => {
  promise_test(async (t) => {
    const pc = new RTCPeerConnection();
    t.add_cleanup(() => pc.close());
    const transceiver = pc.addTransceiver('audio');
    await doOfferAnswerExchange(t, pc);

    const param = transceiver.sender.getParameters();
    validateSenderRtpParameters(param);
    const encoding = getFirstEncoding(param);

    assert_equals(encoding.active, true);
  }, 'addTransceiver() with undefined sendEncodings should have default encoding parameter with active set to true');

  promise_test(async (t) => {
    const pc = new RTCPeerConnection();
    t.add_cleanup(() => pc.close());
    const transceiver = pc.addTransceiver('audio', { sendEncodings: [] });
    await doOfferAnswerExchange(t, pc);

    const param = transceiver.sender.getParameters();
    validateSenderRtpParameters(param);
    const encoding = getFirstEncoding(param);

    assert_equals(encoding.active, true);
  }, 'addTransceiver() with empty list sendEncodings should have default encoding parameter with active set to true');

  promise_test(async (t) => {
    const pc = new RTCPeerConnection();
    t.add_cleanup(() => pc.close());
    const { sender } = pc.addTransceiver('video', {
      sendEncodings: [
        {
          active: false,
          maxBitrate: 8,
          rid: 'foo',
        },
      ],
    });
    await doOfferAnswerExchange(t, pc);

    const param = sender.getParameters();
    validateSenderRtpParameters(param);
    const encoding = getFirstEncoding(param);

    assert_equals(encoding.active, false);
    assert_equals(encoding.maxBitrate, 8);
    assert_not_own_property(encoding, 'rid', 'rid should be removed with a single encoding');
  }, `sender.getParameters() should return sendEncodings set by addTransceiver()`);

  promise_test(async (t) => {
    const pc = new RTCPeerConnection();
    t.add_cleanup(() => pc.close());
    const { sender } = pc.addTransceiver('audio');
    await doOfferAnswerExchange(t, pc);

    const param = sender.getParameters();
    validateSenderRtpParameters(param);

    const { encodings } = param;
    assert_equals(encodings.length, 1);

    encodings.push({});
    assert_equals(param.encodings.length, 2);

    return promise_rejects_dom(t, 'InvalidModificationError', sender.setParameters(param));
  }, `sender.setParameters() with mismatch number of encodings should reject with InvalidModificationError`);

  promise_test(async (t) => {
    const pc = new RTCPeerConnection();
    t.add_cleanup(() => pc.close());
    const { sender } = pc.addTransceiver('audio');
    await doOfferAnswerExchange(t, pc);

    const param = sender.getParameters();
    validateSenderRtpParameters(param);

    param.encodings = undefined;

    return promise_rejects_js(t, TypeError, sender.setParameters(param));
  }, `sender.setParameters() with encodings unset should reject with TypeError`);

  promise_test(async (t) => {
    const pc = new RTCPeerConnection();
    t.add_cleanup(() => pc.close());
    const { sender } = pc.addTransceiver('video', {
      sendEncodings: [{ rid: 'foo' }, { rid: 'baz' }],
    });
    await doOfferAnswerExchange(t, pc);

    const param = sender.getParameters();
    validateSenderRtpParameters(param);
    const encoding = getFirstEncoding(param);

    assert_equals(encoding.rid, 'foo');

    encoding.rid = 'bar';
    return promise_rejects_dom(t, 'InvalidModificationError', sender.setParameters(param));
  }, `setParameters() with modified encoding.rid field should reject with InvalidModificationError`);

  promise_test(async (t) => {
    const pc = new RTCPeerConnection();
    t.add_cleanup(() => pc.close());
    const { sender } = pc.addTransceiver('audio');
    await doOfferAnswerExchange(t, pc);

    const param = sender.getParameters();
    validateSenderRtpParameters(param);
    const encoding = getFirstEncoding(param);

    encoding.scaleResolutionDownBy = 0.5;
    return promise_rejects_js(t, RangeError, sender.setParameters(param));
  }, `setParameters() with encoding.scaleResolutionDownBy field set to less than 1.0 should reject with RangeError`);

  promise_test(async (t) => {
    const pc = new RTCPeerConnection();
    t.add_cleanup(() => pc.close());
    const { sender } = pc.addTransceiver('video');
    await doOfferAnswerExchange(t, pc);

    const param = sender.getParameters();
    validateSenderRtpParameters(param);
    const encoding = getFirstEncoding(param);

    encoding.scaleResolutionDownBy = 1.5;
    await sender.setParameters(param);
    {
      const param = sender.getParameters();
      validateSenderRtpParameters(param);
      const encoding = getFirstEncoding(param);

      assert_approx_equals(encoding.scaleResolutionDownBy, 1.5, 0.01);
    }
  }, `setParameters() with encoding.scaleResolutionDownBy field set to greater than 1.0 should succeed`);

  test_modified_encoding(promise_test, 'audio', 'active', false, true, 'setParameters() with modified encoding.active should succeed');

  test_modified_encoding(
    promise_test,
    'audio',
    'maxBitrate',
    10000,
    20000,
    'setParameters() with modified encoding.maxBitrate should succeed',
  );

  test_modified_encoding(
    promise_test,
    'video',
    'scaleResolutionDownBy',
    2,
    4,
    'setParameters() with modified encoding.scaleResolutionDownBy should succeed',
  );
});

describe('RTCRtpParameters-codecs.html', () => {
  function getFirstCodec(param) {
    const { codecs } = param;
    assert_greater_than(codecs.length, 0);
    return codecs[0];
  }

  promise_test(async (t) => {
    const pc = new RTCPeerConnection();
    t.add_cleanup(() => pc.close());
    const { sender } = pc.addTransceiver('audio');
    await doOfferAnswerExchange(t, pc);

    const param = sender.getParameters();
    validateSenderRtpParameters(param);

    const codec = getFirstCodec(param);

    if (codec.payloadType === undefined) {
      codec.payloadType = 8;
    } else {
      codec.payloadType += 1;
    }

    return promise_rejects_dom(t, 'InvalidModificationError', sender.setParameters(param));
  }, 'setParameters() with codec.payloadType modified should reject with InvalidModificationError');

  promise_test(async (t) => {
    const pc = new RTCPeerConnection();
    t.add_cleanup(() => pc.close());
    const { sender } = pc.addTransceiver('audio');
    await doOfferAnswerExchange(t, pc);

    const param = sender.getParameters();
    validateSenderRtpParameters(param);

    const codec = getFirstCodec(param);

    if (codec.mimeType === undefined) {
      codec.mimeType = 'audio/piedpiper';
    } else {
      codec.mimeType = `${codec.mimeType}-modified`;
    }

    return promise_rejects_dom(t, 'InvalidModificationError', sender.setParameters(param));
  }, 'setParameters() with codec.mimeType modified should reject with InvalidModificationError');

  promise_test(async (t) => {
    const pc = new RTCPeerConnection();
    t.add_cleanup(() => pc.close());
    const { sender } = pc.addTransceiver('audio');
    await doOfferAnswerExchange(t, pc);

    const param = sender.getParameters();
    validateSenderRtpParameters(param);

    const codec = getFirstCodec(param);

    if (codec.clockRate === undefined) {
      codec.clockRate = 8000;
    } else {
      codec.clockRate += 1;
    }

    return promise_rejects_dom(t, 'InvalidModificationError', sender.setParameters(param));
  }, 'setParameters() with codec.clockRate modified should reject with InvalidModificationError');

  promise_test(async (t) => {
    const pc = new RTCPeerConnection();
    t.add_cleanup(() => pc.close());
    const { sender } = pc.addTransceiver('audio');
    await doOfferAnswerExchange(t, pc);

    const param = sender.getParameters();
    validateSenderRtpParameters(param);

    const codec = getFirstCodec(param);

    if (codec.channels === undefined) {
      codec.channels = 6;
    } else {
      codec.channels += 1;
    }

    return promise_rejects_dom(t, 'InvalidModificationError', sender.setParameters(param));
  }, 'setParameters() with codec.channels modified should reject with InvalidModificationError');

  promise_test(async (t) => {
    const pc = new RTCPeerConnection();
    t.add_cleanup(() => pc.close());
    const { sender } = pc.addTransceiver('audio');
    await doOfferAnswerExchange(t, pc);

    const param = sender.getParameters();
    validateSenderRtpParameters(param);

    const codec = getFirstCodec(param);

    if (codec.sdpFmtpLine === undefined) {
      codec.sdpFmtpLine = 'a=fmtp:98 0-15';
    } else {
      codec.sdpFmtpLine = `${codec.sdpFmtpLine};foo=1`;
    }

    return promise_rejects_dom(t, 'InvalidModificationError', sender.setParameters(param));
  }, 'setParameters() with codec.sdpFmtpLine modified should reject with InvalidModificationError');

  promise_test(async (t) => {
    const pc = new RTCPeerConnection();
    t.add_cleanup(() => pc.close());
    const { sender } = pc.addTransceiver('audio');
    await doOfferAnswerExchange(t, pc);

    const param = sender.getParameters();
    validateSenderRtpParameters(param);

    const { codecs } = param;

    codecs.push({
      payloadType: 2,
      mimeType: 'audio/piedpiper',
      clockRate: 1000,
      channels: 2,
    });

    return promise_rejects_dom(t, 'InvalidModificationError', sender.setParameters(param));
  }, 'setParameters() with new codecs inserted should reject with InvalidModificationError');
});

describe('RTCRtpParameters-headerExtensions.html', () => {
  promise_test((t) => {
    const pc = new RTCPeerConnection();
    t.add_cleanup(() => pc.close());
    const { sender } = pc.addTransceiver('audio');
    const param = sender.getParameters();
    validateSenderRtpParameters(param);

    param.headerExtensions = [
      {
        uri: 'non-existent.example.org',
        id: 404,
        encrypted: false,
      },
    ];

    return promise_rejects_dom(t, 'InvalidModificationError', sender.setParameters(param));
  }, `setParameters() with modified headerExtensions should reject with InvalidModificationError`);
});

describe('RTCRtpParameters-rtcp.html', () => {
  promise_test((t) => {
    const pc = new RTCPeerConnection();
    t.add_cleanup(() => pc.close());
    const { sender } = pc.addTransceiver('audio');
    const param = sender.getParameters();
    validateSenderRtpParameters(param);

    const { rtcp } = param;

    if (rtcp === undefined) {
      param.rtcp = { cname: 'foo' };
    } else if (rtcp.cname === undefined) {
      rtcp.cname = 'foo';
    } else {
      rtcp.cname = `${rtcp.cname}-modified`;
    }

    return promise_rejects_dom(t, 'InvalidModificationError', sender.setParameters(param));
  }, `setParameters() with modified rtcp.cname should reject with InvalidModificationError`);

  promise_test((t) => {
    const pc = new RTCPeerConnection();
    t.add_cleanup(() => pc.close());
    const { sender } = pc.addTransceiver('audio');
    const param = sender.getParameters();
    validateSenderRtpParameters(param);

    const { rtcp } = param;

    if (rtcp === undefined) {
      param.rtcp = { reducedSize: true };
    } else if (rtcp.reducedSize === undefined) {
      rtcp.reducedSize = true;
    } else {
      rtcp.reducedSize = !rtcp.reducedSize;
    }

    return promise_rejects_dom(t, 'InvalidModificationError', sender.setParameters(param));
  }, `setParameters() with modified rtcp.reducedSize should reject with InvalidModificationError`);
});

describe('RTCRtpSender-setParameters.html', () => {
  promise_test((t) => {
    const pc = new RTCPeerConnection();
    t.add_cleanup(() => pc.close());
    const transceiver = pc.addTransceiver('audio');
    const { sender } = transceiver;

    const param = sender.getParameters();
    transceiver.stop();

    return promise_rejects_dom(t, 'InvalidStateError', sender.setParameters(param));
  }, `setParameters() when transceiver is stopped should reject with InvalidStateError`);
});

describe('RTCRtpReceiver-getParameters.html', () => {
  promise_test(async (t) => {
    const pc = new RTCPeerConnection();
    t.add_cleanup(() => pc.close());
    pc.addTransceiver('audio');
    const callee = await doOfferAnswerExchange(t, pc);
    const param = callee.getTransceivers()[0].receiver.getParameters();
    validateReceiverRtpParameters(param);
    assert_greater_than(param.headerExtensions.length, 0);
    assert_greater_than(param.codecs.length, 0);
  }, 'getParameters() with audio receiver');

  promise_test(async (t) => {
    const pc = new RTCPeerConnection();
    t.add_cleanup(() => pc.close());
    pc.addTransceiver('video');
    const callee = await doOfferAnswerExchange(t, pc);
    const param = callee.getTransceivers()[0].receiver.getParameters();
    validateReceiverRtpParameters(param);
    assert_greater_than(param.headerExtensions.length, 0);
    assert_greater_than(param.codecs.length, 0);
  }, 'getParameters() with video receiver');

  promise_test(async (t) => {
    const pc = new RTCPeerConnection();
    t.add_cleanup(() => pc.close());
    pc.addTransceiver('video', {
      sendEncodings: [{ rid: 'rid1' }, { rid: 'rid2' }],
    });
    const callee = await doOfferAnswerExchange(t, pc);
    const param = callee.getTransceivers()[0].receiver.getParameters();
    validateReceiverRtpParameters(param);
    assert_greater_than(param.headerExtensions.length, 0);
    assert_greater_than(param.codecs.length, 0);
  }, 'getParameters() with simulcast video receiver');
});
