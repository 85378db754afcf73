/**
 * A hot standby of the test PostgreSQL server, for real (the read-replica test, decision 0041): a
 * second cluster on this machine made by Debian's postgresql-common from a `pg_basebackup -R -X
 * stream` of the first, streaming from it until it is dropped. What it needs is what the CI machines
 * have: the test server on this machine (TEST_DATABASE_URL at 127.0.0.1, superuser `postgres`),
 * pg_createcluster and friends, and root (to make a cluster owned by `postgres`).
 *
 * The base backup becomes the new cluster's data directory (under /dev/shm) and pg_createcluster
 * integrates it with a configuration of its own (no initdb to throw away). A throw-away standby
 * needs no durability, so it runs with fsync off: it starts in a tenth of a second instead of
 * syncing every file first.
 * Clusters left by a run that was killed (their process gone) are dropped by the next one.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import pg from 'pg';
import { TEST_DATABASE_URL, alive, withAdmin } from './db.js';
import { freePort } from './server-process.js';

const run = promisify(execFile);
const NAME_PREFIX = 'mkstandby_';
const HBA_LINE = 'host    replication     postgres        127.0.0.1/32            trust';
/** Settings a hot standby must hold at least as high as its primary, or it refuses to start. */
const AT_LEAST_PRIMARY = ['max_connections', 'max_worker_processes', 'max_wal_senders', 'max_prepared_transactions', 'max_locks_per_transaction'];

export interface Standby {
  /** The same database on the standby as `primaryUrl` names on the primary. */
  urlOf(primaryUrl: string): string;
  /** Run one statement on the standby (its `postgres` database). */
  query<R extends pg.QueryResultRow>(text: string): Promise<R[]>;
  /** Wait until the standby has replayed everything the primary had written when this was called. */
  caughtUp(): Promise<void>;
  pauseReplay(): Promise<void>;
  resumeReplay(): Promise<void>;
  /** Stop the server (fast shutdown), as a replica that goes down. */
  stop(): Promise<void>;
  /** Stop it if running and remove the cluster: configuration, data and log. */
  drop(): Promise<void>;
}

/** Poll until `ready()` answers true; fail naming `what` after `timeoutMs`. */
async function until(what: string, ready: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown = null;
  for (;;) {
    try {
      if (await ready()) return;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`standby: ${what} not within ${timeoutMs} ms${last instanceof Error ? `: ${last.message}` : ''}`, { cause: last });
    await sleep(50);
  }
}

/** Drop the standbys of earlier runs whose process is gone (a run killed before its cleanup). */
async function sweep(): Promise<void> {
  const { stdout } = await run('pg_lsclusters', ['--no-header']);
  for (const line of stdout.split('\n')) {
    const [version, name] = line.trim().split(/\s+/);
    const pid = Number(name?.startsWith(NAME_PREFIX) ? name.slice(NAME_PREFIX.length).split('_')[0] : 0);
    if (version && name && pid > 0 && !alive(pid)) await run('pg_dropcluster', ['--stop', version, name]).catch(() => undefined);
  }
}

/**
 * Replication connections from this machine as `postgres`: `host all ...` does not cover them, so
 * the line is added to the primary's pg_hba.conf (once: later runs find it) and the server reloads.
 */
async function allowReplication(primary: pg.Client): Promise<void> {
  const { rows } = await primary.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_hba_file_rules
      WHERE type LIKE 'host%' AND 'replication' = ANY(database) AND ('postgres' = ANY(user_name) OR 'all' = ANY(user_name))
        AND (address IN ('127.0.0.1', 'all', 'samehost') OR address IS NULL) AND error IS NULL`,
  );
  if (rows[0]!.n > 0) return;
  const hbaFile = (await primary.query<{ hba_file: string }>('SHOW hba_file')).rows[0]!.hba_file;
  fs.appendFileSync(hbaFile, `\n# Added by the Miz-e Khedmat tests (server/test/standby.ts): a hot standby on this machine streams from here.\n${HBA_LINE}\n`);
  await primary.query('SELECT pg_reload_conf()');
}

/** `step` hears each stage as it is done (the test prints where the time went). */
export async function startStandby(step: (what: string) => void = () => undefined): Promise<Standby> {
  const primaryUrl = new URL(TEST_DATABASE_URL);
  if (!['127.0.0.1', 'localhost'].includes(primaryUrl.hostname)) {
    throw new Error(`standby: the test server must run on this machine (TEST_DATABASE_URL is ${primaryUrl.host}); the standby is a second cluster beside it`);
  }
  if (process.getuid?.() !== 0) throw new Error('standby: needs root (a cluster owned by postgres is made with pg_createcluster)');
  await sweep();
  const facts = await withAdmin(async (primary) => {
    const settings = await primary.query<{ name: string; setting: string }>('SELECT name, setting FROM pg_settings WHERE name = ANY($1)', [[...AT_LEAST_PRIMARY, 'wal_level', 'server_version_num']]);
    const byName = new Map(settings.rows.map((r) => [r.name, r.setting]));
    if (byName.get('wal_level') === 'minimal') throw new Error('standby: the primary runs with wal_level = minimal; a standby needs replica');
    await allowReplication(primary);
    return { settings: byName };
  });
  const version = String(Math.floor(Number(facts.settings.get('server_version_num')) / 10000));
  const name = `${NAME_PREFIX}${process.pid}_${randomBytes(3).toString('hex')}`;
  const port = await freePort();
  // In memory where there is a tmpfs: the copy of the whole test server is written and removed in a
  // second or two there, while on a disk busy with other work it took 20-30 s each way.
  const dataDir = path.join(fs.existsSync('/dev/shm') ? '/dev/shm' : path.join('/var/lib/postgresql', version), name);
  const conninfo = { host: '127.0.0.1', port, user: 'postgres', database: 'postgres' };
  const standbyQuery = async <R extends pg.QueryResultRow>(text: string): Promise<R[]> => {
    const client = new pg.Client({ ...conninfo, connectionTimeoutMillis: 2000 });
    await client.connect();
    try {
      return (await client.query<R>(text)).rows;
    } finally {
      await client.end();
    }
  };
  const drop = async () => {
    await run('pg_dropcluster', ['--stop', version, name]).catch(() => undefined);
    fs.rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    await run('install', ['-d', '-o', 'postgres', '-g', 'postgres', '-m', '700', dataDir]);
    // Tried again for a few seconds: the primary may still be reloading the pg_hba.conf line just
    // added, and other test files create and drop databases on it while it is copied.
    await until(
      'the base backup',
      async () => {
        await run('runuser', ['-u', 'postgres', '--', 'pg_basebackup', '-h', '127.0.0.1', '-p', primaryUrl.port || '5432', '-U', 'postgres', '-D', dataDir, '-R', '-X', 'stream', '--checkpoint=fast', '--no-sync'], { timeout: 120_000 })
          .catch(async (err: Error) => {
            fs.rmSync(dataDir, { recursive: true, force: true });
            await run('install', ['-d', '-o', 'postgres', '-g', 'postgres', '-m', '700', dataDir]);
            throw err;
          });
        return true;
      },
      15_000,
    );
    step('base backup');
    const conf = [
      '# A throw-away hot standby for the read-replica test (server/test/standby.ts)',
      'fsync = off',
      'hot_standby = on',
      'shared_buffers = 32MB',
      ...AT_LEAST_PRIMARY.map((setting) => `${setting} = ${facts.settings.get(setting)}`),
    ];
    fs.writeFileSync(path.join(dataDir, 'postgresql.conf'), `${conf.join('\n')}\n`);
    fs.writeFileSync(path.join(dataDir, 'pg_hba.conf'), 'local all all trust\nhost all all 127.0.0.1/32 trust\n');
    fs.writeFileSync(path.join(dataDir, 'pg_ident.conf'), '');
    await run('pg_createcluster', [version, name, '-p', String(port), '-d', dataDir, '--start-conf', 'manual']);
    step('cluster made');
    // Not waited for by pg_ctl (-W): polled below, which is what this needs anyway (connections, in recovery).
    await run('pg_ctlcluster', ['--skip-systemctl-redirect', version, name, 'start', '--', '-W'], { timeout: 60_000 });
    await until('accepting connections in recovery', async () => (await standbyQuery<{ standby: boolean }>('SELECT pg_is_in_recovery() AS standby'))[0]!.standby);
    step('standby streaming');
  } catch (err) {
    await drop();
    throw err;
  }

  return {
    urlOf: (url) => {
      const u = new URL(url);
      u.hostname = '127.0.0.1';
      u.port = String(port);
      return u.href;
    },
    query: standbyQuery,
    caughtUp: async () => {
      const target = await withAdmin(async (primary) => (await primary.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn')).rows[0]!.lsn);
      await until('replay caught up', async () => (await standbyQuery<{ done: boolean }>(`SELECT pg_last_wal_replay_lsn() >= '${target}'::pg_lsn AS done`))[0]!.done);
    },
    pauseReplay: async () => {
      await standbyQuery('SELECT pg_wal_replay_pause()');
      await until('replay paused', async () => (await standbyQuery<{ state: string }>('SELECT pg_get_wal_replay_pause_state() AS state'))[0]!.state === 'paused');
    },
    resumeReplay: async () => {
      await standbyQuery('SELECT pg_wal_replay_resume()');
    },
    stop: async () => {
      await run('pg_ctlcluster', ['--skip-systemctl-redirect', version, name, 'stop', '-m', 'fast'], { timeout: 60_000 });
    },
    drop,
  };
}
