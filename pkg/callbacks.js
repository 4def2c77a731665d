// The tail every legacy callback overload shares (ours and the patched native's).

import { reportException } from './tasks.js';
import { toCallback } from './webidl.js';

/** WebIDL conversion of a legacy overload's (successCallback, failureCallback) pair. */
export function toCallbacks(operation, success, failure) {
  return [toCallback(success, `${operation}: successCallback`), toCallback(failure, `${operation}: failureCallback`)];
}

/** The legacy callback form: callbacks report the outcome, the returned promise only undefined. */
export function withCallbacks(promise, successCallback, failureCallback) {
  const call = (callback, args) => {
    try {
      Reflect.apply(callback, undefined, args);
    } catch (error) {
      reportException(error);
    }
  };
  promise.then(
    (value) => call(successCallback, value === undefined ? [] : [value]),
    (error) => call(failureCallback, [error]),
  );
  return Promise.resolve(undefined);
}
