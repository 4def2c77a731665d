// WebIDL argument conversion and the errors the specifications name.

/** A DOMException with one of the names WebIDL defines (InvalidStateError, ...). */
export function domError(name, message) {
  return new DOMException(message, name);
}

/** The TypeError WebIDL throws for an operation called on an object of the wrong kind. */
export function illegalInvocation() {
  return new TypeError('Illegal invocation');
}

/** Internal slots kept per object, out of the page's reach. */
export function slotStore() {
  const store = new WeakMap();
  return {
    set: (object, slots) => store.set(object, slots),
    has: (object) => store.has(object),
    /** The slots of `object`; a TypeError if it is not one of ours (a wrong `this`). */
    of(object) {
      const slots = store.get(object);
      if (slots === undefined) throw illegalInvocation();
      return slots;
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
 */
export function exposeInterface(constructor, name) {
  const prototype = constructor.prototype;
  for (const key of Object.getOwnPropertyNames(prototype)) {
    if (key === 'constructor') continue;
    Object.defineProperty(prototype, key, { ...Object.getOwnPropertyDescriptor(prototype, key), enumerable: true });
  }
  Object.defineProperty(prototype, Symbol.toStringTag, { value: name, configurable: true });
}

export function requireArguments(count, required, what) {
  if (count < required) {
    throw new TypeError(
      `${what}: ${required} argument${required === 1 ? '' : 's'} required, but only ${count} present`,
    );
  }
}

export function toBoolean(value) {
  return Boolean(value);
}

export function toDOMString(value, what) {
  if (typeof value === 'symbol') throw new TypeError(`${what}: a Symbol is not a string`);
  return String(value);
}

/** DOMString, with lone surrogates replaced by U+FFFD. */
export function toUSVString(value, what) {
  const string = toDOMString(value, what);
  if (typeof string.toWellFormed === 'function') return string.toWellFormed();
  return string.replace(
    /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    '\uFFFD',
  );
}

export function toEnum(value, allowed, what) {
  const string = toDOMString(value, what);
  if (!allowed.includes(string)) {
    throw new TypeError(`${what}: '${string}' is not a valid value (${allowed.map((v) => `'${v}'`).join(', ')})`);
  }
  return string;
}

function toNumber(value, what) {
  if (typeof value === 'bigint' || typeof value === 'symbol') {
    throw new TypeError(`${what}: cannot convert a ${typeof value} to a number`);
  }
  return Number(value);
}

/** A double that must be finite (WebIDL `double`, as opposed to `unrestricted double`). */
export function toDouble(value, what) {
  const number = toNumber(value, what);
  if (!Number.isFinite(number)) throw new TypeError(`${what}: ${number} is not a finite number`);
  return number;
}

/** An integer type with [EnforceRange]: non-finite or out-of-range values are TypeErrors. */
export function toEnforcedInteger(value, min, max, what) {
  const number = toNumber(value, what);
  if (!Number.isFinite(number)) throw new TypeError(`${what}: ${number} is not a finite number`);
  const integer = Math.trunc(number) + 0;
  if (integer < min || integer > max) {
    throw new TypeError(`${what}: ${number} is outside the range ${min} to ${max}`);
  }
  return integer;
}

/** WebIDL `unsigned long` without [EnforceRange]: wraps modulo 2^32. */
export function toUnsignedLong(value, what) {
  const number = toNumber(value, what);
  return Number.isFinite(number) ? Math.trunc(number) >>> 0 : 0;
}

export const MAX_UNSIGNED_SHORT = 0xffff;
export const MAX_OCTET = 0xff;
/** The largest `unsigned long long` a JavaScript number converts to under [EnforceRange]. */
export const MAX_UNSIGNED_LONG_LONG = Number.MAX_SAFE_INTEGER;

export function isObject(value) {
  return (typeof value === 'object' && value !== null) || typeof value === 'function';
}

/**
 * The object to read a dictionary's members from: `undefined` and `null` are the empty
 * dictionary; any other non-object is a TypeError.
 */
export function toDictionary(value, what) {
  if (value === undefined || value === null) return {};
  if (!isObject(value)) throw new TypeError(`${what}: ${typeof value} is not an object`);
  return value;
}

/**
 * Reads one dictionary member and converts it, or gives `fallback` when it is undefined. Call it
 * for the members in WebIDL order (inherited first, then lexicographic): getters run in that order.
 */
export function member(dictionary, name, convert, fallback = undefined, what = name) {
  const value = dictionary[name];
  return value === undefined ? fallback : convert(value, what);
}

export function isCallable(value) {
  return typeof value === 'function';
}

export function toCallback(value, what) {
  if (!isCallable(value)) throw new TypeError(`${what}: not a function`);
  return value;
}

/** A sequence<T>: any iterable object, each element converted by `convert(element, index)`. */
export function toSequence(value, convert, what) {
  if (!isObject(value) || typeof value[Symbol.iterator] !== 'function') {
    throw new TypeError(`${what}: not a sequence`);
  }
  const result = [];
  for (const element of value) result.push(convert(element, result.length));
  return result;
}
