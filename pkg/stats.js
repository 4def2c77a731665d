// @ts-check
// getStats() (webrtc-pc §8, webrtc-stats): an RTCStatsReport with what a connection that never
// connects has, shaped as Chromium 156 reports an unconnected connection (types, members in its
// order, cross-references, order of entries). Nothing is sent, received, gathered or played
// here: counters Chromium reports for what carried nothing are 0, and there are no inbound RTP,
// candidate, candidate-pair or media-playout stats. Ids are unpredictable, as webrtc-pc requires
// (Chromium's are not; see the README's Decisions).

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
 * One sender as a report needs it.
 * @typedef {object} SenderSource
 * @property {object} key What identifies it (its RTCRtpSender).
 * @property {'audio' | 'video'} kind
 * @property {string | null} mid
 * @property {string | null} trackId Its track's id; null without a track.
 * @property {boolean} sends It has an RTP stream: an answer made it send, and its section is still in use.
 * @property {import('./wasm/rtc_offer_polyfill.js').NegotiatedCodec | undefined} codec The codec it would send with.
 * @property {number[]} ssrcs Its SSRC, then for video its RTX SSRC; empty for simulcast (none in the SDP).
 * @property {boolean} active Its first encoding's.
 */

/**
 * What a report is made from: the connection's state, gathered by connection-stats.js.
 * @typedef {object} StatsSource
 * @property {(key: unknown, prefix: string) => string} idOf The stats id of the object `key` names:
 *   random, the same for the same key on every call.
 * @property {boolean} closed
 * @property {{key: object, label: string, protocol: string, id: number | null, readyState: RTCDataChannelState}[]} dataChannels
 *   Every channel made on the connection, in creation order.
 * @property {{mids: string[], iceRole: RTCIceRole, iceUfrag: string | null, dtlsRole: 'client' | 'server' | null,
 *   dtlsState: RTCDtlsTransportState, iceState: RTCIceTransportState}} transports The mids each with a
 *   transport of its own (one once bundled, none before a description), and what they all report.
 * @property {import('./certificate.js').RTCCertificate[]} certificates The local certificates.
 * @property {SenderSource[]} senders Per transceiver not stopped, in order.
 */

/**
 * One stats object: id, timestamp and type first, then its members in groups (a dictionary's
 * before those of the dictionaries deriving from it), each in alphabetical order, as Chromium's.
 * @param {string} id
 * @param {number} timestamp
 * @param {string} type
 * @param {...Record<string, unknown>} groups
 * @returns {Stats}
 */
function stats(id, timestamp, type, ...groups) {
  /** @type {Stats} */
  const out = { id, timestamp, type };
  for (const members of groups) {
    for (const name of Object.keys(members).sort()) {
      if (members[name] !== undefined) out[name] = members[name];
    }
  }
  return out;
}

/**
 * The order of types in a report: Chromium sorts its entries by id, whose first letters (CF, CO,
 * D, O, P, S, T) name the type. Objects of one type keep the order they are made in.
 */
const TYPE_ORDER = ['certificate', 'codec', 'data-channel', 'outbound-rtp', 'peer-connection', 'media-source', 'transport'];

/**
 * Every stats object of the connection, by id.
 * @param {StatsSource} source
 * @returns {Map<string, Stats>}
 */
function collect(source) {
  const { idOf } = source;
  // One time for the whole report, as Chromium's.
  const timestamp = performance.timeOrigin + performance.now();
  /** @type {Stats[]} */
  const all = [stats(idOf('peer-connection', 'P'), timestamp, 'peer-connection', { dataChannelsClosed: 0, dataChannelsOpened: 0 })];
  if (!source.closed) {
    // A closed channel is gone from Chromium's reports, as from its connection.
    for (const channel of source.dataChannels.filter((c) => c.readyState !== 'closed')) {
      all.push(
        stats(idOf(channel.key, 'D'), timestamp, 'data-channel', {
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
    }
    // Chromium lists a sender's media source from addTrack on, before any description.
    for (const sender of source.senders) {
      if (sender.trackId === null) continue;
      all.push(stats(idOf(sender.key, 'S'), timestamp, 'media-source', { kind: sender.kind, trackIdentifier: sender.trackId }));
    }
    all.push(...transportStats(source, timestamp));
  }
  all.sort((a, b) => TYPE_ORDER.indexOf(a.type) - TYPE_ORDER.indexOf(b.type));
  return new Map(all.map((s) => [s.id, s]));
}

/**
 * The transports, the certificate they reference, and what is sent on them: per sending sender
 * its outbound-rtp stream (counters 0, as Chromium reports it once the answer configured the
 * sender) and the codec it references.
 * @param {StatsSource} source
 * @param {number} timestamp
 * @returns {Stats[]}
 */
function transportStats(source, timestamp) {
  const { idOf, transports } = source;
  if (transports.mids.length === 0) return [];
  /** @type {Stats[]} */
  const all = [];
  const certificateIds = source.certificates.map((certificate) => {
    const [fingerprint] = sdpFingerprints(certificate);
    const id = idOf(certificate, 'CF');
    all.push(
      stats(id, timestamp, 'certificate', {
        base64Certificate: base64Certificate(certificate),
        fingerprint: fingerprint.value,
        fingerprintAlgorithm: fingerprint.algorithm,
      }),
    );
    return id;
  });
  for (const mid of transports.mids) {
    all.push(
      stats(idOf(`transport ${mid}`, 'T'), timestamp, 'transport', {
        bytesReceived: 0,
        bytesSent: 0,
        dtlsRole: transports.dtlsRole ?? 'unknown',
        dtlsState: transports.dtlsState,
        iceLocalUsernameFragment: transports.iceUfrag ?? undefined,
        iceRole: transports.iceRole,
        iceState: transports.iceState,
        localCertificateId: certificateIds[0],
        packetsReceived: 0,
        packetsSent: 0,
        selectedCandidatePairChanges: 0,
      }),
    );
  }
  // Senders are configured by an answer, which bundles everything on the first transport.
  const transportKey = `transport ${transports.mids[0]}`;
  const transportId = idOf(transportKey, 'T');
  for (const sender of source.senders) {
    const { codec, ssrcs: [ssrc, rtxSsrc] } = sender;
    if (!sender.sends || codec === undefined || ssrc === undefined) continue;
    const codecId = idOf(`codec ${transportKey} ${codec.payloadType} ${codec.sdpFmtpLine ?? ''}`, 'CO');
    if (!all.some((s) => s.id === codecId)) {
      all.push(
        stats(codecId, timestamp, 'codec', {
          channels: codec.channels,
          clockRate: codec.clockRate,
          mimeType: codec.mimeType,
          payloadType: codec.payloadType,
          sdpFmtpLine: codec.sdpFmtpLine,
          transportId,
        }),
      );
    }
    const video = sender.kind === 'video';
    all.push(
      stats(
        idOf(`outbound ${ssrc}`, 'O'),
        timestamp,
        'outbound-rtp',
        { codecId, kind: sender.kind, mediaType: sender.kind, ssrc, transportId },
        { bytesSent: 0, packetsSent: 0 },
        {
          active: sender.active,
          headerBytesSent: 0,
          mediaSourceId: sender.trackId === null ? undefined : idOf(sender.key, 'S'),
          mid: sender.mid ?? undefined,
          nackCount: 0,
          packetsSentWithEct1: 0,
          retransmittedBytesSent: 0,
          retransmittedPacketsSent: 0,
          totalPacketSendDelay: 0,
        },
        // What an encoder reports; nothing was encoded. Chromium's qualityLimitationDurations
        // measure the time its encoder ran, which has no counterpart here.
        video
          ? {
              encodingIndex: 0,
              firCount: 0,
              framesEncoded: 0,
              framesSent: 0,
              hugeFramesSent: 0,
              keyFramesEncoded: 0,
              pliCount: 0,
              qualityLimitationReason: 'none',
              qualityLimitationResolutionChanges: 0,
              rtxSsrc,
              totalEncodeTime: 0,
              totalEncodedBytesTarget: 0,
            }
          : {},
      ),
    );
  }
  return all;
}

/**
 * An RTCStatsReport of `source`.
 * @param {StatsSource} source
 */
export function statsReport(source) {
  return new RTCStatsReport(CONSTRUCT, collect(source));
}

/**
 * A sender's getStats() (webrtc-pc "stats selection algorithm"): its outbound-rtp stream and
 * every object it references, directly or through another (codec, media source, transport,
 * certificate), in the report's order; empty until an answer configures it, as Chromium's.
 * @param {StatsSource} source
 * @param {object} key The sender's key in `source.senders`.
 */
export function senderReport(source, key) {
  const all = collect(source);
  const sender = source.senders.find((s) => s.key === key);
  const wanted = new Set();
  /** @param {string} id */
  const take = (id) => {
    const s = all.get(id);
    if (s === undefined || wanted.has(id)) return;
    wanted.add(id);
    for (const [name, value] of Object.entries(s)) {
      if (name.endsWith('Id') && typeof value === 'string') take(value);
    }
  };
  if (sender?.ssrcs[0] !== undefined) take(source.idOf(`outbound ${sender.ssrcs[0]}`, 'O'));
  return new RTCStatsReport(CONSTRUCT, new Map([...all].filter(([id]) => wanted.has(id))));
}

/** An empty report: a receiver's before any packet arrives (Chromium's). */
export function emptyReport() {
  return new RTCStatsReport(CONSTRUCT, new Map());
}

const ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * A connection's stats ids (webrtc-pc RTCStats.id: unpredictable, the same for the same object
 * in every report, never reused): `prefix`, the letters Chromium's ids of that type start with,
 * then 8 random characters, made the first time `key` is asked for.
 * @returns {(key: unknown, prefix: string) => string}
 */
export function statsIds() {
  /** @type {Map<unknown, string>} */
  const ids = new Map();
  const used = new Set();
  return (key, prefix) => {
    let id = ids.get(key);
    if (id !== undefined) return id;
    do {
      id = prefix + Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => ID_CHARS[b & 63]).join('');
    } while (used.has(id));
    ids.set(key, id);
    used.add(id);
    return id;
  };
}
