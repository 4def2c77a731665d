// @ts-check
// MediaStream and MediaStreamTrack (W3C mediacapture-main) for environments that have none: Node,
// workers, jsdom, old browsers. Receivers' remote tracks are such tracks, and libraries construct
// MediaStreams of their own (mediasoup-client and sip.js do when they make a transport). No media
// flows here: tracks stay muted and have no settings or capabilities.

import { defineEventHandlers } from './events.js';
import { adopt } from './realm.js';
import { queueTask } from './tasks.js';
import {
  exposeInterface,
  illegalConstructor,
  isObject,
  requireArguments,
  slotStore,
  toBoolean,
  toDictionary,
  toDOMString,
  toSequence,
} from './webidl.js';

/**
 * @typedef {object} TrackSlots
 * @property {'audio' | 'video'} kind
 * @property {string} id
 * @property {string} label
 * @property {boolean} enabled
 * @property {MediaStreamTrackState} readyState
 * @property {string} contentHint
 */

/**
 * @typedef {object} StreamSlots
 * @property {string} id
 * @property {MediaStreamTrack[]} tracks The track set, in the order the tracks were added.
 */

/** @type {import('./webidl.js').SlotStore<TrackSlots>} */
const tracks = slotStore();
/** @type {import('./webidl.js').SlotStore<StreamSlots>} */
const streams = slotStore();
// Only we construct tracks: their constructor demands this token.
const CONSTRUCT = Symbol('MediaStreamTrack');

/** The content hints mediacapture-main allows per kind (others are ignored when set). */
const CONTENT_HINTS = { audio: ['', 'speech', 'speech-recognition', 'music'], video: ['', 'motion', 'detail', 'text'] };

/** A random (version 4) UUID, as browsers make stream and track ids; crypto.randomUUID needs a secure context. */
export function randomUUID() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export class MediaStreamTrack extends EventTarget {
  /**
   * @param {symbol} [token]
   * @param {TrackSlots} [slots]
   */
  constructor(token = undefined, slots = undefined) {
    if (token !== CONSTRUCT || slots === undefined) throw illegalConstructor();
    super();
    tracks.set(this, slots);
  }

  get kind() {
    return tracks.of(this).kind;
  }

  get id() {
    return tracks.of(this).id;
  }

  get label() {
    return tracks.of(this).label;
  }

  get enabled() {
    return tracks.of(this).enabled;
  }

  set enabled(value) {
    tracks.of(this).enabled = toBoolean(value);
  }

  /** Always true: no media arrives. */
  get muted() {
    tracks.of(this);
    return true;
  }

  get readyState() {
    return tracks.of(this).readyState;
  }

  get contentHint() {
    return tracks.of(this).contentHint;
  }

  set contentHint(value) {
    const slots = tracks.of(this);
    const hint = toDOMString(value, 'contentHint');
    if (CONTENT_HINTS[slots.kind].includes(hint)) slots.contentHint = hint;
  }

  /** Ends the track without an ended event. */
  stop() {
    tracks.of(this).readyState = 'ended';
  }

  /** A new track (new id) with this one's kind, label, enabled state, ready state and hint. */
  clone() {
    return adopt(this, new MediaStreamTrack(CONSTRUCT, { ...tracks.of(this), id: randomUUID() }));
  }

  getCapabilities() {
    tracks.of(this);
    return {};
  }

  getConstraints() {
    tracks.of(this);
    return {};
  }

  getSettings() {
    tracks.of(this);
    return {};
  }

  /**
   * Nothing to constrain: resolves once the dictionary converts.
   * @param {unknown} [constraints]
   * @returns {Promise<undefined>}
   */
  applyConstraints(constraints = undefined) {
    try {
      tracks.of(this);
      toDictionary(constraints, 'MediaTrackConstraints');
    } catch (error) {
      return Promise.reject(error);
    }
    return Promise.resolve(undefined);
  }
}
exposeInterface(MediaStreamTrack, 'MediaStreamTrack');
defineEventHandlers(MediaStreamTrack.prototype, ['mute', 'unmute', 'ended'], (object) => tracks.has(object));

/**
 * A receiver's track: live, enabled, muted, labelled as webrtc-pc says ("remote audio").
 * @param {'audio' | 'video'} kind
 * @param {string} id
 */
export function createRemoteTrack(kind, id) {
  return new MediaStreamTrack(CONSTRUCT, {
    kind,
    id,
    label: `remote ${kind}`,
    enabled: true,
    readyState: 'live',
    contentHint: '',
  });
}

/**
 * Ends a remote track. 'later' (transceiver.stop()): mediacapture-main's "track ended" steps in a
 * task of their own, so the track is still live right after stop() and ended when its event fires
 * (WPT RTCRtpTransceiver-stop, as Chromium does). 'now' (a description that rejects the section):
 * ended as it is applied, the event in a later task. 'silently' (close(): webrtc-pc's
 * "disappear"): ended at once with no event.
 * @param {MediaStreamTrack} track
 * @param {'later' | 'now' | 'silently'} how
 */
export function endRemoteTrack(track, how) {
  const slots = tracks.of(track);
  const fire = () => track.dispatchEvent(new Event('ended'));
  if (how === 'later') {
    queueTask(() => {
      if (slots.readyState === 'ended') return;
      slots.readyState = 'ended';
      fire();
    });
    return;
  }
  if (slots.readyState === 'ended') return;
  slots.readyState = 'ended';
  if (how === 'now') queueTask(fire);
}

/**
 * @param {unknown} value
 * @param {string} what
 * @returns {MediaStreamTrack}
 */
function toTrack(value, what) {
  if (!tracks.has(value)) throw new TypeError(`${what}: not a MediaStreamTrack`);
  return /** @type {MediaStreamTrack} */ (value);
}

export class MediaStream extends EventTarget {
  /**
   * `new MediaStream()`, `new MediaStream(stream)` (the same tracks) or `new MediaStream(tracks)`.
   * @param {unknown} [streamOrTracks]
   */
  constructor(streamOrTracks = undefined) {
    /** @type {MediaStreamTrack[]} */
    let list = [];
    if (streams.has(streamOrTracks)) {
      list = [...streams.of(streamOrTracks).tracks];
    } else if (streamOrTracks !== undefined) {
      if (!isObject(streamOrTracks)) throw new TypeError("Failed to construct 'MediaStream': not a MediaStream or a sequence of MediaStreamTracks");
      list = toSequence(streamOrTracks, (track, i) => toTrack(track, `MediaStream: tracks[${i}]`), 'MediaStream');
    }
    super();
    streams.set(this, { id: randomUUID(), tracks: [...new Set(list)] });
  }

  get id() {
    return streams.of(this).id;
  }

  /** Whether any of its tracks has not ended. */
  get active() {
    return streams.of(this).tracks.some((track) => tracks.of(track).readyState !== 'ended');
  }

  getAudioTracks() {
    return streams.of(this).tracks.filter((track) => tracks.of(track).kind === 'audio');
  }

  getVideoTracks() {
    return streams.of(this).tracks.filter((track) => tracks.of(track).kind === 'video');
  }

  getTracks() {
    return [...streams.of(this).tracks];
  }

  /** @param {unknown} trackId */
  getTrackById(trackId) {
    const slots = streams.of(this);
    requireArguments(arguments.length, 1, 'getTrackById');
    const id = toDOMString(trackId, 'getTrackById: trackId');
    return slots.tracks.find((track) => tracks.of(track).id === id) ?? null;
  }

  /**
   * Adds `track` unless the stream has it (no addtrack event: those are for remote changes).
   * @param {unknown} track
   */
  addTrack(track) {
    const slots = streams.of(this);
    requireArguments(arguments.length, 1, 'addTrack');
    const converted = toTrack(track, 'addTrack: track');
    if (!slots.tracks.includes(converted)) slots.tracks.push(converted);
  }

  /**
   * Removes `track` if the stream has it (no removetrack event).
   * @param {unknown} track
   */
  removeTrack(track) {
    const slots = streams.of(this);
    requireArguments(arguments.length, 1, 'removeTrack');
    const converted = toTrack(track, 'removeTrack: track');
    slots.tracks = slots.tracks.filter((t) => t !== converted);
  }

  /** A new stream (new id) of clones of its tracks. */
  clone() {
    const clones = streams.of(this).tracks.map((track) => track.clone());
    return adopt(this, new MediaStream(clones));
  }
}
exposeInterface(MediaStream, 'MediaStream');
defineEventHandlers(MediaStream.prototype, ['addtrack', 'removetrack'], (object) => streams.has(object));

/** @type {import('./webidl.js').SlotStore<{track: MediaStreamTrack}>} */
const trackEvents = slotStore();

/** The event of `addtrack` and `removetrack`. */
export class MediaStreamTrackEvent extends Event {
  /**
   * @param {string} type
   * @param {unknown} eventInitDict
   */
  constructor(type, eventInitDict) {
    if (arguments.length < 2) throw new TypeError('MediaStreamTrackEvent: 2 arguments required');
    const init = toDictionary(eventInitDict, 'MediaStreamTrackEventInit');
    if (init.track === undefined) throw new TypeError("MediaStreamTrackEventInit: the required member 'track' is missing");
    const track = toTrack(init.track, 'MediaStreamTrackEventInit.track');
    super(toDOMString(type, 'type'), init);
    trackEvents.set(this, { track });
  }

  get track() {
    return trackEvents.of(this).track;
  }
}
exposeInterface(MediaStreamTrackEvent, 'MediaStreamTrackEvent');

/**
 * A remote MediaStream: its id is the one the remote description's a=msid gives.
 * @param {string} id
 */
export function createRemoteStream(id) {
  const stream = new MediaStream();
  streams.of(stream).id = id;
  return stream;
}

/**
 * mediacapture-main "add a track" for a remote change: adds `track` and fires addtrack.
 * @param {MediaStream} stream
 * @param {MediaStreamTrack} track
 */
export function addRemoteTrack(stream, track) {
  const slots = streams.of(stream);
  if (slots.tracks.includes(track)) return;
  slots.tracks.push(track);
  stream.dispatchEvent(adopt(stream, new MediaStreamTrackEvent('addtrack', { track })));
}

/**
 * mediacapture-main "remove a track" for a remote change: removes `track` and fires removetrack.
 * @param {MediaStream} stream
 * @param {MediaStreamTrack} track
 */
export function removeRemoteTrack(stream, track) {
  const slots = streams.of(stream);
  if (!slots.tracks.includes(track)) return;
  slots.tracks = slots.tracks.filter((t) => t !== track);
  stream.dispatchEvent(adopt(stream, new MediaStreamTrackEvent('removetrack', { track })));
}
