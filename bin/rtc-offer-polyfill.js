#!/usr/bin/env node
// Prints an offer such as Chromium would send, or (--answer) its answer to an offer read on stdin,
// for signaling-server tests and scripts.
// Exit codes: 0 printed, 1 no offer or answer could be made, 2 bad usage.

import { parseArgs } from 'node:util';
import { answer, offerSdp, readStdin } from './answer.js';
import { InputError, UsageError } from './errors.js';
import { offer } from './offer.js';

const NAME = 'rtc-offer-polyfill';
const DIRECTIONS = ['sendrecv', 'sendonly', 'recvonly', 'inactive'];
const KINDS = ['audio', 'video'];

const USAGE = `Usage: ${NAME} [options]
       ${NAME} --answer [options] < offer

Prints an SDP offer (CRLF line endings, as createOffer() made it) on stdout.
Without --audio, --video and --data: one audio and one video transceiver.

With --answer, reads an offer on stdin (SDP with CRLF or LF line endings, or
{"type":"offer","sdp":"…"}), applies it with setRemoteDescription() and prints the
answer createAnswer() makes (CRLF line endings).

Offer options:
  --audio N                 N audio transceivers
  --video N                 N video transceivers
  --data                    a data channel
  --simulcast RIDS          simulcast on every video transceiver: 2 to 4 comma-separated rids,
                            lowest resolution first (e.g. q,h,f)
  --ice-restart             print a second offer, made with iceRestart after
                            setLocalDescription() of the first

Answer options:
  --answer                  answer the offer read on stdin
  --send KINDS              tracks to send, comma-separated audio or video (e.g. audio,video):
                            each is added with addTrack() after setRemoteDescription() and
                            sends on the offer's next m-section of its kind

Options for both:
  --direction D             direction of every transceiver: sendrecv, sendonly, recvonly or
                            inactive. Offers: sendrecv by default. Answers: set before
                            createAnswer(); by default recvonly, sendrecv with a --send track
  --audio-direction D       direction of the audio transceivers (overrides --direction)
  --video-direction D       direction of the video transceivers (overrides --direction)
  --no-vad                  voiceActivityDetection: false (no comfort noise codecs)
  --json                    print {"type":"offer","sdp":"…"} (or "answer") and a newline instead
  --help                    print this help
`;

const OPTIONS = {
  audio: { type: 'string' },
  video: { type: 'string' },
  data: { type: 'boolean' },
  simulcast: { type: 'string' },
  'ice-restart': { type: 'boolean' },
  answer: { type: 'boolean' },
  send: { type: 'string' },
  direction: { type: 'string' },
  'audio-direction': { type: 'string' },
  'video-direction': { type: 'string' },
  'no-vad': { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean' },
};
const OFFER_ONLY = ['audio', 'video', 'data', 'simulcast', 'ice-restart'];
const ANSWER_ONLY = ['send'];

function count(values, name) {
  const value = values[name];
  if (value === undefined) return 0;
  // Capped so that a typo cannot build millions of transceivers.
  if (!/^\d{1,3}$/.test(value)) throw new UsageError(`--${name}: expected a number from 0 to 999, got '${value}'`);
  return Number(value);
}

/** The direction `name` gives, else `fallback` (which may be undefined: leave the direction be). */
function direction(values, name, fallback) {
  const value = values[name] ?? fallback;
  if (value !== undefined && !DIRECTIONS.includes(value)) {
    throw new UsageError(`--${name}: expected one of ${DIRECTIONS.join(', ')}, got '${value}'`);
  }
  return value;
}

function kinds(value) {
  const list = value.split(',');
  const bad = list.find((kind) => !KINDS.includes(kind));
  if (bad !== undefined) throw new UsageError(`--send: expected comma-separated audio or video, got '${value}'`);
  return list;
}

/** What to offer, from the command line's values. */
function offerPlan(values) {
  const chosen = values.audio !== undefined || values.video !== undefined || values.data === true;
  const all = direction(values, 'direction', 'sendrecv');
  const result = {
    audio: chosen ? count(values, 'audio') : 1,
    video: chosen ? count(values, 'video') : 1,
    data: values.data === true,
    audioDirection: direction(values, 'audio-direction', all),
    videoDirection: direction(values, 'video-direction', all),
    rids: values.simulcast === undefined ? [] : values.simulcast.split(','),
    iceRestart: values['ice-restart'] === true,
  };
  if (values.simulcast !== undefined) {
    if (result.rids.length < 2 || result.rids.length > 4) {
      throw new UsageError(`--simulcast: expected 2 to 4 comma-separated rids, got '${values.simulcast}'`);
    }
    if (result.video === 0) throw new UsageError('--simulcast: there is no video transceiver (--video N)');
  }
  return result;
}

/** How to answer, from the command line's values. */
function answerPlan(values) {
  const all = direction(values, 'direction', undefined);
  return {
    send: values.send === undefined ? [] : kinds(values.send),
    audioDirection: direction(values, 'audio-direction', all),
    videoDirection: direction(values, 'video-direction', all),
  };
}

/** What to do, from the command line; UsageError when it makes no sense. */
function plan(args) {
  let values;
  try {
    ({ values } = parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: false }));
  } catch (error) {
    if (typeof error.code === 'string' && error.code.startsWith('ERR_PARSE_ARGS_')) throw new UsageError(error.message);
    throw error;
  }
  if (values.help) return { help: true };
  const answering = values.answer === true;
  const misplaced = (answering ? OFFER_ONLY : ANSWER_ONLY).find((name) => values[name] !== undefined);
  if (misplaced !== undefined) {
    throw new UsageError(`--${misplaced}: ${answering ? 'not with --answer' : 'only with --answer'}`);
  }
  return {
    help: false,
    answering,
    ...(answering ? answerPlan(values) : offerPlan(values)),
    vad: values['no-vad'] !== true,
    json: values.json === true,
  };
}

async function main(args) {
  const p = plan(args);
  if (p.help) {
    process.stdout.write(USAGE);
    return;
  }
  const { type, sdp } = p.answering ? await answer(p, offerSdp(await readStdin())) : await offer(p);
  process.stdout.write(p.json ? `${JSON.stringify({ type, sdp })}\n` : sdp);
}

main(process.argv.slice(2)).catch((error) => {
  if (error instanceof UsageError) {
    process.stderr.write(`${NAME}: ${error.message}\nTry '${NAME} --help'.\n`);
    process.exitCode = 2;
  } else if (error instanceof InputError) {
    process.stderr.write(`${NAME}: ${error.message}\n`);
    process.exitCode = 1;
  } else {
    process.stderr.write(`${NAME}: ${error?.name ?? 'Error'}: ${error?.message ?? error}\n`);
    process.exitCode = 1;
  }
});
