// A Vite production build of tests/fixtures/bundler-app/ with no configuration but its three pages
// as inputs: Vite emits the wasm core as an asset from the package's
// `new URL('./wasm/…', import.meta.url)` and the wasm-bindgen loader as a chunk of its own, and the
// built pages load them only when ours is constructed.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { build, createLogger } from 'vite';
import { PAGES, ROOT, appInTempDir, browse, filesIn, pageTests, writePages } from './bundled.js';

/** Vite's content hashes, which change with every build of changed sources. */
const unhashed = (path) => path.replace(/-[\w-]{8}(?=\.(js|wasm)$)/, '-HASH');

let dir;
let outDir;
/** What Vite warned about or reported as an error while building. */
const buildProblems = [];
let browser;
let files;
/** Whether what the auto entry loads up front holds the glue. */
let autoHoldsGlue;

before(async () => {
  let app;
  ({ dir, app, outDir } = await appInTempDir('vite'));
  // Vite builds from pages: the pages the tests open are its inputs.
  await writePages(app, (entry) => `<script type="module" src="./${entry}.js"></script>`);
  const logger = createLogger('warn');
  logger.warn = (message) => buildProblems.push(`warning: ${message}`);
  logger.warnOnce = logger.warn;
  logger.error = (message) => buildProblems.push(`error: ${message}`);
  const result = await build({
    root: app,
    configFile: false,
    customLogger: logger,
    build: {
      outDir,
      emptyOutDir: true,
      rolldownOptions: { input: Object.values(PAGES).map((page) => join(app, page)) },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]).flatMap((bundle) => bundle.output);
  const chunks = outputs.filter((output) => output.type === 'chunk');
  const chunkWith = (suffix) => {
    const found = chunks.filter((chunk) => chunk.moduleIds.some((id) => id.endsWith(suffix)));
    assert.equal(found.length, 1, `one chunk holds …${suffix}`);
    return found[0];
  };
  /** `chunk` and every chunk it imports statically, transitively: file names. */
  const loads = (chunk, into = new Set()) => {
    into.add(chunk.fileName);
    for (const name of chunk.imports) {
      if (!into.has(name)) loads(chunks.find((other) => other.fileName === name), into);
    }
    return into;
  };
  const auto = chunkWith('/app/auto.js');
  const autoLoads = loads(auto);
  assert.equal(auto.dynamicImports.length, 1, 'the auto entry imports the glue, and nothing else, dynamically');
  const glue = chunks.find((chunk) => chunk.fileName === auto.dynamicImports[0]);
  autoHoldsGlue = chunks.some(
    (chunk) => autoLoads.has(chunk.fileName) && chunk.moduleIds.some((id) => id.endsWith('/pkg/rtc-offer-polyfill.js')),
  );
  const served = (names) => [...names].map((name) => `/${name}`);
  files = {
    main: served(loads(chunkWith('/app/main.js'))),
    auto: served(autoLoads),
    glue: served([...loads(glue)].filter((name) => !autoLoads.has(name))),
    loader: `/${chunkWith('/pkg/rtc-offer-polyfill.loader.js').fileName}`,
    wasm: `/${outputs.find((output) => unhashed(output.fileName) === 'assets/rtc_offer_polyfill_bg-HASH.wasm')?.fileName}`,
  };
  browser = await browse(outDir);
});

after(async () => {
  await browser?.env.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('the build emits the pages, their chunks, and each wasm part with its loader chunk, without warnings', async () => {
  assert.deepEqual(buildProblems, []);
  const built = await filesIn(outDir);
  assert.deepEqual(built.map(unhashed), [
    'assets/auto-HASH.js',
    'assets/index-HASH.js',
    'assets/page-HASH.js',
    'assets/preload-helper-HASH.js',
    // The glue, and the facade the auto entry imports it through.
    'assets/rtc-offer-polyfill-HASH.js',
    'assets/rtc-offer-polyfill-HASH.js',
    // The full and ECDSA parts are emitted too: these pages read no SDP and have WebCrypto.
    'assets/rtc-offer-polyfill.ecdsa-HASH.js',
    'assets/rtc-offer-polyfill.full-HASH.js',
    'assets/rtc-offer-polyfill.loader-HASH.js',
    'assets/rtc_offer_polyfill_bg-HASH.wasm',
    'assets/rtc_offer_polyfill_ecdsa_bg-HASH.wasm',
    'assets/rtc_offer_polyfill_full_bg-HASH.wasm',
    'auto-without-webrtc.html',
    'auto.html',
    'index.html',
  ]);
  assert.equal(autoHoldsGlue, false, 'the auto entry imports the glue only dynamically');
  for (const name of ['rtc_offer_polyfill', 'rtc_offer_polyfill_full', 'rtc_offer_polyfill_ecdsa']) {
    const emitted = await readFile(join(outDir, built.find((file) => unhashed(file) === `assets/${name}_bg-HASH.wasm`)));
    const core = await readFile(join(ROOT, 'pkg', 'wasm', `${name}_bg.wasm`));
    assert.ok(emitted.equals(core), `the emitted wasm is pkg/wasm/${name}_bg.wasm, byte for byte`);
  }
});

pageTests(() => ({ browser, files }));
