// install(), the auto entry point, and how the glue meets the wasm core (loading, errors).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as polyfill from '../../pkg/index.js';
import { fromCore, loadCore } from '../../pkg/core.js';
import { assertDOMException, assertTargetClass, EXPORTS, rejection } from './helpers.js';
import { promiseNative } from './legacy-natives.js';

const PKG = fileURLToPath(new URL('../../pkg/', import.meta.url));

test('the entry exports the classes and install', () => {
  assert.deepEqual(Object.keys(polyfill).sort(), EXPORTS);
});

test("install() on a target without WebRTC: 'polyfilled', non-enumerable like interface objects", () => {
  const target = {};
  assert.equal(polyfill.install(target), 'polyfilled');
  assertTargetClass(target.RTCPeerConnection, polyfill.RTCPeerConnection);
  assertTargetClass(target.RTCSessionDescription, polyfill.RTCSessionDescription);
  assertTargetClass(target.RTCCertificate, polyfill.RTCCertificate);
  assertTargetClass(target.RTCRtpTransceiver, polyfill.RTCRtpTransceiver);
  assertTargetClass(target.RTCPeerConnectionIceEvent, polyfill.RTCPeerConnectionIceEvent);
  assertTargetClass(target.RTCError, polyfill.RTCError);
  assert.deepEqual(Object.keys(target), []);
  const descriptor = Object.getOwnPropertyDescriptor(target, 'RTCPeerConnection');
  assert.deepEqual([descriptor.writable, descriptor.configurable, descriptor.enumerable], [true, true, false]);
  assert.equal(polyfill.install(target), 'polyfilled', 'again: still ours');
});

test("install() leaves a modern native RTCPeerConnection alone ('native') unless forced", () => {
  // Legacy natives, which install() patches, are tested in install-patched.test.js.
  const NativeRTCPeerConnection = promiseNative({ transceivers: true });
  function NativeTransceiver() {}
  const target = { RTCPeerConnection: NativeRTCPeerConnection, RTCRtpTransceiver: NativeTransceiver };
  assert.equal(polyfill.install(target), 'native');
  assert.equal(target.RTCPeerConnection, NativeRTCPeerConnection);
  assert.equal(target.RTCSessionDescription, undefined);

  assert.equal(polyfill.install(target, { force: true }), 'polyfilled');
  assertTargetClass(target.RTCPeerConnection, polyfill.RTCPeerConnection);
  assertTargetClass(target.RTCRtpTransceiver, polyfill.RTCRtpTransceiver);
});

test('importing the auto entry installs on globalThis', async () => {
  assert.equal(globalThis.RTCPeerConnection, undefined, 'Node has no WebRTC of its own');
  await import('../../pkg/auto.js');
  assertTargetClass(globalThis.RTCPeerConnection, polyfill.RTCPeerConnection);
  assertTargetClass(globalThis.RTCSessionDescription, polyfill.RTCSessionDescription);
  assertTargetClass(globalThis.RTCCertificate, polyfill.RTCCertificate);
  assert.equal(polyfill.install(), 'polyfilled');
});

test('errors the core throws reach the page as TypeError, RTCError or named DOMExceptions', () => {
  const converted = fromCore({ name: 'InvalidModificationError', message: 'changed' });
  assertDOMException(converted, 'InvalidModificationError');
  assert.equal(converted.message, 'changed');
  assert.ok(fromCore({ name: 'TypeError', message: 'bad' }) instanceof TypeError);
  const syntax = fromCore({ name: 'OperationError', message: 'bad', errorDetail: 'sdp-syntax-error', sdpLineNumber: 3 }, 'op');
  assert.ok(syntax instanceof polyfill.RTCError);
  assert.deepEqual([syntax.name, syntax.errorDetail, syntax.sdpLineNumber, syntax.message], ['OperationError', 'sdp-syntax-error', 3, 'op: bad']);
  // Names the core does not have are internal failures, not page-visible names.
  assertDOMException(fromCore({ name: 'SyntaxError', message: 'bad' }), 'OperationError');
  assertDOMException(fromCore({ name: 'SomethingElse', message: 'bad' }), 'OperationError');
  assertDOMException(fromCore(new WebAssembly.RuntimeError('unreachable')), 'OperationError');
  assertDOMException(fromCore('a string'), 'OperationError');
});

test('every error kind of the core maps to its TypeError, DOMException or RTCError', async () => {
  await loadCore();
  const glue = await import('../../pkg/wasm/rtc_offer_polyfill.js');
  const samples = glue.errorSamples();
  assert.deepEqual(
    samples.map((e) => e.name),
    ['TypeError', 'InvalidStateError', 'InvalidModificationError', 'InvalidAccessError', 'NotSupportedError', 'OperationError', 'OperationError'],
  );
  for (const sample of samples) {
    const error = fromCore(sample);
    assert.equal(error.name, sample.name);
    assert.equal(error.message, sample.message);
    if (sample.name === 'TypeError') {
      assert.equal(error.constructor, TypeError);
    } else if (sample.errorDetail !== undefined) {
      assert.ok(error instanceof polyfill.RTCError);
      assert.equal(error.errorDetail, sample.errorDetail);
      assert.equal(error.sdpLineNumber, sample.sdpLineNumber);
    } else {
      assertDOMException(error, sample.name);
      assert.ok(!(error instanceof polyfill.RTCError), sample.name);
    }
  }
});

/** A copy of pkg/'s own modules in a temporary directory, with `wasm` set up by `prepare(dir)`. */
async function copyOfPackage(prepare) {
  const dir = await mkdtemp(join(tmpdir(), 'rtc-offer-polyfill-'));
  for (const file of await readdir(PKG)) {
    if (file.endsWith('.js')) await copyFile(join(PKG, file), join(dir, file));
  }
  await prepare(dir);
  return dir;
}

async function assertLoadFailureIsOperationError(dir) {
  try {
    const copy = await import(pathToFileURL(join(dir, 'index.js')).href);
    const pc = new copy.RTCPeerConnection();
    pc.addTransceiver('audio');
    assert.equal(pc.signalingState, 'stable', 'constructing and adding transceivers need no wasm');
    const error = await rejection(pc.createOffer());
    assertDOMException(error, 'OperationError');
    assert.match(error.message, /WebAssembly core/);
    assertDOMException(await rejection(pc.setLocalDescription()), 'OperationError');
    assertDOMException(
      await rejection(copy.RTCPeerConnection.generateCertificate({ name: 'ECDSA', namedCurve: 'P-256' })),
      'OperationError',
    );
    pc.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test('without the wasm build, importing works and operations reject with OperationError', async () => {
  await assertLoadFailureIsOperationError(await copyOfPackage(async () => {}));
});

test('with a corrupt .wasm file, operations reject with OperationError', async () => {
  const dir = await copyOfPackage(async (copy) => {
    await mkdir(join(copy, 'wasm'));
    await copyFile(join(PKG, 'wasm', 'rtc_offer_polyfill.js'), join(copy, 'wasm', 'rtc_offer_polyfill.js'));
    await writeFile(join(copy, 'wasm', 'rtc_offer_polyfill_bg.wasm'), 'not wasm');
  });
  await assertLoadFailureIsOperationError(dir);
});
