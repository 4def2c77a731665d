// @ts-check
// The wasm core: loaded at most once. Loading starts one task after the import, so that it is
// usually done by the first operation that needs it — unless an install() in the importing task
// left a native WebRTC alone or patched it: such a page never fetches the wasm. Constructors and
// install() start it too, without waiting for it.

import { RTCError } from './description.js';
import { queueTask } from './tasks.js';
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
 * @param {URL} url
 * @returns {Promise<URL | Uint8Array>}
 */
async function wasmSource(url) {
  if (url.protocol !== 'file:') return url;
  // Node cannot fetch file: URLs, so read the bytes. The specifier is hidden from bundlers,
  // which would otherwise try to resolve it for browser builds.
  const fsModule = 'node:fs/promises';
  let readFile;
  try {
    ({ readFile } = await import(/* webpackIgnore: true */ /* @vite-ignore */ fsModule));
  } catch {
    // A browser page opened from a file: URL: let the wasm-bindgen loader try fetch().
    return url;
  }
  return readFile(url);
}

async function load() {
  const glue = await import('./wasm/rtc_offer_polyfill.js');
  const source = await wasmSource(new URL('./wasm/rtc_offer_polyfill_bg.wasm', import.meta.url));
  await glue.default({ module_or_path: source });
  return glue;
}

/**
 * Settles once loading is over, whichever way; null until something needs the core.
 * @type {Promise<void> | null}
 */
let loading = null;

/** Whether the load that importing starts is still wanted (install() may call it off). */
let earlyLoadWanted = true;

/** install() calls this when our classes are not going to be used. */
export function skipEarlyLoad() {
  earlyLoadWanted = false;
}

queueTask(() => {
  if (earlyLoadWanted) loadCore();
});

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
