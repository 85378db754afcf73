/** The printer in a process of its own (decision 0055), with the real child and the real Chromium: a PDF back, a new child after one dies, none after closing. */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { processPrinter } from './pdf-process.js';
import { childPids } from '../test/processes.js';

const warnings: string[] = [];
const printer = processPrinter(path.join(import.meta.dirname, 'pdf-child.ts'), { warn: (_obj, msg) => void warnings.push(msg) }, ['--import', 'tsx']);
afterAll(() => printer.close());

const PAGE = '<!doctype html><html lang="fa" dir="rtl"><body><p>نامه ۱۲۳</p></body></html>';

/** This process's printer children (by their module's name). */
const children = () => childPids(process.pid, 'pdf-child');

const isPdf = (pdf: Buffer) => pdf.subarray(0, 5).toString() === '%PDF-';

describe('the PDF printer process', () => {
  it('starts one child on the first print and prints side by side through it', async () => {
    expect(children()).toEqual([]);
    const pdfs = await Promise.all([printer.print(PAGE), printer.print(PAGE), printer.print(PAGE)]);
    expect(pdfs.map(isPdf)).toEqual([true, true, true]);
    expect(children()).toHaveLength(1);
  });

  it('starts a new child when the old one has died, between prints and during one', async () => {
    const [first] = children();
    process.kill(first!, 'SIGKILL'); // as an OOM kill would
    expect(isPdf(await printer.print(PAGE))).toBe(true);
    const [second] = children();
    expect(second).toBeDefined();
    expect(second).not.toBe(first);

    // Killed while the page is on its way: the print is tried once more on a new child.
    const printing = printer.print(PAGE);
    process.kill(second!, 'SIGKILL');
    expect(isPdf(await printing)).toBe(true);
    expect(children()).toHaveLength(1);
    expect(children()).not.toContain(second);
    expect(warnings).toContain('the PDF printer process went away while printing; starting it again');
  });

  it('fails no print sent after a child died on the child that replaced it (a stand-in child, twelve rounds)', async () => {
    const rejected: string[] = [];
    for (let round = 0; round < 12; round++) {
      const stub = processPrinter(path.join(import.meta.dirname, '../test/pdf-child-stub.mjs'), null, []);
      await stub.print(PAGE);
      const [pid] = childPids(process.pid, 'pdf-child-stub');
      process.kill(pid!, 'SIGKILL');
      // At once, after a turn of the event loop, or a moment later: the dead child's exit is reported at some point among the prints.
      if (round % 3 === 1) await new Promise((resolve) => setImmediate(resolve));
      if (round % 3 === 2) await new Promise((resolve) => setTimeout(resolve, 5));
      for (const r of await Promise.allSettled([stub.print(PAGE), stub.print(PAGE)])) if (r.status === 'rejected') rejected.push(`round ${round}: ${String(r.reason)}`);
      await stub.close();
    }
    expect(rejected).toEqual([]);
  });

  it('closes its child, and prints no more', async () => {
    await printer.close();
    expect(children()).toEqual([]);
    await expect(printer.print(PAGE)).rejects.toThrow('closed');
  });
});
