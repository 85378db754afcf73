/**
 * Debian's Chromium, driven by playwright-core (which never downloads a browser): the one way to
 * start it, shared by the server (PDF letters) and the e2e tests. Each launch gets a fresh
 * temporary profile from Playwright; the flags keep Chromium off the network, which a municipal
 * server (and this test machine) does not give it.
 */
import type { Browser } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** playwright-core is loaded on the first launch, not when the server starts (it is a large library). */
export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
}
