/**
 * A throw-away database per test file: a temp SQLite file, or (TEST_DB=postgres) a fresh
 * PostgreSQL schema that is dropped afterwards.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDb, migrate, type Db } from '../db/database.js';

export const TEST_DB = process.env.TEST_DB === 'postgres' ? 'postgres' : 'sqlite';
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDb {
  db: Db;
  databaseUrl: string | null;
  sqlitePath: string;
  pgSchema?: string;
  drop(): Promise<void>;
}

export async function createTestDb(): Promise<TestDb> {
  const suffix = randomBytes(6).toString('hex');
  if (TEST_DB === 'postgres') {
    const pgSchema = `test_${suffix}`;
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${pgSchema}`);
    await admin.end();
    const db = createDb({ databaseUrl: TEST_DATABASE_URL, sqlitePath: '', pgSchema });
    await migrate(db, { pgSchema });
    return {
      db, databaseUrl: TEST_DATABASE_URL, sqlitePath: '', pgSchema,
      drop: async () => {
        await db.destroy();
        const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
        await c.connect();
        await c.query(`DROP SCHEMA ${pgSchema} CASCADE`);
        await c.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'miz-test-'));
  const sqlitePath = path.join(dir, 'test.sqlite');
  const db = createDb({ databaseUrl: null, sqlitePath });
  await migrate(db);
  return {
    db, databaseUrl: null, sqlitePath,
    drop: async () => {
      await db.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
