// A webpack 5 production build of tests/fixtures/bundler-app/ with its default configuration (no
// loader, no plugin; its two entries as classic scripts): webpack emits the wasm core as an asset
// from the package's `new URL('./wasm/…', import.meta.url)` and the wasm-bindgen loader as a chunk
// of its own, and the built pages load them only when ours is constructed.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import webpack from 'webpack';
import { ROOT, appInTempDir, browse, filesIn, pageTests, writePages } from './bundled.js';

let dir;
let outDir;
let stats;
let browser;
let files;
/** The full and ECDSA parts' loader chunks and .wasm files as served. */
let lazyParts;

/** `config` built with webpack's Node API; resolves with the stats' JSON. */
function build(config) {
  return new Promise((resolve, reject) => {
    const compiler = webpack(config);
    compiler.run((error, result) => {
      compiler.close((closeError) => {
        if (error ?? closeError) reject(error ?? closeError);
        else resolve(result.toJson({ all: false, assets: true, chunks: true, chunkModules: true, errors: true, warnings: true }));
      });
    });
  });
}

before(async () => {
  let app;
  ({ dir, app, outDir } = await appInTempDir('webpack'));
  stats = await build({
    mode: 'production',
    context: app,
    entry: { main: './main.js', auto: './auto.js' },
    output: { path: outDir },
    // Its size hint (244 KiB) is the app's budget, not a problem with the package.
    performance: { hints: false },
  });
  // The chunk whose modules include the package's file `name`, besides the entries' own.
  const chunkOf = (name) => {
    const chunks = stats.chunks.filter(
      (chunk) => !chunk.initial && chunk.modules.some((module) => module.identifier?.endsWith(`|${ROOT}pkg/${name}`)),
    );
    assert.equal(chunks.length, 1, `one chunk holds pkg/${name}`);
    return `/${chunks[0].files[0]}`;
  };
  /** The emitted .wasm asset that is pkg/wasm/`name`, byte for byte. */
  const wasmAsset = async (name) => {
    const built = await readFile(join(ROOT, 'pkg', 'wasm', name));
    for (const asset of stats.assets.filter((candidate) => candidate.name.endsWith('.wasm'))) {
      if ((await readFile(join(outDir, asset.name))).equals(built)) return `/${asset.name}`;
    }
    assert.fail(`no emitted .wasm is pkg/wasm/${name}`);
  };
  files = {
    main: ['/main.js'],
    auto: ['/auto.js'],
    glue: [chunkOf('rtc-offer-polyfill.js')],
    loader: chunkOf('rtc-offer-polyfill.loader.js'),
    wasm: await wasmAsset('rtc_offer_polyfill_bg.wasm'),
  };
  // The full and ECDSA parts, emitted too: these pages read no SDP and have WebCrypto.
  lazyParts = [
    chunkOf('rtc-offer-polyfill.full.js'),
    await wasmAsset('rtc_offer_polyfill_full_bg.wasm'),
    chunkOf('rtc-offer-polyfill.ecdsa.js'),
    await wasmAsset('rtc_offer_polyfill_ecdsa_bg.wasm'),
  ];
  await writePages(outDir, (entry) => `<script src="./${entry}.js"></script>`);
  browser = await browse(outDir);
});

after(async () => {
  await browser?.env.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('the build emits the two entries, the glue chunk, and each wasm part with its loader chunk, without warnings', async () => {
  assert.deepEqual({ errors: stats.errors, warnings: stats.warnings }, { errors: [], warnings: [] });
  const pages = ['auto-without-webrtc.html', 'auto.html', 'index.html'];
  const built = [...files.main, ...files.auto, ...files.glue, files.loader, files.wasm, ...lazyParts].map((path) => path.slice(1));
  assert.deepEqual(await filesIn(outDir), [...pages, ...built].sort());
  assert.match(files.wasm, /^\/[0-9a-f]{20}\.wasm$/);
});

pageTests(() => ({ browser, files }));
