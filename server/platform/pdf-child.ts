/**
 * The PDF printer's own process (pdf-process.ts forks it): the warm Chromium of `chromiumPrinter`,
 * a page in and a PDF out over the IPC channel. It ends when asked to close, or when the server
 * that started it is gone (the channel closes), closing Chromium first.
 */
import { chromiumPrinter } from './pdf.js';
import type { FromPrinter, ToPrinter } from './pdf-process.js';

const answer = (m: FromPrinter) => process.send?.(m);
const printer = chromiumPrinter({ warn: (obj, msg) => answer({ warn: msg, ...('err' in obj && obj.err instanceof Error ? { err: obj.err.message } : {}) }) });

let ending = false;
async function end() {
  if (ending) return;
  ending = true;
  await printer.close().catch(() => undefined);
  process.exit(0);
}

process.on('message', (m: ToPrinter) => {
  if ('close' in m) return void end();
  printer.print(m.html).then(
    (pdf) => answer({ id: m.id, pdf }),
    (err: unknown) => answer({ id: m.id, error: err instanceof Error ? err.message : String(err) }),
  );
});
process.on('disconnect', () => void end());
