import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type SQLite from 'better-sqlite3';

/**
 * The server's SQLite write-ahead log checkpointed off the event loop (decision 0051).
 *
 * SQLite's own checkpoint runs inside the commit that fills the log past 1,000 pages: it copies
 * them into the database file and waits for the disk (fsync), on the one thread that serves every
 * request. In a 17 GB file those pages are scattered, and the wait held every request behind it (at
 * 10^6 cases the transition's p99 went from 0.7-2.4 s to 0.4-0.6 s without it, docs/performance.md).
 *
 * Here a worker thread with a connection of its own copies the log once a second (PASSIVE: it
 * never blocks a reader or a writer). The pages written while it ran stay in the log, so the log
 * could never start over; right after each pass the server's connection copies those few itself,
 * which lets the next commit write the log from its start again. The commit's own checkpoint stays
 * as a backstop should the worker stop: at 64 Ki pages (256 MB) instead of 1,000.
 */
export const BACKSTOP_PAGES = 65_536;
const EVERY_MS = 1000;

/** The worker's code (CommonJS, evaluated): a pass a second, each result posted to the server's thread. */
const CHECKPOINTER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path);
const pass = () => {
  try {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ log: result.log, checkpointed: result.checkpointed });
  } catch (err) {
    parentPort.postMessage({ error: String((err && err.message) || err) });
  }
  setTimeout(pass, workerData.everyMs);
};
setTimeout(pass, workerData.everyMs);
`;

type PassResult = { log: number; checkpointed: number } | { error: string };

/** Starts the checkpointer for this connection's file; the function returned stops it. */
export function checkpointInBackground(sqlite: SQLite.Database, everyMs = EVERY_MS): () => Promise<void> {
  sqlite.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(CHECKPOINTER, { eval: true, workerData: { driver, path: sqlite.name, everyMs } });
  worker.unref();
  worker.on('message', (result: PassResult) => {
    if ('error' in result) return warn('a background checkpoint of the write-ahead log failed; the next pass tries again', result.error);
    finishPass(sqlite, result);
  });
  worker.on('error', (err) => warn('the background checkpointer stopped; commits checkpoint the write-ahead log themselves past the backstop', err.message));
  return async () => {
    await worker.terminate();
  };
}

/**
 * On the server's thread, right after the worker's pass: copy the pages committed while it ran, so
 * the whole log is copied and the next commit writes it from its start. The worker's own figures
 * cannot tell whether pages came in during its pass (it counts the log as it found it), so this
 * runs after every pass that found a log; with nothing left to copy it returns at once.
 */
export function finishPass(sqlite: SQLite.Database, pass: { log: number }): void {
  if (pass.log > 0 && sqlite.open) sqlite.pragma('wal_checkpoint(PASSIVE)');
}

function warn(msg: string, error: string) {
  console.warn(JSON.stringify({ level: 'warn', msg, error }));
}
