// Shared set-up for tests against Firefox: one headless Firefox ESR (Debian's firefox-esr, driven by
// puppeteer-core over WebDriver BiDi) with a served page, for a whole test file.
//
//   const firefox = await startFirefox();
//   await firefox.page.evaluate(() => window.newPeer('a'));
//   await firefox.close();

import { existsSync } from 'node:fs';
import puppeteer from 'puppeteer-core';
import { startServer } from '../../scripts/serve.mjs';
import { TIMEOUT_MS } from './harness.js';

export const FIREFOX = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';

/** Why the tests cannot run here, or false: only outside CI may a missing Firefox skip them. */
export const firefoxMissing =
  !existsSync(FIREFOX) && !process.env.CI ? `${FIREFOX} not found: run scripts/install-deps.sh (or set FIREFOX_PATH)` : false;

const PREFS = {
  // getUserMedia answers at once with generated audio and video.
  'media.navigator.streams.fake': true,
  'media.navigator.permission.disabled': true,
};

export async function startFirefox() {
  if (!existsSync(FIREFOX)) {
    throw new Error(`${FIREFOX} not found: run scripts/install-deps.sh (or set FIREFOX_PATH)`);
  }
  const server = await startServer();
  let browser;
  try {
    browser = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX, headless: true, extraPrefsFirefox: PREFS });
  } catch (error) {
    await server.close();
    throw error;
  }
  const [page] = await browser.pages();
  page.setDefaultTimeout(TIMEOUT_MS);
  const problems = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  await page.goto(new URL('tests/browser/pages/firefox.html', server.url).href);
  await page.waitForFunction(() => window.__ready === true);

  async function close() {
    await browser.close().catch(() => {});
    await server.close();
  }
  return { page, problems, close };
}
