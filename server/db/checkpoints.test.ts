import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import SQLite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { BACKSTOP_PAGES, checkpointInBackground } from './checkpoints.js';

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

/** 40 MB of rows in 20,000 small commits, with the event loop free between them (as a server's requests are). */
async function writeBursts(db: SQLite.Database) {
  const insert = db.prepare('insert into letters (body, code) values (?, ?)');
  for (let burst = 0; burst < 400; burst++) {
    for (let i = 0; i < 50; i++) insert.run('x'.repeat(2000), `${burst}-${i}`);
    await sleep(10);
  }
}

describe('the write-ahead log checkpointed in the background', () => {
  it('keeps the log small without the commits checkpointing it, and loses no row', async () => {
    const { db, file } = openFile();
    const stop = checkpointInBackground(db, 20);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(BACKSTOP_PAGES);
    await writeBursts(db);
    await stop();
    // The log started over from its beginning again and again: it never held a quarter of the 40 MB written.
    expect(fs.statSync(`${file}-wal`).size).toBeLessThan(10 * 1024 * 1024);
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
