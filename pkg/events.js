// @ts-check
// Event handler IDL attributes (`on<event>`) and the event interfaces we fire.

import { isRTCError } from './description.js';
import { isIceCandidate } from './icecandidate.js';
import {
  exposeInterface,
  illegalInvocation,
  isObject,
  member,
  slotStore,
  toDictionary,
  toDOMString,
  toSequence,
  toUSVString,
} from './webidl.js';

/** @template T @typedef {import('./webidl.js').SlotStore<T>} SlotStore */

/**
 * An event handler that is set: the page's object, and the listener that calls it.
 * @typedef {{handler: object, listener: (this: EventTarget, event: Event) => void}} HandlerEntry
 */

/** @type {WeakMap<EventTarget, Map<string, HandlerEntry>>} */
const handlers = new WeakMap();

/**
 * Defines an `on<name>` attribute on `prototype` for each name. As in HTML, the handler's
 * listener is added when a handler is first set (so it runs in that position among the
 * listeners), a non-object sets null, and null removes the listener.
 * @param {EventTarget} prototype
 * @param {string[]} names
 * @param {(object: unknown) => boolean} isOurs
 */
export function defineEventHandlers(prototype, names, isOurs) {
  for (const name of names) {
    Object.defineProperty(prototype, `on${name}`, {
      configurable: true,
      enumerable: true,
      /** @this {EventTarget} */
      get() {
        if (!isOurs(this)) throw illegalInvocation();
        const entry = handlers.get(this)?.get(name);
        return entry === undefined ? null : entry.handler;
      },
      /**
       * @this {EventTarget}
       * @param {unknown} value
       */
      set(value) {
        if (!isOurs(this)) throw illegalInvocation();
        let entries = handlers.get(this);
        if (entries === undefined) {
          entries = new Map();
          handlers.set(this, entries);
        }
        const entry = entries.get(name);
        if (!isObject(value)) {
          if (entry !== undefined) {
            this.removeEventListener(name, entry.listener);
            entries.delete(name);
          }
          return;
        }
        if (entry !== undefined) {
          entry.handler = value;
          return;
        }
        /** @type {HandlerEntry} */
        const created = {
          handler: value,
          listener(event) {
            if (typeof created.handler === 'function') created.handler.call(this, event);
          },
        };
        entries.set(name, created);
        this.addEventListener(name, created.listener);
      },
    });
  }
}

/** @type {SlotStore<{candidate: RTCIceCandidate | null, url: string | null}>} */
const iceEvents = slotStore();

/**
 * `RTCIceCandidate?`: one of ours (of any target's class, as a platform object of any realm is
 * taken), or null.
 * @param {unknown} value
 * @param {string} what
 */
function toNullableCandidate(value, what) {
  if (value === null) return null;
  if (!isIceCandidate(value)) throw new TypeError(`${what}: not an RTCIceCandidate`);
  return value;
}

/**
 * `USVString?`.
 * @param {unknown} value
 * @param {string} what
 */
function toNullableUSVString(value, what) {
  return value === null ? null : toUSVString(value, what);
}

/**
 * The event of `icecandidate`: `candidate` is null when gathering has finished. `url` is
 * webrtc-pc's (deprecated, null for every event we fire); Chromium 156 has dropped it.
 */
export class RTCPeerConnectionIceEvent extends Event {
  /**
   * @param {string} type
   * @param {unknown} [eventInitDict]
   */
  constructor(type, eventInitDict = undefined) {
    if (arguments.length < 1) throw new TypeError('RTCPeerConnectionIceEvent: 1 argument required');
    const name = toDOMString(type, 'type');
    const init = toDictionary(eventInitDict, 'RTCPeerConnectionIceEventInit');
    // Event reads EventInit's members; then ours, in WebIDL order.
    super(name, init);
    iceEvents.set(this, {
      candidate: member(init, 'candidate', toNullableCandidate, null, 'RTCPeerConnectionIceEventInit.candidate'),
      url: member(init, 'url', toNullableUSVString, null, 'RTCPeerConnectionIceEventInit.url'),
    });
  }

  get candidate() {
    return iceEvents.of(this).candidate;
  }

  get url() {
    return iceEvents.of(this).url;
  }
}
exposeInterface(RTCPeerConnectionIceEvent, 'RTCPeerConnectionIceEvent');

/**
 * @typedef {object} TrackEventSlots
 * @property {unknown} receiver
 * @property {unknown} track
 * @property {readonly unknown[]} streams
 * @property {unknown} transceiver
 */

/** @type {SlotStore<TrackEventSlots>} */
const trackEvents = slotStore();

/** The event of `track`: a remote track the connection now receives, and its streams. */
export class RTCTrackEvent extends Event {
  /**
   * @param {string} type
   * @param {unknown} eventInitDict
   */
  constructor(type, eventInitDict) {
    if (arguments.length < 2) throw new TypeError('RTCTrackEvent: 2 arguments required');
    const init = toDictionary(eventInitDict, 'RTCTrackEventInit');
    for (const name of ['receiver', 'track', 'transceiver']) {
      if (init[name] === undefined) throw new TypeError(`RTCTrackEventInit: the required member '${name}' is missing`);
    }
    const streams = init.streams === undefined ? [] : toSequence(init.streams, (stream) => stream, 'RTCTrackEventInit.streams');
    super(toDOMString(type, 'type'), init);
    trackEvents.set(this, {
      receiver: init.receiver,
      track: init.track,
      // A FrozenArray: the same frozen array every time.
      streams: Object.freeze(streams),
      transceiver: init.transceiver,
    });
  }

  get receiver() {
    return trackEvents.of(this).receiver;
  }

  get track() {
    return trackEvents.of(this).track;
  }

  get streams() {
    return trackEvents.of(this).streams;
  }

  get transceiver() {
    return trackEvents.of(this).transceiver;
  }
}
exposeInterface(RTCTrackEvent, 'RTCTrackEvent');

/** @type {SlotStore<import('./description.js').RTCError>} */
const errorEvents = slotStore();

/**
 * webrtc-pc RTCErrorEvent: what `error` events on data channels carry. Never fired here (nothing
 * connects), but a page may construct one, as in a browser.
 */
export class RTCErrorEvent extends Event {
  /**
   * @param {string} type
   * @param {unknown} eventInitDict
   */
  constructor(type, eventInitDict) {
    if (arguments.length < 2) throw new TypeError('RTCErrorEvent: 2 arguments required');
    const init = toDictionary(eventInitDict, 'RTCErrorEventInit');
    const error = init.error;
    if (error === undefined) throw new TypeError("RTCErrorEventInit: the required member 'error' is missing");
    if (!isRTCError(error)) throw new TypeError('RTCErrorEventInit.error: not an RTCError');
    super(toDOMString(type, 'type'), init);
    errorEvents.set(this, error);
  }

  get error() {
    return errorEvents.of(this);
  }
}
exposeInterface(RTCErrorEvent, 'RTCErrorEvent');
