/**
 * `npm run bench:web`: the first render of two pages in headless Chromium, as on a cheap phone on
 * a bad line: the public tracking page (/track) and a desk clerk's home (/, signed in as a desk
 * operator). Starts the built server (dist/server/main.mjs, as `npm start` runs it) on a fresh
 * SQLite database with the demo seed, serving dist/web as built (rebuilt first if stale).
 *
 * Each run is a new browser context (cold cache, no service worker) with, through CDP:
 *   - the CPU slowed 4x (Emulation.setCPUThrottlingRate);
 *   - Chrome DevTools' "Slow 3G" preset (Network.emulateNetworkConditions): 400 kbit/s down and
 *     up (DevTools: 500 kbit/s x 0.8) and 2,000 ms added to every request (DevTools: a 400 ms
 *     round trip x 5, standing in for the round trips of connecting and of TCP's slow start).
 * Measured: first contentful paint, largest contentful paint, the first meaningful Persian content
 * (the page's title on /track; the work queue with its counts on the desk home: the frame after it
 * is in the DOM) and every byte that came over the wire until the network was idle.
 *
 * RUNS (default 3) loads of each page; medians printed as a table and written with every run to
 * bench/results/<date>-web[-<BENCH_LABEL>].json. Figures, not targets: docs/performance.md.
 */
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ensureWebBuilt } from '../scripts/build.js';
import { launchChromium } from '../server/platform/chromium.js';
import { DEMO_PASSWORD } from '../server/seed/seed.js';
import { freePort, serverDatabase, startServer } from '../server/test/server-process.js';

const RUNS = Number(process.env.RUNS ?? 3);
const LABEL = process.env.BENCH_LABEL;
const ROOT = path.resolve(import.meta.dirname, '..');
const DESK_OPERATOR = 'o10573449-op1';

/** Chrome DevTools' "Slow 3G": what its network panel sends to Network.emulateNetworkConditions. */
const SLOW_3G = { offline: false, downloadThroughput: (500_000 / 8) * 0.8, uploadThroughput: (500_000 / 8) * 0.8, latency: 400 * 5 };
const CPU_SLOWDOWN = 4;

interface Target {
  name: string;
  path: string;
  signedInAs?: string;
  /** The page's first meaningful content: the first element matching this, with Persian text in it. */
  meaningful: string;
}

const TARGETS: Target[] = [
  { name: 'track', path: '/track', meaningful: 'h1' },
  { name: 'desk home', path: '/', signedInAs: DESK_OPERATOR, meaningful: '[data-testid^="pile-"]' },
];

interface Transfer {
  url: string;
  type: string;
  bytes: number;
}

interface Run {
  fcpMs: number;
  lcpMs: number;
  meaningfulMs: number;
  bytes: number;
  requests: number;
  bytesByType: Record<string, number>;
  transfers: Transfer[];
}

/**
 * Runs in the page before its own scripts: paint entries are kept, and the time of the frame after
 * the meaningful element first holds Persian text is noted in window.__meaningfulMs.
 */
function observePage(selector: string): void {
  const w = window as unknown as { __lcpMs?: number; __meaningfulMs?: number };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) w.__lcpMs = entry.startTime;
  }).observe({ type: 'largest-contentful-paint', buffered: true });
  const persian = /[\u0600-\u06FF]/;
  const observer = new MutationObserver(() => {
    const element = document.querySelector(selector);
    if (!element || !persian.test(element.textContent ?? '')) return;
    observer.disconnect();
    requestAnimationFrame(() => (w.__meaningfulMs = performance.now()));
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true });
}

async function signIn(baseUrl: string, username: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`sign-in of ${username}: ${res.status} ${await res.text()}`);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

async function load(browser: Browser, baseUrl: string, target: Target, cookie: string | undefined): Promise<Run> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'fa-IR', timezoneId: 'Asia/Tehran' });
  try {
    if (cookie) {
      const [name, value] = cookie.split('=') as [string, string];
      await context.addCookies([{ name, value, url: baseUrl }]);
    }
    const page = await context.newPage();
    await page.addInitScript(observePage, target.meaningful);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    const seen = new Map<string, { url: string; type: string }>();
    const transfers: Transfer[] = [];
    cdp.on('Network.responseReceived', (e) => seen.set(e.requestId, { url: e.response.url, type: e.type }));
    cdp.on('Network.loadingFinished', (e) => {
      const response = seen.get(e.requestId);
      if (response) transfers.push({ url: new URL(response.url).pathname, type: response.type, bytes: e.encodedDataLength });
    });

    await page.goto(baseUrl + target.path, { waitUntil: 'commit' });
    const painted = () =>
      (window as unknown as { __meaningfulMs?: number }).__meaningfulMs !== undefined && performance.getEntriesByName('first-contentful-paint').length > 0;
    await page.waitForFunction(painted, undefined, { timeout: 180_000 });
    // The font is asked for only once text is laid out, which under the slowed CPU can come more
    // than the half second of quiet after the scripts that counts as "network idle".
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    await page.waitForLoadState('networkidle', { timeout: 180_000 });
    const times = await readTimes(page);
    const bytesByType: Record<string, number> = {};
    for (const t of transfers) bytesByType[t.type] = (bytesByType[t.type] ?? 0) + t.bytes;
    return { ...times, bytes: transfers.reduce((sum, t) => sum + t.bytes, 0), requests: transfers.length, bytesByType, transfers };
  } finally {
    await context.close();
  }
}

function readTimes(page: Page): Promise<{ fcpMs: number; lcpMs: number; meaningfulMs: number }> {
  return page.evaluate(() => {
    const w = window as unknown as { __lcpMs?: number; __meaningfulMs: number };
    const fcp = performance.getEntriesByName('first-contentful-paint')[0];
    // No helper functions in here: tsx would wrap them in a __name() the page does not have.
    return { fcpMs: Math.round(fcp?.startTime ?? NaN), lcpMs: Math.round(w.__lcpMs ?? NaN), meaningfulMs: Math.round(w.__meaningfulMs) };
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : Math.round((sorted[middle - 1]! + sorted[middle]!) / 2);
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function main() {
  ensureWebBuilt();
  const database = await serverDatabase();
  const server = await startServer({ ...database.env, PORT: String(await freePort()), MAP_TILE_URL: 'none' });
  const browser = await launchChromium();
  try {
    const pages: Record<string, { runs: Run[]; median: Omit<Run, 'transfers' | 'bytesByType'> }> = {};
    for (const target of TARGETS) {
      const cookie = target.signedInAs ? await signIn(server.url, target.signedInAs) : undefined;
      const runs: Run[] = [];
      for (let i = 0; i < RUNS; i++) {
        runs.push(await load(browser, server.url, target, cookie));
        console.log(`${target.name} run ${i + 1}: FCP ${s(runs.at(-1)!.fcpMs)}, meaningful ${s(runs.at(-1)!.meaningfulMs)}, ${kb(runs.at(-1)!.bytes)}`);
      }
      const of = (key: 'fcpMs' | 'lcpMs' | 'meaningfulMs' | 'bytes' | 'requests') => median(runs.map((r) => r[key]));
      pages[target.name] = { runs, median: { fcpMs: of('fcpMs'), lcpMs: of('lcpMs'), meaningfulMs: of('meaningfulMs'), bytes: of('bytes'), requests: of('requests') } };
    }

    console.log(`\nmedian of ${RUNS} cold loads, CPU ${CPU_SLOWDOWN}x slower, DevTools Slow 3G (400 kbit/s, +2,000 ms a request)\n`);
    console.log('| page | FCP | LCP | first meaningful Persian content | transferred | requests |');
    console.log('|---|---|---|---|---|---|');
    for (const [name, { median: m }] of Object.entries(pages)) {
      console.log(`| ${name} | ${s(m.fcpMs)} | ${s(m.lcpMs)} | ${s(m.meaningfulMs)} | ${kb(m.bytes)} | ${m.requests} |`);
    }

    const date = new Date().toISOString().slice(0, 10);
    const file = path.join(ROOT, 'bench/results', `${date}-web${LABEL ? `-${LABEL}` : ''}.json`);
    const commit = execSync('git rev-parse --short HEAD', { cwd: ROOT }).toString().trim();
    const result = {
      date: new Date().toISOString(),
      commit,
      label: LABEL ?? null,
      network: { preset: 'Chrome DevTools Slow 3G', ...SLOW_3G },
      cpuSlowdown: CPU_SLOWDOWN,
      runs: RUNS,
      machine: { cpus: os.cpus().length, loadAverage: os.loadavg() },
      pages,
    };
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`\nwritten: ${path.relative(ROOT, file)}`);
  } finally {
    await browser.close();
    server.signal('SIGTERM');
    await server.exited;
    await database.drop();
  }
}

await main();
