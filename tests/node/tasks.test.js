// pkg/tasks.js: queueTask takes setImmediate (Node), scheduler.postTask (Chromium) or a
// MessageChannel (other browsers). Browsers are emulated here by hiding Node's setImmediate; the
// Chromium runs of the tests/node files (tests/browser/node-suite.test.js) use postTask for real.

import { afterEach, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { queueTask } from '../../pkg/tasks.js';

const nodeSetImmediate = globalThis.setImmediate;
const nodeScheduler = Object.getOwnPropertyDescriptor(globalThis, 'scheduler');

beforeEach(() => {
  delete globalThis.setImmediate;
});

afterEach(() => {
  globalThis.setImmediate = nodeSetImmediate;
  if (nodeScheduler === undefined) delete globalThis.scheduler;
  else Object.defineProperty(globalThis, 'scheduler', nodeScheduler);
});

/** Queues three tasks and a microtask; resolves with the order they ran in. */
function order() {
  const ran = [];
  return new Promise((resolve) => {
    queueTask(() => ran.push('task 1'));
    queueTask(() => {
      ran.push('task 2');
      queueMicrotask(() => ran.push('microtask of task 2'));
    });
    queueTask(() => {
      ran.push('task 3');
      resolve(ran);
    });
    queueMicrotask(() => ran.push('microtask'));
  });
}

const EXPECTED = ['microtask', 'task 1', 'task 2', 'microtask of task 2', 'task 3'];

test('without setImmediate or scheduler: a MessageChannel, in order, after the microtasks', async () => {
  delete globalThis.scheduler;
  const NodeMessageChannel = globalThis.MessageChannel;
  let made = 0;
  // The glue keeps its channel for good, as a page does; unreferenced (after `onmessage`, which
  // references a Node port again), it lets this process end.
  globalThis.MessageChannel = class extends NodeMessageChannel {
    constructor() {
      super();
      made += 1;
      const port = this.port1;
      Object.defineProperty(port, 'onmessage', {
        set(listener) {
          port.addEventListener('message', listener);
          port.start();
          port.unref();
        },
      });
    }
  };
  // An unreferenced port does not keep Node waiting for its messages: a timer does, meanwhile.
  const keepAlive = setInterval(() => {}, 1000);
  try {
    assert.deepEqual(await order(), EXPECTED);
    assert.deepEqual(await order(), EXPECTED);
  } finally {
    clearInterval(keepAlive);
    globalThis.MessageChannel = NodeMessageChannel;
  }
  assert.equal(made, 1, 'one channel serves every task');
});

test('with scheduler.postTask: one task each, in order; an exception is reported, not a rejection', async () => {
  const posted = [];
  globalThis.scheduler = {
    postTask(callback) {
      posted.push(callback);
      return new Promise((resolve, reject) => {
        nodeSetImmediate(() => {
          try {
            resolve(callback());
          } catch (error) {
            reject(error);
          }
        });
      });
    },
  };
  assert.deepEqual(await order(), EXPECTED);
  assert.equal(posted.length, 3);

  // Browsers report it with reportError(), as an uncaught exception.
  const reported = new Promise((resolve) => {
    globalThis.reportError = resolve;
  });
  try {
    queueTask(() => {
      throw new Error('from a task');
    });
    assert.equal((await reported).message, 'from a task');
  } finally {
    delete globalThis.reportError;
  }
});
