// node:test for a browser page (mapped by pages/node-suite.html's import map): the registration
// API the portable tests/node files use, and a runner that runs what a file registered one test
// at a time, in order, as `node --test` does by default, and returns the results as plain data
// for tests/browser/node-suite.test.js to replay as node:test subtests.
//
// Differences from Node, all on the side of failing: describe() callbacks must be synchronous
// (the files' are), and each test has a time limit (Node's default is none) so that a test
// that never settles fails by name instead of hanging the page.

import { AssertionError, inspect } from './assert.js';

/** A test still running after this long fails. */
const TIMEOUT_MS = 60_000;

function newSuite(name, options, parent) {
  return {
    kind: 'suite',
    name,
    options,
    parent,
    children: [],
    hooks: { before: [], after: [], beforeEach: [], afterEach: [] },
    buildError: null,
  };
}

const root = newSuite('', {}, null);
/** The suite whose describe() callback is running: where test() and the hooks register. */
let registering = root;

/** node:test's argument forms: ([name][, options][, fn]). */
function parseArguments(args) {
  let [name, options, fn] = args;
  if (typeof name === 'function') {
    [name, options, fn] = [name.name || '<anonymous>', {}, name];
  } else if (typeof name === 'object' && name !== null) {
    [name, options, fn] = [options?.name || '<anonymous>', name, options];
  }
  if (typeof options === 'function') [options, fn] = [{}, options];
  return { name: String(name ?? '<anonymous>'), options: options ?? {}, fn };
}

export function test(...args) {
  const { name, options, fn } = parseArguments(args);
  registering.children.push({ kind: 'test', name, options, fn, parent: registering });
}

export function describe(...args) {
  const { name, options, fn } = parseArguments(args);
  const suite = newSuite(name, options, registering);
  registering.children.push(suite);
  const outer = registering;
  registering = suite;
  try {
    const result = fn?.();
    if (typeof result?.then === 'function') {
      suite.buildError = new Error('an async describe() callback: the browser runner registers synchronously only');
    }
  } catch (error) {
    suite.buildError = error;
  } finally {
    registering = outer;
  }
}

const withOption = (register, option) => (...args) => {
  const { name, options, fn } = parseArguments(args);
  register(name, { ...options, [option]: true }, fn);
};
for (const register of [test, describe]) {
  register.skip = withOption(register, 'skip');
  register.todo = withOption(register, 'todo');
  register.only = register;
}

export const it = test;
export const suite = describe;

const hook = (kind) => (fn) => {
  registering.hooks[kind].push(fn);
};
export const before = hook('before');
export const after = hook('after');
export const beforeEach = hook('beforeEach');
export const afterEach = hook('afterEach');

// ---------------------------------------------------------------------------------------------
// Running

/** The test whose function (or hooks) is running: uncaught errors are blamed on it. */
let running = null;
/** Uncaught errors while no test was running. */
const strayErrors = [];
/** The messages of all uncaught errors, for the driver to match with the page's own reports. */
const uncaughtMessages = [];

/** Called by the page for window 'error' and 'unhandledrejection' events. */
export function reportUncaught(error) {
  uncaughtMessages.push(String(error?.message ?? error));
  if (running !== null && !running.settled) running.uncaught.push(error);
  else strayErrors.push(error);
}

const COMPARISONS = new Set(['strictEqual', 'notStrictEqual', 'deepStrictEqual', 'notDeepStrictEqual', 'match']);

function plainError(error) {
  if (error === null || (typeof error !== 'object' && typeof error !== 'function')) {
    return { name: 'thrown value', message: String(error), stack: '' };
  }
  const data = {
    name: String(error.name ?? 'Error'),
    message: String(error.message ?? error),
    stack: String(error.stack ?? ''),
    constructorName: error.constructor?.name ?? null,
  };
  // A message given to an assertion replaces the generated one: keep what was compared.
  if (error instanceof AssertionError && !error.generatedMessage && COMPARISONS.has(error.operator)) {
    data.message += `\n\nactual:   ${inspect(error.actual)}\nexpected: ${inspect(error.expected)}`;
  }
  if (error.cause !== undefined) data.cause = plainError(error.cause);
  return data;
}

function withTimeout(promise, what) {
  let timer;
  const limit = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

/** Runs a test or hook function as node:test does: a done callback if it declares one. */
function call(fn, context, callbackArity) {
  if (fn.length >= callbackArity) {
    return new Promise((resolve, reject) => {
      fn.call(context, context, (error) => (error ? reject(error) : resolve()));
    });
  }
  return Promise.resolve().then(() => fn.call(context, context));
}

function fullName(path) {
  return path.join(' > ');
}

/** The `t` a test function receives (the members the files use, and a few cheap ones). */
function testContext(record, path, skips) {
  const controller = new AbortController();
  return {
    name: record.name,
    fullName: fullName(path),
    signal: controller.signal,
    diagnostic(message) {
      record.diagnostics.push(String(message));
    },
    skip(message = '') {
      record.skipReason = String(message) || 'skipped';
    },
    todo(message = '') {
      record.todoReason = String(message) || 'todo';
    },
    test(...args) {
      const { name, options, fn } = parseArguments(args);
      const child = { kind: 'test', name, options, fn, parent: null };
      return runTest(child, [...path, name], [], [], skips).then((result) => {
        record.children.push(result);
        if (result.status === 'fail') throw new Error(`subtest failed: ${name}`);
      });
    },
  };
}

function hooksOf(suite, kind) {
  const chain = [];
  for (let s = suite; s !== null; s = s.parent) chain.unshift(s);
  return chain.flatMap((s) => s.hooks[kind]);
}

async function runTest(entry, path, beforeEach, afterEach, skips) {
  const name = fullName(path);
  const record = { kind: 'test', name: entry.name, status: 'pass', diagnostics: [], children: [] };
  const skip = entry.options.skip || skips.reasons.get(name);
  if (skip) {
    skips.used.add(name);
    return { ...record, status: 'skip', reason: typeof skip === 'string' ? skip : 'skipped' };
  }
  const state = { settled: false, uncaught: [] };
  const outer = running;
  running = state;
  const started = performance.now();
  const context = testContext(record, path, skips);
  let error = null;
  try {
    for (const fn of beforeEach) await withTimeout(call(fn, context, 2), `beforeEach hook of ${name}`);
    if (typeof entry.fn === 'function') await withTimeout(call(entry.fn, context, 2), name);
  } catch (thrown) {
    error = thrown;
  }
  for (const fn of afterEach) {
    try {
      await withTimeout(call(fn, context, 2), `afterEach hook of ${name}`);
    } catch (thrown) {
      error ??= thrown;
    }
  }
  state.settled = true;
  running = outer;
  error ??= state.uncaught[0] ?? null;
  record.durationMs = performance.now() - started;
  if (record.skipReason !== undefined) return { ...record, status: 'skip', reason: record.skipReason };
  if (entry.options.todo || record.todoReason !== undefined) {
    const reason = record.todoReason ?? String(entry.options.todo);
    return { ...record, status: 'todo', reason, error: error && plainError(error) };
  }
  if (error !== null) return { ...record, status: 'fail', error: plainError(error) };
  return record;
}

async function runSuite(suite, path, skips) {
  const record = { kind: 'suite', name: suite.name, status: 'pass', children: [] };
  if (suite.buildError) return { ...record, status: 'fail', error: plainError(suite.buildError) };
  const skipAll = suite.options.skip || skips.reasons.get(fullName(path));
  if (skipAll) {
    skips.used.add(fullName(path));
    return { ...record, status: 'skip', reason: typeof skipAll === 'string' ? skipAll : 'skipped' };
  }
  let hookError = null;
  const context = { name: suite.name, fullName: fullName(path) };
  for (const fn of suite.hooks.before) {
    try {
      await withTimeout(call(fn, context, 2), `before hook of ${fullName(path) || 'the file'}`);
    } catch (error) {
      hookError = error;
      break;
    }
  }
  for (const child of suite.children) {
    const childPath = [...path, child.name];
    if (hookError !== null) {
      record.children.push({
        kind: child.kind,
        name: child.name,
        status: 'fail',
        children: [],
        error: { name: 'Error', message: 'not run: a before hook failed', stack: '' },
      });
    } else if (child.kind === 'suite') {
      record.children.push(await runSuite(child, childPath, skips));
    } else {
      const beforeEach = hooksOf(suite, 'beforeEach');
      const afterEach = hooksOf(suite, 'afterEach').reverse();
      record.children.push(await runTest(child, childPath, beforeEach, afterEach, skips));
    }
  }
  for (const fn of suite.hooks.after) {
    try {
      await withTimeout(call(fn, context, 2), `after hook of ${fullName(path) || 'the file'}`);
    } catch (error) {
      hookError ??= error;
    }
  }
  if (hookError !== null) return { ...record, status: 'fail', error: plainError(hookError) };
  if (record.children.some((child) => child.status === 'fail')) record.status = 'fail';
  return record;
}

/**
 * Runs everything the imported files registered. `skips` maps full names ('suite > test') to the
 * reason they cannot run in a browser. Resolves to { results, rootError, strayErrors,
 * uncaughtMessages, unusedSkips }.
 */
export async function run(skips = {}) {
  const table = { reasons: new Map(Object.entries(skips)), used: new Set() };
  const result = await runSuite(root, [], table);
  return {
    results: result.children,
    rootError: result.error ?? null,
    strayErrors: strayErrors.map(plainError),
    uncaughtMessages,
    unusedSkips: Object.keys(skips).filter((name) => !table.used.has(name)),
  };
}

export default test;
