import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import SQLite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { BACKSTOP_PAGES, checkpointInBackground, finishPass } from './checkpoints.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function openFile() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mk-checkpoints-'));
  dirs.push(dir);
  const file = path.join(dir, 'city.sqlite');
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('create table letters (id integer primary key, body text not null, code text not null); create index letters_code_idx on letters (code)');
  return { db, file };
}

function writer(db: SQLite.Database) {
  const insert = db.prepare('insert into letters (body, code) values (?, ?)');
  return (rows: number, tag: string) => {
    for (let i = 0; i < rows; i++) insert.run('x'.repeat(2000), `${tag}-${i}`);
  };
}

/** 40 MB of rows in 20,000 small commits, with the event loop free between them (as a server's requests are). */
async function writeBursts(db: SQLite.Database) {
  const write = writer(db);
  for (let burst = 0; burst < 400; burst++) {
    write(50, String(burst));
    await sleep(10);
  }
}

/** Pages in the log now, as a second connection's passive checkpoint reports them. */
function pagesInLog(file: string): number {
  const other = new SQLite(file);
  try {
    return (other.pragma('wal_checkpoint(PASSIVE)') as { log: number }[])[0]!.log;
  } finally {
    other.close();
  }
}

describe('the write-ahead log checkpointed in the background', () => {
  /** The worker's pass leaving the last pages in the log, as pages committed while it ran are: here a reader holds them. */
  function passLeavingPages(db: SQLite.Database, file: string) {
    const write = writer(db);
    write(500, 'before');
    const reader = new SQLite(file);
    reader.exec('begin');
    reader.prepare('select count(*) from letters').get();
    write(20, 'during');
    const worker = new SQLite(file);
    const [pass] = worker.pragma('wal_checkpoint(PASSIVE)') as { log: number; checkpointed: number }[];
    expect(pass!.checkpointed).toBeLessThan(pass!.log);
    reader.exec('commit');
    reader.close();
    worker.close();
    return { pass: pass!, write };
  }

  it("after the worker's pass, the server's connection copies what was left, so the next commit starts the log over", () => {
    const { db, file } = openFile();
    db.pragma('wal_autocheckpoint = 0');
    const { pass, write } = passLeavingPages(db, file);
    finishPass(db, pass);
    write(1, 'after');
    // Only the last commit's pages are in the log: it was written from its start again.
    expect(pagesInLog(file)).toBeLessThan(10);
    db.close();
  });

  it('without that step the log is not wholly copied, and the next commit adds to it', () => {
    const { db, file } = openFile();
    db.pragma('wal_autocheckpoint = 0');
    const { write } = passLeavingPages(db, file);
    write(1, 'after');
    expect(pagesInLog(file)).toBeGreaterThan(500);
    db.close();
  });

  it('keeps the log well below what was written, with the commits not checkpointing it, and loses no row', async () => {
    const { db, file } = openFile();
    const stop = checkpointInBackground(db, 20);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(BACKSTOP_PAGES);
    await writeBursts(db);
    await stop();
    // The log started over again and again (about 5 MB at its largest on an idle machine, 11 MB on a busy one).
    expect(fs.statSync(`${file}-wal`).size).toBeLessThan(30 * 1024 * 1024);
    db.close();
    const reopened = new SQLite(file, { readonly: true });
    expect(reopened.prepare('select count(*) as n from letters').get()).toEqual({ n: 20_000 });
    reopened.close();
  });

  it('without it the same writes pile up in the log below the backstop', async () => {
    const { db, file } = openFile();
    db.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
    await writeBursts(db);
    expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(40 * 1024 * 1024);
    db.close();
  });
});
