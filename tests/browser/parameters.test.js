// getParameters()/setParameters() side by side with Chromium's own connection: the same calls on a
// native pair and on a package pair in one page, compared member by member (negotiated codecs and
// header extensions, error names). getStats() has its own, tests/browser/stats.test.js.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowser } from './harness.js';

let env;
let page;

before(async () => {
  env = await startBrowser();
  page = await env.openPage('/tests/browser/pages/answer-interop.html');
  await page.evaluate(async () => {
    const polyfill = await import('/pkg/index.js');
    /** The same calls on an offerer and an answerer of `Pc`: what each step shows. */
    window.runParameters = async (which) => {
      const Pc = which === 'native' ? window.RTCPeerConnection : polyfill.RTCPeerConnection;
      const a = new Pc();
      const b = new Pc();
      const audio = a.addTransceiver('audio', { direction: 'sendonly' });
      const video = a.addTransceiver('video', { sendEncodings: [{ rid: 'q' }, { rid: 'h' }, { rid: 'f' }] });
      a.createDataChannel('chat', { protocol: 'p' });
      const out = { before: audio.sender.getParameters(), videoBefore: video.sender.getParameters() };
      await a.setLocalDescription();
      await b.setRemoteDescription(a.localDescription);
      await b.createAnswer();
      out.haveRemoteOffer = b.getTransceivers()[0].sender.getParameters().codecs;
      await b.setLocalDescription();
      await a.setRemoteDescription(b.localDescription);
      out.audio = audio.sender.getParameters();
      out.video = video.sender.getParameters();
      out.answererReceiver = b.getTransceivers()[0].receiver.getParameters();
      out.notReceiving = audio.receiver.getParameters();
      out.reoffer = (await a.createOffer()).sdp.split('\r\n').filter((l) => l.startsWith('a=simulcast'));
      const errors = {};
      const attempt = async (name, change, sender = audio.sender) => {
        await new Promise((resolve) => setTimeout(resolve, 0));
        const p = sender.getParameters();
        change(p);
        errors[name] = await sender.setParameters(p).then(
          () => 'resolved',
          (e) => e.name,
        );
      };
      await attempt('no codecs', (p) => delete p.codecs);
      await attempt('no encodings', (p) => delete p.encodings);
      await attempt('no transactionId', (p) => delete p.transactionId);
      await attempt('scaleResolutionDownBy 0.5', (p) => (p.encodings[0].scaleResolutionDownBy = 0.5), video.sender);
      await attempt('maxFramerate -1', (p) => (p.encodings[0].maxFramerate = -1), video.sender);
      await attempt('encoding added', (p) => p.encodings.push({ active: true }));
      await attempt('maxBitrate', (p) => (p.encodings[0].maxBitrate = 100000));
      await attempt('deactivate', (p) => (p.encodings[0].active = false), video.sender);
      await attempt('negotiated codec', (p) => (p.encodings[0].codec = p.codecs[1]));
      await attempt('codec not negotiated', (p) => (p.encodings[0].codec = { mimeType: 'audio/foo', clockRate: 8000 }));
      await attempt('audio scalabilityMode', (p) => (p.encodings[0].scalabilityMode = 'L1T1'));
      await attempt('video scalabilityMode', (p) => (p.encodings[0].scalabilityMode = 'L1T3'), video.sender);
      await attempt('degradationPreference', (p) => (p.degradationPreference = 'maintain-resolution'), video.sender);
      out.videoAfterSet = video.sender.getParameters();
      errors['without getParameters'] = await new Promise((resolve) => setTimeout(resolve, 0))
        .then(() => audio.sender.setParameters({ transactionId: 'x', encodings: [], codecs: [], headerExtensions: [], rtcp: {} }))
        .then(
          () => 'resolved',
          (e) => e.name,
        );
      out.errors = errors;
      out.afterSet = audio.sender.getParameters().encodings;
      a.close();
      b.close();
      return JSON.parse(JSON.stringify(out));
    };
    /** Offers after layers are deactivated, by sendEncodings and by setParameters. */
    window.pausedLayers = async (which) => {
      const Pc = which === 'native' ? window.RTCPeerConnection : polyfill.RTCPeerConnection;
      const simulcast = async (pc) => (await pc.createOffer()).sdp.split('\r\n').filter((l) => l.startsWith('a=simulcast'));
      const pc = new Pc();
      const { sender } = pc.addTransceiver('video', { sendEncodings: [{ rid: 'q', active: false }, { rid: 'h' }, { rid: 'f' }] });
      const out = { initial: await simulcast(pc) };
      const p = sender.getParameters();
      p.encodings[0].active = true;
      p.encodings[2].active = false;
      await sender.setParameters(p);
      out.afterSet = await simulcast(pc);
      // An answer taking the simulcast, with h paused (as SFUs answer): its own answer, munged.
      const answerer = new Pc();
      await pc.setLocalDescription();
      await answerer.setRemoteDescription(pc.localDescription);
      await answerer.setLocalDescription();
      const takes = 'a=rid:q recv\r\na=rid:h recv\r\na=rid:f recv\r\na=simulcast:recv q;~h;f\r\n';
      const sdp = answerer.localDescription.sdp.replace(/(a=(recvonly|sendrecv)\r\n)/, `$1${takes}`);
      await pc.setRemoteDescription({ type: 'answer', sdp });
      out.answered = sender.getParameters().encodings.map((e) => [e.rid, e.active]);
      out.afterAnswer = await simulcast(pc);
      answerer.close();
      pc.close();
      return out;
    };
  });
});

after(async () => {
  await env?.close();
});

test('getParameters: the same members and values as Chromium’s before and after an answer', async () => {
  const native = await page.evaluate(() => window.runParameters('native'));
  const ours = await page.evaluate(() => window.runParameters('polyfill'));
  const withoutIds = (p) => ({ ...p, transactionId: typeof p.transactionId, rtcp: { ...p.rtcp, cname: typeof p.rtcp.cname } });
  assert.deepEqual(withoutIds(ours.before), withoutIds(native.before));
  assert.equal(ours.before.rtcp.cname, '');
  assert.deepEqual(withoutIds(ours.videoBefore), withoutIds(native.videoBefore));
  assert.deepEqual(ours.haveRemoteOffer, native.haveRemoteOffer);
  assert.deepEqual(ours.haveRemoteOffer, []);
  // After the answer: the answer's codecs (rtx, red, ulpfec with their fmtp lines), header
  // extensions with their ids, reducedSize; the declined simulcast shows its first layer only.
  assert.deepEqual(withoutIds(ours.audio), withoutIds(native.audio));
  assert.deepEqual(withoutIds(ours.video), withoutIds(native.video));
  assert.ok(ours.video.codecs.some((c) => c.mimeType === 'video/rtx'));
  assert.equal(ours.video.encodings.length, 1);
  assert.deepEqual(ours.reoffer, native.reoffer);
  assert.deepEqual(ours.answererReceiver.codecs, native.answererReceiver.codecs);
  assert.deepEqual(ours.answererReceiver.headerExtensions, native.answererReceiver.headerExtensions);
  assert.deepEqual(ours.answererReceiver.rtcp, native.answererReceiver.rtcp);
  // A receiver that receives nothing (its transceiver is sendonly) has empty parameters in both.
  const { encodings, ...notReceiving } = native.notReceiving;
  assert.deepEqual(ours.notReceiving, notReceiving);
});

test('setParameters: the error names Chromium gives for the same calls, and what it stores', async () => {
  const native = await page.evaluate(() => window.runParameters('native'));
  const ours = await page.evaluate(() => window.runParameters('polyfill'));
  assert.deepEqual(ours.errors, native.errors);
  assert.deepEqual(ours.afterSet, native.afterSet);
  const shape = ({ transactionId, rtcp, ...rest }) => ({ ...rest, keys: Object.keys({ transactionId, rtcp, ...rest }) });
  assert.deepEqual(shape(ours.videoAfterSet), shape(native.videoAfterSet));
});

test('inactive simulcast layers: the same paused rids in offers as Chromium’s', async () => {
  const native = await page.evaluate(() => window.pausedLayers('native'));
  const ours = await page.evaluate(() => window.pausedLayers('polyfill'));
  assert.deepEqual(ours, native);
  assert.deepEqual(ours, {
    initial: ['a=simulcast:send ~q;h;f'],
    afterSet: ['a=simulcast:send q;h;~f'],
    answered: [
      ['q', true],
      ['h', false],
      ['f', true],
    ],
    afterAnswer: ['a=simulcast:send q;~h;f'],
  });
});
