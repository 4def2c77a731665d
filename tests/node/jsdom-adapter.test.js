// webrtc-adapter loaded into a jsdom window after install(window): its shims patch that window's
// classes (pkg/realm.js), never the package's exports, another window or a direct importer, and its
// own calls on the window's class keep working.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { JSDOM } from 'jsdom';
import * as polyfill from '../../pkg/index.js';
import { fakeStream, fakeTrack, tasks } from './helpers.js';

// The factory adapter.js itself runs on load (adapter_core.js), given the jsdom window as `window`.
const { adapterFactory } = createRequire(import.meta.url)('webrtc-adapter/dist/adapter_factory.js');

const CLASSES = Object.keys(polyfill).filter((name) => name !== 'install');

/** Every own property descriptor of each exported class and its prototype. */
function exportDescriptors() {
  return Object.fromEntries(
    CLASSES.map((name) => [
      name,
      [Object.getOwnPropertyDescriptors(polyfill[name]), Object.getOwnPropertyDescriptors(polyfill[name].prototype)],
    ]),
  );
}

function jsdomWindow() {
  return new JSDOM('<!doctype html><title>adapter</title>', { url: 'https://example.test/' }).window;
}

/** What adapter adds to RTCPeerConnection.prototype in jsdom (it detects Safari there). */
const ADAPTER_ADDS = ['getLocalStreams', 'addStream', 'removeStream', 'getRemoteStreams', 'onaddstream'];

test('webrtc-adapter on top of install(window) leaves the exports, other windows and importers untouched', () => {
  const before = exportDescriptors();
  const shimmed = jsdomWindow();
  assert.equal(polyfill.install(shimmed), 'polyfilled');
  const adapter = adapterFactory({ window: shimmed });
  assert.equal(adapter.browserDetails.browser, 'safari', 'the shims this test expects');

  const shimmedPrototype = shimmed.RTCPeerConnection.prototype;
  for (const name of ADAPTER_ADDS) assert.ok(Object.hasOwn(shimmedPrototype, name), `adapter added ${name}`);
  assert.ok(Object.hasOwn(shimmedPrototype, 'createOffer'), 'adapter wrapped createOffer');
  assert.notEqual(shimmed.RTCPeerConnection, shimmedPrototype.constructor, 'adapter wrapped the constructor too');
  assert.equal(polyfill.install(shimmed), 'polyfilled', "adapter's constructor wrapper still counts as ours");

  assert.deepEqual(exportDescriptors(), before, "the package's exports are untouched");
  const other = jsdomWindow();
  polyfill.install(other);
  for (const prototype of [other.RTCPeerConnection.prototype, polyfill.RTCPeerConnection.prototype]) {
    for (const name of ADAPTER_ADDS) assert.equal(name in prototype, false, `${name} stays in the shimmed window`);
    assert.equal(prototype.createOffer, polyfill.RTCPeerConnection.prototype.createOffer);
    assert.equal(prototype.setLocalDescription, polyfill.RTCPeerConnection.prototype.setLocalDescription);
  }
  assert.deepEqual(Object.getOwnPropertyNames(other.RTCPeerConnection.prototype), ['constructor']);
});

test("adapter's own calls on the window's class keep working", async () => {
  const window = jsdomWindow();
  polyfill.install(window);
  adapterFactory({ window });
  const pc = new window.RTCPeerConnection();
  assert.ok(pc instanceof window.RTCPeerConnection);
  assert.ok(pc instanceof polyfill.RTCPeerConnection);
  pc.addTransceiver('audio');
  const added = [];
  pc.onaddstream = (event) => added.push(event.stream.id);

  // adapter's createOffer (callbacks shim, legacy offerToReceive shim), then its parameterless setLocalDescription.
  const offer = await new Promise((resolve, reject) => pc.createOffer(resolve, reject, { offerToReceiveVideo: true }));
  assert.equal(offer.type, 'offer');
  assert.deepEqual(
    offer.sdp.split('\r\n').filter((line) => line.startsWith('m=')).map((line) => line.split(' ')[0]),
    ['m=audio', 'm=video'],
  );
  await pc.setLocalDescription();
  assert.equal(pc.signalingState, 'have-local-offer');
  assert.equal(pc.localDescription.sdp, offer.sdp);
  assert.ok(pc.localDescription instanceof window.RTCSessionDescription);

  const remote = new polyfill.RTCPeerConnection();
  await remote.setRemoteDescription(pc.localDescription);
  remote.addTrack(fakeTrack('audio'), fakeStream('remote-stream'));
  await remote.setLocalDescription(await remote.createAnswer());
  // As signaling delivers it: a plain object (adapter rewrites one that is not its window's description).
  await pc.setRemoteDescription(remote.localDescription.toJSON());
  await tasks(2);
  assert.equal(pc.signalingState, 'stable');
  assert.deepEqual(added, ['remote-stream'], "adapter's addstream from our track event");
  assert.deepEqual(
    pc.getRemoteStreams().map((stream) => [stream.id, stream instanceof window.MediaStream]),
    [['remote-stream', true]],
  );
  pc.close();
  remote.close();
});

const NO_GET_STATS =
  typeof polyfill.RTCPeerConnection.prototype.getStats !== 'function' &&
  'RTCPeerConnection.prototype.getStats is not in this build: adapter getStats shims are not checked';

test("adapter's getStats on the window's class", { skip: NO_GET_STATS }, async () => {
  const window = jsdomWindow();
  polyfill.install(window);
  adapterFactory({ window });
  const pc = new window.RTCPeerConnection();
  pc.addTransceiver('audio');
  await pc.setLocalDescription();
  const report = await pc.getStats();
  assert.equal(typeof report.forEach, 'function');
  assert.ok([...report.values()].some((stats) => stats.type === 'peer-connection'));
  pc.close();
});
