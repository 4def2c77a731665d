// @ts-check
// The tail every legacy callback overload shares (ours and the patched native's).

import { reportException } from './tasks.js';
import { toCallback } from './webidl.js';

/**
 * A legacy overload's (successCallback, failureCallback), converted.
 * @typedef {[Function, Function]} Callbacks
 */

/**
 * WebIDL conversion of a legacy overload's (successCallback, failureCallback) pair.
 * @param {string} operation
 * @param {unknown} success
 * @param {unknown} failure
 * @returns {Callbacks}
 */
export function toCallbacks(operation, success, failure) {
  return [toCallback(success, `${operation}: successCallback`), toCallback(failure, `${operation}: failureCallback`)];
}

/**
 * The legacy callback form: callbacks report the outcome, the returned promise only undefined.
 * @param {Promise<unknown>} promise
 * @param {Function} successCallback
 * @param {Function} failureCallback
 * @returns {Promise<undefined>}
 */
export function withCallbacks(promise, successCallback, failureCallback) {
  /** @type {(callback: Function, args: unknown[]) => void} */
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
