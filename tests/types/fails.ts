// Mistakes the types must catch: tests/node/types.test.js expects `tsc --noEmit --strict` to report
// exactly the error marked at the end of each line below (`error TSnnnn`), and no other.

import { RTCCertificate, RTCPeerConnection, install, type InstallResult } from 'rtc-offer-polyfill';

const pc = new RTCPeerConnection({ bundlePolicy: 'maximum' }); // error TS2322
void pc.createOffer({ iceRestart: 'yes' }); // error TS2322
pc.addTransceiver('audio', { direction: 'sideways' }); // error TS2322
void pc.createOffer().then((offer) => {
  const answer: 'answer' = offer.type; // error TS2322
  return answer;
});
install(globalThis, { force: 1 }); // error TS2322
new RTCCertificate(); // error TS2673
void RTCPeerConnection.generateCertificate(42); // error TS2345

// Ours lacks what this package does not implement (the senders have no encoded-transform `transform`).
const dom: globalThis.RTCPeerConnection = pc; // error TS2322

function describeInstall(result: InstallResult): string {
  switch (result) {
    case 'native':
      return 'kept';
    case 'polyfilled':
      return 'installed';
    default: {
      const unreachable: never = result; // error TS2322
      return unreachable;
    }
  }
}

export { dom, describeInstall };
