// @ts-check
// What an encoding may ask of its sender: a `codec` (webrtc-pc §5.2) and a `scalabilityMode`
// (webrtc-svc), checked as Chromium 156 checks them for addTransceiver() and setParameters():
// libwebrtc's codec match that ignores levels, and the modes its encoders offer per codec.

/** @typedef {import('./rtp.js').CodecLike} CodecLike */
/** @typedef {import('./rtp.js').Encoding} Encoding */

// Chromium 156's encoders: libvpx VP9 and libaom AV1 offer these; VP8 and H.264 temporal layers only.
const SPATIAL_MODES = /^(L1T[123]|[LS][23]T[123]h?|L[23]T[123]_KEY|L2T2_KEY_SHIFT)$/;
const TEMPORAL_MODES = /^L1T[123]$/;

// libwebrtc's H.264 profiles (h264_profile_level_id.cc): profile_idc, then the profile-iop bits
// that matter (mask) and their values; the first row that fits names the profile.
const H264_PROFILES = [
  [0x42, 0x4f, 0x40, 'constrained-baseline'],
  [0x4d, 0x8f, 0x80, 'constrained-baseline'],
  [0x58, 0xcf, 0xc0, 'constrained-baseline'],
  [0x42, 0x4f, 0x00, 'baseline'],
  [0x58, 0xcf, 0x80, 'baseline'],
  [0x4d, 0xaf, 0x00, 'main'],
  [0x64, 0xff, 0x00, 'high'],
  [0x64, 0xff, 0x0c, 'constrained-high'],
  [0xf4, 0xff, 0x00, 'predictive-high-444'],
];

/**
 * ASCII-lowercases `string`: MIME types compare case-insensitively (RFC 6838), as Chromium compares them.
 * @param {string} string
 */
export function asciiLowercase(string) {
  return string.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/**
 * The `kind/subtype` of a codec, lowercased.
 * @param {CodecLike} codec
 */
function mime(codec) {
  return asciiLowercase(codec.mimeType);
}

/**
 * An a=fmtp parameter list as a map (order does not matter; a value without a name is keyed '').
 * @param {string | null | undefined} line
 */
function fmtp(line) {
  /** @type {Map<string, string>} */
  const map = new Map();
  for (const part of (line ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (part.trim() !== '') map.set(eq === -1 ? '' : part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return map;
}

/**
 * The H.264 profile a profile-level-id names (RFC 6184's default 42e01f when absent), or null.
 * @param {Map<string, string>} params
 */
function h264Profile(params) {
  const id = params.get('profile-level-id') ?? '42e01f';
  if (!/^[0-9a-fA-F]{6}$/.test(id)) return null;
  const idc = parseInt(id.slice(0, 2), 16);
  const iop = parseInt(id.slice(2, 4), 16);
  return H264_PROFILES.find(([p, mask, bits]) => p === idc && (iop & /** @type {number} */ (mask)) === bits)?.[3] ?? null;
}

/**
 * Whether `wanted` (an encoding's codec) is `available`, as libwebrtc's IsSameRtpCodecIgnoringLevel
 * says: same MIME type, clock rate and channels; for H.264, VP9 and AV1 the same profile (and H.264
 * packetization mode), whatever the level or other parameters; other video media codecs always;
 * the rest with the same parameters in any order. RTX never is (libwebrtc's carry an apt= that the
 * capabilities do not show).
 * @param {CodecLike} available
 * @param {CodecLike} wanted
 */
export function encodingCodecMatch(available, wanted) {
  const type = mime(wanted);
  if (type !== mime(available) || wanted.clockRate !== available.clockRate) return false;
  if ((wanted.channels ?? null) !== (available.channels ?? null) || type === 'video/rtx') return false;
  const a = fmtp(available.sdpFmtpLine);
  const b = fmtp(wanted.sdpFmtpLine);
  /** @param {string} name @param {string} fallback */
  const same = (name, fallback) => (a.get(name) ?? fallback) === (b.get(name) ?? fallback);
  if (type === 'audio/red') return true;
  if (type === 'video/h264') return h264Profile(a) !== null && h264Profile(a) === h264Profile(b) && same('packetization-mode', '0');
  if (type === 'video/vp9') return same('profile-id', '0');
  if (type === 'video/av1') return same('profile', '0');
  // Other video media codecs (VP8) have no parameters that tell them apart.
  if (/^video\/(?!red$|ulpfec$|flexfec-03$)/.test(type)) return true;
  return a.size === b.size && [...a].every(([name, value]) => b.get(name) === value);
}

/**
 * Whether `codec` can encode with `mode` (no mode: any codec can).
 * @param {CodecLike} codec
 * @param {string | undefined} mode
 */
function supports(codec, mode) {
  if (mode === undefined) return true;
  const type = mime(codec);
  const modes = type === 'video/vp9' || type === 'video/av1' ? SPATIAL_MODES : /^video\/(vp8|h264)$/.test(type) ? TEMPORAL_MODES : null;
  return modes !== null && modes.test(mode);
}

/**
 * Chromium's checks of the encodings' codecs and scalability modes, in its order: every encoding
 * the same codec (or none); each codec one of `codecs` that has the encoding's mode; each mode one
 * the codec sending has (the encoding's, else `sending`, else any of `codecs`). What fails, or null:
 * `mixed` is Chromium's unsupported-operation case (OperationError everywhere).
 * @param {Encoding[]} encodings
 * @param {CodecLike[]} codecs
 * @param {CodecLike | null} sending
 * @returns {{mixed: boolean, message: string} | null}
 */
export function checkEncodingCodecs(encodings, codecs, sending) {
  const key = (/** @type {Encoding} */ e) =>
    e.codec === undefined ? '' : JSON.stringify([e.codec.mimeType, e.codec.clockRate, e.codec.channels, e.codec.sdpFmtpLine]);
  if (encodings.some((e) => key(e) !== key(encodings[0]))) {
    return { mixed: true, message: 'every encoding needs the same codec (or none)' };
  }
  let codec = sending;
  for (const [i, { codec: wanted, scalabilityMode: mode }] of encodings.entries()) {
    if (wanted !== undefined) {
      codec = codecs.find((c) => encodingCodecMatch(c, wanted) && supports(c, mode)) ?? null;
      if (codec === null) {
        const what = mode === undefined ? '' : ` with scalabilityMode '${mode}'`;
        return { mixed: false, message: `encodings[${i}].codec is not a codec this sender can send${what}` };
      }
    }
    if (mode !== undefined && !(codec === null ? codecs.some((c) => supports(c, mode)) : supports(codec, mode))) {
      return { mixed: false, message: `encodings[${i}].scalabilityMode '${mode}' is not one the codecs support` };
    }
  }
  return null;
}
