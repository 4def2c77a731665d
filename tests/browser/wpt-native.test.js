// The WPT ports (tests/node/wpt-*.test.js) on Chromium's own RTCPeerConnection: pages/wpt-native.html
// maps /pkg/index.js to Chromium's classes (pages/shims/native-webrtc.js), so every port runs
// unchanged against the browser this package stands in for. What Chromium 156 fails is listed
// below by name: where a port marks a test todo "as Chromium does", this shows Chromium failing it
// too, and where ours passes a test Chromium fails, that is a deviation from Chromium in WPT's (and
// webrtc-pc's) favour. A change either way fails this test.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowser } from './harness.js';

const CHROMIUM_FAILS = {
  'wpt-addicecandidate.test.js': [
    // README Decisions, addIceCandidate(): Chromium writes no a=end-of-candidates.
    'addIceCandidate({"candidate":"","sdpMid":null,"sdpMLineIndex":null}) adds a=end-of-candidates to both m-sections',
    'addIceCandidate(undefined) adds a=end-of-candidates to both m-sections',
    'addIceCandidate(null) adds a=end-of-candidates to both m-sections',
    'addIceCandidate({}) adds a=end-of-candidates to both m-sections',
    'addIceCandidate({}) in stable should work, and add a=end-of-candidates to both m-sections',
    'addIceCandidate({usernameFragment: usernameFragment1, sdpMid: sdpMid1}) should work, and add a=end-of-candidates to the first m-section',
    'addIceCandidate({usernameFragment: usernameFragment2, sdpMLineIndex: 1}) should work, and add a=end-of-candidates to the first m-section',
    'Add with empty candidate string (end of candidates) should succeed',
    // Chromium resolves without checking the ufrag; ours rejects, as webrtc-pc says.
    'addIceCandidate({usernameFragment: "no such ufrag"}) should not work',
    'Add candidate with invalid usernameFragment should reject with OperationError',
    'Add candidate with sdpMid belonging to different usernameFragment should reject with OperationError',
  ],
  'wpt-icecandidate-constructor.test.js': [],
  'wpt-rtpparameters.test.js': [
    // An audio sender drops scaleResolutionDownBy (webrtc-pc), in Chromium as in ours.
    'RTCRtpParameters-encodings.html > setParameters() with encoding.scaleResolutionDownBy field set to less than 1.0 should reject with RangeError',
    'RTCRtpReceiver-getParameters.html > getParameters() with simulcast video receiver',
  ],
  'wpt-transceiver-stop.test.js': [],
  'wpt-transceiver-direction.test.js': [],
  'wpt-setremotedescription-offer.test.js': [
    'setRemoteDescription(offer) with invalid SDP should reject with RTCError',
    // Chromium sets the remote offer before the implicit rollback's event; ours a task later.
    'setRemoteDescription(offer) from have-local-offer fires signalingstatechange twice',
    'setRemoteDescription(offer) in have-local-offer should update internal state with a queued task, in the right order',
    'Naive rollback approach is not glare-proof (control)',
  ],
  'wpt-setlocaldescription-answer.test.js': [
    'Calling setLocalDescription(answer) from stable state should reject with InvalidModificationError',
    'Calling setLocalDescription(answer) from have-local-offer state should reject with InvalidModificationError',
  ],
  'wpt-createanswer.test.js': [],
  'wpt-createoffer.test.js': [
    // Chromium's offer misses the transceiver added while createOffer() waits; ours has it.
    'When media stream is added when createOffer() is running in parallel, the result offer should contain the new media stream',
  ],
  'wpt-setremotedescription.test.js': [
    // Chromium parses the SDP before it checks the signaling state (OperationError).
    'setRemoteDescription() with invalid SDP and stable state should reject with InvalidStateError',
  ],
  'wpt-setremotedescription-answer.test.js': [],
  'wpt-setremotedescription-rollback.test.js': [],
  'wpt-pranswer.test.js': [],
  'wpt-addtransceiver.test.js': [],
  'wpt-addtrack.test.js': [],
  'wpt-removetrack.test.js': [],
  'wpt-transceivers.test.js': ['Closing the PC stops the transceivers'],
  'wpt-onnegotiationneeded.test.js': [],
  'wpt-createdatachannel.test.js': [
    // binaryType starts as "arraybuffer" (webrtc-pc now), in Chromium as in ours.
    'createDataChannel attribute default values',
    'createDataChannel with provided parameters should initialize attributes to provided values',
    // Chromium gives ids once SCTP is up (README Decisions, data channel ids); ours at the answer.
    'Channels created (after setRemoteDescription) should have id assigned',
    'Reusing a data channel id that is in use (after setRemoteDescription, negotiated via DCEP) should throw OperationError',
  ],
  'wpt-setdescription-transceiver.test.js': [],
  'wpt-setlocaldescription-offer.test.js': [],
  'wpt-setlocaldescription-rollback.test.js': [],
  'wpt-getstats.test.js': [],
  'wpt-sctptransport.test.js': [],
  'wpt-dtlstransport.test.js': [],
};

/** Tests that cannot finish on Chromium, by full name, and why (the page's runner skips them). */
const SKIPS = {
  'wpt-setremotedescription-offer.test.js': {
    'setRemoteDescription(invalidOffer) from have-local-offer does not undo rollback':
      'Chromium rejects the offer without rolling back: the test waits for an event that never fires',
  },
};

let env;

before(async () => {
  env = await startBrowser();
});

after(async () => {
  await env?.close();
});

/** The tests of a result tree ('suite > test' names) that failed, todo or not. */
function failures(results, prefix = []) {
  return results.flatMap((result) => {
    const path = [...prefix, result.name];
    if (result.kind === 'suite') return failures(result.children, path);
    return result.error ? [path.join(' > ')] : [];
  });
}

for (const [file, expected] of Object.entries(CHROMIUM_FAILS)) {
  test(`tests/node/${file} on Chromium's own RTCPeerConnection`, async () => {
    const page = await env.openPage('/tests/browser/pages/wpt-native.html');
    const outcome = await page.evaluate(([path, skips]) => window.runNodeTestFile(path, skips), [
      `/tests/node/${file}`,
      SKIPS[file] ?? {},
    ]);
    await page.close();
    if (outcome.importError) assert.fail(`importing tests/node/${file} in the page: ${outcome.importError}`);
    assert.deepEqual(outcome.unusedSkips, []);
    assert.equal(outcome.rootError, null);
    assert.deepEqual(failures(outcome.results).sort(), [...expected].sort());
  });
}
