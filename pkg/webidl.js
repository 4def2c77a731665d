// @ts-check
// WebIDL argument conversion and the errors the specifications name.

/**
 * A WebIDL dictionary as given: an object whose members are read by name.
 * @typedef {Record<PropertyKey, unknown>} Dictionary
 */

/**
 * A WebIDL conversion of one value; `what` names the value in the TypeError it throws.
 * @template T
 * @typedef {(value: unknown, what: string) => T} Conversion
 */

/**
 * The internal slots of the objects of one interface.
 * @template T
 * @typedef {object} SlotStore
 * @property {(object: object, slots: T) => void} set
 * @property {(object: unknown) => boolean} has
 * @property {(object: unknown) => T} of The slots of `object`; a TypeError if it is not one of ours (a wrong `this`).
 */

/**
 * A DOMException with one of the names WebIDL defines (InvalidStateError, ...).
 * @param {string} name
 * @param {string} message
 */
export function domError(name, message) {
  return new DOMException(message, name);
}

/** The TypeError WebIDL throws for an operation called on an object of the wrong kind. */
export function illegalInvocation() {
  return new TypeError('Illegal invocation');
}

/** Returns the object it is given: a class extending it defines its private fields on that object. */
class Stamp {
  /** @param {object} object */
  constructor(object) {
    return object;
  }
}

/**
 * Internal slots kept per object, out of the page's reach: a private field each store defines on
 * its objects. Not a WeakMap: slots refer back to their object (a connection's `pc`, a sender's
 * transceiver), and V8's young-generation collection keeps such a WeakMap entry alive, so every
 * connection's objects were copied into the old generation to die there (~15 KB and ~50 µs of
 * collection a connection in Node).
 * @template T
 * @returns {SlotStore<T>}
 */
export function slotStore() {
  class Slotted extends Stamp {
    /** @type {T} */
    #slots;

    /**
     * @param {object} object
     * @param {T} slots
     */
    constructor(object, slots) {
      super(object);
      this.#slots = slots;
    }

    /**
     * @param {unknown} object
     * @returns {object is Slotted}
     */
    static has(object) {
      return isObject(object) && #slots in object;
    }

    /** @param {Slotted} object */
    static of(object) {
      return object.#slots;
    }
  }
  return {
    set: (object, slots) => {
      new Slotted(object, slots);
    },
    has: Slotted.has,
    of(object) {
      if (!Slotted.has(object)) throw illegalInvocation();
      return Slotted.of(object);
    },
  };
}

/** What `new` throws for an interface pages cannot construct (only we make its objects). */
export function illegalConstructor() {
  return new TypeError('Illegal constructor');
}

/**
 * Makes a class's prototype look like a WebIDL interface's: its attributes and operations are
 * enumerable, and `Object.prototype.toString` names its objects [object Name].
 * @param {Function} constructor
 * @param {string} name
 */
export function exposeInterface(constructor, name) {
  const prototype = constructor.prototype;
  for (const key of Object.getOwnPropertyNames(prototype)) {
    if (key === 'constructor') continue;
    const descriptor = /** @type {PropertyDescriptor} */ (Object.getOwnPropertyDescriptor(prototype, key));
    Object.defineProperty(prototype, key, { ...descriptor, enumerable: true });
  }
  Object.defineProperty(prototype, Symbol.toStringTag, { value: name, configurable: true });
}

/**
 * @param {number} count
 * @param {number} required
 * @param {string} what
 */
export function requireArguments(count, required, what) {
  if (count < required) {
    throw new TypeError(
      `${what}: ${required} argument${required === 1 ? '' : 's'} required, but only ${count} present`,
    );
  }
}

/** @param {unknown} value */
export function toBoolean(value) {
  return Boolean(value);
}

/** @type {Conversion<string>} */
export function toDOMString(value, what) {
  if (typeof value === 'symbol') throw new TypeError(`${what}: a Symbol is not a string`);
  return String(value);
}

/**
 * DOMString, with lone surrogates replaced by U+FFFD.
 * @type {Conversion<string>}
 */
export function toUSVString(value, what) {
  // toWellFormed is ES2024, newer than some engines this runs in.
  const string = /** @type {string & {toWellFormed?: () => string}} */ (toDOMString(value, what));
  if (typeof string.toWellFormed === 'function') return string.toWellFormed();
  return string.replace(
    /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    '\uFFFD',
  );
}

/**
 * @template {string} E
 * @param {unknown} value
 * @param {readonly E[]} allowed
 * @param {string} what
 * @returns {E}
 */
export function toEnum(value, allowed, what) {
  const string = toDOMString(value, what);
  if (!isOneOf(string, allowed)) {
    throw new TypeError(`${what}: '${string}' is not a valid value (${allowed.map((v) => `'${v}'`).join(', ')})`);
  }
  return string;
}

/**
 * Whether `value` is one of `allowed` (an enumeration's values).
 * @template {string} E
 * @param {string} value
 * @param {readonly E[]} allowed
 * @returns {value is E}
 */
export function isOneOf(value, allowed) {
  return /** @type {readonly string[]} */ (allowed).includes(value);
}

/** @type {Conversion<number>} */
function toNumber(value, what) {
  if (typeof value === 'bigint' || typeof value === 'symbol') {
    throw new TypeError(`${what}: cannot convert a ${typeof value} to a number`);
  }
  return Number(value);
}

/**
 * A double that must be finite (WebIDL `double`, as opposed to `unrestricted double`).
 * @type {Conversion<number>}
 */
export function toDouble(value, what) {
  const number = toNumber(value, what);
  if (!Number.isFinite(number)) throw new TypeError(`${what}: ${number} is not a finite number`);
  return number;
}

/**
 * An integer type with [EnforceRange]: non-finite or out-of-range values are TypeErrors.
 * @param {unknown} value
 * @param {number} min
 * @param {number} max
 * @param {string} what
 */
export function toEnforcedInteger(value, min, max, what) {
  const number = toNumber(value, what);
  if (!Number.isFinite(number)) throw new TypeError(`${what}: ${number} is not a finite number`);
  const integer = Math.trunc(number) + 0;
  if (integer < min || integer > max) {
    throw new TypeError(`${what}: ${number} is outside the range ${min} to ${max}`);
  }
  return integer;
}

/**
 * WebIDL `unsigned long` without [EnforceRange]: wraps modulo 2^32.
 * @type {Conversion<number>}
 */
export function toUnsignedLong(value, what) {
  const number = toNumber(value, what);
  return Number.isFinite(number) ? Math.trunc(number) >>> 0 : 0;
}

export const MAX_UNSIGNED_SHORT = 0xffff;
export const MAX_OCTET = 0xff;
/** The largest `unsigned long long` a JavaScript number converts to under [EnforceRange]. */
export const MAX_UNSIGNED_LONG_LONG = Number.MAX_SAFE_INTEGER;

/**
 * @param {unknown} value
 * @returns {value is Dictionary}
 */
export function isObject(value) {
  return (typeof value === 'object' && value !== null) || typeof value === 'function';
}

/**
 * The object to read a dictionary's members from: `undefined` and `null` are the empty
 * dictionary; any other non-object is a TypeError.
 * @type {Conversion<Dictionary>}
 */
export function toDictionary(value, what) {
  if (value === undefined || value === null) return {};
  if (!isObject(value)) throw new TypeError(`${what}: ${typeof value} is not an object`);
  return value;
}

/**
 * Reads one dictionary member and converts it, or gives `fallback` when it is undefined. Call it
 * for the members in WebIDL order (inherited first, then lexicographic): getters run in that order.
 * @template T
 * @template [F=undefined]
 * @param {Dictionary} dictionary
 * @param {string} name
 * @param {Conversion<T>} convert
 * @param {F} [fallback]
 * @param {string} [what]
 * @returns {T | F}
 */
export function member(dictionary, name, convert, fallback = undefined, what = name) {
  const value = dictionary[name];
  return value === undefined ? /** @type {F} */ (fallback) : convert(value, what);
}

/**
 * @param {unknown} value
 * @returns {value is Function}
 */
export function isCallable(value) {
  return typeof value === 'function';
}

/** @type {Conversion<Function>} */
export function toCallback(value, what) {
  if (!isCallable(value)) throw new TypeError(`${what}: not a function`);
  return value;
}

/**
 * A sequence<T>: any iterable object, each element converted by `convert(element, index)`.
 * @template T
 * @param {unknown} value
 * @param {(element: unknown, index: number) => T} convert
 * @param {string} what
 * @returns {T[]}
 */
export function toSequence(value, convert, what) {
  if (!isObject(value) || typeof value[Symbol.iterator] !== 'function') {
    throw new TypeError(`${what}: not a sequence`);
  }
  /** @type {T[]} */
  const result = [];
  const iterable = /** @type {Iterable<unknown>} */ (/** @type {unknown} */ (value));
  for (const element of iterable) result.push(convert(element, result.length));
  return result;
}
