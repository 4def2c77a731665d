// The ground the other browser tests stand on, checked without our package: the static server
// (MIME types, isolation headers, paths, the bytes each path loads), and Chromium's own RTCPeerConnection running every
// scenario of pages/scenarios.js on a cross-origin-isolated localhost page.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { PATHS } from '../../scripts/bench/bytes.mjs';
import { startServer } from '../../scripts/serve.mjs';
import { mLinePorts, startBrowser } from './harness.js';

function get(port, path, method = 'GET') {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('scripts/serve.mjs', () => {
  let base;
  let root;
  let server;

  before(async () => {
    base = await mkdtemp(join(tmpdir(), 'rtc-offer-polyfill-serve-'));
    root = join(base, 'site');
    await mkdir(join(root, 'www'), { recursive: true });
    await writeFile(join(base, 'secret.txt'), 'secret');
    await writeFile(join(root, 'www', 'index.html'), '<!doctype html><title>x</title>');
    await writeFile(join(root, 'www', 'a.js'), 'export {};');
    await writeFile(join(root, 'www', 'b.mjs'), 'export {};');
    await writeFile(join(root, 'www', 'c.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
    server = await startServer({ root });
  });

  after(async () => {
    await server?.close();
    await rm(base, { recursive: true, force: true });
  });

  test('reports a localhost URL on the port it listens on', () => {
    assert.equal(server.url, `http://localhost:${server.port}/`);
    assert.ok(server.port > 0);
  });

  test('sends the MIME types browsers insist on', async () => {
    const expected = {
      '/www/a.js': 'text/javascript; charset=utf-8',
      '/www/b.mjs': 'text/javascript; charset=utf-8',
      '/www/c.wasm': 'application/wasm',
      '/www/index.html': 'text/html; charset=utf-8',
    };
    for (const [path, type] of Object.entries(expected)) {
      const res = await get(server.port, path);
      assert.equal(res.status, 200, path);
      assert.equal(res.headers['content-type'], type, path);
    }
    const wasm = await get(server.port, '/www/c.wasm');
    assert.deepEqual([...wasm.body], [0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
    assert.equal(wasm.headers['content-length'], '8');
  });

  test('isolates every response (COOP/COEP) and disables caching', async () => {
    for (const path of ['/www/', '/www/a.js', '/missing']) {
      const res = await get(server.port, path);
      assert.equal(res.headers['cross-origin-opener-policy'], 'same-origin', path);
      assert.equal(res.headers['cross-origin-embedder-policy'], 'require-corp', path);
      assert.equal(res.headers['cache-control'], 'no-store', path);
    }
  });

  test('serves index.html for directories and redirects to them', async () => {
    assert.equal((await get(server.port, '/www/')).body.toString(), '<!doctype html><title>x</title>');
    const noSlash = await get(server.port, '/www');
    assert.equal(noSlash.status, 301);
    assert.equal(noSlash.headers.location, '/www/');
    const rootPath = await get(server.port, '/');
    assert.equal(rootPath.status, 302);
    assert.equal(rootPath.headers.location, '/www/');
  });

  test('answers HEAD without a body, refuses other methods', async () => {
    const head = await get(server.port, '/www/a.js', 'HEAD');
    assert.equal(head.status, 200);
    assert.equal(head.body.length, 0);
    assert.equal((await get(server.port, '/www/a.js', 'POST')).status, 405);
  });

  test('never serves outside its root', async () => {
    // URL parsing already drops dot segments; an encoded slash gets past it to the root check.
    assert.equal((await get(server.port, '/../secret.txt')).status, 404);
    assert.equal((await get(server.port, '/%2e%2e/secret.txt')).status, 404);
    assert.equal((await get(server.port, '/www/..%2f..%2fsecret.txt')).status, 403);
    assert.equal((await get(server.port, '/nope.js')).status, 404);
    assert.equal((await get(server.port, '/%E0%A4%A')).status, 400);
  });

  test('/bytes-each-path.json: the sizes of the files under its root, recomputed when one changes', async () => {
    assert.equal((await get(server.port, '/bytes-each-path.json')).status, 404);

    const files = [...new Set(Object.values(PATHS).flat())];
    // Each file's content in a build: distinct, and compressible.
    const contentOf = (file, build) => Buffer.from(`${build} ${file} `.repeat(50 + 10 * files.indexOf(file)));
    const sizesOf = (bytes) => ({
      raw: bytes.length,
      gzip: gzipSync(bytes, { level: 9 }).length,
      brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    });
    for (const build of ['a first build', 'the second build']) {
      for (const file of files) {
        await mkdir(join(root, dirname(file)), { recursive: true });
        await writeFile(join(root, file), contentOf(file, build));
      }
      const res = await get(server.port, '/bytes-each-path.json');
      assert.equal(res.status, 200, build);
      assert.equal(res.headers['content-type'], 'application/json; charset=utf-8');
      assert.equal(res.headers['cross-origin-embedder-policy'], 'require-corp');
      const expected = Object.entries(PATHS).map(([path, pathFiles]) => {
        const sizes = pathFiles.map((file) => sizesOf(contentOf(file, build)));
        const sum = (name) => sizes.reduce((total, size) => total + size[name], 0);
        return { path, files: pathFiles, raw: sum('raw'), gzip: sum('gzip'), brotli: sum('brotli') };
      });
      assert.deepEqual(JSON.parse(res.body), expected, build);
    }
  });
});

describe('native Chromium on a localhost page', () => {
  let env;
  let page;

  before(async () => {
    env = await startBrowser({ fakeMedia: true });
    page = await env.openPage('/tests/browser/pages/native.html');
  });

  after(async () => {
    await env?.close();
  });

  test('the page is cross-origin isolated (5 µs timers)', async () => {
    assert.equal(await page.evaluate(() => self.crossOriginIsolated), true);
    assert.equal(await page.evaluate(() => self.isSecureContext), true);
  });

  test('every scenario runs natively and Chromium answers its own offers', async () => {
    const names = await page.evaluate(() => window.scenarioNames);
    for (const name of names) {
      const offers = await page.evaluate((n) => window.runNative(n), name);
      assert.ok(offers.length >= 1, name);
      for (const sdp of offers) {
        const result = await page.evaluate((s) => window.answerWithNative(s), sdp);
        assert.equal(result.error, undefined, `${name}: ${result.failedAt}: ${result.error}`);
        assert.deepEqual(
          mLinePorts(result.answer).map((port) => port !== 0),
          mLinePorts(sdp).map(() => true),
          name,
        );
      }
    }
    assert.deepEqual(page.problems, []);
  });
});
