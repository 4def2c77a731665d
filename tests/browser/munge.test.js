// Munged SDP in setLocalDescription(), probed on Chromium 156 and ours side by side: each case
// creates an offer on a fresh connection (audio + video), or an answer to such an offer, or an
// offer after a completed exchange, changes it the way apps do, sets it, and reads
// localDescription.sdp and the next createOffer() (after a rollback or an answer where the case
// says). Per case, both must accept or reject alike (same error name), and localDescription must
// differ from the created description by the same lines (credentials and fingerprints masked:
// they are each connection's own).
//
// What Chromium 156 does (probed here):
// - applies, and reports its own serialization of what it applied: lines it does not know are
//   dropped (an unknown a= line, a codec line for a payload type the m= line lacks), lines come
//   back in its own order whatever order they were given in, LF endings become CRLF, fmtp
//   parameters come out sorted by name;
// - removed a=ice-options:trickle, added b=AS / b=TIAS (after c=), a changed direction: in
//   localDescription, and the next offer is as created again (offers and answers alike);
// - changed opus fmtp (stereo=1, maxaveragebitrate), changed ice-ufrag/ice-pwd, a changed mid:
//   in localDescription and kept in the next offer (the transceiver's mid is the munged one); the
//   fmtp also after the answer, and in the answerer's next offer after a munged answer;
// - added SSRCs (legacy simulcast: a=ssrc-group:SIM and FID pairs, cname lines only): kept, each
//   with an msid line like the sender's own, and kept in the next offer, also after the answer;
// - removed payload types: gone from localDescription, and the next offer lists them again,
//   after the others; reordered payload types: the codec blocks follow the m= line, and the next
//   offer keeps that order; so too in a re-offer after an exchange, and after a munged answer;
// - opus removed but RED (fmtp 111/111) kept: applied, and then every createOffer() fails
//   (OperationError "RED codec pointing to nonexistent PT");
// - a=setup:active or passive in an offer: applied; the answer to it then fails to apply
//   (InvalidAccessError "... Offerer must use actpass value for setup attribute."); in an answer
//   a=setup:passive is applied, actpass fails (OperationError "... Answerer must use either active
//   or passive value for setup attribute."); after either failure every later description call
//   fails (OperationError "Session error code: ERROR_CONTENT. ...");
// - a rollback of a munged offer: the next offer is as after a rollback of the created one;
// - an older offer or answer (only its o= version differs): applied, reported as given;
// - an rtx format whose apt names a payload type the m= line lacks: fails to apply
//   (OperationError "... Failed to set local video description recv parameters for m-section
//   with mid='1'."), and as above every later description call fails;
// - rejects: fewer m-lines (offer: InvalidModificationError "SDP is modified in a non-acceptable
//   way"; answer: InvalidAccessError "... The order of m-lines in answer doesn't match order in
//   offer. Rejecting answer.", as for an answer's changed mid), a duplicate mid
//   (InvalidAccessError "... Duplicate a=mid value '0'."), a changed media kind (OperationError
//   "... Transceiver type does not match media description type."), no ice-ufrag
//   (InvalidAccessError "... Called with SDP without ice-ufrag and ice-pwd."), a changed
//   fingerprint (InvalidModificationError "The SDP does not match the previously generated SDP
//   for this type"), a line that does not parse (OperationError), an a=fmtp or a=rtcp-fb line
//   for a payload type the m= line lacks, or a listed one without a=rtpmap (OperationError
//   "Failed to parse SessionDescription.  Failed to parse codecs correctly.").

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowser } from './harness.js';

let env;
let page;

before(async () => {
  env = await startBrowser();
  page = await env.openPage('/tests/browser/pages/polyfill.html');
});

after(async () => {
  await env?.close();
});

/**
 * Each case: the munging, as page-side source (`(sdp) => sdp'`), of a fresh connection's first
 * offer; or `{ munge, on, then }`: `on` 'answer' munges the answer to a remote offer (audio +
 * video), 're-offer' the offer after a completed exchange; `then` 'rollback' rolls the munged
 * offer back, 'answer' applies an answer to it, before the next createOffer().
 */
const SIMULCAST = String.raw`(s) => {
    const [fid, primary] = s.match(/a=ssrc-group:FID (\d+) \d+/);
    const cname = s.match(/a=ssrc:\d+ cname:(\S+)/)[1];
    const added = ['11111111', '22222222', '33333333', '44444444'].map((n) => 'a=ssrc:' + n + ' cname:' + cname);
    const groups = ['SIM ' + primary + ' 11111111 33333333', 'FID 11111111 22222222', 'FID 33333333 44444444'];
    return s.replace(fid, [fid, ...groups.map((g) => 'a=ssrc-group:' + g)].join('\r\n')) + added.join('\r\n') + '\r\n';
  }`;
const VP8_REMOVED = String.raw`(s) => s.replace(/(m=video \d+ \S+) 96 97/, '$1')
    .split('\r\n').filter((l) => !/^a=(rtpmap|rtcp-fb|fmtp):(96|97) /.test(l)).join('\r\n')`;
const VIDEO_REORDERED = String.raw`(s) => s.replace(/(m=video \d+ \S+) 96 97 (\d+) (\d+)/, '$1 $2 $3 96 97')`;
const OPUS_REMOVED = String.raw`(s) => s.replace(/(m=audio \d+ \S+) 111 /, '$1 ')
    .split('\r\n').filter((l) => !/^a=(rtpmap|rtcp-fb|fmtp):111 /.test(l)).join('\r\n')`;
const CREDENTIALS = String.raw`(s) => s.replace(/a=ice-ufrag:[^\r]*/g, 'a=ice-ufrag:abcd')
    .replace(/a=ice-pwd:[^\r]*/g, 'a=ice-pwd:abcdefghijklmnopqrstuv')`;
const CASES = {
  'trickle removed': String.raw`(s) => s.replace(/a=ice-options:trickle\r\n/g, '')`,
  'b=AS added': String.raw`(s) => s.replace(/(m=audio[^\r]*\r\nc=IN IP4 0.0.0.0\r\n)/, '$1b=AS:64\r\n')`,
  'b=TIAS added': String.raw`(s) => s.replace(/(m=video[^\r]*\r\nc=IN IP4 0.0.0.0\r\n)/, '$1b=TIAS:500000\r\n')`,
  'opus stereo and maxaveragebitrate':
    String.raw`(s) => s.replace('useinbandfec=1', 'useinbandfec=1;stereo=1;maxaveragebitrate=510000')`,
  'VP8 and its rtx removed': VP8_REMOVED,
  'video payload types reordered': VIDEO_REORDERED,
  'audio payload types reordered': String.raw`(s) => s.replace(/(m=audio \d+ \S+) 111 (\d+)/, '$1 $2 111')`,
  'ice-ufrag and ice-pwd changed': CREDENTIALS,
  'unknown attribute added': String.raw`(s) => s.replace('a=mid:0\r\n', 'a=mid:0\r\na=x-foo:bar\r\n')`,
  'lines reordered': String.raw`(s) => s.replace(/(a=mid:0\r\n)(a=extmap[^\r]*\r\n)/, '$2$1')`,
  'LF line endings': String.raw`(s) => s.replace(/\r\n/g, '\n')`,
  'a line moved to another section': String.raw`(s) => s.replace('a=rtcp-rsize\r\n', '')
    .replace('a=mid:1\r\n', 'a=mid:1\r\na=rtcp-rsize\r\n')`,
  'rtpmap for a payload type the m= line lacks': String.raw`(s) => s.replace('a=mid:0\r\n', 'a=mid:0\r\na=rtpmap:127 L16/8000\r\n')`,
  'legacy simulcast SSRCs added (a=ssrc-group:SIM)': SIMULCAST,
  'legacy simulcast SSRCs added, then answered': { munge: SIMULCAST, then: 'answer' },
  'legacy simulcast SSRCs added, then rolled back': { munge: SIMULCAST, then: 'rollback' },
  'codec, fmtp, credentials and mid munged, then rolled back': {
    munge: String.raw`(s) => (${VP8_REMOVED})((${CREDENTIALS})(s))
      .replace('useinbandfec=1', 'stereo=1;useinbandfec=1').replace(/a=mid:0/g, 'a=mid:zz').replace('BUNDLE 0 1', 'BUNDLE zz 1')`,
    then: 'rollback',
  },
  'opus removed, RED kept': OPUS_REMOVED,
  'payload types removed from the m= line only': String.raw`(s) => s.replace(/(m=video \d+ \S+) 96 97 /, '$1 ')`,
  'rtcp-fb for a payload type the m= line lacks': String.raw`(s) => s.replace('a=mid:1\r\n', 'a=mid:1\r\na=rtcp-fb:127 nack\r\n')`,
  'a listed payload type without rtpmap': String.raw`(s) => s.replace('a=rtpmap:96 VP8/90000\r\n', '')`,
  'VP8 removed, its rtx left': String.raw`(s) => s.replace(/(m=video \d+ \S+) 96 97 /, '$1 97 ')
    .split('\r\n').filter((l) => !/^a=(rtpmap|rtcp-fb|fmtp):96 /.test(l)).join('\r\n')`,
  'duplicate mids': String.raw`(s) => s.replace(/a=mid:1/g, 'a=mid:0').replace('BUNDLE 0 1', 'BUNDLE 0 0')`,
  'a=setup:active in the offer, then answered': {
    munge: String.raw`(s) => s.replace(/a=setup:actpass/g, 'a=setup:active')`, then: 'answer',
  },
  'a=setup:passive in the offer, then answered': {
    munge: String.raw`(s) => s.replace(/a=setup:actpass/g, 'a=setup:passive')`, then: 'answer',
  },
  're-offer: video payload types reordered': { munge: VIDEO_REORDERED, on: 're-offer' },
  're-offer: audio payload types reordered': {
    munge: String.raw`(s) => s.replace(/(m=audio \d+ \S+) 111 (\d+)/, '$1 $2 111')`, on: 're-offer',
  },
  're-offer: VP8 and its rtx removed': { munge: VP8_REMOVED, on: 're-offer' },
  're-offer: VP8 and its rtx removed, then answered': { munge: VP8_REMOVED, on: 're-offer', then: 'answer' },
  'answer: trickle removed': { munge: String.raw`(s) => s.replace(/a=ice-options:trickle\r\n/g, '')`, on: 'answer' },
  'answer: ice-ufrag and ice-pwd changed': { munge: CREDENTIALS, on: 'answer' },
  'answer: b=AS added to video': {
    munge: String.raw`(s) => s.replace(/(m=video[^\r]*\r\nc=IN IP4 0.0.0.0\r\n)/, '$1b=AS:500\r\n')`, on: 'answer',
  },
  'answer: opus stereo': {
    munge: String.raw`(s) => s.replace('useinbandfec=1', 'useinbandfec=1;stereo=1;sprop-stereo=1')`, on: 'answer',
  },
  'answer: VP8 and its rtx removed': { munge: VP8_REMOVED, on: 'answer' },
  'answer: video payload types reordered': { munge: VIDEO_REORDERED, on: 'answer' },
  'answer: opus removed, RED kept': { munge: OPUS_REMOVED, on: 'answer' },
  'answer: VP8 removed, its rtx left': {
    munge: String.raw`(s) => s.replace(/(m=video \d+ \S+) 96 97 /, '$1 97 ')
      .split('\r\n').filter((l) => !/^a=(rtpmap|rtcp-fb|fmtp):96 /.test(l)).join('\r\n')`,
    on: 'answer',
  },
  'answer: payload types removed from the m= line only': {
    munge: String.raw`(s) => s.replace(/(m=video \d+ \S+) 96 97 /, '$1 ')`, on: 'answer',
  },
  'answer: direction changed': { munge: String.raw`(s) => s.replace('a=recvonly', 'a=inactive')`, on: 'answer' },
  'answer: a=setup:passive': { munge: String.raw`(s) => s.replace(/a=setup:active/g, 'a=setup:passive')`, on: 'answer' },
  'answer: a=setup:actpass': { munge: String.raw`(s) => s.replace(/a=setup:active/g, 'a=setup:actpass')`, on: 'answer' },
  'answer: duplicate mids': { munge: String.raw`(s) => s.replace(/a=mid:1/g, 'a=mid:0')`, on: 'answer' },
  'answer: mid changed': {
    munge: String.raw`(s) => s.replace(/a=mid:1/g, 'a=mid:x').replace('BUNDLE 0 1', 'BUNDLE 0 x')`, on: 'answer',
  },
  'answer: an m-line removed': {
    munge: String.raw`(s) => s.slice(0, s.indexOf('m=video')).replace('BUNDLE 0 1', 'BUNDLE 0')`, on: 'answer',
  },
  'answer: ice-ufrag removed': { munge: String.raw`(s) => s.replace(/a=ice-ufrag:[^\r]*\r\n/, '')`, on: 'answer' },
  'answer: fingerprint changed': { munge: String.raw`(s) => s.replace(/(a=fingerprint:sha-256 )(..)/g, (_, name, first) => name + (first === '00' ? '11' : '00'))`, on: 'answer' },
  'direction changed': String.raw`(s) => s.replace('a=sendrecv', 'a=recvonly')`,
  'mid changed': String.raw`(s) => s.replace(/a=mid:0/g, 'a=mid:zz').replace('BUNDLE 0 1', 'BUNDLE zz 1')`,
  'an m-line removed': String.raw`(s) => s.slice(0, s.indexOf('m=video')).replace('BUNDLE 0 1', 'BUNDLE 0')`,
  'media kind changed': String.raw`(s) => s.replace('m=video', 'm=audio')`,
  'ice-ufrag removed': String.raw`(s) => s.replace(/a=ice-ufrag:[^\r]*\r\n/, '')`,
  'fingerprint changed': String.raw`(s) => s.replace(/(a=fingerprint:sha-256 )(..)/g, (_, name, first) => name + (first === '00' ? '11' : '00'))`,
  'a line that does not parse': String.raw`(s) => s.replace('a=mid:0', 'a=mid:0\r\nfoo')`,
  // Found by the session fuzz target: what later offers keep of them.
  'an rtx apt that is not a number': String.raw`(s) => s.replace(/(a=fmtp:\d+ apt=\d+)/, '$1x')`,
  'a=mid removed': String.raw`(s) => s.replace('a=mid:1\r\n', '')`,
};

/** Lines only in `a` (prefixed -) and only in `b` (+), values that are each connection's own masked. */
function diff(a, b) {
  const mask = (line) => line
    .replace(/^(a=ice-ufrag:|a=ice-pwd:)(?!abcd).*/, '$1*')
    .replace(/^(a=fingerprint:\S+ ).*/, '$1*')
    .replace(/^(a=msid:|o=- ).*/, '$1*')
    // Each connection's own SSRCs and CNAME; the ones a case adds (eight equal digits) stay.
    .replace(/^a=ssrc.*/, (ssrcLine) => ssrcLine.replace(/\b(?!(\d)\1{7}\b)\d+\b/g, '*'))
    .replace(/^(a=ssrc:.* (?:cname|msid):).*/, '$1*');
  // Chromium gathers once a description is applied; ours does not.
  const gathered = (line) => line.startsWith('a=candidate:') || line === 'a=end-of-candidates';
  const [la, lb] = [a, b].map((sdp) => sdp.split('\r\n').filter((l) => !gathered(l)).map(mask));
  return [
    ...la.filter((l) => !lb.includes(l)).map((l) => `- ${l}`),
    ...lb.filter((l) => !la.includes(l)).map((l) => `+ ${l}`),
  ];
}

async function run(which, name) {
  const row = typeof CASES[name] === 'string' ? { munge: CASES[name] } : CASES[name];
  return page.evaluate(async ({ which, source, on, then }) => {
    const { PC } = window.classesFor(which);
    const munge = (0, eval)(source);
    const pc = new PC();
    const peer = new PC();
    const close = () => {
      pc.close();
      peer.close();
    };
    let created;
    if (on === 'answer') {
      peer.addTransceiver('audio');
      peer.addTransceiver('video');
      await pc.setRemoteDescription(await peer.createOffer());
      created = await pc.createAnswer();
    } else {
      pc.addTransceiver('audio');
      pc.addTransceiver('video');
      if (on === 're-offer') {
        await pc.setLocalDescription();
        await peer.setRemoteDescription(pc.localDescription);
        await peer.setLocalDescription();
        await pc.setRemoteDescription(peer.localDescription);
      }
      created = await pc.createOffer();
    }
    const sdp = munge(created.sdp);
    try {
      await pc.setLocalDescription({ type: created.type, sdp });
    } catch (error) {
      const state = pc.signalingState;
      close();
      return { error: error.name, message: error.message, state };
    }
    const result = {
      created: created.sdp,
      given: sdp,
      local: pc.localDescription.sdp,
      mids: pc.getTransceivers().map((t) => t.mid),
      state: pc.signalingState,
    };
    if (then === 'rollback') await pc.setLocalDescription({ type: 'rollback' });
    if (then === 'answer') {
      try {
        await peer.setRemoteDescription(pc.localDescription);
        await peer.setLocalDescription();
        await pc.setRemoteDescription(peer.localDescription);
      } catch (error) {
        Object.assign(result, { thenError: error.name, thenMessage: error.message });
      }
      result.thenState = pc.signalingState;
    }
    try {
      result.next = (await pc.createOffer()).sdp;
    } catch (error) {
      Object.assign(result, { nextError: error.name, nextMessage: error.message });
    }
    close();
    return result;
  }, { which, source: row.munge, on: row.on, then: row.then });
}

for (const name of Object.keys(CASES)) {
  test(`${name}: applied or rejected as Chromium does, localDescription and the next offer alike`, async () => {
    const native = await run('native', name);
    const ours = await run('ours', name);
    if (native.error !== undefined) {
      assert.equal(ours.error, native.error, `ours: ${ours.message}; Chromium: ${native.message}`);
      assert.equal(ours.state, native.state);
      return;
    }
    assert.equal(ours.error, undefined, ours.message);
    assert.equal(ours.state, native.state);
    assert.notEqual(native.given, native.created, 'the munging changed the description');
    assert.deepEqual(diff(ours.created, ours.local), diff(native.created, native.local), 'localDescription');
    assert.deepEqual(ours.mids, native.mids, "the transceivers' mids");
    assert.deepEqual([ours.thenError, ours.thenState], [native.thenError, native.thenState],
      `ours: ${ours.thenMessage}; Chromium: ${native.thenMessage}`);
    assert.equal(ours.nextError, native.nextError, `ours: ${ours.nextMessage}; Chromium: ${native.nextMessage}`);
    // After an exchange ours drops a=rtcp (rtcp-mux, RFC 9429 §5.2.2: README, Decisions, "Later
    // offers follow the answer").
    const exchanged = CASES[name].on === 'answer' || (CASES[name].then === 'answer' && !native.thenError);
    const rtcp = (lines) => lines.filter((l) => !(exchanged && l.startsWith('- a=rtcp:')));
    if (native.next !== undefined) {
      assert.deepEqual(rtcp(diff(ours.created, ours.next)), rtcp(diff(native.created, native.next)), 'the next offer');
    }
  });
}

test('the munged answer: applied as Chromium applies it', async () => {
  const results = await Promise.all(['native', 'ours'].map((which) => page.evaluate(async (which) => {
    const { PC } = window.classesFor(which);
    const offerer = new PC();
    offerer.addTransceiver('audio');
    const pc = new PC();
    await pc.setRemoteDescription(await offerer.createOffer());
    const answer = await pc.createAnswer();
    const given = answer.sdp.replace('useinbandfec=1', 'stereo=1;useinbandfec=1')
      .replace(/(c=IN IP4 0.0.0.0\r\n)/, '$1b=AS:128\r\n')
      .replace(/a=ice-ufrag:[^\r]*/g, 'a=ice-ufrag:abcd');
    await pc.setLocalDescription({ type: 'answer', sdp: given });
    const result = {
      created: answer.sdp,
      local: pc.localDescription.sdp,
      state: pc.signalingState,
      next: (await pc.createOffer()).sdp,
    };
    pc.close();
    offerer.close();
    return result;
  }, which)));
  const [native, ours] = results;
  assert.equal(ours.state, 'stable');
  assert.deepEqual(diff(ours.created, ours.local), diff(native.created, native.local));
  assert.equal(diff(native.created, native.local).length, 5, 'b=AS added, the fmtp and ufrag lines changed');
  // The answerer's next offer keeps the munged fmtp and credentials. (Ours drops a=rtcp after an
  // exchange with rtcp-mux, RFC 9429 §5.2.2: README, Decisions, "Later offers follow the answer".)
  const noRtcp = (lines) => lines.filter((l) => !l.startsWith('- a=rtcp:'));
  assert.deepEqual(noRtcp(diff(ours.created, ours.next)), noRtcp(diff(native.created, native.next)));
});

test('an older answer (only its o= version differs): applied as given, as Chromium applies it', async () => {
  for (const which of ['native', 'ours']) {
    const result = await page.evaluate(async (which) => {
      const { PC } = window.classesFor(which);
      const offerer = new PC();
      offerer.addTransceiver('audio');
      const pc = new PC();
      await pc.setRemoteDescription(await offerer.createOffer());
      const first = await pc.createAnswer();
      const second = await pc.createAnswer();
      await pc.setLocalDescription(first);
      const result = [first.sdp !== second.sdp, pc.localDescription.sdp === first.sdp, pc.signalingState];
      pc.close();
      offerer.close();
      return result;
    }, which);
    assert.deepEqual(result, [true, true, 'stable'], which);
  }
});

test("a munged offer's opus fmtp, after the answer: the next offer keeps it, as Chromium's does", async () => {
  const [native, ours] = await Promise.all(['native', 'ours'].map((which) => page.evaluate(async (which) => {
    const { PC } = window.classesFor(which);
    const pc = new PC();
    pc.addTransceiver('audio');
    const offer = await pc.createOffer();
    await pc.setLocalDescription({ type: 'offer', sdp: offer.sdp.replace('useinbandfec=1', 'stereo=1;useinbandfec=1') });
    const answerer = new PC();
    await answerer.setRemoteDescription(pc.localDescription);
    await answerer.setLocalDescription(await answerer.createAnswer());
    await pc.setRemoteDescription(answerer.localDescription);
    const result = { created: offer.sdp, next: (await pc.createOffer()).sdp };
    pc.close();
    answerer.close();
    return result;
  }, which)));
  const fmtp = (lines) => lines.filter((l) => l.includes('a=fmtp:111'));
  assert.deepEqual(fmtp(diff(native.created, native.next)), [
    '- a=fmtp:111 minptime=10;useinbandfec=1',
    '+ a=fmtp:111 minptime=10;stereo=1;useinbandfec=1',
  ]);
  assert.deepEqual(fmtp(diff(ours.created, ours.next)), fmtp(diff(native.created, native.next)));
});

test('a munged a=setup or rtx Chromium fails to apply: every later description call fails, as on Chromium', async () => {
  const [native, ours] = await Promise.all(['native', 'ours'].map((which) => page.evaluate(async (which) => {
    const { PC } = window.classesFor(which);
    const attempt = async (call) => {
      try {
        await call();
        return 'ok';
      } catch (error) {
        return error.name;
      }
    };
    // An offer munged to a=setup:active: the answer to it fails to apply.
    const offerer = new PC();
    const answerer = new PC();
    offerer.addTransceiver('audio');
    const offer = await offerer.createOffer();
    await offerer.setLocalDescription({ type: 'offer', sdp: offer.sdp.replace('a=setup:actpass', 'a=setup:active') });
    await answerer.setRemoteDescription(offerer.localDescription);
    await answerer.setLocalDescription();
    const offerSide = [
      await attempt(() => offerer.setRemoteDescription(answerer.localDescription)),
      await attempt(() => offerer.setRemoteDescription(answerer.localDescription)),
      await attempt(() => offerer.createOffer()),
      await attempt(() => offerer.setLocalDescription({ type: 'rollback' })),
      offerer.signalingState,
    ];
    // An answer munged to a=setup:actpass fails to apply.
    const remote = new PC();
    remote.addTransceiver('audio');
    const pc = new PC();
    await pc.setRemoteDescription(await remote.createOffer());
    const answer = await pc.createAnswer();
    const answerSide = [
      await attempt(() => pc.setLocalDescription({ type: 'answer', sdp: answer.sdp.replace('a=setup:active', 'a=setup:actpass') })),
      await attempt(() => pc.setLocalDescription(answer)),
      await attempt(() => pc.createAnswer()),
      await attempt(() => pc.setLocalDescription({ type: 'rollback' })),
      pc.signalingState,
    ];
    // An offer whose rtx names a payload type it removed fails to apply.
    const rtx = new PC();
    rtx.addTransceiver('video');
    const created = await rtx.createOffer();
    const dangling = created.sdp.replace(/(m=video \d+ \S+) 96 97 /, '$1 97 ')
      .split('\r\n').filter((l) => !/^a=(rtpmap|rtcp-fb|fmtp):96 /.test(l)).join('\r\n');
    const rtxSide = [
      await attempt(() => rtx.setLocalDescription({ type: 'offer', sdp: dangling })),
      await attempt(() => rtx.setLocalDescription(created)),
      await attempt(() => rtx.createOffer()),
      rtx.signalingState,
    ];
    for (const connection of [offerer, answerer, remote, pc, rtx]) connection.close();
    return { offerSide, answerSide, rtxSide };
  }, which)));
  assert.deepEqual(native, {
    offerSide: ['InvalidAccessError', 'OperationError', 'OperationError', 'OperationError', 'have-local-offer'],
    answerSide: ['OperationError', 'OperationError', 'OperationError', 'OperationError', 'have-remote-offer'],
    rtxSide: ['OperationError', 'OperationError', 'OperationError', 'stable'],
  });
  assert.deepEqual(ours, native);
});

test('legacy simulcast SSRCs munged into an offer: the answer to a later remote offer keeps them, as Chromium\'s', async () => {
  const [native, ours] = await Promise.all(['native', 'ours'].map((which) => page.evaluate(async ({ which, source }) => {
    const { PC } = window.classesFor(which);
    const pc = new PC();
    const peer = new PC();
    pc.addTransceiver('audio');
    pc.addTransceiver('video');
    const offer = await pc.createOffer();
    await pc.setLocalDescription({ type: 'offer', sdp: (0, eval)(source)(offer.sdp) });
    await peer.setRemoteDescription(pc.localDescription);
    await peer.setLocalDescription();
    await pc.setRemoteDescription(peer.localDescription);
    await peer.setLocalDescription(await peer.createOffer());
    await pc.setRemoteDescription(peer.localDescription);
    const answer = await pc.createAnswer();
    pc.close();
    peer.close();
    return { offer: offer.sdp, answer: answer.sdp };
  }, { which, source: SIMULCAST })));
  const ssrcLines = (result) => diff(result.offer, result.answer).filter((l) => l.includes('a=ssrc'));
  // (An answer has no ssrc-level msid lines: those are the '-' lines.)
  assert.deepEqual(ssrcLines(native).filter((l) => l.startsWith('+ ')), [
    '+ a=ssrc-group:SIM * 11111111 33333333',
    '+ a=ssrc-group:FID 11111111 22222222',
    '+ a=ssrc-group:FID 33333333 44444444',
    '+ a=ssrc:11111111 cname:*',
    '+ a=ssrc:22222222 cname:*',
    '+ a=ssrc:33333333 cname:*',
    '+ a=ssrc:44444444 cname:*',
  ]);
  assert.deepEqual(ssrcLines(ours), ssrcLines(native));
});
