// A Vite production build of tests/fixtures/vite-app/, which imports 'rtc-offer-polyfill' by name:
// the build must emit the wasm core as an asset, and the built page must load it and make an offer.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, createLogger } from 'vite';
import { sdpSections, startBrowser } from './harness.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURE = fileURLToPath(new URL('../fixtures/vite-app/', import.meta.url));

const AUDIO_M_LINE = 'm=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126';
const RECVONLY_VIDEO_M_LINE =
  'm=video 9 UDP/TLS/RTP/SAVPF 96 97 98 99 100 101 35 36 37 38 102 103 104 107 108 109 114 115 116 117 39 40 41 42 43 44 45 46 47 48 118 119 120 49';
const DATA_M_LINE = 'm=application 9 UDP/DTLS/SCTP webrtc-datachannel';

/** Vite's content hashes, which change with every build of changed sources. */
const unhashed = (path) => path.replace(/-[\w-]{8}(?=\.(js|wasm)$)/, '-HASH');

let dir;
let outDir;
let env;
/** What Vite warned about or reported as an error while building. */
const buildProblems = [];
/** Every response the built page got: path, status, content type. */
const responses = [];

before(async () => {
  // The app as a user has it: its own directory, the package in its node_modules.
  dir = await mkdtemp(join(tmpdir(), 'rtc-offer-polyfill-vite-'));
  const app = join(dir, 'app');
  outDir = join(dir, 'dist');
  await cp(FIXTURE, app, { recursive: true });
  await mkdir(join(app, 'node_modules'));
  await symlink(ROOT, join(app, 'node_modules', 'rtc-offer-polyfill'), 'dir');

  const logger = createLogger('warn');
  logger.warn = (message) => buildProblems.push(`warning: ${message}`);
  logger.warnOnce = logger.warn;
  logger.error = (message) => buildProblems.push(`error: ${message}`);
  await build({
    root: app,
    configFile: false,
    customLogger: logger,
    build: { outDir, emptyOutDir: true },
  });

  env = await startBrowser({ root: outDir });
  env.context.on('response', (response) => {
    responses.push({
      path: new URL(response.url()).pathname,
      status: response.status(),
      type: response.headers()['content-type'],
    });
  });
});

after(async () => {
  await env?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('the build emits the page, its script, and each wasm part with its loader chunk, without warnings', async () => {
  assert.deepEqual(buildProblems, []);
  const files = (await readdir(outDir, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(outDir.length + 1))
    .sort();
  assert.deepEqual(files.map(unhashed), [
    'assets/index-HASH.js',
    'assets/rtc-offer-polyfill.ecdsa-HASH.js',
    'assets/rtc-offer-polyfill.loader-HASH.js',
    'assets/rtc_offer_polyfill_bg-HASH.wasm',
    'assets/rtc_offer_polyfill_ecdsa_bg-HASH.wasm',
    'index.html',
  ]);
  for (const name of ['rtc_offer_polyfill', 'rtc_offer_polyfill_ecdsa']) {
    const wasm = files.find((file) => unhashed(file) === `assets/${name}_bg-HASH.wasm`);
    const emitted = await readFile(join(outDir, wasm));
    const built = await readFile(join(ROOT, 'pkg', 'wasm', `${name}_bg.wasm`));
    assert.ok(emitted.equals(built), `the emitted wasm is pkg/wasm/${name}_bg.wasm, byte for byte`);
  }
});

test('the built page loads the wasm asset and makes an offer', async () => {
  const page = await env.openPage('/index.html');
  const offer = await page.evaluate(() => window.offer);
  const shown = await page.locator('#offer').textContent();

  const requested = responses
    .filter((response) => response.path !== '/favicon.ico')
    .map((response) => ({ ...response, path: unhashed(response.path) }))
    .sort((a, b) => (a.path < b.path ? -1 : 1));
  assert.deepEqual(requested, [
    { path: '/assets/index-HASH.js', status: 200, type: 'text/javascript; charset=utf-8' },
    { path: '/assets/rtc-offer-polyfill.loader-HASH.js', status: 200, type: 'text/javascript; charset=utf-8' },
    { path: '/assets/rtc_offer_polyfill_bg-HASH.wasm', status: 200, type: 'application/wasm' },
    { path: '/index.html', status: 200, type: 'text/html; charset=utf-8' },
  ]);
  const emitted = (await readdir(join(outDir, 'assets'))).find((name) => name.endsWith('.wasm'));
  assert.ok(responses.some((response) => response.path === `/assets/${emitted}`), `/assets/${emitted} was loaded`);

  assert.equal(offer.type, 'offer');
  assert.equal(shown, offer.sdp);
  const { session, media } = sdpSections(offer.sdp);
  assert.deepEqual(session.filter((line) => line.startsWith('a=group:')), ['a=group:BUNDLE 0 1 2']);
  assert.deepEqual(
    media.map((lines) => lines[0]),
    [AUDIO_M_LINE, RECVONLY_VIDEO_M_LINE, DATA_M_LINE],
  );
  assert.deepEqual(page.problems, []);
});
