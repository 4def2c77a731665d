// The bytes each path loads: what a page fetches on each path, by the files the exports map names
// (see tests/browser/install-patched.test.js), and each lazily fetched part on its own row; raw,
// gzip -9 and brotli -11, each file compressed on its own as a server sends it. `npm run bench`
// prints them; scripts/serve.mjs serves them to the demo.

import { stat, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

const AUTO = 'pkg/rtc-offer-polyfill.auto.js';
const MAIN = 'pkg/rtc-offer-polyfill.js';
const LOADER = 'pkg/rtc-offer-polyfill.loader.js';
const WASM = 'pkg/wasm/rtc_offer_polyfill_bg.wasm';
const FULL_LOADER = 'pkg/rtc-offer-polyfill.full.js';
const FULL_WASM = 'pkg/wasm/rtc_offer_polyfill_full_bg.wasm';
const ECDSA_LOADER = 'pkg/rtc-offer-polyfill.ecdsa.js';
const ECDSA_WASM = 'pkg/wasm/rtc_offer_polyfill_ecdsa_bg.wasm';

export const PATHS = {
  'modern browser, rtc-offer-polyfill/auto': [AUTO],
  'modern or patched, main entry, ours never constructed': [MAIN],
  'polyfilled, through the first offer': [MAIN, LOADER, WASM],
  // Fetched when a page first constructs ours, each a request of its own.
  'lazy part: the wasm-bindgen loader chunk': [LOADER],
  'lazy part: the wasm': [WASM],
  // Once a description is to be read (prefetched when an offer is applied).
  'lazy part, answers and remote descriptions: the full core loader chunk and wasm': [FULL_LOADER, FULL_WASM],
  // Only where a certificate must be made without WebCrypto (an http: page).
  'lazy part, no WebCrypto only: the ECDSA loader chunk and wasm': [ECDSA_LOADER, ECDSA_WASM],
};

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/** @type {Map<string, { key: string, sizes: Promise<{ raw: number, gzip: number, brotli: number }> }>} */
const cache = new Map();

/**
 * One file's sizes. Cached by modification time and size: brotli -11 of the wasm takes most of a
 * second, and the demo server answers every page load.
 */
async function sizesOf(file) {
  const info = await stat(file);
  const key = `${info.mtimeMs} ${info.size}`;
  const cached = cache.get(file);
  if (cached?.key === key) return cached.sizes;
  const sizes = readFile(file).then(async (bytes) => ({
    raw: bytes.length,
    gzip: (await gzipAsync(bytes, { level: 9 })).length,
    brotli: (await brotliAsync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } })).length,
  }));
  cache.set(file, { key, sizes });
  sizes.catch(() => {
    if (cache.get(file)?.sizes === sizes) cache.delete(file);
  });
  return sizes;
}

/** Each row of PATHS with its files' sizes added up: [{ path, files, raw, gzip, brotli }]. */
export async function bytesEachPath(root = REPO_ROOT) {
  return Promise.all(
    Object.entries(PATHS).map(async ([path, files]) => {
      const sizes = await Promise.all(files.map((file) => sizesOf(join(root, file))));
      const sum = (name) => sizes.reduce((total, size) => total + size[name], 0);
      return { path, files, raw: sum('raw'), gzip: sum('gzip'), brotli: sum('brotli') };
    }),
  );
}
