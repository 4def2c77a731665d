// An esbuild production build of tests/fixtures/bundler-app/ as esbuild's documentation has it for
// pages (bundle, minify, ES modules with code splitting, so that dynamic imports become chunks).
// esbuild leaves `new URL('./wasm/…', import.meta.url)` as it is and copies no asset: the app copies
// pkg/wasm/*.wasm (each wasm part) to wasm/ in its output directory, beside the chunks, as the
// README says. The built pages load the loader chunk and the wasm only when ours is constructed.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdir, readFile, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { build } from 'esbuild';
import { ROOT, appInTempDir, browse, filesIn, pageTests, writePages } from './bundled.js';

/** Every wasm part, copied by the app (these pages fetch only the main one). */
const WASM = [
  'pkg/wasm/rtc_offer_polyfill_bg.wasm',
  'pkg/wasm/rtc_offer_polyfill_full_bg.wasm',
  'pkg/wasm/rtc_offer_polyfill_ecdsa_bg.wasm',
];

let dir;
let outDir;
let result;
let browser;
let files;
/** The full and ECDSA parts' loader chunks as served (not fetched by these pages). */
let lazyLoaders;
/** The output holding core.js, relative to outDir. */
let coreChunk;
/** Whether what the auto entry loads up front holds the glue. */
let autoHoldsGlue;

before(async () => {
  let app;
  ({ dir, app, outDir } = await appInTempDir('esbuild'));
  result = await build({
    absWorkingDir: app,
    entryPoints: ['main.js', 'auto.js'],
    bundle: true,
    minify: true,
    format: 'esm',
    splitting: true,
    outdir: outDir,
    metafile: true,
    logLevel: 'silent',
  });
  await mkdir(join(outDir, 'wasm'));
  for (const wasm of WASM) await copyFile(join(ROOT, wasm), join(outDir, 'wasm', basename(wasm)));

  // Output paths in the metafile are relative to absWorkingDir; served paths to outDir.
  const { outputs } = result.metafile;
  const served = (output) => `/${join(app, output).slice(outDir.length + 1)}`;
  const outputOf = (matches) => {
    const found = Object.keys(outputs).filter((output) => matches(output, outputs[output]));
    assert.equal(found.length, 1, `one output matches ${matches}`);
    return found[0];
  };
  const entry = (suffix) => outputOf((_, { entryPoint }) => entryPoint?.endsWith(suffix));
  /** `output` and every chunk it imports statically, transitively. */
  const loads = (output, into = new Set()) => {
    into.add(output);
    for (const { path, kind } of outputs[output].imports) {
      if (kind === 'import-statement' && !into.has(path)) loads(path, into);
    }
    return into;
  };
  const main = loads(entry('main.js'));
  const auto = loads(entry('auto.js'));
  const glue = [...loads(entry('/pkg/rtc-offer-polyfill.js'))].filter((output) => !auto.has(output));
  autoHoldsGlue = [...auto].some((output) =>
    Object.keys(outputs[output].inputs).some((input) => input.endsWith('/pkg/rtc-offer-polyfill.js')),
  );
  files = {
    main: [...main].map(served),
    auto: [...auto].map(served),
    glue: glue.map(served),
    loader: served(entry('/pkg/rtc-offer-polyfill.loader.js')),
    wasm: '/wasm/rtc_offer_polyfill_bg.wasm',
  };
  lazyLoaders = ['/pkg/rtc-offer-polyfill.full.js', '/pkg/rtc-offer-polyfill.ecdsa.js'].map((file) => served(entry(file)));
  // The wasm is found relative to the chunk holding core.js: it must sit at the top of outDir.
  const core = outputOf((_, { inputs }) => Object.keys(inputs).some((input) => input.endsWith('/pkg/rtc-offer-polyfill.js')));
  assert.equal(dirname(join(app, core)), outDir);
  coreChunk = served(core).slice(1);

  await writePages(outDir, (entryName) => `<script type="module" src="./${entryName}.js"></script>`);
  browser = await browse(outDir);
});

after(async () => {
  await browser?.env.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('the build emits the two entries, the shared chunks, the glue entry and a loader chunk per wasm part, without warnings', async () => {
  assert.deepEqual({ errors: result.errors, warnings: result.warnings }, { errors: [], warnings: [] });
  const pages = ['auto-without-webrtc.html', 'auto.html', 'index.html'];
  const built = new Set([...files.main, ...files.auto, ...files.glue, files.loader, ...lazyLoaders].map((path) => path.slice(1)));
  const copied = WASM.map((wasm) => `wasm/${basename(wasm)}`);
  assert.deepEqual(await filesIn(outDir), [...pages, ...built, ...copied].sort());
  assert.deepEqual(
    [...built].map((file) => file.replace(/-[A-Z0-9]{8}\.js$/, '-HASH.js')).sort(),
    [
      'auto.js',
      'chunk-HASH.js',
      'chunk-HASH.js',
      'main.js',
      'rtc-offer-polyfill-HASH.js',
      'rtc-offer-polyfill.ecdsa-HASH.js',
      'rtc-offer-polyfill.full-HASH.js',
      'rtc-offer-polyfill.loader-HASH.js',
    ],
  );
  // Nothing external: Node's modules come from process.getBuiltinModule(), not import().
  const external = Object.values(result.metafile.outputs).flatMap(({ imports }) =>
    imports.filter((imported) => imported.external).map((imported) => imported.path),
  );
  assert.deepEqual(external, []);
  assert.equal(autoHoldsGlue, false, 'the auto entry imports the glue only dynamically');
  // The URL esbuild leaves for the page to resolve, against the chunk that holds core.js.
  const core = await readFile(join(outDir, coreChunk), 'utf8');
  assert.ok(core.includes('new URL("./wasm/rtc_offer_polyfill_bg.wasm",import.meta.url)'), `${coreChunk} finds the wasm beside it`);
});

pageTests(() => ({ browser, files }));
