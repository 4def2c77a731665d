// Shared set-up for the browser tests: one static server and one headless Chromium per test file.
//
//   const env = await startBrowser({ fakeMedia: true });
//   const page = await env.openPage('/tests/browser/pages/interop.html');
//   ...
//   await env.close();
//
// Pages signal that their set-up finished by setting `window.__ready = true`, or
// `window.__setupError = '<message>'` when it failed; openPage() waits for either.

import { mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  // This machine's network is closed: without these Chromium keeps dialing out.
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const FAKE_MEDIA_ARGS = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'];

/** Per-action timeout: a hung page fails its test instead of the whole run. */
export const TIMEOUT_MS = 30_000;

/** `root`: the directory to serve (the repository by default). */
export async function startBrowser({ fakeMedia = false, root = undefined } = {}) {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: run scripts/install-deps.sh (or set CHROMIUM_PATH)`);
  }
  const server = await startServer({ root });
  const profile = await mkdtemp(join(tmpdir(), 'rtc-offer-polyfill-chromium-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: fakeMedia ? [...CHROMIUM_ARGS, ...FAKE_MEDIA_ARGS] : CHROMIUM_ARGS,
    });
  } catch (error) {
    await server.close();
    await rm(profile, { recursive: true, force: true });
    throw error;
  }
  context.setDefaultTimeout(TIMEOUT_MS);

  const pages = [];

  async function openPage(path) {
    const page = await context.newPage();
    pages.push(page);
    const problems = [];
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console.error: ${message.text()}`);
    });
    page.problems = problems;
    const response = await page.goto(new URL(path, server.url).href);
    if (!response?.ok()) {
      throw new Error(`GET ${path}: HTTP ${response?.status()}`);
    }
    await page.waitForFunction(() => window.__ready === true || window.__setupError !== undefined);
    const setupError = await page.evaluate(() => window.__setupError);
    if (setupError !== undefined) {
      throw new Error(`${path} failed to set up: ${setupError}\n${problems.join('\n')}`);
    }
    return page;
  }

  async function close() {
    await Promise.allSettled(pages.map((page) => page.close()));
    await context.close().catch(() => {});
    await server.close();
    await rm(profile, { recursive: true, force: true });
  }

  return { server, context, baseUrl: server.url, openPage, close };
}

/** Splits an SDP into its session part and media sections (lines without CRLF). */
export function sdpSections(sdp) {
  const lines = sdp.split('\r\n').filter((line) => line !== '');
  const session = [];
  const media = [];
  for (const line of lines) {
    if (line.startsWith('m=')) media.push([line]);
    else if (media.length > 0) media[media.length - 1].push(line);
    else session.push(line);
  }
  return { session, media };
}

const DIRECTIONS = new Set(['a=sendrecv', 'a=sendonly', 'a=recvonly', 'a=inactive']);

/** The parts of an offer that must match what Chromium itself emits for the same calls. */
export function offerStructure(sdp) {
  const { session, media } = sdpSections(sdp);
  return {
    bundle: session.filter((line) => line.startsWith('a=group:')),
    sections: media.map((lines) => ({
      kind: lines[0].slice(2).split(' ')[0],
      mids: lines.filter((line) => line.startsWith('a=mid:')),
      directions: lines.filter((line) => DIRECTIONS.has(line)),
      rtpmaps: lines.filter((line) => line.startsWith('a=rtpmap:')).sort(),
    })),
  };
}

/** The port of every m-line (0 means the section was rejected). */
export function mLinePorts(sdp) {
  return sdpSections(sdp).media.map((lines) => Number(lines[0].split(' ')[1]));
}

/** The value after `prefix` on each line that has it. */
const valuesOf = (lines, prefix) =>
  lines.filter((line) => line.startsWith(prefix)).map((line) => line.slice(prefix.length));

/**
 * The parts of an answer that must match Chromium's for the same offer and calls: per section the
 * kind, port (0, or 9 for any other), mid, direction, DTLS role, codecs and header extensions in
 * order, and whether it sends (msid, ssrc lines); the BUNDLE groups.
 */
export function answerStructure(sdp) {
  const { session, media } = sdpSections(sdp);
  return {
    bundle: session.filter((line) => line.startsWith('a=group:')),
    sections: media.map((lines) => {
      const [kind, port, proto, ...formats] = lines[0].slice(2).split(' ');
      return {
        kind,
        port: port === '0' ? 0 : 9,
        proto,
        formats: formats.join(' '),
        mid: valuesOf(lines, 'a=mid:'),
        direction: lines.filter((line) => DIRECTIONS.has(line)),
        setup: valuesOf(lines, 'a=setup:'),
        rtpmaps: valuesOf(lines, 'a=rtpmap:'),
        extmaps: valuesOf(lines, 'a=extmap:'),
        msid: lines.some((line) => line.startsWith('a=msid:')),
        ssrc: lines.some((line) => line.startsWith('a=ssrc:')),
      };
    }),
  };
}

// Values that differ between any two descriptions: ICE credentials, fingerprints, track and
// stream ids, SSRCs and CNAMEs, the session id.
const RANDOM = [
  [/^o=- \d+ \d+ /, 'o=- * * '],
  [/^a=ice-(ufrag|pwd):.*$/, 'a=ice-$1:*'],
  [/^a=fingerprint:(\S+) .*$/, 'a=fingerprint:$1 *'],
  [/^a=msid-semantic: WMS.*$/, 'a=msid-semantic: WMS *'],
  [/^a=msid:\S+ \S+$/, 'a=msid:* *'],
  [/^a=ssrc-group:(\S+)( \d+)+$/, 'a=ssrc-group:$1 *'],
  [/^a=ssrc:\d+ (\S+?):.*$/, 'a=ssrc:* $1:*'],
];

/**
 * Every line of `sdp` with its random values masked, and without what only a gathering agent
 * writes (candidates, gathered addresses and ports; ours never has them): any port but 0 reads 9.
 */
export function maskedLines(sdp) {
  return sdp
    .split('\r\n')
    .filter((line) => line !== '' && !line.startsWith('a=candidate:') && line !== 'a=end-of-candidates')
    .map((line) => {
      if (line.startsWith('c=IN ')) return 'c=IN IP4 0.0.0.0';
      const masked = RANDOM.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), line);
      return masked.replace(/^(m=\S+) (?!0 )\d+ /, '$1 9 ');
    });
}
