// Trickle ICE against Chromium 156: the candidates a native connection gathers (its icecandidate
// events) are fed to our addIceCandidate and to a native connection's, after the same remote
// offer; our remoteDescription.sdp must then be Chromium's, line for line. Also: the error names
// of the bad cases side by side (where we follow webrtc-pc instead, both values are pinned),
// description identity, and RTCIceCandidate's fields and toJSON beside Chromium's class.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowser } from './harness.js';

let env;
let page;

before(async () => {
  env = await startBrowser();
  page = await env.openPage('/tests/browser/pages/interop.html');
  await page.evaluate(async () => {
    window.ours = await import('/pkg/index.js');
  });
});

after(async () => {
  await env?.close();
});

test('Chromium’s gathered candidates fed to our addIceCandidate give Chromium’s remoteDescription', async () => {
  const result = await page.evaluate(async () => {
    const gatherer = new RTCPeerConnection();
    gatherer.addTransceiver('audio');
    gatherer.addTransceiver('video');
    gatherer.createDataChannel('chat');
    const candidates = [];
    const complete = new Promise((resolve) => {
      gatherer.onicecandidate = (event) => {
        candidates.push(event.candidate);
        if (event.candidate === null) resolve();
      };
    });
    // The offer as signalled before gathering: the candidates come by trickle only.
    const offer = await gatherer.createOffer();
    await gatherer.setLocalDescription(offer);
    await complete;
    const sdp = {};
    const steps = {};
    for (const [name, Class] of [['native', RTCPeerConnection], ['ours', window.ours.RTCPeerConnection]]) {
      const pc = new Class();
      await pc.setRemoteDescription(offer);
      const trace = [];
      let previous = pc.remoteDescription;
      const add = async (what, ...args) => {
        let outcome = 'ok';
        try {
          await pc.addIceCandidate(...args);
        } catch (error) {
          outcome = error.name;
        }
        const now = pc.remoteDescription;
        trace.push([what, outcome, now === previous ? 'same object' : 'new object', now === pc.remoteDescription]);
        previous = now;
      };
      for (const candidate of candidates) await add(candidate === null ? 'null' : `mid ${candidate.sdpMid}`, candidate);
      await add('again', candidates[0]);
      await add('unknown mid', { candidate: candidates[0].candidate, sdpMid: 'zz' });
      await add('end of candidates for a mid', { candidate: '', sdpMid: '1' });
      trace.push(['pending is remote', pc.pendingRemoteDescription === pc.remoteDescription]);
      // The answer, then one more candidate: it goes into currentRemoteDescription.
      await pc.setLocalDescription();
      previous = pc.remoteDescription;
      await add('after the answer', { ...candidates[0].toJSON(), candidate: candidates[0].candidate.replace(/^candidate:\d+/, 'candidate:7') });
      trace.push(['current is remote', pc.currentRemoteDescription === pc.remoteDescription]);
      sdp[name] = pc.remoteDescription.sdp;
      steps[name] = trace;
      pc.close();
    }
    gatherer.close();
    return { sdp, steps, count: candidates.filter(Boolean).length, offer: offer.sdp };
  });
  assert.ok(result.count > 0, 'Chromium gathered candidates');
  const added = (sdp) => sdp.split('\r\n').filter((line) => line.startsWith('a=candidate:'));
  assert.equal(added(result.sdp.native).length, result.count + 1, 'Chromium wrote each candidate in once');
  assert.equal(result.sdp.ours, result.sdp.native);
  assert.deepEqual(result.steps.ours, result.steps.native);
});

test('what Chromium writes back for each kind of candidate, and where; c=, m= port and a=rtcp follow', async () => {
  const result = await page.evaluate(async () => {
    const offerer = new RTCPeerConnection();
    offerer.addTransceiver('audio');
    offerer.addTransceiver('video');
    const offer = await offerer.createOffer();
    offerer.close();
    const candidates = [
      'candidate:1 1 UDP 2122260223 2001:DB8:0:0::1 54321 typ host',
      'candidate:2 2 udp 41885439 10.0.0.1 3478 typ relay raddr 192.168.1.5 rport 5000 generation 3 network-id 2 network-cost 10',
      'candidate:3 1 ssltcp 1 1.2.3.4 443 typ host',
      'candidate:4 1 tcp 1 1.2.3.4 9 typ host',
      'candidate:5 1 TCP 1 1.2.3.4 9 typ host tcptype so ufrag abcd',
      'candidate:6 0 udp 1 1.2.3.4 9 typ host',
      'candidate:7 1 udp 1 1.2.3.4 7007 typ srflx raddr 5.5.5.5 generation',
      'candidate:8 1 udp 1 Example.COM 9 typ host unknown-extension 1',
      `candidate:${'a'.repeat(40)} 1 udp 1 1.2.3.4 9 typ host`,
      'candidate:9 1 udp 1 ::FFFF:1.2.3.4 9009 typ host',
    ];
    const lines = {};
    for (const [name, Class] of [['native', RTCPeerConnection], ['ours', window.ours.RTCPeerConnection]]) {
      const pc = new Class();
      await pc.setRemoteDescription(offer);
      // The video transceiver stopped: its section still takes candidates, in Chromium as here.
      pc.getTransceivers()[1].stop();
      const outcomes = [];
      for (const [i, candidate] of candidates.entries()) {
        try {
          await pc.addIceCandidate({ candidate, sdpMid: String(i % 2) });
          outcomes.push('ok');
        } catch (error) {
          outcomes.push(error.name);
        }
      }
      lines[name] = { outcomes, sdp: pc.remoteDescription.sdp };
      pc.close();
    }
    return lines;
  });
  assert.deepEqual(result.native.outcomes, result.native.outcomes.map(() => 'ok'));
  assert.deepEqual(result.ours.outcomes, result.native.outcomes);
  assert.equal(result.ours.sdp, result.native.sdp);
});

/** The bad cases: [name, init] with the remote description set unless `noRemote`. */
const CASES = [
  ['no mid or index', { candidate: 'candidate:1 1 udp 1 1.1.1.1 1 typ host' }],
  ['unknown mid', { candidate: 'candidate:1 1 udp 1 1.1.1.1 1 typ host', sdpMid: 'zz' }],
  ['index past the end', { candidate: 'candidate:1 1 udp 1 1.1.1.1 1 typ host', sdpMLineIndex: 9 }],
  ['garbage', { candidate: 'garbage', sdpMid: '0' }],
  ['bad type', { candidate: 'candidate:1 1 udp 1 1.1.1.1 1 typ bogus', sdpMid: '0' }],
  ['bad transport', { candidate: 'candidate:1 1 sctp 1 1.1.1.1 1 typ host', sdpMid: '0' }],
  ['no remote description', { candidate: 'candidate:1 1 udp 1 1.1.1.1 1 typ host', sdpMid: '0' }, true],
  ['no remote description, no mid', { candidate: 'candidate:1 1 udp 1 1.1.1.1 1 typ host' }, true],
  ['good with a= prefix', { candidate: 'a=candidate:1 1 udp 1 1.1.1.1 1 typ host', sdpMid: '0' }],
  ['good by index', { candidate: 'candidate:1 1 tcp 1 1.1.1.1 9 typ host tcptype active', sdpMLineIndex: 1 }],
  ['bad index, good mid', { candidate: 'candidate:1 1 udp 1 1.1.1.1 1 typ host', sdpMid: '1', sdpMLineIndex: 9 }],
  ['end of candidates', { candidate: '' }],
  ['end of candidates for a mid', { candidate: '', sdpMid: '1' }],
  // webrtc-pc: OperationError; Chromium 156 resolves (it checks no ufrag when adding).
  ['ufrag of no section', { candidate: 'candidate:1 1 udp 1 1.1.1.1 1 typ host', sdpMid: '0', usernameFragment: 'nope' }],
  ['end of candidates, ufrag of no section', { candidate: '', usernameFragment: 'nope' }],
  // webrtc-pc: InvalidStateError (no remote description); Chromium 156 resolves.
  ['end of candidates without a remote description', undefined, true],
];

/** Where we follow webrtc-pc (and WPT) rather than Chromium 156: [ours, Chromium's]. */
const SPEC_OVER_CHROMIUM = {
  'ufrag of no section': ['OperationError', 'ok'],
  'end of candidates, ufrag of no section': ['OperationError', 'ok'],
  'end of candidates without a remote description': ['InvalidStateError', 'ok'],
};

test('error names beside Chromium’s', async () => {
  const outcomes = await page.evaluate(async (cases) => {
    const offerer = new RTCPeerConnection();
    offerer.addTransceiver('audio');
    offerer.createDataChannel('x');
    const offer = await offerer.createOffer();
    offerer.close();
    const run = async (Class) => {
      const names = {};
      for (const [name, init, noRemote] of cases) {
        const pc = new Class();
        if (!noRemote) await pc.setRemoteDescription(offer);
        try {
          await pc.addIceCandidate(init);
          names[name] = 'ok';
        } catch (error) {
          names[name] = error.name;
        }
        pc.close();
      }
      return names;
    };
    return { native: await run(RTCPeerConnection), ours: await run(window.ours.RTCPeerConnection) };
  }, CASES);
  for (const [name] of CASES) {
    const expected = SPEC_OVER_CHROMIUM[name];
    if (expected === undefined) {
      assert.equal(outcomes.ours[name], outcomes.native[name], name);
    } else {
      assert.deepEqual([outcomes.ours[name], outcomes.native[name]], expected, name);
    }
  }
  assert.equal(outcomes.native['unknown mid'], 'OperationError');
  assert.equal(outcomes.native['no mid or index'], 'TypeError');
  assert.equal(outcomes.native['no remote description'], 'InvalidStateError');
});

const INITS = [
  { candidate: 'candidate:3 2 TCP 1686052607 1.2.3.4 4444 typ srflx raddr 192.168.1.5 rport 54321 tcptype passive ufrag abc', sdpMid: '2' },
  { candidate: 'a=candidate:452495586 1 udp 2113937151 0cb155df-7886-4eb9-8c4c-c3de9320b21b.local 48029 typ host generation 0 ufrag quoS network-cost 999', sdpMLineIndex: 0, usernameFragment: 'quoS' },
  { candidate: 'candidate:1 1 udp 2122260223 192.168.1.5 54321 typ relay raddr 0.0.0.0 rport 0', sdpMid: '0', sdpMLineIndex: 0 },
  { candidate: 'candidate:1 1 UDP 2122260223 2001:db8::1 54321 typ prflx', sdpMid: 'a' },
  { candidate: 'candidate:3 2 udp 1686052607 1.2.3.4 4444 typ bogus', sdpMid: '2' },
  { candidate: 'candidate:3 3 udp 1686052607 1.2.3.4 4444 typ host', sdpMid: '2' },
  { candidate: 'garbage', sdpMLineIndex: 3 },
  { candidate: '', sdpMid: '' },
  { sdpMLineIndex: 65537 },
  { candidate: null, sdpMid: 'x', relayProtocol: 'tls', url: 'turn:example.org' },
  { candidate: 'candidate:1 1 UDP 2122260223 2001:DB8::1 54321 typ prflx raddr ::1 rport 5', sdpMid: 'a' },
  { candidate: 'candidate:1 1 tcp 2122260223 1.2.3.4 54321 typ host', sdpMid: 'a' },
  { candidate: 'candidate:1 1 ssltcp 1 1.2.3.4 7 typ host', sdpMid: 'a' },
  { candidate: 'candidate:1 1 udp 2122260223 1.2.3.4 54321 typ srflx raddr 1.1.1.1 generation', sdpMid: 'a' },
  { candidate: 'candidate:1 1 udp 1 1.2.3.4 54321 typ host tcptype active', sdpMid: 'a' },
  { candidate: 'candidate:3 0 udp 1686052607 1.2.3.4 4444 typ host', sdpMid: '2' },
  { candidate: 'candidate:1 1 udp 1 2001:DB8:0:0::1 9 typ srflx raddr FE80:0:0::1 rport 4', sdpMid: 'a' },
  { candidate: `candidate:${'a'.repeat(40)} 1 udp 1 Example.COM 9 typ host`, sdpMid: 'a' },
];

test('RTCIceCandidate: every attribute and toJSON as Chromium’s', async () => {
  const result = await page.evaluate((inits) => {
    const describe = (Class) =>
      inits.map((init) => {
        const candidate = new Class(init);
        const attributes = {};
        for (const key in candidate) if (typeof candidate[key] !== 'function') attributes[key] = candidate[key];
        return { attributes, json: JSON.stringify(candidate.toJSON()) };
      });
    const throws = (Class) =>
      [undefined, {}, { candidate: '' }, { candidate: 'candidate:1 1 udp 1 1.1.1.1 1 typ host' }, { sdpMid: 'a', relayProtocol: 'quic' }].map((init) => {
        try {
          new Class(init);
          return 'ok';
        } catch (error) {
          return error.constructor.name;
        }
      });
    return {
      native: { described: describe(RTCIceCandidate), throws: throws(RTCIceCandidate) },
      ours: { described: describe(window.ours.RTCIceCandidate), throws: throws(window.ours.RTCIceCandidate) },
    };
  }, INITS);
  assert.deepEqual(result.ours, result.native);
  // Chromium 156 reads no relayProtocol from the init: 'quic' is no error.
  assert.deepEqual(result.native.throws, ['TypeError', 'TypeError', 'TypeError', 'TypeError', 'ok']);
});
