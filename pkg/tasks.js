// @ts-check
// Queued tasks and exception reporting.
//
// "Queue a task" must be a real macrotask: promise callbacks the page chains onto our promises run
// before it, and a resolution made in it is observable only on a later task. setTimeout(0) is
// clamped to 4 ms when nested, so Node gets setImmediate, browsers with the Prioritized Task
// Scheduling API scheduler.postTask, and the others a MessageChannel.

/**
 * Task APIs besides the DOM's MessageChannel that the environment may have (see queueTask).
 * @typedef {object} TaskApis
 * @property {(task: () => void) => void} [setImmediate] Node's.
 * @property {{postTask?: (task: () => void) => Promise<void>}} [scheduler] The Prioritized Task Scheduling API.
 */

/**
 * How this environment queues a task, found once, when the module loads: looking the globals up
 * per task (a miss on `setImmediate`, then the `scheduler` getter) took Chromium ~0.8 µs of a
 * repeated createOffer()'s ~5 µs of work, and fake timers a test installs later (Jest's, sinon's)
 * do not hold back our promises, as they would not hold back a native connection's.
 * @param {typeof globalThis & TaskApis} environment
 * @returns {(task: () => void) => void}
 */
function taskQueue(environment) {
  const setImmediate = environment.setImmediate;
  if (typeof setImmediate === 'function') return (task) => setImmediate(task);
  const scheduler = environment.scheduler;
  const postTask = scheduler?.postTask;
  if (typeof postTask === 'function') {
    const post = postTask.bind(scheduler);
    // An exception is reported as an uncaught one, as from a MessageChannel handler, rather than
    // rejecting the promise postTask returns.
    return (task) =>
      post(() => {
        try {
          task();
        } catch (error) {
          reportException(error);
        }
      });
  }
  /** @type {(() => void)[]} The channel's tasks, one per message posted. */
  const pending = [];
  /** @type {MessagePort | null} */
  let port = null;
  return (task) => {
    if (port === null) {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => /** @type {() => void} */ (pending.shift())();
      port = channel.port2;
    }
    pending.push(task);
    port.postMessage(null);
  };
}

/**
 * Runs `task` in a task of its own, after those queued before it.
 * @type {(task: () => void) => void}
 */
export const queueTask = taskQueue(globalThis);

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
