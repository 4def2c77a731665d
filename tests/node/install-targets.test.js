// install() gives each target its own subclasses (pkg/realm.js): patches a target makes to their
// prototypes stay with it, and the objects a connection makes are instances of its target's classes.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as polyfill from '../../pkg/index.js';
import { assertTargetClass, EXPORTED_CLASSES, fakeStream, fakeTrack, rejection, tasks } from './helpers.js';

const { install } = polyfill;
const CLASSES = EXPORTED_CLASSES;

/** Every own property descriptor of each exported class's prototype (and statics). */
function exportDescriptors() {
  return Object.fromEntries(
    CLASSES.map((name) => [
      name,
      {
        prototype: Object.getOwnPropertyDescriptors(polyfill[name].prototype),
        statics: Object.getOwnPropertyDescriptors(polyfill[name]),
      },
    ]),
  );
}

test('each target gets its own subclass of every class, named and tagged like the export', () => {
  const a = {};
  const b = {};
  install(a);
  install(b);
  for (const name of CLASSES) {
    assertTargetClass(a[name], polyfill[name]);
    assertTargetClass(b[name], polyfill[name]);
    assert.notEqual(a[name], b[name], name);
    const descriptor = Object.getOwnPropertyDescriptor(a[name].prototype, Symbol.toStringTag);
    assert.deepEqual(
      [descriptor.writable, descriptor.enumerable, descriptor.configurable],
      [false, false, true],
      `${name}: a WebIDL @@toStringTag`,
    );
  }
  const before = a.RTCPeerConnection;
  assert.equal(install(a), 'polyfilled', 'again');
  assert.equal(a.RTCPeerConnection, before, 'installing again keeps the classes the target has');
  assert.equal(a.RTCPeerConnection.generateCertificate, polyfill.RTCPeerConnection.generateCertificate);
});

test("instanceof across targets: a target's objects are instances of its classes and the exports only", () => {
  const a = {};
  const b = {};
  install(a);
  install(b);
  const pc = new a.RTCPeerConnection();
  assert.ok(pc instanceof a.RTCPeerConnection);
  assert.ok(pc instanceof polyfill.RTCPeerConnection);
  assert.ok(pc instanceof EventTarget);
  assert.equal(pc instanceof b.RTCPeerConnection, false);
  assert.equal(Object.prototype.toString.call(pc), '[object RTCPeerConnection]');
  const direct = new polyfill.RTCPeerConnection();
  assert.equal(Object.getPrototypeOf(direct), polyfill.RTCPeerConnection.prototype);
  assert.equal(direct instanceof a.RTCPeerConnection, false);
  const description = new a.RTCSessionDescription({ type: 'offer', sdp: '' });
  assert.ok(description instanceof polyfill.RTCSessionDescription);
  assert.deepEqual(description.toJSON(), { type: 'offer', sdp: '' });
  assert.throws(() => new a.RTCSessionDescription(), TypeError, 'the same argument checks');
  assert.throws(() => new a.RTCRtpTransceiver(), { name: 'TypeError', message: 'Illegal constructor' });
  pc.close();
  direct.close();
});

test("a target's prototype patches stay with it: the exports and other targets never see them", async () => {
  const before = exportDescriptors();
  const a = {};
  const b = {};
  install(a);
  install(b);
  const calls = [];
  const original = a.RTCPeerConnection.prototype.createOffer;
  a.RTCPeerConnection.prototype.createOffer = function createOffer(...args) {
    calls.push('patched createOffer');
    return original.apply(this, args);
  };
  a.RTCRtpSender.prototype.shimmed = true;
  a.RTCSessionDescription.prototype.toJSON = () => 'patched';
  a.RTCPeerConnection.generateCertificate = () => 'patched';
  assert.deepEqual(exportDescriptors(), before, 'the exports are untouched');
  for (const target of [b, polyfill]) {
    assert.equal(target.RTCPeerConnection.prototype.createOffer, polyfill.RTCPeerConnection.prototype.createOffer);
    assert.equal('shimmed' in target.RTCRtpSender.prototype, false);
    const generated = target.RTCPeerConnection.generateCertificate({ name: 'ECDSA', namedCurve: 'P-256' });
    assert.ok(generated instanceof Promise, 'the static, not the patch');
    await generated;
  }
  const pc = new a.RTCPeerConnection();
  const { sdp } = await pc.createOffer({ offerToReceiveAudio: true });
  assert.match(sdp, /^v=0\r\n/);
  assert.deepEqual(calls, ['patched createOffer']);
  assert.equal(pc.getSenders()[0].shimmed, true, "the target's sender class");
  await pc.setLocalDescription({ type: 'offer', sdp });
  assert.equal(pc.localDescription.toJSON(), 'patched', "localDescription is the target's RTCSessionDescription");
  const other = new b.RTCPeerConnection();
  other.addTransceiver('audio');
  assert.equal('shimmed' in other.getSenders()[0], false);
  pc.close();
  other.close();
});

test("what a connection makes for the page is an instance of its target's classes", async () => {
  const a = {};
  install(a);
  const pc = new a.RTCPeerConnection();
  const transceiver = pc.addTransceiver('audio');
  const channel = pc.createDataChannel('chat');
  const events = [];
  pc.addEventListener('icecandidate', (event) => events.push(event));
  pc.addEventListener('track', (event) => events.push(event));
  const offer = await pc.createOffer();
  await pc.setLocalDescription(offer);

  const remote = new polyfill.RTCPeerConnection();
  await remote.setRemoteDescription(offer);
  remote.addTrack(fakeTrack('audio'), fakeStream('remote-stream'));
  await remote.setLocalDescription(await remote.createAnswer());
  await pc.setRemoteDescription(remote.localDescription);
  await tasks(2);

  const [trackEvent] = events.filter((e) => e.type === 'track');
  const [iceEvent] = events.filter((e) => e.type === 'icecandidate');
  const stream = trackEvent.streams[0];
  const added = [];
  stream.addEventListener('addtrack', (event) => added.push(event));
  const made = {
    RTCRtpTransceiver: transceiver,
    RTCRtpSender: transceiver.sender,
    RTCRtpReceiver: transceiver.receiver,
    MediaStreamTrack: transceiver.receiver.track,
    MediaStream: stream,
    RTCTrackEvent: trackEvent,
    RTCPeerConnectionIceEvent: iceEvent,
    RTCDataChannel: channel,
    RTCSessionDescription: pc.remoteDescription,
    RTCDtlsTransport: transceiver.sender.transport,
    RTCIceTransport: transceiver.sender.transport.iceTransport,
    RTCSctpTransport: pc.sctp,
  };
  for (const [name, object] of Object.entries(made)) {
    assert.equal(Object.getPrototypeOf(object), a[name].prototype, name);
    assert.ok(object instanceof polyfill[name], name);
  }
  assert.equal(pc.localDescription instanceof a.RTCSessionDescription, true);
  assert.equal(trackEvent.track, transceiver.receiver.track);
  assert.ok(transceiver.receiver.track.clone() instanceof a.MediaStreamTrack, 'clone() keeps the class');
  assert.ok(stream.clone() instanceof a.MediaStream);

  const certificate = await a.RTCPeerConnection.generateCertificate({ name: 'ECDSA', namedCurve: 'P-256' });
  assert.equal(Object.getPrototypeOf(certificate), a.RTCCertificate.prototype);
  const fresh = new a.RTCPeerConnection();
  const error = await rejection(fresh.setRemoteDescription({ type: 'offer', sdp: 'v=0\r\nnot sdp' }));
  assert.equal(Object.getPrototypeOf(error), a.RTCError.prototype, 'an sdp-syntax-error RTCError');
  assert.deepEqual([error.name, error.errorDetail], ['OperationError', 'sdp-syntax-error']);
  fresh.close();

  // The package's own connection makes the package's objects.
  assert.equal(Object.getPrototypeOf(remote.getTransceivers()[0]), polyfill.RTCRtpTransceiver.prototype);
  assert.equal(Object.getPrototypeOf(remote.localDescription), polyfill.RTCSessionDescription.prototype);
  pc.close();
  remote.close();
});

test('a target that keeps its own media classes: our tracks stay the package’s', () => {
  class NativeStream {}
  class NativeTrack {}
  const target = { MediaStream: NativeStream, MediaStreamTrack: NativeTrack };
  install(target);
  assert.equal(target.MediaStream, NativeStream);
  const pc = new target.RTCPeerConnection();
  const { track } = pc.addTransceiver('video').receiver;
  assert.equal(Object.getPrototypeOf(track), polyfill.MediaStreamTrack.prototype);
  assert.ok(pc.getTransceivers()[0] instanceof target.RTCRtpTransceiver);
  pc.close();
});

test('RTCErrorEvent: exported, installed, constructed as webrtc-pc says', () => {
  const { RTCError, RTCErrorEvent } = polyfill;
  const error = new RTCError({ errorDetail: 'sctp-failure', sctpCauseCode: 12 }, 'lost');
  const event = new RTCErrorEvent('error', { error, bubbles: true });
  assert.deepEqual(
    [event.type, event.bubbles, event.error === error, event.error === event.error],
    ['error', true, true, true],
  );
  assert.equal(Object.prototype.toString.call(event), '[object RTCErrorEvent]');
  const withStatus = new RTCError({ errorDetail: 'dtls-failure', httpRequestStatusCode: -1.5 });
  assert.deepEqual([error.httpRequestStatusCode, withStatus.httpRequestStatusCode], [null, -1]);
  assert.ok(event instanceof Event);
  assert.throws(() => new RTCErrorEvent('error'), TypeError, 'two arguments');
  assert.throws(() => new RTCErrorEvent('error', {}), TypeError, 'error is required');
  assert.throws(() => new RTCErrorEvent('error', { error: new DOMException('x', 'OperationError') }), TypeError);
  const { get } = Object.getOwnPropertyDescriptor(RTCErrorEvent.prototype, 'error');
  assert.throws(() => get.call(new Event('x')), TypeError);
  const target = {};
  install(target);
  assertTargetClass(target.RTCErrorEvent, RTCErrorEvent);
  const fromTarget = new target.RTCErrorEvent('error', { error: new target.RTCError({ errorDetail: 'dtls-failure' }) });
  assert.ok(fromTarget.error instanceof RTCError);
  assert.ok(fromTarget instanceof RTCErrorEvent);
});

test('install() provides every interface the flows hand out', () => {
  const target = {};
  install(target);
  assert.deepEqual(Object.getOwnPropertyNames(target).sort(), EXPORTED_CLASSES, 'every exported class, nothing else');
});
