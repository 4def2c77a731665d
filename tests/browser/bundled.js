// Shared by webpack.test.js and esbuild.test.js: the sample app of tests/fixtures/bundler-app/ as a
// user has it (its own directory, the package in its node_modules), the pages that load a build of
// it, and a browser that records what each page fetches.

import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdir, mkdtemp, readdir, writeFile, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sdpSections, startBrowser } from './harness.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURE = fileURLToPath(new URL('../fixtures/bundler-app/', import.meta.url));

/** The m-lines of the app's offer (audio, recvonly video, data): Chromium's, and so ours. */
export const OFFER_M_LINES = [
  'm=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126',
  'm=video 9 UDP/TLS/RTP/SAVPF 96 97 98 99 100 101 35 36 37 38 102 103 104 107 108 109 114 115 116 117 39 40 41 42 43 44 45 46 47 48 118 119 120 49',
  'm=application 9 UDP/DTLS/SCTP webrtc-datachannel',
];

/** The m-lines of `offer`, which must be an offer. */
export function offerMLines(offer) {
  if (offer.type !== 'offer') throw new Error(`not an offer: ${offer.type}`);
  return sdpSections(offer.sdp).media.map((lines) => lines[0]);
}

/** A copy of the app in a new temporary directory: `{dir, app, outDir}`. */
export async function appInTempDir(name) {
  const dir = await mkdtemp(join(tmpdir(), `rtc-offer-polyfill-${name}-`));
  const app = join(dir, 'app');
  await cp(FIXTURE, app, { recursive: true });
  await mkdir(join(app, 'node_modules'));
  await symlink(ROOT, join(app, 'node_modules', 'rtc-offer-polyfill'), 'dir');
  return { dir, app, outDir: join(dir, 'dist') };
}

/** The pages the tests open, each loading one entry of the build. */
export const PAGES = {
  main: '/index.html',
  auto: '/auto.html',
  autoWithoutWebRTC: '/auto-without-webrtc.html',
};

// A classic script before the entry: what install() and the core's loading look for is gone.
const REMOVE_WEBRTC = `<script>
  for (const name of ['RTCPeerConnection', 'webkitRTCPeerConnection', 'RTCSessionDescription', 'RTCCertificate']) {
    delete window[name];
  }
</script>`;

/**
 * Writes the pages into `outDir`; `script(entry)` is the tag that loads the built `entry` ('main'
 * or 'auto') as the bundler's documentation says to.
 */
export async function writePages(outDir, script) {
  const page = (title, body) =>
    `<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>${title}</title>\n</head>\n<body>\n${body}\n</body>\n</html>\n`;
  await writeFile(join(outDir, PAGES.main.slice(1)), page('The package by name', script('main')));
  await writeFile(join(outDir, PAGES.auto.slice(1)), page('The auto entry', script('auto')));
  await writeFile(
    join(outDir, PAGES.autoWithoutWebRTC.slice(1)),
    page('The auto entry without WebRTC', `${REMOVE_WEBRTC}\n${script('auto')}`),
  );
}

/** Every file under `dir`, relative to it, sorted. */
export async function filesIn(dir) {
  return (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();
}

/**
 * Chromium serving `outDir`, with what each page fetched by the browser's log:
 * `requested(page)` the paths it asked for, `response(page, path)` resolves with `{status, type}`
 * once that response arrives (the test times out if it never does).
 */
export async function browse(outDir) {
  const env = await startBrowser({ root: outDir });
  const requests = [];
  const responses = [];
  const waiting = [];
  env.context.on('request', (request) => {
    requests.push({ page: request.frame().page(), path: new URL(request.url()).pathname });
  });
  env.context.on('response', (response) => {
    const seen = {
      page: response.frame().page(),
      path: new URL(response.url()).pathname,
      status: response.status(),
      type: response.headers()['content-type'],
    };
    responses.push(seen);
    for (const wait of waiting.filter((w) => w.page === seen.page && w.path === seen.path)) wait.resolve(seen);
  });
  const requested = (page) =>
    requests
      .filter((request) => request.page === page && request.path !== '/favicon.ico')
      .map((request) => request.path)
      .sort();
  const response = (page, path) =>
    new Promise((resolve) => {
      const seen = responses.find((r) => r.page === page && r.path === path);
      if (seen) resolve(seen);
      else waiting.push({ page, path, resolve });
    }).then(({ status, type }) => ({ status, type }));
  return { env, requested, response };
}

/**
 * The tests every bundler's build must pass in Chromium, on the pages of writePages().
 * `built()` gives `{browser, files}` once the suite's before() has built and served the app, with
 * `files` the served paths of what each built entry loads up front (`main`, `auto`: arrays), of
 * the chunks the auto entry imports for the glue (`glue`: an array), of the loader chunk (`loader`)
 * and of the wasm core (`wasm`).
 */
export function pageTests(built) {
  const JS = { status: 200, type: 'text/javascript; charset=utf-8' };
  const WASM = { status: 200, type: 'application/wasm' };

  describe('the package imported by name', () => {
    let page;
    let onImport;
    let offer;

    before(async () => {
      const { browser } = built();
      page = await browser.env.openPage(PAGES.main);
      onImport = { timing: (await page.evaluate(() => window.fetchedOnImport)).sort(), logged: browser.requested(page) };
      offer = await page.evaluate(() => window.makeOffer());
    });

    test('importing it fetches neither the loader chunk nor the wasm', () => {
      const { files } = built();
      assert.deepEqual(onImport, { timing: [...files.main].sort(), logged: [PAGES.main, ...files.main].sort() });
    });

    test('constructing ours fetches the loader chunk and the wasm (application/wasm), and makes an offer', async () => {
      const { browser, files } = built();
      assert.deepEqual(await browser.response(page, files.loader), JS);
      assert.deepEqual(await browser.response(page, files.wasm), WASM);
      assert.deepEqual(browser.requested(page), [PAGES.main, ...files.main, files.loader, files.wasm].sort());
      assert.deepEqual(offerMLines(offer), OFFER_M_LINES);
      assert.deepEqual(page.problems, []);
    });
  });

  describe("the auto entry over Chromium's modern native", () => {
    let page;
    let onImport;
    let offer;

    before(async () => {
      const { browser } = built();
      page = await browser.env.openPage(PAGES.auto);
      onImport = {
        timing: (await page.evaluate(() => window.fetchedOnImport)).sort(),
        nativeInstalled: await page.evaluate(() => window.nativeInstalled),
      };
      offer = await page.evaluate(() => window.makeOffer());
    });

    test('leaves the native installed and fetches neither the glue, the loader nor the wasm', () => {
      const { browser, files } = built();
      assert.deepEqual(onImport, { timing: [...files.auto].sort(), nativeInstalled: true });
      assert.deepEqual(offerMLines(offer), OFFER_M_LINES);
      assert.deepEqual(browser.requested(page), [PAGES.auto, ...files.auto].sort());
      assert.deepEqual(page.problems, []);
    });
  });

  describe('the auto entry on a page without WebRTC', () => {
    let page;
    let onImport;
    let offer;

    before(async () => {
      const { browser } = built();
      page = await browser.env.openPage(PAGES.autoWithoutWebRTC);
      onImport = {
        timing: (await page.evaluate(() => window.fetchedOnImport)).sort(),
        nativeInstalled: await page.evaluate(() => window.nativeInstalled),
      };
      offer = await page.evaluate(() => window.makeOffer());
    });

    test('installs ours, which fetches the glue, the loader chunk and the wasm and makes an offer', async () => {
      const { browser, files } = built();
      // The auto entry awaits the glue before the app runs; the glue starts the core's load, which
      // may or may not have finished then.
      assert.equal(onImport.nativeInstalled, false);
      assert.deepEqual(
        onImport.timing.filter((path) => path !== files.loader && path !== files.wasm),
        [...files.auto, ...files.glue].sort(),
      );
      for (const file of files.glue) assert.deepEqual(await browser.response(page, file), JS);
      assert.deepEqual(await browser.response(page, files.loader), JS);
      assert.deepEqual(await browser.response(page, files.wasm), WASM);
      assert.deepEqual(
        browser.requested(page),
        [PAGES.autoWithoutWebRTC, ...files.auto, ...files.glue, files.loader, files.wasm].sort(),
      );
      assert.deepEqual(offerMLines(offer), OFFER_M_LINES);
      assert.deepEqual(page.problems, []);
    });
  });
}
