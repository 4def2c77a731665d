// @ts-check
// Whether a description given to setLocalDescription() is the one we created, give or take what a
// parse-and-write round trip changes: mediasoup-client passes every answer it sets through
// sdp-transform, which reorders lines and respaces `a=msid-semantic`. Chromium parses what it is
// given, so accepts such SDP and reports its own serialization, i.e. the SDP it created.

/**
 * The SDP's session part and media sections (each from its m= line), every line with whitespace
 * runs collapsed and trailing whitespace dropped, the lines of each part sorted.
 * @param {string} sdp
 * @returns {string[][]}
 */
function canonicalParts(sdp) {
  /** @type {string[][]} */
  const parts = [[]];
  for (const raw of sdp.split(/\r?\n/)) {
    const line = raw.replace(/[ \t]+/g, ' ').trimEnd();
    if (line === '') continue;
    if (line.startsWith('m=')) parts.push([]);
    parts[parts.length - 1].push(line);
  }
  return parts.map((part) => part.sort());
}

/**
 * Whether `given` has `created`'s lines in each part (session, then each media section in order),
 * in any order within the part and however spaced.
 * @param {string} given
 * @param {string} created
 */
export function sameLinesInEachPart(given, created) {
  if (given === created) return true;
  const a = canonicalParts(given);
  const b = canonicalParts(created);
  if (a.length !== b.length) return false;
  return a.every((part, i) => part.length === b[i].length && part.every((line, j) => line === b[i][j]));
}
