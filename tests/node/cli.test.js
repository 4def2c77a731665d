// The command line (bin/rtc-offer-polyfill.js, `npx rtc-offer-polyfill`): the offers each flag
// gives, the answers (--answer) to Chromium's reference offers, its input and output forms, and its
// errors and exit codes (2 bad usage, 1 no offer or answer).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/rtc-offer-polyfill.js', import.meta.url));
const ENTRY = new URL('../../pkg/index.js', import.meta.url).href;

const AUDIO_M_LINE = 'm=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126';
const AUDIO_M_LINE_NO_VAD = 'm=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 110 126';
const VIDEO_M_LINE =
  'm=video 9 UDP/TLS/RTP/SAVPF 96 97 102 103 104 107 108 109 114 115 116 117 39 40 45 46 98 99 100 101 118 119 120';
const DATA_M_LINE = 'm=application 9 UDP/DTLS/SCTP webrtc-datachannel';
const TRY_HELP = "Try 'rtc-offer-polyfill --help'.\n";

/** Runs the CLI (with node `flags` first, `input` on stdin); resolves to its exit code and output. */
function run(args, { flags = [], bin = BIN, input = '' } = {}) {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [...flags, bin, ...args], (error, stdout, stderr) =>
      resolve({ code: error ? error.code : 0, stdout, stderr }),
    );
    child.stdin.end(input);
  });
}

/** The offer printed by a successful run, as lines (CRLF checked). */
async function offerLines(args) {
  const { code, stdout, stderr } = await run(args);
  assert.deepEqual({ code, stderr }, { code: 0, stderr: '' });
  assert.ok(stdout.endsWith('\r\n') && !/[^\r]\n/.test(stdout), `CRLF line endings:\n${JSON.stringify(stdout)}`);
  return stdout.slice(0, -2).split('\r\n');
}

const starting = (lines, prefix) => lines.filter((line) => line.startsWith(prefix));
const DIRECTION = /^a=(sendrecv|sendonly|recvonly|inactive)$/;

test('no flags: one audio and one video transceiver, sendrecv, with comfort noise', async () => {
  const lines = await offerLines([]);
  assert.equal(lines[0], 'v=0');
  assert.match(lines[1], /^o=- \d+ 2 IN IP4 127\.0\.0\.1$/);
  assert.deepEqual(starting(lines, 'm='), [AUDIO_M_LINE, VIDEO_M_LINE]);
  assert.deepEqual(starting(lines, 'a=group:'), ['a=group:BUNDLE 0 1']);
  assert.deepEqual(starting(lines, 'a=mid:'), ['a=mid:0', 'a=mid:1']);
  assert.deepEqual(lines.filter((line) => DIRECTION.test(line)), ['a=sendrecv', 'a=sendrecv']);
  assert.deepEqual(starting(lines, 'a=rtpmap:13 '), ['a=rtpmap:13 CN/8000']);
  assert.deepEqual(starting(lines, 'a=rid:'), []);
});

test('--audio N --video N --data: the m-lines in that order', async () => {
  const lines = await offerLines(['--audio', '2', '--video', '1', '--data']);
  assert.deepEqual(starting(lines, 'm='), [AUDIO_M_LINE, AUDIO_M_LINE, VIDEO_M_LINE, DATA_M_LINE]);
  assert.deepEqual(starting(lines, 'a=group:'), ['a=group:BUNDLE 0 1 2 3']);
  assert.deepEqual(await offerLines(['--data']).then((l) => starting(l, 'm=')), [DATA_M_LINE]);
  assert.deepEqual(await offerLines(['--video', '0']).then((l) => starting(l, 'm=')), []);
});

test('--direction for every transceiver, --audio-direction and --video-direction per kind', async () => {
  const directions = async (args) => (await offerLines(args)).filter((line) => DIRECTION.test(line));
  assert.deepEqual(await directions(['--audio', '1', '--video', '2', '--direction', 'recvonly']), [
    'a=recvonly',
    'a=recvonly',
    'a=recvonly',
  ]);
  assert.deepEqual(
    await directions(['--audio', '1', '--video', '1', '--direction', 'inactive', '--video-direction', 'sendonly']),
    ['a=inactive', 'a=sendonly'],
  );
  assert.deepEqual(await directions(['--audio-direction', 'sendonly', '--video-direction', 'recvonly']), [
    'a=sendonly',
    'a=recvonly',
  ]);
});

test('--simulcast: rids on every video transceiver, none on audio', async () => {
  const args = ['--audio', '1', '--video', '2', '--simulcast', 'q,h,f', '--video-direction', 'sendonly'];
  const lines = await offerLines(args);
  assert.deepEqual(starting(lines, 'm='), [AUDIO_M_LINE, VIDEO_M_LINE, VIDEO_M_LINE]);
  const simulcast = ['a=rid:q send', 'a=rid:h send', 'a=rid:f send', 'a=simulcast:send q;h;f'];
  assert.deepEqual(lines.filter((line) => /^a=(rid|simulcast):/.test(line)), [...simulcast, ...simulcast]);
  const video = lines.slice(lines.indexOf(VIDEO_M_LINE));
  assert.ok(video.indexOf('a=sendonly') < video.indexOf('a=rid:q send'));
});

test('--no-vad: no comfort noise codec', async () => {
  const lines = await offerLines(['--audio', '1', '--no-vad']);
  assert.deepEqual(starting(lines, 'm='), [AUDIO_M_LINE_NO_VAD]);
  assert.deepEqual(starting(lines, 'a=rtpmap:13 '), []);
});

test('--ice-restart: the second offer, made with iceRestart after setLocalDescription of the first', async () => {
  // A preloaded spy reports every createOffer() call on stderr: its options and the offer's ICE ufrag.
  const spy = `
    import { RTCPeerConnection } from ${JSON.stringify(ENTRY)};
    const createOffer = RTCPeerConnection.prototype.createOffer;
    RTCPeerConnection.prototype.createOffer = async function (options) {
      const offer = await createOffer.call(this, options);
      const ufrag = offer.sdp.split('\\r\\n').find((line) => line.startsWith('a=ice-ufrag:'));
      process.stderr.write(JSON.stringify({ options, signalingState: this.signalingState, ufrag }) + '\\n');
      return offer;
    };`;
  const { code, stdout, stderr } = await run(['--audio', '1', '--ice-restart'], {
    flags: ['--import', `data:text/javascript,${encodeURIComponent(spy)}`],
  });
  assert.equal(code, 0);
  const [first, second, ...more] = stderr.trimEnd().split('\n').map((line) => JSON.parse(line));
  assert.deepEqual(more, []);
  assert.deepEqual([first.options, first.signalingState], [{ voiceActivityDetection: true }, 'stable']);
  assert.deepEqual(
    [second.options, second.signalingState],
    [{ voiceActivityDetection: true, iceRestart: true }, 'have-local-offer'],
  );
  assert.notEqual(second.ufrag, first.ufrag);
  const lines = stdout.split('\r\n');
  assert.match(lines[1], /^o=- \d+ 3 IN IP4 127\.0\.0\.1$/);
  assert.deepEqual(starting(lines, 'a=ice-ufrag:'), [second.ufrag]);
});

test('--json: {"type":"offer","sdp":…} and a newline', async () => {
  const { code, stdout, stderr } = await run(['--data', '--json']);
  assert.deepEqual({ code, stderr }, { code: 0, stderr: '' });
  assert.ok(stdout.endsWith('}\n'));
  const parsed = JSON.parse(stdout);
  assert.deepEqual(Object.keys(parsed), ['type', 'sdp']);
  assert.equal(stdout, `${JSON.stringify({ type: 'offer', sdp: parsed.sdp })}\n`);
  assert.ok(parsed.sdp.startsWith('v=0\r\n') && parsed.sdp.endsWith('\r\n'));
  assert.ok(parsed.sdp.includes(`\r\n${DATA_M_LINE}\r\n`));
});

// ---------------------------------------------------------------------------------------------
// --answer: Chromium 156's answers to the same offers (shared/reference-answers/, made by native
// Chromium answering each offer with setRemoteDescription, addTrack or direction, createAnswer).

const REFERENCE = new URL('../../../shared/reference-answers/', import.meta.url);
const reference = (name) => readFile(new URL(name, REFERENCE), 'utf8');
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** An answer's lines with what is random in every answer (Chromium's too) replaced by its kind. */
const masked = (lines) =>
  lines.map((line) =>
    line
      .replace(/^o=- \d+ 2 IN IP4 127\.0\.0\.1$/, 'o=- SESSION-ID 2 IN IP4 127.0.0.1')
      .replace(/^a=ice-ufrag:[A-Za-z0-9+/]{4}$/, 'a=ice-ufrag:UFRAG')
      .replace(/^a=ice-pwd:[A-Za-z0-9+/]{24}$/, 'a=ice-pwd:PWD')
      .replace(/^a=fingerprint:sha-256 [0-9A-F]{2}(:[0-9A-F]{2}){31}$/, 'a=fingerprint:sha-256 HASH')
      .replace(/^a=ssrc-group:FID \d+ \d+$/, 'a=ssrc-group:FID SSRC SSRC')
      .replace(/^a=ssrc:\d+ cname:[A-Za-z0-9+/]{16}$/, 'a=ssrc:SSRC cname:CNAME')
      .replace(UUID, 'UUID'),
  );

/** Chromium's answer in scenario `name`, as lines. */
const chromiumAnswer = async (name) => (await reference(`${name}.answer.sdp`)).slice(0, -2).split('\r\n');

/** The answer the CLI prints for scenario `name`'s offer with `args`, as lines (CRLF checked). */
async function answerLines(name, args = [], transform = (offer) => offer) {
  const input = transform(await reference(`${name}.offer.sdp`));
  const { code, stdout, stderr } = await run(['--answer', ...args], { input });
  assert.deepEqual({ code, stderr }, { code: 0, stderr: '' });
  assert.ok(stdout.endsWith('\r\n') && !/[^\r]\n/.test(stdout), `CRLF line endings:\n${JSON.stringify(stdout)}`);
  return stdout.slice(0, -2).split('\r\n');
}

const FIREFOX_M_LINES = [
  'm=audio 9 UDP/TLS/RTP/SAVPF 109 9 0 8 101',
  'm=video 9 UDP/TLS/RTP/SAVPF 120 124 121 125 99 100 123 122 119',
  DATA_M_LINE,
];

test("--answer: Firefox's audio, video and data offer answered as Chromium answers it", async () => {
  const lines = await answerLines('firefox-audio-video-data');
  assert.deepEqual(starting(lines, 'm='), FIREFOX_M_LINES);
  assert.deepEqual(starting(lines, 'a=setup:'), ['a=setup:active', 'a=setup:active', 'a=setup:active']);
  assert.deepEqual(lines.filter((line) => DIRECTION.test(line)), ['a=recvonly', 'a=recvonly']);
  assert.deepEqual(starting(lines, 'a=group:'), ['a=group:BUNDLE 0 1 2']);
  assert.deepEqual(masked(lines), masked(await chromiumAnswer('firefox-audio-video-data')));
});

test('--answer reads offers with LF line endings too, and answers them with CRLF', async () => {
  const lines = await answerLines('firefox-audio-video-data', [], (offer) => offer.replaceAll('\r\n', '\n'));
  assert.deepEqual(masked(lines), masked(await chromiumAnswer('firefox-audio-video-data')));
});

test('--send audio,video: addTrack after setRemoteDescription, the matched transceivers send', async () => {
  const name = 'firefox-audio-video-data-answerer-sends';
  const lines = await answerLines(name, ['--send', 'audio,video']);
  assert.deepEqual(starting(lines, 'm='), FIREFOX_M_LINES);
  assert.deepEqual(lines.filter((line) => DIRECTION.test(line)), ['a=sendrecv', 'a=sendrecv']);
  // Both tracks in one stream, the one a=msid-semantic names.
  const [stream] = starting(lines, 'a=msid-semantic: WMS ').map((line) => line.split(' ')[2]);
  const msids = starting(lines, 'a=msid:').map((line) => line.slice('a=msid:'.length).split(' '));
  assert.deepEqual(msids.map(([id]) => id), [stream, stream]);
  assert.notEqual(msids[0][1], msids[1][1]);
  assert.deepEqual(masked(lines), masked(await chromiumAnswer(name)));

  // Only the audio section sends when only audio is sent.
  const audioOnly = await answerLines('firefox-audio-video-data', ['--send', 'audio']);
  assert.deepEqual(audioOnly.filter((line) => DIRECTION.test(line)), ['a=sendrecv', 'a=recvonly']);
});

test('--direction, --audio-direction and --video-direction: set on the transceivers before createAnswer', async () => {
  // Chromium's answerer set both transceivers recvonly.
  const recvonly = await answerLines('answerer-recvonly-direction', ['--direction', 'recvonly']);
  assert.deepEqual(masked(recvonly), masked(await chromiumAnswer('answerer-recvonly-direction')));

  const args = ['--direction', 'inactive', '--video-direction', 'sendonly'];
  const lines = await answerLines('firefox-audio-video-data', args);
  assert.deepEqual(lines.filter((line) => DIRECTION.test(line)), ['a=inactive', 'a=sendonly']);
  // The video sender has no track and no stream: Chromium still names the sender in a=msid.
  assert.deepEqual(masked(starting(lines, 'a=msid:')), ['a=msid:- UUID']);

  const audio = await answerLines('firefox-audio-video-data', ['--send', 'audio', '--audio-direction', 'sendonly']);
  assert.deepEqual(audio.filter((line) => DIRECTION.test(line)), ['a=sendonly', 'a=recvonly']);

  // A section the offer rejected (port 0) stopped its transceiver: it is answered rejected (a=inactive, as
  // Chromium writes it), not given the direction.
  const stopped = await answerLines('reoffer-offerer-stops-audio', ['--direction', 'sendrecv']);
  const ports = starting(stopped, 'm=').map((line) => line.split(' ').slice(0, 2).join(' '));
  assert.deepEqual(ports, ['m=audio 0', 'm=video 9']);
  assert.deepEqual(stopped.filter((line) => DIRECTION.test(line)), ['a=inactive', 'a=sendrecv']);
});

test('--answer --no-vad: createAnswer({voiceActivityDetection: false}), as Chromium answers it', async () => {
  const lines = await answerLines('answer-vad-false', ['--no-vad']);
  assert.deepEqual(starting(lines, 'm='), [AUDIO_M_LINE_NO_VAD]);
  assert.deepEqual(masked(lines), masked(await chromiumAnswer('answer-vad-false')));
  // Without it the answer keeps comfort noise, as the offer has it.
  assert.deepEqual(starting(await answerLines('answer-vad-false'), 'm='), [AUDIO_M_LINE]);
});

test('--answer --json: {"type":"offer","sdp":…} in, {"type":"answer","sdp":…} and a newline out', async () => {
  const offer = await reference('firefox-audio-video-data.offer.sdp');
  const { code, stdout, stderr } = await run(['--answer', '--json'], {
    input: `  ${JSON.stringify({ type: 'offer', sdp: offer }, null, 2)}\n`,
  });
  assert.deepEqual({ code, stderr }, { code: 0, stderr: '' });
  const parsed = JSON.parse(stdout);
  assert.deepEqual(Object.keys(parsed), ['type', 'sdp']);
  assert.equal(stdout, `${JSON.stringify({ type: 'answer', sdp: parsed.sdp })}\n`);
  const lines = parsed.sdp.slice(0, -2).split('\r\n');
  assert.deepEqual(masked(lines), masked(await chromiumAnswer('firefox-audio-video-data')));

  // JSON in, SDP out.
  const raw = await run(['--answer'], { input: JSON.stringify({ type: 'offer', sdp: offer }) });
  assert.deepEqual([raw.code, raw.stderr, raw.stdout.slice(0, 5)], [0, '', 'v=0\r\n']);
});

test('--answer: a=setup roles read as libwebrtc reads them, in any case; another value is a syntax error', async () => {
  // Chromium 156 answers such an offer passive, and rejects a=setup:bogus while parsing.
  const active = await answerLines('firefox-audio-video-data', [], (offer) =>
    offer.replaceAll('a=setup:actpass', 'a=setup:Active'),
  );
  assert.deepEqual(starting(active, 'a=setup:'), ['a=setup:passive', 'a=setup:passive', 'a=setup:passive']);
  const offer = await reference('firefox-audio-video-data.offer.sdp');
  assert.deepEqual(await run(['--answer'], { input: offer.replace('a=setup:actpass', 'a=setup:bogus') }), {
    code: 1,
    stdout: '',
    stderr:
      'rtc-offer-polyfill: OperationError: setRemoteDescription: Failed to parse SessionDescription. ' +
      'Line 34 "a=setup:bogus": Invalid attribute value.\n',
  });
});

test('--answer: a bad offer or input prints the error on stderr, nothing on stdout, exit code 1', async () => {
  const offer = await reference('firefox-audio-video-data.offer.sdp');
  const cases = [
    [
      'garbage\n',
      'OperationError: setRemoteDescription: Failed to parse SessionDescription. Line 1 "garbage": Expect line: v=',
    ],
    [
      offer.replace(/^a=fingerprint:.*$/m, 'a=fingerprint:sha-256 XX'),
      'OperationError: setRemoteDescription: Failed to parse SessionDescription. Line 6 "a=fingerprint:sha-256 XX": Invalid attribute value.',
    ],
    [
      offer.replace(/^a=fingerprint:.*\r\n/m, ''),
      'InvalidAccessError: setRemoteDescription: Line 9: the m-section has no a=fingerprint (DTLS-SRTP is required).',
    ],
    ['', 'stdin: no offer (expected SDP or {"type":"offer","sdp":"…"})'],
    [' \n', 'stdin: no offer (expected SDP or {"type":"offer","sdp":"…"})'],
    ['{"type":"answer","sdp":"v=0\\r\\n"}', 'stdin: expected {"type":"offer","sdp":"…"}, got type "answer"'],
    ['{"sdp":"v=0\\r\\n"}', 'stdin: expected {"type":"offer","sdp":"…"}, got type undefined'],
    ['{"type":"offer"}', 'stdin: expected {"type":"offer","sdp":"…"}, got no sdp string'],
  ];
  for (const [input, message] of cases) {
    const expected = { code: 1, stdout: '', stderr: `rtc-offer-polyfill: ${message}\n` };
    assert.deepEqual(await run(['--answer'], { input }), expected, JSON.stringify(input.slice(0, 40)));
  }
  const notJson = await run(['--answer', '--json'], { input: '{"type":' });
  assert.deepEqual([notJson.code, notJson.stdout], [1, '']);
  assert.match(notJson.stderr, /^rtc-offer-polyfill: stdin: not valid JSON: .+\n$/);

  // More tracks of a kind than the offer has sections of it.
  assert.deepEqual(await run(['--answer', '--send', 'video,audio,audio'], { input: offer }), {
    code: 1,
    stdout: '',
    stderr: 'rtc-offer-polyfill: --send: the offer has no audio m-section left for audio track 2\n',
  });
});

test('--help: the usage on stdout, every option listed', async () => {
  const { code, stdout, stderr } = await run(['--help']);
  assert.deepEqual({ code, stderr }, { code: 0, stderr: '' });
  const synopsis = 'Usage: rtc-offer-polyfill [options]\n       rtc-offer-polyfill --answer [options] < offer\n';
  assert.ok(stdout.startsWith(synopsis));
  const listed = stdout.split('\n').flatMap((line) => /^ {2}(--[a-z-]+)/.exec(line)?.[1] ?? []);
  assert.deepEqual(listed, [
    '--audio',
    '--video',
    '--data',
    '--simulcast',
    '--ice-restart',
    '--answer',
    '--send',
    '--direction',
    '--audio-direction',
    '--video-direction',
    '--no-vad',
    '--json',
    '--help',
  ]);
});

test('bad usage: a message on stderr, nothing on stdout, exit code 2', async () => {
  const cases = [
    [['--audio', 'x'], "--audio: expected a number from 0 to 999, got 'x'"],
    [['--video=-1'], "--video: expected a number from 0 to 999, got '-1'"],
    [['--video', '1000'], "--video: expected a number from 0 to 999, got '1000'"],
    [['--direction', 'up'], "--direction: expected one of sendrecv, sendonly, recvonly, inactive, got 'up'"],
    [['--audio-direction', 'stopped'], "--audio-direction: expected one of sendrecv, sendonly, recvonly, inactive, got 'stopped'"],
    [['--simulcast', 'f'], "--simulcast: expected 2 to 4 comma-separated rids, got 'f'"],
    [['--simulcast', 'a,b,c,d,e'], "--simulcast: expected 2 to 4 comma-separated rids, got 'a,b,c,d,e'"],
    [['--audio', '1', '--simulcast', 'h,f'], '--simulcast: there is no video transceiver (--video N)'],
    [['--simulcast', 'q,,f'], "--simulcast: sendEncodings: '' is not a valid rid (1 to 16 letters, digits, '-' or '_')"],
    [['--simulcast', 'f,f'], '--simulcast: sendEncodings: the rids are not unique'],
    [['--answer', '--audio', '1'], '--audio: not with --answer'],
    [['--answer', '--simulcast', 'h,f'], '--simulcast: not with --answer'],
    [['--answer', '--ice-restart'], '--ice-restart: not with --answer'],
    [['--send', 'audio'], '--send: only with --answer'],
    [['--answer', '--send', 'audio,screen'], "--send: expected comma-separated audio or video, got 'audio,screen'"],
    [['--answer', '--send', ''], "--send: expected comma-separated audio or video, got ''"],
    [['--answer', '--video-direction', 'up'], "--video-direction: expected one of sendrecv, sendonly, recvonly, inactive, got 'up'"],
  ];
  for (const [args, message] of cases) {
    const stderr = `rtc-offer-polyfill: ${message}\n${TRY_HELP}`;
    assert.deepEqual(await run(args), { code: 2, stdout: '', stderr }, args.join(' '));
  }
  // node:util parseArgs' own messages.
  const parseErrors = [
    [['--bogus'], /^Unknown option '--bogus'/],
    [['--audio'], /^Option '--audio <value>' argument missing/],
    [['--data=yes'], /^Option '--data' does not take an argument/],
    [['offer'], /^Unexpected argument 'offer'/],
  ];
  for (const [args, message] of parseErrors) {
    const { code, stdout, stderr } = await run(args);
    assert.deepEqual({ code, stdout }, { code: 2, stdout: '' }, args.join(' '));
    const [first, second, ...rest] = stderr.split('\n');
    assert.match(first.replace(/^rtc-offer-polyfill: /, ''), message);
    assert.ok(first.startsWith('rtc-offer-polyfill: '), first);
    assert.deepEqual([second, ...rest], [TRY_HELP.trimEnd(), '']);
  }
});

test('no wasm core: the error on stderr, nothing on stdout, exit code 1', async () => {
  // A copy of the package without its .wasm file.
  const dir = await mkdtemp(join(tmpdir(), 'rtc-offer-polyfill-cli-'));
  try {
    await mkdir(join(dir, 'bin'));
    await mkdir(join(dir, 'pkg', 'wasm'), { recursive: true });
    await writeFile(join(dir, 'package.json'), '{"type":"module"}\n');
    const bin = fileURLToPath(new URL('../../bin/', import.meta.url));
    for (const name of await readdir(bin)) await copyFile(join(bin, name), join(dir, 'bin', name));
    const pkg = fileURLToPath(new URL('../../pkg/', import.meta.url));
    for (const name of (await readdir(pkg)).filter((n) => n.endsWith('.js'))) {
      await copyFile(join(pkg, name), join(dir, 'pkg', name));
    }
    await copyFile(join(pkg, 'wasm', 'rtc_offer_polyfill.js'), join(dir, 'pkg', 'wasm', 'rtc_offer_polyfill.js'));
    const wasm = join(dir, 'pkg', 'wasm', 'rtc_offer_polyfill_bg.wasm');
    assert.deepEqual(await run(['--audio', '1'], { bin: join(dir, 'bin', 'rtc-offer-polyfill.js') }), {
      code: 1,
      stdout: '',
      stderr:
        'rtc-offer-polyfill: OperationError: The WebAssembly core of rtc-offer-polyfill could not be loaded: ' +
        `ENOENT: no such file or directory, open '${wasm}'\n`,
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
