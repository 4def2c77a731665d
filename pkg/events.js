// Event handler IDL attributes (`on<event>`) and the event interfaces we fire.

import {
  exposeInterface,
  illegalInvocation,
  isObject,
  slotStore,
  toDictionary,
  toDOMString,
} from './webidl.js';

const handlers = new WeakMap();

/**
 * Defines an `on<name>` attribute on `prototype` for each name. As in HTML, the handler's
 * listener is added when a handler is first set (so it runs in that position among the
 * listeners), a non-object sets null, and null removes the listener.
 */
export function defineEventHandlers(prototype, names, isOurs) {
  for (const name of names) {
    Object.defineProperty(prototype, `on${name}`, {
      configurable: true,
      enumerable: true,
      get() {
        if (!isOurs(this)) throw illegalInvocation();
        const entry = handlers.get(this)?.get(name);
        return entry === undefined ? null : entry.handler;
      },
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

const iceEvents = slotStore();

/** The event of `icecandidate`: `candidate` is null when gathering has finished. */
export class RTCPeerConnectionIceEvent extends Event {
  constructor(type, eventInitDict = undefined) {
    if (arguments.length < 1) throw new TypeError('RTCPeerConnectionIceEvent: 1 argument required');
    const init = toDictionary(eventInitDict, 'RTCPeerConnectionIceEventInit');
    super(toDOMString(type, 'type'), init);
    const url = init.url;
    iceEvents.set(this, {
      candidate: init.candidate ?? null,
      url: url === undefined || url === null ? null : toDOMString(url, 'url'),
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
