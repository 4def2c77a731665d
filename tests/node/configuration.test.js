// RTCConfiguration: conversion, the constructor's and setConfiguration()'s checks ("set a
// configuration" in webrtc-pc, and what WPT's RTCConfiguration-*.html and RTCCertificate.html
// expect), getConfiguration(), and the certificates' and bundle policy's effect on offers.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { RTCPeerConnection } from '../../pkg/index.js';
import { lines, linesStarting } from './helpers.js';

const P256 = { name: 'ECDSA', namedCurve: 'P-256' };
const DEFAULTS = {
  bundlePolicy: 'balanced',
  certificates: [],
  iceCandidatePoolSize: 0,
  iceServers: [],
  iceTransportPolicy: 'all',
  rtcpMuxPolicy: 'require',
};

/** The configuration a new connection ends up with, closing it again. */
function configured(configuration) {
  const pc = new RTCPeerConnection(configuration);
  const result = pc.getConfiguration();
  pc.close();
  return result;
}

/** What the constructor throws for `configuration`: a DOMException's name or the error's class. */
function constructorError(configuration) {
  try {
    new RTCPeerConnection(configuration).close();
  } catch (error) {
    return error instanceof DOMException ? error.name : error.constructor.name;
  }
  return 'none';
}

/** What setConfiguration(next) throws on a connection made with `initial` (after `before`). */
function setConfigurationError(initial, next, before = () => {}) {
  const pc = new RTCPeerConnection(initial);
  try {
    before(pc);
    pc.setConfiguration(next);
  } catch (error) {
    return error instanceof DOMException ? error.name : error.constructor.name;
  } finally {
    pc.close();
  }
  return 'none';
}

const server = (urls, extra = {}) => ({ iceServers: [{ urls, ...extra }] });

test('defaults, and getConfiguration() in dictionary order', () => {
  for (const configuration of [undefined, null, {}]) {
    const result = configured(configuration);
    assert.deepEqual(result, DEFAULTS);
    assert.deepEqual(Object.keys(result), Object.keys(DEFAULTS));
  }
  assert.equal(constructorError(5), 'TypeError');
  assert.equal(constructorError('x'), 'TypeError');
});

test('members are read once each, in WebIDL order', () => {
  const read = [];
  const proxy = new Proxy(
    {},
    {
      get(target, key) {
        read.push(key);
        return undefined;
      },
    },
  );
  new RTCPeerConnection(proxy).close();
  assert.deepEqual(read, Object.keys(DEFAULTS));
});

test('enums: bundlePolicy, iceTransportPolicy, rtcpMuxPolicy', () => {
  for (const bundlePolicy of ['balanced', 'max-compat', 'max-bundle']) {
    assert.equal(configured({ bundlePolicy }).bundlePolicy, bundlePolicy);
  }
  for (const iceTransportPolicy of ['all', 'relay']) {
    assert.equal(configured({ iceTransportPolicy }).iceTransportPolicy, iceTransportPolicy);
  }
  assert.equal(configured({ rtcpMuxPolicy: 'require' }).rtcpMuxPolicy, 'require');
  for (const member of ['bundlePolicy', 'iceTransportPolicy', 'rtcpMuxPolicy']) {
    for (const value of ['invalid', null, '', 'Balanced', 'none']) {
      assert.equal(constructorError({ [member]: value }), 'TypeError', `${member}: ${value}`);
    }
    assert.equal(configured({ [member]: undefined })[member], DEFAULTS[member]);
  }
});

test("rtcpMuxPolicy 'negotiate': NotSupportedError to construct, InvalidModificationError to switch to", () => {
  assert.equal(constructorError({ rtcpMuxPolicy: 'negotiate' }), 'NotSupportedError');
  assert.equal(setConfigurationError({}, { rtcpMuxPolicy: 'negotiate' }), 'InvalidModificationError');
  assert.equal(setConfigurationError({ rtcpMuxPolicy: 'require' }, {}), 'none');
});

test('iceCandidatePoolSize: [EnforceRange] octet', () => {
  for (const [value, expected] of [
    [0, 0],
    [255, 255],
    [1.9, 1],
    ['3', 3],
    [null, 0],
    [false, 0],
  ]) {
    assert.equal(configured({ iceCandidatePoolSize: value }).iceCandidatePoolSize, expected, String(value));
  }
  for (const value of [-1, 256, NaN, Infinity, 'x', 1n]) {
    assert.equal(constructorError({ iceCandidatePoolSize: value }), 'TypeError', String(value));
    assert.equal(setConfigurationError({}, { iceCandidatePoolSize: value }), 'TypeError', String(value));
  }
});

test('iceCandidatePoolSize changes until setLocalDescription, then only to itself', async () => {
  const pc = new RTCPeerConnection({ iceCandidatePoolSize: 1 });
  pc.setConfiguration({ iceCandidatePoolSize: 255 });
  assert.equal(pc.getConfiguration().iceCandidatePoolSize, 255);
  pc.addTransceiver('audio');
  await pc.setLocalDescription();
  pc.setConfiguration({ iceCandidatePoolSize: 255 });
  assert.throws(() => pc.setConfiguration({ iceCandidatePoolSize: 2 }), { name: 'InvalidModificationError' });
  assert.throws(() => pc.setConfiguration({}), { name: 'InvalidModificationError' }, 'the default is 0');
  assert.equal(pc.getConfiguration().iceCandidatePoolSize, 255);
  pc.close();
});

describe('iceServers', () => {
  test('conversion: a sequence of RTCIceServer with required urls', () => {
    for (const iceServers of [null, 5, 'stun:example.org', [null], [undefined], [{}], [5], [{ url: 'stun:example.org' }]]) {
      assert.equal(constructorError({ iceServers }), 'TypeError', JSON.stringify(iceServers));
    }
    assert.equal(constructorError({ iceServers: [{ urls: Symbol('x') }] }), 'TypeError');
    assert.deepEqual(configured({ iceServers: undefined }).iceServers, []);
    assert.deepEqual(configured({ iceServers: [] }).iceServers, []);
    // Any iterable is a sequence.
    const urls = new Set(['stun:a.example.org', 'stun:b.example.org']);
    assert.deepEqual(configured({ iceServers: new Set([{ urls }]) }).iceServers, [{ urls: [...urls] }]);
  });

  test('getConfiguration() gives urls as a list, and only the members given', () => {
    const { iceServers } = configured({
      iceServers: [
        { urls: 'stun:stun1.example.net' },
        { urls: ['turns:turn.example.org', 'turn:turn.example.net'], username: 'user', credential: 'cred' },
        { urls: ['stun:stun2.example.net'], username: 'u' },
      ],
    });
    assert.deepEqual(iceServers, [
      { urls: ['stun:stun1.example.net'] },
      { credential: 'cred', urls: ['turns:turn.example.org', 'turn:turn.example.net'], username: 'user' },
      { urls: ['stun:stun2.example.net'], username: 'u' },
    ]);
    assert.deepEqual(Object.keys(iceServers[1]), ['credential', 'urls', 'username']);
  });

  test('the configuration is a copy: neither the argument nor getConfiguration() results alias it', () => {
    const urls = ['stun:a.example.org'];
    const input = { iceServers: [{ urls }] };
    const pc = new RTCPeerConnection(input);
    urls.push('bad');
    input.iceServers.push({ urls: 'bad' });
    const first = pc.getConfiguration();
    first.iceServers[0].urls.push('also bad');
    first.certificates.push('bad');
    assert.deepEqual(pc.getConfiguration().iceServers, [{ urls: ['stun:a.example.org'] }]);
    assert.deepEqual(pc.getConfiguration().certificates, []);
    assert.notEqual(pc.getConfiguration(), pc.getConfiguration());
    pc.close();
  });

  test('SyntaxError: no urls, or a URL that is not scheme:host[:port] of stun, stuns, turn, turns', () => {
    const invalid = [
      '',
      'relative-url',
      'http://example.com',
      'https://example.com',
      'turn://example.org/foo?x=y',
      'stun://example.org/foo?x=y',
      'stun://example.org',
      'stun:/example.org',
      'stun:example.org/foo',
      'stun:user@example.org',
      'stun:@example.org',
      'stun:',
      'stun:example.org#foo',
      'stun:example.org#',
      'stun:example.org?transport=udp',
      'stun:example.org?',
      'stuns:example.org?transport=tcp',
      'turn:example.org?transport=sctp',
      'turn:example.org?foo=bar',
      'turn:example.org?transport=',
      'turn:example.org?',
      'turn:example.org?transport=udp&x=y',
      'stun:example.net:65536',
      'stun:example.net:b',
      'stun:example.net:-21',
      'stun:example.net: 21 ',
      'stun:[61:24:74]:98',
      'stun:[example.net]',
      'stun:a<b',
      'stun:a^b',
      'stun:a\\b',
      'stun:a b',
      'stun:%zz',
      'stun:%25',
      'stun:hello%00',
      'stun:192.168.0.257',
      'stun:256.256.256.256',
      'stun:10000000000',
      'stun:0xffffffff1',
    ];
    for (const url of invalid) {
      const credentials = { username: 'user', credential: 'cred' };
      assert.equal(constructorError(server(url, credentials)), 'SyntaxError', JSON.stringify(url));
      assert.equal(constructorError(server(['stun:ok.example.org', url], credentials)), 'SyntaxError', url);
      assert.equal(setConfigurationError({}, server(url, credentials)), 'SyntaxError', url);
    }
    assert.equal(constructorError(server([])), 'SyntaxError');
    assert.equal(setConfigurationError({}, server([])), 'SyntaxError');
  });

  test('valid URLs: hosts as the URL parser takes them, any port, TURN transports', () => {
    const valid = [
      'stun:stun.example.net',
      'STUN:stun.example.net',
      'stuns:stun.example.net',
      'turn:turn.example.net',
      'turns:turn.example.net',
      'turn:turn.example.net:3478?transport=udp',
      'turns:turn.example.net:443?transport=tcp',
      'stun:example.net:3478',
      'stun:example.net:65535',
      'stun:example.net:',
      'stun:[2001::1]',
      'stun:[::1]:1',
      'stun:192.168.0.1',
      'stun:ex%61mple.net',
      'stun:example\t.\norg',
      ' stun:example.com ',
      'stun:你好你好',
      'stun:faß.ExAmPlE',
      'stun:.',
    ];
    for (const url of valid) {
      assert.equal(constructorError(server(url, { username: 'user', credential: 'cred' })), 'none', JSON.stringify(url));
    }
    // Stored as given, not as parsed.
    assert.deepEqual(configured(server('STUN:stun.example.net')).iceServers, [{ urls: ['STUN:stun.example.net'] }]);
  });

  test('InvalidAccessError: TURN without a non-empty username and credential', () => {
    for (const url of ['turn:turn.example.net', 'turns:turn.example.net', 'TURN:turn.example.net']) {
      for (const credentials of [
        {},
        { username: 'user' },
        { credential: 'cred' },
        { username: '', credential: 'cred' },
        { username: 'user', credential: '' },
        { username: 'x'.repeat(509), credential: 'cred' },
        { username: 'é'.repeat(255), credential: 'cred' },
      ]) {
        assert.equal(constructorError(server(url, credentials)), 'InvalidAccessError', `${url} ${JSON.stringify(credentials)}`);
        assert.equal(setConfigurationError({}, server(url, credentials)), 'InvalidAccessError', url);
      }
      assert.equal(constructorError(server(url, { username: 'x'.repeat(508), credential: 'c' })), 'none');
    }
    // STUN needs neither.
    assert.equal(constructorError(server('stun:stun.example.net', { username: '' })), 'none');
  });

  test('errors come in URL order: each URL is checked whole before the next', () => {
    assert.equal(constructorError(server(['turn:a.example.org', 'http://b'])), 'InvalidAccessError');
    assert.equal(constructorError(server(['http://b', 'turn:a.example.org'])), 'SyntaxError');
    assert.equal(constructorError({ iceServers: [{ urls: [] }, { urls: 'turn:a.example.org' }] }), 'SyntaxError');
    // Conversion errors come before any of them.
    assert.equal(constructorError({ iceServers: [{ urls: 'http://b' }, null] }), 'TypeError');
  });
});

describe('certificates', () => {
  test('several certificates: an a=fingerprint line for each, in order, in every section', async () => {
    const certificates = await Promise.all([1, 2, 3].map(() => RTCPeerConnection.generateCertificate(P256)));
    const pc = new RTCPeerConnection({ certificates });
    const configuration = pc.getConfiguration();
    assert.equal(configuration.certificates.length, 3);
    configuration.certificates.forEach((certificate, i) => assert.equal(certificate, certificates[i]));
    pc.addTransceiver('audio');
    pc.addTransceiver('video');
    pc.createDataChannel('data');
    const { sdp } = await pc.createOffer();
    const expected = certificates.map((c) => `a=fingerprint:sha-256 ${c.getFingerprints()[0].value.toUpperCase()}`);
    assert.deepEqual(linesStarting(sdp, 'a=fingerprint:'), [...expected, ...expected, ...expected]);
    pc.close();
  });

  test('the same certificate twice is taken as given', async () => {
    const certificate = await RTCPeerConnection.generateCertificate(P256);
    const pc = new RTCPeerConnection({ certificates: [certificate, certificate] });
    assert.equal(pc.getConfiguration().certificates.length, 2);
    pc.close();
  });

  test('conversion: a sequence of RTCCertificate', () => {
    for (const certificates of [null, 5, {}, [{}], [null], [{ expires: Date.now() + 1e6, getFingerprints: () => [] }]]) {
      assert.equal(constructorError({ certificates }), 'TypeError', JSON.stringify(certificates));
    }
  });

  test('an expired certificate: InvalidAccessError, before the ICE servers are looked at', async () => {
    const expired = await RTCPeerConnection.generateCertificate({ ...P256, expires: 0 });
    const fresh = await RTCPeerConnection.generateCertificate(P256);
    assert.ok(expired.expires < Date.now());
    assert.equal(constructorError({ certificates: [expired] }), 'InvalidAccessError');
    assert.equal(constructorError({ certificates: [fresh, expired] }), 'InvalidAccessError');
    assert.equal(constructorError({ certificates: [expired], iceServers: [{ urls: 'http://x' }] }), 'InvalidAccessError');
    // A conversion error still comes first.
    assert.equal(constructorError({ certificates: [expired], bundlePolicy: 'x' }), 'TypeError');
  });

  test('setConfiguration: exactly the same certificates, or InvalidModificationError', async () => {
    const [a, b] = await Promise.all([RTCPeerConnection.generateCertificate(P256), RTCPeerConnection.generateCertificate(P256)]);
    const expired = await RTCPeerConnection.generateCertificate({ ...P256, expires: 0 });
    // WPT RTCCertificate.html, and "set a configuration": same length, same objects.
    assert.equal(setConfigurationError({ certificates: [a] }, { certificates: [a] }), 'none');
    assert.equal(setConfigurationError({ certificates: [a, b] }, { certificates: [a, b] }), 'none');
    for (const [initial, next] of [
      [[a], [b]],
      [[a], [a, b]],
      [[a, b], [b, a]],
      [[a, b], [a]],
      [[a], [a, a]],
      [[a], []],
      [[a], undefined],
      [[], [a]],
      [[], [expired]],
    ]) {
      assert.equal(
        setConfigurationError({ certificates: initial }, { certificates: next }),
        'InvalidModificationError',
        `${initial.length} → ${next?.length}`,
      );
    }
    // The default certificate is not in the configuration: {} keeps a connection without any.
    assert.equal(setConfigurationError({}, {}), 'none');
    assert.equal(setConfigurationError({ certificates: [a] }, {}), 'InvalidModificationError');
  });
});

describe('setConfiguration', () => {
  test('bundlePolicy and rtcpMuxPolicy cannot change; {} means their defaults', () => {
    assert.equal(setConfigurationError({}, { bundlePolicy: 'balanced' }), 'none');
    assert.equal(setConfigurationError({ bundlePolicy: 'max-bundle' }, { bundlePolicy: 'max-bundle' }), 'none');
    assert.equal(setConfigurationError({ bundlePolicy: 'max-compat' }, { bundlePolicy: 'max-compat' }), 'none');
    assert.equal(setConfigurationError({}, { bundlePolicy: 'max-bundle' }), 'InvalidModificationError');
    assert.equal(setConfigurationError({ bundlePolicy: 'max-bundle' }, { bundlePolicy: 'max-compat' }), 'InvalidModificationError');
    assert.equal(setConfigurationError({ bundlePolicy: 'max-bundle' }, {}), 'InvalidModificationError');
    assert.equal(setConfigurationError({}, {}), 'none');
    assert.equal(setConfigurationError({}, undefined), 'none');
  });

  test('iceServers and iceTransportPolicy change; a refused configuration changes nothing', () => {
    const pc = new RTCPeerConnection({ iceServers: [{ urls: 'stun:a.example.org' }] });
    pc.setConfiguration({ iceServers: [{ urls: ['stun:b.example.org'] }], iceTransportPolicy: 'relay' });
    const changed = { ...DEFAULTS, iceServers: [{ urls: ['stun:b.example.org'] }], iceTransportPolicy: 'relay' };
    assert.deepEqual(pc.getConfiguration(), changed);
    for (const refused of [
      { iceServers: [{ urls: 'http://c' }] },
      { iceServers: [{ urls: 'turn:c.example.org' }] },
      { bundlePolicy: 'max-bundle', iceServers: [] },
      { iceTransportPolicy: 'x' },
    ]) {
      assert.throws(() => pc.setConfiguration(refused));
      assert.deepEqual(pc.getConfiguration(), changed);
    }
    pc.setConfiguration({});
    assert.deepEqual(pc.getConfiguration(), DEFAULTS);
    pc.close();
  });

  test('on a closed connection: conversion errors first, then InvalidStateError for anything', () => {
    const close = (pc) => pc.close();
    assert.equal(setConfigurationError({}, {}, close), 'InvalidStateError');
    assert.equal(setConfigurationError({}, { iceServers: [{ urls: 'http://x' }] }, close), 'InvalidStateError');
    assert.equal(setConfigurationError({}, { bundlePolicy: 'max-bundle' }, close), 'InvalidStateError');
    assert.equal(setConfigurationError({}, { bundlePolicy: 'x' }, close), 'TypeError');
    assert.equal(setConfigurationError({}, { iceServers: [{}] }, close), 'TypeError');
  });

  test('conversion errors are TypeErrors; getConfiguration() still works after close()', () => {
    assert.equal(setConfigurationError({}, 5), 'TypeError');
    const pc = new RTCPeerConnection({ bundlePolicy: 'max-compat' });
    pc.close();
    assert.equal(pc.getConfiguration().bundlePolicy, 'max-compat');
  });
});

describe('bundlePolicy in offers (Chromium’s mapping: the same offer for all three)', () => {
  for (const bundlePolicy of ['balanced', 'max-compat', 'max-bundle']) {
    test(bundlePolicy, async () => {
      const pc = new RTCPeerConnection({ bundlePolicy });
      pc.addTransceiver('audio');
      pc.addTransceiver('audio');
      pc.addTransceiver('video');
      pc.createDataChannel('data');
      const { sdp } = await pc.createOffer();
      const all = lines(sdp);
      assert.deepEqual(linesStarting(sdp, 'a=group:BUNDLE'), ['a=group:BUNDLE 0 1 2 3']);
      assert.deepEqual(
        linesStarting(sdp, 'm=').map((line) => line.split(' ').slice(0, 2).join(' ')),
        ['m=audio 9', 'm=audio 9', 'm=video 9', 'm=application 9'],
      );
      assert.ok(!all.includes('a=bundle-only'));
      // Every section carries the (same) transport attributes.
      for (const prefix of ['a=ice-ufrag:', 'a=ice-pwd:', 'a=fingerprint:', 'a=setup:actpass']) {
        const found = linesStarting(sdp, prefix);
        assert.equal(found.length, 4, prefix);
        assert.equal(new Set(found).size, 1, prefix);
      }
      pc.close();
    });
  }
});
