// The tests/node files, unmodified, in Chromium on a page whose native WebRTC is gone: every rule
// they check in Node is checked again where the polyfill really runs (MessageChannel tasks,
// Chromium's DOMException and EventTarget, WebCrypto, fetched wasm).
//
// How: pages/node-suite.html maps node:test and node:assert/strict to small browser versions
// (pages/shims/) with an import map, and the Node built-ins some files import to stubs that fail
// when used. Each file gets a fresh page, which imports it, runs what it registered in order,
// and hands back the results; they are replayed here as subtests of the same names, so a test
// that fails only in Chromium fails by name.
//
// Node globals the files use (setImmediate, process.env) are not page globals there: served test
// files get one appended line importing them as module bindings (see pages/shims/node-globals.js),
// which leaves every other line where it is, so stacks point at the real lines.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowser } from './harness.js';

/**
 * The files that run, each with the tests that cannot run in a browser (full names, 'describe >
 * test') and why. A name that matches no test fails the file, so the list cannot go stale.
 * Left out: cli.test.js, package.test.js and types.test.js (they run Node, npm and tsc as child
 * processes), install-patched.test.js's child-process suite (below).
 */
const FILES = {
  'configuration.test.js': {},
  'icecandidate.test.js': {},
  'createoffer.test.js': {},
  'negotiation.test.js': {},
  'objects.test.js': {},
  'peerconnection.test.js': {},
  'remote.test.js': {},
  'sdporder.test.js': {},
  'parameters.test.js': {},
  'stats.test.js': {},
  // Its reference offers (read with node:fs from outside the served tree) are missing here: it
  // fuzzes with its generated values only.
  'fuzz.test.js': {},
  'wpt-addicecandidate.test.js': {},
  'wpt-addtrack.test.js': {},
  'wpt-addtransceiver.test.js': {},
  'wpt-createanswer.test.js': {},
  'wpt-createdatachannel.test.js': {},
  'wpt-createoffer.test.js': {},
  'wpt-dtlstransport.test.js': {},
  'wpt-getstats.test.js': {},
  'wpt-icecandidate-constructor.test.js': {},
  'wpt-onnegotiationneeded.test.js': {},
  'wpt-pranswer.test.js': {},
  'wpt-removetrack.test.js': {},
  'wpt-rtpparameters.test.js': {},
  'wpt-sctptransport.test.js': {},
  'wpt-setdescription-transceiver.test.js': {},
  'wpt-setlocaldescription-answer.test.js': {},
  'wpt-setlocaldescription-offer.test.js': {},
  'wpt-setlocaldescription-rollback.test.js': {},
  'wpt-setremotedescription.test.js': {},
  'wpt-setremotedescription-answer.test.js': {},
  'wpt-setremotedescription-offer.test.js': {},
  'wpt-setremotedescription-rollback.test.js': {},
  'wpt-transceiver-direction.test.js': {},
  'wpt-transceiver-stop.test.js': {},
  'wpt-transceivers.test.js': {},
  'certificate.test.js': {
    'with WebCrypto > ECDSA P-256 in Node: node:crypto makes the key pair (no WebCrypto call), which signs the certificate, and hashes it':
      'Node only: browsers make ECDSA keys with WebCrypto (tests/browser/certificate.test.js)',
    'with WebCrypto > RSASSA-PKCS1-v1_5 2048 bits, exponent 65537, SHA-256: as webrtc-pc requires':
      'reads the certificate with node:crypto X509Certificate and the openssl command',
    'with WebCrypto > RSA: other sizes Chromium takes, and the parameter forms WebCrypto normalizes':
      'reads the certificates with node:crypto X509Certificate',
    'with WebCrypto > WebCrypto failures reject with OperationError':
      'reads the last certificate with node:crypto X509Certificate',
    'without WebCrypto (crypto.subtle hidden, as in an http: page) > ECDSA P-256 certificates come from the core, valid as WebCrypto’s':
      'reads the certificate with node:crypto X509Certificate and the openssl command',
    'expires: honoured, capped at 365 days, 0 gives an expired certificate':
      'reads the last certificate with node:crypto X509Certificate',
    'algorithms: what WebCrypto normalization and Chromium make of them':
      'reads one certificate with node:crypto X509Certificate',
    "a connection's default certificate: the offer's fingerprint is the SHA-256 of its DER, from node:crypto or the ECDSA part":
      'reads the certificates with node:crypto X509Certificate (tests/browser/certificate.test.js checks the browser’s digest)',
  },
  'install.test.js': {
    'without the wasm build, importing works and operations reject with OperationError':
      'copies pkg/ to a temporary directory with node:fs',
    'with a corrupt .wasm file, operations reject with OperationError':
      'copies pkg/ to a temporary directory with node:fs',
  },
  'install-patched.test.js': {
    'no wasm for patched or native (a child process watches pkg/wasm/ reads and WebAssembly)':
      'runs each scenario in a Node child process',
  },
};

/** Environment variables the files read (process.env), passed on to the page. */
const FORWARDED_ENV = ['FUZZ_SEED', 'FUZZ_ROUNDS'];

/** Node globals a served test file may use, and how to tell that it does. */
const NODE_GLOBALS = [
  ['setImmediate', /\bsetImmediate\s*\(/],
  ['process', /\bprocess\./],
];

let env;

before(async () => {
  env = await startBrowser();
  await env.context.route(/\/tests\/node\/[^/?]+\.js(\?.*)?$/, async (route) => {
    const response = await route.fetch();
    const body = await response.text();
    const names = NODE_GLOBALS.filter(([, used]) => used.test(body)).map(([name]) => name);
    if (names.length === 0) {
      await route.fulfill({ response, body });
      return;
    }
    const line = `\nimport { ${names.join(', ')} } from '/tests/browser/pages/shims/node-globals.js';\n`;
    await route.fulfill({ response, body: body + line });
  });
});

after(async () => {
  await env?.close();
});

test('the page has no native WebRTC left', async () => {
  const page = await env.openPage('/tests/browser/pages/node-suite.html');
  const state = await page.evaluate(() => ({
    removed: ['RTCPeerConnection', 'RTCSessionDescription', 'RTCRtpTransceiver', 'RTCCertificate', 'RTCIceCandidate']
      .filter((name) => window.removedNatives.includes(name)),
    left: window.nativesLeft,
    peerConnection: typeof window.RTCPeerConnection,
    setImmediate: typeof window.setImmediate,
  }));
  await page.close();
  assert.deepEqual(state, {
    removed: ['RTCPeerConnection', 'RTCSessionDescription', 'RTCRtpTransceiver', 'RTCCertificate', 'RTCIceCandidate'],
    left: [],
    peerConnection: 'undefined',
    // The glue must take its browser path (MessageChannel tasks), not the setImmediate one.
    setImmediate: 'undefined',
  });
});

/** An Error standing for one thrown in the page, with the page's stack. */
function pageError({ name, message, stack, cause }) {
  const error = new Error(message);
  error.name = name;
  const frames = (stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  error.stack = [`${name}: ${message}`, ...frames].join('\n');
  if (cause) error.cause = pageError(cause);
  return error;
}

/** Replays one result from the page as a subtest of `t` (suites as subtests with subtests). */
async function replay(t, result) {
  if (result.status === 'skip') {
    await t.test(result.name, { skip: result.reason });
    return;
  }
  const options = result.status === 'todo' ? { todo: result.reason } : {};
  await t.test(result.name, options, async (subtest) => {
    for (const message of result.diagnostics ?? []) subtest.diagnostic(message);
    for (const child of result.children) await replay(subtest, child);
    if (result.error) throw pageError(result.error);
  });
}

for (const [file, skips] of Object.entries(FILES)) {
  test(`tests/node/${file} in Chromium`, async (t) => {
    const page = await env.openPage('/tests/browser/pages/node-suite.html');
    const forwarded = Object.fromEntries(
      FORWARDED_ENV.filter((name) => process.env[name] !== undefined).map((name) => [name, process.env[name]]),
    );
    const outcome = await page.evaluate(
      ([path, skipList, variables]) => {
        window.__forwardedEnv = variables;
        return window.runNodeTestFile(path, skipList);
      },
      [`/tests/node/${file}`, skips, forwarded],
    );
    await page.close();
    if (outcome.importError) assert.fail(`importing tests/node/${file} in the page: ${outcome.importError}`);
    for (const result of outcome.results) await replay(t, result);
    await t.test('the skip list names only tests of the file', () => {
      assert.deepEqual(outcome.unusedSkips, []);
    });
    await t.test('no error outside the tests: hooks, uncaught errors, console.error', () => {
      if (outcome.rootError) throw pageError(outcome.rootError);
      assert.deepEqual(outcome.strayErrors, []);
      // Uncaught errors already failed their tests; anything else the page reported did not.
      const unexplained = [...page.problems];
      for (const message of outcome.uncaughtMessages) {
        const index = unexplained.indexOf(`pageerror: ${message}`);
        if (index >= 0) unexplained.splice(index, 1);
      }
      assert.deepEqual(unexplained, []);
    });
  });
}
