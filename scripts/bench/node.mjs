// The load-generator figure of `npm run bench`: fresh connections per second in one Node process
// (new RTCPeerConnection, audio+video+data, createOffer, setLocalDescription, close), ours beside
// libwebrtc in Node through @roamhq/wrtc. Sequential, as one load-generator worker runs them.

import { performance } from 'node:perf_hooks';

/** One connection's life; resolves with its duration in ms. */
async function connection(RTCPeerConnection) {
  const t0 = performance.now();
  const pc = new RTCPeerConnection();
  pc.addTransceiver('audio');
  pc.addTransceiver('video');
  pc.createDataChannel('data');
  await pc.setLocalDescription(await pc.createOffer());
  pc.close();
  return performance.now() - t0;
}

/**
 * `rounds` × `count` connections after a warm-up: each one's duration, and connections per second
 * over the whole run.
 */
export async function freshConnections(RTCPeerConnection, rounds, count) {
  for (let i = 0; i < 50; i++) await connection(RTCPeerConnection);
  const times = [];
  const start = performance.now();
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < count; i++) times.push(await connection(RTCPeerConnection));
  }
  return { times, perSecond: (times.length * 1000) / (performance.now() - start) };
}

/** The implementations measured: ours (the bundle the package exports) and, if it loads, @roamhq/wrtc. */
export async function nodeImplementations() {
  const ours = await import('../../pkg/rtc-offer-polyfill.js');
  /** @type {Record<string, Function>} */
  const found = { ours: ours.RTCPeerConnection };
  try {
    found['@roamhq/wrtc (libwebrtc)'] = (await import('@roamhq/wrtc')).default.RTCPeerConnection;
  } catch (error) {
    console.log(`bench: @roamhq/wrtc not measured: ${error.message}`);
  }
  return found;
}
