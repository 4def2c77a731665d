// Explains SDP line by line for the demo: the part of the description a line belongs to, a
// category for highlighting, what it means and where it is specified. The meanings are written for
// offers and answers such as Chromium (and so this package) makes; other lines get a generic note.

const rfc = (number, section) => ({
  label: section ? `RFC ${number} §${section}` : `RFC ${number}`,
  href: `https://www.rfc-editor.org/rfc/rfc${number}${section ? `#section-${section}` : ''}`,
});
const doc = (label, href) => ({ label, href });
const webrtcOrg = (name) =>
  doc('webrtc.org', `https://webrtc.googlesource.com/src/+/main/docs/native-code/rtp-hdrext/${name}/README.md`);

const JSEP = rfc(9429, '5.2.1');
const MSID_DRAFT = doc('draft-ietf-mmusic-msid (early)', 'https://datatracker.ietf.org/doc/draft-ietf-mmusic-msid/');
const TWCC_DRAFT = doc(
  'draft-holmer-rmcat-transport-wide-cc-extensions',
  'https://datatracker.ietf.org/doc/html/draft-holmer-rmcat-transport-wide-cc-extensions-01',
);
const REMB_DRAFT = doc('draft-alvestrand-rmcat-remb', 'https://datatracker.ietf.org/doc/html/draft-alvestrand-rmcat-remb');
const AV1_RTP = doc('AV1 RTP spec', 'https://aomediacodec.github.io/av1-rtp-spec/');
const TS_26114 = doc('3GPP TS 26.114', 'https://www.3gpp.org/DynaReport/26114.htm');

/** Highlighting categories, in legend order. */
export const CATEGORIES = {
  session: 'Session',
  media: 'm-line',
  transport: 'ICE, DTLS and bundling',
  extension: 'RTP header extensions',
  codec: 'Codecs and RTCP',
  stream: 'Direction, streams and SSRCs',
  simulcast: 'Simulcast',
  other: 'Other',
};

/** Encoding name → [what it is, its specification]. */
const CODECS = {
  opus: ['Opus, for speech and music', rfc(7587)],
  red: ['RED: redundant copies of earlier payloads', rfc(2198)],
  G722: [
    'G.722 wideband speech (sampled at 16 kHz; its 8000 Hz RTP clock is a historical mistake kept for compatibility)',
    rfc(3551, '4.5.2'),
  ],
  PCMU: ['G.711 µ-law', rfc(3551, '4.5.14')],
  PCMA: ['G.711 A-law', rfc(3551, '4.5.14')],
  CN: ['comfort noise, sent in silences (only offered while voiceActivityDetection is on)', rfc(3389)],
  'telephone-event': ['DTMF tones, as RTCDTMFSender sends them', rfc(4733)],
  VP8: ['VP8 video', rfc(7741)],
  VP9: ['VP9 video', rfc(9628)],
  H264: ['H.264 video', rfc(6184)],
  H265: ['H.265 video', rfc(7798)],
  AV1: ['AV1 video', AV1_RTP],
  rtx: ['RTX retransmissions', rfc(4588)],
  ulpfec: ['ULPFEC forward error correction', rfc(5109)],
  'flexfec-03': ['FlexFEC forward error correction', rfc(8627)],
};

/** Header extension URI → [what it carries, its specification]. */
const HEADER_EXTENSIONS = {
  'urn:ietf:params:rtp-hdrext:ssrc-audio-level': [
    'the audio level of each packet (active speaker detection without decoding)',
    rfc(6464),
  ],
  'urn:ietf:params:rtp-hdrext:toffset': ['the transmission time offset of each packet', rfc(5450)],
  'urn:ietf:params:rtp-hdrext:sdes:mid': ['the mid of the m-section a packet belongs to, to sort bundled packets', rfc(9143)],
  'urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id': ['the rid of the simulcast encoding a packet belongs to', rfc(8852)],
  'urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id': ['the rid of the stream an RTX packet repairs', rfc(8852)],
  'urn:3gpp:video-orientation': ['the camera orientation (CVO), so the receiver can rotate the picture', TS_26114],
  'http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time': [
    'the absolute send time, for bandwidth estimation (REMB)',
    webrtcOrg('abs-send-time'),
  ],
  'http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01': [
    'a transport-wide sequence number, for transport-cc congestion control',
    TWCC_DRAFT,
  ],
  'http://www.webrtc.org/experiments/rtp-hdrext/playout-delay': [
    'the playout delay bounds the sender asks for',
    webrtcOrg('playout-delay'),
  ],
  'http://www.webrtc.org/experiments/rtp-hdrext/video-content-type': [
    'whether video is a screen share or a camera',
    webrtcOrg('video-content-type'),
  ],
  'http://www.webrtc.org/experiments/rtp-hdrext/video-timing': ['per-frame timing, for diagnostics', webrtcOrg('video-timing')],
  'http://www.webrtc.org/experiments/rtp-hdrext/color-space': [
    'the color space and HDR metadata of the video',
    webrtcOrg('color-space'),
  ],
  'https://aomediacodec.github.io/av1-rtp-spec/#dependency-descriptor-rtp-header-extension': [
    'the dependency descriptor, so SFUs can forward layers without decoding',
    AV1_RTP,
  ],
  'http://www.webrtc.org/experiments/rtp-hdrext/video-layers-allocation00': [
    'which simulcast and SVC layers are sent, for SFUs',
    webrtcOrg('video-layers-allocation00'),
  ],
};

/** rtcp-fb value → [what the receiver may send, its specification]. */
const RTCP_FEEDBACK = {
  'goog-remb': ['receiver-estimated maximum bitrate (REMB) messages', REMB_DRAFT],
  'transport-cc': ['transport-wide congestion control feedback', TWCC_DRAFT],
  'ccm fir': ['Full Intra Requests: the receiver may ask for a key frame', rfc(5104)],
  nack: ['generic NACKs: the receiver may ask for lost packets again', rfc(4585, '6.2.1')],
  'nack pli': ['Picture Loss Indications: the receiver may report a broken picture', rfc(4585, '6.3.1')],
};

const DIRECTIONS = {
  sendrecv: 'this side sends and wants to receive',
  sendonly: 'this side sends and does not want to receive',
  recvonly: 'this side receives and does not send',
  inactive: 'this side neither sends nor receives',
};

/** a=setup value → the DTLS role it gives this side. */
const DTLS_ROLES = {
  actpass: 'DTLS role: the offerer can be DTLS client or server; the answerer picks (usually active, the client).',
  active: 'DTLS role: this side is the DTLS client (active): it starts the handshake. The answerer picks this to an actpass offer.',
  passive: 'DTLS role: this side is the DTLS server (passive): it waits for the other side to start the handshake.',
};

const H264_PROFILES = { '4d': 'Main', '64': 'High', 'f4': 'High 4:4:4 Predictive' };
const VP9_PROFILES = ['8-bit 4:2:0', '8-bit 4:2:2/4:4:4', '10/12-bit 4:2:0', '10/12-bit 4:2:2/4:4:4'];
const AV1_PROFILES = ['Main', 'High', 'Professional'];

const list = (items) => (items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);

/** Splits "first rest of the value" at its first space. */
function firstWord(value) {
  const space = value.indexOf(' ');
  return space < 0 ? [value, ''] : [value.slice(0, space), value.slice(space + 1)];
}

/** The payload types a section's a=rtpmap lines name: Map pt → { name, clock, channels }. */
function payloadTypes(lines) {
  const types = new Map();
  for (const line of lines) {
    if (!line.startsWith('a=rtpmap:')) continue;
    const [pt, encoding] = firstWord(line.slice('a=rtpmap:'.length));
    const [name, clock, channels] = encoding.split('/');
    types.set(pt, { name, clock, channels });
  }
  return types;
}

function codecName(types, pt) {
  return types.get(pt)?.name ?? `payload type ${pt}`;
}

function h264Profile(profileLevelId) {
  const profileIdc = profileLevelId.slice(0, 2).toLowerCase();
  const constraints = parseInt(profileLevelId.slice(2, 4), 16);
  const level = parseInt(profileLevelId.slice(4, 6), 16) / 10;
  // Baseline with constraint_set1_flag is Constrained Baseline (RFC 6184 §8.1).
  const baseline = constraints & 0x40 ? 'Constrained Baseline' : 'Baseline';
  const profile = profileIdc === '42' ? baseline : (H264_PROFILES[profileIdc] ?? `profile_idc 0x${profileIdc}`);
  return `${profile} profile, level ${level}`;
}

function fmtpParameter(name, value, types) {
  switch (name) {
    case 'apt':
      return `retransmits ${codecName(types, value)} (payload type ${value})`;
    case 'minptime':
      return `packets of at least ${value} ms`;
    case 'useinbandfec':
      return value === '1' ? 'Opus in-band FEC is welcome' : 'no Opus in-band FEC';
    case 'level-asymmetry-allowed':
      return value === '1' ? 'each direction may use its own level' : 'both directions use one level';
    case 'packetization-mode':
      return value === '0' ? 'one NAL unit per packet' : 'NAL units may be fragmented or aggregated';
    case 'profile-level-id':
      return h264Profile(value);
    case 'profile-id':
      return `VP9 profile ${value} (${VP9_PROFILES[Number(value)] ?? 'unknown'})`;
    case 'profile':
      return `AV1 ${AV1_PROFILES[Number(value)] ?? 'unknown'} profile`;
    case 'level-idx':
      return `level ${2 + Math.floor(Number(value) / 4)}.${Number(value) % 4}`;
    case 'tier':
      return value === '0' ? 'Main tier' : 'High tier';
    case 'repair-window':
      return `repairs packets up to ${Number(value) / 1e6} s old`;
    default:
      return `${name}=${value}`;
  }
}

function explainFmtp(value, types) {
  const [pt, parameters] = firstWord(value);
  const codec = codecName(types, pt);
  const refs = CODECS[codec] ? [rfc(8866, '6.15'), CODECS[codec][1]] : [rfc(8866, '6.15')];
  if (codec === 'red') {
    const blocks = parameters.split('/').map((block) => `${codecName(types, block)} (${block})`);
    const meaning = `Format parameters of RED (${pt}): each packet carries ${list(blocks)}: the current frame and a redundant copy of an earlier one.`;
    return ['codec', meaning, refs];
  }
  const described = parameters.split(';').map((parameter) => {
    const [name, parameterValue] = parameter.split('=');
    return fmtpParameter(name, parameterValue, types);
  });
  return ['codec', `Format parameters of ${codec} (${pt}): ${described.join('; ')}.`, refs];
}

function explainMLine(value, types, description) {
  const [kind, port, protocol, ...formats] = value.split(' ');
  const placeholder =
    port === '0'
      ? 'Port 0: the m-section is rejected, or its transceiver stopped'
      : `Port ${port} is a placeholder (ICE candidates carry the real addresses)`;
  if (kind === 'application') {
    const meaning = `Data channels: SCTP over DTLS (${protocol}); all RTCDataChannels share this one m-section. ${placeholder}.`;
    return ['media', meaning, [rfc(8841), rfc(8831), JSEP]];
  }
  // Codecs grouped by name in offer (preference) order; RTX payload types counted, not listed.
  const byName = new Map();
  let rtx = 0;
  for (const pt of formats) {
    const name = codecName(types, pt);
    if (name === 'rtx') rtx += 1;
    else byName.set(name, [...(byName.get(name) ?? []), pt]);
  }
  const codecs = [...byName].map(([name, pts]) => `${name} (${pts.join(', ')})`).join(', ');
  const rtxNote = rtx > 0 ? `, plus ${rtx} RTX payload types` : '';
  const accepted = description === 'answer' ? 'Payload types this side accepts of those offered' : 'Payload types';
  const meaning = `The ${kind} m-section. ${placeholder}; ${protocol} is RTP with RTCP feedback, keyed by DTLS-SRTP. ${accepted}, most preferred first: ${codecs}${rtxNote}.`;
  return ['media', meaning, [rfc(8866, '5.14'), rfc(5764), JSEP]];
}

function explainSsrc(value) {
  const [ssrc, attribute] = firstWord(value);
  if (attribute.startsWith('cname:')) {
    const cname = attribute.slice('cname:'.length);
    const meaning = `SSRC ${ssrc}, the RTP stream this side will send, has the RTCP CNAME ${cname}: one CNAME per connection, so that receivers can synchronize its streams.`;
    return ['stream', meaning, [rfc(5576, '4.1'), rfc(7022)]];
  }
  if (attribute.startsWith('msid:')) {
    return ['stream', `Repeats a=msid for SSRC ${ssrc}, for endpoints that predate a=msid.`, [rfc(5576, '4.1'), MSID_DRAFT]];
  }
  return ['stream', `A source attribute of SSRC ${ssrc}.`, [rfc(5576, '4.1')]];
}

/** An a= line of an offer or answer (`description`): [category, meaning, refs]. */
function explainAttribute(name, value, types, description) {
  switch (name) {
    case 'group': {
      const [semantics, ...mids] = value.split(' ');
      if (semantics === 'BUNDLE') {
        const meaning = `BUNDLE group: the m-sections with mids ${list(mids)} share one transport (one ICE and DTLS session, one port).`;
        return ['transport', meaning, [rfc(9143)]];
      }
      return ['transport', `A ${semantics} group of the m-sections with mids ${list(mids)}.`, [rfc(5888)]];
    }
    case 'extmap-allow-mixed':
      return ['session', 'One-byte and two-byte RTP header extensions may be mixed in one packet.', [rfc(8285, '6')]];
    case 'msid-semantic': {
      const ids = value.trim().split(' ').slice(1);
      const listed = ids.length > 0 ? `the stream ids in use: ${list(ids)}` : 'the stream ids in use (none here)';
      const meaning = `Legacy line from early msid drafts (WMS: WebRTC MediaStream) listing ${listed}. Chromium still writes it; a=msid carries the same information.`;
      return ['session', meaning, [MSID_DRAFT]];
    }
    case 'rtcp':
      return ['transport', 'RTCP port and address placeholder, for endpoints that ignore rtcp-mux.', [rfc(3605)]];
    case 'ice-ufrag': {
      const meaning = `ICE username fragment "${value}": with ice-pwd it authenticates the connectivity checks. Random, and new on iceRestart.`;
      return ['transport', meaning, [rfc(8839, '5.4')]];
    }
    case 'ice-pwd': {
      const meaning = 'ICE password (random, at least 22 characters) that keys the connectivity checks’ message integrity.';
      return ['transport', meaning, [rfc(8839, '5.4')]];
    }
    case 'ice-options': {
      const meaning =
        value === 'trickle'
          ? 'Trickle ICE: candidates follow the offer one by one as they are found (this package gathers none).'
          : `ICE options: ${value}.`;
      return ['transport', meaning, [rfc(8838), rfc(8839, '5.6')]];
    }
    case 'fingerprint': {
      const [algorithm] = firstWord(value);
      const meaning = `The ${algorithm.toUpperCase()} hash of this side's DTLS certificate: the DTLS handshake must show a certificate with this hash, which ties the media keys to this signaled ${description}.`;
      return ['transport', meaning, [rfc(8122, '5'), rfc(8842)]];
    }
    case 'setup': {
      const meaning = DTLS_ROLES[value] ?? `DTLS role: ${value}.`;
      return ['transport', meaning, [rfc(4145, '4'), rfc(8842)]];
    }
    case 'mid': {
      const meaning = `Media identification "${value}": names this m-section in the BUNDLE group, in RTP packets (the sdes:mid extension) and as RTCRtpTransceiver.mid.`;
      return ['transport', meaning, [rfc(5888, '4'), rfc(9143)]];
    }
    case 'rtcp-mux':
      return ['transport', 'RTP and RTCP share one port (WebRTC requires it).', [rfc(5761, '5.1.1')]];
    case 'sctp-port': {
      const meaning = `SCTP port ${value} of the data channel association (5000 by convention; it is inside DTLS, not a UDP port).`;
      return ['transport', meaning, [rfc(8841, '5')]];
    }
    case 'max-message-size': {
      const meaning = `The largest data channel message this side can receive: ${Number(value).toLocaleString('en')} bytes.`;
      return ['transport', meaning, [rfc(8841, '6')]];
    }
    case 'extmap': {
      const [id, uri] = firstWord(value);
      const known = HEADER_EXTENSIONS[uri];
      if (known === undefined) return ['extension', `RTP header extension id ${id}: ${uri}.`, [rfc(8285, '5')]];
      return ['extension', `RTP header extension id ${id} carries ${known[0]}.`, [rfc(8285, '5'), known[1]]];
    }
    case 'sendrecv':
    case 'sendonly':
    case 'recvonly':
    case 'inactive':
      return ['stream', `Direction ${name}: ${DIRECTIONS[name]}.`, [rfc(8866, '6.7'), rfc(3264, '5.1')]];
    case 'msid': {
      const [stream, track] = firstWord(value);
      const inStream = stream === '-' ? 'in no MediaStream ("-")' : `in MediaStream "${stream}"`;
      return ['stream', `What this side sends: track "${track}", ${inStream}.`, [rfc(8830)]];
    }
    case 'ssrc':
      return explainSsrc(value);
    case 'ssrc-group': {
      const [semantics, ...ssrcs] = value.split(' ');
      if (semantics === 'FID' && ssrcs.length === 2) {
        const meaning = `Flow identification: SSRC ${ssrcs[1]} carries the retransmissions (RTX) of SSRC ${ssrcs[0]}.`;
        return ['stream', meaning, [rfc(5576, '4.2'), rfc(4588)]];
      }
      return ['stream', `A ${semantics} group of SSRCs ${list(ssrcs)}.`, [rfc(5576, '4.2')]];
    }
    case 'rtcp-rsize':
      return ['codec', 'Reduced-size RTCP (single packets, not compound ones) is welcome.', [rfc(5506)]];
    case 'rtcp-xr': {
      const meaning =
        value === 'rcvr-rtt=all'
          ? 'RTCP extended reports: receiver reference time reports, so that a receive-only side can measure the round-trip time too.'
          : `RTCP extended reports: ${value}.`;
      return ['codec', meaning, [rfc(3611, '5.1')]];
    }
    case 'rtpmap': {
      const [pt] = firstWord(value);
      const { name: codec, clock, channels } = types.get(pt);
      const channelNote = channels ? `, ${channels} channels` : '';
      const clockNote = `RTP clock ${Number(clock).toLocaleString('en')} Hz${channelNote}`;
      const known = CODECS[codec];
      if (known === undefined) return ['codec', `Payload type ${pt} is ${codec}; ${clockNote}.`, [rfc(8866, '6.6')]];
      return ['codec', `Payload type ${pt} is ${known[0]}; ${clockNote}.`, [rfc(8866, '6.6'), known[1]]];
    }
    case 'fmtp':
      return explainFmtp(value, types);
    case 'rtcp-fb': {
      const [pt, feedback] = firstWord(value);
      const codec = `${codecName(types, pt)} (${pt})`;
      const known = RTCP_FEEDBACK[feedback];
      if (known === undefined) return ['codec', `${codec} takes "${feedback}" feedback.`, [rfc(4585, '4.2')]];
      return ['codec', `${codec} takes ${known[0]}.`, [rfc(4585, '4.2'), known[1]]];
    }
    case 'rid': {
      const [id, direction] = firstWord(value);
      const sends = direction === 'send' ? 'sends' : 'receives';
      return ['simulcast', `RTP stream id "${id}": an encoding this side ${sends} (sendEncodings with rid "${id}").`, [rfc(8851)]];
    }
    case 'simulcast': {
      const [direction, streams] = firstWord(value);
      const sends = direction === 'send' ? 'sends' : 'receives';
      return ['simulcast', `Simulcast: ${sends} the encodings ${list(streams.split(';'))} at the same time.`, [rfc(8853)]];
    }
    default:
      return ['other', `The "${name}" attribute.`, []];
  }
}

/** A line that is not an a= line, of an offer or answer (`description`): [category, meaning, refs]. */
function explainField(type, value, types, description) {
  switch (type) {
    case 'v=':
      return ['session', 'SDP version, always 0.', [rfc(8866, '5.1')]];
    case 'o=': {
      const [, sessionId, version] = value.split(' ');
      const meaning = `Origin: no user name ("-"), session id ${sessionId} (random, kept for the connection's life), session version ${version} (Chromium starts at 2 and adds 1 with every offer), and a placeholder address.`;
      return ['session', meaning, [rfc(8866, '5.2'), JSEP]];
    }
    case 's=':
      return ['session', 'Session name: unused by WebRTC, so "-".', [rfc(8866, '5.3')]];
    case 't=':
      return ['session', 'Timing: no start and no stop time, the session is unbounded.', [rfc(8866, '5.9')]];
    case 'm=':
      return explainMLine(value, types, description);
    case 'c=': {
      const meaning = 'Connection address placeholder (0.0.0.0): ICE candidates carry the real addresses.';
      return ['transport', meaning, [rfc(8866, '5.7'), JSEP]];
    }
    default:
      return ['other', `A "${type}" line.`, [rfc(8866, '5')]];
  }
}

/** One line: { key (the part to highlight), rest, category, meaning, refs: [{label, href}] }. */
function explainLine(text, types, description) {
  const type = text.slice(0, 2);
  const value = text.slice(2);
  let key = type;
  let explained;
  if (type === 'a=') {
    const colon = value.indexOf(':');
    const name = colon < 0 ? value : value.slice(0, colon);
    key = `a=${name}`;
    explained = explainAttribute(name, colon < 0 ? '' : value.slice(colon + 1), types, description);
  } else {
    explained = explainField(type, value, types, description);
  }
  const [category, meaning, refs] = explained;
  return { key, rest: text.slice(key.length), category, meaning, refs };
}

/**
 * Splits a description (`description`: its type, 'offer' or 'answer') into its session part and
 * m-sections, every line explained:
 * [{ kind ('session' first, then each m-line's media), mid, direction, port,
 *    lines: [{ number, key, rest, category, meaning, refs }] }], `number` counting from 1.
 */
export function explainSdp(sdp, description = 'offer') {
  const texts = sdp.split('\r\n');
  if (texts.at(-1) === '') texts.pop();
  const parts = [{ kind: 'session', numbered: [] }];
  texts.forEach((text, index) => {
    if (text.startsWith('m=')) parts.push({ kind: text.slice(2).split(' ')[0], numbered: [] });
    parts.at(-1).numbered.push({ number: index + 1, text });
  });
  return parts.map(({ kind, numbered }) => {
    const plain = numbered.map(({ text }) => text);
    const types = payloadTypes(plain);
    const lines = numbered.map(({ number, text }) => ({ number, ...explainLine(text, types, description) }));
    if (kind === 'session') return { kind, mid: null, direction: null, port: null, lines };
    const values = plain.map((text) => text.slice(2));
    return {
      kind,
      mid: plain.find((text) => text.startsWith('a=mid:'))?.slice('a=mid:'.length) ?? null,
      direction: values.find((value) => Object.hasOwn(DIRECTIONS, value)) ?? null,
      port: Number(plain[0].split(' ')[1]),
      lines,
    };
  });
}
