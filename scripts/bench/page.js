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

/**
 * Times `samples` samples of `call()`, awaited one after another, in ms per call: each sample
 * is one call, or with `batch` > 1 the mean of that many calls timed together, which resolves
 * what the 5 µs timer cannot for one call of ~10 µs.
 */
async function timed(call, samples, batch) {
  const times = [];
  for (let i = 0; i < samples; i++) {
    const t0 = performance.now();
    for (let j = 0; j < batch; j++) await call();
    times.push((performance.now() - t0) / batch);
  }
  return times;
}

/** Times `iterations` repeated createOffer() calls on one connection (see `timed`). */
async function repeatedOffers(name, shape, iterations, batch = 1) {
  const pc = new (impl(name).RTCPeerConnection)();
  SHAPES[shape](pc);
  for (let i = 0; i < 5; i++) await pc.createOffer();
  const times = await timed(() => pc.createOffer(), iterations, batch);
  pc.close();
  return times;
}

/** The shapes answered: native Chromium offers them, both implementations answer the same SDP. */
const ANSWER_SHAPES = {
  'audio+video+data': SHAPES['audio+video+data'],
  'audio only': (pc) => {
    pc.addTransceiver('audio');
  },
  '8 audio + 8 video': SHAPES['8 audio + 8 video'],
};

/** @type {Map<string, string>} */
const nativeOffers = new Map();

/** One native offer per shape, made on first use: every answerer answers the same SDP. */
async function nativeOffer(shape) {
  if (!nativeOffers.has(shape)) {
    const offerer = new native.RTCPeerConnection();
    ANSWER_SHAPES[shape](offerer);
    const { sdp } = await offerer.createOffer();
    offerer.close();
    nativeOffers.set(shape, sdp);
  }
  return { type: 'offer', sdp: nativeOffers.get(shape) };
}

/** Times `iterations` repeated createAnswer() calls after one setRemoteDescription(offer) (see `timed`). */
async function repeatedAnswers(name, shape, iterations, batch = 1) {
  const offer = await nativeOffer(shape);
  const pc = new (impl(name).RTCPeerConnection)();
  await pc.setRemoteDescription(offer);
  for (let i = 0; i < 5; i++) await pc.createAnswer();
  const times = await timed(() => pc.createAnswer(), iterations, batch);
  pc.close();
  return times;
}

/** setRemoteDescription(offer) + createAnswer() + setLocalDescription(answer) on a fresh
 * connection, made and closed outside the timing; returns ms. */
async function answerRound(RTCPeerConnection, offer) {
  const pc = new RTCPeerConnection();
  const t0 = performance.now();
  await pc.setRemoteDescription(offer);
  await pc.setLocalDescription(await pc.createAnswer());
  const elapsed = performance.now() - t0;
  pc.close();
  return elapsed;
}

/** Times `iterations` answer rounds, after one untimed round that warms the code up. */
async function answerRounds(name, shape, iterations) {
  const offer = await nativeOffer(shape);
  const { RTCPeerConnection } = impl(name);
  await answerRound(RTCPeerConnection, offer);
  const times = [];
  for (let i = 0; i < iterations; i++) times.push(await answerRound(RTCPeerConnection, offer));
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

window.bench = {
  repeatedOffers,
  repeatedAnswers,
  answerRounds,
  certificates,
  shapes: Object.keys(SHAPES),
  answerShapes: Object.keys(ANSWER_SHAPES),
};
window.__ready = true;
