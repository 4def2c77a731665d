// Benchmarks run inside Chromium by scripts/bench.mjs: our classes against the native ones,
// interleaved in rounds so that both see the same machine state.
import * as ours from '../../pkg/rtc-offer-polyfill.js';

const native = {
  RTCPeerConnection: window.RTCPeerConnection,
};

/** The connection shapes measured, applied to a fresh connection of either implementation. */
export const SHAPES = {
  'audio+video+data': (pc) => {
    pc.addTransceiver('audio');
    pc.addTransceiver('video');
    pc.createDataChannel('data');
  },
  'data only': (pc) => {
    pc.createDataChannel('data');
  },
  '8 audio + 8 video': (pc) => {
    for (let i = 0; i < 8; i++) pc.addTransceiver('audio');
    for (let i = 0; i < 8; i++) pc.addTransceiver('video');
  },
};

function impl(name) {
  return name === 'ours' ? ours : native;
}

/** Times `iterations` repeated createOffer() calls on one connection; returns ms per call. */
async function repeatedOffers(name, shape, iterations) {
  const pc = new (impl(name).RTCPeerConnection)();
  SHAPES[shape](pc);
  for (let i = 0; i < 5; i++) await pc.createOffer();
  const times = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    await pc.createOffer();
    times.push(performance.now() - t0);
  }
  pc.close();
  return times;
}

const KEYGEN = {
  ecdsa: { name: 'ECDSA', namedCurve: 'P-256' },
  rsa: { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
};

async function certificates(name, iterations, algorithm = 'ecdsa') {
  const { RTCPeerConnection } = impl(name);
  const times = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    await RTCPeerConnection.generateCertificate(KEYGEN[algorithm]);
    times.push(performance.now() - t0);
  }
  return times;
}

window.bench = { repeatedOffers, certificates, shapes: Object.keys(SHAPES) };
window.__ready = true;
