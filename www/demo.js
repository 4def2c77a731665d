// The demo: read the form, build a connection with our RTCPeerConnection, time createOffer().

const form = document.getElementById('controls');
const button = document.getElementById('create');
const status = document.getElementById('status');
const output = document.getElementById('offer');

function showStatus(text, isError = false) {
  status.textContent = text;
  status.classList.toggle('error', isError);
}

function readForm() {
  const data = new FormData(form);
  const checked = (name) => data.get(name) === 'on';
  const options = {
    iceRestart: checked('iceRestart'),
    voiceActivityDetection: checked('voiceActivityDetection'),
  };
  // Legacy options: only sent when ticked, since "false" also means something (no receiving).
  if (checked('offerToReceiveAudio')) options.offerToReceiveAudio = true;
  if (checked('offerToReceiveVideo')) options.offerToReceiveVideo = true;
  return {
    audio: data.get('audio'),
    video: data.get('video'),
    dataChannel: checked('dataChannel'),
    options,
  };
}

async function createOffer(RTCPeerConnection, isFirst) {
  const { audio, video, dataChannel, options } = readForm();
  const pc = new RTCPeerConnection();
  try {
    if (audio) pc.addTransceiver('audio', { direction: audio });
    if (video) pc.addTransceiver('video', { direction: video });
    if (dataChannel) pc.createDataChannel('demo');
    const start = performance.now();
    const offer = await pc.createOffer(options);
    const elapsed = performance.now() - start;
    output.textContent = offer.sdp;
    const note = isFirst ? ' (first call: may include waiting for the wasm module to load)' : '';
    showStatus(`createOffer took ${elapsed.toFixed(3)} ms${note}`);
  } finally {
    pc.close();
  }
}

document.getElementById('clock').textContent = self.crossOriginIsolated
  ? 'Cross-origin isolated: performance.now() has fine (5 µs) resolution.'
  : 'Not cross-origin isolated: performance.now() is coarse (100 µs); serve with `npm start`.';

try {
  // Imported by name: the page's native RTCPeerConnection stays as it is.
  const { RTCPeerConnection } = await import('../pkg/index.js');
  let isFirst = true;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    button.disabled = true;
    createOffer(RTCPeerConnection, isFirst)
      .catch((error) => showStatus(`${error.name}: ${error.message}`, true))
      .finally(() => {
        isFirst = false;
        button.disabled = false;
      });
  });
  button.disabled = false;
  showStatus('Ready.');
} catch (error) {
  showStatus(`Could not load ../pkg/index.js (${error.message}). Run \`npm start\` to build it.`, true);
}
