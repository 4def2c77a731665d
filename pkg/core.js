// The wasm core: loaded at most once. Loading starts one task after the import, so that it is
// usually done by the first operation that needs it — unless an install() in the importing task
// left a native WebRTC alone or patched it: such a page never fetches the wasm. Constructors and
// install() start it too, without waiting for it.

import { queueTask } from './tasks.js';
import { domError } from './webidl.js';

const DOM_EXCEPTION_NAMES = new Set([
  'InvalidStateError',
  'InvalidModificationError',
  'InvalidAccessError',
  'NotSupportedError',
  'OperationError',
  'SyntaxError',
]);

/** The wasm-bindgen module once instantiated. */
let core = null;
/** Why loading failed: operations then reject with an OperationError saying so. */
let loadError = null;

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

/** Settles once loading is over, whichever way; null until something needs the core. */
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
 */
export function whenCoreReady(ready, failed) {
  const settled = () => (core !== null ? ready(core) : failed(domError('OperationError', loadError)));
  if (core !== null || loadError !== null) {
    settled();
  } else {
    loadCore().then(settled);
  }
}

/**
 * What the page sees for an exception from the core. The core throws plain `{name, message}`
 * objects; anything else (a trap such as a panic's `unreachable`) is an internal failure.
 */
export function fromCore(error) {
  const plain =
    typeof error === 'object' &&
    error !== null &&
    !(error instanceof Error) &&
    typeof error.name === 'string' &&
    typeof error.message === 'string';
  if (!plain) {
    return domError('OperationError', `Internal error in the WebAssembly core: ${error?.message ?? error}`);
  }
  if (error.name === 'TypeError') return new TypeError(error.message);
  if (error.name === 'RangeError') return new RangeError(error.message);
  return domError(DOM_EXCEPTION_NAMES.has(error.name) ? error.name : 'OperationError', error.message);
}
