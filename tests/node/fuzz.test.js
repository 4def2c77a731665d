// Seeded, bounded fuzzing of the public API: random JS values (primitives, odd and hostile
// objects, getters and traps that throw, huge strings, symbols, BigInts, sparse arrays) go into
// every public constructor and method. Each call must either succeed, or fail the W3C way: a
// synchronous TypeError/RangeError/DOMException (or a rejected promise with one, for promise
// operations) of a name the method may use, or exactly what the page's own code threw. Never an
// internal error, a wasm trap or a bare string. Afterwards a plain createOffer() on the same
// connection must still work and describe its transceivers and data channels.
//
// FUZZ_SEED=<n> and FUZZ_ROUNDS=<n> (per method) override the defaults; a failure names its seed.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import * as api from '../../pkg/index.js';
import * as helpers from './helpers.js';

const { RTCPeerConnection, RTCSessionDescription, install } = api;

function envInteger(name, fallback) {
  const value = process.env[name] === undefined ? fallback : Number(process.env[name]);
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    throw new Error(`${name}=${process.env[name]} is not an integer from 0 to 2^32 - 1`);
  }
  return value;
}
const SEED = envInteger('FUZZ_SEED', 20_251_124);
const ROUNDS = envInteger('FUZZ_ROUNDS', 200);

// ---------------------------------------------------------------------------------------------
// Test data: a seeded generator (test data only, not cryptography)

/** mulberry32: a small seeded PRNG giving floats in [0, 1). */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A per-test seed, so each test reproduces alone with the same FUZZ_SEED. */
function seedFor(name) {
  let h = SEED ^ 0x9e3779b9;
  for (const c of name) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
  return h >>> 0;
}

/** What the page's own code throws (from getters, traps, toString...). */
class PageError extends Error {}
const PAGE_STRING = 'fuzz: a string thrown by the page';
const isPageThrow = (error) => error instanceof PageError || error === PAGE_STRING;

const HUGE = 'x'.repeat(1 << 20);
const MEMBER_NAMES = [
  'type', 'sdp', 'direction', 'streams', 'sendEncodings', 'rid', 'active', 'maxBitrate', 'maxFramerate',
  'priority', 'networkPriority', 'scalabilityMode', 'scaleResolutionDownBy', 'iceRestart', 'offerToReceiveAudio',
  'offerToReceiveVideo', 'voiceActivityDetection', 'mandatory', 'optional', 'OfferToReceiveAudio', 'IceRestart',
  'bundlePolicy', 'certificates', 'iceServers', 'urls', 'username', 'credential', 'iceCandidatePoolSize',
  'iceTransportPolicy', 'rtcpMuxPolicy', 'id', 'kind', 'label', 'ordered', 'maxPacketLifeTime', 'maxRetransmits',
  'protocol', 'negotiated', 'name', 'namedCurve', 'hash', 'modulusLength', 'publicExponent', 'expires', 'force',
  'mimeType', 'clockRate', 'channels', 'sdpFmtpLine', 'RTCPeerConnection', 'length', 'then', 'toJSON', 'track',
];
const STRINGS = [
  '', 'audio', 'video', 'application', 'sendrecv', 'sendonly', 'recvonly', 'inactive', 'stopped', 'offer', 'answer',
  'pranswer', 'rollback', 'balanced', 'max-bundle', 'max-compat', 'require', 'relay', 'all', 'ECDSA', 'P-256',
  'RSASSA-PKCS1-v1_5', 'SHA-256', 'stun:stun.example.org', 'turn:turn.example.org', 'stun:', 'high', 'low',
  'audio/opus', 'video/VP8', 'video/rtx', 'a b', 'a\r\nb', '\0', '\uD800', '\uDFFF\uD800', '😀', 'é', '-', '{}',
  'v=0\r\n', 'undefined', 'null', '0', '-1', 'NaN', ' sendrecv', 'SENDRECV', 'r0', 'x'.repeat(17), 'x'.repeat(65),
  'x'.repeat(65536), HUGE,
];
const NUMBERS = [
  0, -0, 1, -1, 0.5, 1.5, 2, 3, 4, 7, 16, 64, 255, 256, 65535, 65536, 2 ** 31, 2 ** 32 - 1, 2 ** 32, 2 ** 53,
  Number.MAX_SAFE_INTEGER + 2, 1e308, -1e308, Number.MIN_VALUE, NaN, Infinity, -Infinity, 86_400_000, 1e20,
];
// RSA key generation time grows with the modulus: keep generateCertificate's members small.
const MEMBER_VALUES = { modulusLength: [0, 1, 256, 512, NaN, -1, 'x'], publicExponent: [0, new Uint8Array([1, 0, 1])] };

/** Random values; `ctx` is the connection under test and what the loop knows of it. */
function generator(random, ctx) {
  const int = (n) => Math.floor(random() * n);
  const pick = (array) => array[int(array.length)];
  const chance = (p) => random() < p;
  const pageThrow = () => (chance(0.8) ? new PageError('thrown by a page getter') : PAGE_STRING);
  const thrower = () => {
    throw pageThrow();
  };
  /** A function the polyfill may call (as a callback): records its calls, never throws. */
  const recorder = () => {
    const f = function recorder(...args) {
      ctx.calls.push(args);
    };
    if (chance(0.3)) f.toString = thrower;
    return f;
  };

  function string() {
    const r = int(10);
    if (r < 5) return pick(STRINGS);
    if (r < 7) return Array.from({ length: int(24) }, () => String.fromCharCode(int(chance(0.8) ? 128 : 0x10000))).join('');
    if (r < 8 && ctx.lastOffer !== null) return ctx.lastOffer;
    if (r < 9 && ctx.lastOffer !== null) {
      const offerLines = ctx.lastOffer.split('\r\n');
      offerLines.splice(int(offerLines.length), int(2), ...(chance(0.5) ? [pick(STRINGS).slice(0, 100)] : []));
      return offerLines.join('\r\n');
    }
    return ctx.sdps.length > 0 ? pick(ctx.sdps) : pick(STRINGS);
  }

  function object(depth) {
    const r = int(16);
    const members = () => {
      const o = {};
      for (let i = int(4); i > 0; i -= 1) {
        const name = pick(MEMBER_NAMES);
        o[name] = name in MEMBER_VALUES ? pick(MEMBER_VALUES[name]) : value(depth + 1);
      }
      return o;
    };
    switch (r) {
      case 0:
        return {};
      case 1:
        return members();
      case 2: {
        const o = members();
        Object.defineProperty(o, pick(MEMBER_NAMES), { get: thrower, enumerable: true });
        return o;
      }
      case 3: {
        const trap = pick(['get', 'has', 'ownKeys', 'getPrototypeOf', 'getOwnPropertyDescriptor']);
        return new Proxy(chance(0.3) ? [value(depth + 1)] : members(), { [trap]: thrower });
      }
      case 4: {
        const { proxy, revoke } = Proxy.revocable(chance(0.5) ? [] : {}, {});
        revoke();
        return proxy;
      }
      case 5:
        return { [pick(['toString', 'valueOf', Symbol.toPrimitive])]: thrower };
      case 6:
        return Array.from({ length: int(4) }, () => value(depth + 1));
      case 7: {
        const a = [];
        a[int(40)] = value(depth + 1);
        return a;
      }
      case 8: {
        const a = [1, 2];
        a[Symbol.iterator] = chance(0.5) ? thrower : () => 42;
        return a;
      }
      case 9: {
        // A stateful getter: a plausible value for the first reads, something hostile later.
        const name = chance(0.3) ? 'id' : pick(MEMBER_NAMES);
        const first = name === 'id' ? 'stream-1' : pick(STRINGS);
        const later = chance(0.5) ? pick(STRINGS) : value(depth + 1);
        const plausibleReads = 1 + int(3);
        let reads = 0;
        return {
          get [name]() {
            reads += 1;
            if (reads <= plausibleReads) return first;
            if (typeof later === 'string' || (typeof later === 'object' && later !== null)) return later;
            return thrower();
          },
        };
      }
      case 10:
        return track();
      case 11:
        return { id: string() };
      case 12:
        return pick(ctx.realObjects());
      case 13:
        return description();
      case 14:
        return Object.create(null);
      default:
        return pick([
          new Date(0),
          /x/,
          new Map(),
          new Set([1]),
          Promise.resolve(1),
          new ArrayBuffer(8),
          new Uint8Array(3),
          new Error('e'),
          Object.freeze({}),
        ]);
    }
  }

  function track() {
    const kind = chance(0.8) ? pick(['audio', 'video']) : string();
    if (chance(0.2)) {
      let reads = 0;
      return {
        kind,
        get id() {
          reads += 1;
          return reads === 1 ? 'track-id' : thrower();
        },
      };
    }
    return { kind, id: chance(0.7) ? `track-${int(1000)}` : string() };
  }

  function description() {
    const init = {};
    if (chance(0.9)) init.type = chance(0.8) ? pick(['offer', 'answer', 'pranswer', 'rollback']) : value(2);
    if (chance(0.8)) init.sdp = chance(0.8) ? string() : value(2);
    const answer = ctx.answer();
    if (answer === null || chance(0.5)) return init;
    const r = int(3);
    if (r === 0) return answer;
    if (r === 1) return { ...answer, sdp: string() };
    // The answer with a line dropped, doubled or replaced: syntax and semantic errors.
    const answerLines = answer.sdp.split('\r\n');
    const at = int(answerLines.length - 1);
    const replacement = [[], [answerLines[at], answerLines[at]], [pick(STRINGS).slice(0, 100)]][int(3)];
    answerLines.splice(at, 1, ...replacement);
    return { type: 'answer', sdp: answerLines.join('\r\n') };
  }

  function value(depth = 0) {
    const r = int(depth > 1 ? 8 : 12);
    switch (r) {
      case 0:
        return pick([undefined, null, true, false]);
      case 1:
        return pick(NUMBERS);
      case 2:
      case 3:
        return string();
      case 4:
        return pick([Symbol('fuzz'), Symbol.iterator, 0n, 2n ** 64n, -1n]);
      case 5:
        return recorder();
      default:
        return object(depth);
    }
  }

  return { value, pick, chance, int, track, description, recorder, string };
}

// ---------------------------------------------------------------------------------------------
// Outcomes

// Messages that betray a glue bug or a wasm failure rather than a checked argument.
const INTERNAL =
  /unreachable|internal error|recursive use|RuntimeError|null pointer|panicked|Cannot read propert|Cannot destructure|wasm/i;

/** Why `error` is not an allowed failure of an operation that may use `names`; null if it is. */
function disallowed(error, names) {
  if (isPageThrow(error)) return null;
  if (typeof error !== 'object' || error === null) return `a thrown ${typeof error} (${String(error)})`;
  const message = String(error.message);
  if (INTERNAL.test(message)) return `an internal error: ${error.name}: ${message}`;
  if (error.constructor === TypeError || error.constructor === RangeError) {
    return names.includes(error.constructor.name) ? null : `a ${error.constructor.name}: ${message}`;
  }
  if (error instanceof DOMException) {
    return names.includes(error.name) ? null : `a DOMException ${error.name}: ${message}`;
  }
  return `${Object.prototype.toString.call(error)} ${error?.name}: ${message}`;
}

/** Runs `call`; returns {threw, error} or {value} (a promise's settlement when `async`). */
async function outcome(call, async, where) {
  let result;
  try {
    result = call();
  } catch (error) {
    return { threw: true, sync: true, error };
  }
  if (!async) return { value: result };
  assert.ok(result instanceof Promise, `${where}: returned ${describeValue(result)}, not a Promise`);
  try {
    return { value: await result };
  } catch (error) {
    return { threw: true, sync: false, error };
  }
}

const mSections = (sdp) => {
  const sections = [];
  let session = [];
  for (const line of sdp.split('\r\n')) {
    if (line.startsWith('m=')) {
      const [kind, port] = line.slice(2).split(' ');
      sections.push({ kind, port: Number(port), lines: [] });
    } else if (sections.length > 0) {
      sections.at(-1).lines.push(line);
    } else {
      session.push(line);
    }
  }
  const attribute = (s, prefix) => s.lines.find((l) => l.startsWith(prefix))?.slice(prefix.length) ?? null;
  return {
    session,
    sections: sections.map((s) => ({
      ...s,
      mid: attribute(s, 'a=mid:'),
      direction: s.lines.find((l) => /^a=(sendrecv|sendonly|recvonly|inactive)$/.test(l))?.slice(2) ?? null,
    })),
  };
};

/** The connection still makes offers, and they describe what it holds. */
async function assertUsable(ctx, why) {
  const { pc } = ctx;
  if (pc.signalingState === 'closed') return;
  // A chained no-op first: what the call queued (a legacy-callback setRemoteDescription) has run.
  await pc.createAnswer().catch(() => {});
  if (pc.signalingState === 'have-remote-offer') {
    // A remote offer was applied: the connection answers it, and can roll it back to offer again.
    const answer = await pc
      .createAnswer()
      .catch((error) => assert.fail(`${why}: createAnswer() then rejects: ${String(error).slice(0, 300)}`));
    assert.equal(answer.type, 'answer');
    assert.ok(answer.sdp.startsWith('v=0\r\n') && answer.sdp.endsWith('\r\n'), `${why}: the answer is SDP`);
    await pc.setRemoteDescription({ type: 'rollback' });
  }
  const offer = await pc
    .createOffer()
    .catch((error) => assert.fail(`${why}: createOffer() then rejects: ${String(error).slice(0, 300)}`));
  assert.equal(offer.type, 'offer');
  const { sdp } = offer;
  ctx.lastOffer = sdp;
  assert.ok(sdp.endsWith('\r\n'), `${why}: the offer ends with CRLF`);
  for (const line of sdp.slice(0, -2).split('\r\n')) {
    assert.match(line, /^[a-z]=[^\r\n\0]*$/, `${why}: offer line ${JSON.stringify(line.slice(0, 80))}`);
  }
  const { session, sections } = mSections(sdp);
  assert.deepEqual(session.slice(0, 4).map((l) => l.slice(0, 2)), ['v=', 'o=', 's=', 't=']);
  const mids = sections.map((s) => s.mid);
  assert.equal(new Set(mids).size, mids.length, `${why}: unique mids ${mids}`);
  assert.ok(!mids.includes(null), `${why}: every section has a mid`);

  const live = pc.getTransceivers().filter((t) => t.direction !== 'stopped' && t.currentDirection !== 'stopped');
  const liveRtp = sections.filter((s) => s.port !== 0 && s.kind !== 'application');
  const kinds = (list) => list.map((k) => k).sort().join(' ');
  assert.equal(
    kinds(liveRtp.map((s) => s.kind)),
    kinds(live.map((t) => t.receiver.track.kind)),
    `${why}: the offer's live audio/video sections match the live transceivers`,
  );
  for (const t of live.filter((t) => t.mid !== null)) {
    const section = sections.find((s) => s.mid === t.mid);
    assert.ok(section !== undefined && section.port !== 0, `${why}: transceiver mid ${t.mid} has a live section`);
    assert.equal(section.kind, t.receiver.track.kind, `${why}: kind of mid ${t.mid}`);
    assert.equal(section.direction, t.direction, `${why}: direction of mid ${t.mid}`);
  }
  const data = sections.filter((s) => s.kind === 'application');
  if (ctx.dataChannels > 0) assert.equal(data.length, 1, `${why}: one m=application section`);
  else assert.ok(data.length <= 1, `${why}: at most one m=application section`);
  const bundle = session.find((l) => l.startsWith('a=group:BUNDLE '))?.slice(15).split(' ') ?? [];
  const liveMids = sections.filter((s) => s.port !== 0).map((s) => s.mid);
  // Every live section is bundled unless the applied answer left some out of its group (an
  // answer may: bundlePolicy 'balanced'); the group lists live sections in order either way.
  if (bundlesAll(pc.currentRemoteDescription?.sdp)) {
    assert.deepEqual(bundle, liveMids, `${why}: BUNDLE group`);
  } else {
    assert.deepEqual(bundle, liveMids.filter((mid) => bundle.includes(mid)), `${why}: BUNDLE group`);
  }
}

/** Whether an answer (undefined: none) has a session-level BUNDLE group with every mid it accepts. */
function bundlesAll(answer) {
  if (answer === undefined) return true;
  const { session, sections } = mSections(answer);
  const group = session.find((l) => l.startsWith('a=group:BUNDLE '))?.slice(15).split(' ') ?? [];
  return sections.filter((s) => s.port !== 0).every((s) => group.includes(s.mid));
}

// ---------------------------------------------------------------------------------------------
// The operations

/** Names each operation may fail with (besides what the page itself threw). */
const STATE = 'InvalidStateError';
const OPERATIONS = [
  {
    name: 'new RTCPeerConnection',
    names: ['TypeError', 'SyntaxError', 'InvalidAccessError', 'NotSupportedError'],
    args: (g) => [g.value()],
    call: (ctx, args) => {
      const pc = new RTCPeerConnection(...args);
      ctx.extra.push(pc);
      return pc;
    },
  },
  {
    name: 'createOffer',
    async: true,
    names: ['TypeError', STATE],
    args: (g) => (g.chance(0.7) ? [g.value()] : [g.recorder(), g.recorder(), g.value()]),
    call: (ctx, args) => ctx.pc.createOffer(...args),
  },
  {
    name: 'createAnswer',
    async: true,
    names: ['TypeError', STATE],
    args: (g) => (g.chance(0.7) ? [g.value()] : [g.recorder(), g.recorder()]),
    call: (ctx, args) => ctx.pc.createAnswer(...args),
  },
  {
    name: 'setLocalDescription',
    async: true,
    names: ['TypeError', STATE, 'InvalidModificationError', 'InvalidAccessError', 'OperationError'],
    args: (g) => {
      const d = g.chance(0.6) ? g.description() : g.value();
      return g.chance(0.8) ? [d] : [d, g.recorder(), g.recorder()];
    },
    call: (ctx, args) => ctx.pc.setLocalDescription(...args),
  },
  {
    name: 'setRemoteDescription',
    async: true,
    // Mostly with a local offer applied, so that answers get past the state check.
    prepare: async (ctx, g) => {
      if (g.chance(0.7) && ctx.pc.signalingState === 'stable') {
        await ctx.pc.setLocalDescription(await ctx.pc.createOffer());
      }
    },
    names: ['TypeError', STATE, 'InvalidModificationError', 'InvalidAccessError', 'OperationError', 'NotSupportedError'],
    args: (g) => {
      const d = g.chance(0.7) ? g.description() : g.value();
      return g.chance(0.8) ? [d] : [d, g.recorder(), g.recorder()];
    },
    call: (ctx, args) => ctx.pc.setRemoteDescription(...args),
  },
  {
    name: 'addTransceiver',
    names: ['TypeError', 'RangeError', STATE],
    args: (g) => {
      const first = g.chance(0.5) ? g.pick(['audio', 'video']) : g.chance(0.5) ? g.track() : g.value();
      const init = {};
      const directions = ['sendrecv', 'sendonly', 'recvonly', 'inactive'];
      if (g.chance(0.5)) init.direction = g.chance(0.7) ? g.pick(directions) : g.value();
      if (g.chance(0.5)) init.streams = g.chance(0.6) ? [{ id: g.string() }] : g.value();
      if (g.chance(0.4)) {
        init.sendEncodings = g.chance(0.5)
          ? Array.from({ length: g.int(5) }, (_, i) => ({
              rid: g.chance(0.8) ? `r${i}` : g.value(),
              scaleResolutionDownBy: g.chance(0.5) ? 2 ** i : g.value(),
            }))
          : g.value();
      }
      return g.chance(0.7) ? [first, init] : [first, g.value()];
    },
    call: (ctx, args) => ctx.pc.addTransceiver(...args),
  },
  {
    name: 'addTrack',
    names: ['TypeError', 'InvalidAccessError', STATE],
    args: (g) => {
      const track = g.chance(0.7) ? g.track() : g.value();
      const streams = Array.from({ length: g.int(3) }, () => (g.chance(0.6) ? { id: g.string() } : g.value()));
      return [track, ...streams];
    },
    call: (ctx, args) => ctx.pc.addTrack(...args),
  },
  {
    name: 'removeTrack',
    names: ['TypeError', 'InvalidAccessError', STATE],
    args: (g, ctx) => [g.chance(0.6) ? g.pick(ctx.senders()) : g.value()],
    call: (ctx, args) => ctx.pc.removeTrack(...args),
  },
  {
    name: 'createDataChannel',
    names: ['TypeError', STATE, 'OperationError'],
    args: (g) => (g.chance(0.5) ? [g.string(), g.value()] : [g.value(), g.value()]),
    call: (ctx, args) => {
      const channel = ctx.pc.createDataChannel(...args);
      ctx.dataChannels += 1;
      return channel;
    },
  },
  {
    name: 'setConfiguration',
    names: ['TypeError', 'SyntaxError', 'InvalidAccessError', 'InvalidModificationError', STATE],
    args: (g) => [g.value()],
    call: (ctx, args) => ctx.pc.setConfiguration(...args),
  },
  {
    name: 'transceiver.direction =',
    names: ['TypeError', STATE],
    args: (g) => [g.chance(0.4) ? g.pick(['sendrecv', 'sendonly', 'recvonly', 'inactive', 'stopped']) : g.value()],
    call: (ctx, [value]) => {
      ctx.transceiver().direction = value;
    },
  },
  {
    name: 'transceiver.setCodecPreferences',
    names: ['TypeError', 'InvalidModificationError', 'InvalidAccessError', STATE],
    exists: () => typeof api.RTCRtpTransceiver?.prototype.setCodecPreferences === 'function',
    args: (g, ctx) => {
      if (g.chance(0.5)) return [g.value()];
      const codecs = ctx.capabilities(g.pick(['audio', 'video']));
      const member = () => g.pick(['mimeType', 'clockRate', 'channels', 'sdpFmtpLine']);
      const chosen = codecs.filter(() => g.chance(0.5)).map((c) => (g.chance(0.8) ? c : { ...c, [member()]: g.value() }));
      return [chosen];
    },
    call: (ctx, args) => ctx.transceiver().setCodecPreferences(...args),
  },
  {
    name: 'sender.setStreams',
    names: ['TypeError', STATE],
    exists: () => typeof api.RTCRtpSender?.prototype.setStreams === 'function',
    args: (g) => Array.from({ length: g.int(3) }, () => (g.chance(0.6) ? { id: g.string() } : g.value())),
    call: (ctx, args) => ctx.transceiver().sender.setStreams(...args),
  },
  {
    name: 'sender.replaceTrack',
    async: true,
    names: ['TypeError', STATE, 'InvalidModificationError'],
    exists: () => typeof api.RTCRtpSender?.prototype.replaceTrack === 'function',
    args: (g) => [g.chance(0.6) ? g.track() : g.value()],
    call: (ctx, args) => ctx.transceiver().sender.replaceTrack(...args),
  },
  {
    name: 'RTCRtpSender/Receiver.getCapabilities',
    names: ['TypeError'],
    exists: () => typeof api.RTCRtpSender?.getCapabilities === 'function',
    args: (g) => [g.value()],
    call: (ctx, [kind]) => [api.RTCRtpSender.getCapabilities(kind), api.RTCRtpReceiver.getCapabilities(kind)],
  },
  {
    name: 'RTCPeerConnection.generateCertificate',
    async: true,
    names: ['TypeError', 'NotSupportedError', 'OperationError'],
    args: (g) => {
      if (g.chance(0.5)) return [g.value()];
      const algorithm = { name: g.chance(0.8) ? g.pick(['ECDSA', 'RSASSA-PKCS1-v1_5', 'ecdsa', 'HMAC', 'X']) : g.value() };
      if (g.chance(0.7)) algorithm.namedCurve = g.chance(0.7) ? g.pick(['P-256', 'P-384', 'p-256']) : g.value();
      if (g.chance(0.4)) algorithm.expires = g.chance(0.5) ? g.pick(NUMBERS) : g.value();
      if (g.chance(0.3)) {
        algorithm.hash = g.chance(0.5) ? 'SHA-256' : g.value();
        algorithm.modulusLength = g.pick(MEMBER_VALUES.modulusLength);
        algorithm.publicExponent = g.pick(MEMBER_VALUES.publicExponent);
      }
      return [algorithm];
    },
    call: (ctx, args) => RTCPeerConnection.generateCertificate(...args),
  },
  {
    name: 'new RTCSessionDescription',
    names: ['TypeError'],
    args: (g) => [g.chance(0.5) ? g.description() : g.value()],
    call: (ctx, args) => new RTCSessionDescription(...args),
  },
  {
    name: 'install',
    names: ['TypeError'],
    args: (g) => [g.chance(0.7) ? { ...(g.chance(0.3) ? { RTCPeerConnection: g.value() } : {}) } : g.value(), g.value()],
    call: (ctx, [target, options]) => {
      // Never globalThis: the rest of this process must keep what it imported.
      const result = install(target ?? {}, options);
      assert.ok(['native', 'patched', 'polyfilled'].includes(result), `install() returned ${result}`);
      return result;
    },
  },
  {
    name: 'restartIce',
    names: [],
    exists: () => typeof RTCPeerConnection.prototype.restartIce === 'function',
    args: () => [],
    call: (ctx) => ctx.pc.restartIce(),
  },
];

// ---------------------------------------------------------------------------------------------
// The fuzz loop

async function referenceSdps() {
  const dir = new URL('../../../shared/reference-offers/', import.meta.url);
  const names = ['transceivers-audio-video-datachannel.sdp', 'simulcast-3-rids.sdp', 'datachannel-only.sdp'];
  const texts = await Promise.all(names.map((name) => readFile(new URL(name, dir), 'utf8').catch(() => null)));
  return texts.filter((t) => t !== null);
}

let certificates = null;
async function sharedCertificates() {
  certificates ??= {
    valid: await RTCPeerConnection.generateCertificate({ name: 'ECDSA', namedCurve: 'P-256' }),
    expired: await RTCPeerConnection.generateCertificate({ name: 'ECDSA', namedCurve: 'P-256', expires: 0 }),
  };
  return certificates;
}

/** A connection with some transceivers and maybe a data channel, and what the fuzz loop tracks of it. */
function newContext(g, shared) {
  const pc = new RTCPeerConnection();
  const ctx = {
    pc,
    other: new RTCPeerConnection(),
    extra: [],
    calls: [],
    lastOffer: null,
    dataChannels: 0,
    sdps: shared.sdps,
    senders: () => [...pc.getSenders(), ...ctx.other.getSenders()],
    // One of this connection's transceivers, else the other connection's (never made here:
    // a promise operation must not get a synchronous addTransceiver error from the harness).
    transceiver: () => pc.getTransceivers()[0] ?? ctx.other.getTransceivers()[0],
    capabilities: (kind) => api.RTCRtpReceiver?.getCapabilities?.(kind)?.codecs ?? [],
    answer: () => {
      const offer = pc.pendingLocalDescription;
      if (offer === null || offer.type !== 'offer' || typeof helpers.answerFor !== 'function') return null;
      return helpers.answerFor(offer.sdp);
    },
    realObjects: () => [
      pc,
      ctx.other,
      shared.certificates.valid,
      shared.certificates.expired,
      { certificates: [shared.certificates.valid] },
      { certificates: [shared.certificates.expired] },
      ...pc.getTransceivers(),
      ...ctx.senders(),
      ...pc.getReceivers().map((r) => r.track),
      new RTCSessionDescription({ type: 'offer', sdp: ctx.lastOffer ?? '' }),
    ],
  };
  ctx.other.addTransceiver('audio');
  for (let i = g.int(3); i > 0; i -= 1) pc.addTransceiver(g.pick(['audio', 'video']));
  if (g.chance(0.3)) {
    pc.createDataChannel('fuzz');
    ctx.dataChannels += 1;
  }
  return ctx;
}

function closeAll(ctx) {
  for (const pc of [ctx.pc, ctx.other, ...ctx.extra]) pc.close();
  ctx.extra = [];
}

async function fuzz(operation) {
  const seed = seedFor(operation.name);
  const random = prng(seed);
  const shared = { sdps: await referenceSdps(), certificates: await sharedCertificates() };
  let ctx = null;
  const g = generator(random, new Proxy({}, { get: (_, key) => ctx[key] }));
  ctx = newContext(g, shared);
  for (let round = 0; round < ROUNDS; round += 1) {
    const where = `FUZZ_SEED=${SEED} (test seed ${seed}), ${operation.name}, round ${round}`;
    // Now and then a closed connection, or a fresh one, or a negotiated one.
    if (g.chance(0.03)) {
      closeAll(ctx);
      ctx = newContext(g, shared);
    }
    const closing = g.chance(0.03);
    if (closing) ctx.pc.close();
    const canNegotiate = typeof ctx.pc.setRemoteDescription === 'function' && ctx.pc.signalingState === 'stable';
    if (g.chance(0.1) && !closing && canNegotiate) {
      const negotiated = async () => {
        await ctx.pc.setLocalDescription(await ctx.pc.createOffer());
        const answer = ctx.answer();
        if (answer !== null) await ctx.pc.setRemoteDescription(answer);
      };
      await negotiated().catch((error) => assert.fail(`${where}: negotiating before the call failed: ${error}`));
    }
    if (!closing && operation.prepare !== undefined) await operation.prepare(ctx, g);
    const args = operation.args(g, ctx);
    const described = args.map((a) => describeValue(a)).join(', ');
    const call = `${operation.name}(${described})`;
    const result = await outcome(() => operation.call(ctx, args), operation.async === true, `${where}: ${call}`);
    if (result.threw) {
      const thrown = () => `${result.error?.name}: ${String(result.error?.message ?? result.error).slice(0, 200)}`;
      assert.ok(!(operation.async && result.sync), `${where}: ${call} threw (instead of rejecting) ${thrown()}`);
      const why = disallowed(result.error, operation.names);
      const how = result.sync ? 'threw' : 'rejected with';
      assert.equal(why, null, `${where}: ${call} ${how} ${why?.slice(0, 300)}`);
    }
    for (const pc of ctx.extra.splice(0)) {
      await assertUsable({ ...ctx, pc, dataChannels: 0 }, `${where}, the new connection`);
      pc.close();
    }
    await assertUsable(ctx, `${where}, after ${call}`);
    // Legacy callbacks have been called by now (the check's createOffer ran after them).
    await helpers.tasks(2);
    for (const callbackArgs of ctx.calls.splice(0)) {
      for (const arg of callbackArgs.filter((a) => a instanceof Error || a instanceof DOMException)) {
        const why = disallowed(arg, operation.names);
        assert.equal(why, null, `${where}: ${call} called back with ${why}`);
      }
    }
    if (closing) {
      closeAll(ctx);
      ctx = newContext(g, shared);
    }
  }
  closeAll(ctx);
}

function describeValue(value) {
  try {
    if (typeof value === 'string') {
      return value.length > 60 ? `'${value.slice(0, 40)}…' (${value.length} chars)` : JSON.stringify(value);
    }
    if (typeof value === 'bigint') return `${value}n`;
    if (typeof value === 'symbol' || typeof value === 'function') return typeof value;
    if (typeof value !== 'object' || value === null) return String(value);
    const tag = Object.prototype.toString.call(value);
    return tag === '[object Object]' ? `{${Object.keys(value).join(', ')}}` : tag;
  } catch {
    return 'a hostile object';
  }
}

// ---------------------------------------------------------------------------------------------
// The wasm boundary: the core's Session, called as the glue calls it but with hostile values
// anywhere in its arguments. What the boundary cannot convert must come back as a plain
// {name, message} object (never an exception escaping from inside the wasm), and the Session
// must stay usable: an exception that unwinds through a `&mut self` call leaves it borrowed.

const FINGERPRINTS = [{ algorithm: 'sha-256', value: Array(32).fill('AB').join(':') }];

/** What the glue passes the core for a varied connection: captured from a real createOffer(). */
async function capturedArguments(glue) {
  const captured = [];
  const original = glue.JsepSession.prototype.createOffer;
  glue.JsepSession.prototype.createOffer = function capture(snapshot, options) {
    captured.push(structuredClone([snapshot, options]));
    return original.call(this, snapshot, options);
  };
  const pc = new RTCPeerConnection();
  try {
    pc.addTransceiver('audio', { streams: [{ id: 'stream-a' }] });
    pc.addTransceiver('video', { sendEncodings: [{ rid: 'lo' }, { rid: 'hi' }] });
    pc.addTrack({ kind: 'video', id: 'track-v' }, { id: 'stream-v' });
    pc.addTransceiver('audio', { direction: 'recvonly' }).stop();
    pc.createDataChannel('boundary');
    await pc.createOffer();
  } finally {
    glue.JsepSession.prototype.createOffer = original;
    pc.close();
  }
  assert.equal(captured.length, 1, 'the glue called Session.createOffer once');
  return captured[0];
}

/** Every [container, key, path] in `root` (objects and arrays, depth first). */
function slots(root, names) {
  const out = [];
  const walk = (value, path) => {
    if (typeof value !== 'object' || value === null) return;
    for (const key of Object.keys(value)) {
      const at = path === null ? names[key] : `${path}${Array.isArray(value) ? `[${key}]` : `.${key}`}`;
      out.push([value, key, at]);
      walk(value[key], at);
    }
  };
  walk(root, null);
  return out;
}

function assertPlainError(error, where) {
  assert.ok(
    typeof error === 'object' && error !== null && !(error instanceof Error),
    `${where}: threw ${error?.constructor?.name} ${String(error?.message ?? error).slice(0, 200)}, not {name, message}`,
  );
  assert.equal(typeof error.name, 'string', where);
  assert.equal(typeof error.message, 'string', where);
}

describe(`wasm boundary fuzzing (FUZZ_SEED=${SEED})`, () => {
  test('Session.createOffer with hostile snapshot and options values', async () => {
    const glue = await import('../../pkg/wasm/rtc_offer_polyfill.js');
    const [snapshot, options] = await capturedArguments(glue);
    const seed = seedFor('wasm boundary');
    const g = generator(prng(seed), { calls: [], lastOffer: null, sdps: [], answer: () => null, realObjects: () => [{}] });
    // Not freed on failure: a poisoned Session cannot be (free() throws too).
    const session = new glue.JsepSession(FINGERPRINTS);
    for (let round = 0; round < ROUNDS * 2; round += 1) {
      const where = `FUZZ_SEED=${SEED} (test seed ${seed}), wasm boundary round ${round}`;
      const args = structuredClone([snapshot, options]);
      const [container, key, path] = g.pick(slots(args, ['snapshot', 'options']));
      const hostile = g.value();
      container[key] = hostile;
      try {
        assert.equal(typeof session.createOffer(...args), 'string');
      } catch (error) {
        if (error instanceof assert.AssertionError) throw error;
        assertPlainError(error, `${where}: createOffer with ${path} = ${describeValue(hostile)}`);
      }
      try {
        session.createOffer(snapshot, options);
      } catch (error) {
        const message = String(error?.message ?? error).slice(0, 200);
        assert.fail(`${where}: after ${path} = ${describeValue(hostile)}, a valid createOffer throws ${message}`);
      }
    }
    session.free();
  });

  test('Session.createOffer with the packed snapshot mutated', async () => {
    const glue = await import('../../pkg/wasm/rtc_offer_polyfill.js');
    const [snapshot, options] = await capturedArguments(glue);
    assert.equal(typeof snapshot, 'string', 'the glue packs the snapshot into a string');
    const seed = seedFor('wasm boundary packed snapshot');
    const random = prng(seed);
    const int = (n) => Math.floor(random() * n);
    // Fields' delimiters, digits, nulls and characters whose UTF-16 length differs from one.
    const pieces = [',', ':', '-', '0', '1', '9', '99', '4294967296', '\uFFFD', '\uD800', '\u{1F600}', 'audio', 'x'];
    const session = new glue.JsepSession(FINGERPRINTS);
    for (let round = 0; round < ROUNDS * 2; round += 1) {
      let mutated = snapshot;
      for (let edits = 1 + int(3); edits > 0; edits -= 1) {
        const at = int(mutated.length + 1);
        const cut = int(4);
        mutated = mutated.slice(0, at) + (int(3) === 0 ? '' : pieces[int(pieces.length)]) + mutated.slice(at + cut);
      }
      const where = `FUZZ_SEED=${SEED} (test seed ${seed}), packed snapshot round ${round}: ${JSON.stringify(mutated)}`;
      try {
        assert.equal(typeof session.createOffer(mutated, options), 'string', where);
      } catch (error) {
        if (error instanceof assert.AssertionError) throw error;
        assertPlainError(error, where);
      }
      assert.equal(typeof session.createOffer(snapshot, options), 'string', `${where}: a valid createOffer after it`);
    }
    session.free();
  });

  test('Session constructor with hostile fingerprints', async () => {
    const glue = await import('../../pkg/wasm/rtc_offer_polyfill.js');
    const seed = seedFor('wasm boundary fingerprints');
    const g = generator(prng(seed), { calls: [], lastOffer: null, sdps: [], answer: () => null, realObjects: () => [{}] });
    for (let round = 0; round < ROUNDS; round += 1) {
      const args = structuredClone([FINGERPRINTS]);
      const [container, key, path] = g.pick(slots(args, ['fingerprints']));
      const hostile = g.value();
      container[key] = hostile;
      let session = null;
      try {
        session = new glue.JsepSession(...args);
      } catch (error) {
        const where = `FUZZ_SEED=${SEED} (test seed ${seed}), round ${round}`;
        assertPlainError(error, `${where}: new JsepSession with ${path} = ${describeValue(hostile)}`);
      }
      session?.free();
    }
  });
});

describe(`public API fuzzing (FUZZ_SEED=${SEED}, ${ROUNDS} rounds per operation)`, () => {
  for (const operation of OPERATIONS) {
    const present = operation.exists?.() ?? true;
    test(operation.name, { skip: present ? false : `${operation.name} does not exist (yet)` }, () => fuzz(operation));
  }
});
