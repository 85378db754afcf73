/**
 * HTML to PDF with one warm headless Chromium for the whole process. Starting Chromium takes
 * about a second, so it is launched on the first letter and kept; if it crashes or is killed, the
 * next print launches a new one (and the print that met the crash is tried once more). The app's
 * onClose hook closes it.
 *
 * Pages are printed with scripts off and the network off: a letter is self-contained HTML (fonts
 * and images inline), so nothing it contains can fetch or run anything.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { launchChromium } from './chromium.js';

export interface PdfPrinter {
  /** A4 PDF of a self-contained HTML page. */
  print: (html: string) => Promise<Buffer>;
  close: () => Promise<void>;
}

/** Where printing trouble is reported (the app's pino logger). */
export interface PdfLog {
  warn(obj: object, msg: string): void;
}

const PRINT_TIMEOUT_MS = 20_000;
/** Prints at once; more wait their turn, so a burst of retries cannot exhaust the server's memory. */
const MAX_CONCURRENT = 2;

interface Warm {
  browser: Browser;
  context: BrowserContext;
}

export function chromiumPrinter(log: PdfLog | null = null, launch: () => Promise<Browser> = launchChromium): PdfPrinter {
  let warm: Promise<Warm> | null = null;
  let closed = false;
  let running = 0;
  const queue: (() => void)[] = [];

  function start(): Promise<Warm> {
    if (warm) return warm;
    const starting = (async () => {
      const browser = await launch();
      browser.on('disconnected', () => {
        if (warm === starting) warm = null;
      });
      try {
        return { browser, context: await browser.newContext({ javaScriptEnabled: false, offline: true }) };
      } catch (err) {
        await browser.close().catch(() => undefined);
        throw err;
      }
    })();
    warm = starting;
    starting.catch(() => {
      if (warm === starting) warm = null;
    });
    return starting;
  }

  async function printWith({ context }: Warm, html: string): Promise<Buffer> {
    const page = await context.newPage();
    try {
      page.setDefaultTimeout(PRINT_TIMEOUT_MS);
      await page.setContent(html, { waitUntil: 'load' });
      await page.evaluate(() => document.fonts.ready);
      return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    } finally {
      await page.close().catch(() => undefined);
    }
  }

  async function turn<T>(job: () => Promise<T>): Promise<T> {
    while (running >= MAX_CONCURRENT) await new Promise<void>((resolve) => queue.push(resolve));
    running++;
    try {
      return await job();
    } finally {
      running--;
      queue.shift()?.();
    }
  }

  return {
    print(html) {
      return turn(async () => {
        for (let attempt = 1; ; attempt++) {
          if (closed) throw new Error('the PDF printer is closed');
          let w: Warm;
          try {
            w = await start();
          } catch (err) {
            log?.warn({ err }, 'Chromium could not be started');
            throw err;
          }
          try {
            return await printWith(w, html);
          } catch (err) {
            if (w.browser.isConnected() || attempt === 2) {
              log?.warn({ err }, 'printing a PDF failed');
              throw err;
            }
            log?.warn({ err }, 'Chromium went away while printing; starting it again');
            if (warm && (await warm.catch(() => null)) === w) warm = null;
          }
        }
      });
    },
    async close() {
      closed = true;
      const w = await warm?.catch(() => null);
      warm = null;
      await w?.browser.close();
    },
  };
}
