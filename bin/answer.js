// The answering mode of the command line: the offer read on stdin, applied with
// setRemoteDescription(), the tracks and directions asked for, and createAnswer()'s answer.

import { randomUUID } from 'node:crypto';
import { MediaStream, RTCPeerConnection } from '../pkg/index.js';
import { InputError } from './errors.js';

const JSON_FORM = '{"type":"offer","sdp":"…"}';

/**
 * The offer's SDP in `text`: raw SDP (CRLF or LF line ends, passed on as they are: parsing them is
 * setRemoteDescription's job) or an RTCSessionDescriptionInit as JSON.
 * @param {string} text
 */
export function offerSdp(text) {
  if (text.trim() === '') throw new InputError(`stdin: no offer (expected SDP or ${JSON_FORM})`);
  if (!text.trimStart().startsWith('{')) return text;
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new InputError(`stdin: not valid JSON: ${error.message}`);
  }
  if (parsed.type !== 'offer') {
    throw new InputError(`stdin: expected ${JSON_FORM}, got type ${JSON.stringify(parsed.type)}`);
  }
  if (typeof parsed.sdp !== 'string') throw new InputError(`stdin: expected ${JSON_FORM}, got no sdp string`);
  return parsed.sdp;
}

/** Everything on stdin, as UTF-8. */
export async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The answer to `sdp` for `p` (the command line's plan). Node has no MediaStreamTrack, and the
 * package makes only remote ones: {kind, id} stands in for each track sent, as addTrack allows.
 */
export async function answer(p, sdp) {
  const pc = new RTCPeerConnection();
  try {
    await pc.setRemoteDescription({ type: 'offer', sdp });
    const stream = new MediaStream();
    p.send.forEach((kind, i) => {
      const sender = pc.addTrack({ kind, id: randomUUID() }, stream);
      // addTrack takes the first transceiver of its kind the offer made and nothing sends yet;
      // without one it makes a transceiver that this answer cannot include.
      if (pc.getTransceivers().find((t) => t.sender === sender).mid === null) {
        const nth = p.send.slice(0, i + 1).filter((k) => k === kind).length;
        throw new InputError(`--send: the offer has no ${kind} m-section left for ${kind} track ${nth}`);
      }
    });
    for (const transceiver of pc.getTransceivers()) {
      const direction = transceiver.receiver.track.kind === 'audio' ? p.audioDirection : p.videoDirection;
      // Sections the offer rejected stopped their transceivers: those have no direction to set.
      if (direction !== undefined && transceiver.direction !== 'stopped') transceiver.direction = direction;
    }
    return await pc.createAnswer({ voiceActivityDetection: p.vad });
  } finally {
    pc.close();
  }
}
