// @ts-check
// RTCPeerConnection.getStats(selector), RTCRtpSender.getStats() and RTCRtpReceiver.getStats():
// what a report is made of, read from the connection's slots; the report itself is stats.js's.

import { adopt } from './realm.js';
import { queueTask } from './tasks.js';
import { domError, isObject } from './webidl.js';
import { isTrack, receiverSlots, senderSlots, transceiverSlots } from './rtp.js';
import { emptyReport, senderReport, statsReport } from './stats.js';

/** @typedef {import('./peerconnection.js').ConnectionSlots} ConnectionSlots */
/** @typedef {import('./stats.js').StatsSource} StatsSource */

/**
 * @param {ConnectionSlots} s
 * @returns {StatsSource}
 */
export function statsSource(s) {
  const jsep = s.jsep;
  const dtls = s.transport;
  const answering = s.signalingState === 'have-remote-offer' && s.currentLocalDescription === null;
  const certificates = s.configuration.certificates.length > 0 ? s.configuration.certificates : [s.defaultCertificate];
  // libwebrtc makes the transports with the first description applied, ours or the remote one:
  // one per m-section until an answer bundles them, one for all with max-bundle.
  const bundled = s.currentLocalDescription !== null || s.configuration.bundlePolicy === 'max-bundle';
  const mid = jsep?.transportMid ?? null;
  /** @type {string[]} */
  const sections = jsep?.sectionMids ?? [];
  const mids = mid === null ? [] : bundled ? [mid] : sections;
  return {
    idOf: s.statsIds,
    closed: s.closed,
    dataChannels: s.dataChannels.map((c) => ({ key: c, label: c.label, protocol: c.protocol, id: c.id, readyState: c.readyState })),
    transports: {
      mids,
      // Until our first answer is applied libwebrtc reports the controlling ICE role it starts with.
      iceRole: dtls === null || answering ? 'controlling' : dtls.iceTransport.role,
      // The applied local description's (none while a first remote offer awaits our answer; the
      // current one's until an answer restarting ICE is applied), as libwebrtc's transport has it.
      iceUfrag: jsep?.iceParameters().local?.usernameFragment ?? null,
      dtlsRole: jsep?.dtlsRole ?? null,
      dtlsState: dtls?.state ?? 'new',
      iceState: dtls?.iceTransport.state ?? 'new',
    },
    certificates: /** @type {import('./certificate.js').RTCCertificate[]} */ (certificates.filter((c) => c !== null)),
    senders: s.transceivers
      .map((transceiver) => transceiverSlots(transceiver))
      .filter((slots) => !slots.stopped)
      .map((slots) => {
        const sender = senderSlots(slots.sender);
        const negotiated = s.hooks.negotiated(slots.id);
        return {
          key: slots.sender,
          kind: slots.kind,
          mid: slots.mid,
          trackId: sender.track?.id ?? null,
          // As libwebrtc's send stream: from the answer that first made it send until a
          // description applied rejects its section (it stops).
          sends: slots.hasSent && slots.mid !== null && sections.includes(slots.mid),
          codec: negotiated?.sendCodecs[0],
          ssrcs: negotiated?.ssrcs ?? [],
          active: sender.sendEncodings[0]?.active ?? true,
        };
      }),
  };
}

/**
 * `make()` in a queued task (getStats is not chained and resolves a task later), as the report
 * class of the connection's target.
 * @param {ConnectionSlots} s
 * @param {() => import('./stats.js').RTCStatsReport} make
 */
function inTask(s, make) {
  return new Promise((resolve) => queueTask(() => resolve(adopt(s.pc, make()))));
}

/**
 * RTCPeerConnection.getStats(selector): the whole report, or a sender's or receiver's for a track
 * exactly one of them has (else InvalidAccessError).
 * @param {ConnectionSlots} s
 * @param {unknown} selector
 */
export function connectionStats(s, selector) {
  if (selector === undefined || selector === null) return inTask(s, () => statsReport(statsSource(s)));
  if (!isObject(selector) || !isTrack(selector)) {
    return Promise.reject(new TypeError("getStats: parameter 1 is not of type 'MediaStreamTrack'"));
  }
  /** @type {{index: number, sender: boolean}[]} */
  const owners = [];
  s.transceivers.forEach((transceiver, index) => {
    const slots = transceiverSlots(transceiver);
    if (senderSlots(slots.sender).track === selector) owners.push({ index, sender: true });
    if (receiverSlots(slots.receiver).track === selector) owners.push({ index, sender: false });
  });
  if (owners.length !== 1) {
    return Promise.reject(domError('InvalidAccessError', 'getStats: the track is not sent or received by exactly one sender or receiver'));
  }
  const [{ index, sender }] = owners;
  const { sender: key } = transceiverSlots(s.transceivers[index]);
  return inTask(s, () => (sender ? senderReport(statsSource(s), key) : emptyReport()));
}

/**
 * RTCRtpSender.getStats().
 * @param {ConnectionSlots} s
 * @param {number} id The sender's transceiver id.
 */
export function senderStats(s, id) {
  return inTask(s, () => {
    const transceiver = s.transceivers.find((t) => transceiverSlots(t).id === id);
    return transceiver === undefined ? emptyReport() : senderReport(statsSource(s), transceiverSlots(transceiver).sender);
  });
}

/**
 * RTCRtpReceiver.getStats(): nothing is ever received here (Chromium's is empty too until packets arrive).
 * @param {ConnectionSlots} s
 */
export function receiverStats(s) {
  return inTask(s, emptyReport);
}
