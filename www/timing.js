// The timing panel: createOffer() on this package's RTCPeerConnection and on this browser's native
// one, each connection set up by the same calls. The first call on each new connection, then
// repeated calls interleaved in rounds (both see the same machine state), yielding to the page
// between rounds so that it stays usable while they run.

const ROUNDS = 5;
const CALLS_PER_ROUND = 50;
const WARM_UP_CALLS = 5;
/** One implementation's calls in a round stop early past this: large configurations stay responsive. */
const ROUND_BUDGET_MS = 200;

const $ = (id) => document.getElementById(id);
const panel = $('timing');
const note = $('timing-note');

/** The page's first createOffer() call on ours, in ms. */
let pageFirstMs = null;

const formatMs = (ms) => `${ms.toFixed(3)} ms`;
const formatRatio = (ours, native) => `${(ours / native).toFixed(2)}×`;

/** The same rank bench.mjs reports: the q-th of the sorted times. */
function quantile(times, q) {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/**
 * Real tracks and streams for the native connection where ours takes the calls' {kind, id} and
 * {id} stand-ins: a native addTrack() takes only a MediaStreamTrack and MediaStreams.
 */
function nativeMedia() {
  const made = new Map();
  let audio = null;
  const track = (kind) => {
    if (kind === 'audio') {
      audio ??= new AudioContext();
      return audio.createMediaStreamDestination().stream.getAudioTracks()[0];
    }
    const canvas = Object.assign(document.createElement('canvas'), { width: 64, height: 48 });
    canvas.getContext('2d');
    return canvas.captureStream().getVideoTracks()[0];
  };
  return {
    as(standIn) {
      if (!made.has(standIn)) made.set(standIn, 'kind' in standIn ? track(standIn.kind) : new MediaStream());
      return made.get(standIn);
    },
    close() {
      for (const value of made.values()) if (value instanceof MediaStreamTrack) value.stop();
      audio?.close();
    },
  };
}

const yieldToPage = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Times up to CALLS_PER_ROUND calls of createOffer(), fewer once ROUND_BUDGET_MS is spent. */
async function round(pc, options, times) {
  const start = performance.now();
  for (let i = 0; i < CALLS_PER_ROUND && (i === 0 || performance.now() - start < ROUND_BUDGET_MS); i += 1) {
    const t0 = performance.now();
    await pc.createOffer(options);
    times.push(performance.now() - t0);
  }
}

function show(cells) {
  for (const [id, text] of Object.entries(cells)) $(id).textContent = text;
}

/** Empties the panel and shows our first call: the rest follows as timeOffers() measures it. */
export function startTiming(firstMs) {
  pageFirstMs ??= firstMs;
  panel.setAttribute('aria-busy', 'true');
  panel.classList.remove('ours-only');
  for (const cell of panel.querySelectorAll('td')) cell.textContent = '';
  show({ 'time-first-ours': formatMs(firstMs), 'time-page': formatMs(pageFirstMs) });
  note.textContent = 'Measuring repeated calls…';
}

/** Repeated calls on each side, interleaved; false when `isCurrent()` turned false meanwhile. */
async function measure(sides, options, isCurrent) {
  for (const side of sides) for (let i = 0; i < WARM_UP_CALLS; i += 1) await side.pc.createOffer(options);
  for (let r = 0; r < ROUNDS; r += 1) {
    // Each side goes first in every other round.
    for (const side of r % 2 === 0 ? sides : [...sides].reverse()) {
      await yieldToPage();
      if (!isCurrent()) return false;
      await round(side.pc, options, side.times);
    }
    if (!isCurrent()) return false;
    note.textContent = `Measuring repeated calls… round ${r + 1} of ${ROUNDS}`;
  }
  return true;
}

function showRepeated(sides, nativeProblem) {
  for (const { id, times } of sides) {
    show({
      [`time-median-${id}`]: formatMs(quantile(times, 0.5)),
      [`time-p95-${id}`]: formatMs(quantile(times, 0.95)),
      [`time-calls-${id}`]: `${times.length} calls`,
    });
  }
  if (sides.length === 2) {
    const [{ times: o }, { times: n }] = sides;
    show({
      'time-median-ratio': formatRatio(quantile(o, 0.5), quantile(n, 0.5)),
      'time-p95-ratio': formatRatio(quantile(o, 0.95), quantile(n, 0.95)),
    });
  }
  panel.classList.toggle('ours-only', sides.length === 1);
  const how = sides.length === 2 ? 'per implementation, the two interleaved, on one connection each' : 'on one connection';
  note.textContent =
    `Repeated: ${ROUNDS} rounds of up to ${CALLS_PER_ROUND} calls ${how}, after ${WARM_UP_CALLS} untimed; ` +
    `set up by the calls above. ${nativeProblem ?? 'ours/native below 1: ours is faster.'}`;
}

/**
 * Fills the timing panel. `ours` is our connection after its first offer ({ pc, firstMs });
 * `connect(RTCPeerConnection, as)` sets another up by the same calls (`as` maps the stand-ins) and
 * makes its first offer, resolving to { pc, firstMs }. Closes the connections when done; stops
 * early once `isCurrent()` is false (a newer offer took the panel).
 */
export async function timeOffers({ ours, connect, NativeRTCPeerConnection, options, isCurrent }) {
  const sides = [{ pc: ours.pc, times: [], id: 'ours' }];
  const media = typeof NativeRTCPeerConnection === 'function' ? nativeMedia() : null;
  let nativeProblem = 'This browser has no native RTCPeerConnection: ours only.';
  try {
    if (media !== null) {
      try {
        const native = await connect(NativeRTCPeerConnection, media.as);
        sides.push({ pc: native.pc, times: [], id: 'native' });
        if (!isCurrent()) return;
        show({
          'time-first-native': formatMs(native.firstMs),
          'time-first-ratio': formatRatio(ours.firstMs, native.firstMs),
        });
        nativeProblem = null;
      } catch (error) {
        nativeProblem = `This browser's RTCPeerConnection could not be set up so (${error.name}: ${error.message}): ours only.`;
      }
    }
    if (!(await measure(sides, options, isCurrent))) return;
    showRepeated(sides, nativeProblem);
  } catch (error) {
    if (!isCurrent()) return;
    note.textContent = `Measuring failed: ${error.name}: ${error.message}`;
  } finally {
    for (const { pc } of sides) pc.close();
    media?.close();
  }
  if (isCurrent()) panel.setAttribute('aria-busy', 'false');
}
