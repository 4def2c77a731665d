// `npm run bench`: our createOffer()/createAnswer()/generateCertificate() against Chromium's native
// ones (both answering the same native offers), in one headless Chromium on a cross-origin-isolated
// localhost page (5 µs timer resolution), the bytes each path loads, and fresh connections per
// second in Node beside @roamhq/wrtc. Prints medians, p95 and our/native ratios. Measures; asserts nothing.
//
//   node scripts/bench.mjs [--rounds N] [--iterations N] [--fresh N]

import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { startBrowser } from '../tests/browser/harness.js';
import { bytesEachPath } from './bench/bytes.mjs';

const { values: args } = parseArgs({
  options: {
    rounds: { type: 'string', default: '5' },
    iterations: { type: 'string', default: '200' },
    // Fresh pages vary most (a page's first request waits 15-45 ms): 20 each keeps their medians steady.
    fresh: { type: 'string', default: '20' },
  },
});
const ROUNDS = Number(args.rounds);
const ITERATIONS = Number(args.iterations);
const FRESH = Number(args.fresh);
/** Answer rounds per round and implementation: each makes a connection, native ones gather ICE. */
const ANSWER_ROUNDS = 20;
/** Calls timed together for one sample where one call is too short for the timer (below). */
const BATCH = 25;

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const fmt = (ms) => (ms >= 1 ? `${ms.toFixed(2)} ms` : `${(ms * 1000).toFixed(1)} µs`);

function row(label, ours, native) {
  const [om, nm] = [quantile(ours, 0.5), quantile(native, 0.5)];
  return {
    what: label,
    'ours median': fmt(om),
    'ours p95': fmt(quantile(ours, 0.95)),
    'native median': fmt(nm),
    'native p95': fmt(quantile(native, 0.95)),
    'ours/native': (om / nm).toFixed(3),
  };
}

const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;

const env = await startBrowser();
try {
  const page = await env.openPage('/scripts/bench/page.html');
  const isolated = await page.evaluate(() => crossOriginIsolated);
  const results = [];

  const shapes = await page.evaluate(() => window.bench.shapes);
  for (const shape of shapes) {
    const ours = [];
    const native = [];
    for (let r = 0; r < ROUNDS; r++) {
      ours.push(...(await page.evaluate(([s, n]) => window.bench.repeatedOffers('ours', s, n), [shape, ITERATIONS])));
      native.push(...(await page.evaluate(([s, n]) => window.bench.repeatedOffers('native', s, n), [shape, ITERATIONS])));
    }
    results.push(row(`createOffer, repeated: ${shape}`, ours, native));
  }

  // Both answer the same native offer (made once per shape in the page).
  const answerShapes = await page.evaluate(() => window.bench.answerShapes);
  for (const shape of answerShapes) {
    const ours = [];
    const native = [];
    for (let r = 0; r < ROUNDS; r++) {
      ours.push(...(await page.evaluate(([s, n]) => window.bench.repeatedAnswers('ours', s, n), [shape, ITERATIONS])));
      native.push(...(await page.evaluate(([s, n]) => window.bench.repeatedAnswers('native', s, n), [shape, ITERATIONS])));
    }
    results.push(row(`createAnswer, repeated: ${shape}`, ours, native));
  }
  for (const shape of answerShapes) {
    const ours = [];
    const native = [];
    for (let r = 0; r < ROUNDS; r++) {
      ours.push(...(await page.evaluate(([s, n]) => window.bench.answerRounds('ours', s, n), [shape, ANSWER_ROUNDS])));
      native.push(...(await page.evaluate(([s, n]) => window.bench.answerRounds('native', s, n), [shape, ANSWER_ROUNDS])));
    }
    results.push(row(`answer round (SRD + createAnswer + SLD, fresh connection): ${shape}`, ours, native));
  }

  // The two smallest shapes take ~10 µs a call, two steps of the 5 µs timer: their medians above
  // can land a step either side of a target. Timed again per call in batches (means of BATCH calls).
  const batched = [
    ['createOffer', 'repeatedOffers', 'data only'],
    ['createAnswer', 'repeatedAnswers', 'audio only'],
  ];
  for (const [what, timer, shape] of batched) {
    const ours = [];
    const native = [];
    const samples = Math.max(1, Math.round(ITERATIONS / 5));
    for (let r = 0; r < ROUNDS; r++) {
      for (const [name, out] of [['ours', ours], ['native', native]]) {
        const args = [timer, name, shape, samples, BATCH];
        out.push(...(await page.evaluate(([t, ...a]) => window.bench[t](...a), args)));
      }
    }
    results.push(row(`${what}, repeated: ${shape} (means of batches of ${BATCH} calls)`, ours, native));
  }

  const fresh = { ours: [], loaded: [], native: [], empty: [], waterfall: [] };
  for (let i = 0; i < FRESH; i++) {
    for (const impl of Object.keys(fresh)) {
      const p = await env.context.newPage();
      await p.goto(new URL(`/scripts/bench/fresh.html?impl=${impl}`, env.baseUrl).href);
      await p.waitForFunction(() => window.__elapsed !== undefined);
      fresh[impl].push(await p.evaluate(() => window.__elapsed));
      await p.close();
    }
  }
  results.push(row('first offer in a fresh page (audio+video+data, import included)', fresh.ours, fresh.native));
  results.push(row('first offer, the bundle already imported, loader and wasm hinted', fresh.loaded, fresh.native));
  results.push(row('floor: importing an empty module in a fresh page (vs native first offer)', fresh.empty, fresh.native));
  results.push(row('first offer in a fresh page, ours vs the empty-module floor', fresh.ours, fresh.empty));
  results.push(row('floor: two empty modules, one imported after the other (vs native first offer)', fresh.waterfall, fresh.native));
  results.push(row('first offer in a fresh page, ours vs the two-module floor', fresh.ours, fresh.waterfall));

  const certOurs = [];
  const certNative = [];
  for (let r = 0; r < ROUNDS; r++) {
    certOurs.push(...(await page.evaluate((n) => window.bench.certificates('ours', n), 20)));
    certNative.push(...(await page.evaluate((n) => window.bench.certificates('native', n), 20)));
  }
  results.push(row('generateCertificate (ECDSA P-256)', certOurs, certNative));

  // RSA key generation takes ~100 ms: a few per round.
  const rsaOurs = [];
  const rsaNative = [];
  for (let r = 0; r < ROUNDS; r++) {
    rsaOurs.push(...(await page.evaluate((n) => window.bench.certificates('ours', n, 'rsa'), 3)));
    rsaNative.push(...(await page.evaluate((n) => window.bench.certificates('native', n, 'rsa'), 3)));
  }
  results.push(row('generateCertificate (RSASSA-PKCS1-v1_5 2048, WebCrypto)', rsaOurs, rsaNative));

  console.log(`Chromium ${env.context.browser()?.version() ?? ''} headless, crossOriginIsolated=${isolated}, ` +
    `${ROUNDS} rounds × ${ITERATIONS} offers or answers (${ANSWER_ROUNDS} answer rounds) per implementation and shape, ` +
    `${FRESH} fresh pages per first-offer row`);
  console.table(results);

  console.log('bytes each path loads');
  console.table(
    (await bytesEachPath()).map(({ path, files, raw, gzip, brotli }) => ({
      path,
      files: files.length,
      raw: kb(raw),
      'gzip -9': kb(gzip),
      'brotli -11': kb(brotli),
    })),
  );
} finally {
  await env.close();
}

// Node's figure in a process of its own, once the browser is gone: nothing else runs beside it.
const { stdout } = await promisify(execFile)(process.execPath, [fileURLToPath(new URL('./bench/node.mjs', import.meta.url)), String(ROUNDS)], {
  maxBuffer: 1 << 26,
});
const node = [];
for (const { name, times, perSecond } of JSON.parse(stdout)) {
  node.push({
    what: name,
    'connections/s': Math.round(perSecond),
    median: fmt(quantile(times, 0.5)),
    p95: fmt(quantile(times, 0.95)),
  });
}
console.log(`Node ${process.version}, one process: fresh connections, ${ROUNDS} × 200 after 50 warm-up; offering: new, audio+video+data, createOffer, setLocalDescription, close; answering: new, setRemoteDescription of an audio+video+data offer, createAnswer, setLocalDescription, close`);
console.table(node);
