// The demo's answering part: a remote offer (pasted, or made by this browser's own RTCPeerConnection)
// applied to this package's RTCPeerConnection, our answer explained line by line, and Verify: the
// browser's connection that made the offer applies our answer.

import { renderDescription } from './render.js';

const $ = (id) => document.getElementById(id);
const textarea = $('remote-offer');
const nativeButton = $('native-offer');
const answerButton = $('answer-offer');
const verifyButton = $('answering-verify');
const status = $('answering-status');
const verdict = $('answering-verdict');

const NATIVE_CALLS = [
  "// This browser's own RTCPeerConnection makes the offer:",
  'const native = new window.RTCPeerConnection();',
  "native.addTransceiver('audio');",
  "native.addTransceiver('video');",
  "native.createDataChannel('demo');",
  'const offer = await native.createOffer();',
  'await native.setLocalDescription(offer);',
  '',
];
const ANSWER_CALLS = [
  "// This package's RTCPeerConnection answers it:",
  'const pc = new RTCPeerConnection();',
  "await pc.setRemoteDescription({ type: 'offer', sdp: offer.sdp });",
  'const answer = await pc.createAnswer();',
  'await pc.setLocalDescription(answer);',
];

/** This browser's own offer, while the text box shows it: {pc (in have-local-offer), sdp}. */
let native = null;
/** The answer on display, and the native connection it can be verified with (or null). */
let shown = null;

function showStatus(element, text, isError = false) {
  element.textContent = text;
  element.classList.toggle('error', isError);
}

/** A native connection with audio, video and data, its offer applied; the offer exactly as made. */
async function makeNativeOffer(NativeRTCPeerConnection) {
  const pc = new NativeRTCPeerConnection();
  try {
    pc.addTransceiver('audio');
    pc.addTransceiver('video');
    pc.createDataChannel('demo');
    const offer = await pc.createOffer();
    await pc.setLocalDescription(offer);
    return { pc, sdp: offer.sdp };
  } catch (error) {
    pc.close();
    throw error;
  }
}

/** Our answer to `sdp`, made and applied by a connection of this package's class. */
async function answerOffer(RTCPeerConnection, sdp) {
  const pc = new RTCPeerConnection();
  try {
    await pc.setRemoteDescription({ type: 'offer', sdp });
    const answer = await pc.createAnswer();
    await pc.setLocalDescription(answer);
    return { sdp: answer.sdp, signalingState: pc.signalingState };
  } finally {
    pc.close();
  }
}

function forgetNativeOffer() {
  native?.pc.close();
  native = null;
}

/** Shows `answer`; `made` is the native offer it answers, or null for a pasted one. */
function showAnswer(answer, made) {
  shown = { sdp: answer.sdp, native: made };
  $('answering-calls').textContent = [...(made === null ? [] : NATIVE_CALLS), ...ANSWER_CALLS].join('\n');
  renderDescription(answer.sdp, 'answer', { legend: $('answering-legend'), parts: $('our-answer') });
  $('our-answer-text').textContent = answer.sdp;
  $('answering-verify-note').textContent =
    made === null
      ? 'Verify needs this browser\'s own offer: only the connection that made an offer can apply its answer.'
      : "Verify applies our answer to the browser's connection that made the offer: native.setRemoteDescription(answer).";
  verdict.hidden = true;
  $('answering-result').hidden = false;
  const sections = answer.sdp.split('\r\n').filter((line) => line.startsWith('m=')).length;
  showStatus(
    status,
    `Answered: ${sections} m-section${sections === 1 ? '' : 's'}; our connection's signalingState is '${answer.signalingState}'.`,
  );
}

/** Answers `sdp` (`made`: the browser's own offer of it, or null) and shows the answer or the error. */
async function answer(RTCPeerConnection, sdp, made) {
  try {
    showAnswer(await answerOffer(RTCPeerConnection, sdp), made);
  } catch (error) {
    shown = null;
    $('answering-result').hidden = true;
    showStatus(status, `${error.name}: ${error.message}`, true);
  }
}

async function verify() {
  const { sdp, native: made } = shown;
  try {
    await made.pc.setRemoteDescription({ type: 'answer', sdp });
    verdict.textContent = `Verified: this browser's RTCPeerConnection applied our answer; its signalingState is '${made.pc.signalingState}'.`;
    verdict.className = 'ok';
  } catch (error) {
    verdict.textContent = `Not accepted: setRemoteDescription failed: ${error.name}: ${error.message}`;
    verdict.className = 'bad';
  }
  verdict.hidden = false;
}

/** Whether the shown answer can still be verified: the text box shows the offer, not yet answered. */
const verifiable = () =>
  shown?.native != null && shown.native === native && native.pc.signalingState === 'have-local-offer';

function refreshButtons(hasNative) {
  nativeButton.disabled = !hasNative;
  answerButton.disabled = false;
  verifyButton.disabled = !verifiable();
}

/** Runs `task` with the buttons disabled, then enables those that apply. */
function busy(task, hasNative) {
  return async () => {
    for (const button of [nativeButton, answerButton, verifyButton]) button.disabled = true;
    try {
      await task();
    } finally {
      refreshButtons(hasNative);
    }
  };
}

/**
 * Wires the part up: `RTCPeerConnection` is this package's class, `NativeRTCPeerConnection` the
 * browser's own (undefined without WebRTC: then only pasted offers can be answered).
 */
export function setUpAnswering(RTCPeerConnection, NativeRTCPeerConnection) {
  const hasNative = typeof NativeRTCPeerConnection === 'function';
  textarea.addEventListener('input', () => {
    forgetNativeOffer();
    refreshButtons(hasNative);
  });
  answerButton.addEventListener(
    'click',
    busy(() => answer(RTCPeerConnection, native?.sdp ?? textarea.value, native), hasNative),
  );
  nativeButton.addEventListener(
    'click',
    busy(async () => {
      forgetNativeOffer();
      try {
        native = await makeNativeOffer(NativeRTCPeerConnection);
      } catch (error) {
        shown = null;
        $('answering-result').hidden = true;
        showStatus(status, `This browser could not make an offer: ${error.name}: ${error.message}`, true);
        return;
      }
      textarea.value = native.sdp;
      await answer(RTCPeerConnection, native.sdp, native);
    }, hasNative),
  );
  verifyButton.addEventListener('click', busy(verify, hasNative));
  $('answering-explain').addEventListener('change', (event) => {
    $('our-answer').classList.toggle('hide-meanings', !event.target.checked);
  });
  $('native-offer-note').textContent = hasNative
    ? "The browser's own offer has an audio and a video transceiver and a data channel; its calls show below."
    : 'This browser has no native RTCPeerConnection: paste an offer instead.';
  refreshButtons(hasNative);
}
