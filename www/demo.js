// The demo: read the form, make the calls on this package's RTCPeerConnection, show the offer
// explained line by line, copy it, and let the browser's own WebRTC answer it. The part that answers
// remote offers is answering.js, the timing panel timing.js, the bytes each path loads bytes.js.

import { setUpAnswering } from './answering.js';
import { showBytes } from './bytes.js';
import { explainSdp } from './explain.js';
import { renderDescription } from './render.js';
import { startTiming, timeOffers } from './timing.js';

// The page's own class, if any: the demo never replaces it, it only answers our offers with it and
// makes offers for ours to answer.
const NativeRTCPeerConnection = globalThis.RTCPeerConnection;

const $ = (id) => document.getElementById(id);
const form = $('controls');
const createButton = $('create');
const copyButton = $('copy');
const verifyButton = $('verify');
const status = $('status');
const copyStatus = $('copy-status');
const copyFallback = $('copy-fallback');

/** The offer on display, exactly as createOffer() returned it. */
let shownSdp = null;
/** Counts offers made: the timing panel measures for the newest only. */
let offersMade = 0;

function showStatus(element, text, isError = false) {
  element.textContent = text;
  element.classList.toggle('error', isError);
}

// ---------------------------------------------------------------------------------------------
// From the form to the calls

function readForm() {
  const data = new FormData(form);
  const tristate = (name) => ({ '': undefined, true: true, false: false })[data.get(name)];
  return {
    audioCount: Number(data.get('audioCount')),
    audioDirection: data.get('audioDirection'),
    videoCount: Number(data.get('videoCount')),
    videoDirection: data.get('videoDirection'),
    rids: data.get('rids').split(/[\s,]+/).filter((rid) => rid !== ''),
    audioTracks: Number(data.get('audioTracks')),
    videoTracks: Number(data.get('videoTracks')),
    streamId: data.get('streamId').trim(),
    bundlePolicy: data.get('bundlePolicy'),
    dataChannel: data.get('dataChannel') === 'on',
    iceRestart: data.get('iceRestart') === 'on',
    voiceActivityDetection: data.get('voiceActivityDetection') === 'on',
    offerToReceiveAudio: tristate('offerToReceiveAudio'),
    offerToReceiveVideo: tristate('offerToReceiveVideo'),
  };
}

/** A value as JavaScript source, for showing the calls. */
function literal(value) {
  if (typeof value === 'string') return `'${value.replace(/[\\']/g, '\\$&')}'`;
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  if (typeof value === 'object') {
    const members = Object.entries(value).map(([key, member]) => `${key}: ${literal(member)}`);
    return members.length === 0 ? '{}' : `{ ${members.join(', ')} }`;
  }
  return String(value);
}

/**
 * What to do for the form's values: the configuration, the calls (each with the source it shows)
 * and the RTCOfferOptions. Showing and running come from the same values, so they cannot differ.
 * Each call runs as run(pc, as): `as` maps the stand-in tracks and stream to what `pc` takes.
 */
function planFor(values) {
  const configuration = { bundlePolicy: values.bundlePolicy };
  const options = { iceRestart: values.iceRestart, voiceActivityDetection: values.voiceActivityDetection };
  // The legacy options only when chosen: absent, true and false all mean different things.
  if (values.offerToReceiveAudio !== undefined) options.offerToReceiveAudio = values.offerToReceiveAudio;
  if (values.offerToReceiveVideo !== undefined) options.offerToReceiveVideo = values.offerToReceiveVideo;

  const source = [`const pc = new RTCPeerConnection(${literal(configuration)});`];
  const calls = [];
  const call = (code, run) => {
    source.push(code);
    calls.push(run);
  };

  const tracks = [
    ...Array.from({ length: values.audioTracks }, (_, i) => ({ kind: 'audio', id: `audio-${i + 1}` })),
    ...Array.from({ length: values.videoTracks }, (_, i) => ({ kind: 'video', id: `video-${i + 1}` })),
  ];
  if (tracks.length > 0) {
    source.push('// {kind, id} objects stand in for MediaStreamTracks, {id} for a MediaStream.');
    const stream = values.streamId === '' ? null : { id: values.streamId };
    if (stream !== null) source.push(`const stream = ${literal(stream)};`);
    for (const track of tracks) {
      if (stream === null) call(`pc.addTrack(${literal(track)});`, (pc, as) => pc.addTrack(as(track)));
      else call(`pc.addTrack(${literal(track)}, stream);`, (pc, as) => pc.addTrack(as(track), as(stream)));
    }
  }

  const audioInit = { direction: values.audioDirection };
  const videoInit = { direction: values.videoDirection };
  if (values.rids.length > 0) videoInit.sendEncodings = values.rids.map((rid) => ({ rid }));
  for (const [kind, count, init] of [
    ['audio', values.audioCount, audioInit],
    ['video', values.videoCount, videoInit],
  ]) {
    for (let i = 0; i < count; i += 1) {
      call(`pc.addTransceiver('${kind}', ${literal(init)});`, (pc) => pc.addTransceiver(kind, init));
    }
  }
  if (values.dataChannel) call("pc.createDataChannel('demo');", (pc) => pc.createDataChannel('demo'));

  source.push(`const offer = await pc.createOffer(${literal(options)});`);
  return { configuration, calls, options, source: source.join('\n') };
}

/** A connection set up by the plan's calls, and its first offer, timed: { pc, sdp, firstMs }. */
async function makeOffer(RTCPeerConnection, plan, as = (standIn) => standIn) {
  const pc = new RTCPeerConnection(plan.configuration);
  try {
    for (const run of plan.calls) run(pc, as);
    const start = performance.now();
    const offer = await pc.createOffer(plan.options);
    return { pc, sdp: offer.sdp, firstMs: performance.now() - start };
  } catch (error) {
    pc.close();
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// Showing the offer

function showResult(plan, { sdp, firstMs }) {
  $('calls').textContent = plan.source;
  startTiming(firstMs);
  renderDescription(sdp, 'offer', { legend: $('legend'), parts: $('offer') });
  $('offer-text').textContent = sdp;
  shownSdp = sdp;
  $('verification').hidden = true;
  copyFallback.hidden = true;
  showStatus(copyStatus, '');
  verifyButton.disabled = typeof NativeRTCPeerConnection !== 'function';
  $('result').hidden = false;
  const sections = sdp.split('\r\n').filter((line) => line.startsWith('m=')).length;
  showStatus(status, `Offer created: ${sections} m-section${sections === 1 ? '' : 's'}, ${sdp.length} characters.`);
}

// ---------------------------------------------------------------------------------------------
// Copy

/** Copies with a 'copy' event: unlike a text field, it keeps the CRLF line ends. */
function copyWithCommand(text) {
  let copied = false;
  const onCopy = (event) => {
    event.clipboardData.setData('text/plain', text);
    event.preventDefault();
    copied = true;
  };
  document.addEventListener('copy', onCopy);
  try {
    document.execCommand('copy');
  } finally {
    document.removeEventListener('copy', onCopy);
  }
  return copied;
}

async function copyOffer() {
  const lines = `${shownSdp.split('\r\n').length - 1} lines, CRLF line ends`;
  try {
    // Throws without a Clipboard API (insecure contexts); rejects when the page may not write.
    await navigator.clipboard.writeText(shownSdp);
    showStatus(copyStatus, `Copied (${lines}).`);
    return;
  } catch {
    // Tried next: the older execCommand route, then copying by hand.
  }
  if (copyWithCommand(shownSdp)) {
    showStatus(copyStatus, `Copied with the execCommand fallback (${lines}).`);
    return;
  }
  copyFallback.value = shownSdp;
  copyFallback.hidden = false;
  copyFallback.select();
  showStatus(
    copyStatus,
    'This browser did not let the page copy: the SDP is selected below, press Ctrl+C (a text box turns CRLF into LF).',
    true,
  );
}

// ---------------------------------------------------------------------------------------------
// Verify with the native RTCPeerConnection

/** Answers `sdp` with a fresh native connection; the step that threw, if one did. */
async function answerWithNative(sdp) {
  let pc = null;
  let step = 'new RTCPeerConnection()';
  try {
    pc = new NativeRTCPeerConnection();
    step = 'setRemoteDescription';
    await pc.setRemoteDescription({ type: 'offer', sdp });
    step = 'createAnswer';
    const answer = await pc.createAnswer();
    step = 'setLocalDescription';
    await pc.setLocalDescription(answer);
    return { answer: answer.sdp };
  } catch (error) {
    return { step, error };
  } finally {
    pc?.close();
  }
}

function verdictFor(offer, answer) {
  const offered = explainSdp(offer).slice(1);
  const answered = explainSdp(answer).slice(1);
  if (answered.length !== offered.length) {
    const counts = `${answered.length} m-lines for the offer's ${offered.length}`;
    return { ok: false, text: `Not accepted: the answer has ${counts}.` };
  }
  const rejected = answered
    .map((part, index) => ({ ...part, index }))
    .filter((part) => part.port === 0)
    .map((part) => `m-line ${part.index} (${part.kind}, mid ${part.mid})`);
  if (rejected.length > 0) {
    return { ok: false, text: `Not accepted: the answer rejects (port 0) ${rejected.join(', ')}.` };
  }
  if (offered.length === 0) {
    return { ok: true, text: 'Accepted: the offer has no m-sections, and the answer has none either.' };
  }
  const all = offered.length === 1 ? 'its only m-section' : `all ${offered.length} m-sections`;
  return { ok: true, text: `Accepted: this browser's RTCPeerConnection answered ${all}.` };
}

async function verifyOffer() {
  const sdp = shownSdp;
  const result = await answerWithNative(sdp);
  // A newer offer replaced this one meanwhile: this verdict is not about what is shown.
  if (sdp !== shownSdp) return;
  const verdict = $('verdict');
  const answerPart = $('answer-part');
  if (result.error !== undefined) {
    verdict.textContent = `Not accepted: ${result.step} failed: ${result.error.name}: ${result.error.message}`;
    verdict.className = 'bad';
    answerPart.hidden = true;
  } else {
    const { ok, text } = verdictFor(sdp, result.answer);
    verdict.textContent = text;
    verdict.className = ok ? 'ok' : 'bad';
    const mLines = result.answer.split('\r\n').filter((line) => line.startsWith('m=')).length;
    $('answer-facts').textContent = `${mLines} m-lines, ${result.answer.split('\r\n').length - 1} lines`;
    $('answer').textContent = result.answer;
    answerPart.hidden = false;
  }
  $('verification').hidden = false;
}

// ---------------------------------------------------------------------------------------------
// Wiring

/** Runs `task` with `button` disabled; a thrown error shows in `statusElement`. */
function onClick(button, statusElement, task) {
  button.addEventListener('click', () => {
    button.disabled = true;
    task()
      .catch((error) => showStatus(statusElement, `${error.name}: ${error.message}`, true))
      .finally(() => {
        button.disabled = false;
      });
  });
}

$('clock').textContent = self.crossOriginIsolated
  ? 'Cross-origin isolated: performance.now() has 5 µs resolution.'
  : 'Not cross-origin isolated: performance.now() is coarse (100 µs); serve with `npm start`.';
$('verify-note').textContent =
  typeof NativeRTCPeerConnection === 'function'
    ? "Verify answers the offer with this browser's own RTCPeerConnection: setRemoteDescription, createAnswer, setLocalDescription."
    : 'This browser has no native RTCPeerConnection to verify the offer with.';
$('explain').addEventListener('change', (event) => {
  $('offer').classList.toggle('hide-meanings', !event.target.checked);
});
onClick(copyButton, copyStatus, copyOffer);
onClick(verifyButton, copyStatus, verifyOffer);
showBytes();

try {
  // Imported by name: the page's native RTCPeerConnection stays as it is.
  const { RTCPeerConnection } = await import('../pkg/index.js');
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    createButton.disabled = true;
    const plan = planFor(readForm());
    const offer = (offersMade += 1);
    makeOffer(RTCPeerConnection, plan)
      .then((made) => {
        showResult(plan, made);
        // In the background: a newer offer stops it.
        timeOffers({
          ours: made,
          connect: (NativeClass, as) => makeOffer(NativeClass, plan, as),
          NativeRTCPeerConnection,
          options: plan.options,
          isCurrent: () => offer === offersMade,
        });
      })
      .catch((error) => {
        $('result').hidden = true;
        showStatus(status, `${error.name}: ${error.message}`, true);
      })
      .finally(() => {
        createButton.disabled = false;
      });
  });
  createButton.disabled = false;
  setUpAnswering(RTCPeerConnection, NativeRTCPeerConnection);
  showStatus(status, 'Ready.');
} catch (error) {
  showStatus(status, `Could not load ../pkg/index.js (${error.message}). Run \`npm start\` to build it.`, true);
}
