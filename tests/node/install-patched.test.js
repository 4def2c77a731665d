// install() over the natives of older engines: vendor-prefixed and/or callback-only ones are
// patched ('patched'), modern ones left alone ('native'), and neither loads the wasm core.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import * as polyfill from '../../pkg/index.js';
import { assertTargetClass, rejection } from './helpers.js';
import {
  callbackOnlyNative,
  LegacyIceCandidate,
  LegacySessionDescription,
  promiseNative,
} from './legacy-natives.js';

const { install } = polyfill;

/** A target like old Chrome's window: webkitRTCPeerConnection, unprefixed RTCSessionDescription. */
function oldChrome(options) {
  return { webkitRTCPeerConnection: callbackOnlyNative(options), RTCSessionDescription: LegacySessionDescription };
}

/** A patched connection over a fresh callback-only native, and that native's record of calls. */
function patchedConnection(extra = {}) {
  const target = { ...oldChrome(), ...extra };
  assert.equal(install(target), 'patched');
  const pc = new target.RTCPeerConnection();
  return { target, pc, calls: () => pc.calls.slice(1) };
}

/** Calls `call(success, failure)`; resolves with what it returned and which callback ran with what. */
function legacy(call) {
  return new Promise((resolve) => {
    let returned;
    const report = (outcome) => (...args) => queueMicrotask(() => resolve({ returned, outcome, args }));
    returned = call(report('success'), report('failure'));
  });
}

describe('detection', () => {
  test("a prefixed callback-only native (old Chrome) is patched: 'patched', the standard name added", () => {
    const target = oldChrome();
    const Native = target.webkitRTCPeerConnection;
    assert.equal(install(target), 'patched');
    const Patched = target.RTCPeerConnection;
    assert.equal(typeof Patched, 'function');
    assert.notEqual(Patched, Native);
    assert.notEqual(Patched, polyfill.RTCPeerConnection);
    assert.equal(Patched.name, 'RTCPeerConnection');
    assert.equal(Object.getPrototypeOf(Patched), Native, 'a subclass: statics are inherited');
    assert.equal(Object.getPrototypeOf(Patched.prototype), Native.prototype);
    assert.equal(target.webkitRTCPeerConnection, Native, 'the prefixed name stays');
    assert.equal(target.RTCSessionDescription, LegacySessionDescription, 'the native one stays');
    assert.equal('RTCIceCandidate' in target, false, 'none to take from a prefixed name');
    assert.equal('RTCCertificate' in target, false, 'nothing of ours is installed');
    assert.deepEqual(Object.keys(target), ['webkitRTCPeerConnection', 'RTCSessionDescription']);
    const descriptor = Object.getOwnPropertyDescriptor(target, 'RTCPeerConnection');
    assert.deepEqual([descriptor.writable, descriptor.configurable, descriptor.enumerable], [true, true, false]);
    assert.equal(install(target), 'patched', 'again: the same class, not wrapped twice');
    assert.equal(target.RTCPeerConnection, Patched);
  });

  test('install() probes the native with one connection, which it closes', () => {
    const target = oldChrome();
    install(target);
    assert.deepEqual(
      target.webkitRTCPeerConnection.instances.map((pc) => pc.calls),
      [[['constructor', { iceServers: [] }], ['close']]],
      'callback-only: createOffer({}) threw before recording anything',
    );
    const Modern = promiseNative({ transceivers: true });
    assert.equal(install({ RTCPeerConnection: Modern }), 'native');
    assert.deepEqual(
      Modern.instances.map((pc) => pc.calls),
      [[['constructor', { iceServers: [] }], ['createOffer', {}], ['close']]],
    );
  });

  test("old Firefox's prefixed names: RTCSessionDescription and RTCIceCandidate are taken from them", () => {
    const Native = callbackOnlyNative();
    const target = {
      mozRTCPeerConnection: Native,
      mozRTCSessionDescription: LegacySessionDescription,
      mozRTCIceCandidate: LegacyIceCandidate,
    };
    assert.equal(install(target), 'patched');
    assert.equal(Object.getPrototypeOf(target.RTCPeerConnection), Native);
    assert.equal(target.RTCSessionDescription, LegacySessionDescription);
    assert.equal(target.RTCIceCandidate, LegacyIceCandidate);
    assert.deepEqual(Object.keys(target), ['mozRTCPeerConnection', 'mozRTCSessionDescription', 'mozRTCIceCandidate']);
  });

  test('an unprefixed callback-only native is replaced by its patched subclass', () => {
    const Native = callbackOnlyNative();
    const target = { RTCPeerConnection: Native, RTCSessionDescription: LegacySessionDescription };
    assert.equal(install(target), 'patched');
    assert.notEqual(target.RTCPeerConnection, Native);
    assert.equal(Object.getPrototypeOf(target.RTCPeerConnection), Native);
  });

  test('promise-based natives are patched when prefixed or without addTransceiver, else left alone', () => {
    const cases = [
      ['webkitRTCPeerConnection', true, 'patched'],
      ['RTCPeerConnection', false, 'patched'],
      ['RTCPeerConnection', true, 'native'],
      ['mozRTCPeerConnection', true, 'patched'],
    ];
    for (const [name, transceivers, expected] of cases) {
      const Native = promiseNative({ transceivers });
      const target = { [name]: Native };
      assert.equal(install(target), expected, `${name}, transceivers: ${transceivers}`);
      const patched = Object.getPrototypeOf(target.RTCPeerConnection) === Native;
      assert.equal(patched, expected === 'patched');
      assert.equal(target.RTCPeerConnection === Native, expected === 'native');
    }
  });

  test("force installs ours over legacy and modern natives alike: 'polyfilled'", () => {
    const legacyTarget = oldChrome();
    const Native = legacyTarget.webkitRTCPeerConnection;
    assert.equal(install(legacyTarget, { force: true }), 'polyfilled');
    assertTargetClass(legacyTarget.RTCPeerConnection, polyfill.RTCPeerConnection);
    assertTargetClass(legacyTarget.RTCSessionDescription, polyfill.RTCSessionDescription);
    assert.equal(legacyTarget.webkitRTCPeerConnection, Native);

    const patchedTarget = oldChrome();
    assert.equal(install(patchedTarget), 'patched');
    assert.equal(install(patchedTarget, { force: true }), 'polyfilled');
    assertTargetClass(patchedTarget.RTCPeerConnection, polyfill.RTCPeerConnection);

    const Modern = promiseNative({ transceivers: true });
    const modernTarget = { RTCPeerConnection: Modern };
    assert.equal(install(modernTarget, { force: true }), 'polyfilled');
    assertTargetClass(modernTarget.RTCPeerConnection, polyfill.RTCPeerConnection);
  });
});

describe('the patched class over a callback-only native', () => {
  test('promise forms: createOffer resolves with a plain {sdp, type}; setLocalDescription takes it', async () => {
    const { pc, calls } = patchedConnection();
    const offer = await pc.createOffer({ offerToReceiveAudio: true });
    assert.equal(Object.getPrototypeOf(offer), Object.prototype, 'a dictionary, not an RTCSessionDescription');
    assert.deepEqual(Object.entries(offer), [
      ['sdp', 'v=0\r\ns=offer 1\r\n'],
      ['type', 'offer'],
    ]);
    assert.equal(await pc.setLocalDescription(offer), undefined);
    assert.equal(pc.signalingState, 'have-local-offer');
    const applied = calls()[1][1];
    assert.ok(applied instanceof LegacySessionDescription, 'converted into the native description class');
    assert.deepEqual({ ...applied }, { type: 'offer', sdp: 'v=0\r\ns=offer 1\r\n' });
    assert.deepEqual(calls(), [
      ['createOffer', { mandatory: { OfferToReceiveAudio: true } }],
      ['setLocalDescription', applied],
    ]);
  });

  test('RTCOfferOptions become the exact constraints the native gets; old constraint objects pass as they are', async () => {
    const oldMandatory = { mandatory: { OfferToReceiveVideo: true } };
    const oldOptional = { optional: [{ IceRestart: true }] };
    const cases = [
      [[], []],
      [[undefined], []],
      [[{}], []],
      [
        [{ offerToReceiveAudio: true, offerToReceiveVideo: false }],
        [{ mandatory: { OfferToReceiveAudio: true, OfferToReceiveVideo: false } }],
      ],
      [[{ offerToReceiveVideo: 1 }], [{ mandatory: { OfferToReceiveVideo: true } }]],
      [[{ iceRestart: true }], [{ optional: [{ IceRestart: true }] }]],
      [
        [{ voiceActivityDetection: false, iceRestart: false }],
        [{ optional: [{ VoiceActivityDetection: false }, { IceRestart: false }] }],
      ],
      [
        [{ iceRestart: true, offerToReceiveAudio: true, offerToReceiveVideo: true, voiceActivityDetection: false }],
        [
          {
            mandatory: { OfferToReceiveAudio: true, OfferToReceiveVideo: true },
            optional: [{ VoiceActivityDetection: false }, { IceRestart: true }],
          },
        ],
      ],
      [[{ somethingElse: true }], []],
      [[oldMandatory], [oldMandatory]],
      [[oldOptional], [oldOptional]],
    ];
    for (const [args, expected] of cases) {
      const { pc, calls } = patchedConnection();
      await pc.createOffer(...args);
      assert.deepEqual(calls(), [['createOffer', ...expected]], JSON.stringify(args));
      if (args[0] === oldMandatory || args[0] === oldOptional) assert.equal(calls()[0][1], args[0], 'the same object');
    }
    const { pc, calls } = patchedConnection();
    pc.signalingState = 'have-remote-offer';
    await pc.createAnswer({ voiceActivityDetection: false, offerToReceiveAudio: true });
    assert.deepEqual(calls(), [['createAnswer', { optional: [{ VoiceActivityDetection: false }] }]], 'RTCAnswerOptions');
  });

  test('bad arguments reject with TypeError and never reach the native', async () => {
    const { pc, calls } = patchedConnection();
    const outcomes = [
      await rejection(pc.createOffer(42)),
      await rejection(pc.createOffer('iceRestart')),
      await rejection(pc.createOffer(() => {}, null)),
      await rejection(pc.createAnswer(null, () => {})),
      await rejection(pc.setLocalDescription({ type: 'bogus' })),
      await rejection(pc.setLocalDescription({ type: 'offer', sdp: 'x' }, () => {})),
      await rejection(pc.setRemoteDescription()),
      await rejection(pc.setRemoteDescription({ sdp: 'v=0\r\n' })),
      await rejection(pc.setRemoteDescription({ type: 'offer', sdp: 'x' }, () => {}, 'not a function')),
    ];
    assert.deepEqual(
      outcomes.map((error) => error.constructor),
      outcomes.map(() => TypeError),
    );
    assert.deepEqual(calls(), []);
  });

  test('the native failure callback becomes a rejection with the same error', async () => {
    const { pc } = patchedConnection();
    const error = await rejection(pc.createAnswer());
    assert.ok(error instanceof DOMException);
    assert.equal(error.name, 'InvalidStateError');
    assert.equal(error.message, "create an answer in signalingState 'stable'");
  });

  test('legacy callback forms: 2+ arguments pick them, the returned promise resolves with undefined', async () => {
    const { pc, calls } = patchedConnection();
    const created = await legacy((success, failure) => pc.createOffer(success, failure, { offerToReceiveVideo: true }));
    assert.equal(await created.returned, undefined);
    assert.equal(created.outcome, 'success');
    assert.deepEqual(created.args, [{ sdp: 'v=0\r\ns=offer 1\r\n', type: 'offer' }]);
    assert.equal(Object.getPrototypeOf(created.args[0]), Object.prototype);

    const applied = await legacy((success, failure) => pc.setLocalDescription(created.args[0], success, failure));
    assert.equal(await applied.returned, undefined);
    assert.deepEqual([applied.outcome, applied.args], ['success', []]);
    assert.equal(pc.signalingState, 'have-local-offer');

    const failed = await legacy((success, failure) => pc.createAnswer(success, failure));
    assert.equal(await failed.returned, undefined, 'the failure goes to the callback, not the promise');
    assert.equal(failed.outcome, 'failure');
    assert.equal(failed.args[0].name, 'InvalidStateError');
    assert.deepEqual(calls().map(([method]) => method), ['createOffer', 'setLocalDescription', 'createAnswer']);
    assert.deepEqual(calls()[0], ['createOffer', { mandatory: { OfferToReceiveVideo: true } }]);
  });

  test('an offer/answer exchange between two patched connections', async () => {
    const target = oldChrome();
    install(target);
    const offerer = new target.RTCPeerConnection();
    const answerer = new target.RTCPeerConnection();
    const offer = await offerer.createOffer({ offerToReceiveAudio: true });
    await offerer.setLocalDescription(offer);
    await answerer.setRemoteDescription(offer);
    assert.equal(answerer.signalingState, 'have-remote-offer');
    const answer = await answerer.createAnswer();
    assert.deepEqual(answer, { sdp: 'v=0\r\ns=answer 1\r\n', type: 'answer' });
    await answerer.setLocalDescription(answer);
    await offerer.setRemoteDescription(answer);
    assert.deepEqual([offerer.signalingState, answerer.signalingState], ['stable', 'stable']);
    const remote = answerer.calls[1];
    assert.equal(remote[0], 'setRemoteDescription');
    assert.ok(remote[1] instanceof LegacySessionDescription);
  });

  test('setLocalDescription() without a description creates one for the signaling state; rollback creates none', async () => {
    const { pc, calls } = patchedConnection();
    assert.equal(await pc.setLocalDescription(), undefined);
    assert.equal(pc.signalingState, 'have-local-offer');
    assert.deepEqual(pc.localDescription, new LegacySessionDescription({ type: 'offer', sdp: 'v=0\r\ns=offer 1\r\n' }));
    await pc.setLocalDescription({ type: 'rollback' });
    assert.equal(pc.signalingState, 'stable');
    await pc.setRemoteDescription({ type: 'offer', sdp: 'v=0\r\ns=remote\r\n' });
    await pc.setLocalDescription({});
    assert.equal(pc.signalingState, 'stable');
    assert.deepEqual(
      calls().map(([method, description]) => (description === undefined ? method : `${method} ${description.type}`)),
      [
        'createOffer',
        'setLocalDescription offer',
        'setLocalDescription rollback',
        'setRemoteDescription offer',
        'createAnswer',
        'setLocalDescription answer',
      ],
    );
  });

  test('addIceCandidate: the promise form and the callbacks; a dictionary becomes the native RTCIceCandidate; the end of candidates stays out', async () => {
    const { pc, calls } = patchedConnection({ RTCIceCandidate: LegacyIceCandidate });
    await pc.setRemoteDescription({ type: 'offer', sdp: 'v=0\r\n' });
    const init = { candidate: 'candidate:1 1 udp 1 1.1.1.1 1 typ host', sdpMid: '0', sdpMLineIndex: 0 };
    assert.equal(await pc.addIceCandidate(init), undefined);
    const given = calls()[1][1];
    assert.ok(given instanceof LegacyIceCandidate);
    assert.deepEqual({ ...given }, { candidate: init.candidate, sdpMid: '0', sdpMLineIndex: 0 });
    const own = new LegacyIceCandidate(init);
    const outcome = await legacy((success, failure) => pc.addIceCandidate(own, success, failure));
    assert.equal(outcome.outcome, 'success');
    assert.equal(calls()[2][1], own, 'its own candidate passes as it is');
    for (const end of [undefined, null, {}, { candidate: '', sdpMid: '0' }]) assert.equal(await pc.addIceCandidate(end), undefined);
    assert.equal(calls().length, 3, 'the end of candidates never reaches it');
    assert.equal((await rejection(pc.addIceCandidate(init, () => {}))).constructor, TypeError);
    const fresh = patchedConnection({ RTCIceCandidate: LegacyIceCandidate }).pc;
    assert.equal((await rejection(fresh.addIceCandidate(init))).name, 'InvalidStateError');
  });

  test('instanceof, constructor arguments and static members work through the subclass', async () => {
    const generateCertificate = async (algorithm) => ({ generatedFor: algorithm });
    const target = oldChrome({ generateCertificate });
    install(target);
    const pc = new target.RTCPeerConnection({ iceServers: [] }, { optional: [{ DtlsSrtpKeyAgreement: true }] });
    assert.ok(pc instanceof target.RTCPeerConnection);
    assert.ok(pc instanceof target.webkitRTCPeerConnection);
    assert.deepEqual(pc.calls, [['constructor', { iceServers: [] }, { optional: [{ DtlsSrtpKeyAgreement: true }] }]]);
    assert.equal(target.RTCPeerConnection.generateCertificate, generateCertificate);
    assert.deepEqual(await target.RTCPeerConnection.generateCertificate({ name: 'ECDSA' }), {
      generatedFor: { name: 'ECDSA' },
    });
    const withoutStatic = oldChrome();
    install(withoutStatic);
    assert.equal('generateCertificate' in withoutStatic.RTCPeerConnection, false);
    const prototype = target.RTCPeerConnection.prototype;
    assert.deepEqual(
      ['createOffer', 'createAnswer', 'setLocalDescription', 'setRemoteDescription'].map((name) => [
        name,
        prototype[name].length,
        Object.getOwnPropertyDescriptor(prototype, name).enumerable,
      ]),
      [
        ['createOffer', 0, true],
        ['createAnswer', 0, true],
        ['setLocalDescription', 0, true],
        ['setRemoteDescription', 1, true],
      ],
    );
    assert.equal(Object.prototype.toString.call(pc), '[object RTCPeerConnection]');
  });
});

describe('the patched class over a prefixed promise-based native', () => {
  test('options reach it as given; plain results; legacy callbacks work although it has none', async () => {
    const target = { webkitRTCPeerConnection: promiseNative({ transceivers: true }) };
    assert.equal(install(target), 'patched');
    const pc = new target.RTCPeerConnection();
    const options = { offerToReceiveAudio: true };
    const offer = await pc.createOffer(options);
    assert.deepEqual(Object.entries(offer), [
      ['sdp', 'v=0\r\ns=offer 1\r\n'],
      ['type', 'offer'],
    ]);
    const created = await legacy((success, failure) => pc.createOffer(success, failure, { iceRestart: true }));
    assert.deepEqual([created.outcome, created.args], ['success', [{ sdp: 'v=0\r\ns=offer 2\r\n', type: 'offer' }]]);
    const applied = await legacy((success, failure) => pc.setLocalDescription(created.args[0], success, failure));
    assert.deepEqual([applied.outcome, applied.args], ['success', []]);
    const failed = await legacy((success, failure) => pc.createAnswer(success, failure));
    assert.deepEqual([failed.outcome, failed.args[0].name], ['failure', 'InvalidStateError']);
    const calls = pc.calls.slice(1);
    assert.equal(calls[0][1], options, 'the same object: the native reads RTCOfferOptions itself');
    assert.deepEqual(calls, [
      ['createOffer', options],
      ['createOffer', { iceRestart: true }],
      ['setLocalDescription', { type: 'offer', sdp: 'v=0\r\ns=offer 2\r\n' }],
      ['createAnswer', undefined],
    ]);
  });
});

describe('no wasm for patched or native (a child process watches pkg/wasm/ reads and WebAssembly)', () => {
  const CHILD = fileURLToPath(new URL('./fixtures/install-child.js', import.meta.url));
  const NONE = { files: [], compiled: false };
  const LOADED = { files: ['rtc_offer_polyfill.js', 'rtc_offer_polyfill_bg.wasm'], compiled: true };
  const FULL = {
    files: [...LOADED.files, 'rtc_offer_polyfill_full.js', 'rtc_offer_polyfill_full_bg.wasm'].sort(),
    compiled: true,
  };

  async function runChild(scenario) {
    const { stdout } = await promisify(execFile)(process.execPath, [CHILD, scenario]);
    return JSON.parse(stdout);
  }

  const offer = { sdp: 'v=0\r\ns=offer 1\r\n', type: 'offer' };
  const cases = {
    'prefixed callback-only': { result: 'patched', offer, state: 'have-local-offer', wasm: NONE },
    'modern native': { result: 'native', untouched: true, wasm: NONE },
    'auto entry over a prefixed native': { result: 'patched', offer, wasm: NONE },
    'modern native, import only': { wasm: NONE },
    'prefixed, install() in a later task': { result: 'patched', wasm: NONE },
    // The controls: the same watch sees the core load when the package is imported where there is
    // no WebRTC at all, and once our classes are installed or used.
    'import only': { wasm: LOADED },
    'auto entry without WebRTC': { result: 'polyfilled', wasm: LOADED },
    'polyfill constructed': { wasm: LOADED },
    // The full part (it reads SDP) once an answer is likely: after setLocalDescription(offer).
    'an offer applied': { wasm: FULL },
    // And for a connection that only offers, once its session has logged enough calls to replay.
    'offers only, past the replay log bound': { wasm: FULL },
    // The all-Rust ECDSA part only where a certificate must be made without WebCrypto.
    'polyfill constructed, no WebCrypto': {
      fingerprint: true,
      wasm: {
        files: [...LOADED.files, 'rtc_offer_polyfill_ecdsa.js', 'rtc_offer_polyfill_ecdsa_bg.wasm'].sort(),
        compiled: true,
      },
    },
  };
  for (const [scenario, expected] of Object.entries(cases)) {
    test(scenario, async () => {
      assert.deepEqual(await runChild(scenario), expected);
    });
  }
});
