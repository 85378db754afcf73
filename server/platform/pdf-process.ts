/**
 * The PDF printer in a process of its own (decision 0055): the server's letters and reports are
 * printed by a child Node process that holds playwright-core and the warm Chromium
 * (`pdf-child.ts`, which runs `chromiumPrinter`), so the server's own process never loads the
 * library (85 MB resident) and a printer that leaks or hangs is killed and started again without
 * touching the requests being served. The child is started on the first print and kept; if it
 * exits while printing, the print is tried once more on a new one, as the in-process printer
 * does when Chromium goes away. Pages and PDFs cross over the IPC channel (structured clone).
 */
import { fork, type ChildProcess } from 'node:child_process';
import type { PdfLog, PdfPrinter } from './pdf.js';

/** What the parent sends: a page to print, or the word to close. */
export type ToPrinter = { id: number; html: string } | { close: true };
/** What the child answers: a PDF, why not, or a warning for the server's log. */
export type FromPrinter = { id: number; pdf: Uint8Array } | { id: number; error: string } | { warn: string; err?: string };

/**
 * A print with no answer in this time is given up, not tried again, and the child killed (its other
 * prints are tried again on a new one). Above the child's worst case: two prints at a time, each
 * up to 20 s for the page, its fonts and its PDF (pdf.ts).
 */
const ANSWER_TIMEOUT_MS = 150_000;
const CLOSE_TIMEOUT_MS = 5_000;

class PrinterGone extends Error {}

interface Pending {
  /** The child it was sent to: only that child's end fails it. */
  child: ChildProcess;
  resolve: (pdf: Buffer) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
}

/** `entry`: the child's module (dist/server/pdf-child.mjs beside the bundle); `execArgv`: Node's flags for it (a loader for a .ts entry). */
export function processPrinter(entry: string, log: PdfLog | null = null, execArgv: string[] = process.execArgv): PdfPrinter {
  let child: ChildProcess | null = null;
  let closed = false;
  let nextId = 1;
  const pending = new Map<number, Pending>();

  function fail(of: ChildProcess, err: Error) {
    if (child === of) child = null;
    for (const [id, p] of pending) {
      if (p.child !== of) continue;
      clearTimeout(p.timer);
      pending.delete(id);
      p.reject(err);
    }
  }

  function start(): ChildProcess {
    // A child that has died but not yet said so (its exit event still to come) is not used.
    if (child && child.connected && child.exitCode === null && child.signalCode === null) return child;
    const c = fork(entry, [], { execArgv, serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    c.on('message', (m: FromPrinter) => {
      if ('warn' in m) return log?.warn({ err: m.err }, m.warn);
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      clearTimeout(p.timer);
      if ('pdf' in m) p.resolve(Buffer.from(m.pdf.buffer, m.pdf.byteOffset, m.pdf.byteLength));
      else p.reject(new Error(m.error));
    });
    c.on('error', (err) => fail(c, new PrinterGone(`the PDF printer process failed: ${err.message}`)));
    c.on('exit', (code, signal) => fail(c, new PrinterGone(`the PDF printer process exited (${signal ?? `code ${code}`})`)));
    child = c;
    return c;
  }

  function printOnce(html: string): Promise<Buffer> {
    const c = start();
    const id = nextId++;
    return new Promise<Buffer>((resolve, reject) => {
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`the PDF printer gave no answer in ${ANSWER_TIMEOUT_MS / 1000} s`));
        log?.warn({ id }, 'the PDF printer process did not answer; stopping it');
        c.kill('SIGKILL');
      }, ANSWER_TIMEOUT_MS);
      pending.set(id, { child: c, resolve, reject, timer });
      c.send({ id, html } satisfies ToPrinter, (err) => {
        if (err) fail(c, new PrinterGone(`the PDF printer process could not be reached: ${err.message}`));
      });
    });
  }

  return {
    async print(html) {
      for (let attempt = 1; ; attempt++) {
        if (closed) throw new Error('the PDF printer is closed');
        try {
          return await printOnce(html);
        } catch (err) {
          if (!(err instanceof PrinterGone) || attempt === 2) throw err;
          log?.warn({ err }, 'the PDF printer process went away while printing; starting it again');
        }
      }
    },
    async close() {
      closed = true;
      const c = child;
      if (!c || c.exitCode !== null || c.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => c.once('exit', () => resolve()));
      c.send({ close: true } satisfies ToPrinter, () => undefined);
      const timer = setTimeout(() => c.kill('SIGKILL'), CLOSE_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}
