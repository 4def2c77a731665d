// @ts-check
// getStats() (webrtc-pc §8, webrtc-stats): an RTCStatsReport with what a connection that never
// connects has, shaped and named as Chromium 156 reports a negotiated but unconnected connection
// (ids, members in its order, entries sorted by id). Nothing is sent or received here, so there
// are no RTP stream, candidate or candidate-pair stats; counters Chromium reports for a transport
// or data channel that carried nothing are 0.

import { base64Certificate, sdpFingerprints } from './certificate.js';
import { exposeInterface, illegalConstructor, slotStore } from './webidl.js';

/** @typedef {Record<string, unknown> & {id: string, timestamp: number, type: string}} Stats */

/** @type {import('./webidl.js').SlotStore<Map<string, Stats>>} */
const reports = slotStore();
const CONSTRUCT = Symbol('stats');

/** The readonly maplike<DOMString, object> browsers give (webrtc-pc §8.3). */
export class RTCStatsReport {
  /**
   * @param {symbol} [token]
   * @param {Map<string, Stats>} [map]
   */
  constructor(token = undefined, map = undefined) {
    if (token !== CONSTRUCT) throw illegalConstructor();
    reports.set(this, /** @type {Map<string, Stats>} */ (map));
  }

  get size() {
    return reports.of(this).size;
  }

  entries() {
    return reports.of(this).entries();
  }

  /**
   * @param {(value: Stats, key: string, report: RTCStatsReport) => void} callback
   * @param {unknown} [thisArg]
   */
  forEach(callback, thisArg = undefined) {
    const map = reports.of(this);
    if (typeof callback !== 'function') throw new TypeError('RTCStatsReport.forEach: the callback is not a function');
    map.forEach((value, key) => callback.call(thisArg, value, key, this));
  }

  /** @param {unknown} key */
  get(key) {
    return reports.of(this).get(String(key));
  }

  /** @param {unknown} key */
  has(key) {
    return reports.of(this).has(String(key));
  }

  keys() {
    return reports.of(this).keys();
  }

  values() {
    return reports.of(this).values();
  }
}
Object.defineProperty(RTCStatsReport.prototype, Symbol.iterator, {
  value: RTCStatsReport.prototype.entries,
  writable: true,
  configurable: true,
});
exposeInterface(RTCStatsReport, 'RTCStatsReport');

/**
 * What a report is made from: the connection's state, gathered by peerconnection.js.
 * @typedef {object} StatsSource
 * @property {boolean} closed
 * @property {{label: string, protocol: string, id: number | null, readyState: RTCDataChannelState}[]} dataChannels
 *   Every channel made on the connection, in creation order.
 * @property {{mid: string, iceRole: RTCIceRole, iceUfrag: string | null, dtlsRole: 'client' | 'server' | null,
 *   dtlsState: RTCDtlsTransportState, iceState: RTCIceTransportState} | null} transport The BUNDLE transport
 *   once a description made it (named after its first mid, as libwebrtc names it).
 * @property {import('./certificate.js').RTCCertificate[]} certificates The local certificates.
 * @property {{sends: boolean, codec: import('./wasm/rtc_offer_polyfill.js').NegotiatedCodec | undefined}[]} senders
 *   Per transceiver: whether it sends now and the codec it would send with.
 */

/**
 * One stats object: id, timestamp and type first, then its members in alphabetical order (as
 * Chromium's).
 * @param {string} id
 * @param {number} timestamp
 * @param {string} type
 * @param {Record<string, unknown>} members
 * @returns {Stats}
 */
function stats(id, timestamp, type, members) {
  /** @type {Stats} */
  const out = { id, timestamp, type };
  for (const name of Object.keys(members).sort()) {
    if (members[name] !== undefined) out[name] = members[name];
  }
  return out;
}

/**
 * Chromium's id of an outbound codec's stats.
 * @param {string} transportId
 * @param {import('./wasm/rtc_offer_polyfill.js').NegotiatedCodec} codec
 */
function codecId(transportId, codec) {
  const fmtp = codec.sdpFmtpLine === undefined ? '' : `_${codec.sdpFmtpLine}`;
  return `CO${transportId}_${codec.payloadType}${fmtp}`;
}

/**
 * Every stats object of the connection, by id.
 * @param {StatsSource} source
 * @returns {Map<string, Stats>}
 */
function collect(source) {
  const timestamp = performance.timeOrigin + performance.now();
  /** @type {Stats[]} */
  const all = [stats('P', timestamp, 'peer-connection', { dataChannelsClosed: 0, dataChannelsOpened: 0 })];
  if (source.closed) return new Map(all.map((s) => [s.id, s]));
  source.dataChannels.forEach((channel, i) => {
    all.push(
      stats(`D${i + 1}`, timestamp, 'data-channel', {
        bytesReceived: 0,
        bytesSent: 0,
        dataChannelIdentifier: channel.id ?? undefined,
        label: channel.label,
        messagesReceived: 0,
        messagesSent: 0,
        protocol: channel.protocol,
        state: channel.readyState,
      }),
    );
  });
  const transport = source.transport;
  if (transport !== null) {
    const transportId = `T${transport.mid}1`;
    const certificateIds = source.certificates.map((certificate) => {
      const [fingerprint] = sdpFingerprints(certificate);
      const id = `CF${fingerprint.value}`;
      all.push(
        stats(id, timestamp, 'certificate', {
          base64Certificate: base64Certificate(certificate),
          fingerprint: fingerprint.value,
          fingerprintAlgorithm: fingerprint.algorithm,
        }),
      );
      return id;
    });
    all.push(
      stats(transportId, timestamp, 'transport', {
        bytesReceived: 0,
        bytesSent: 0,
        dtlsRole: transport.dtlsRole ?? 'unknown',
        dtlsState: transport.dtlsState,
        iceLocalUsernameFragment: transport.iceUfrag ?? undefined,
        iceRole: transport.iceRole,
        iceState: transport.iceState,
        localCertificateId: certificateIds[0],
        packetsReceived: 0,
        packetsSent: 0,
        selectedCandidatePairChanges: 0,
      }),
    );
    for (const { sends, codec } of source.senders) {
      if (!sends || codec === undefined) continue;
      all.push(
        stats(codecId(transportId, codec), timestamp, 'codec', {
          channels: codec.channels,
          clockRate: codec.clockRate,
          mimeType: codec.mimeType,
          payloadType: codec.payloadType,
          sdpFmtpLine: codec.sdpFmtpLine,
          transportId,
        }),
      );
    }
  }
  all.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return new Map(all.map((s) => [s.id, s]));
}

/**
 * An RTCStatsReport of `source`.
 * @param {StatsSource} source
 */
export function statsReport(source) {
  return new RTCStatsReport(CONSTRUCT, collect(source));
}

/**
 * A sender's getStats() (webrtc-pc "stats selection algorithm": its stream stats and what they
 * reference; here what Chromium lists for an unconnected sender: its codec, the transport and the
 * certificate, once it sends).
 * @param {StatsSource} source
 * @param {number} index The sender's transceiver in `source.senders`.
 */
export function senderReport(source, index) {
  const all = collect(source);
  const { sends, codec } = source.senders[index];
  const transport = source.transport;
  /** @type {Map<string, Stats>} */
  const selected = new Map();
  if (!source.closed && transport !== null && sends && codec !== undefined) {
    const wanted = codecId(`T${transport.mid}1`, codec);
    for (const [id, s] of all) {
      if (id === wanted || s.type === 'transport' || s.type === 'certificate') selected.set(id, s);
    }
  }
  return new RTCStatsReport(CONSTRUCT, selected);
}

/** An empty report: a receiver's before any packet arrives (Chromium's). */
export function emptyReport() {
  return new RTCStatsReport(CONSTRUCT, new Map());
}
