// @ts-check
// RTCIceCandidate and the RTCIceCandidateInit dictionary (webrtc-pc §5.4). Its constructor reads
// the candidate attribute's fields synchronously, before the core may be loaded, so the fields are
// read here; what addIceCandidate accepts and writes is the core's parse (src/sdp/candidate.rs).

import {
  MAX_UNSIGNED_SHORT,
  exposeInterface,
  member,
  slotStore,
  toDictionary,
  toDOMString,
  toUnsignedLong,
} from './webidl.js';

/**
 * RTCIceCandidateInit after conversion.
 * @typedef {object} CandidateInit
 * @property {string} candidate
 * @property {string | null} sdpMid
 * @property {number | null} sdpMLineIndex
 * @property {string | null} usernameFragment
 */

/**
 * The fields of a candidate attribute (null when the string does not parse).
 * @typedef {object} CandidateFields
 * @property {string} foundation
 * @property {'rtp' | 'rtcp' | null} component
 * @property {number} priority
 * @property {string} address
 * @property {'udp' | 'tcp' | null} protocol
 * @property {number} port
 * @property {'host' | 'srflx' | 'prflx' | 'relay'} type
 * @property {'active' | 'passive' | 'so' | null} tcpType
 * @property {string | null} relatedAddress
 * @property {number | null} relatedPort
 */

/**
 * @typedef {CandidateInit & {fields: CandidateFields | null}} CandidateSlots
 */

/** @type {import('./webidl.js').SlotStore<CandidateSlots>} */
const candidates = slotStore();

/**
 * @param {unknown} value
 * @param {string} what
 */
function toNullableDOMString(value, what) {
  return value === null ? null : toDOMString(value, what);
}

/**
 * `unsigned short?` without [EnforceRange]: wraps modulo 2^16.
 * @param {unknown} value
 * @param {string} what
 */
function toNullableIndex(value, what) {
  return value === null ? null : toUnsignedLong(value, what) & MAX_UNSIGNED_SHORT;
}

/**
 * WebIDL conversion of RTCIceCandidateInit (members in lexicographic order: their getters run so).
 * @param {unknown} value
 * @param {string} what
 * @returns {CandidateInit}
 */
export function toCandidateInit(value, what) {
  const dictionary = toDictionary(value, what);
  return {
    candidate: member(dictionary, 'candidate', toDOMString, '', `${what}.candidate`),
    sdpMLineIndex: member(dictionary, 'sdpMLineIndex', toNullableIndex, null, `${what}.sdpMLineIndex`),
    sdpMid: member(dictionary, 'sdpMid', toNullableDOMString, null, `${what}.sdpMid`),
    usernameFragment: member(dictionary, 'usernameFragment', toNullableDOMString, null, `${what}.usernameFragment`),
  };
}

/**
 * A decimal number without sign, or null.
 * @param {string | undefined} text
 * @param {number} max
 */
function decimal(text, max) {
  if (text === undefined || !/^[0-9]+$/.test(text)) return null;
  const number = Number(text);
  return number <= max ? number : null;
}

/**
 * An address as Chromium's attributes give it: IPv6 canonical (RFC 5952) in brackets, as a URL's
 * host has it; anything else as written.
 * @param {string} address
 */
function uriHost(address) {
  if (!address.includes(':')) return address;
  try {
    return new URL(`http://[${address}]/`).hostname;
  } catch {
    return `[${address.toLowerCase()}]`;
  }
}

/**
 * The candidate-attribute grammar (RFC 8839 §5.1, RFC 6544 tcptype) as Chromium 156 reads it for
 * the attributes: an empty foundation, a bad priority, address, port, transport or type, or a tcptype on UDP,
 * leaves them all null; a component other than 1 or 2 is null alone; a TCP candidate without
 * tcptype is 'passive'; raddr without rport has port 0; a last extension name without a value is
 * ignored. The `ufrag` extension is not read (webrtc-pc: usernameFragment comes from the init).
 * @param {string} candidate
 * @returns {CandidateFields | null}
 */
export function parseCandidateFields(candidate) {
  const body = candidate.replace(/^a=/, '');
  if (!body.startsWith('candidate:')) return null;
  const parts = body.slice('candidate:'.length).split(' ');
  if (parts.length < 8 || parts[6] !== 'typ') return null;
  const [foundation, componentId, transportText, priorityText, address, portText, , type] = parts;
  const transport = transportText.toLowerCase();
  const priority = decimal(priorityText, 0xffffffff);
  const port = decimal(portText, 0xffff);
  if (foundation === '' || decimal(componentId, 0xffffffff) === null || address === '') return null;
  if (!['udp', 'tcp', 'ssltcp'].includes(transport) || priority === null || port === null) return null;
  if (type !== 'host' && type !== 'srflx' && type !== 'prflx' && type !== 'relay') return null;
  /** @type {Map<string, string>} */
  const extensions = new Map();
  for (let i = 8; i + 1 < parts.length; i += 2) extensions.set(parts[i], parts[i + 1]);
  const tcpType = extensions.get('tcptype');
  if (tcpType !== undefined && (transport === 'udp' || !['active', 'passive', 'so'].includes(tcpType))) return null;
  const relatedAddress = extensions.get('raddr');
  const relatedPortText = extensions.get('rport');
  const relatedPort = relatedPortText === undefined ? 0 : decimal(relatedPortText, 0xffff);
  if (relatedPort === null) return null;
  return {
    foundation,
    component: componentId === '1' ? 'rtp' : componentId === '2' ? 'rtcp' : null,
    priority,
    address: uriHost(address),
    protocol: transport === 'udp' || transport === 'tcp' ? transport : null,
    port,
    type,
    tcpType: transport === 'udp' ? null : /** @type {CandidateFields['tcpType']} */ (tcpType ?? 'passive'),
    relatedAddress: relatedAddress === undefined ? null : uriHost(relatedAddress),
    relatedPort: relatedAddress === undefined ? null : relatedPort,
  };
}

/**
 * @template {keyof CandidateFields} K
 * @param {RTCIceCandidate} candidate
 * @param {K} name
 * @returns {CandidateFields[K] | null}
 */
function field(candidate, name) {
  return candidates.of(candidate).fields?.[name] ?? null;
}

export class RTCIceCandidate {
  /** @param {unknown} [candidateInitDict] */
  constructor(candidateInitDict = undefined) {
    const what = "Failed to construct 'RTCIceCandidate'";
    // Chromium 156 reads RTCIceCandidateInit only: relayProtocol and url stay null for candidates
    // a page makes (only gathered ones have them).
    const init = toCandidateInit(candidateInitDict, 'RTCIceCandidateInit');
    if (init.sdpMid === null && init.sdpMLineIndex === null) {
      throw new TypeError(`${what}: sdpMid and sdpMLineIndex are both null`);
    }
    candidates.set(this, {
      ...init,
      fields: init.candidate === '' ? null : parseCandidateFields(init.candidate),
    });
  }

  get candidate() {
    return candidates.of(this).candidate;
  }

  get sdpMid() {
    return candidates.of(this).sdpMid;
  }

  get sdpMLineIndex() {
    return candidates.of(this).sdpMLineIndex;
  }

  get foundation() {
    return field(this, 'foundation');
  }

  get component() {
    return field(this, 'component');
  }

  get priority() {
    return field(this, 'priority');
  }

  get address() {
    return field(this, 'address');
  }

  get protocol() {
    return field(this, 'protocol');
  }

  get port() {
    return field(this, 'port');
  }

  get type() {
    return field(this, 'type');
  }

  get tcpType() {
    return field(this, 'tcpType');
  }

  get relatedAddress() {
    return field(this, 'relatedAddress');
  }

  get relatedPort() {
    return field(this, 'relatedPort');
  }

  get usernameFragment() {
    return candidates.of(this).usernameFragment;
  }

  get relayProtocol() {
    candidates.of(this);
    return null;
  }

  get url() {
    candidates.of(this);
    return null;
  }

  /** Chromium's shape: a null sdpMLineIndex left out, a null sdpMid or usernameFragment as ''. */
  toJSON() {
    const { candidate, sdpMid, sdpMLineIndex, usernameFragment } = candidates.of(this);
    return {
      candidate,
      sdpMid: sdpMid ?? '',
      ...(sdpMLineIndex === null ? {} : { sdpMLineIndex }),
      usernameFragment: usernameFragment ?? '',
    };
  }
}
exposeInterface(RTCIceCandidate, 'RTCIceCandidate');
