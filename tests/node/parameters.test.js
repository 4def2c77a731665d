// RTCRtpSender.getParameters()/setParameters() and RTCRtpReceiver.getParameters() (webrtc-pc §5.2,
// §5.3; WPT RTCRtpSender-getParameters, RTCRtpSender-setParameters, RTCRtpParameters-codecs,
// -encodings, -transactionId): what the negotiated descriptions say, the last returned parameters
// and every error setParameters names.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RTCPeerConnection } from '../../pkg/index.js';
import { answerFor, assertDOMException, lines, nextTask, rejection, watch } from './helpers.js';

/** The codecs an m-section of `sdp` lists, as getParameters() reports them (read independently here). */
function codecsOf(sdp, mid) {
  const section = sdp.split('\r\nm=').find((s) => s.includes(`\r\na=mid:${mid}\r\n`));
  const [mLine, ...rest] = lines(section).filter((l) => l !== '');
  const kind = mLine.replace(/^m=/, '').split(' ')[0];
  return mLine
    .split(' ')
    .slice(3)
    .map((pt) => {
      const rtpmap = rest.find((l) => l.startsWith(`a=rtpmap:${pt} `));
      const fmtp = rest.find((l) => l.startsWith(`a=fmtp:${pt} `));
      const [name, clockRate, channels] = rtpmap.slice(`a=rtpmap:${pt} `.length).split('/');
      const codec = { payloadType: Number(pt), mimeType: `${kind}/${name}`, clockRate: Number(clockRate) };
      if (kind === 'audio') codec.channels = channels === undefined ? 1 : Number(channels);
      if (fmtp !== undefined) codec.sdpFmtpLine = fmtp.slice(`a=fmtp:${pt} `.length);
      return codec;
    });
}

/** An offerer and an answerer (both this package's), negotiated. */
async function pair(setUp) {
  const offerer = new RTCPeerConnection();
  const answerer = new RTCPeerConnection();
  setUp(offerer);
  await offerer.setLocalDescription();
  await answerer.setRemoteDescription(offerer.localDescription);
  await answerer.setLocalDescription();
  await offerer.setRemoteDescription(answerer.localDescription);
  return { offerer, answerer };
}

test('before an answer: no codecs or header extensions, an empty cname, the encodings with Chromium’s defaults', () => {
  const pc = new RTCPeerConnection();
  const audio = pc.addTransceiver('audio', { sendEncodings: [{ maxBitrate: 64000 }] });
  const video = pc.addTransceiver('video');
  const p = audio.sender.getParameters();
  assert.equal(typeof p.transactionId, 'string');
  assert.notEqual(p.transactionId, '');
  assert.deepEqual(p.codecs, []);
  assert.deepEqual(p.headerExtensions, []);
  assert.deepEqual(p.rtcp, { cname: '', reducedSize: false });
  assert.deepEqual(p.encodings, [{ active: true, adaptivePtime: false, maxBitrate: 64000, networkPriority: 'low', priority: 'low' }]);
  assert.deepEqual(video.sender.getParameters().encodings, [
    { active: true, adaptivePtime: false, networkPriority: 'low', priority: 'low', scaleResolutionDownBy: 1 },
  ]);
  assert.deepEqual(audio.receiver.getParameters(), { codecs: [], headerExtensions: [], rtcp: { reducedSize: false } });
  pc.close();
});

test('getParameters returns the same object until a task later, then a new one with a new transactionId', async () => {
  const pc = new RTCPeerConnection();
  const { sender } = pc.addTransceiver('audio');
  const first = sender.getParameters();
  assert.equal(sender.getParameters(), first);
  await nextTask();
  const second = sender.getParameters();
  assert.notEqual(second, first);
  assert.notEqual(second.transactionId, first.transactionId);
  pc.close();
});

test('after an answer: the sender has the remote description’s codecs, the receiver the local one’s', async () => {
  const { offerer, answerer } = await pair((pc) => {
    pc.addTransceiver('audio');
    pc.addTransceiver('video');
  });
  const [audio, video] = offerer.getTransceivers();
  const remote = offerer.remoteDescription.sdp;
  const sent = audio.sender.getParameters();
  assert.deepEqual(sent.codecs, codecsOf(remote, '0'));
  // The answerer sends nothing: this receiver receives nothing, and has empty parameters (Chromium's).
  assert.equal(audio.currentDirection, 'sendonly');
  assert.deepEqual(audio.receiver.getParameters(), { codecs: [], headerExtensions: [], rtcp: { reducedSize: false } });
  assert.deepEqual(video.sender.getParameters().codecs, codecsOf(remote, '1'));
  // rtx, red and ulpfec are codecs too, their fmtp lines verbatim.
  assert.ok(video.sender.getParameters().codecs.some((c) => c.mimeType === 'video/rtx' && /^apt=\d+$/.test(c.sdpFmtpLine)));
  assert.ok(sent.codecs.some((c) => c.mimeType === 'audio/opus' && c.channels === 2 && c.sdpFmtpLine === 'minptime=10;useinbandfec=1'));
  const extmaps = lines(remote)
    .slice(0, lines(remote).indexOf('a=mid:1'))
    .filter((l) => l.startsWith('a=extmap:'))
    .map((l) => {
      const [id, uri] = l.slice('a=extmap:'.length).split(' ');
      return { encrypted: false, id: Number(id), uri };
    });
  // Sorted by URI, as Chromium lists them.
  assert.deepEqual(sent.headerExtensions, extmaps.sort((x, y) => (x.uri < y.uri ? -1 : 1)));
  assert.equal(sent.rtcp.reducedSize, true);
  assert.match(sent.rtcp.cname, /^[A-Za-z0-9+/]{16}$/);
  // The cname is the one of the offer's a=ssrc lines.
  assert.ok(offerer.localDescription.sdp.includes(` cname:${sent.rtcp.cname}\r\n`));
  // The answerer's side, the other way round.
  const [theirs] = answerer.getTransceivers();
  assert.deepEqual(theirs.sender.getParameters().codecs, codecsOf(offerer.localDescription.sdp, '0'));
  assert.deepEqual(theirs.receiver.getParameters().codecs, codecsOf(answerer.localDescription.sdp, '0'));
  offerer.close();
  answerer.close();
});

test('in have-remote-offer, also after createAnswer, codecs are still empty (WPT RTCRtpParameters-codecs)', async () => {
  const offerer = new RTCPeerConnection();
  offerer.addTransceiver('audio');
  const answerer = new RTCPeerConnection();
  await answerer.setRemoteDescription(await offerer.createOffer());
  await answerer.createAnswer();
  const [transceiver] = answerer.getTransceivers();
  assert.deepEqual(transceiver.sender.getParameters().codecs, []);
  assert.deepEqual(transceiver.receiver.getParameters().codecs, []);
  offerer.close();
  answerer.close();
});

test('a static payload type without a=rtpmap is its RFC 3551 codec (PT 0: audio/PCMU)', async () => {
  const pc = new RTCPeerConnection();
  pc.addTransceiver('audio');
  await pc.setLocalDescription();
  const answer = answerFor(pc.localDescription.sdp);
  answer.sdp = answer.sdp.replace('a=rtpmap:0 PCMU/8000\r\n', '');
  await pc.setRemoteDescription(answer);
  const pcmu = pc.getSenders()[0].getParameters().codecs.find((c) => c.payloadType === 0);
  assert.deepEqual(pcmu, { payloadType: 0, mimeType: 'audio/PCMU', clockRate: 8000, channels: 1 });
  pc.close();
});

test('after an answer that declines simulcast, getParameters shows the first encoding only; the offer keeps the others paused', async () => {
  const pc = new RTCPeerConnection();
  const { sender } = pc.addTransceiver('video', { sendEncodings: [{ rid: 'q' }, { rid: 'h' }, { rid: 'f' }] });
  assert.deepEqual(
    sender.getParameters().encodings.map((e) => e.rid),
    ['q', 'h', 'f'],
  );
  await pc.setLocalDescription();
  await pc.setRemoteDescription(answerFor(pc.localDescription.sdp));
  await nextTask();
  const p = sender.getParameters();
  assert.deepEqual(p.encodings, [{ rid: 'q', active: true, adaptivePtime: false, networkPriority: 'low', priority: 'low', scaleResolutionDownBy: 4 }]);
  p.encodings[0].maxBitrate = 100000;
  await sender.setParameters(p);
  assert.equal(sender.getParameters().encodings[0].maxBitrate, 100000);
  assert.ok((await pc.createOffer()).sdp.includes('a=simulcast:send q;~h;~f\r\n'));
  pc.close();
});

test('setParameters: a missing required member is a TypeError, in WebIDL order', async () => {
  const pc = new RTCPeerConnection();
  const { sender } = pc.addTransceiver('audio');
  for (const name of ['codecs', 'headerExtensions', 'rtcp', 'encodings', 'transactionId']) {
    const p = sender.getParameters();
    delete p[name];
    const error = await rejection(sender.setParameters(p));
    assert.equal(error.constructor, TypeError, name);
    assert.match(error.message, new RegExp(`'${name}'`));
    await nextTask();
  }
  assert.equal((await rejection(sender.setParameters())).constructor, TypeError);
  pc.close();
});

test('setParameters: InvalidStateError without last returned parameters, after a task, after a success, when stopped', async () => {
  const pc = new RTCPeerConnection();
  const transceiver = pc.addTransceiver('audio');
  const { sender } = transceiver;
  const stale = sender.getParameters();
  await nextTask();
  assertDOMException(await rejection(sender.setParameters(stale)), 'InvalidStateError');
  const p = sender.getParameters();
  await sender.setParameters(p);
  assertDOMException(await rejection(sender.setParameters(p)), 'InvalidStateError');
  const q = sender.getParameters();
  transceiver.stop();
  assertDOMException(await rejection(sender.setParameters(q)), 'InvalidStateError');
  pc.close();
});

test('setParameters: InvalidModificationError for changed read-only parts, the last returned parameters kept', async () => {
  const { offerer } = await pair((pc) => pc.addTransceiver('video'));
  const negotiated = offerer.getTransceivers()[0].sender;
  // Two encodings (no answer has declined their simulcast yet).
  const simulcast = offerer.addTransceiver('video', { sendEncodings: [{ rid: 'a' }, { rid: 'b' }] }).sender;
  const changes = {
    transactionId: (p) => {
      p.transactionId = `${p.transactionId}-x`;
    },
    'encodings length': (p) => p.encodings.pop(),
    'encodings order': (p) => p.encodings.reverse(),
    rid: (p) => {
      p.encodings[0].rid = 'z';
    },
    'header extension id': (p) => {
      p.headerExtensions[0].id += 1;
    },
    'header extension removed': (p) => p.headerExtensions.pop(),
    cname: (p) => {
      p.rtcp.cname = 'other';
    },
    reducedSize: (p) => {
      p.rtcp.reducedSize = !p.rtcp.reducedSize;
    },
    'codec changed': (p) => {
      p.codecs[0].clockRate += 1;
    },
    'codec removed': (p) => p.codecs.pop(),
    'codecs reordered': (p) => p.codecs.reverse(),
  };
  for (const [what, change] of Object.entries(changes)) {
    const sender = /^(encodings|rid)/.test(what) ? simulcast : negotiated;
    const p = sender.getParameters();
    const original = structuredClone(p);
    change(p);
    const outcome = await sender.setParameters(p).then(() => `${what}: resolved`, (e) => e);
    assertDOMException(outcome, 'InvalidModificationError');
    // The same object again (WPT retries with it): still the last returned parameters.
    assert.equal(sender.getParameters(), p, what);
    await sender.setParameters(original).catch((e) => assertDOMException(e, 'InvalidStateError'));
    await nextTask();
  }
  offerer.close();
});

test('setParameters: RangeError for scaleResolutionDownBy < 1 and maxFramerate < 0; audio drops both', async () => {
  const pc = new RTCPeerConnection();
  const video = pc.addTransceiver('video');
  const audio = pc.addTransceiver('audio');
  let p = video.sender.getParameters();
  p.encodings[0].scaleResolutionDownBy = 0.5;
  assert.equal((await rejection(video.sender.setParameters(p))).constructor, RangeError);
  p.encodings[0].scaleResolutionDownBy = 1;
  p.encodings[0].maxFramerate = -1;
  assert.equal((await rejection(video.sender.setParameters(p))).constructor, RangeError);
  await nextTask();
  p = video.sender.getParameters();
  delete p.encodings[0].scaleResolutionDownBy;
  await video.sender.setParameters(p);
  assert.equal(video.sender.getParameters().encodings[0].scaleResolutionDownBy, 1);
  const a = audio.sender.getParameters();
  a.encodings[0].scaleResolutionDownBy = 0.5;
  a.encodings[0].maxFramerate = 10;
  await audio.sender.setParameters(a);
  assert.deepEqual(audio.sender.getParameters().encodings, [{ active: true, adaptivePtime: false, networkPriority: 'low', priority: 'low' }]);
  pc.close();
});

test('setParameters resolves in a later task, is not chained, and stores what getParameters shows next', async () => {
  const pc = new RTCPeerConnection();
  const { sender } = pc.addTransceiver('video');
  // A pending operation in the chain does not hold setParameters back.
  const offer = pc.createOffer();
  const p = sender.getParameters();
  Object.assign(p.encodings[0], { active: false, adaptivePtime: false, maxBitrate: 300000, maxFramerate: 15, priority: 'high', networkPriority: 'medium' });
  p.degradationPreference = 'maintain-resolution';
  const done = watch(sender.setParameters(p));
  await Promise.resolve();
  assert.equal(done.state(), 'pending');
  assert.equal(sender.getParameters(), p);
  await nextTask();
  assert.equal(done.state(), 'fulfilled');
  const next = sender.getParameters();
  assert.notEqual(next, p);
  assert.deepEqual(next.encodings, [
    { active: false, adaptivePtime: false, maxBitrate: 300000, maxFramerate: 15, networkPriority: 'medium', priority: 'high', scaleResolutionDownBy: 1 },
  ]);
  assert.equal(next.degradationPreference, 'maintain-resolution');
  await offer;
  pc.close();
});

test('inactive simulcast layers are offered paused, from sendEncodings or setParameters, without negotiationneeded', async () => {
  const pc = new RTCPeerConnection();
  const { sender } = pc.addTransceiver('video', { sendEncodings: [{ rid: 'q', active: false }, { rid: 'h' }, { rid: 'f' }] });
  assert.ok((await pc.createOffer()).sdp.includes('a=simulcast:send ~q;h;f\r\n'));
  await pc.setLocalDescription();
  let fired = 0;
  pc.onnegotiationneeded = () => {
    fired += 1;
  };
  await nextTask();
  const p = sender.getParameters();
  p.encodings[0].active = true;
  p.encodings[1].active = false;
  await sender.setParameters(p);
  assert.ok((await pc.createOffer()).sdp.includes('a=simulcast:send q;~h;f\r\n'));
  await nextTask();
  assert.equal(fired, 0);
  pc.close();
});

test('an answer taking simulcast sets which layers are active, as Chromium does: ~rid paused, the others active', async () => {
  const pc = new RTCPeerConnection();
  const { sender } = pc.addTransceiver('video', { sendEncodings: [{ rid: 'q', active: false }, { rid: 'h' }, { rid: 'f' }] });
  await pc.setLocalDescription();
  const answer = answerFor(pc.localDescription.sdp);
  answer.sdp = answer.sdp.replace('a=recvonly\r\n', 'a=recvonly\r\na=rid:q recv\r\na=rid:h recv\r\na=rid:f recv\r\na=simulcast:recv q;~h;f\r\n');
  await pc.setRemoteDescription(answer);
  assert.deepEqual(
    sender.getParameters().encodings.map((e) => [e.rid, e.active]),
    [
      ['q', true],
      ['h', false],
      ['f', true],
    ],
  );
  assert.ok((await pc.createOffer()).sdp.includes('a=simulcast:send q;~h;f\r\n'));
  pc.close();
});

test('setParameters: an encoding codec must be a negotiated one (none before an answer), else InvalidModificationError', async () => {
  const pc = new RTCPeerConnection();
  const { sender } = pc.addTransceiver('audio');
  let p = sender.getParameters();
  p.encodings[0].codec = { mimeType: 'audio/opus', clockRate: 48000, channels: 2, sdpFmtpLine: 'minptime=10;useinbandfec=1' };
  assertDOMException(await rejection(sender.setParameters(p)), 'InvalidModificationError');
  await pc.setLocalDescription();
  await pc.setRemoteDescription(answerFor(pc.localDescription.sdp));
  await nextTask();
  p = sender.getParameters();
  p.encodings[0].codec = { mimeType: 'AUDIO/FOO', clockRate: 8000 };
  assertDOMException(await rejection(sender.setParameters(p)), 'InvalidModificationError');
  const [opus] = p.codecs;
  p.encodings[0].codec = { ...opus };
  delete p.encodings[0].codec.payloadType;
  await sender.setParameters(p);
  const { codec } = sender.getParameters().encodings[0];
  assert.deepEqual(codec, { channels: 2, clockRate: 48000, mimeType: 'audio/opus', sdpFmtpLine: opus.sdpFmtpLine });
  pc.close();
});

test('receiver.jitterBufferTarget: null at first, kept in milliseconds from 0 to 4000, RangeError outside', () => {
  const pc = new RTCPeerConnection();
  const { receiver } = pc.addTransceiver('audio');
  assert.equal(receiver.jitterBufferTarget, null);
  receiver.jitterBufferTarget = 150;
  assert.equal(receiver.jitterBufferTarget, 150);
  receiver.jitterBufferTarget = 4000;
  assert.equal(receiver.jitterBufferTarget, 4000);
  for (const bad of [-1, 4000.5]) {
    assert.throws(() => (receiver.jitterBufferTarget = bad), RangeError);
    assert.equal(receiver.jitterBufferTarget, 4000, 'unchanged');
  }
  assert.throws(() => (receiver.jitterBufferTarget = Number.NaN), TypeError);
  receiver.jitterBufferTarget = null;
  assert.equal(receiver.jitterBufferTarget, null);
  pc.close();
});

test('sender.dtmf: an RTCDTMFSender for audio (the same each time), null for video; nothing can be sent', async () => {
  const { RTCDTMFSender } = await import('../../pkg/index.js');
  const pc = new RTCPeerConnection();
  const audio = pc.addTransceiver('audio');
  const video = pc.addTransceiver('video');
  const { dtmf } = audio.sender;
  assert.ok(dtmf instanceof RTCDTMFSender);
  assert.equal(audio.sender.dtmf, dtmf);
  assert.equal(video.sender.dtmf, null);
  assert.equal(dtmf.canInsertDTMF, false);
  assert.equal(dtmf.toneBuffer, '');
  assert.equal(dtmf.ontonechange, null);
  assert.throws(() => dtmf.insertDTMF(), TypeError);
  assertDOMException((() => { try { dtmf.insertDTMF('123'); } catch (e) { return e; } })(), 'InvalidStateError');
  assert.throws(() => new RTCDTMFSender(), TypeError);
  // "Determine if DTMF can be sent" comes before the tones are read: never an InvalidCharacterError.
  assertDOMException((() => { try { dtmf.insertDTMF('12X'); } catch (e) { return e; } })(), 'InvalidStateError');
  assert.throws(() => dtmf.insertDTMF('1', Symbol('duration')), TypeError);
  pc.close();
});

test('setLocalDescription/setRemoteDescription wait for unsettled setParameters() promises, even ones called after them (webrtc-pc)', async () => {
  const pc = new RTCPeerConnection();
  const { sender } = pc.addTransceiver('video');
  // The core is loaded: setLocalDescription() queues its task before setParameters() queues its own.
  await pc.createOffer();
  const race = async (apply, name) => {
    await nextTask();
    const p = sender.getParameters();
    p.encodings[0].maxBitrate = 100000;
    const order = [];
    await Promise.all([apply().then(() => order.push(name)), sender.setParameters(p).then(() => order.push('setParameters'))]);
    return order;
  };
  assert.deepEqual(await race(() => pc.setLocalDescription(), 'setLocalDescription'), ['setParameters', 'setLocalDescription']);
  const answer = answerFor(pc.localDescription.sdp);
  assert.deepEqual(await race(() => pc.setRemoteDescription(answer), 'setRemoteDescription'), [
    'setParameters',
    'setRemoteDescription',
  ]);
  assert.equal(sender.getParameters().encodings[0].maxBitrate, 100000);
  pc.close();
});

test('an answer or pranswer applied locally forgets the parameters getParameters() last returned (webrtc-pc)', async () => {
  for (const type of ['answer', 'pranswer']) {
    const offerer = new RTCPeerConnection();
    offerer.addTransceiver('audio');
    const answerer = new RTCPeerConnection();
    await offerer.setLocalDescription();
    await answerer.setRemoteDescription(offerer.localDescription);
    const { sender } = answerer.getTransceivers()[0];
    // An empty operations chain: setLocalDescription() queues its task at once.
    await nextTask();
    const applied = answerer.setLocalDescription({ type });
    // Returned after the answer's task was queued: only applying the answer forgets them before a task passes.
    const before = sender.getParameters();
    await applied;
    assertDOMException(await rejection(sender.setParameters(before)), 'InvalidStateError');
    assert.notEqual(sender.getParameters(), before);
    offerer.close();
    answerer.close();
  }
});

test('addTransceiver: scalabilityMode and codec checked against the send capabilities (OperationError); audio drops the mode', () => {
  const pc = new RTCPeerConnection();
  const add = (kind, ...sendEncodings) => pc.addTransceiver(kind, { sendEncodings }).sender.getParameters().encodings;
  const operationError = (kind, ...sendEncodings) => {
    assert.throws(
      () => pc.addTransceiver(kind, { sendEncodings }),
      (e) => e instanceof DOMException && e.name === 'OperationError',
      JSON.stringify(sendEncodings),
    );
  };
  const VP8 = { mimeType: 'video/VP8', clockRate: 90000 };
  const VP9 = { mimeType: 'video/VP9', clockRate: 90000 };
  assert.equal(add('video', { scalabilityMode: 'S3T3h' })[0].scalabilityMode, 'S3T3h');
  operationError('video', { scalabilityMode: 'L3T3_KEY_SHIFT' });
  operationError('video', { scalabilityMode: 'l1t1' });
  assert.deepEqual(add('video', { codec: VP9, scalabilityMode: 'L3T3' })[0].codec, VP9);
  operationError('video', { codec: VP8, scalabilityMode: 'L2T1' });
  // H.264's level and VP8's parameters do not matter; H.264's profile and opus's parameters do.
  add('video', { codec: { mimeType: 'video/H264', clockRate: 90000, sdpFmtpLine: 'profile-level-id=42e033;packetization-mode=1' } });
  add('video', { codec: { ...VP8, sdpFmtpLine: 'x=1' } });
  operationError('video', { codec: { mimeType: 'video/H264', clockRate: 90000, sdpFmtpLine: 'profile-level-id=640c1f' } });
  operationError('audio', { codec: { mimeType: 'audio/opus', clockRate: 48000, channels: 2 } });
  add('audio', { codec: { mimeType: 'audio/opus', clockRate: 48000, channels: 2, sdpFmtpLine: 'useinbandfec=1;minptime=10' } });
  operationError('video', { rid: 'a', codec: VP8 }, { rid: 'b' });
  assert.deepEqual(add('audio', { scalabilityMode: 'bad' }), [{ active: true, adaptivePtime: false, networkPriority: 'low', priority: 'low' }]);
  pc.close();
});

test('setParameters: scalabilityMode against every codec before an answer, the sending codec’s after; degradationPreference kept until left out', async () => {
  const { offerer, answerer } = await pair((pc) => pc.addTransceiver('video'));
  const fresh = new RTCPeerConnection();
  const unanswered = fresh.addTransceiver('video').sender;
  const { sender } = offerer.getTransceivers()[0];
  const set = async (s, change) => {
    await nextTask();
    const p = s.getParameters();
    change(p);
    return s.setParameters(p).then(
      () => 'resolved',
      (e) => e.name,
    );
  };
  const mode = (m) => (p) => (p.encodings[0].scalabilityMode = m);
  assert.equal(await set(unanswered, mode('L3T3')), 'resolved');
  assert.equal(await set(unanswered, mode('L4T1')), 'InvalidModificationError');
  // The answer sends VP8 first: temporal layers only, unless an encoding names VP9.
  assert.equal(await set(sender, mode('L1T2')), 'resolved');
  assert.equal(await set(sender, mode('L3T3')), 'InvalidModificationError');
  const vp9 = { mimeType: 'video/VP9', clockRate: 90000 };
  assert.equal(await set(sender, (p) => Object.assign(p.encodings[0], { codec: vp9, scalabilityMode: 'L3T3' })), 'resolved');
  assert.equal(await set(sender, (p) => (p.degradationPreference = 'maintain-resolution')), 'resolved');
  await nextTask();
  assert.equal(sender.getParameters().degradationPreference, 'maintain-resolution');
  assert.equal(await set(sender, (p) => delete p.degradationPreference), 'resolved');
  await nextTask();
  assert.equal('degradationPreference' in sender.getParameters(), false);
  offerer.close();
  answerer.close();
  fresh.close();
});
