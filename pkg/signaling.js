// @ts-check
// webrtc-pc's signaling-state transitions, in one table: in which states each operation may run,
// the state a description leads to, and the InvalidStateError for any other state (as webrtc-rs's
// check_next_signaling_state). Whether the core supports a description is asked separately.

import { domError } from './webidl.js';

/**
 * @typedef {'createOffer' | 'createAnswer' | 'setLocalDescription' | 'setRemoteDescription'} Operation
 * @typedef {'offer' | 'answer' | 'pranswer' | 'rollback'} DescriptionType
 * @typedef {Exclude<RTCSignalingState, 'closed'>} OpenState
 */

/**
 * For each operation (and description type), the states it may run in and the state it leads to.
 * Rollback goes back to stable from either offer state (webrtc-pc: it is refused in stable and in
 * the pranswer states).
 * @type {Record<string, Partial<Record<OpenState, OpenState>>>}
 */
const TRANSITIONS = {
  createOffer: { stable: 'stable', 'have-local-offer': 'have-local-offer' },
  createAnswer: { 'have-remote-offer': 'have-remote-offer', 'have-local-pranswer': 'have-local-pranswer' },
  'setLocalDescription offer': { stable: 'have-local-offer', 'have-local-offer': 'have-local-offer' },
  'setLocalDescription answer': { 'have-remote-offer': 'stable', 'have-local-pranswer': 'stable' },
  'setLocalDescription pranswer': {
    'have-remote-offer': 'have-local-pranswer',
    'have-local-pranswer': 'have-local-pranswer',
  },
  'setLocalDescription rollback': { 'have-local-offer': 'stable', 'have-remote-offer': 'stable' },
  'setRemoteDescription offer': { stable: 'have-remote-offer', 'have-remote-offer': 'have-remote-offer' },
  'setRemoteDescription answer': { 'have-local-offer': 'stable', 'have-remote-pranswer': 'stable' },
  'setRemoteDescription pranswer': {
    'have-local-offer': 'have-remote-pranswer',
    'have-remote-pranswer': 'have-remote-pranswer',
  },
  'setRemoteDescription rollback': { 'have-local-offer': 'stable', 'have-remote-offer': 'stable' },
};

/**
 * The signaling state `operation` (applying a description of `type`, for the set operations)
 * leads to from `state`, or the InvalidStateError that rejects it there.
 * @param {RTCSignalingState} state
 * @param {Operation} operation
 * @param {DescriptionType} [type]
 * @returns {{next: OpenState, error: null} | {next: null, error: DOMException}}
 */
export function nextSignalingState(state, operation, type = undefined) {
  const key = type === undefined ? operation : `${operation} ${type}`;
  const allowed = TRANSITIONS[key];
  const next = state === 'closed' ? undefined : allowed[state];
  if (next !== undefined) return { next, error: null };
  const what = type === undefined ? 'not allowed' : `cannot apply ${type === 'offer' || type === 'answer' ? 'an' : 'a'} ${type}`;
  const states = Object.keys(allowed).join(' or ');
  const error = domError('InvalidStateError', `${operation}: ${what} in signalingState '${state}' (only in ${states})`);
  return { next: null, error };
}
