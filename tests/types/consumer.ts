// A consumer of rtc-offer-polyfill's types, checked by tests/node/types.test.js with
// `tsc --noEmit --strict`: it must compile without errors.

import {
  MediaStream as PolyfillStream,
  MediaStreamTrack as PolyfillTrack,
  RTCPeerConnection,
  RTCSessionDescription,
  RTCTrackEvent,
  install,
  type InstallResult,
  type TrackLike,
} from 'rtc-offer-polyfill';
import 'rtc-offer-polyfill/auto';

/** Compiles only when A and B are the same type. */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

declare function sendToServer(message: object): void;
declare const myUsername: string;
declare const targetUsername: string;

// MDN's createOffer() example, unmodified after the set-up lines.
const myPeerConnection = new RTCPeerConnection();
myPeerConnection.addTransceiver('video');

myPeerConnection
  .createOffer()
  .then((offer) => myPeerConnection.setLocalDescription(offer))
  .then(() => {
    sendToServer({
      name: myUsername,
      target: targetUsername,
      type: 'video-offer',
      sdp: myPeerConnection.localDescription,
    });
  })
  .catch((reason) => {
    // An error occurred, so handle the failure to connect
  });

// Outside browsers: stand-in tracks and streams, simulcast, a data channel, RTCOfferOptions.
async function nodeFlow(): Promise<string> {
  const pc = new RTCPeerConnection({ bundlePolicy: 'max-bundle' });
  const stream = { id: 'camera' };
  const mic: TrackLike = { kind: 'audio', id: 'mic-1' };
  pc.addTrack(mic, stream);
  pc.addTransceiver('video', {
    direction: 'sendonly',
    sendEncodings: [{ rid: 'q', scaleResolutionDownBy: 4 }, { rid: 'h', scaleResolutionDownBy: 2 }, { rid: 'f' }],
  });
  pc.createDataChannel('chat', { ordered: false, maxRetransmits: 0 });
  pc.onnegotiationneeded = function () {
    // `this` is the connection the handler was assigned to.
    void this.createOffer({ iceRestart: true, voiceActivityDetection: false });
  };
  pc.onicecandidate = (event) => {
    if (event.candidate === null) sendToServer({ sdp: pc.localDescription?.sdp });
  };
  pc.addEventListener('icegatheringstatechange', () => sendToServer({ state: pc.iceGatheringState }));
  const offer = await pc.createOffer({ offerToReceiveAudio: true });
  // createOffer() resolves with an offer whose sdp is always there.
  const offerType: 'offer' = offer.type;
  const offerSdp: string = offer.sdp;
  await pc.setLocalDescription(offer);
  const description = pc.localDescription;
  if (description === null) throw new Error('no local description');
  const json: RTCSessionDescriptionInit = description.toJSON();
  const copy = new RTCSessionDescription(json);
  pc.close();
  return `${offerType} ${offerSdp.length} ${copy.sdp} ${pc.getConfiguration().bundlePolicy}`;
}

// The legacy callback forms, with the legacy constraint names.
const legacy = new RTCPeerConnection();
const returned: Promise<void> = legacy.createOffer(
  (offer) => {
    void legacy.setLocalDescription(
      offer,
      () => sendToServer({ sdp: legacy.localDescription?.sdp }),
      (error: DOMException) => sendToServer({ error: error.name }),
    );
  },
  (error) => sendToServer({ error: error.message }),
  { mandatory: { OfferToReceiveAudio: true }, optional: [{ VoiceActivityDetection: false }] },
);

// install(): exactly three outcomes, and a switch over them is exhaustive.
const installResultIsExact: Equal<ReturnType<typeof install>, 'native' | 'patched' | 'polyfilled'> = true;
function describeInstall(result: InstallResult): string {
  switch (result) {
    case 'native':
      return 'kept the native classes';
    case 'patched':
      return 'wrapped the native classes';
    case 'polyfilled':
      return 'installed ours';
    default: {
      const unreachable: never = result;
      return unreachable;
    }
  }
}
describeInstall(install());
describeInstall(install(globalThis, { force: true }));

// generateCertificate(): a certificate for the configuration.
async function withCertificate(): Promise<string> {
  const certificate = await RTCPeerConnection.generateCertificate({ name: 'ECDSA', namedCurve: 'P-256' });
  const expires: number = certificate.expires;
  const [fingerprint] = certificate.getFingerprints();
  const pc = new RTCPeerConnection({ certificates: [certificate] });
  const certificates = pc.getConfiguration().certificates;
  pc.close();
  return `${expires} ${fingerprint?.algorithm} ${fingerprint?.value} ${certificates.length}`;
}

// Where code typed with lib.dom's WebRTC interfaces expects one, ours fits: all of
// RTCPeerConnection's members this package implements, except those returning RTP objects
// (addTrack, addTransceiver, get*, removeTrack), whose objects implement the negotiation part only
// and are checked against those parts below.
type DomPeerConnection = globalThis.RTCPeerConnection;
type ImplementedMembers =
  | 'canTrickleIceCandidates'
  | 'connectionState'
  | 'currentLocalDescription'
  | 'currentRemoteDescription'
  | 'iceConnectionState'
  | 'iceGatheringState'
  | 'localDescription'
  | 'pendingLocalDescription'
  | 'pendingRemoteDescription'
  | 'remoteDescription'
  | 'sctp'
  | 'signalingState'
  | 'onconnectionstatechange'
  | 'ondatachannel'
  | 'onicecandidate'
  | 'onicecandidateerror'
  | 'oniceconnectionstatechange'
  | 'onicegatheringstatechange'
  | 'onnegotiationneeded'
  | 'onsignalingstatechange'
  | 'ontrack'
  | 'createOffer'
  | 'createAnswer'
  | 'setLocalDescription'
  | 'setRemoteDescription'
  | 'restartIce'
  | 'createDataChannel'
  | 'getConfiguration'
  | 'setConfiguration'
  | 'close'
  | 'addEventListener'
  | 'removeEventListener'
  | 'dispatchEvent';
const Constructor: new (configuration?: RTCConfiguration) => Pick<DomPeerConnection, ImplementedMembers> = RTCPeerConnection;
const domConnection: Pick<DomPeerConnection, ImplementedMembers> = new Constructor({ iceServers: [] });
const generate: (typeof globalThis.RTCPeerConnection)['generateCertificate'] = RTCPeerConnection.generateCertificate;

async function negotiate(pc: Pick<DomPeerConnection, 'createOffer' | 'setLocalDescription' | 'localDescription'>) {
  await pc.setLocalDescription(await pc.createOffer());
  return pc.localDescription?.sdp;
}
void negotiate(new RTCPeerConnection());

const channel: globalThis.RTCDataChannel = new RTCPeerConnection().createDataChannel('lib.dom');
const description: globalThis.RTCSessionDescription = new RTCSessionDescription({ type: 'offer', sdp: '' });
const transceiver: Pick<
  globalThis.RTCRtpTransceiver,
  'mid' | 'direction' | 'currentDirection' | 'stop' | 'setCodecPreferences'
> =
  new RTCPeerConnection().addTransceiver('audio');
const sender: Pick<globalThis.RTCRtpSender, 'dtmf' | 'transport' | 'getParameters' | 'setStreams' | 'replaceTrack'> =
  new RTCPeerConnection().addTrack({ kind: 'video', id: 'cam-1' });
const receiver: Pick<globalThis.RTCRtpReceiver, 'transport' | 'getContributingSources' | 'getSynchronizationSources'> =
  new RTCPeerConnection().addTransceiver('video').receiver;

export {
  channel,
  description,
  domConnection,
  generate,
  installResultIsExact,
  nodeFlow,
  receiver,
  returned,
  sender,
  transceiver,
  withCertificate,
};

// The package's MediaStream and MediaStreamTrack: a receiver's track goes into a stream, which
// addTrack takes like any stream.
const receiving = new RTCPeerConnection();
const remote: PolyfillTrack = receiving.addTransceiver('audio').receiver.track;
const remoteStream = new PolyfillStream([remote]);
const firstTrack: PolyfillTrack | undefined = remoteStream.getAudioTracks()[0];
const streamActive: boolean = remoteStream.active;
receiving.addTrack(remote, remoteStream);
receiving.ontrack = (event) => {
  const { streams, track } = event as RTCTrackEvent;
  void streams;
  void track;
};
void firstTrack;
void streamActive;
