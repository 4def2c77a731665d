// pkg/tasks.js: queueTask takes setImmediate (Node), scheduler.postTask (Chromium) or a
// MessageChannel (other browsers), as the environment has them when the module loads. Browsers are
// emulated here by hiding Node's setImmediate before loading a fresh copy of the module; the
// Chromium runs of the tests/node files (tests/browser/node-suite.test.js) use postTask for real.

import { afterEach, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';

let loads = 0;
/** queueTask of a fresh pkg/tasks.js, which takes the task APIs there are when it loads. */
async function load() {
  loads += 1;
  return (await import(`../../pkg/tasks.js?load=${loads}`)).queueTask;
}

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

/**
 * Queues three tasks and a microtask; resolves with the order they ran in.
 * @param {(task: () => void) => void} queueTask
 */
function order(queueTask) {
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
    const queueTask = await load();
    assert.deepEqual(await order(queueTask), EXPECTED);
    assert.deepEqual(await order(queueTask), EXPECTED);
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
  const queueTask = await load();
  assert.deepEqual(await order(queueTask), EXPECTED);
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

test('the task APIs are the ones there when the module loaded: fake timers installed later take no tasks', async () => {
  globalThis.setImmediate = nodeSetImmediate;
  const queueTask = await load();
  let faked = 0;
  globalThis.setImmediate = () => {
    faked += 1;
  };
  const ran = [];
  queueTask(() => ran.push('task'));
  await new Promise((resolve) => nodeSetImmediate(resolve));
  assert.deepEqual(ran, ['task']);
  assert.equal(faked, 0);
});
