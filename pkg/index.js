// @ts-check
// rtc-offer-polyfill: a spec-faithful WebRTC createOffer() (W3C webrtc-pc object model in
// JavaScript, JSEP offers and certificates from a Rust core compiled to WebAssembly).

export { RTCCertificate } from './certificate.js';
export { preload } from './core.js';
export { RTCDataChannel } from './datachannel.js';
export { RTCDTMFSender } from './dtmf.js';
export { RTCError, RTCSessionDescription } from './description.js';
export { RTCErrorEvent, RTCPeerConnectionIceEvent, RTCTrackEvent } from './events.js';
export { RTCIceCandidate } from './icecandidate.js';
export { install } from './install.js';
export { MediaStream, MediaStreamTrack, MediaStreamTrackEvent } from './mediastream.js';
export { RTCPeerConnection } from './peerconnection.js';
export { RTCRtpReceiver, RTCRtpSender, RTCRtpTransceiver } from './rtp.js';
export { RTCStatsReport } from './stats.js';
export { RTCDtlsTransport, RTCIceTransport, RTCSctpTransport } from './transports.js';
