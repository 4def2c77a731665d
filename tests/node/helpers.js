// Shared by the Node tests (not a test file itself).

import assert from 'node:assert/strict';

/** Resolves in a later task, after the tasks queued so far (the polyfill queues with setImmediate). */
export function nextTask() {
  return new Promise((resolve) => setImmediate(resolve));
}

export async function tasks(count) {
  for (let i = 0; i < count; i += 1) await nextTask();
}

/** The classes the entry exports and install() defines on a target without WebRTC, sorted. */
export const EXPORTED_CLASSES = [
  'MediaStream',
  'MediaStreamTrack',
  'MediaStreamTrackEvent',
  'RTCCertificate',
  'RTCDTMFSender',
  'RTCDataChannel',
  'RTCDtlsTransport',
  'RTCError',
  'RTCErrorEvent',
  'RTCIceCandidate',
  'RTCIceTransport',
  'RTCPeerConnection',
  'RTCPeerConnectionIceEvent',
  'RTCRtpReceiver',
  'RTCRtpSender',
  'RTCRtpTransceiver',
  'RTCSctpTransport',
  'RTCSessionDescription',
  'RTCStatsReport',
  'RTCTrackEvent',
];

/** Everything the entry exports, sorted: the classes, then the functions. */
export const EXPORTS = [...EXPORTED_CLASSES, 'install', 'preload'];

export const lines = (sdp) => sdp.split('\r\n');

/** The lines of `sdp` that start with `prefix`. */
export const linesStarting = (sdp, prefix) => lines(sdp).filter((line) => line.startsWith(prefix));

/** The error `promise` rejects with; fails if it fulfils. */
export async function rejection(promise) {
  assert.ok(promise instanceof Promise, 'a promise, not a synchronous throw');
  try {
    await promise;
  } catch (error) {
    return error;
  }
  assert.fail('expected a rejection');
}

/** Asserts a DOMException (not just something named like one) with this name. */
export function assertDOMException(error, name) {
  assert.ok(error instanceof DOMException, `${error} is a DOMException`);
  assert.equal(error.name, name);
}

/** Tracks whether `promise` settled: `state()` is 'pending', 'fulfilled' or 'rejected'. */
export function watch(promise) {
  let state = 'pending';
  promise.then(
    () => {
      state = 'fulfilled';
    },
    () => {
      state = 'rejected';
    },
  );
  return { state: () => state };
}

/** A stand-in MediaStreamTrack (Node has none): what addTrack/addTransceiver read of one. */
export function fakeTrack(kind, id = `${kind}-track-${Math.random().toString(36).slice(2, 10)}`) {
  return { kind, id };
}

export function fakeStream(id) {
  return { id };
}

const ANSWER_TRANSPORT = [
  'c=IN IP4 0.0.0.0',
  'a=rtcp:9 IN IP4 0.0.0.0',
  'a=ice-ufrag:aNsW',
  'a=ice-pwd:answererPasswordOf24Chars',
  'a=ice-options:trickle',
  'a=fingerprint:sha-256 A0:14:B2:2D:98:96:A8:AF:0E:59:3B:53:13:AA:F4:80:E4:19:B7:C7:E0:FC:15:1C:1C:A4:BE:90:25:8A:95:A7',
  'a=setup:active',
];
const DIRECTION_LINE = /^a=(sendrecv|sendonly|recvonly|inactive)$/;

/**
 * An answer to `offerSdp` shaped like Chromium's (tests only; a stand-in for a remote peer):
 * every m-section answered in order, with the offer's codecs and header extensions. By default
 * the answerer has nothing to send (an offered sendrecv section is answered recvonly);
 * `directions` ({mid: direction}) overrides that, `reject` lists mids answered with port 0
 * (sections the offer already rejected are always answered so), `trickle: false` leaves out
 * the trickle ICE option.
 */
export function answerFor(offerSdp, { directions = {}, reject = [], trickle = true } = {}) {
  const sections = [];
  for (const line of lines(offerSdp).filter((l) => l !== '')) {
    if (line.startsWith('m=')) sections.push([line]);
    else if (sections.length > 0) sections[sections.length - 1].push(line);
  }
  const accepted = [];
  const media = sections.map((section) => {
    const [mLine] = section;
    const [kindPart, port, proto, ...formats] = mLine.split(' ');
    const mid = section.find((l) => l.startsWith('a=mid:')).slice(6);
    const rejected = port === '0' || reject.includes(mid);
    if (!rejected) accepted.push(mid);
    const out = [`${kindPart} ${rejected ? 0 : 9} ${proto} ${formats.join(' ')}`];
    const transport = ANSWER_TRANSPORT.filter((l) => trickle || l !== 'a=ice-options:trickle');
    if (kindPart === 'm=application') {
      out.push(...transport, `a=mid:${mid}`, 'a=sctp-port:5000', 'a=max-message-size:262144');
      return out;
    }
    const offered = section.find((l) => DIRECTION_LINE.test(l)).slice(2);
    const direction = rejected
      ? 'inactive'
      : (directions[mid] ?? (offered === 'sendrecv' || offered === 'sendonly' ? 'recvonly' : 'inactive'));
    out.push(...transport, `a=mid:${mid}`);
    out.push(...section.filter((l) => l.startsWith('a=extmap:')));
    out.push(`a=${direction}`);
    if (direction === 'sendrecv' || direction === 'sendonly') out.push('a=msid:- answerer-track');
    out.push('a=rtcp-mux', 'a=rtcp-rsize');
    out.push(...section.filter((l) => /^a=(rtpmap|fmtp|rtcp-fb):/.test(l)));
    return out;
  });
  const session = ['v=0', 'o=- 9137671859009404914 2 IN IP4 127.0.0.1', 's=-', 't=0 0'];
  if (accepted.length > 0) session.push(`a=group:BUNDLE ${accepted.join(' ')}`);
  session.push('a=extmap-allow-mixed', 'a=msid-semantic: WMS');
  return { type: 'answer', sdp: `${[...session, ...media.flat()].join('\r\n')}\r\n` };
}

/** createOffer + setLocalDescription + setRemoteDescription(answerFor(offer, answerOptions)). */
export async function negotiate(pc, answerOptions = {}) {
  const offer = await pc.createOffer();
  await pc.setLocalDescription(offer);
  const answer = answerFor(offer.sdp, answerOptions);
  await pc.setRemoteDescription(answer);
  return { offer, answer };
}

/**
 * `actual` is the class install() gave one target for `Base` (pkg/realm.js): its own subclass,
 * with the same name, length and prototype Symbol.toStringTag.
 */
export function assertTargetClass(actual, Base) {
  assert.equal(typeof actual, 'function', `${Base.name} installed`);
  assert.notEqual(actual, Base, `${Base.name}: the target's own subclass, not the export`);
  assert.equal(Object.getPrototypeOf(actual), Base, `${Base.name} extends the export`);
  assert.deepEqual([actual.name, actual.length], [Base.name, Base.length]);
  assert.equal(Object.getOwnPropertyDescriptor(actual.prototype, Symbol.toStringTag)?.value, Base.name);
}
