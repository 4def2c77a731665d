// @ts-check
// The snapshot as the wasm boundary takes it: the connection's transceivers and data channel
// packed into one string, which the core reads in one go (see `Snapshot` in src/wasm/session.rs).

/** @typedef {import('./wasm/rtc_offer_polyfill.js').Snapshot} Snapshot */

/**
 * `fields` packed into one string as the boundary reads it (the core's Snapshot type; this is its
 * only writer, which tests and scripts that drive the wasm directly use too): each field in the
 * order the types declare them.
 * @param {import('./wasm/rtc_offer_polyfill.js').SnapshotFields} fields
 * @returns {Snapshot}
 */
export function packSnapshot({ dataChannel, transceivers }) {
  let packed = `${flag(dataChannel)}${transceivers.length},`;
  for (const t of transceivers) {
    packed += `${t.id},${text(t.kind)}${text(t.direction)}${flag(t.stopped)}${texts(t.streamIds)}`;
    packed += `${optionalText(t.trackId)}${texts(t.sendRids)}${texts(t.pausedRids)}${t.codecPreferences.length},`;
    for (const { mimeType, clockRate, channels, sdpFmtpLine } of t.codecPreferences) {
      packed += `${text(mimeType)}${clockRate},${channels === null ? '-' : channels},${optionalText(sdpFmtpLine)}`;
    }
    packed += flag(t.addedByTrack);
  }
  return /** @type {Snapshot} */ (packed);
}

/** @param {boolean} value */
const flag = (value) => (value ? '1,' : '0,');

/**
 * A string: its length in UTF-16 units, then itself.
 * @param {string} value
 */
const text = (value) => `${value.length}:${value}`;

/** @param {string | null} value */
const optionalText = (value) => (value === null ? '-,' : text(value));

/**
 * A list of strings: the count, then each.
 * @param {readonly string[]} values
 */
function texts(values) {
  let packed = `${values.length},`;
  for (const value of values) packed += text(value);
  return packed;
}
