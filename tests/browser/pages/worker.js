// A module worker (no DOM, no native WebRTC) importing the package's bundle (what the exports map
// names; scripts/build.sh makes it): it makes an offer,
// applies it, waits for ICE gathering to complete (tasks run on a MessageChannel here) and posts
// the outcome to the page.

import { RTCPeerConnection } from '/pkg/rtc-offer-polyfill.js';

async function offer() {
  const pc = new RTCPeerConnection();
  pc.addTransceiver({ kind: 'audio', id: 'worker-mic' }, { direction: 'sendonly', streams: [{ id: 'worker-stream' }] });
  pc.addTransceiver('video', { direction: 'recvonly' });
  const gathered = new Promise((resolve) => {
    pc.onicecandidate = (event) => {
      if (event.candidate === null) resolve(pc.iceGatheringState);
    };
  });
  const created = await pc.createOffer();
  await pc.setLocalDescription(created);
  const result = {
    sdp: created.sdp,
    signalingState: pc.signalingState,
    localIsOffer: pc.localDescription.sdp === created.sdp,
    mids: pc.getTransceivers().map((transceiver) => transceiver.mid),
    gatheringAtNull: await gathered,
  };
  pc.close();
  return result;
}

const environment = {
  worker: typeof WorkerGlobalScope === 'function' && self instanceof WorkerGlobalScope,
  window: typeof window,
  document: typeof document,
  nativeRTCPeerConnection: typeof self.RTCPeerConnection,
};

offer().then(
  (result) => self.postMessage({ environment, ...result }),
  (error) => self.postMessage({ environment, error: `${error?.name}: ${error?.message}` }),
);
