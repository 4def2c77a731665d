// @ts-check
// Queued tasks and exception reporting.
//
// "Queue a task" must be a real macrotask: promise callbacks the page chains onto our promises run
// before it, and a resolution made in it is observable only on a later task. setTimeout(0) is
// clamped to 4 ms when nested, so Node gets setImmediate, browsers with the Prioritized Task
// Scheduling API scheduler.postTask (half a MessageChannel round trip in Chromium: ~15 µs against
// ~30 µs), and the others a MessageChannel.

/**
 * Task APIs besides the DOM's MessageChannel that the environment may have (see queueTask).
 * @typedef {object} TaskApis
 * @property {(task: () => void) => void} [setImmediate] Node's.
 * @property {{postTask?: (task: () => void) => Promise<void>}} [scheduler] The Prioritized Task Scheduling API.
 */

const environment = /** @type {typeof globalThis & TaskApis} */ (globalThis);

/**
 * The MessageChannel path's tasks, one per message posted.
 * @type {(() => void)[]}
 */
const pending = [];
/** @type {MessagePort | null} */
let port = null;

function runNextTask() {
  const task = /** @type {() => void} */ (pending.shift());
  task();
}

/**
 * Runs `task` in a task of its own, after those queued before it.
 * @param {() => void} task
 */
export function queueTask(task) {
  const setImmediate = environment.setImmediate;
  if (typeof setImmediate === 'function') {
    setImmediate(task);
    return;
  }
  const scheduler = environment.scheduler;
  if (typeof scheduler?.postTask === 'function') {
    // An exception is reported as an uncaught one, as from a MessageChannel handler, rather than
    // rejecting the promise postTask returns.
    scheduler.postTask(() => {
      try {
        task();
      } catch (error) {
        reportException(error);
      }
    });
    return;
  }
  if (port === null) {
    const channel = new MessageChannel();
    channel.port1.onmessage = runNextTask;
    port = channel.port2;
  }
  pending.push(task);
  port.postMessage(null);
}

/**
 * Reports an exception a page callback threw, the way an event listener's would be reported,
 * without disturbing the caller.
 * @param {unknown} error
 */
export function reportException(error) {
  if (typeof reportError === 'function') {
    reportError(error);
  } else {
    queueMicrotask(() => {
      throw error;
    });
  }
}
