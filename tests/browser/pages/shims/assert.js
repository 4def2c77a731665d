// node:assert/strict for a browser page (mapped by pages/node-suite.html's import map): the
// assertions the portable tests/node files use, with Node's strict semantics. Node's own code
// (lib/assert.js, lib/internal/util/comparisons.js) is the reference for what passes and fails.

export class AssertionError extends Error {
  constructor({ message, actual, expected, operator, generatedMessage = false }) {
    super(message);
    this.name = 'AssertionError';
    this.code = 'ERR_ASSERTION';
    this.actual = actual;
    this.expected = expected;
    this.operator = operator;
    this.generatedMessage = generatedMessage;
  }
}

// ---------------------------------------------------------------------------------------------
// Messages

/** A short, readable rendering of a value for failure messages (not Node's util.inspect). */
export function inspect(value, depth = 0, seen = new Set()) {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (Object.is(value, -0)) return '-0';
  if (typeof value === 'symbol') return value.toString();
  if (typeof value === 'function') return `[Function: ${value.name || '(anonymous)'}]`;
  if (value === null || typeof value !== 'object') return String(value);
  if (seen.has(value)) return '[Circular]';
  if (value instanceof Error || value instanceof DOMException) return `[${value.name}: ${value.message}]`;
  if (value instanceof Date) return `Date(${value.toISOString?.() ?? 'invalid'})`;
  if (value instanceof RegExp) return String(value);
  if (depth > 4) return Array.isArray(value) ? '[Array]' : '[Object]';
  seen.add(value);
  try {
    const inner = (v) => inspect(v, depth + 1, seen);
    if (Array.isArray(value)) return `[${value.map(inner).join(', ')}]`;
    if (value instanceof Map) return `Map(${[...value].map(([k, v]) => `${inner(k)} => ${inner(v)}`).join(', ')})`;
    if (value instanceof Set) return `Set(${[...value].map(inner).join(', ')})`;
    if (ArrayBuffer.isView(value)) return `${value.constructor.name}(${Array.from(value).join(', ')})`;
    const tag = Object.prototype.toString.call(value).slice(8, -1);
    const prefix = Object.getPrototypeOf(value) === null ? '[null prototype] ' : tag === 'Object' ? '' : `${tag} `;
    const keys = [...Object.keys(value), ...ownEnumerableSymbols(value)];
    const body = keys.map((key) => `${typeof key === 'symbol' ? `[${key.toString()}]` : key}: ${inner(value[key])}`);
    return `${prefix}{${body.join(', ')}}`;
  } finally {
    seen.delete(value);
  }
}

function fail(details, message) {
  if (message instanceof Error) throw message;
  throw new AssertionError({
    ...details,
    message: message ?? details.message,
    generatedMessage: message === undefined,
  });
}

function comparison(operator, actual, expected, message, headline) {
  const why = `${headline}\n\nactual:   ${inspect(actual)}\nexpected: ${inspect(expected)}`;
  fail({ actual, expected, operator, message: why }, message);
}

// ---------------------------------------------------------------------------------------------
// Deep strict equality (util.isDeepStrictEqual)

function ownEnumerableSymbols(value) {
  return Object.getOwnPropertySymbols(value).filter((s) => Object.prototype.propertyIsEnumerable.call(value, s));
}

const tagOf = (value) => Object.prototype.toString.call(value);

function isPrimitive(value) {
  return value === null || (typeof value !== 'object' && typeof value !== 'function');
}

export function isDeepStrictEqual(a, b, memo = new Map()) {
  if (a === b) return a !== 0 || Object.is(a, b);
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    return typeof a === 'number' && Number.isNaN(a) && Number.isNaN(b);
  }
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (tagOf(a) !== tagOf(b)) return false;
  // Cycles: a pair already being compared is assumed equal (Node does the same).
  let partners = memo.get(a);
  if (partners?.has(b)) return true;
  if (!partners) {
    partners = new Set();
    memo.set(a, partners);
  }
  partners.add(b);
  try {
    return compareObjects(a, b, memo);
  } finally {
    partners.delete(b);
  }
}

function compareObjects(a, b, memo) {
  if (Array.isArray(a)) {
    if (a.length !== b.length) return false;
  } else if (a instanceof Date) {
    if (!Object.is(a.getTime(), b.getTime())) return false;
  } else if (a instanceof RegExp) {
    if (a.source !== b.source || a.flags !== b.flags || a.lastIndex !== b.lastIndex) return false;
  } else if (a instanceof Error || a instanceof DOMException) {
    if (a.message !== b.message || a.name !== b.name) return false;
  } else if (ArrayBuffer.isView(a)) {
    if (!sameBytes(a, b)) return false;
  } else if (a instanceof ArrayBuffer) {
    if (!sameBytes(new Uint8Array(a), new Uint8Array(b))) return false;
  } else if (isBoxed(a)) {
    if (!Object.is(a.valueOf(), b.valueOf())) return false;
  }
  if (!sameOwnKeys(a, b, memo)) return false;
  if (a instanceof Map) return sameMaps(a, b, memo);
  if (a instanceof Set) return sameSets(a, b, memo);
  return true;
}

function isBoxed(value) {
  return [Number, String, Boolean, BigInt, Symbol].some((type) => {
    try {
      type.prototype.valueOf.call(value);
      return true;
    } catch {
      return false;
    }
  });
}

function sameBytes(a, b) {
  if (a.byteLength !== b.byteLength) return false;
  const x = new Uint8Array(a.buffer ?? a, a.byteOffset ?? 0, a.byteLength);
  const y = new Uint8Array(b.buffer ?? b, b.byteOffset ?? 0, b.byteLength);
  return x.every((byte, i) => byte === y[i]);
}

function sameOwnKeys(a, b, memo) {
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  // Typed arrays' elements were compared as bytes; their index keys need no second look.
  const skipIndices = ArrayBuffer.isView(a) && !(a instanceof DataView);
  for (const key of keysA) {
    if (!Object.prototype.propertyIsEnumerable.call(b, key)) return false;
    if (skipIndices && /^\d+$/.test(key)) continue;
    if (!isDeepStrictEqual(a[key], b[key], memo)) return false;
  }
  const symbolsA = ownEnumerableSymbols(a);
  const symbolsB = ownEnumerableSymbols(b);
  if (symbolsA.length !== symbolsB.length) return false;
  for (const symbol of symbolsA) {
    if (!Object.prototype.propertyIsEnumerable.call(b, symbol)) return false;
    if (!isDeepStrictEqual(a[symbol], b[symbol], memo)) return false;
  }
  return true;
}

function sameSets(a, b, memo) {
  if (a.size !== b.size) return false;
  const unmatched = [];
  for (const value of a) {
    if (isPrimitive(value)) {
      if (!b.has(value)) return false;
    } else if (!b.has(value)) {
      unmatched.push(value);
    }
  }
  const candidates = [...b].filter((value) => !isPrimitive(value) && !a.has(value));
  return matchAll(unmatched, candidates, (x, y) => isDeepStrictEqual(x, y, memo));
}

function sameMaps(a, b, memo) {
  if (a.size !== b.size) return false;
  const unmatched = [];
  for (const [key, value] of a) {
    if (b.has(key)) {
      if (!isDeepStrictEqual(value, b.get(key), memo)) return false;
    } else if (isPrimitive(key)) {
      return false;
    } else {
      unmatched.push([key, value]);
    }
  }
  const candidates = [...b].filter(([key]) => !isPrimitive(key) && !a.has(key));
  return matchAll(unmatched, candidates, ([k1, v1], [k2, v2]) =>
    isDeepStrictEqual(k1, k2, memo) && isDeepStrictEqual(v1, v2, memo));
}

/** Pairs every entry of `left` with a distinct equal entry of `right`. */
function matchAll(left, right, equal) {
  if (left.length !== right.length) return false;
  const free = [...right];
  for (const entry of left) {
    const index = free.findIndex((candidate) => equal(entry, candidate));
    if (index < 0) return false;
    free.splice(index, 1);
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Assertions

export function ok(value, message) {
  if (!value) {
    fail(
      { actual: value, expected: true, operator: '==', message: 'The expression evaluated to a falsy value' },
      message,
    );
  }
}

export function equal(actual, expected, message) {
  if (!Object.is(actual, expected)) {
    comparison('strictEqual', actual, expected, message, 'Expected values to be strictly equal:');
  }
}

export function notEqual(actual, expected, message) {
  if (Object.is(actual, expected)) {
    comparison('notStrictEqual', actual, expected, message, 'Expected "actual" to be strictly unequal to "expected":');
  }
}

export function deepEqual(actual, expected, message) {
  if (!isDeepStrictEqual(actual, expected)) {
    comparison('deepStrictEqual', actual, expected, message, 'Expected values to be strictly deep-equal:');
  }
}

export function notDeepEqual(actual, expected, message) {
  if (isDeepStrictEqual(actual, expected)) {
    comparison('notDeepStrictEqual', actual, expected, message, 'Expected "actual" not to be strictly deep-equal to:');
  }
}

export function match(string, regexp, message) {
  if (!(regexp instanceof RegExp)) throw new TypeError('The "regexp" argument must be an instance of RegExp');
  if (typeof string !== 'string' || regexp.exec(string) === null) {
    const why =
      typeof string !== 'string'
        ? `The "string" argument must be of type string. Received ${inspect(string)}`
        : `The input did not match the regular expression ${regexp}. Input:\n\n${inspect(string)}\n`;
    fail({ actual: string, expected: regexp, operator: 'match', message: why }, message);
  }
}

export function doesNotMatch(string, regexp, message) {
  if (!(regexp instanceof RegExp)) throw new TypeError('The "regexp" argument must be an instance of RegExp');
  if (typeof string !== 'string' || regexp.exec(string) !== null) {
    const why =
      typeof string !== 'string'
        ? `The "string" argument must be of type string. Received ${inspect(string)}`
        : `The input was expected to not match the regular expression ${regexp}. Input:\n\n${inspect(string)}\n`;
    fail({ actual: string, expected: regexp, operator: 'doesNotMatch', message: why }, message);
  }
}

function failNow(message = 'Failed') {
  if (message instanceof Error) throw message;
  throw new AssertionError({ message, operator: 'fail' });
}
export { failNow as fail };

export function ifError(value) {
  if (value !== null && value !== undefined) {
    const why = `ifError got unwanted exception: ${inspect(value)}`;
    fail({ actual: value, expected: null, operator: 'ifError', message: why });
  }
}

const NO_EXCEPTION = Symbol('no exception');

/** Node's expectedException: does `actual` (what was thrown) satisfy `expected`? Throws if not. */
function checkExpected(actual, expected, message, operator) {
  const mismatch = (why) => fail({ actual, expected, operator, message: why }, message);
  if (typeof expected !== 'function') {
    if (expected instanceof RegExp) {
      if (expected.exec(String(actual)) !== null) return;
      mismatch(`The input did not match the regular expression ${expected}. Input:\n\n${inspect(String(actual))}\n`);
    }
    if (typeof actual !== 'object' || actual === null) {
      mismatch(`The error is expected to be an object. Received ${inspect(actual)}`);
    }
    const keys = Object.keys(expected);
    if (expected instanceof Error) keys.push('name', 'message');
    else if (keys.length === 0) throw new TypeError(`The argument 'error' may not be an empty object. Received {}`);
    for (const key of keys) {
      const want = expected[key];
      if (typeof actual[key] === 'string' && want instanceof RegExp && want.exec(actual[key]) !== null) continue;
      if (!(key in actual) || !isDeepStrictEqual(actual[key], want)) {
        mismatch(`Expected the error's ${key} to be ${inspect(want)}; it is ${inspect(actual[key])} (in ${inspect(actual)})`);
      }
    }
    return;
  }
  if (expected.prototype !== undefined && actual instanceof expected) return;
  if (Object.prototype.isPrototypeOf.call(Error, expected)) {
    const received = actual?.constructor?.name ?? inspect(actual);
    mismatch(
      `The error is expected to be an instance of "${expected.name}". Received "${received}"\n\n` +
        `Error message:\n\n${actual?.message}`,
    );
  }
  const result = expected.call({}, actual);
  if (result !== true) {
    mismatch(
      `The ${expected.name ? `"${expected.name}" ` : ''}validation function is expected to return "true". ` +
        `Received ${inspect(result)}\n\nCaught error:\n\n${inspect(actual)}`,
    );
  }
}

function splitExpected(expected, message) {
  return typeof expected === 'string' ? [undefined, expected] : [expected, message];
}

function thrownBy(fn) {
  if (typeof fn !== 'function') throw new TypeError('The "fn" argument must be of type function');
  try {
    fn();
  } catch (error) {
    return error;
  }
  return NO_EXCEPTION;
}

async function rejectionOf(promiseOrFn) {
  let promise = promiseOrFn;
  if (typeof promiseOrFn === 'function') {
    promise = promiseOrFn();
    if (typeof promise?.then !== 'function') {
      throw new TypeError('The "promiseFn" argument must return a thenable');
    }
  } else if (typeof promiseOrFn?.then !== 'function') {
    throw new TypeError('The "promiseFn" argument must be of type function or an instance of Promise');
  }
  try {
    await promise;
  } catch (error) {
    return error;
  }
  return NO_EXCEPTION;
}

const expectedName = (expected) => (typeof expected === 'function' && expected.name ? ` (${expected.name})` : '');

export function throws(fn, expectedOrMessage, maybeMessage) {
  const [expected, message] = splitExpected(expectedOrMessage, maybeMessage);
  const actual = thrownBy(fn);
  if (actual === NO_EXCEPTION) {
    const suffix = message ? `: ${message}` : '.';
    const why = `Missing expected exception${expectedName(expected)}${suffix}`;
    fail({ actual: undefined, expected, operator: 'throws', message: why });
  }
  if (expected !== undefined) checkExpected(actual, expected, message, 'throws');
}

export async function rejects(promiseOrFn, expectedOrMessage, maybeMessage) {
  const [expected, message] = splitExpected(expectedOrMessage, maybeMessage);
  const actual = await rejectionOf(promiseOrFn);
  if (actual === NO_EXCEPTION) {
    const suffix = message ? `: ${message}` : '.';
    const why = `Missing expected rejection${expectedName(expected)}${suffix}`;
    fail({ actual: undefined, expected, operator: 'rejects', message: why });
  }
  if (expected !== undefined) checkExpected(actual, expected, message, 'rejects');
}

/** Node's hasMatchingError: does an unwanted exception match doesNotThrow's `expected`? */
function matchesUnwanted(actual, expected) {
  if (typeof expected !== 'function') {
    if (expected instanceof RegExp) return expected.exec(String(actual)) !== null;
    throw new TypeError('The "expected" argument must be of type function or an instance of RegExp');
  }
  if (expected.prototype !== undefined && actual instanceof expected) return true;
  if (Object.prototype.isPrototypeOf.call(Error, expected)) return false;
  return expected.call({}, actual) === true;
}

function unwanted(actual, expected, message, operator, what) {
  if (!expected || matchesUnwanted(actual, expected)) {
    const details = message ? `: ${message}` : '.';
    const why = `Got unwanted ${what}${details}\nActual message: "${actual?.message}"`;
    fail({ actual, expected, operator, message: why });
  }
  throw actual;
}

export function doesNotThrow(fn, expectedOrMessage, maybeMessage) {
  const [expected, message] = splitExpected(expectedOrMessage, maybeMessage);
  const actual = thrownBy(fn);
  if (actual !== NO_EXCEPTION) unwanted(actual, expected, message, 'doesNotThrow', 'exception');
}

export async function doesNotReject(promiseOrFn, expectedOrMessage, maybeMessage) {
  const [expected, message] = splitExpected(expectedOrMessage, maybeMessage);
  const actual = await rejectionOf(promiseOrFn);
  if (actual !== NO_EXCEPTION) unwanted(actual, expected, message, 'doesNotReject', 'rejection');
}

// node:assert/strict's names: the strict ones, also under the loose names.
export {
  deepEqual as deepStrictEqual,
  equal as strictEqual,
  notDeepEqual as notDeepStrictEqual,
  notEqual as notStrictEqual,
};

/** The default export is itself `ok`, with every assertion as a property (as Node's is). */
function strict(value, message) {
  ok(value, message);
}
Object.assign(strict, {
  AssertionError,
  deepEqual,
  deepStrictEqual: deepEqual,
  doesNotMatch,
  doesNotReject,
  doesNotThrow,
  equal,
  fail: failNow,
  ifError,
  match,
  notDeepEqual,
  notDeepStrictEqual: notDeepEqual,
  notEqual,
  notStrictEqual: notEqual,
  ok,
  rejects,
  strict,
  strictEqual: equal,
  throws,
});
export { strict };
export default strict;
