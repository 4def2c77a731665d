// Bundles the hand-written glue (pkg/*.js) and wasm-bindgen's loader (pkg/wasm/*.js) into the one
// minified module the package exports: a page loading it makes two requests (this module and the
// .wasm) instead of a four-level waterfall of eighteen modules.
//
//   node scripts/bundle.mjs      (scripts/build.sh runs it; needs pkg/wasm/ built)
//
// The bundle lives in pkg/ beside the sources, so `new URL('./wasm/…', import.meta.url)` still
// finds the wasm. Class names are kept (a page sees them), and the exported functions' (below).

import { gzipSync } from 'node:zlib';
import { build, RolldownMagicString } from 'rolldown';

const BUNDLE = 'rtc-offer-polyfill.js';
const AUTO = 'rtc-offer-polyfill.auto.js';
/** The wasm parts (scripts/build.sh): wasm-bindgen's name for each, and its loader bundle's. */
const PARTS = [
  { name: 'rtc_offer_polyfill', loader: 'rtc-offer-polyfill.loader.js' },
  { name: 'rtc_offer_polyfill_full', loader: 'rtc-offer-polyfill.full.js' },
  { name: 'rtc_offer_polyfill_ecdsa', loader: 'rtc-offer-polyfill.ecdsa.js' },
];

/**
 * wasm-bindgen's loader defaults to a wasm URL relative to its own file. core.js always passes the
 * URL, but bundlers (Vite) still resolve the default: make it right for the bundle's location.
 * @returns {import('rolldown').Plugin}
 */
function wasmDefaultUrl(name) {
  return {
    name: 'wasm-default-url',
    transform(code, id) {
      if (!id.endsWith(`/pkg/wasm/${name}.js`)) return null;
      const from = `new URL('${name}_bg.wasm', import.meta.url)`;
      const at = code.indexOf(from);
      if (at < 0) throw new Error(`bundle: ${id} no longer contains ${from}`);
      const edit = new RolldownMagicString(code);
      edit.overwrite(at, at + from.length, `new URL('./wasm/${name}_bg.wasm', import.meta.url)`);
      return { code: edit.toString(), map: edit.generateMap({ hires: true }).toString() };
    },
  };
}

/**
 * Resolves `source` imported by `importerSuffix` to `target` beside the output: the builds below
 * each make one file and import one another's by these names.
 * @returns {import('rolldown').Plugin}
 */
function importAs(importerSuffix, source, target) {
  return {
    name: `import-as-${target}`,
    resolveId(id, importer) {
      return id === source && importer?.endsWith(importerSuffix) ? { id: `./${target}`, external: true } : null;
    },
  };
}

/**
 * Classes keep their names (part of what pages see; the exported functions' are kept by
 * reserving them); other functions' names are only for stack traces, where the source map has
 * them: keeping every function's name costs 2 KB of the bundle's gzip.
 */
const KEEP = { function: false, class: true };
const MINIFY = { mangle: { keepNames: KEEP, reserved: ['install', 'preload'] }, compress: { keepNames: KEEP } };

/** One file in pkg/ from `input`; returns its code. */
async function bundle(input, file, plugins, sourcemap) {
  const result = await build({
    input,
    plugins,
    platform: 'neutral',
    // core.js imports node:fs/promises in Node only, by a specifier hidden from bundlers.
    external: [/^node:/],
    logLevel: 'warn',
    output: { file: `pkg/${file}`, format: 'esm', minify: MINIFY, sourcemap, codeSplitting: false },
    write: true,
  });
  const code = result.output.find((output) => output.type === 'chunk')?.code ?? '';
  const gzip = gzipSync(code, { level: 9 }).length;
  console.log(`bundle: pkg/${file}: ${code.length} bytes raw, ${gzip} bytes gzip -9`);
}

// The glue. core.js imports each part's wasm-bindgen loader dynamically, so each is a file of its
// own: a page fetches one only when it needs that part.
await bundle(
  'pkg/index.js',
  BUNDLE,
  PARTS.map(({ name, loader }) => importAs('/pkg/core.js', `./wasm/${name}.js`, loader)),
  true,
);
for (const { name, loader } of PARTS) await bundle(`pkg/wasm/${name}.js`, loader, [wasmDefaultUrl(name)], false);
// The auto entry: the detection, and the bundle imported only when install() has work to do. It
// must share the bundle's module instance, not carry a second copy of the classes.
await bundle('pkg/auto.js', AUTO, [importAs('/pkg/auto.js', './index.js', BUNDLE)], false);

// Every exported class and function still has its own name (a bundler rename would show here).
const entry = await import(new URL(`../pkg/${BUNDLE}?${Date.now()}`, import.meta.url).href);
for (const [name, value] of Object.entries(entry)) {
  if (typeof value === 'function' && value.name !== name) {
    throw new Error(`bundle: the export ${name} is named ${value.name} in pkg/${BUNDLE}`);
  }
}
