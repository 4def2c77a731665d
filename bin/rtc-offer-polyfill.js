#!/usr/bin/env node
// Prints an offer such as Chromium would send, for signaling-server tests and scripts.
// Exit codes: 0 printed, 1 the offer could not be made, 2 bad usage.

import { parseArgs } from 'node:util';
import { RTCPeerConnection } from '../pkg/index.js';

const NAME = 'rtc-offer-polyfill';
const DIRECTIONS = ['sendrecv', 'sendonly', 'recvonly', 'inactive'];

const USAGE = `Usage: ${NAME} [options]

Prints an SDP offer (CRLF line endings, as createOffer() made it) on stdout.
Without --audio, --video and --data: one audio and one video transceiver.

Options:
  --audio N                 N audio transceivers
  --video N                 N video transceivers
  --data                    a data channel
  --direction D             direction of every transceiver: sendrecv (default), sendonly,
                            recvonly or inactive
  --audio-direction D       direction of the audio transceivers (overrides --direction)
  --video-direction D       direction of the video transceivers (overrides --direction)
  --simulcast RIDS          simulcast on every video transceiver: 2 to 4 comma-separated rids,
                            lowest resolution first (e.g. q,h,f)
  --ice-restart             print a second offer, made with iceRestart after
                            setLocalDescription() of the first
  --no-vad                  voiceActivityDetection: false (no comfort noise codecs)
  --json                    print {"type":"offer","sdp":"…"} and a newline instead
  --help                    print this help
`;

const OPTIONS = {
  audio: { type: 'string' },
  video: { type: 'string' },
  data: { type: 'boolean' },
  direction: { type: 'string' },
  'audio-direction': { type: 'string' },
  'video-direction': { type: 'string' },
  simulcast: { type: 'string' },
  'ice-restart': { type: 'boolean' },
  'no-vad': { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean' },
};

class UsageError extends Error {}

function count(values, name) {
  const value = values[name];
  if (value === undefined) return 0;
  // Capped so that a typo cannot build millions of transceivers.
  if (!/^\d{1,3}$/.test(value)) throw new UsageError(`--${name}: expected a number from 0 to 999, got '${value}'`);
  return Number(value);
}

function direction(values, name, fallback) {
  const value = values[name] ?? fallback;
  if (!DIRECTIONS.includes(value)) {
    throw new UsageError(`--${name}: expected one of ${DIRECTIONS.join(', ')}, got '${value}'`);
  }
  return value;
}

/** What to offer, from the command line; UsageError when it makes no sense. */
function plan(args) {
  let values;
  try {
    ({ values } = parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: false }));
  } catch (error) {
    if (typeof error.code === 'string' && error.code.startsWith('ERR_PARSE_ARGS_')) throw new UsageError(error.message);
    throw error;
  }
  if (values.help) return { help: true };
  const chosen = values.audio !== undefined || values.video !== undefined || values.data === true;
  const all = direction(values, 'direction', 'sendrecv');
  const result = {
    help: false,
    audio: chosen ? count(values, 'audio') : 1,
    video: chosen ? count(values, 'video') : 1,
    data: values.data === true,
    audioDirection: direction(values, 'audio-direction', all),
    videoDirection: direction(values, 'video-direction', all),
    rids: values.simulcast === undefined ? [] : values.simulcast.split(','),
    iceRestart: values['ice-restart'] === true,
    vad: values['no-vad'] !== true,
    json: values.json === true,
  };
  if (values.simulcast !== undefined) {
    if (result.rids.length < 2 || result.rids.length > 4) {
      throw new UsageError(`--simulcast: expected 2 to 4 comma-separated rids, got '${values.simulcast}'`);
    }
    if (result.video === 0) throw new UsageError('--simulcast: there is no video transceiver (--video N)');
  }
  return result;
}

async function offer(p) {
  const pc = new RTCPeerConnection();
  try {
    for (let i = 0; i < p.audio; i += 1) pc.addTransceiver('audio', { direction: p.audioDirection });
    for (let i = 0; i < p.video; i += 1) {
      const sendEncodings = p.rids.map((rid) => ({ rid }));
      try {
        pc.addTransceiver('video', { direction: p.videoDirection, sendEncodings });
      } catch (error) {
        // The rids are the only user input addTransceiver can reject.
        throw new UsageError(`--simulcast: ${error.message}`);
      }
    }
    if (p.data) pc.createDataChannel('data');
    const options = { voiceActivityDetection: p.vad };
    const first = await pc.createOffer(options);
    if (!p.iceRestart) return first;
    await pc.setLocalDescription(first);
    return await pc.createOffer({ ...options, iceRestart: true });
  } finally {
    pc.close();
  }
}

async function main(args) {
  const p = plan(args);
  if (p.help) {
    process.stdout.write(USAGE);
    return;
  }
  const { type, sdp } = await offer(p);
  process.stdout.write(p.json ? `${JSON.stringify({ type, sdp })}\n` : sdp);
}

main(process.argv.slice(2)).catch((error) => {
  if (error instanceof UsageError) {
    process.stderr.write(`${NAME}: ${error.message}\nTry '${NAME} --help'.\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`${NAME}: ${error?.name ?? 'Error'}: ${error?.message ?? error}\n`);
    process.exitCode = 1;
  }
});
