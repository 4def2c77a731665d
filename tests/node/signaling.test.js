// The signaling-state table (pkg/signaling.js): webrtc-pc's transitions, and the InvalidStateError
// every other state gets.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nextSignalingState } from '../../pkg/signaling.js';
import { assertDOMException } from './helpers.js';

const STATES = ['stable', 'have-local-offer', 'have-remote-offer', 'have-local-pranswer', 'have-remote-pranswer', 'closed'];

/** webrtc-pc's transitions: [operation, type, from, to]. */
const VALID = [
  ['createOffer', undefined, 'stable', 'stable'],
  ['createOffer', undefined, 'have-local-offer', 'have-local-offer'],
  ['createAnswer', undefined, 'have-remote-offer', 'have-remote-offer'],
  ['createAnswer', undefined, 'have-local-pranswer', 'have-local-pranswer'],
  ['setLocalDescription', 'offer', 'stable', 'have-local-offer'],
  ['setLocalDescription', 'offer', 'have-local-offer', 'have-local-offer'],
  ['setLocalDescription', 'answer', 'have-remote-offer', 'stable'],
  ['setLocalDescription', 'answer', 'have-local-pranswer', 'stable'],
  ['setLocalDescription', 'pranswer', 'have-remote-offer', 'have-local-pranswer'],
  ['setLocalDescription', 'pranswer', 'have-local-pranswer', 'have-local-pranswer'],
  ['setLocalDescription', 'rollback', 'have-local-offer', 'stable'],
  ['setLocalDescription', 'rollback', 'have-remote-offer', 'stable'],
  ['setRemoteDescription', 'offer', 'stable', 'have-remote-offer'],
  ['setRemoteDescription', 'offer', 'have-remote-offer', 'have-remote-offer'],
  ['setRemoteDescription', 'answer', 'have-local-offer', 'stable'],
  ['setRemoteDescription', 'answer', 'have-remote-pranswer', 'stable'],
  ['setRemoteDescription', 'pranswer', 'have-local-offer', 'have-remote-pranswer'],
  ['setRemoteDescription', 'pranswer', 'have-remote-pranswer', 'have-remote-pranswer'],
  ['setRemoteDescription', 'rollback', 'have-local-offer', 'stable'],
  ['setRemoteDescription', 'rollback', 'have-remote-offer', 'stable'],
];

const OPERATIONS = [
  ['createOffer', undefined],
  ['createAnswer', undefined],
  ...['setLocalDescription', 'setRemoteDescription'].flatMap((op) =>
    ['offer', 'answer', 'pranswer', 'rollback'].map((type) => [op, type]),
  ),
];

test('every operation in every state: the next state, or an InvalidStateError naming both', () => {
  for (const [operation, type] of OPERATIONS) {
    for (const state of STATES) {
      const valid = VALID.find(([op, t, from]) => op === operation && t === type && from === state);
      const { next, error } = nextSignalingState(state, operation, type);
      const where = `${operation}(${type}) in ${state}`;
      if (valid !== undefined) {
        assert.equal(next, valid[3], where);
        assert.equal(error, null, where);
      } else {
        assert.equal(next, null, where);
        assertDOMException(error, 'InvalidStateError');
        assert.match(error.message, new RegExp(`^${operation}: .*'${state}'`), where);
      }
    }
  }
});
