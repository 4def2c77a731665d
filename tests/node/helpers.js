// Shared by the Node tests (not a test file itself).

import assert from 'node:assert/strict';

/** Resolves in a later task, after the tasks queued so far (the polyfill queues with setImmediate). */
export function nextTask() {
  return new Promise((resolve) => setImmediate(resolve));
}

export async function tasks(count) {
  for (let i = 0; i < count; i += 1) await nextTask();
}

export const lines = (sdp) => sdp.split('\r\n');

/** The lines of `sdp` that start with `prefix`. */
export const linesStarting = (sdp, prefix) => lines(sdp).filter((line) => line.startsWith(prefix));

/** The error `promise` rejects with; fails if it fulfils. */
export async function rejection(promise) {
  assert.ok(promise instanceof Promise, 'a promise, not a synchronous throw');
  try {
    await promise;
  } catch (error) {
    return error;
  }
  assert.fail('expected a rejection');
}

/** Asserts a DOMException (not just something named like one) with this name. */
export function assertDOMException(error, name) {
  assert.ok(error instanceof DOMException, `${error} is a DOMException`);
  assert.equal(error.name, name);
}

/** Tracks whether `promise` settled: `state()` is 'pending', 'fulfilled' or 'rejected'. */
export function watch(promise) {
  let state = 'pending';
  promise.then(
    () => {
      state = 'fulfilled';
    },
    () => {
      state = 'rejected';
    },
  );
  return { state: () => state };
}

/** A stand-in MediaStreamTrack (Node has none): what addTrack/addTransceiver read of one. */
export function fakeTrack(kind, id = `${kind}-track-${Math.random().toString(36).slice(2, 10)}`) {
  return { kind, id };
}

export function fakeStream(id) {
  return { id };
}
