// The demo page (www/): it makes offers with our class (leaving the native one alone), explains
// them line by line, copies them exactly, and has Chromium's own RTCPeerConnection answer them;
// times createOffer() on ours and Chromium's; answers remote offers with our class (Chromium's own,
// or pasted), Chromium applying our answer; and shows the bytes each path loads.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { PATHS } from '../../scripts/bench/bytes.mjs';
import { sdpSections, startBrowser } from './harness.js';

const SCREENSHOT = fileURLToPath(new URL('../../test-results/demo.png', import.meta.url));

// Chromium 156's m-lines (shared/reference-offers/): payload types in its order of preference.
const AUDIO_M_LINE = 'm=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126';
const VIDEO_M_LINE =
  'm=video 9 UDP/TLS/RTP/SAVPF 96 97 102 103 104 107 108 109 114 115 116 117 39 40 45 46 98 99 100 101 118 119 120';
const DATA_M_LINE = 'm=application 9 UDP/DTLS/SCTP webrtc-datachannel';

/** The form as the page first shows it; each test states what it changes. */
const DEFAULTS = {
  audioCount: '1',
  audioDirection: 'sendrecv',
  videoCount: '1',
  videoDirection: 'sendrecv',
  rids: '',
  audioTracks: '0',
  videoTracks: '0',
  streamId: 'stream-1',
  bundlePolicy: 'balanced',
  dataChannel: true,
  iceRestart: false,
  voiceActivityDetection: true,
  offerToReceiveAudio: '',
  offerToReceiveVideo: '',
};

let env;
let page;
const problems = [];

before(async () => {
  env = await startBrowser();
  await env.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(env.baseUrl).origin });
  page = await env.context.newPage();
  await page.setViewportSize({ width: 1100, height: 1500 });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console.error: ${message.text()}`);
  });
  await page.goto(new URL('/www/', env.baseUrl).href);
  await page.waitForFunction(() => document.getElementById('status').textContent !== 'Loading…');
});

after(async () => {
  await env?.close();
});

/** Sets every control of the form: DEFAULTS with `changes`. */
async function choose(changes) {
  for (const [name, value] of Object.entries({ ...DEFAULTS, ...changes })) {
    const control = page.locator(`#controls [name="${name}"]`);
    if (typeof value === 'boolean') await control.setChecked(value);
    else if (await control.evaluate((node) => node.tagName === 'SELECT')) await control.selectOption(value);
    else await control.fill(value);
  }
}

/** Clicks "Create offer" and waits until it is done (the button is enabled again). */
async function create(changes) {
  await choose(changes);
  await page.evaluate(() => {
    document.getElementById('status').textContent = '';
  });
  await page.click('#create');
  await page.waitForFunction(
    () => document.getElementById('status').textContent !== '' && !document.getElementById('create').disabled,
  );
}

/** What the page shows of the offer. */
function shown() {
  return page.evaluate(() => ({
    status: document.getElementById('status').textContent,
    resultHidden: document.getElementById('result').hidden,
    sdp: document.getElementById('offer-text').textContent,
    calls: document.getElementById('calls').textContent,
    summaries: [...document.querySelectorAll('#offer > details > summary')].map((s) => s.textContent),
    legend: [...document.querySelectorAll('#legend li')].map((li) => li.textContent),
    rows: [...document.querySelectorAll('#offer tr')]
      .filter((tr) => tr.parentElement.tagName === 'TBODY')
      .map((tr) => ({
        category: tr.className,
        number: tr.cells[0].textContent,
        line: tr.cells[1].textContent,
        key: tr.cells[1].querySelector('.key').textContent,
        meaning: tr.cells[2].textContent,
        links: [...tr.cells[2].querySelectorAll('a')].map((a) => `${a.textContent} ${a.href}`),
      })),
  }));
}

const row = (view, prefix) => view.rows.find((r) => r.line.startsWith(prefix));

/** The timing panel once it has measured the offer on display. */
async function timing(on = page) {
  await on.waitForFunction(() => document.getElementById('timing').getAttribute('aria-busy') === 'false');
  return on.evaluate(() => {
    const shown = (cell) => getComputedStyle(cell).display !== 'none';
    const cells = [...document.querySelectorAll('#timing td[id]')];
    return {
      cells: Object.fromEntries(cells.map((td) => [td.id, td.textContent])),
      hidden: cells.filter((td) => !shown(td)).map((td) => td.id),
      columns: [...document.querySelectorAll('#timing thead th')].filter(shown).map((th) => th.textContent),
      note: document.getElementById('timing-note').textContent,
    };
  });
}

const MS = /^(\d+\.\d{3}) ms$/;
const RATIO = /^(\d+\.\d{2})×$/;
/** A time as shown, in ms: a number above zero. */
function ms(text) {
  assert.match(text, MS);
  const value = Number(MS.exec(text)[1]);
  assert.ok(value > 0, `${text} is not above zero`);
  return value;
}

test('loads our package and keeps the native RTCPeerConnection', async () => {
  const state = await page.evaluate(() => ({
    status: document.getElementById('status').textContent,
    createEnabled: !document.getElementById('create').disabled,
    verifyEnabled: !document.getElementById('verify').disabled,
    resultHidden: document.getElementById('result').hidden,
    nativeIntact: RTCPeerConnection.toString().includes('[native code]'),
    isolated: self.crossOriginIsolated,
    clock: document.getElementById('clock').textContent,
  }));
  assert.deepEqual(state, {
    status: 'Ready.',
    createEnabled: true,
    verifyEnabled: false,
    resultHidden: true,
    nativeIntact: true,
    isolated: true,
    clock: 'Cross-origin isolated: performance.now() has 5 µs resolution.',
  });
});

test('audio, simulcast video and a data channel: the offer, its calls and line meanings', async () => {
  await create({ videoDirection: 'sendonly', rids: 'q, h,f' });
  const view = await shown();
  const { session, media } = sdpSections(view.sdp);

  assert.equal(view.resultHidden, false);
  assert.equal(view.status, `Offer created: 3 m-sections, ${view.sdp.length} characters.`);
  assert.equal(
    view.calls,
    [
      "const pc = new RTCPeerConnection({ bundlePolicy: 'balanced' });",
      "pc.addTransceiver('audio', { direction: 'sendrecv' });",
      "pc.addTransceiver('video', { direction: 'sendonly', sendEncodings: [{ rid: 'q' }, { rid: 'h' }, { rid: 'f' }] });",
      "pc.createDataChannel('demo');",
      'const offer = await pc.createOffer({ iceRestart: false, voiceActivityDetection: true });',
    ].join('\n'),
  );

  // Every line is shown, numbered, in order: the table is the SDP.
  assert.deepEqual(view.rows.map((r) => r.line), view.sdp.split('\r\n').slice(0, -1));
  assert.deepEqual(view.rows.map((r) => r.number), view.rows.map((_, i) => String(i + 1)));
  assert.deepEqual(
    view.rows.filter((r) => r.line.startsWith('m=')).map((r) => r.line),
    [AUDIO_M_LINE, VIDEO_M_LINE, DATA_M_LINE],
  );
  assert.deepEqual(
    view.rows.filter((r) => r.key === 'a=rid' || r.key === 'a=simulcast').map((r) => r.line),
    ['a=rid:q send', 'a=rid:h send', 'a=rid:f send', 'a=simulcast:send q;h;f'],
  );
  assert.deepEqual(view.summaries, [
    `Session${session.length} lines`,
    `m-section 0: audiomid 0 · sendrecv · ${media[0].length} lines`,
    `m-section 1: videomid 1 · sendonly · simulcast send q;h;f · ${media[1].length} lines`,
    `m-section 2: applicationmid 2 · ${media[2].length} lines`,
  ]);
  assert.deepEqual(view.legend, [
    'Session',
    'm-line',
    'ICE, DTLS and bundling',
    'RTP header extensions',
    'Codecs and RTCP',
    'Direction, streams and SSRCs',
    'Simulcast',
  ]);

  // The category (highlight) of each kind of line, at its first appearance.
  const keys = ['v=', 'm=', 'a=group', 'a=ice-ufrag', 'a=fingerprint', 'a=setup', 'a=mid', 'a=extmap', 'a=rtpmap'];
  keys.push('a=rtcp-fb', 'a=msid', 'a=rid', 'a=sctp-port');
  const categories = Object.fromEntries(keys.map((key) => [key, view.rows.find((r) => r.key === key).category]));
  assert.deepEqual(categories, {
    'v=': 'session',
    'm=': 'media',
    'a=group': 'transport',
    'a=ice-ufrag': 'transport',
    'a=fingerprint': 'transport',
    'a=setup': 'transport',
    'a=mid': 'transport',
    'a=extmap': 'extension',
    'a=rtpmap': 'codec',
    'a=rtcp-fb': 'codec',
    'a=msid': 'stream',
    'a=rid': 'simulcast',
    'a=sctp-port': 'transport',
  });

  const ufrag = row(view, 'a=ice-ufrag:').line.slice('a=ice-ufrag:'.length);
  const meanings = Object.fromEntries(
    [
      'a=group:BUNDLE',
      'a=ice-ufrag:',
      'a=fingerprint:',
      'a=setup:actpass',
      'a=extmap:1 ',
      'a=rtpmap:111 ',
      'a=fmtp:97 ',
      'a=rtcp-fb:96 nack pli',
      'a=rtcp-mux',
      'a=rid:q',
      'a=simulcast:',
      'a=max-message-size:',
    ].map((prefix) => [prefix, row(view, prefix).meaning]),
  );
  assert.deepEqual(meanings, {
    'a=group:BUNDLE':
      'BUNDLE group: the m-sections with mids 0, 1 and 2 share one transport (one ICE and DTLS session, one port). RFC 9143',
    'a=ice-ufrag:': `ICE username fragment "${ufrag}": with ice-pwd it authenticates the connectivity checks. Random, and new on iceRestart. RFC 8839 §5.4`,
    'a=fingerprint:':
      "The SHA-256 hash of this side's DTLS certificate: the DTLS handshake must show a certificate with this hash, which ties the media keys to this signaled offer. RFC 8122 §5, RFC 8842",
    'a=setup:actpass':
      'DTLS role: the offerer can be DTLS client or server; the answerer picks (usually active, the client). RFC 4145 §4, RFC 8842',
    'a=extmap:1 ':
      'RTP header extension id 1 carries the audio level of each packet (active speaker detection without decoding). RFC 8285 §5, RFC 6464',
    'a=rtpmap:111 ': 'Payload type 111 is Opus, for speech and music; RTP clock 48,000 Hz, 2 channels. RFC 8866 §6.6, RFC 7587',
    'a=fmtp:97 ': 'Format parameters of rtx (97): retransmits VP8 (payload type 96). RFC 8866 §6.15, RFC 4588',
    'a=rtcp-fb:96 nack pli':
      'VP8 (96) takes Picture Loss Indications: the receiver may report a broken picture. RFC 4585 §4.2, RFC 4585 §6.3.1',
    'a=rtcp-mux': 'RTP and RTCP share one port (WebRTC requires it). RFC 5761 §5.1.1',
    'a=rid:q': 'RTP stream id "q": an encoding this side sends (sendEncodings with rid "q"). RFC 8851',
    'a=simulcast:': 'Simulcast: sends the encodings q, h and f at the same time. RFC 8853',
    'a=max-message-size:': 'The largest data channel message this side can receive: 262,144 bytes. RFC 8841 §6',
  });
  assert.deepEqual(row(view, 'a=fingerprint:').links, [
    'RFC 8122 §5 https://www.rfc-editor.org/rfc/rfc8122#section-5',
    'RFC 8842 https://www.rfc-editor.org/rfc/rfc8842',
  ]);

  // "explain each line" hides the meanings column, and shows it again.
  const meaningDisplay = () =>
    page.evaluate(() => getComputedStyle(document.querySelector('#offer td.meaning')).display);
  await page.uncheck('#explain');
  assert.equal(await meaningDisplay(), 'none');
  await page.check('#explain');
  assert.equal(await meaningDisplay(), 'table-cell');
});

test('the timing panel: first call, median and p95 of repeated createOffer() on ours and on the native RTCPeerConnection, and their ratios', async () => {
  const view = await timing();
  assert.deepEqual(view.columns, ['createOffer()', 'ours', "this browser's native", 'ours/native']);
  assert.deepEqual(view.hidden, []);
  assert.equal(
    view.note,
    'Repeated: 5 rounds of up to 50 calls per implementation, the two interleaved, on one connection each, ' +
      'after 5 untimed; set up by the calls above. ours/native below 1: ours is faster.',
  );
  const { cells } = view;
  for (const row of ['first', 'median', 'p95']) {
    const ours = ms(cells[`time-${row}-ours`]);
    const native = ms(cells[`time-${row}-native`]);
    assert.match(cells[`time-${row}-ratio`], RATIO);
    // Within the rounding of the times shown (to the µs).
    const ratio = Number(RATIO.exec(cells[`time-${row}-ratio`])[1]);
    assert.ok(Math.abs(ratio - ours / native) <= 0.01 + 0.02 * (ours / native), `${row}: ${ratio} for ${ours}/${native}`);
  }
  for (const side of ['ours', 'native']) {
    assert.ok(ms(cells[`time-p95-${side}`]) >= ms(cells[`time-median-${side}`]));
    // At least one call a round, at most 50: fewer only when a round runs past its time budget.
    const calls = Number(/^(\d+) calls$/.exec(cells[`time-calls-${side}`])?.[1]);
    assert.ok(calls >= 5 && calls <= 250, cells[`time-calls-${side}`]);
  }
  ms(cells['time-page']);
});

test('"Verify in this browser": Chromium accepts the offer and shows its answer', async () => {
  await page.click('#verify');
  await page.waitForFunction(() => !document.getElementById('verification').hidden);
  const result = await page.evaluate(() => ({
    verdict: document.getElementById('verdict').textContent,
    verdictClass: document.getElementById('verdict').className,
    answer: document.getElementById('answer').textContent,
    answerHidden: document.getElementById('answer-part').hidden,
    facts: document.getElementById('answer-facts').textContent,
  }));
  assert.equal(result.verdict, "Accepted: this browser's RTCPeerConnection answered all 3 m-sections.");
  assert.equal(result.verdictClass, 'ok');
  assert.equal(result.answerHidden, false);
  const { media } = sdpSections(result.answer);
  assert.deepEqual(
    media.map((lines) => lines[0].split(' ').slice(0, 2).join(' ')),
    ['m=audio 9', 'm=video 9', 'm=application 9'],
  );
  // An answerer without tracks receives only; Chromium answers its own simulcast offer so too.
  assert.deepEqual(
    media.map((lines) => lines.filter((line) => /^a=(sendrecv|sendonly|recvonly|inactive|rid:|simulcast:)/.test(line))),
    [['a=recvonly'], ['a=recvonly'], []],
  );
  assert.equal(result.facts, `3 m-lines, ${result.answer.split('\r\n').length - 1} lines`);

  await mkdir(dirname(SCREENSHOT), { recursive: true });
  await page.screenshot({ path: SCREENSHOT });
  console.log(`screenshot: ${SCREENSHOT}`);
});

test('"Copy SDP" puts the exact offer, CRLF line ends included, on the clipboard', async () => {
  const sdp = await page.evaluate(() => document.getElementById('offer-text').textContent);
  assert.match(sdp, /^v=0\r\n(?:[^\r\n]+\r\n)+$/);
  await page.evaluate(() => navigator.clipboard.writeText('before'));
  await page.click('#copy');
  await page.waitForFunction(() => document.getElementById('copy-status').textContent !== '');
  const result = await page.evaluate(async () => ({
    status: document.getElementById('copy-status').textContent,
    clipboard: await navigator.clipboard.readText(),
  }));
  assert.equal(result.status, `Copied (${sdp.split('\r\n').length - 1} lines, CRLF line ends).`);
  assert.equal(result.clipboard, sdp);
});

test('"Copy SDP" falls back to execCommand, then to a selected text box', async () => {
  const sdp = await page.evaluate(() => document.getElementById('offer-text').textContent);
  const lines = sdp.split('\r\n').length - 1;
  const copyStatus = async () => {
    await page.evaluate(() => {
      document.getElementById('copy-status').textContent = '';
    });
    await page.click('#copy');
    await page.waitForFunction(() => document.getElementById('copy-status').textContent !== '');
    return page.evaluate(() => document.getElementById('copy-status').textContent);
  };
  try {
    // A page that may not use the Clipboard API.
    await page.evaluate(() => {
      navigator.clipboard.writeText = () =>
        Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError'));
      return Clipboard.prototype.writeText.call(navigator.clipboard, 'before');
    });
    assert.equal(await copyStatus(), `Copied with the execCommand fallback (${lines} lines, CRLF line ends).`);
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), sdp);

    // Nor execCommand('copy'): the SDP is left selected for copying by hand.
    await page.evaluate(() => {
      document.execCommand = () => false;
    });
    assert.equal(
      await copyStatus(),
      'This browser did not let the page copy: the SDP is selected below, press Ctrl+C (a text box turns CRLF into LF).',
    );
    const box = await page.evaluate(() => {
      const textarea = document.getElementById('copy-fallback');
      return {
        hidden: textarea.hidden,
        value: textarea.value,
        selected: [textarea.selectionStart, textarea.selectionEnd],
        focused: document.activeElement === textarea,
      };
    });
    const lf = sdp.replaceAll('\r\n', '\n');
    assert.deepEqual(box, { hidden: false, value: lf, selected: [0, lf.length], focused: true });
  } finally {
    await page.evaluate(() => {
      delete navigator.clipboard.writeText;
      delete document.execCommand;
    });
  }
});

test('tracks in a stream, legacy options and bundlePolicy: the calls and what the offer says of them', async () => {
  await create({
    audioCount: '0',
    audioTracks: '1',
    videoTracks: '0',
    streamId: 'stream-1',
    bundlePolicy: 'max-compat',
    dataChannel: false,
    offerToReceiveVideo: 'false',
  });
  const view = await shown();
  assert.equal(
    view.calls,
    [
      "const pc = new RTCPeerConnection({ bundlePolicy: 'max-compat' });",
      '// {kind, id} objects stand in for MediaStreamTracks, {id} for a MediaStream.',
      "const stream = { id: 'stream-1' };",
      "pc.addTrack({ kind: 'audio', id: 'audio-1' }, stream);",
      "pc.addTransceiver('video', { direction: 'sendrecv' });",
      'const offer = await pc.createOffer({ iceRestart: false, voiceActivityDetection: true, offerToReceiveVideo: false });',
    ].join('\n'),
  );
  assert.equal(view.status, `Offer created: 2 m-sections, ${view.sdp.length} characters.`);
  // Timed on Chromium's connection too: its addTrack() takes real tracks in a real MediaStream.
  const timed = await timing();
  ms(timed.cells['time-median-native']);
  assert.match(timed.note, / ours\/native below 1: ours is faster\.$/);
  assert.deepEqual(view.rows.filter((r) => r.line.startsWith('m=')).map((r) => r.line), [AUDIO_M_LINE, VIDEO_M_LINE]);
  // offerToReceiveVideo: false turns the sendrecv video transceiver into sendonly.
  assert.deepEqual(view.summaries.slice(1).map((s) => s.replace(/ · \d+ lines$/, '')), [
    'm-section 0: audiomid 0 · sendrecv',
    'm-section 1: videomid 1 · sendonly',
  ]);
  assert.equal(row(view, 'a=msid-semantic:').line, 'a=msid-semantic: WMS stream-1');
  assert.equal(row(view, 'a=msid:').line, 'a=msid:stream-1 audio-1');
  assert.equal(
    row(view, 'a=msid:').meaning,
    'What this side sends: track "audio-1", in MediaStream "stream-1". RFC 8830',
  );
  const fid = row(view, 'a=ssrc-group:FID ');
  const [primary, retransmission] = fid.line.split(' ').slice(1);
  assert.equal(fid.category, 'stream');
  assert.equal(
    fid.meaning,
    `Flow identification: SSRC ${retransmission} carries the retransmissions (RTX) of SSRC ${primary}. RFC 5576 §4.2, RFC 4588`,
  );

  // The same tracks without a stream: msid "-".
  await create({ audioCount: '0', audioTracks: '1', streamId: '', dataChannel: false, videoCount: '0' });
  const streamless = await shown();
  assert.match(streamless.calls, /^pc\.addTrack\(\{ kind: 'audio', id: 'audio-1' \}\);$/m);
  assert.equal(row(streamless, 'a=msid:').line, 'a=msid:- audio-1');
  assert.equal(
    row(streamless, 'a=msid:').meaning,
    'What this side sends: track "audio-1", in no MediaStream ("-"). RFC 8830',
  );
});

test('an invalid choice shows the error our RTCPeerConnection throws, and no stale offer', async () => {
  await create({ rids: 'q,h!' });
  const view = await shown();
  assert.equal(view.status, "TypeError: sendEncodings: 'h!' is not a valid rid (1 to 16 letters, digits, '-' or '_')");
  assert.equal(view.resultHidden, true);
});

test('the verdict names rejected m-lines, or the step of the native RTCPeerConnection that failed', async () => {
  await create({});
  const verify = async () => {
    await page.evaluate(() => {
      document.getElementById('verification').hidden = true;
    });
    await page.click('#verify');
    await page.waitForFunction(() => !document.getElementById('verification').hidden);
    return page.evaluate(() => ({
      verdict: document.getElementById('verdict').textContent,
      verdictClass: document.getElementById('verdict').className,
      answerHidden: document.getElementById('answer-part').hidden,
    }));
  };
  // Stand-ins for a native implementation that answers or fails differently.
  await page.evaluate(() => {
    const proto = RTCPeerConnection.prototype;
    window.nativeMethods = {
      createAnswer: proto.createAnswer,
      setLocalDescription: proto.setLocalDescription,
      setRemoteDescription: proto.setRemoteDescription,
    };
  });
  try {
    await page.evaluate(() => {
      const proto = RTCPeerConnection.prototype;
      proto.createAnswer = async function createAnswer() {
        const answer = await window.nativeMethods.createAnswer.call(this);
        return { type: 'answer', sdp: answer.sdp.replace('m=video 9 ', 'm=video 0 ') };
      };
      proto.setLocalDescription = () => Promise.resolve();
    });
    assert.deepEqual(await verify(), {
      verdict: 'Not accepted: the answer rejects (port 0) m-line 1 (video, mid 1).',
      verdictClass: 'bad',
      answerHidden: false,
    });

    await page.evaluate(() => {
      RTCPeerConnection.prototype.setRemoteDescription = () =>
        Promise.reject(new DOMException('Failed to parse SessionDescription.', 'OperationError'));
    });
    assert.deepEqual(await verify(), {
      verdict: 'Not accepted: setRemoteDescription failed: OperationError: Failed to parse SessionDescription.',
      verdictClass: 'bad',
      answerHidden: true,
    });
  } finally {
    await page.evaluate(() => Object.assign(RTCPeerConnection.prototype, window.nativeMethods));
  }
});

// ---------------------------------------------------------------------------------------------
// Answer a remote offer

/** Clicks `button` in the answering part and waits until it is done (a status, buttons enabled again). */
async function answering(button) {
  await page.evaluate(() => {
    document.getElementById('answering-status').textContent = '';
  });
  await page.click(button);
  await page.waitForFunction(
    () =>
      document.getElementById('answering-status').textContent !== '' &&
      !document.getElementById('answer-offer').disabled,
  );
  return page.evaluate(() => ({
    status: document.getElementById('answering-status').textContent,
    statusClass: document.getElementById('answering-status').className,
    offer: document.getElementById('remote-offer').value,
    resultHidden: document.getElementById('answering-result').hidden,
    calls: document.getElementById('answering-calls').textContent,
    sdp: document.getElementById('our-answer-text').textContent,
    verifyEnabled: !document.getElementById('answering-verify').disabled,
    verifyNote: document.getElementById('answering-verify-note').textContent,
    summaries: [...document.querySelectorAll('#our-answer > details > summary')].map((s) => s.textContent),
    rows: [...document.querySelectorAll('#our-answer tbody tr')].map((tr) => ({
      line: tr.cells[1].textContent,
      meaning: tr.cells[2].textContent,
    })),
  }));
}

const DIRECTION_LINE = /^a=(sendrecv|sendonly|recvonly|inactive)$/;

test("answering: this browser's own offer, our answer explained, and Verify applies it natively: stable", async () => {
  const view = await answering('#native-offer');
  assert.equal(view.resultHidden, false);
  assert.equal(view.status, "Answered: 3 m-sections; our connection's signalingState is 'stable'.");
  // Chromium's offer, shown in the text box (which keeps LF only).
  assert.deepEqual(
    sdpSections(view.offer.replaceAll('\n', '\r\n')).media.map((lines) => lines[0]),
    [AUDIO_M_LINE, VIDEO_M_LINE, DATA_M_LINE],
  );
  assert.equal(
    view.calls,
    [
      "// This browser's own RTCPeerConnection makes the offer:",
      'const native = new window.RTCPeerConnection();',
      "native.addTransceiver('audio');",
      "native.addTransceiver('video');",
      "native.createDataChannel('demo');",
      'const offer = await native.createOffer();',
      'await native.setLocalDescription(offer);',
      '',
      "// This package's RTCPeerConnection answers it:",
      'const pc = new RTCPeerConnection();',
      "await pc.setRemoteDescription({ type: 'offer', sdp: offer.sdp });",
      'const answer = await pc.createAnswer();',
      'await pc.setLocalDescription(answer);',
    ].join('\n'),
  );

  // The answer as Chromium answers its own offer (shared/reference-answers/audio-video-data).
  const lines = view.sdp.split('\r\n');
  assert.equal(lines.pop(), '');
  assert.deepEqual(lines.filter((line) => line.startsWith('m=')), [AUDIO_M_LINE, VIDEO_M_LINE, DATA_M_LINE]);
  assert.deepEqual(lines.filter((line) => line.startsWith('a=group:')), ['a=group:BUNDLE 0 1 2']);
  assert.deepEqual(lines.filter((line) => line.startsWith('a=setup:')), Array(3).fill('a=setup:active'));
  assert.deepEqual(lines.filter((line) => DIRECTION_LINE.test(line)), ['a=recvonly', 'a=recvonly']);

  // Explained line by line, as offers are, in the words of an answer.
  assert.deepEqual(view.rows.map((r) => r.line), lines);
  const { session, media } = sdpSections(view.sdp);
  assert.deepEqual(view.summaries, [
    `Session${session.length} lines`,
    `m-section 0: audiomid 0 · recvonly · ${media[0].length} lines`,
    `m-section 1: videomid 1 · recvonly · ${media[1].length} lines`,
    `m-section 2: applicationmid 2 · ${media[2].length} lines`,
  ]);
  const meaning = (prefix) => view.rows.find((r) => r.line.startsWith(prefix)).meaning;
  assert.equal(
    meaning('a=setup:active'),
    'DTLS role: this side is the DTLS client (active): it starts the handshake. The answerer picks this to an actpass offer. RFC 4145 §4, RFC 8842',
  );
  assert.match(meaning('a=fingerprint:'), /which ties the media keys to this signaled answer\. /);
  assert.match(meaning('m=audio'), / Payload types this side accepts of those offered, most preferred first: opus \(111\), /);

  assert.equal(view.verifyEnabled, true);
  assert.equal(
    view.verifyNote,
    "Verify applies our answer to the browser's connection that made the offer: native.setRemoteDescription(answer).",
  );
  await page.click('#answering-verify');
  await page.waitForFunction(() => !document.getElementById('answering-verdict').hidden);
  const verified = await page.evaluate(() => ({
    verdict: document.getElementById('answering-verdict').textContent,
    verdictClass: document.getElementById('answering-verdict').className,
    verifyEnabled: !document.getElementById('answering-verify').disabled,
  }));
  assert.deepEqual(verified, {
    verdict: "Verified: this browser's RTCPeerConnection applied our answer; its signalingState is 'stable'.",
    verdictClass: 'ok',
    // The native connection is stable now: the answer cannot be applied again.
    verifyEnabled: false,
  });
});

test('answering: a pasted garbage offer shows the error naming its line, and no stale answer', async () => {
  await page.fill('#remote-offer', 'garbage');
  const view = await answering('#answer-offer');
  assert.deepEqual([view.status, view.statusClass, view.resultHidden], [
    'OperationError: setRemoteDescription: Failed to parse SessionDescription. Line 1 "garbage": Expect line: v=',
    'error',
    true,
  ]);
  await page.fill('#remote-offer', 'v=0\no=- 1 2 IN IP4 127.0.0.1\ns=-\nt=0 0\nm=audio 9 UDP/TLS/RTP/SAVPF 111\nfoo\n');
  assert.equal(
    (await answering('#answer-offer')).status,
    'OperationError: setRemoteDescription: Failed to parse SessionDescription. Line 6 "foo": Invalid SDP line.',
  );
});

test("answering: a pasted Firefox offer (LF line ends) is answered; Verify needs this browser's own offer", async () => {
  // A native offer first: pasting over it leaves nothing to verify with.
  assert.equal((await answering('#native-offer')).verifyEnabled, true);
  const file = new URL('../../../shared/reference-answers/firefox-audio-video-data.offer.sdp', import.meta.url);
  const offer = await readFile(file, 'utf8');
  await page.fill('#remote-offer', offer);
  assert.equal(await page.evaluate(() => document.getElementById('answering-verify').disabled), true);

  const view = await answering('#answer-offer');
  assert.equal(view.status, "Answered: 3 m-sections; our connection's signalingState is 'stable'.");
  assert.deepEqual(sdpSections(view.sdp).media.map((lines) => lines[0]), [
    'm=audio 9 UDP/TLS/RTP/SAVPF 109 9 0 8 101',
    'm=video 9 UDP/TLS/RTP/SAVPF 120 124 121 125 99 100 123 122 119',
    DATA_M_LINE,
  ]);
  assert.ok(view.calls.startsWith("// This package's RTCPeerConnection answers it:\n"));
  assert.equal(view.verifyEnabled, false);
  assert.equal(
    view.verifyNote,
    "Verify needs this browser's own offer: only the connection that made an offer can apply its answer.",
  );
});

test('the timing panel without a native RTCPeerConnection: ours only, and it says so', async () => {
  const bare = await env.context.newPage();
  bare.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  try {
    await bare.addInitScript(() => {
      delete window.RTCPeerConnection;
      delete window.webkitRTCPeerConnection;
    });
    await bare.goto(new URL('/www/', env.baseUrl).href);
    await bare.waitForFunction(() => document.getElementById('status').textContent === 'Ready.');
    await bare.locator('#controls [name="audioTracks"]').fill('1');
    await bare.click('#create');
    const view = await timing(bare);
    assert.deepEqual(view.columns, ['createOffer()', 'ours']);
    const native = Object.keys(view.cells).filter((id) => /-(native|ratio)$/.test(id));
    assert.deepEqual(view.hidden, native);
    for (const id of native) assert.equal(view.cells[id], '', id);
    for (const row of ['first', 'median', 'p95']) ms(view.cells[`time-${row}-ours`]);
    assert.match(view.cells['time-calls-ours'], /^\d+ calls$/);
    assert.equal(
      view.note,
      'Repeated: 5 rounds of up to 50 calls on one connection, after 5 untimed; set up by the calls above. ' +
        'This browser has no native RTCPeerConnection: ours only.',
    );
  } finally {
    await bare.close();
  }
});

test('the bytes each path loads: raw, gzip and brotli as Node computes them, each lazy part on its own row', async () => {
  await page.waitForFunction(() => document.getElementById('bytes-status').textContent !== 'Loading…');
  const shownBytes = await page.evaluate(() => ({
    status: document.getElementById('bytes-status').textContent,
    linked: document.querySelector('header a[href="#bytes"]') !== null,
    rows: [...document.querySelectorAll('#bytes-rows tr')].map((tr) => [...tr.cells].map((cell) => cell.textContent)),
  }));
  assert.equal(shownBytes.status, 'Sizes in bytes.');
  assert.equal(shownBytes.linked, true);
  // Each file once: brotli -11 of the wasm takes most of a second.
  const sizes = new Map();
  for (const file of new Set(Object.values(PATHS).flat())) {
    const bytes = await readFile(new URL(`../../${file}`, import.meta.url));
    sizes.set(file, [
      bytes.length,
      gzipSync(bytes, { level: 9 }).length,
      brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    ]);
  }
  const expected = [];
  for (const [path, files] of Object.entries(PATHS)) {
    const each = files.map((file) => sizes.get(file));
    const total = [0, 1, 2].map((i) => each.reduce((sum, size) => sum + size[i], 0).toLocaleString('en-US'));
    expected.push([path, files.join(' + '), ...total]);
  }
  assert.deepEqual(shownBytes.rows, expected);
  assert.deepEqual(
    shownBytes.rows.map(([path, files]) => `${path}: ${files}`),
    [
      'modern browser, rtc-offer-polyfill/auto: pkg/rtc-offer-polyfill.auto.js',
      'modern or patched, main entry, ours never constructed: pkg/rtc-offer-polyfill.js',
      'polyfilled, through the first offer: pkg/rtc-offer-polyfill.js + pkg/rtc-offer-polyfill.loader.js + pkg/wasm/rtc_offer_polyfill_bg.wasm',
      'lazy part: the wasm-bindgen loader chunk: pkg/rtc-offer-polyfill.loader.js',
      'lazy part: the wasm: pkg/wasm/rtc_offer_polyfill_bg.wasm',
      'lazy part, answers and remote descriptions: the full core loader chunk and wasm: pkg/rtc-offer-polyfill.full.js + pkg/wasm/rtc_offer_polyfill_full_bg.wasm',
      'lazy part, no WebCrypto only: the ECDSA loader chunk and wasm: pkg/rtc-offer-polyfill.ecdsa.js + pkg/wasm/rtc_offer_polyfill_ecdsa_bg.wasm',
    ],
  );
});

test('no page errors and nothing logged as an error', () => {
  assert.deepEqual(problems, []);
});
