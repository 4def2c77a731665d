// Port of WPT webrtc/RTCPeerConnection-createDataChannel.html at web-platform-tests/wpt commit
// 7ea7c72226e718cf39b9d81e1a7c8e232deff25f (the file's last change before 2021-09-20; read from
// the snapshot of a2b6dd730232ba1145cc2f27279bffa4c186bdc4), unchanged but for the imports. Not
// ported, as they wait for the channels to open (network): the six tests of its last loop, 'New
// [negotiated ]datachannel should be in the connecting state after creation (after connection
// establishment)' and 'addTrack, then creating [negotiated ]datachannel, should negotiate
// properly[ when max-bundle is used]'.

import { RTCDataChannel, RTCPeerConnection } from '../../pkg/index.js';
import {
  assert_equals,
  assert_greater_than_equal,
  assert_less_than,
  assert_not_equals,
  assert_throws_dom,
  assert_throws_js,
  assert_true,
  harness,
} from './wpt-harness.js';

const ARRAYBUFFER = 'WPT here predates webrtc-pc making binaryType start as "arraybuffer" (ours and Chromium 156 do)';
const { test, promise_test } = harness({
  'createDataChannel attribute default values': ARRAYBUFFER,
  'createDataChannel with provided parameters should initialize attributes to provided values': ARRAYBUFFER,
});

test(t => {
  const pc = new RTCPeerConnection();
  t.add_cleanup(() => pc.close());

  assert_equals(pc.createDataChannel.length, 1);
  assert_throws_js(TypeError, () => pc.createDataChannel());
}, 'createDataChannel with no argument should throw TypeError');

test(t => {
  const pc = new RTCPeerConnection();
  pc.close();
  assert_equals(pc.signalingState, 'closed', 'signaling state');
  assert_throws_dom('InvalidStateError', () => pc.createDataChannel(''));
}, 'createDataChannel with closed connection should throw InvalidStateError');

test(t => {
  const pc = new RTCPeerConnection();
  t.add_cleanup(() => pc.close());

  const dc = pc.createDataChannel('');

  assert_true(dc instanceof RTCDataChannel, 'is RTCDataChannel');
  assert_equals(dc.label, '');
  assert_equals(dc.ordered, true);
  assert_equals(dc.maxPacketLifeTime, null);
  assert_equals(dc.maxRetransmits, null);
  assert_equals(dc.protocol, '');
  assert_equals(dc.negotiated, false);
  // Since no offer/answer exchange has occurred yet, the DTLS role is unknown
  // and so the ID should be null.
  assert_equals(dc.id, null);
  assert_equals(dc.readyState, 'connecting');
  assert_equals(dc.bufferedAmount, 0);
  assert_equals(dc.bufferedAmountLowThreshold, 0);
  assert_equals(dc.binaryType, 'blob');
}, 'createDataChannel attribute default values');

test(t => {
  const pc = new RTCPeerConnection();
  t.add_cleanup(() => pc.close());

  const dc = pc.createDataChannel('test', {
    ordered: false,
    maxRetransmits: 1,
    // Note: maxPacketLifeTime is not set in this test.
    protocol: 'custom',
    negotiated: true,
    id: 3
  });

  assert_true(dc instanceof RTCDataChannel, 'is RTCDataChannel');
  assert_equals(dc.label, 'test');
  assert_equals(dc.ordered, false);
  assert_equals(dc.maxPacketLifeTime, null);
  assert_equals(dc.maxRetransmits, 1);
  assert_equals(dc.protocol, 'custom');
  assert_equals(dc.negotiated, true);
  assert_equals(dc.id, 3);
  assert_equals(dc.readyState, 'connecting');
  assert_equals(dc.bufferedAmount, 0);
  assert_equals(dc.bufferedAmountLowThreshold, 0);
  assert_equals(dc.binaryType, 'blob');

  const dc2 = pc.createDataChannel('test2', {
    ordered: false,
    maxPacketLifeTime: 42
  });
  assert_equals(dc2.label, 'test2');
  assert_equals(dc2.maxPacketLifeTime, 42);
  assert_equals(dc2.maxRetransmits, null);
}, 'createDataChannel with provided parameters should initialize attributes to provided values');

const labels = [
  ['"foo"', 'foo', 'foo'],
  ['null', null, 'null'],
  ['undefined', undefined, 'undefined'],
  ['lone surrogate', '\uD800', '\uFFFD'],
];
for (const [description, label, expected] of labels) {
  test(t => {
    const pc = new RTCPeerConnection;
    t.add_cleanup(() => pc.close());

    const dc = pc.createDataChannel(label);
    assert_equals(dc.label, expected);
  }, `createDataChannel with label ${description} should succeed`);
}

test(t => {
  const pc = new RTCPeerConnection();
  t.add_cleanup(() => pc.close());

  const dc = pc.createDataChannel('', { ordered: false });
  assert_equals(dc.ordered, false);
}, 'createDataChannel with ordered false should succeed');

// true as the default value of a boolean is confusing because null is converted
// to false while undefined is converted to true.
test(t => {
  const pc = new RTCPeerConnection();
  t.add_cleanup(() => pc.close());

  const dc1 = pc.createDataChannel('', { ordered: null });
  assert_equals(dc1.ordered, false);
  const dc2 = pc.createDataChannel('', { ordered: undefined });
  assert_equals(dc2.ordered, true);
}, 'createDataChannel with ordered null/undefined should succeed');

test(t => {
  const pc = new RTCPeerConnection;
  t.add_cleanup(() => pc.close());

  const dc = pc.createDataChannel('', { maxPacketLifeTime: 0 });
  assert_equals(dc.maxPacketLifeTime, 0);
}, 'createDataChannel with maxPacketLifeTime 0 should succeed');

test(t => {
  const pc = new RTCPeerConnection;
  t.add_cleanup(() => pc.close());

  const dc = pc.createDataChannel('', { maxRetransmits: 0 });
  assert_equals(dc.maxRetransmits, 0);
}, 'createDataChannel with maxRetransmits 0 should succeed');

test(t => {
  const pc = new RTCPeerConnection;
  t.add_cleanup(() => pc.close());

  pc.createDataChannel('', {
    maxPacketLifeTime: undefined,
    maxRetransmits: undefined
  });
}, 'createDataChannel with both maxPacketLifeTime and maxRetransmits undefined should succeed');

test(t => {
  const pc = new RTCPeerConnection;
  t.add_cleanup(() => pc.close());

  assert_throws_js(TypeError, () => pc.createDataChannel('', {
    maxPacketLifeTime: 0,
    maxRetransmits: 0
  }));
  assert_throws_js(TypeError, () => pc.createDataChannel('', {
    maxPacketLifeTime: 42,
    maxRetransmits: 42
  }));
}, 'createDataChannel with both maxPacketLifeTime and maxRetransmits should throw TypeError');

const protocols = [
  ['"foo"', 'foo', 'foo'],
  ['null', null, 'null'],
  ['undefined', undefined, ''],
  ['lone surrogate', '\uD800', '\uFFFD'],
];
for (const [description, protocol, expected] of protocols) {
  test(t => {
    const pc = new RTCPeerConnection;
    t.add_cleanup(() => pc.close());

    const dc = pc.createDataChannel('', { protocol });
    assert_equals(dc.protocol, expected);
  }, `createDataChannel with protocol ${description} should succeed`);
}

for (const id of [0, 1, 65534, 65535]) {
  test((t) => {
    const pc = new RTCPeerConnection();
    t.add_cleanup(() => pc.close());
    const dc = pc.createDataChannel('', { id });
    assert_equals(dc.id, null);
  }, `createDataChannel with id ${id} and negotiated not set should succeed, but not set the channel's id`);
}

for (const id of [0, 1, 65534]) {
  test(t => {
    const pc = new RTCPeerConnection();
    t.add_cleanup(() => pc.close());

    const dc = pc.createDataChannel('', { 'negotiated': true, 'id': id });
    assert_equals(dc.id, id);
  }, `createDataChannel with id ${id} and negotiated true should succeed, and set the channel's id`);
}

for (const id of [-1, 65536]) {
  test((t) => {
    const pc = new RTCPeerConnection();
    t.add_cleanup(() => pc.close());
    assert_throws_js(TypeError, () => pc.createDataChannel('', { id }));
  }, `createDataChannel with id ${id} and negotiated not set should throw TypeError`);
}

for (const id of [-1, 65535, 65536]) {
  test(t => {
    const pc = new RTCPeerConnection();
    t.add_cleanup(() => pc.close());

    assert_throws_js(TypeError, () => pc.createDataChannel('',
        { 'negotiated': true, 'id': id }));
  }, `createDataChannel with id ${id} should throw TypeError`);
}

test(t => {
  const pc = new RTCPeerConnection();
  t.add_cleanup(() => pc.close());

  assert_throws_js(TypeError, () =>
    pc.createDataChannel('l'.repeat(65536)));

  assert_throws_js(TypeError, () =>
    pc.createDataChannel('l'.repeat(65536), {
      negotiated: true,
      id: 42
    }));
}, 'createDataChannel with too long label should throw TypeError');

test(t => {
  const pc = new RTCPeerConnection();
  t.add_cleanup(() => pc.close());

  assert_throws_js(TypeError, () =>
    pc.createDataChannel('\u00b5'.repeat(32768)));

  assert_throws_js(TypeError, () =>
    pc.createDataChannel('\u00b5'.repeat(32768), {
      negotiated: true,
      id: 42
    }));
}, 'createDataChannel with too long label (2 byte unicode) should throw TypeError');

test(t => {
  const pc = new RTCPeerConnection();
  t.add_cleanup(() => pc.close());

  const label = 'test';

  pc.createDataChannel(label);
  pc.createDataChannel(label);
}, 'createDataChannel with same label used twice should not throw');

test(t => {
  const pc = new RTCPeerConnection;
  t.add_cleanup(() => pc.close());
  const channel = pc.createDataChannel('', { negotiated: true, id: 42 });
  assert_equals(channel.negotiated, true);
}, 'createDataChannel with negotiated true and id should succeed');

test(t => {
  const pc = new RTCPeerConnection();
  t.add_cleanup(() => pc.close());

  assert_throws_js(TypeError, () =>
    pc.createDataChannel('', {
      protocol: 'p'.repeat(65536)
    }));

  assert_throws_js(TypeError, () =>
    pc.createDataChannel('', {
      protocol: 'p'.repeat(65536),
      negotiated: true,
      id: 42
    }));
}, 'createDataChannel with too long protocol should throw TypeError');

test(t => {
  const pc = new RTCPeerConnection();
  t.add_cleanup(() => pc.close());

  assert_throws_js(TypeError, () =>
    pc.createDataChannel('', {
      protocol: '\u00b6'.repeat(32768)
    }));

  assert_throws_js(TypeError, () =>
    pc.createDataChannel('', {
      protocol: '\u00b6'.repeat(32768),
      negotiated: true,
      id: 42
    }));
}, 'createDataChannel with too long protocol (2 byte unicode) should throw TypeError');

test(t => {
  const pc = new RTCPeerConnection();
  t.add_cleanup(() => pc.close());

  const label = 'l'.repeat(65535);
  const protocol = 'p'.repeat(65535);

  const dc = pc.createDataChannel(label, {
    protocol: protocol
  });

  assert_equals(dc.label, label);
  assert_equals(dc.protocol, protocol);
}, 'createDataChannel with maximum length label and protocol should succeed');

test(t => {
  const pc = new RTCPeerConnection;
  t.add_cleanup(() => pc.close());

  const dc = pc.createDataChannel('', {
    negotiated: false,
  });
  assert_equals(dc.negotiated, false, 'Expect dc.negotiated to be false');
}, 'createDataChannel with negotiated false should succeed');

test(t => {
  const pc = new RTCPeerConnection;
  t.add_cleanup(() => pc.close());

  const dc = pc.createDataChannel('', {
    negotiated: false,
    id: 42
  });
  assert_equals(dc.negotiated, false, 'Expect dc.negotiated to be false');
  assert_equals(dc.id, null, 'Expect dc.id to be ignored (null)');
}, 'createDataChannel with negotiated false and id 42 should ignore the id');

test(t => {
  const pc = new RTCPeerConnection();
  t.add_cleanup(() => pc.close());

  assert_throws_js(TypeError, () =>
    pc.createDataChannel('test', {
      negotiated: true
    }));
}, 'createDataChannel with negotiated true and id not defined should throw TypeError');

promise_test(async t => {
  const pc1 = new RTCPeerConnection();
  const pc2 = new RTCPeerConnection();
  t.add_cleanup(() => pc1.close());
  t.add_cleanup(() => pc2.close());

  const negotiatedDc = pc1.createDataChannel('negotiated-channel', {
    negotiated: true,
    id: 42,
  });
  assert_equals(negotiatedDc.id, 42, 'Expect negotiatedDc.id to be 42');

  const dc1 = pc1.createDataChannel('channel');
  assert_equals(dc1.id, null, 'Expect initial id to be null');

  const offer = await pc1.createOffer();
  await Promise.all([pc1.setLocalDescription(offer), pc2.setRemoteDescription(offer)]);
  const answer = await pc2.createAnswer();
  await pc1.setRemoteDescription(answer);

  assert_not_equals(dc1.id, null,
    'Expect dc1.id to be assigned after remote description has been set');

  assert_greater_than_equal(dc1.id, 0,
    'Expect dc1.id to be set to valid unsigned short');

  assert_less_than(dc1.id, 65535,
    'Expect dc1.id to be set to valid unsigned short');

  const dc2 = pc1.createDataChannel('channel');

  assert_not_equals(dc2.id, null,
    'Expect dc2.id to be assigned after remote description has been set');

  assert_greater_than_equal(dc2.id, 0,
    'Expect dc2.id to be set to valid unsigned short');

  assert_less_than(dc2.id, 65535,
    'Expect dc2.id to be set to valid unsigned short');

  assert_not_equals(dc2, dc1,
    'Expect channels created from same label to be different');

  assert_equals(dc2.label, dc1.label,
    'Expect different channels can have the same label but different id');

  assert_not_equals(dc2.id, dc1.id,
    'Expect different channels can have the same label but different id');

  assert_equals(negotiatedDc.id, 42,
    'Expect negotiatedDc.id to be 42 after remote description has been set');
}, 'Channels created (after setRemoteDescription) should have id assigned');

test(t => {
  const pc = new RTCPeerConnection();
  t.add_cleanup(() => pc.close());

  const dc1 = pc.createDataChannel('channel-1', {
    negotiated: true,
    id: 42,
  });
  assert_equals(dc1.id, 42,
    'Expect dc1.id to be 42');

  const dc2 = pc.createDataChannel('channel-2', {
    negotiated: true,
    id: 43,
  });
  assert_equals(dc2.id, 43,
    'Expect dc2.id to be 43');

  assert_throws_dom('OperationError', () =>
    pc.createDataChannel('channel-3', {
      negotiated: true,
      id: 42,
    }));

}, 'Reusing a data channel id that is in use should throw OperationError');

// We've seen implementations behaving differently before and after the connection has been
// established.
promise_test(async t => {
  const pc1 = new RTCPeerConnection();
  const pc2 = new RTCPeerConnection();
  t.add_cleanup(() => pc1.close());
  t.add_cleanup(() => pc2.close());

  const dc1 = pc1.createDataChannel('channel-1', {
    negotiated: true,
    id: 42,
  });
  assert_equals(dc1.id, 42, 'Expect dc1.id to be 42');

  const dc2 = pc1.createDataChannel('channel-2', {
    negotiated: true,
    id: 43,
  });
  assert_equals(dc2.id, 43, 'Expect dc2.id to be 43');

  const offer = await pc1.createOffer();
  await Promise.all([pc1.setLocalDescription(offer), pc2.setRemoteDescription(offer)]);
  const answer = await pc2.createAnswer();
  await pc1.setRemoteDescription(answer);

  assert_equals(dc1.id, 42, 'Expect dc1.id to be 42');

  assert_equals(dc2.id, 43, 'Expect dc2.id to be 43');

  assert_throws_dom('OperationError', () =>
    pc1.createDataChannel('channel-3', {
      negotiated: true,
      id: 42,
    }));
}, 'Reusing a data channel id that is in use (after setRemoteDescription) should throw ' +
   'OperationError');

promise_test(async t => {
  const pc1 = new RTCPeerConnection();
  const pc2 = new RTCPeerConnection();
  t.add_cleanup(() => pc1.close());
  t.add_cleanup(() => pc2.close());

  const dc1 = pc1.createDataChannel('channel-1');

  const offer = await pc1.createOffer();
  await Promise.all([pc1.setLocalDescription(offer), pc2.setRemoteDescription(offer)]);
  const answer = await pc2.createAnswer();
  await pc1.setRemoteDescription(answer);

  assert_not_equals(dc1.id, null,
    'Expect dc1.id to be assigned after remote description has been set');

  assert_throws_dom('OperationError', () =>
    pc1.createDataChannel('channel-2', {
      negotiated: true,
      id: dc1.id,
    }));
}, 'Reusing a data channel id that is in use (after setRemoteDescription, negotiated via DCEP) ' +
  'should throw OperationError');
