// The offering mode of the command line: a connection with the transceivers asked for, and its offer.

import { RTCPeerConnection } from '../pkg/index.js';
import { UsageError } from './errors.js';

/**
 * The offer for `p` (the command line's plan): createOffer(), or with `iceRestart` the second
 * offer, made with iceRestart after setLocalDescription() of the first.
 */
export async function offer(p) {
  const pc = new RTCPeerConnection();
  try {
    for (let i = 0; i < p.audio; i += 1) pc.addTransceiver('audio', { direction: p.audioDirection });
    for (let i = 0; i < p.video; i += 1) {
      const sendEncodings = p.rids.map((rid) => ({ rid }));
      try {
        pc.addTransceiver('video', { direction: p.videoDirection, sendEncodings });
      } catch (error) {
        // The rids are the only user input addTransceiver can reject.
        throw new UsageError(`--simulcast: ${error.message}`);
      }
    }
    if (p.data) pc.createDataChannel('data');
    const options = { voiceActivityDetection: p.vad };
    const first = await pc.createOffer(options);
    if (!p.iceRestart) return first;
    await pc.setLocalDescription(first);
    return await pc.createOffer({ ...options, iceRestart: true });
  } finally {
    pc.close();
  }
}
