// Node globals the portable tests/node files use, as module bindings: tests/browser/node-suite.test.js
// appends `import { … } from '/tests/browser/pages/shims/node-globals.js';` to a served test file
// that uses them, so that they are in that file's scope only. They are never page globals: the
// glue looks for a global setImmediate to pick how it queues tasks, and must keep its browser path.

import { queueTask } from '/pkg/tasks.js';

/**
 * Node's setImmediate queues a macrotask behind every one queued before it, the glue's included
 * (in Node the glue queues with setImmediate too). Here the glue queues through its MessageChannel
 * (pkg/tasks.js), so the tests' tasks go through that same queue: FIFO with the glue's, as in
 * Node. Ordering between two separate MessageChannels is not guaranteed.
 */
export function setImmediate(callback, ...args) {
  queueTask(() => callback(...args));
}

/** process.env: the variables the driver forwards from its own environment (see FORWARDED_ENV). */
export const process = { env: { ...(globalThis.__forwardedEnv ?? {}) } };
