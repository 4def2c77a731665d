// RTCSessionDescription.

import { exposeInterface, requireArguments, slotStore, toDictionary, toDOMString, toEnum } from './webidl.js';

export const SDP_TYPES = ['offer', 'pranswer', 'answer', 'rollback'];

const descriptions = slotStore();

export class RTCSessionDescription {
  constructor(descriptionInitDict) {
    requireArguments(arguments.length, 1, "Failed to construct 'RTCSessionDescription'");
    const init = toDictionary(descriptionInitDict, 'RTCSessionDescriptionInit');
    const sdp = init.sdp === undefined ? '' : toDOMString(init.sdp, 'sdp');
    if (init.type === undefined) throw new TypeError("RTCSessionDescriptionInit: the required member 'type' is missing");
    const type = toEnum(init.type, SDP_TYPES, 'RTCSessionDescriptionInit.type');
    descriptions.set(this, { type, sdp });
  }

  get type() {
    return descriptions.of(this).type;
  }

  get sdp() {
    return descriptions.of(this).sdp;
  }

  toJSON() {
    const { type, sdp } = descriptions.of(this);
    return { type, sdp };
  }
}
exposeInterface(RTCSessionDescription, 'RTCSessionDescription');
