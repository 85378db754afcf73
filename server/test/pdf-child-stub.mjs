// A stand-in for the printer's process (platform/pdf-child.ts) that answers every page with the first bytes of a PDF after 300 ms: for the parent's own tests, without Chromium.
import { Buffer } from 'node:buffer';
import { setTimeout } from 'node:timers';

process.on('message', (m) => {
  if (m.close) return process.exit(0);
  setTimeout(() => process.send({ id: m.id, pdf: new Uint8Array(Buffer.from('%PDF-stub')) }), 300);
});
process.on('disconnect', () => process.exit(0));
