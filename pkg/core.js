// @ts-check
// The wasm core: loaded at most once, and only when something needs it. Constructing our
// RTCPeerConnection, generateCertificate() and install() installing ours start the load; so does
// importing the package where there is no WebRTC at all (Node, workers), since ours will be needed.
// A page whose native WebRTC is left alone or patched never fetches the wasm or its loader.

import { RTCError } from './description.js';
import { lacksWebRTC } from './detect.js';
import { domError } from './webidl.js';

/**
 * The wasm-bindgen module once instantiated.
 * @typedef {typeof import('./wasm/rtc_offer_polyfill.js')} Core
 */

/**
 * What the core throws for input it refuses (its shape is declared beside src/wasm.rs's conversions).
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
 * The wasm-bindgen module once instantiated.
 * @type {Core | null}
 */
let core = null;
/**
 * Why loading failed: operations then reject with an OperationError saying so.
 * @type {string | null}
 */
let loadError = null;

/**
 * The .wasm file's bytes where it is a local file Node can read, else null.
 * @param {URL} url
 * @returns {Promise<BufferSource | null>}
 */
async function readLocal(url) {
  if (url.protocol !== 'file:') return null;
  // Node cannot fetch file: URLs. The specifier is hidden from bundlers, which would otherwise
  // try to resolve it for browser builds.
  const fsModule = 'node:fs/promises';
  let readFile;
  try {
    ({ readFile } = await import(/* webpackIgnore: true */ /* @vite-ignore */ fsModule));
  } catch {
    // A browser page opened from a file: URL: fetch() it.
    return null;
  }
  return /** @type {Promise<BufferSource>} */ (readFile(url));
}

/**
 * Fetches and compiles the .wasm, streaming where the server says it is wasm.
 * @param {URL} url
 */
async function compileCore(url) {
  const bytes = await readLocal(url);
  if (bytes !== null) return WebAssembly.compile(bytes);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`fetching ${url} failed: ${response.status} ${response.statusText}`);
  if (typeof WebAssembly.compileStreaming === 'function' && response.headers.get('Content-Type') === 'application/wasm') {
    return WebAssembly.compileStreaming(response);
  }
  return WebAssembly.compile(await response.arrayBuffer());
}

async function load() {
  // The loader module and the .wasm are fetched side by side, not one after the other.
  const [glue, module] = await Promise.all([
    import('./wasm/rtc_offer_polyfill.js'),
    compileCore(new URL('./wasm/rtc_offer_polyfill_bg.wasm', import.meta.url)),
  ]);
  await glue.default({ module_or_path: module });
  return glue;
}

/**
 * Settles once loading is over, whichever way; null until something needs the core.
 * @type {Promise<void> | null}
 */
let loading = null;

/** Starts loading the core unless that has started already. */
export function loadCore() {
  loading ??= load().then(
    (glue) => {
      core = glue;
    },
    (error) => {
      loadError = `The WebAssembly core of rtc-offer-polyfill could not be loaded: ${error?.message ?? error}`;
    },
  );
  return loading;
}

if (lacksWebRTC(globalThis)) loadCore();

/**
 * Starts loading the core now, for a page that knows it will construct ours; resolves once it is
 * loaded, or rejects with the OperationError operations would reject with.
 * @returns {Promise<void>}
 */
export function preload() {
  return new Promise((resolve, reject) => whenCoreReady(() => resolve(), reject));
}

/**
 * Calls `ready(core)` once the core is loaded — synchronously when it already is — or
 * `failed(error)` with an OperationError if it cannot be loaded.
 * @param {(core: Core) => void} ready
 * @param {(error: DOMException) => void} failed
 */
export function whenCoreReady(ready, failed) {
  const settled = () =>
    core !== null ? ready(core) : failed(domError('OperationError', /** @type {string} */ (loadError)));
  if (core !== null || loadError !== null) {
    settled();
  } else {
    loadCore().then(settled);
  }
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
