import cluster from 'node:cluster';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseConfig, ConfigError, type Config } from './config.js';
import { createDb, migrate, optimizeDb, type Db } from './db/database.js';
import { ensurePartitionYearsAround } from './db/partitions.js';
import { buildApp } from './app.js';
import { deliverDue } from './modules/notifications/index.js';
import { deliverWebhooks } from './modules/clients/index.js';
import { settleAnsweredInquiries } from './modules/inquiries/index.js';
import { printDueLetters } from './modules/letters/index.js';
import { startPolling, type Passes } from './platform/retry.js';
import { sealBacklog } from './platform/audit.js';
import { backgroundPassHooks, serveMetrics } from './platform/metrics.js';
import { shareMetricsWithPrimary, superviseWorkers } from './platform/cluster.js';
import { runEscalations, sendDailyDigests } from './modules/followup/index.js';
import { remindHolidayLists } from './modules/calendar/index.js';
import { remindAppointments } from './modules/planning/index.js';
import { sealStepMonths } from './modules/reports/index.js';
import { DEMO_PASSWORD, seedDemoIfEmpty } from './seed/seed.js';

/** Once per start, before any request is served: the schema brought up to date, the demo seeded into an empty database. */
async function prepare(config: Config, db: Db) {
  await migrate(db);
  if (config.seedDemo) {
    const seeded = await seedDemoIfEmpty(db, undefined, { historyMonths: config.demoHistoryMonths });
    if (seeded) {
      console.log('\nDemo city seeded: Isfahan, 15 districts, 75 service desks.');
      const h = seeded.history;
      if (h) console.log(`Demo history: ${h.cases} past cases (${h.months} Jalali months and this month so far; ${h.open} still open) in ${h.seconds.toFixed(1)} s.`);
      console.log(`Demo sign-ins (password for every demo account: ${DEMO_PASSWORD}):`);
      for (const l of seeded.logins) console.log(`  ${l.username.padEnd(22)} ${l.role.padEnd(18)} ${l.descriptionFa}`);
      console.log('');
    }
  }
  // This year's and next year's partitions of the timelines and the audit log (PostgreSQL; db/partitions.ts), checked again every
  // follow-up pass. A year that cannot be made is no reason not to serve: its rows wait, unpruned, in the default partition.
  await ensurePartitionYearsAround(db, new Date()).catch((err: unknown) => console.error('partitions: a year could not be made; tried again every follow-up pass:', err));
  // After the seed, so the planner's statistics know the demo history too.
  await optimizeDb(db, true);
}

/** One server process: the app, its background loops, and a graceful stop. `inCluster`: one worker of several (platform/cluster.ts). */
async function serve(config: Config, db: Db, inCluster: boolean) {
  // Reads that may lag a little go to the replica when there is one (platform/read-replica.ts, decision 0041).
  const readDb = config.readReplica ? createDb({ databaseUrl: config.readReplica.url, sqlitePath: '', readOnly: true }) : undefined;
  // Letters and reports are printed by a process of its own, which alone loads playwright-core and Chromium (decision 0055).
  const app = await buildApp(config, { db, readDb, pdfProcess: printerEntry() });
  // A wrong bucket or key fails here, not at the first upload (the message names the bucket).
  await app.ctx.files.check();
  // The app's own context: the background work shares its printer (one warm Chromium) and knows the address it listens on.
  const ctx = app.ctx;
  // Each background pass timed and counted (platform/metrics.ts): on SQLite a pass holds the one connection, so a slow one is every request's tail.
  const hooks = backgroundPassHooks(app.metrics, app.log);
  const poll = (pollMs: number, passes: Passes) => (pollMs > 0 ? startPolling(pollMs, passes, hooks) : async () => {});
  // Background work in the same process: SMS from the outbox, answered inquiries, webhooks.
  const stopWorker = poll(config.notifyPollMs, {
    outbox: () => deliverDue(ctx, ctx.sms, { maxAttempts: config.notifyMaxAttempts }),
    inquiries: () => settleAnsweredInquiries(ctx),
    webhooks: () => deliverWebhooks(ctx, { maxAttempts: config.notifyMaxAttempts }),
  });
  // Follow-up: late steps reminded / escalated / reassigned, and the officers' daily digest (idempotent, so several instances may run it);
  // and the months that are over sealed into the dashboards' month level (decision 0045; one server seals each month).
  const stopFollowup = poll(config.escalationPollMs, {
    escalations: () => runEscalations(ctx),
    digests: () => sendDailyDigests(ctx),
    holidayReminders: () => remindHolidayLists(ctx),
    appointmentReminders: () => remindAppointments(ctx),
    monthSeals: () => sealStepMonths(ctx.db, ctx.clock.now()),
    partitionYears: () => ensurePartitionYearsAround(ctx.db, ctx.clock.now()),
  });
  // Letters decided in the app are printed here, right after (decision 0013); a download prints one not yet printed.
  const stopLetters = poll(config.letterPollMs, { letters: () => printDueLetters(ctx) });
  // The audit sealer chains the rows written since its last pass (decision 0036); on several nodes one seals, the others skip.
  const stopSealer = poll(config.auditSealMs, { auditSealer: () => sealBacklog(ctx.db) });
  const optimizer = setInterval(() => void optimizeDb(db).catch((err) => app.log.error({ err }, 'optimize failed')), 3600_000);
  optimizer.unref();
  // Graceful shutdown (SIGTERM, SIGINT): app.close() stops accepting, lets the requests in flight
  // finish, then runs the onClose hooks in reverse order of registration: this one, which lets the
  // background passes under way finish, before the app's own (the letter printer's Chromium).
  // Prometheus scrapes its own port, bound to this machine by default (decision 0024); a cluster's primary serves the workers' together.
  if (inCluster) shareMetricsWithPrimary(app.metrics);
  const metricsServer = config.metricsPort > 0 && !inCluster ? await serveMetrics(app.metrics, config.metricsPort, config.metricsHost) : null;
  app.addHook('onClose', async () => {
    clearInterval(optimizer);
    metricsServer?.close();
    await Promise.all([stopWorker(), stopFollowup(), stopLetters(), stopSealer()]);
  });
  let closing = false;
  const close = async (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing the requests and background passes under way');
    try {
      await app.close();
      await Promise.all([db.destroy(), readDb?.destroy()]);
      process.exit(0);
    } catch (err) {
      app.log.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGINT', (signal) => void close(signal));
  process.on('SIGTERM', (signal) => void close(signal));
  await app.listen({ port: config.port, host: config.host });
  if (!inCluster) console.log(`Miz-e Khedmat is serving on http://localhost:${config.port}  (API docs: /api/docs)`);
}

/** The printer's module beside this one: dist/server/pdf-child.mjs beside the bundle, or the source under tsx. */
function printerEntry(): string {
  const here = fileURLToPath(import.meta.url);
  return here.endsWith('.ts') ? path.join(path.dirname(here), 'platform/pdf-child.ts') : path.join(path.dirname(here), 'pdf-child.mjs');
}

async function main() {
  const config = parseConfig();
  // The server's own connection: on SQLite its write-ahead log is checkpointed off the event loop (db/checkpoints.ts).
  const serverDb = () => createDb({ ...config, backgroundCheckpoints: true });
  // A worker of a cluster: the primary has prepared the database.
  if (cluster.isWorker) return serve(config, serverDb(), true);
  const db = serverDb();
  await prepare(config, db);
  if (config.workers === 1) return serve(config, db, false);
  await db.destroy();
  // The workers run this same file (the bundle, dist/server/main.mjs, under `npm start`).
  await superviseWorkers(config, fileURLToPath(import.meta.url));
  console.log(`Miz-e Khedmat is serving on http://localhost:${config.port} with ${config.workers} workers  (API docs: /api/docs)`);
}

main().catch((err) => {
  console.error(err instanceof ConfigError ? `Configuration error: ${err.message}` : err);
  process.exit(1);
});
