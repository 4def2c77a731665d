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
 * Whether `value` is one of our RTCIceCandidates (made with any target's class).
 * @param {unknown} value
 * @returns {value is RTCIceCandidate}
 */
export function isIceCandidate(value) {
  return candidates.has(value);
}

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
 * An IPv4 literal as libwebrtc reads one (glibc's inet_pton: four decimal bytes without leading
 * zeros), or null. src/sdp/ip.rs reads addresses the same way for the SDP it writes.
 * @param {string} text
 */
function ipv4Bytes(text) {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((part) => /^(0|[1-9][0-9]{0,2})$/.test(part) && Number(part) < 256)) {
    return null;
  }
  return parts.map(Number);
}

/**
 * An IPv6 literal's eight groups as inet_pton reads them (one `::`, an IPv4 tail, no zone), or null.
 * @param {string} text
 */
function ipv6Groups(text) {
  const halves = text.split('::');
  if (halves.length > 2) return null;
  /**
   * @param {string} part
   * @param {boolean} last whether the part ends the address (an IPv4 tail may end it)
   */
  const groups = (part, last) => {
    if (part === '') return [];
    const fields = part.split(':');
    /** @type {number[]} */
    const out = [];
    for (const [i, field] of fields.entries()) {
      const bytes = last && i === fields.length - 1 && field.includes('.') ? ipv4Bytes(field) : null;
      if (bytes !== null) {
        out.push(bytes[0] * 256 + bytes[1], bytes[2] * 256 + bytes[3]);
      } else if (/^[0-9a-fA-F]{1,4}$/.test(field)) {
        out.push(parseInt(field, 16));
      } else {
        return null;
      }
    }
    return out;
  };
  const head = groups(halves[0], halves.length === 1);
  const tail = groups(halves[1] ?? '', true);
  if (head === null || tail === null) return null;
  if (halves.length === 1) return head.length === 8 ? head : null;
  // `::` stands for at least one zero group.
  if (head.length + tail.length > 7) return null;
  return [...head, ...Array(8 - head.length - tail.length).fill(0), ...tail];
}

/**
 * IPv6 groups as inet_ntop writes them: lower case, the first longest run of two or more zero
 * groups as `::`, `::a.b.c.d` and `::ffff:a.b.c.d` dotted.
 * @param {number[]} groups
 */
function ipv6Text(groups) {
  let [best, bestLength, run] = [0, 0, 0];
  for (const [i, group] of groups.entries()) {
    run = group === 0 ? run + 1 : 0;
    if (run > bestLength) [best, bestLength] = [i + 1 - run, run];
  }
  if (best === 0 && (bestLength === 6 || (bestLength === 5 && groups[5] === 0xffff))) {
    const [a, b] = [groups[6], groups[7]];
    return `::${bestLength === 5 ? 'ffff:' : ''}${a >> 8}.${a & 255}.${b >> 8}.${b & 255}`;
  }
  const hex = groups.map((group) => group.toString(16));
  if (bestLength < 2) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLength).join(':')}`;
}

/**
 * An address as Chromium's attributes give it: an IPv6 literal canonical in brackets, as a URL's
 * host has it; anything else (IPv4, a hostname, what is no IP literal to libwebrtc) as written.
 * @param {string} address
 */
function uriHost(address) {
  const groups = address.includes(':') ? ipv6Groups(address) : null;
  return groups === null ? address : `[${ipv6Text(groups)}]`;
}

/**
 * The candidate-attribute grammar (RFC 8839 §5.1, RFC 6544 tcptype) as libwebrtc (Chromium 156)
 * reads it, as src/sdp/candidate.rs does: what it rejects (an empty foundation; a bad component,
 * priority, port, transport or type; a bad rport, generation, network-id or network-cost; a bad
 * tcptype or one on UDP) leaves all attributes null. `raddr`, `rport` and `tcptype` count only in
 * that order right after the type; a component other than 1 or 2 is null alone; a TCP candidate
 * without tcptype is 'passive'; a related address needs raddr or a non-zero rport (raddr alone has
 * port 0, rport alone address ''). The `ufrag` extension is not read (webrtc-pc: usernameFragment
 * comes from the init).
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
  // libwebrtc reads the component as an `int`.
  const component = /^-?[0-9]+$/.test(componentId) ? Number(componentId) : NaN;
  if (foundation === '' || !(Math.abs(component + 0.5) < 2 ** 31)) return null;
  if (!['udp', 'tcp', 'ssltcp'].includes(transport) || priority === null || port === null) return null;
  if (type !== 'host' && type !== 'srflx' && type !== 'prflx' && type !== 'relay') return null;
  let at = 8;
  /** @param {string} name */
  const field = (name) => (parts[at] === name && at + 1 < parts.length ? parts[(at += 2) - 1] : undefined);
  const relatedAddress = field('raddr') ?? '';
  const relatedPortText = field('rport');
  const relatedPort = relatedPortText === undefined ? 0 : decimal(relatedPortText, 0xffff);
  const tcpType = field('tcptype');
  if (relatedPort === null) return null;
  if (tcpType !== undefined && (transport === 'udp' || !['active', 'passive', 'so'].includes(tcpType))) return null;
  for (let i = at; i + 1 < parts.length; i += 2) {
    const max = { generation: 0xffffffff, 'network-id': 0xffff, 'network-cost': 0xffff }[parts[i]];
    if (max !== undefined && decimal(parts[i + 1], max) === null) return null;
  }
  const related = relatedAddress !== '' || relatedPort !== 0;
  return {
    foundation,
    component: component === 1 ? 'rtp' : component === 2 ? 'rtcp' : null,
    priority,
    address: uriHost(address),
    protocol: transport === 'udp' || transport === 'tcp' ? transport : null,
    port,
    type,
    tcpType: transport === 'udp' ? null : /** @type {CandidateFields['tcpType']} */ (tcpType ?? 'passive'),
    relatedAddress: related ? uriHost(relatedAddress) : null,
    relatedPort: related ? relatedPort : null,
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
