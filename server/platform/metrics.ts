/**
 * Prometheus metrics (prom-client), one registry per app. They are served on their own port
 * (METRICS_PORT, on 127.0.0.1 unless METRICS_HOST says otherwise), never on the public one:
 * decision 0024.
 *
 * - `http_requests_total`, `http_request_duration_seconds`: by method, route pattern and status
 *   (the pattern, `/api/requests/:id`, not the URL: bounded labels and no identifiers in them);
 * - `mk_queue_depth{queue}`: rows waiting in the outbox, the letter jobs and the webhook deliveries;
 * - `mk_cases_past_due{clock}`: open cases whose step (`step`) or whole case (`case`) is past due;
 * - `mk_sign_in_failures_total{who, outcome}`: staff and citizen sign-ins refused (wrong password
 *   or code) or held back by the throttle (auth.throttle.ts, citizen OTP limits);
 * - `mk_replica_staleness_seconds`: with a read replica, how far behind the primary it may be
 *   (platform/read-replica.ts; each scrape probes it);
 * - Node's own (heap, event loop lag, GC) with prom-client's defaults.
 * - `mk_background_pass_seconds{job}`: each background pass's time (backgroundPassHooks, given to
 *   startPolling by main.ts, which runs the passes); a pass of 250 ms or more is also logged.
 * The database figures are read when Prometheus scrapes, not kept up to date on every write.
 * With WORKERS > 1 the cluster's primary serves the workers' series summed (the database figures
 * taken once), platform/cluster.ts.
 */
import { createServer, type Server } from 'node:http';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { FastifyInstance } from 'fastify';
import type { Ctx } from './context.js';
import type { Db } from '../db/database.js';
import type { PollingHooks } from './retry.js';

/** The sign-in routes and who signs in there: their refusals are counted apart. */
const SIGN_IN_ROUTES: Record<string, 'staff' | 'citizen'> = { '/api/auth/login': 'staff', '/api/citizen/otp/verify': 'citizen' };

export function registerMetrics(app: FastifyInstance, ctx: Ctx): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const labelNames = ['method', 'route', 'status_code'] as const;
  const requests = new Counter({ name: 'http_requests_total', help: 'HTTP requests answered, by route pattern', labelNames, registers: [registry] });
  const latency = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time to answer, by route pattern',
    labelNames,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const signInFailures = new Counter({
    name: 'mk_sign_in_failures_total',
    help: 'Sign-ins refused (wrong password or code) or throttled, staff and citizens',
    labelNames: ['who', 'outcome'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'mk_queue_depth',
    help: 'Rows waiting to be worked: outbox (SMS, webhooks to fan out), letter jobs, webhook deliveries',
    labelNames: ['queue'] as const,
    registers: [registry],
    // Read from the database: every worker of a cluster reads the same figure, so the primary takes one, not the sum.
    aggregator: 'max',
    async collect() {
      const [outbox, letters, webhooks] = await Promise.all([
        pendingCount(ctx, 'outbox'),
        pendingCount(ctx, 'letter_jobs'),
        pendingCount(ctx, 'webhook_deliveries'),
      ]);
      this.set({ queue: 'outbox' }, outbox);
      this.set({ queue: 'letter_jobs' }, letters);
      this.set({ queue: 'webhook_deliveries' }, webhooks);
    },
  });
  new Gauge({
    name: 'mk_cases_past_due',
    help: 'Open cases past their due time: the current step (step) or the whole case (case), in working days',
    labelNames: ['clock'] as const,
    registers: [registry],
    aggregator: 'max',
    async collect() {
      const row = await pastDueCountsQuery(ctx.db, ctx.clock.now().toISOString()).executeTakeFirstOrThrow();
      this.set({ clock: 'step' }, Number(row.step));
      this.set({ clock: 'case' }, Number(row.kase));
    },
  });

  const replica = ctx.replica;
  if (replica) {
    new Gauge({
      name: 'mk_replica_staleness_seconds',
      help: 'How far behind the primary the read replica may be (DATABASE_READ_URL); +Inf when down or not a standby. Above DATABASE_READ_MAX_LAG_SECONDS every read goes to the primary',
      registers: [registry],
      async collect() {
        await replica.check();
        this.set(replica.staleness() / 1000);
      },
    });
  }

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions?.url ?? 'unmatched';
    const labels = { method: request.method, route, status_code: String(reply.statusCode) };
    requests.inc(labels);
    latency.observe(labels, reply.elapsedTime / 1000);
    const who = SIGN_IN_ROUTES[route];
    if (who && request.method === 'POST' && (reply.statusCode === 400 || reply.statusCode === 401 || reply.statusCode === 429)) {
      signInFailures.inc({ who, outcome: reply.statusCode === 429 ? 'throttled' : 'refused' });
    }
  });
  return registry;
}

/**
 * Open cases past due, by clock, each counted off an index of open cases only (the plan check,
 * server/test/hot-queries.ts): a closed case has no step due time (requests_step_due_idx), and
 * requests_open_due_idx holds the open cases' whole-case due times. Counting `where closed_at is
 * null` read every case ever opened on each scrape.
 */
export function pastDueCountsQuery(db: Db, nowIso: string) {
  return db
    .selectNoFrom((eb) => [
      eb.selectFrom('requests').select((c) => c.fn.countAll<number>().as('n')).where('step_due_at', '<', nowIso).as('step'),
      eb.selectFrom('requests').select((c) => c.fn.countAll<number>().as('n')).where('closed_at', 'is', null).where('due_at', '<', nowIso).as('kase'),
    ]);
}

async function pendingCount(ctx: Ctx, table: 'outbox' | 'letter_jobs' | 'webhook_deliveries'): Promise<number> {
  const row = await ctx.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'pending').executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A background pass this long is also logged (a warning): on SQLite every request waited for it. */
const SLOW_PASS_SECONDS = 0.25;

/** startPolling's hooks (platform/retry.ts): a failed pass logged, each pass timed into `mk_background_pass_seconds`. */
export function backgroundPassHooks(registry: Registry, log: { error(o: object, msg: string): void; warn(o: object, msg: string): void }): PollingHooks {
  const seconds = new Histogram({
    name: 'mk_background_pass_seconds',
    help: 'Time a background pass took (outbox, inquiries, webhooks, escalations, digests, reminders, month seals, letters, the audit sealer)',
    labelNames: ['job'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
    registers: [registry],
  });
  return {
    error: (o, msg) => log.error(o, msg),
    timed: (job, s) => {
      seconds.observe({ job }, s);
      if (s >= SLOW_PASS_SECONDS) log.warn({ job, ms: Math.round(s * 1000) }, 'slow background pass');
    },
  };
}

/** What the scrape endpoint serves: one app's registry, or the workers' summed by the cluster's primary (platform/cluster.ts). */
export interface MetricsSource {
  readonly contentType: string;
  metrics(): Promise<string>;
}

/** The scrape endpoint on its own listener: GET /metrics, nothing else. Resolves once listening. */
export async function serveMetrics(registry: MetricsSource, port: number, host: string): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    registry
      .metrics()
      .then((body) => res.writeHead(200, { 'content-type': registry.contentType }).end(body))
      .catch(() => res.writeHead(500).end());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}
