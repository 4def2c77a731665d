// Port of WPT webrtc/RTCPeerConnection-getStats.https.html at web-platform-tests/wpt commit
// a2b6dd730232ba1145cc2f27279bffa4c186bdc4, with the RTCStats-helper.js functions it calls
// (26efaf865d). Test names and assertions are WPT's; tracks are this package's
// (getTrackFromUserMedia in wpt-helpers.js). Not ported, as they wait for ICE to connect or for
// media: 'getStats() track with stream returns peer-connection and outbound-rtp stats', 'getStats()
// track without stream returns peer-connection and outbound-rtp stats', 'getStats() audio
// outbound-rtp contains all mandatory stats', 'getStats() video outbound-rtp contains all mandatory
// stats', 'getStats() audio and video validate all mandatory stats', 'getStats() on track
// associated with RTCRtpSender should return stats report containing outbound-rtp stats',
// 'getStats() on track associated with RTCRtpReceiver should return stats report containing
// inbound-rtp stats', 'getStats() inbound-rtp contains all mandatory stats', 'getStats() with
// connected peer connections having tracks and data channel should return all mandatory to
// implement stats'.

import { RTCPeerConnection } from '../../pkg/index.js';
import {
  assert_equals,
  assert_greater_than_equal,
  assert_less_than_equal,
  assert_true,
  assert_unreached,
  harness,
  promise_rejects_dom,
} from './wpt-harness.js';
import {
  assert_number_field,
  assert_optional_unsigned_int_field,
  assert_string_field,
  assert_unsigned_int_field,
  getNoiseStream,
  getTrackFromUserMedia,
} from './wpt-helpers.js';

const { promise_test } = harness();

// RTCStats-helper.js: the validators of the stats types an unconnected connection reports. A type
// whose validator is not ported here fails validateStatsReport rather than passing unchecked.

function validateRtcStats(statsReport, stats) {
  assert_number_field(stats, 'timestamp');
  assert_string_field(stats, 'type');
  assert_string_field(stats, 'id');
}

function validatePeerConnectionStats(statsReport, stats) {
  validateRtcStats(statsReport, stats);

  assert_unsigned_int_field(stats, 'dataChannelsOpened');
  assert_unsigned_int_field(stats, 'dataChannelsClosed');
  assert_optional_unsigned_int_field(stats, 'dataChannelsRequested');
  assert_optional_unsigned_int_field(stats, 'dataChannelsAccepted');
}

const statsValidatorTable = {
  'peer-connection': validatePeerConnectionStats,
};

const WPT_STATS_TYPES = [
  'codec',
  'inbound-rtp',
  'outbound-rtp',
  'remote-inbound-rtp',
  'remote-outbound-rtp',
  'media-source',
  'csrc',
  'peer-connection',
  'data-channel',
  'transceiver',
  'sender',
  'receiver',
  'transport',
  'candidate-pair',
  'local-candidate',
  'remote-candidate',
  'certificate',
  'ice-server',
];

function validateStatsReport(statsReport) {
  for (const [id, stats] of statsReport.entries()) {
    assert_equals(stats.id, id, 'expect stats.id to be the same as the key in statsReport');

    const validator = statsValidatorTable[stats.type];
    if (validator) {
      validator(statsReport, stats);
    } else if (WPT_STATS_TYPES.includes(stats.type)) {
      assert_unreached(`the RTCStats-helper.js validator of ${stats.type} stats is not ported to this file`);
    } else {
      validateRtcStats(statsReport, stats);
    }
  }
}

function assert_stats_report_has_stats(statsReport, statsTypes) {
  const hasTypes = new Set([...statsReport.values()].map((stats) => stats.type));

  for (const type of statsTypes) {
    assert_true(hasTypes.has(type), `Expect statsReport to contain stats object of type ${type}`);
  }
}

function getRequiredStats(statsReport, type) {
  for (const stats of statsReport.values()) {
    if (stats.type === type) {
      return stats;
    }
  }

  assert_unreached(`required stats of type ${type} is not found in stats report`);
}

// RTCPeerConnection-getStats.https.html

promise_test((t) => {
  const pc = new RTCPeerConnection();
  t.add_cleanup(() => pc.close());
  return pc.getStats();
}, 'getStats() with no argument should succeed');

promise_test((t) => {
  const pc = new RTCPeerConnection();
  t.add_cleanup(() => pc.close());
  return pc.getStats(null);
}, 'getStats(null) should succeed');

promise_test((t) => {
  const pc = new RTCPeerConnection();
  t.add_cleanup(() => pc.close());
  return getTrackFromUserMedia('audio').then(([track]) => {
    return promise_rejects_dom(t, 'InvalidAccessError', pc.getStats(track));
  });
}, 'getStats() with track not added to connection should reject with InvalidAccessError');

promise_test((t) => {
  const pc = new RTCPeerConnection();
  t.add_cleanup(() => pc.close());
  return getTrackFromUserMedia('audio').then(([track, mediaStream]) => {
    pc.addTrack(track, mediaStream);
    return pc.getStats(track);
  });
}, 'getStats() with track added via addTrack should succeed');

promise_test(async (t) => {
  const pc = new RTCPeerConnection();
  t.add_cleanup(() => pc.close());

  const stream = await getNoiseStream({ audio: true });
  t.add_cleanup(() => stream.getTracks().forEach((track) => track.stop()));
  const [track] = stream.getTracks();
  pc.addTransceiver(track);

  return pc.getStats(track);
}, 'getStats() with track added via addTransceiver should succeed');

promise_test((t) => {
  const pc = new RTCPeerConnection();
  t.add_cleanup(() => pc.close());
  const transceiver1 = pc.addTransceiver('audio');

  // Create another transceiver that resends what
  // is being received, kind of like echo
  const transceiver2 = pc.addTransceiver(transceiver1.receiver.track);
  assert_equals(transceiver1.receiver.track, transceiver2.sender.track);

  return promise_rejects_dom(t, 'InvalidAccessError', pc.getStats(transceiver1.receiver.track));
}, 'getStats() with track associated with both sender and receiver should reject with InvalidAccessError');

promise_test((t) => {
  const pc = new RTCPeerConnection();
  t.add_cleanup(() => pc.close());
  return pc.getStats().then((statsReport) => {
    validateStatsReport(statsReport);
    assert_stats_report_has_stats(statsReport, ['peer-connection']);
  });
}, 'getStats() with no argument should return stats report containing peer-connection stats on an empty PC');

promise_test(async (t) => {
  const pc = new RTCPeerConnection();
  t.add_cleanup(() => pc.close());
  const [track] = await getTrackFromUserMedia('audio');
  pc.addTransceiver(track);
  pc.addTransceiver(track);
  await promise_rejects_dom(t, 'InvalidAccessError', pc.getStats(track));
}, `getStats(track) should not work if multiple senders have the same track`);

promise_test(async (t) => {
  const kMinimumTimeElapsedBetweenGetStatsCallsMs = 500;
  const pc = new RTCPeerConnection();
  t.add_cleanup(() => pc.close());
  const t0 = Math.floor(performance.now());
  const t0Stats = getRequiredStats(await pc.getStats(), 'peer-connection');
  await new Promise((r) => setTimeout(r, kMinimumTimeElapsedBetweenGetStatsCallsMs));
  const t1Stats = getRequiredStats(await pc.getStats(), 'peer-connection');
  const t1 = Math.ceil(performance.now());
  const maximumTimeElapsedBetweenGetStatsCallsMs = t1 - t0;
  const deltaTimestampMs = t1Stats.timestamp - t0Stats.timestamp;
  // The delta must be at least the time we waited between calls.
  assert_greater_than_equal(deltaTimestampMs, kMinimumTimeElapsedBetweenGetStatsCallsMs);
  // The delta must be at most the time elapsed before the first getStats()
  // call and after the second getStats() call.
  assert_less_than_equal(deltaTimestampMs, maximumTimeElapsedBetweenGetStatsCallsMs);
}, `RTCStats.timestamp increases with time passing`);
