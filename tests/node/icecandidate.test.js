// RTCIceCandidate and addIceCandidate: the constructor's parsing and toJSON (as Chromium 156 gives
// them: tests/browser/icecandidate.test.js checks the same values against Chromium's own), every
// argument form of addIceCandidate, its errors, and the remote description it leaves. The
// "WPT" suite follows RTCPeerConnection-addIceCandidate.html and RTCIceCandidate-constructor.html
// (their assertions that need no network), on the same two-ufrag description (JSEP example 7.1).

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { install, RTCIceCandidate, RTCPeerConnection, RTCPeerConnectionIceEvent, RTCSessionDescription } from '../../pkg/index.js';
import { assertDOMException, assertTargetClass, linesStarting, rejection } from './helpers.js';

const FIELDS = [
  'foundation',
  'component',
  'priority',
  'address',
  'protocol',
  'port',
  'type',
  'tcpType',
  'relatedAddress',
  'relatedPort',
];

const fields = (candidate) => Object.fromEntries(FIELDS.map((name) => [name, candidate[name]]));
const noFields = Object.fromEntries(FIELDS.map((name) => [name, null]));

// WPT's description: two m-sections with their own ufrags, LF line ends as WPT writes it.
const AUDIO_UFRAG = 'ETEn';
const VIDEO_UFRAG = 'BGKk';
const WPT_SDP = `v=0
o=- 4962303333179871722 1 IN IP4 0.0.0.0
s=-
t=0 0
a=ice-options:trickle
a=group:BUNDLE a1 v1
a=group:LS a1 v1
m=audio 10100 UDP/TLS/RTP/SAVPF 96 0 8 97 98
c=IN IP4 203.0.113.100
a=mid:a1
a=sendrecv
a=rtpmap:96 opus/48000/2
a=rtpmap:0 PCMU/8000
a=rtpmap:8 PCMA/8000
a=rtpmap:97 telephone-event/8000
a=rtpmap:98 telephone-event/48000
a=maxptime:120
a=extmap:1 urn:ietf:params:rtp-hdrext:sdes:mid
a=extmap:2 urn:ietf:params:rtp-hdrext:ssrc-audio-level
a=msid:47017fee-b6c1-4162-929c-a25110252400 f83006c5-a0ff-4e0a-9ed9-d3e6747be7d9
a=ice-ufrag:${AUDIO_UFRAG}
a=ice-pwd:OtSK0WpNtpUjkY4+86js7ZQl
a=fingerprint:sha-256 19:E2:1C:3B:4B:9F:81:E6:B8:5C:F4:A5:A8:D8:73:04:BB:05:2F:70:9F:04:A9:0E:05:E9:26:33:E8:70:88:A2
a=setup:actpass
a=dtls-id:1
a=rtcp:10101 IN IP4 203.0.113.100
a=rtcp-mux
a=rtcp-rsize
m=video 10102 UDP/TLS/RTP/SAVPF 100 101
c=IN IP4 203.0.113.100
a=mid:v1
a=sendrecv
a=rtpmap:100 VP8/90000
a=rtpmap:101 rtx/90000
a=fmtp:101 apt=100
a=extmap:1 urn:ietf:params:rtp-hdrext:sdes:mid
a=rtcp-fb:100 ccm fir
a=rtcp-fb:100 nack
a=rtcp-fb:100 nack pli
a=msid:47017fee-b6c1-4162-929c-a25110252400 f30bdb4a-5db8-49b5-bcdc-e0c9a23172e0
a=ice-ufrag:${VIDEO_UFRAG}
a=ice-pwd:mBKMnQgMHeKzSbMJrwXYYbHg
a=fingerprint:sha-256 19:E2:1C:3B:4B:9F:81:E6:B8:5C:F4:A5:A8:D8:73:04:BB:05:2F:70:9F:04:A9:0E:05:E9:26:33:E8:70:88:A2
a=setup:actpass
a=dtls-id:1
a=rtcp:10103 IN IP4 203.0.113.100
a=rtcp-mux
a=rtcp-rsize
`;

const CANDIDATE1 = 'candidate:1 1 udp 2113929471 203.0.113.100 10100 typ host';
const CANDIDATE2 = 'candidate:1 2 udp 2113929470 203.0.113.100 10101 typ host';
/** What libwebrtc writes for them (Chromium re-serializes: `generation 0` added). */
const WRITTEN1 = `a=${CANDIDATE1} generation 0`;
const WRITTEN2 = `a=${CANDIDATE2} generation 0`;

async function withRemote() {
  const pc = new RTCPeerConnection();
  await pc.setRemoteDescription({ type: 'offer', sdp: WPT_SDP });
  return pc;
}

/** The m-section (0 audio, 1 video) of `sdp` each line starting with `prefix` is in. */
function sectionsOf(sdp, prefix) {
  let section = -1;
  const found = [];
  for (const line of sdp.split(/\r?\n/)) {
    if (line.startsWith('m=')) section += 1;
    if (line.startsWith(prefix)) found.push([section, line]);
  }
  return found;
}

describe('RTCIceCandidate', () => {
  test('the constructor reads every field of the candidate attribute', () => {
    const candidate = new RTCIceCandidate({
      candidate:
        'candidate:3 2 TCP 1686052607 1.2.3.4 4444 typ srflx raddr 192.168.1.5 rport 54321 tcptype passive ufrag abc',
      sdpMid: '2',
    });
    assert.deepEqual(fields(candidate), {
      foundation: '3',
      component: 'rtcp',
      priority: 1686052607,
      address: '1.2.3.4',
      protocol: 'tcp',
      port: 4444,
      type: 'srflx',
      tcpType: 'passive',
      relatedAddress: '192.168.1.5',
      relatedPort: 54321,
    });
    // Never from the string's ufrag extension (WPT).
    assert.equal(candidate.usernameFragment, null);
    assert.equal(candidate.sdpMid, '2');
    assert.equal(candidate.sdpMLineIndex, null);
    assert.equal(candidate.relayProtocol, null);
    assert.equal(candidate.url, null);
  });

  test('an mDNS host candidate, and the a= prefix', () => {
    const candidate = new RTCIceCandidate({
      candidate: 'a=candidate:452495586 1 udp 2113937151 0cb155df-7886-4eb9-8c4c-c3de9320b21b.local 48029 typ host generation 0 ufrag quoS network-cost 999',
      sdpMLineIndex: 0,
      usernameFragment: 'quoS',
    });
    assert.deepEqual(fields(candidate), {
      foundation: '452495586',
      component: 'rtp',
      priority: 2113937151,
      address: '0cb155df-7886-4eb9-8c4c-c3de9320b21b.local',
      protocol: 'udp',
      port: 48029,
      type: 'host',
      tcpType: null,
      relatedAddress: null,
      relatedPort: null,
    });
    assert.equal(candidate.usernameFragment, 'quoS');
  });

  test('one bad field leaves every field null and keeps the string', () => {
    for (const text of [
      'candidate:3 2 udp 1686052607 1.2.3.4 4444 typ bogus',
      'candidate:3 1 sctp 1686052607 1.2.3.4 4444 typ host',
      'candidate:3 1 udp 99999999999 1.2.3.4 4444 typ host',
      'candidate:3 1 udp 1 1.2.3.4 70000 typ host',
      'candidate:3 1 udp 1 1.2.3.4 1 typ host tcptype active',
      'garbage',
    ]) {
      const candidate = new RTCIceCandidate({ candidate: text, sdpMid: '0' });
      assert.deepEqual(fields(candidate), noFields, text);
      assert.equal(candidate.candidate, text);
    }
  });

  test('as Chromium: other components, IPv6 in brackets, TCP without tcptype, raddr without rport, ssltcp', () => {
    const read = (candidate) => fields(new RTCIceCandidate({ candidate, sdpMid: '0' }));
    assert.deepEqual(read('candidate:3 3 udp 1686052607 1.2.3.4 4444 typ host'), {
      ...noFields,
      foundation: '3',
      priority: 1686052607,
      address: '1.2.3.4',
      protocol: 'udp',
      port: 4444,
      type: 'host',
    });
    assert.deepEqual(read('candidate:1 1 UDP 2122260223 2001:DB8::1 54321 typ prflx raddr ::1 rport 5'), {
      foundation: '1',
      component: 'rtp',
      priority: 2122260223,
      address: '[2001:db8::1]',
      protocol: 'udp',
      port: 54321,
      type: 'prflx',
      tcpType: null,
      relatedAddress: '[::1]',
      relatedPort: 5,
    });
    assert.equal(read('candidate:1 1 tcp 2122260223 1.2.3.4 54321 typ host').tcpType, 'passive');
    assert.deepEqual(
      [read('candidate:1 1 udp 1 1.2.3.4 5 typ srflx raddr 1.1.1.1 generation').relatedAddress, read('candidate:1 1 udp 1 1.2.3.4 5 typ srflx raddr 1.1.1.1').relatedPort],
      ['1.1.1.1', 0],
    );
    const ssl = read('candidate:1 1 ssltcp 1 1.2.3.4 7 typ host');
    assert.deepEqual([ssl.protocol, ssl.tcpType, ssl.port], [null, 'passive', 7]);
  });

  test('TypeError when sdpMid and sdpMLineIndex are both null, even for an empty candidate', () => {
    for (const init of [undefined, null, {}, { candidate: '' }, { candidate: CANDIDATE1 }, { sdpMid: null, sdpMLineIndex: null }]) {
      assert.throws(() => new RTCIceCandidate(init), TypeError);
    }
    assert.equal(new RTCIceCandidate({ sdpMid: '' }).candidate, '');
    assert.equal(new RTCIceCandidate({ sdpMLineIndex: 0 }).sdpMLineIndex, 0);
  });

  test('conversions: candidate null is "null", sdpMLineIndex wraps as unsigned short, relayProtocol/url not read', () => {
    assert.equal(new RTCIceCandidate({ candidate: null, sdpMid: 'a' }).candidate, 'null');
    assert.equal(new RTCIceCandidate({ sdpMLineIndex: 65537 }).sdpMLineIndex, 1);
    // Chromium 156 reads neither (only candidates it gathered have them).
    const relayed = new RTCIceCandidate({ sdpMid: 'a', relayProtocol: 'quic', url: 'turn:x' });
    assert.deepEqual([relayed.relayProtocol, relayed.url], [null, null]);
  });

  test('toJSON as Chromium writes it', () => {
    assert.deepEqual(new RTCIceCandidate({ candidate: CANDIDATE1, sdpMid: '2' }).toJSON(), {
      candidate: CANDIDATE1,
      sdpMid: '2',
      usernameFragment: '',
    });
    assert.deepEqual(new RTCIceCandidate({ candidate: CANDIDATE1, sdpMLineIndex: 3 }).toJSON(), {
      candidate: CANDIDATE1,
      sdpMid: '',
      sdpMLineIndex: 3,
      usernameFragment: '',
    });
    const full = new RTCIceCandidate({ candidate: CANDIDATE1, sdpMid: '0', sdpMLineIndex: 0, usernameFragment: 'u' });
    assert.deepEqual(Object.keys(full.toJSON()), ['candidate', 'sdpMid', 'sdpMLineIndex', 'usernameFragment']);
    assert.deepEqual(JSON.parse(JSON.stringify(full)), { candidate: CANDIDATE1, sdpMid: '0', sdpMLineIndex: 0, usernameFragment: 'u' });
  });

  test('a WebIDL interface: enumerable members, toStringTag, getters check their object', () => {
    assert.equal(Object.prototype.toString.call(new RTCIceCandidate({ sdpMid: '0' })), '[object RTCIceCandidate]');
    assert.ok(Object.getOwnPropertyDescriptor(RTCIceCandidate.prototype, 'candidate').enumerable);
    assert.throws(() => Object.getOwnPropertyDescriptor(RTCIceCandidate.prototype, 'port').get.call({}), TypeError);
  });

  test('install() puts it where the target has none, and leaves one that is there', () => {
    const bare = {};
    install(bare);
    assertTargetClass(bare.RTCIceCandidate, RTCIceCandidate);
    class Native {}
    const withOne = { RTCIceCandidate: Native };
    install(withOne);
    assert.equal(withOne.RTCIceCandidate, Native);
  });
});

describe('WPT RTCIceCandidate-constructor (no network needed)', () => {
  const candidateString = 'candidate:1905690388 1 udp 2113937151 192.168.0.1 58041 typ host generation 0 ufrag BmFw network-cost 50';
  test('new RTCIceCandidate(), {}, default values, nulls, candidate "" or null or a string alone: TypeError', () => {
    for (const args of [[], [{}], [{ candidate: '', sdpMid: null, sdpMLineIndex: null, usernameFragment: undefined }], [{ sdpMid: null, sdpMLineIndex: null }], [{ candidate: '' }], [{ candidate: null }], [{ candidate: candidateString }]]) {
      assert.throws(() => new RTCIceCandidate(...args), TypeError);
    }
  });

  test("{ sdpMid: 'audio' }, { sdpMLineIndex: 0 }, both, with candidate '' : the rest at their defaults", () => {
    const cases = [
      [{ sdpMid: 'audio' }, 'audio', null],
      [{ sdpMLineIndex: 0 }, null, 0],
      [{ sdpMid: 'audio', sdpMLineIndex: 0 }, 'audio', 0],
      [{ candidate: '', sdpMid: 'audio' }, 'audio', null],
      [{ candidate: null, sdpMLineIndex: 0 }, null, 0],
    ];
    for (const [init, sdpMid, sdpMLineIndex] of cases) {
      const candidate = new RTCIceCandidate(init);
      assert.equal(candidate.candidate, init.candidate === null ? 'null' : '');
      assert.equal(candidate.sdpMid, sdpMid);
      assert.equal(candidate.sdpMLineIndex, sdpMLineIndex);
      assert.equal(candidate.usernameFragment, null);
      assert.deepEqual(fields(candidate), noFields);
    }
  });

  test('every field given: kept as given; usernameFragment from the init, not the string', () => {
    const candidate = new RTCIceCandidate({ candidate: candidateString, sdpMid: 'video', sdpMLineIndex: 1, usernameFragment: 'test' });
    assert.equal(candidate.candidate, candidateString);
    assert.equal(candidate.sdpMid, 'video');
    assert.equal(candidate.sdpMLineIndex, 1);
    assert.equal(candidate.usernameFragment, 'test');
    assert.equal(candidate.foundation, '1905690388');
    assert.equal(candidate.priority, 2113937151);
  });

  test('an invalid sdpMid or candidate string is kept as given (no throw)', () => {
    const candidate = new RTCIceCandidate({ candidate: 'bogus', sdpMid: 'bogus' });
    assert.equal(candidate.candidate, 'bogus');
    assert.equal(candidate.sdpMid, 'bogus');
    assert.deepEqual(fields(candidate), noFields);
  });
});

describe('addIceCandidate', () => {
  test('a candidate lands in its section, re-serialized as libwebrtc writes it; remoteDescription is a new object', async () => {
    const pc = await withRemote();
    const before = pc.remoteDescription;
    assert.equal(pc.remoteDescription, before, 'the same object until something changes');
    assert.equal(await pc.addIceCandidate({ candidate: CANDIDATE1, sdpMid: 'a1' }), undefined);
    const after = pc.remoteDescription;
    assert.notEqual(after, before);
    assert.ok(after instanceof RTCSessionDescription);
    assert.equal(after, pc.pendingRemoteDescription);
    assert.equal(after.type, 'offer');
    assert.equal(before.sdp, WPT_SDP, 'the old object keeps its sdp');
    // After the section's a=rtcp line (libwebrtc's place for candidates), with the description's line
    // end; a=rtcp now says what the section's RTCP candidates do (none: the dummy address), as
    // Chromium writes it (checked against Chromium for this description).
    assert.equal(after.sdp, WPT_SDP.replace('a=rtcp:10101 IN IP4 203.0.113.100\n', `a=rtcp:9 IN IP4 0.0.0.0\n${WRITTEN1}\n`));
    // The c= line and m= port follow the section's default candidate (UDP, RTP, highest type preference).
    await pc.addIceCandidate({ candidate: 'candidate:2 1 udp 2113929471 198.51.100.7 7007 typ host', sdpMid: 'v1' });
    const video = pc.remoteDescription.sdp.split('\nm=')[2].split('\n');
    assert.deepEqual(video.filter((line) => /^(video|c=|a=rtcp:)/.test(line)), [
      'video 7007 UDP/TLS/RTP/SAVPF 100 101',
      'c=IN IP4 198.51.100.7',
      'a=rtcp:9 IN IP4 0.0.0.0',
    ]);
  });

  test('candidates follow each other in their section, in the order added', async () => {
    const pc = await withRemote();
    await pc.addIceCandidate({ candidate: CANDIDATE1, sdpMLineIndex: 1 });
    await pc.addIceCandidate({ candidate: `a=${CANDIDATE2}`, sdpMLineIndex: 1 });
    await pc.addIceCandidate({ candidate: CANDIDATE2, sdpMid: 'a1' });
    assert.deepEqual(sectionsOf(pc.remoteDescription.sdp, 'a=candidate:'), [
      [0, WRITTEN2],
      [1, WRITTEN1],
      [1, WRITTEN2],
    ]);
  });

  test('a candidate the section already has is ignored (libwebrtc), though remoteDescription is a new object (Chromium)', async () => {
    const pc = await withRemote();
    await pc.addIceCandidate({ candidate: CANDIDATE1, sdpMid: 'a1' });
    const description = pc.remoteDescription;
    await pc.addIceCandidate({ candidate: `${CANDIDATE1} generation 0 ufrag ${AUDIO_UFRAG}`, sdpMid: 'a1' });
    assert.notEqual(pc.remoteDescription, description);
    assert.equal(pc.remoteDescription.sdp, description.sdp);
    // A refused candidate also leaves a new object; the end of candidates leaves the same one.
    await rejection(pc.addIceCandidate({ candidate: CANDIDATE1, sdpMid: 'zz' }));
    const refused = pc.remoteDescription;
    assert.notEqual(refused, description);
    await pc.addIceCandidate({ candidate: '', sdpMid: 'a1' });
    assert.equal(pc.remoteDescription, refused);
    await pc.addIceCandidate({ candidate: CANDIDATE1, sdpMid: 'v1' });
    assert.deepEqual(sectionsOf(pc.remoteDescription.sdp, 'a=candidate:'), [
      [0, WRITTEN1],
      [1, WRITTEN1],
    ]);
  });

  test('after an answer it edits currentRemoteDescription', async () => {
    const offerer = new RTCPeerConnection();
    const answerer = new RTCPeerConnection();
    offerer.addTransceiver('audio');
    offerer.createDataChannel('x');
    await offerer.setLocalDescription();
    await answerer.setRemoteDescription(offerer.localDescription);
    await answerer.setLocalDescription();
    await offerer.setRemoteDescription(answerer.localDescription);
    const current = offerer.currentRemoteDescription;
    await offerer.addIceCandidate({ candidate: CANDIDATE1, sdpMid: '1' });
    assert.notEqual(offerer.currentRemoteDescription, current);
    assert.equal(offerer.pendingRemoteDescription, null);
    assert.equal(offerer.currentRemoteDescription.type, 'answer');
    assert.deepEqual(sectionsOf(offerer.remoteDescription.sdp, 'a=candidate:'), [[1, WRITTEN1]]);
  });

  test('inline candidates of a remote offer are kept, and new ones go after them', async () => {
    const pc = new RTCPeerConnection();
    const inline = WPT_SDP.replace('a=rtcp:10101 IN IP4 203.0.113.100\n', `a=rtcp:10101 IN IP4 203.0.113.100\n${WRITTEN2}\n`);
    await pc.setRemoteDescription({ type: 'offer', sdp: inline });
    await pc.addIceCandidate({ candidate: CANDIDATE1, sdpMid: 'a1' });
    assert.deepEqual(sectionsOf(pc.remoteDescription.sdp, 'a=candidate:'), [
      [0, WRITTEN2],
      [0, WRITTEN1],
    ]);
  });

  test('an RTCIceCandidate object converts through its getters', async () => {
    const pc = await withRemote();
    await pc.addIceCandidate(new RTCIceCandidate({ candidate: CANDIDATE1, sdpMid: 'v1', usernameFragment: VIDEO_UFRAG }));
    assert.deepEqual(sectionsOf(pc.remoteDescription.sdp, 'a=candidate:'), [[1, WRITTEN1]]);
  });

  test('end of candidates: (), undefined, null, {}, candidate "" resolve and leave the description (as Chromium)', async () => {
    const pc = await withRemote();
    const description = pc.remoteDescription;
    for (const args of [[], [undefined], [null], [{}], [{ candidate: '' }], [{ candidate: '', sdpMid: 'v1' }], [{ candidate: '', usernameFragment: AUDIO_UFRAG }]]) {
      assert.equal(await pc.addIceCandidate(...args), undefined);
    }
    assert.equal(pc.remoteDescription, description);
    assert.deepEqual(linesStarting(pc.remoteDescription.sdp, 'a=end-of-candidates'), []);
  });

  test('TypeError, not chained, for a candidate with neither sdpMid nor sdpMLineIndex', async () => {
    const pc = new RTCPeerConnection();
    pc.close();
    for (const init of [{ candidate: CANDIDATE1 }, { candidate: 'garbage', sdpMid: null, sdpMLineIndex: null }]) {
      const error = await rejection(pc.addIceCandidate(init));
      assert.equal(error.constructor, TypeError);
    }
  });

  test('InvalidStateError without a remote description, and once closed', async () => {
    const pc = new RTCPeerConnection();
    assertDOMException(await rejection(pc.addIceCandidate({ candidate: CANDIDATE1, sdpMid: 'a1' })), 'InvalidStateError');
    assertDOMException(await rejection(pc.addIceCandidate()), 'InvalidStateError');
    const withOne = await withRemote();
    withOne.close();
    assertDOMException(await rejection(withOne.addIceCandidate({ candidate: CANDIDATE1, sdpMid: 'a1' })), 'InvalidStateError');
  });

  test('OperationError for an unknown mid or index, a ufrag of another section, a candidate that does not parse', async () => {
    const pc = await withRemote();
    const cases = [
      { candidate: CANDIDATE1, sdpMid: 'zz' },
      { candidate: CANDIDATE1, sdpMid: 'zz', sdpMLineIndex: 0 },
      { candidate: CANDIDATE1, sdpMLineIndex: 2 },
      { candidate: CANDIDATE1, sdpMid: 'a1', usernameFragment: VIDEO_UFRAG },
      { candidate: CANDIDATE1, sdpMid: 'a1', usernameFragment: 'nope' },
      { candidate: '', usernameFragment: 'nope' },
      { candidate: 'candidate:1 1 udp 1 1.1.1.1 1 typ bogus', sdpMid: 'a1' },
      { candidate: 'garbage', sdpMid: 'a1' },
    ];
    for (const init of cases) {
      const error = await rejection(pc.addIceCandidate(init));
      assertDOMException(error, 'OperationError');
    }
    assert.equal(pc.remoteDescription.sdp, WPT_SDP);
  });

  test('a valid mid wins over a bad index; the index is used without a mid', async () => {
    const pc = await withRemote();
    await pc.addIceCandidate({ candidate: CANDIDATE1, sdpMid: 'v1', sdpMLineIndex: 9 });
    await pc.addIceCandidate({ candidate: CANDIDATE2, sdpMid: null, sdpMLineIndex: 0 });
    assert.deepEqual(sectionsOf(pc.remoteDescription.sdp, 'a=candidate:'), [
      [0, WRITTEN2],
      [1, WRITTEN1],
    ]);
  });

  test('chained: a candidate added right after setRemoteDescription waits for it', async () => {
    const pc = new RTCPeerConnection();
    const applied = pc.setRemoteDescription({ type: 'offer', sdp: WPT_SDP });
    const added = pc.addIceCandidate({ candidate: CANDIDATE1, sdpMid: 'a1' });
    await Promise.all([applied, added]);
    assert.deepEqual(sectionsOf(pc.remoteDescription.sdp, 'a=candidate:'), [[0, WRITTEN1]]);
  });

  test('legacy callbacks: success and failure, the promise resolves to undefined either way', async () => {
    const pc = await withRemote();
    const outcome = (init) =>
      new Promise((resolve) => {
        const p = pc.addIceCandidate(init, (...args) => resolve(['success', args]), (error) => resolve(['failure', error.name]));
        p.then((value) => assert.equal(value, undefined));
      });
    assert.deepEqual(await outcome({ candidate: CANDIDATE1, sdpMid: 'a1' }), ['success', []]);
    assert.deepEqual(await outcome({ candidate: CANDIDATE1, sdpMid: 'zz' }), ['failure', 'OperationError']);
    assert.deepEqual(await outcome({ candidate: CANDIDATE1 }), ['failure', 'TypeError']);
    assert.equal((await rejection(pc.addIceCandidate({}, () => {}))).constructor, TypeError);
    assert.equal((await rejection(pc.addIceCandidate({}, () => {}, 'not a function'))).constructor, TypeError);
  });

  test('a non-object argument is a TypeError', async () => {
    const pc = await withRemote();
    assert.equal((await rejection(pc.addIceCandidate('candidate:1'))).constructor, TypeError);
  });
});

describe('candidates as other engines spell them (Chromium 156’s values: tests/browser/icecandidate.test.js)', () => {
  test('inline in a remote offer: written as libwebrtc writes them, end-of-candidates dropped, c= and m= follow', async () => {
    const pc = new RTCPeerConnection();
    const firefox = [
      'a=candidate:0 1 UDP 2122252543 192.168.1.2 49203 typ host',
      'a=candidate:1 1 UDP 1686052863 198.51.100.1 49203 typ srflx raddr 192.168.1.2 rport 49203',
      'a=candidate:2 1 TCP 2105524479 192.168.1.2 9 typ host tcptype active',
      'a=candidate:0 1 udp 2122252543 192.168.1.2 49203 typ host ufrag other',
      'a=end-of-candidates',
    ];
    const sdp = WPT_SDP.replace('a=rtcp-rsize\n', `a=rtcp-rsize\n${firefox.join('\n')}\n`);
    await pc.setRemoteDescription({ type: 'offer', sdp });
    const given = pc.remoteDescription.sdp;
    assert.deepEqual(sectionsOf(given, 'a=candidate:'), [
      [0, 'a=candidate:0 1 udp 2122252543 192.168.1.2 49203 typ host generation 0'],
      [0, 'a=candidate:1 1 udp 1686052863 198.51.100.1 49203 typ srflx raddr 192.168.1.2 rport 49203 generation 0'],
      [0, 'a=candidate:2 1 tcp 2105524479 192.168.1.2 9 typ host tcptype active generation 0'],
    ]);
    assert.deepEqual(sectionsOf(given, 'a=end-of-candidates'), []);
    // The srflx candidate is the audio section's default destination (by type, as libwebrtc).
    assert.deepEqual(sectionsOf(given, 'm=audio'), [[0, 'm=audio 49203 UDP/TLS/RTP/SAVPF 96 0 8 97 98']]);
    assert.deepEqual(sectionsOf(given, 'c=')[0], [0, 'c=IN IP4 198.51.100.1']);
    // The lines go after a=rtcp, where libwebrtc writes them (a=rtcp names no RTCP candidate now);
    // the rest stays as given.
    const restored = given
      .replace(/a=candidate:.*\n/g, '')
      .replace('m=audio 49203', 'm=audio 10100')
      .replace('c=IN IP4 198.51.100.1', 'c=IN IP4 203.0.113.100')
      .replace('a=rtcp:9 IN IP4 0.0.0.0', 'a=rtcp:10101 IN IP4 203.0.113.100');
    assert.equal(restored, WPT_SDP);
  });

  test('an inline candidate that does not parse rejects setRemoteDescription with OperationError, changing nothing', async () => {
    const pc = new RTCPeerConnection();
    const sdp = WPT_SDP.replace('a=rtcp-rsize\n', 'a=rtcp-rsize\na=candidate:1 1 udp 1 1.2.3.4 1 typ host network-id 70000\n');
    const error = await rejection(pc.setRemoteDescription({ type: 'offer', sdp }));
    assertDOMException(error, 'OperationError');
    assert.match(error.message, /Failed to parse SessionDescription\. a=candidate:1 .* Invalid network-id$/);
    assert.equal(pc.signalingState, 'stable');
    assert.equal(pc.remoteDescription, null);
  });

  test('addIceCandidate: IP literals as inet_ntop writes them, what is no IP literal as given (raddr as nothing)', async () => {
    const pc = new RTCPeerConnection();
    await pc.setRemoteDescription({ type: 'offer', sdp: WPT_SDP });
    for (const address of ['::FFFF:C000:0201', '::1.2.3.4', '1:0:0:2:0:0:3:4', 'fe80::1%eth0', 'Example.local', '01.02.03.04']) {
      await pc.addIceCandidate({ candidate: `candidate:1 1 udp 1 ${address} 9 typ srflx raddr ${address} rport 5`, sdpMid: 'v1' });
    }
    assert.deepEqual(sectionsOf(pc.remoteDescription.sdp, 'a=candidate:'), [
      [1, 'a=candidate:1 1 udp 1 ::ffff:192.0.2.1 9 typ srflx raddr ::ffff:192.0.2.1 rport 5 generation 0'],
      [1, 'a=candidate:1 1 udp 1 ::1.2.3.4 9 typ srflx raddr ::1.2.3.4 rport 5 generation 0'],
      [1, 'a=candidate:1 1 udp 1 1::2:0:0:3:4 9 typ srflx raddr 1::2:0:0:3:4 rport 5 generation 0'],
      [1, 'a=candidate:1 1 udp 1 fe80::1%eth0 9 typ srflx raddr  rport 5 generation 0'],
      [1, 'a=candidate:1 1 udp 1 Example.local 9 typ srflx raddr  rport 5 generation 0'],
      [1, 'a=candidate:1 1 udp 1 01.02.03.04 9 typ srflx raddr  rport 5 generation 0'],
    ]);
  });

  test('RTCIceCandidate.address: an IPv6 literal canonical in brackets, anything else as written', () => {
    const address = (text) => new RTCIceCandidate({ candidate: `candidate:1 1 udp 1 ${text} 9 typ host`, sdpMid: '0' }).address;
    assert.equal(address('::FFFF:C000:0201'), '[::ffff:192.0.2.1]');
    assert.equal(address('0:0:0:0:0:0:1.2.3.4'), '[::1.2.3.4]');
    assert.equal(address('::0.0.0.1'), '[::1]');
    assert.equal(address('64:ff9b::1.2.3.4'), '[64:ff9b::102:304]');
    assert.equal(address('2001:DB8:0:0:1:0:0:1'), '[2001:db8::1:0:0:1]');
    assert.equal(address('1:2:3:4:5:6:7::'), '[1:2:3:4:5:6:7:0]');
    for (const text of ['fe80::1%eth0', '[2001:db8::1]', '12345::1', '::ffff:1.2.3', '1::2::3', 'UPPER.LOCAL', '1.02.3.4']) {
      assert.equal(address(text), text);
    }
    const related = (rest) => {
      const candidate = new RTCIceCandidate({ candidate: `candidate:1 1 udp 1 1.2.3.4 9 typ srflx ${rest}`, sdpMid: '0' });
      return [candidate.relatedAddress, candidate.relatedPort];
    };
    assert.deepEqual(related('rport 5'), ['', 5]);
    assert.deepEqual(related('rport 0'), [null, null]);
    assert.deepEqual(related('rport 5 raddr 5.6.7.8'), ['', 5]);
    assert.deepEqual(related('generation 0 raddr 5.6.7.8 rport 9'), [null, null]);
  });
});

describe('the icecandidate event', () => {
  test('after setLocalDescription: the transport’s gatheringstatechange before each icegatheringstatechange, then one RTCPeerConnectionIceEvent with candidate and url null', async () => {
    const target = {};
    install(target);
    const pc = new target.RTCPeerConnection({ iceServers: [] });
    pc.addTransceiver('audio');
    const events = [];
    pc.addEventListener('icegatheringstatechange', (event) => events.push([event.type, pc.iceGatheringState]));
    pc.addEventListener('icecandidate', (event) => events.push([event.type, pc.iceGatheringState, event]));
    await pc.setLocalDescription();
    const ice = pc.getTransceivers()[0].sender.transport.iceTransport;
    ice.addEventListener('gatheringstatechange', (event) => events.push([event.type, ice.gatheringState]));
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.deepEqual(
      events.map(([type, state]) => `${type} ${state}`),
      [
        'gatheringstatechange gathering',
        'icegatheringstatechange gathering',
        'gatheringstatechange complete',
        'icegatheringstatechange complete',
        'icecandidate complete',
      ],
    );
    const event = events[4][2];
    assert.ok(event instanceof target.RTCPeerConnectionIceEvent);
    assert.equal(Object.getPrototypeOf(event), target.RTCPeerConnectionIceEvent.prototype);
    assert.deepEqual([event.candidate, event.url, event.bubbles, event.cancelable], [null, null, false, false]);
    pc.close();
  });

  test('the constructor takes an RTCIceCandidate of any target as it is, and nothing else', () => {
    const [a, b] = [{}, {}];
    install(a);
    install(b);
    const candidate = new b.RTCIceCandidate({ candidate: '', sdpMid: '0', sdpMLineIndex: 0 });
    const event = new a.RTCPeerConnectionIceEvent('icecandidate', { candidate, url: 'turn:x\uD800' });
    assert.equal(event.candidate, candidate);
    assert.ok(event.candidate instanceof b.RTCIceCandidate);
    assert.equal(event.url, 'turn:x\uFFFD');
    for (const bad of [{ candidate: '', sdpMid: '0' }, 'candidate:1 1 udp 1 1.1.1.1 1 typ host', 0]) {
      assert.throws(() => new a.RTCPeerConnectionIceEvent('icecandidate', { candidate: bad }), TypeError);
    }
    assert.equal(new RTCPeerConnectionIceEvent('x', { candidate: null, url: null }).url, null);
  });
});
