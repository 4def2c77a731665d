// Chromium's own WebRTC interfaces under the names pkg/index.js exports: pages/wpt-native.html maps
// /pkg/index.js here, so the tests/node/wpt-*.test.js ports run against Chromium's classes.

export const {
  MediaStream,
  MediaStreamTrack,
  MediaStreamTrackEvent,
  RTCCertificate,
  RTCDataChannel,
  RTCDTMFSender,
  RTCDtlsTransport,
  RTCError,
  RTCErrorEvent,
  RTCIceCandidate,
  RTCIceTransport,
  RTCPeerConnection,
  RTCPeerConnectionIceEvent,
  RTCRtpReceiver,
  RTCRtpSender,
  RTCRtpTransceiver,
  RTCSctpTransport,
  RTCSessionDescription,
  RTCStatsReport,
  RTCTrackEvent,
} = window;
