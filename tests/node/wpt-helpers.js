// The WPT webrtc/ helper functions the wpt-*.test.js ports call, ported with their assertions
// unchanged (not a test file itself). From web-platform-tests/wpt as of commit
// a2b6dd730232ba1145cc2f27279bffa4c186bdc4: dictionary-helper.js (fe63a72221),
// RTCRtpParameters-helper.js (24221e0d28), RTCPeerConnection-helper.js (1960b5daf5).

import { MediaStream, RTCPeerConnection, RTCSessionDescription } from '../../pkg/index.js';
import { assert_equals, assert_false, assert_not_equals, assert_true } from './wpt-harness.js';

// dictionary-helper.js

export function assert_unsigned_int_field(object, field) {
  const num = object[field];
  assert_true(Number.isInteger(num) && num >= 0, `Expect dictionary.${field} to be unsigned integer`);
}

export function assert_string_field(object, field) {
  const str = object[field];
  assert_equals(typeof str, 'string', `Expect dictionary.${field} to be string`);
}

export function assert_number_field(object, field) {
  const num = object[field];
  assert_equals(typeof num, 'number', `Expect dictionary.${field} to be number`);
}

function assert_boolean_field(object, field) {
  const bool = object[field];
  assert_equals(typeof bool, 'boolean', `Expect dictionary.${field} to be boolean`);
}

function assert_array_field(object, field) {
  assert_true(Array.isArray(object[field]), `Expect dictionary.${field} to be array`);
}

function assert_dict_field(object, field) {
  assert_equals(typeof object[field], 'object', `Expect dictionary.${field} to be plain object`);
  assert_not_equals(object[field], null, `Expect dictionary.${field} to not be null`);
}

export function assert_optional_unsigned_int_field(object, field) {
  if (object[field] !== undefined) assert_unsigned_int_field(object, field);
}

function assert_optional_string_field(object, field) {
  if (object[field] !== undefined) assert_string_field(object, field);
}

function assert_optional_number_field(object, field) {
  if (object[field] !== undefined) assert_number_field(object, field);
}

function assert_optional_boolean_field(object, field) {
  if (object[field] !== undefined) assert_boolean_field(object, field);
}

// RTCRtpParameters-helper.js

export async function doOfferAnswerExchange(t, caller) {
  const callee = new RTCPeerConnection();
  t.add_cleanup(() => callee.close());
  const offer = await caller.createOffer();
  await caller.setLocalDescription(offer);
  await callee.setRemoteDescription(offer);
  const answer = await callee.createAnswer();
  await callee.setLocalDescription(answer);
  await caller.setRemoteDescription(answer);

  return callee;
}

export function validateSenderRtpParameters(param) {
  validateRtpParameters(param);

  assert_array_field(param, 'encodings');
  for (const encoding of param.encodings) {
    validateEncodingParameters(encoding);
  }

  assert_not_equals(param.transactionId, undefined, 'Expect sender param.transactionId to be set');

  assert_not_equals(param.rtcp.cname, undefined, 'Expect sender param.rtcp.cname to be set');

  assert_not_equals(
    param.rtcp.reducedSize,
    undefined,
    'Expect sender param.rtcp.reducedSize to be set to either true or false',
  );
}

export function validateReceiverRtpParameters(param) {
  validateRtpParameters(param);

  assert_equals(param.transactionId, undefined, 'Expect receiver param.transactionId to be unset');

  assert_not_equals(param.rtcp.reducedSize, undefined, 'Expect receiver param.rtcp.reducedSize to be set');

  assert_equals(param.rtcp.cname, undefined, 'Expect receiver param.rtcp.cname to be unset');
}

function validateRtpParameters(param) {
  assert_optional_string_field(param, 'transactionId');

  assert_array_field(param, 'headerExtensions');
  for (const headerExt of param.headerExtensions) {
    validateHeaderExtensionParameters(headerExt);
  }

  assert_dict_field(param, 'rtcp');
  validateRtcpParameters(param.rtcp);

  assert_array_field(param, 'codecs');
  for (const codec of param.codecs) {
    validateCodecParameters(codec);
  }
}

function validateEncodingParameters(encoding) {
  assert_optional_boolean_field(encoding, 'active');
  assert_optional_unsigned_int_field(encoding, 'maxBitrate');

  assert_optional_string_field(encoding, 'rid');
  assert_optional_number_field(encoding, 'scaleResolutionDownBy');
}

function validateRtcpParameters(rtcp) {
  assert_optional_string_field(rtcp, 'cname');
  assert_optional_boolean_field(rtcp, 'reducedSize');
}

function validateHeaderExtensionParameters(headerExt) {
  assert_optional_string_field(headerExt, 'uri');
  assert_optional_unsigned_int_field(headerExt, 'id');
  assert_optional_boolean_field(headerExt, 'encrypted');
}

function validateCodecParameters(codec) {
  assert_optional_unsigned_int_field(codec, 'payloadType');
  assert_optional_string_field(codec, 'mimeType');
  assert_optional_unsigned_int_field(codec, 'clockRate');
  assert_optional_unsigned_int_field(codec, 'channels');
  assert_optional_string_field(codec, 'sdpFmtpLine');
}

export function getFirstEncoding(param) {
  const { encodings } = param;
  assert_equals(encodings.length, 1);
  return encodings[0];
}

/** Registers WPT's two tests of `field` through `promise_test` (the caller's, with its todos). */
export function test_modified_encoding(promise_test, kind, field, value1, value2, desc) {
  promise_test(async (t) => {
    const pc = new RTCPeerConnection();
    t.add_cleanup(() => pc.close());
    const { sender } = pc.addTransceiver(kind, {
      sendEncodings: [
        {
          [field]: value1,
        },
      ],
    });
    await doOfferAnswerExchange(t, pc);

    const param1 = sender.getParameters();
    validateSenderRtpParameters(param1);
    const encoding1 = getFirstEncoding(param1);

    assert_equals(encoding1[field], value1);
    encoding1[field] = value2;

    await sender.setParameters(param1);
    const param2 = sender.getParameters();
    validateSenderRtpParameters(param2);
    const encoding2 = getFirstEncoding(param2);
    assert_equals(encoding2[field], value2);
  }, `${desc} with RTCRtpTransceiverInit`);

  promise_test(async (t) => {
    const pc = new RTCPeerConnection();
    t.add_cleanup(() => pc.close());
    const { sender } = pc.addTransceiver(kind);
    await doOfferAnswerExchange(t, pc);

    const initParam = sender.getParameters();
    validateSenderRtpParameters(initParam);
    initParam.encodings[0][field] = value1;
    await sender.setParameters(initParam);

    const param1 = sender.getParameters();
    validateSenderRtpParameters(param1);
    const encoding1 = getFirstEncoding(param1);

    assert_equals(encoding1[field], value1);
    encoding1[field] = value2;

    await sender.setParameters(param1);
    const param2 = sender.getParameters();
    validateSenderRtpParameters(param2);
    const encoding2 = getFirstEncoding(param2);
    assert_equals(encoding2[field], value2);
  }, `${desc} without RTCRtpTransceiverInit`);
}

// RTCPeerConnection-helper.js

const audioLineRegex = /\r\nm=audio.+\r\n/g;
const videoLineRegex = /\r\nm=video.+\r\n/g;
const applicationLineRegex = /\r\nm=application.+\r\n/g;

function countLine(sdp, regex) {
  const matches = sdp.match(regex);
  if (matches === null) {
    return 0;
  } else {
    return matches.length;
  }
}

export function countAudioLine(sdp) {
  return countLine(sdp, audioLineRegex);
}

export function countVideoLine(sdp) {
  return countLine(sdp, videoLineRegex);
}

export function countApplicationLine(sdp) {
  return countLine(sdp, applicationLineRegex);
}

function similarMediaDescriptions(sdp1, sdp2) {
  if (sdp1 === sdp2) {
    return true;
  } else if (
    countAudioLine(sdp1) !== countAudioLine(sdp2) ||
    countVideoLine(sdp1) !== countVideoLine(sdp2) ||
    countApplicationLine(sdp1) !== countApplicationLine(sdp2)
  ) {
    return false;
  } else {
    return true;
  }
}

// Assert that given object is either an
// RTCSessionDescription or RTCSessionDescriptionInit
export function assert_is_session_description(sessionDesc) {
  if (sessionDesc instanceof RTCSessionDescription) {
    return;
  }

  assert_not_equals(sessionDesc, undefined, 'Expect session description to be defined');

  assert_true(typeof sessionDesc === 'object', 'Expect sessionDescription to be either a RTCSessionDescription or an object');

  assert_true(typeof sessionDesc.type === 'string', 'Expect sessionDescription.type to be a string');

  assert_true(typeof sessionDesc.sdp === 'string', 'Expect sessionDescription.sdp to be a string');
}

function isSimilarSessionDescription(sessionDesc1, sessionDesc2) {
  assert_is_session_description(sessionDesc1);
  assert_is_session_description(sessionDesc2);

  if (sessionDesc1.type !== sessionDesc2.type) {
    return false;
  } else {
    return similarMediaDescriptions(sessionDesc1.sdp, sessionDesc2.sdp);
  }
}

export function assert_session_desc_similar(sessionDesc1, sessionDesc2) {
  assert_true(
    isSimilarSessionDescription(sessionDesc1, sessionDesc2),
    'Expect both session descriptions to have the same count of media lines',
  );
}

export function assert_session_desc_not_similar(sessionDesc1, sessionDesc2) {
  assert_false(
    isSimilarSessionDescription(sessionDesc1, sessionDesc2),
    'Expect both session descriptions to have different count of media lines',
  );
}

export async function generateDataChannelOffer(pc) {
  pc.createDataChannel('test');
  const offer = await pc.createOffer();
  assert_equals(countApplicationLine(offer.sdp), 1, 'Expect m=application line to be present in generated SDP');
  return offer;
}

export async function generateAudioReceiveOnlyOffer(pc) {
  try {
    pc.addTransceiver('audio', { direction: 'recvonly' });
    return pc.createOffer();
  } catch {
    return pc.createOffer({ offerToReceiveAudio: true });
  }
}

export async function generateVideoReceiveOnlyOffer(pc) {
  try {
    pc.addTransceiver('video', { direction: 'recvonly' });
    return pc.createOffer();
  } catch {
    return pc.createOffer({ offerToReceiveVideo: true });
  }
}

// Helper function to generate answer based on given offer using a freshly
// created RTCPeerConnection object
export async function generateAnswer(offer) {
  const pc = new RTCPeerConnection();
  await pc.setRemoteDescription(offer);
  const answer = await pc.createAnswer();
  pc.close();
  return answer;
}

// Helper function to generate offer using a freshly
// created RTCPeerConnection object
export async function generateOffer() {
  const pc = new RTCPeerConnection();
  const offer = await pc.createOffer();
  pc.close();
  return offer;
}

// Run a test function that return a promise that should
// never be resolved. For lack of better options,
// we wait for a time out and pass the test if the
// promise doesn't resolve within that time.
// (`test` is the harness's, passed in so that its todos apply.)
export function test_never_resolve(test, testFunc, testName) {
  test(
    (t) =>
      new Promise((resolve, reject) => {
        testFunc(t).then(
          (result) => reject(new Error(`Pending promise should never be resolved. Instead it is fulfilled with: ${result}`)),
          (err) => reject(new Error(`Pending promise should never be resolved. Instead it is rejected with: ${err}`)),
        );
        setTimeout(resolve, 100);
      }),
    testName,
  );
}

// Returns a promise that resolves when a |name| event is fired.
export function waitUntilEvent(obj, name) {
  return new Promise((r) => obj.addEventListener(name, r, { once: true }));
}

export async function waitForIceGatheringState(pc, wantedStates) {
  while (!wantedStates.includes(pc.iceGatheringState)) {
    await waitUntilEvent(pc, 'icegatheringstatechange');
  }
}

// Performs an offer exchange caller -> callee.
export async function exchangeOffer(caller, callee) {
  await caller.setLocalDescription(await caller.createOffer());
  await callee.setRemoteDescription(caller.localDescription);
}
// Performs an answer exchange caller -> callee.
export async function exchangeAnswer(caller, callee) {
  // Note that caller's remote description must be set first; if not,
  // there's a chance that candidates from callee arrive at caller before
  // it has a remote description to apply them to.
  const answer = await callee.createAnswer();
  await caller.setRemoteDescription(answer);
  await callee.setLocalDescription(answer);
}
export async function exchangeOfferAnswer(caller, callee) {
  await exchangeOffer(caller, callee);
  await exchangeAnswer(caller, callee);
}

// The returned promise is resolved with caller's ontrack event.
export async function exchangeAnswerAndListenToOntrack(t, caller, callee) {
  const ontrackPromise = addEventListenerPromise(t, caller, 'track');
  await exchangeAnswer(caller, callee);
  return ontrackPromise;
}
// The returned promise is resolved with callee's ontrack event.
export async function exchangeOfferAndListenToOntrack(t, caller, callee) {
  const ontrackPromise = addEventListenerPromise(t, callee, 'track');
  await exchangeOffer(caller, callee);
  return ontrackPromise;
}

export function addEventListenerPromise(t, obj, type, listener) {
  if (!listener) {
    return waitUntilEvent(obj, type);
  }
  return new Promise((r) => obj.addEventListener(type, t.step_func((e) => r(listener(e))), { once: true }));
}

// Helper function to exchange ice candidates between
// two local peer connections
export function exchangeIceCandidates(pc1, pc2) {
  // private function
  function doExchange(localPc, remotePc) {
    localPc.addEventListener('icecandidate', (event) => {
      const { candidate } = event;

      // Guard against already closed peerconnection to
      // avoid unrelated exceptions.
      if (remotePc.signalingState !== 'closed') {
        remotePc.addIceCandidate(candidate);
      }
    });
  }

  doExchange(pc1, pc2);
  doExchange(pc2, pc1);
}

export function createPeerConnectionWithCleanup(t) {
  const pc = new RTCPeerConnection();
  t.add_cleanup(() => pc.close());
  return pc;
}

/**
 * getNoiseStream without media: a MediaStream of this package's tracks (clones of a scratch
 * connection's receiver tracks, live and independent of it), one per kind asked for.
 */
export async function getNoiseStream(caps = {}) {
  const scratch = new RTCPeerConnection();
  const tracks = ['audio', 'video']
    .filter((kind) => caps[kind])
    .map((kind) => scratch.addTransceiver(kind).receiver.track.clone());
  scratch.close();
  return new MediaStream(tracks);
}

// Return Promise of pair of track and associated mediaStream.
export function getTrackFromUserMedia(kind) {
  return getNoiseStream({ [kind]: true }).then((mediaStream) => {
    const [track] = mediaStream.getTracks();
    return [track, mediaStream];
  });
}

export async function createTrackAndStreamWithCleanup(t, kind = 'audio') {
  let constraints = {};
  constraints[kind] = true;
  const stream = await getNoiseStream(constraints);
  const [track] = stream.getTracks();
  t.add_cleanup(() => track.stop());
  return [track, stream];
}

export function findTransceiverForSender(pc, sender) {
  const transceivers = pc.getTransceivers();
  for (let i = 0; i < transceivers.length; ++i) {
    if (transceivers[i].sender == sender) return transceivers[i];
  }
  return null;
}
