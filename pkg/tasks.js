// Queued tasks and exception reporting.
//
// "Queue a task" must be a real macrotask: promise callbacks the page chains onto our promises run
// before it, and a resolution made in it is observable only on a later task. setTimeout(0) is
// clamped to 4 ms when nested, so Node gets setImmediate, browsers with the Prioritized Task
// Scheduling API scheduler.postTask (half a MessageChannel round trip in Chromium: ~15 µs against
// ~30 µs), and the others a MessageChannel.

const pending = [];
let port = null;

function runNextTask() {
  const task = pending.shift();
  task();
}

/** Runs `task` in a task of its own, after those queued before it. */
export function queueTask(task) {
  if (typeof setImmediate === 'function') {
    setImmediate(task);
    return;
  }
  if (typeof globalThis.scheduler?.postTask === 'function') {
    // An exception is reported as an uncaught one, as from a MessageChannel handler, rather than
    // rejecting the promise postTask returns.
    globalThis.scheduler.postTask(() => {
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
