// The demo page (www/) makes an offer with our class and leaves the native one alone.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowser } from './harness.js';

let env;
let page;

before(async () => {
  env = await startBrowser();
  page = await env.context.newPage();
  await page.goto(new URL('/www/', env.baseUrl).href);
  await page.waitForFunction(() => document.getElementById('status').textContent !== 'Loading…');
});

after(async () => {
  await env?.close();
});

test('loads our package and keeps the native RTCPeerConnection', async () => {
  const state = await page.evaluate(() => ({
    status: document.getElementById('status').textContent,
    buttonEnabled: !document.getElementById('create').disabled,
    nativeIntact: RTCPeerConnection.toString().includes('[native code]'),
    isolated: self.crossOriginIsolated,
  }));
  assert.deepEqual(state, { status: 'Ready.', buttonEnabled: true, nativeIntact: true, isolated: true });
});

test('"Create offer" shows the offer and how long createOffer took', async () => {
  await page.click('#create');
  await page.waitForFunction(() => document.getElementById('offer').textContent !== '');
  const shown = await page.evaluate(() => ({
    offer: document.getElementById('offer').textContent,
    status: document.getElementById('status').textContent,
  }));
  assert.match(shown.status, /^createOffer took \d+\.\d{3} ms/);
  const kinds = shown.offer.split('\r\n').filter((line) => line.startsWith('m=')).map((line) => line.split(' ')[0]);
  assert.deepEqual(kinds, ['m=audio', 'm=video', 'm=application']);
});
