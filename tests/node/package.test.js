// The npm package as published: what `npm pack` puts in the tarball, and the tarball installed
// into a fresh project, where Node resolves 'rtc-offer-polyfill' by name through the exports map
// and `npx rtc-offer-polyfill` runs the CLI.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXPORTS } from './helpers.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Runs a command; resolves to its exit code and output. */
function run(command, args, options) {
  return new Promise((resolve) => {
    execFile(command, args, { ...options, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error ? error.code : 0, stdout, stderr }),
    );
  });
}

async function npm(args, cwd) {
  const result = await run('npm', [...args, '--no-audit', '--no-fund'], { cwd });
  assert.equal(result.code, 0, `npm ${args.join(' ')}:\n${result.stderr}`);
  return result.stdout;
}

/** The names in `dir` (relative to the repository) ending with one of `suffixes`. */
async function filesIn(dir, suffixes) {
  const names = await readdir(join(ROOT, dir));
  return names.filter((name) => suffixes.some((suffix) => name.endsWith(suffix))).map((name) => `${dir}/${name}`);
}

test('npm pack: the glue, its types, the wasm core, the CLI and the README, nothing else', async (t) => {
  const [pack] = JSON.parse(await npm(['pack', '--dry-run', '--json'], ROOT));
  const paths = pack.files.map((file) => file.path).sort();
  const expected = [
    'README.md',
    ...(await filesIn('bin', ['.js'])),
    'package.json',
    'pkg/index.d.ts',
    // npm packs every README; this one says which files here are source and which generated.
    'pkg/README.md',
    ...(await filesIn('pkg', ['.js', '.js.map'])),
    ...(await filesIn('pkg/wasm', ['.js', '.wasm', '.d.ts'])),
  ].sort();
  assert.deepEqual(paths, expected);
  for (const path of [
    'pkg/index.js',
    'pkg/auto.js',
    'pkg/rtc-offer-polyfill.js',
    'pkg/rtc-offer-polyfill.js.map',
    'pkg/rtc-offer-polyfill.auto.js',
    'pkg/index.d.ts',
    'pkg/wasm/rtc_offer_polyfill.js',
    'pkg/wasm/rtc_offer_polyfill_bg.wasm',
  ]) {
    assert.ok(paths.includes(path), `${path} is packed (is pkg/wasm/ and the bundle built? scripts/build.sh)`);
  }
  const forbidden = /^(src|target|tests|scripts|www|benches|\.ci|node_modules)\/|^Cargo\./;
  assert.deepEqual(
    paths.filter((path) => forbidden.test(path)),
    [],
  );
  const bin = pack.files.find((file) => file.path === 'bin/rtc-offer-polyfill.js');
  assert.equal(bin.mode & 0o111, 0o111, 'the CLI is executable');
  t.diagnostic(
    `tarball ${pack.filename}: ${pack.size} bytes packed, ${pack.unpackedSize} bytes unpacked, ${paths.length} files`,
  );
});

let project;

before(async () => {
  // The real tarball, installed as a dependency of an empty ES-module project.
  project = await mkdtemp(join(tmpdir(), 'rtc-offer-polyfill-consumer-'));
  const [pack] = JSON.parse(await npm(['pack', '--json', '--pack-destination', project], ROOT));
  await writeFile(join(project, 'package.json'), '{ "name": "consumer", "private": true, "type": "module" }\n');
  await npm(['install', '--offline', '--loglevel=error', `./${pack.filename}`], project);
});

after(async () => {
  if (project) await rm(project, { recursive: true, force: true });
});

/** Runs a module in the installed project with Node; resolves to what it printed. */
async function inProject(source) {
  const file = join(project, `check-${Math.random().toString(36).slice(2)}.js`);
  await writeFile(file, source);
  const result = await run(process.execPath, [file], { cwd: project });
  assert.deepEqual({ code: result.code, stderr: result.stderr }, { code: 0, stderr: '' });
  return JSON.parse(result.stdout);
}

test("installed: import('rtc-offer-polyfill') by name makes an offer in Node", async () => {
  const result = await inProject(`
    const polyfill = await import('rtc-offer-polyfill');
    const pc = new polyfill.RTCPeerConnection();
    pc.addTransceiver('audio');
    const offer = await pc.createOffer();
    pc.close();
    const url = import.meta.resolve('rtc-offer-polyfill');
    console.log(JSON.stringify({
      exports: Object.keys(polyfill).sort(),
      resolved: url.slice(url.indexOf('/node_modules/')),
      type: offer.type,
      mLines: offer.sdp.split('\\r\\n').filter((line) => line.startsWith('m=')),
      hasRTCPeerConnection: 'RTCPeerConnection' in globalThis,
    }));
  `);
  assert.deepEqual(result, {
    exports: EXPORTS,
    resolved: '/node_modules/rtc-offer-polyfill/pkg/rtc-offer-polyfill.js',
    type: 'offer',
    mLines: ['m=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126'],
    hasRTCPeerConnection: false,
  });
});

test("installed: 'rtc-offer-polyfill/auto' installs the globals; other paths are not exported", async () => {
  const result = await inProject(`
    await import('rtc-offer-polyfill/auto');
    const { RTCPeerConnection } = await import('rtc-offer-polyfill');
    let internal;
    try {
      await import('rtc-offer-polyfill/pkg/core.js');
      internal = 'imported';
    } catch (error) {
      internal = error.code;
    }
    // The global's own subclass (pkg/realm.js).
    const installed = Object.getPrototypeOf(globalThis.RTCPeerConnection) === RTCPeerConnection;
    console.log(JSON.stringify({ installed, internal }));
  `);
  assert.deepEqual(result, { installed: true, internal: 'ERR_PACKAGE_PATH_NOT_EXPORTED' });
});

test('installed: npx rtc-offer-polyfill prints an offer', async () => {
  const args = ['--offline', 'rtc-offer-polyfill', '--audio', '1', '--json'];
  const { code, stdout } = await run('npx', args, { cwd: project });
  assert.equal(code, 0);
  const offer = JSON.parse(stdout);
  assert.equal(offer.type, 'offer');
  assert.deepEqual(
    offer.sdp.split('\r\n').filter((line) => line.startsWith('m=')),
    ['m=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126'],
  );
});
