// @ts-check
// The wasm core, in three parts (src/wasm/mod.rs), each loaded at most once and only when
// something needs it. The main part (offers, the session, certificates around WebCrypto's keys):
// constructing our RTCPeerConnection, generateCertificate() and install() installing ours start
// its load; so does importing the package where there is no WebRTC at all (Node, workers), since
// ours will be needed. A page whose native WebRTC is left alone or patched never fetches a wasm or
// a loader. The full part (the main part's code and everything that reads SDP): once a
// description is to be read (apply.js moves a connection's session there). The ECDSA part: only
// where a certificate must be made without WebCrypto.

import { RTCError } from './description.js';
import { lacksWebRTC } from './detect.js';
import { domError, toBoolean, toDictionary } from './webidl.js';

/**
 * The wasm-bindgen module once instantiated.
 * @typedef {typeof import('./wasm/rtc_offer_polyfill.js')} Core
 */

/**
 * The full core's wasm-bindgen module once instantiated: the core's exports and those that read SDP.
 * @typedef {typeof import('./wasm/rtc_offer_polyfill_full.js')} FullCore
 */

/**
 * The ECDSA part's wasm-bindgen module once instantiated.
 * @typedef {typeof import('./wasm/rtc_offer_polyfill_ecdsa.js')} EcdsaPart
 */

/**
 * What the core throws for input it refuses (its shape is declared beside src/wasm/session.rs's conversions).
 * @typedef {import('./wasm/rtc_offer_polyfill.js').CoreError} CoreError
 */

/** The DOMException names the core's errors carry (src/error.rs `ErrorKind::name`). */
const DOM_EXCEPTION_NAMES = new Set([
  'InvalidStateError',
  'InvalidModificationError',
  'InvalidAccessError',
  'NotSupportedError',
  'OperationError',
]);

/**
 * Node's built-in `name` (Node ≥ 20.16, Deno, Bun), else undefined. Not an import(): bundlers
 * building for browsers have nothing to resolve.
 * @param {string} name
 * @returns {any}
 */
export function builtinModule(name) {
  const environment = /** @type {{process?: {getBuiltinModule?: (name: string) => unknown}}} */ (globalThis);
  return environment.process?.getBuiltinModule?.(name);
}

/**
 * Fetches and compiles a .wasm, streaming where the server says it is wasm; Node reads a file:
 * URL (it cannot fetch one). The request goes out before this returns, not a microtask later: the
 * caller's task may run on for milliseconds (the page's first calls), and the wasm is on the path
 * to the first offer.
 * @param {URL} url
 * @returns {Promise<WebAssembly.Module>}
 */
function compile(url) {
  const fs = url.protocol === 'file:' ? builtinModule('node:fs/promises') : undefined;
  if (fs !== undefined) return fs.readFile(url).then((/** @type {BufferSource} */ bytes) => WebAssembly.compile(bytes));
  return fetch(url).then((response) => {
    if (!response.ok) throw new Error(`fetching ${url} failed: ${response.status} ${response.statusText}`);
    if (typeof WebAssembly.compileStreaming === 'function' && response.headers.get('Content-Type') === 'application/wasm') {
      return WebAssembly.compileStreaming(response);
    }
    return response.arrayBuffer().then((bytes) => WebAssembly.compile(bytes));
  });
}

/**
 * One wasm part (src/wasm/mod.rs), loaded at most once: its wasm-bindgen loader module and its
 * .wasm are fetched side by side, not one after the other.
 * @template {{default: (init: {module_or_path: WebAssembly.Module}) => Promise<unknown>}} M
 * @param {string} what Its name in the error operations reject with if it cannot be loaded.
 * @param {() => Promise<M>} importLoader
 * @param {() => URL} wasmUrl
 */
function wasmPart(what, importLoader, wasmUrl) {
  /** @type {M | null} */
  let module = null;
  /** @type {string | null} */
  let loadError = null;
  /** @type {Promise<void> | null} */
  let loading = null;

  async function load() {
    const [glue, compiled] = await Promise.all([importLoader(), compile(wasmUrl())]);
    await glue.default({ module_or_path: compiled });
    return glue;
  }

  /** Starts loading the part unless that has started already. */
  function start() {
    loading ??= load().then(
      (glue) => {
        module = glue;
      },
      (error) => {
        loadError = `The WebAssembly ${what} of rtc-offer-polyfill could not be loaded: ${error?.message ?? error}`;
      },
    );
    return loading;
  }

  /**
   * Calls `ready(module)` once the part is loaded — synchronously when it already is — or
   * `failed(error)` with an OperationError if it cannot be loaded.
   * @param {(module: M) => void} ready
   * @param {(error: DOMException) => void} failed
   */
  function whenReady(ready, failed) {
    const settled = () =>
      module !== null ? ready(module) : failed(domError('OperationError', /** @type {string} */ (loadError)));
    if (module !== null || loadError !== null) {
      settled();
    } else {
      start().then(settled);
    }
  }

  /** The part if it is loaded, else null: for a caller that can skip waiting. */
  const loaded = () => module;

  /** Whether its load has started (it may have ended). */
  const started = () => loading !== null;

  return { start, whenReady, loaded, started };
}

// The URLs and specifiers are literals: bundlers find the assets and chunks by them.
const main = wasmPart(
  'core',
  () => import('./wasm/rtc_offer_polyfill.js'),
  () => new URL('./wasm/rtc_offer_polyfill_bg.wasm', import.meta.url),
);
const full = wasmPart(
  'full core',
  () => import('./wasm/rtc_offer_polyfill_full.js'),
  () => new URL('./wasm/rtc_offer_polyfill_full_bg.wasm', import.meta.url),
);
const ecdsa = wasmPart(
  'ECDSA part',
  () => import('./wasm/rtc_offer_polyfill_ecdsa.js'),
  () => new URL('./wasm/rtc_offer_polyfill_ecdsa_bg.wasm', import.meta.url),
);

/**
 * The part for what reads no SDP (offers, the session, certificates): the main one, unless the
 * full one, which has all of its exports, is loaded, or is loading while the main one never
 * started (a page that preloaded it to answer): a page never fetches the main part beside a full
 * one it has, and a connection made once the full part is there starts in it.
 * @returns {{start: () => Promise<void>, whenReady: (ready: (core: Core) => void, failed: (error: DOMException) => void) => void, loaded: () => Core | null}}
 */
function offeringPart() {
  if (full.loaded() !== null || (full.started() && !main.started())) return full;
  return main;
}

/** Starts loading the core unless that has started already. */
export const loadCore = () => offeringPart().start();

if (lacksWebRTC(globalThis)) loadCore();

/**
 * Calls `ready(core)` once the core is loaded — synchronously when it already is — or
 * `failed(error)` with an OperationError if it cannot be loaded.
 * @type {(ready: (core: Core) => void, failed: (error: DOMException) => void) => void}
 */
export const whenCoreReady = (ready, failed) => offeringPart().whenReady(ready, failed);

/**
 * The core if it is loaded, else null (whenCoreReady waits for it).
 * @type {() => Core | null}
 */
export const loadedCore = () => offeringPart().loaded();

/**
 * Whether `core` is the full part (a session made there never moves), not the main one.
 * @param {unknown} core
 */
export const isFullCore = (core) => core !== null && core === full.loaded();

/** Starts loading the full core (the SDP parser and the answer side) unless that has started. */
export const loadFullCore = full.start;

/**
 * Like whenCoreReady(), for the full core: what reads SDP (remote descriptions, answers, ICE
 * candidates, munged local offers) needs it.
 * @type {(ready: (core: FullCore) => void, failed: (error: DOMException) => void) => void}
 */
export const whenFullCoreReady = full.whenReady;

/**
 * The all-Rust ECDSA P-256 certificates, for pages without WebCrypto: like whenCoreReady().
 * @type {(ready: (part: EcdsaPart) => void, failed: (error: DOMException) => void) => void}
 */
export const whenEcdsaReady = ecdsa.whenReady;

/**
 * Starts loading the core now, for a page that knows it will construct ours; resolves once it is
 * loaded, or rejects with the OperationError operations would reject with. `{answering: true}`:
 * the full part instead, for a page whose connections will read SDP (answer offers, take remote
 * descriptions) — they then start in it and never load the main part.
 * @param {unknown} [options]
 * @returns {Promise<void>}
 */
export function preload(options = undefined) {
  return new Promise((resolve, reject) => {
    const answering = toBoolean(toDictionary(options, 'preload options').answering);
    (answering ? whenFullCoreReady : whenCoreReady)(() => resolve(), reject);
  });
}

/**
 * Whether `error` is what the core throws: a plain object (not an Error) with a name and a message.
 * @param {unknown} error
 * @returns {error is CoreError}
 */
export function isCoreError(error) {
  if (typeof error !== 'object' || error === null || error instanceof Error) return false;
  const fields = /** @type {{name?: unknown, message?: unknown}} */ (error);
  return typeof fields.name === 'string' && typeof fields.message === 'string';
}

/**
 * What the page sees for an exception from the core, its message prefixed with `operation: ` when
 * given. The core throws plain {@link CoreError} objects: an `errorDetail` makes an RTCError;
 * anything else (a trap such as a panic's `unreachable`) is an internal failure.
 * @param {unknown} error
 * @param {string} [operation]
 * @returns {Error}
 */
export function fromCore(error, operation = undefined) {
  // The glue's own errors (thrown between core calls) are already what the page sees.
  if (error instanceof DOMException) return error;
  if (!isCoreError(error)) {
    const why = /** @type {{message?: unknown} | null | undefined} */ (error)?.message ?? error;
    return domError('OperationError', `Internal error in the WebAssembly core: ${why}`);
  }
  const message = operation === undefined ? error.message : `${operation}: ${error.message}`;
  if (typeof error.errorDetail === 'string') {
    /** @type {{errorDetail: string, sdpLineNumber?: number}} */
    const init = { errorDetail: error.errorDetail };
    if (typeof error.sdpLineNumber === 'number') init.sdpLineNumber = error.sdpLineNumber;
    return new RTCError(init, message);
  }
  if (error.name === 'TypeError') return new TypeError(message);
  return domError(DOM_EXCEPTION_NAMES.has(error.name) ? error.name : 'OperationError', message);
}
