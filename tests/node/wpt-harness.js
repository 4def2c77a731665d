// WPT's testharness.js assertions over node:test, so tests/node/wpt-*.test.js keep the WPT files'
// assertions and test names unchanged (not a test file itself). Only what those files call.

import { test as nodeTest } from 'node:test';
import assert from 'node:assert/strict';

/** testharness's same_value: === except that NaN equals NaN and 0 differs from -0. */
function sameValue(x, y) {
  return Object.is(x, y);
}

const describe = (description) => (description === undefined ? '' : `${description}: `);

export function assert_equals(actual, expected, description) {
  assert.ok(sameValue(actual, expected), `${describe(description)}expected ${String(expected)} but got ${String(actual)}`);
}

export function assert_not_equals(actual, expected, description) {
  assert.ok(!sameValue(actual, expected), `${describe(description)}got disallowed value ${String(actual)}`);
}

export function assert_true(actual, description) {
  assert.equal(actual, true, `${describe(description)}expected true got ${String(actual)}`);
}

export function assert_false(actual, description) {
  assert.equal(actual, false, `${describe(description)}expected false got ${String(actual)}`);
}

export function assert_in_array(actual, expected, description) {
  assert.ok(expected.includes(actual), `${describe(description)}${String(actual)} is not in [${expected}]`);
}

export function assert_array_equals(actual, expected, description) {
  assert.equal(typeof actual, 'object', `${describe(description)}value is array-like`);
  assert.equal(actual.length, expected.length, `${describe(description)}lengths differ`);
  for (let i = 0; i < expected.length; i += 1) {
    assert.ok(i in actual, `${describe(description)}property ${i} present`);
    assert.ok(sameValue(actual[i], expected[i]), `${describe(description)}property ${i}: ${actual[i]} !== ${expected[i]}`);
  }
}

export function assert_approx_equals(actual, expected, epsilon, description) {
  assert.equal(typeof actual, 'number', `${describe(description)}a number`);
  assert.ok(Math.abs(actual - expected) <= epsilon, `${describe(description)}expected ${expected} +/- ${epsilon} but got ${actual}`);
}

export function assert_greater_than(actual, expected, description) {
  assert.equal(typeof actual, 'number', `${describe(description)}a number`);
  assert.ok(actual > expected, `${describe(description)}expected a number greater than ${expected} but got ${actual}`);
}

export function assert_greater_than_equal(actual, expected, description) {
  assert.equal(typeof actual, 'number', `${describe(description)}a number`);
  assert.ok(actual >= expected, `${describe(description)}expected a number >= ${expected} but got ${actual}`);
}

export function assert_less_than(actual, expected, description) {
  assert.equal(typeof actual, 'number', `${describe(description)}a number`);
  assert.ok(actual < expected, `${describe(description)}expected a number less than ${expected} but got ${actual}`);
}

export function assert_less_than_equal(actual, expected, description) {
  assert.equal(typeof actual, 'number', `${describe(description)}a number`);
  assert.ok(actual <= expected, `${describe(description)}expected a number <= ${expected} but got ${actual}`);
}

export function assert_own_property(object, name, description) {
  assert.ok(Object.prototype.hasOwnProperty.call(object, name), `${describe(description)}expected property ${name}`);
}

export function assert_not_own_property(object, name, description) {
  assert.ok(!Object.prototype.hasOwnProperty.call(object, name), `${describe(description)}unexpected property ${name}`);
}

export function assert_idl_attribute(object, name, description) {
  assert.ok(name in object, `${describe(description)}expected attribute ${name}`);
}

export function assert_class_string(object, className, description) {
  assert.equal(Object.prototype.toString.call(object), `[object ${className}]`, describe(description));
}

export function assert_unreached(description) {
  assert.fail(`Reached unreachable code: ${description}`);
}

function checkJsError(error, constructor, description) {
  assert.equal(typeof error, 'object', `${describe(description)}threw an object`);
  assert.equal(error.constructor, constructor, `${describe(description)}${error} is a ${constructor.name}`);
  assert.equal(error.name, constructor.name, describe(description));
}

/** testharness.js's DOMException names and legacy codes: it refuses any other name as a test bug. */
const DOM_EXCEPTION_CODES = {
  IndexSizeError: 1,
  HierarchyRequestError: 3,
  WrongDocumentError: 4,
  InvalidCharacterError: 5,
  NoModificationAllowedError: 7,
  NotFoundError: 8,
  NotSupportedError: 9,
  InUseAttributeError: 10,
  InvalidStateError: 11,
  SyntaxError: 12,
  InvalidModificationError: 13,
  NamespaceError: 14,
  InvalidAccessError: 15,
  TypeMismatchError: 17,
  SecurityError: 18,
  NetworkError: 19,
  AbortError: 20,
  URLMismatchError: 21,
  QuotaExceededError: 22,
  TimeoutError: 23,
  InvalidNodeTypeError: 24,
  DataCloneError: 25,
  EncodingError: 0,
  NotReadableError: 0,
  UnknownError: 0,
  ConstraintError: 0,
  DataError: 0,
  TransactionInactiveError: 0,
  ReadOnlyError: 0,
  VersionError: 0,
  OperationError: 0,
  NotAllowedError: 0,
};

function checkDomError(error, name, description) {
  assert.ok(name in DOM_EXCEPTION_CODES, `Test bug: unrecognized DOMException code name or name "${name}"`);
  assert.equal(typeof error, 'object', `${describe(description)}threw an object`);
  assert.equal(error.code, DOM_EXCEPTION_CODES[name], `${describe(description)}${error}: code`);
  assert.equal(error.name, name, `${describe(description)}${error}: name`);
  assert.equal(error.constructor, DOMException, `${describe(description)}${error} is a DOMException`);
}

function thrown(func, description) {
  try {
    func();
  } catch (error) {
    return error;
  }
  return assert.fail(`${describe(description)}did not throw`);
}

async function rejected(promise, description) {
  assert.ok(promise instanceof Promise || typeof promise?.then === 'function', `${describe(description)}a promise`);
  try {
    await promise;
  } catch (error) {
    return error;
  }
  return assert.fail(`${describe(description)}should have rejected`);
}

export function assert_throws_js(constructor, func, description) {
  checkJsError(thrown(func, description), constructor, description);
}

export function assert_throws_dom(name, func, description) {
  checkDomError(thrown(func, description), name, description);
}

export async function promise_rejects_js(t, constructor, promise, description) {
  checkJsError(await rejected(promise, description), constructor, description);
}

export async function promise_rejects_dom(t, name, promise, description) {
  checkDomError(await rejected(promise, description), name, description);
}

/**
 * testharness's test() and promise_test() as node tests with the WPT names; `todo` maps a test
 * name to why ours fails it (node:test then reports the failure without failing the run).
 */
export function harness(todo = {}) {
  const unknown = new Set(Object.keys(todo));
  const run = (fn, name) => {
    unknown.delete(name);
    const options = name in todo ? { todo: todo[name] } : {};
    nodeTest(name, options, async () => {
      const cleanups = [];
      const t = {
        add_cleanup: (cleanup) => cleanups.push(cleanup),
        step_func: (f) => f,
        step_func_done: (f) => f ?? (() => {}),
        unreached_func: (description) => () => assert_unreached(description),
      };
      try {
        await fn(t);
      } finally {
        for (const cleanup of cleanups) cleanup();
      }
    });
  };
  // A todo naming no test is a typo that would hide nothing: fail once the file has registered.
  queueMicrotask(() => assert.deepEqual([...unknown], [], 'todo names match test names'));
  return { test: run, promise_test: run };
}
