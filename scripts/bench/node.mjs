// The load-generator figures of `npm run bench`: fresh connections per second in one Node process,
// ours beside libwebrtc in Node through @roamhq/wrtc, each connection either offering (new
// RTCPeerConnection, audio+video+data, createOffer, setLocalDescription, close) or answering as an
// SFU subscriber or callee does (new, setRemoteDescription of an audio+video+data offer,
// createAnswer, setLocalDescription, close). Sequential, as one load-generator worker runs them.
// scripts/bench.mjs runs it as a process of its own (nothing of the browser benchmark beside it):
//
//   node scripts/bench/node.mjs <rounds>     prints [{name, times, perSecond}] as JSON
//   node scripts/bench/node.mjs <rounds> --against <dir> [--pairs N]
//                                            another build's pkg/ (a worktree of another commit,
//                                            built) against this one's, interleaved in N pairs
//                                            (default 4), connections per second and medians

import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

/** Audio, video and a data channel: what every connection here offers. */
function audioVideoData(pc) {
  pc.addTransceiver('audio');
  pc.addTransceiver('video');
  pc.createDataChannel('data');
}

/** One connection's life, answering `offer` if given, else offering; resolves with its duration in ms. */
async function connection(RTCPeerConnection, offer) {
  const t0 = performance.now();
  const pc = new RTCPeerConnection();
  if (offer === undefined) {
    audioVideoData(pc);
    await pc.setLocalDescription(await pc.createOffer());
  } else {
    await pc.setRemoteDescription(offer);
    await pc.setLocalDescription(await pc.createAnswer());
  }
  pc.close();
  return performance.now() - t0;
}

/** The audio+video+data offer answering connections answer, made by `RTCPeerConnection` itself. */
async function offerToAnswer(RTCPeerConnection) {
  const pc = new RTCPeerConnection();
  audioVideoData(pc);
  const offer = await pc.createOffer();
  pc.close();
  return { type: offer.type, sdp: offer.sdp };
}

/**
 * `rounds` × `count` connections after a warm-up (answering `offer` if given): each one's
 * duration, and connections per second over the whole run.
 */
export async function freshConnections(RTCPeerConnection, rounds, count, offer = undefined) {
  for (let i = 0; i < 50; i++) await connection(RTCPeerConnection, offer);
  const times = [];
  const start = performance.now();
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < count; i++) times.push(await connection(RTCPeerConnection, offer));
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
    console.error(`bench: @roamhq/wrtc not measured: ${error.message}`);
  }
  return found;
}

/** The median of `times`. */
function median(times) {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}

/**
 * Builds against each other in `pairs` interleaved pairs (the other first in each), so both see
 * the same machine state: a change's effect beside the noise of a shared host.
 */
async function comparePairs(rounds, againstDir, pairs) {
  const builds = {
    [againstDir]: (await import(pathToFileURL(resolve(againstDir, 'rtc-offer-polyfill.js')).href)).RTCPeerConnection,
    'this build': (await import('../../pkg/rtc-offer-polyfill.js')).RTCPeerConnection,
  };
  const offer = await offerToAnswer(builds['this build']);
  for (let pair = 1; pair <= pairs; pair++) {
    for (const [name, RTCPeerConnection] of Object.entries(builds)) {
      const line = [`pair ${pair}, ${name}:`];
      for (const [what, answering] of [['offering', undefined], ['answering', offer]]) {
        const { times, perSecond } = await freshConnections(RTCPeerConnection, rounds, 200, answering);
        line.push(`${what} ${Math.round(perSecond)} /s (median ${Math.round(median(times) * 1000)} µs)`);
      }
      console.log(line.join(' '));
    }
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { against: { type: 'string' }, pairs: { type: 'string', default: '4' } },
  });
  const rounds = Number(positionals[0] ?? 5);
  if (values.against !== undefined) {
    await comparePairs(rounds, values.against, Number(values.pairs));
    process.exit(0);
  }
  const results = [];
  for (const [name, RTCPeerConnection] of Object.entries(await nodeImplementations())) {
    results.push({ name: `${name}, offering`, ...(await freshConnections(RTCPeerConnection, rounds, 200)) });
    const offer = await offerToAnswer(RTCPeerConnection);
    results.push({ name: `${name}, answering`, ...(await freshConnections(RTCPeerConnection, rounds, 200, offer)) });
  }
  process.stdout.write(JSON.stringify(results));
  // @roamhq/wrtc keeps native threads alive.
  process.exit(0);
}
