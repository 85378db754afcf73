/**
 * `WORKERS=N`: N server processes on one port, with Node's cluster module (decision 0038). This is
 * the primary's side: main.ts has migrated and seeded the database once; this forks the workers
 * (each builds the app, runs the background loops and listens; the primary hands the connections
 * round), replaces a worker that dies, serves the workers' metrics summed on METRICS_PORT, and on
 * SIGTERM or SIGINT tells every worker to drain and exits once all have.
 *
 * What the workers must agree on lives in the database or Redis, never in a worker: sessions and
 * sign-in throttles in the database, rate limits in Redis (config.ts requires REDIS_URL), the
 * one-time-code key in OTP_SECRET (made here once if unset, and handed to every worker).
 */
import cluster, { type Worker } from 'node:cluster';
import { AggregatorRegistry, type Registry } from 'prom-client';
import type { Config } from '../config.js';
import { serveMetrics } from './metrics.js';

/** A worker that dies sooner than this after its start is restarted after a growing pause, so a crash loop does not spin. */
const STEADY_MS = 10_000;
const MAX_PAUSE_MS = 30_000;

type Log = (level: 'info' | 'warn' | 'error', msg: string, fields?: Record<string, unknown>) => void;

/** The primary's own lines, in the shape of the workers' (JSON, one a line). */
const log: Log = (level, msg, fields = {}) => {
  const line = JSON.stringify({ level: level === 'info' ? 30 : level === 'warn' ? 40 : 50, time: Date.now(), pid: process.pid, role: 'primary', msg, ...fields });
  (level === 'info' ? console.log : console.error)(line);
};

/**
 * Fork `config.workers` workers running `script` (the server's own bundle) and look after them.
 * Resolves once every worker listens; the process exits when they have drained after a signal,
 * or (exit 1) when a worker fails before the server has ever been up.
 */
export async function superviseWorkers(config: Config, script: string): Promise<void> {
  cluster.setupPrimary({ exec: script, execArgv: [...process.execArgv, '--enable-source-maps'] });
  const env = { OTP_SECRET: config.otpSecret };
  const started = new Map<Worker, number>();
  let stopping = false;
  let up = false;
  /** The primary's exit code once the workers are gone: 1 if any of them stopped badly while draining. */
  let exitCode = 0;
  let pause = 1000;

  const fork = () => started.set(cluster.fork(env), Date.now());

  const metrics = config.metricsPort > 0 ? new AggregatorRegistry() : null;
  const metricsServer = metrics ? await serveMetrics({ contentType: metrics.contentType, metrics: () => metrics.clusterMetrics() }, config.metricsPort, config.metricsHost) : null;

  const ready = new Promise<void>((resolve, reject) => {
    const listening = new Set<Worker>();
    cluster.on('listening', (worker, address) => {
      if (address.port !== config.port || up) return;
      listening.add(worker);
      if (listening.size === config.workers) {
        up = true;
        resolve();
      }
    });
    cluster.on('exit', (worker, code, signal) => {
      const lived = Date.now() - (started.get(worker) ?? Date.now());
      started.delete(worker);
      if (stopping) {
        // A worker still starting when the signal came has its default end (SIGTERM): nothing was in flight there.
        if (code !== 0 && signal !== 'SIGTERM') exitCode = 1;
        if (started.size === 0) {
          metricsServer?.close();
          log('info', 'all workers stopped', { exitCode });
          process.exit(exitCode);
        }
        return;
      }
      if (!up) {
        reject(new Error(`worker ${worker.process.pid} stopped (code ${code ?? signal}) before the server was up`));
        return;
      }
      pause = lived >= STEADY_MS ? 1000 : Math.min(pause * 2, MAX_PAUSE_MS);
      log('error', 'a worker died; starting another', { worker: worker.process.pid, code, signal, restartInMs: pause });
      setTimeout(() => {
        if (!stopping) fork();
      }, pause);
    });
  });

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log('info', 'shutting down: every worker finishes its requests and background passes under way', { signal });
    for (const worker of started.keys()) worker.process.kill('SIGTERM');
    if (started.size === 0) process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);

  for (let i = 0; i < config.workers; i++) fork();
  try {
    await ready;
  } catch (err) {
    // One worker failing at start (the database unreachable, say) fails them all: the server is not up.
    stopping = true;
    exitCode = 1;
    for (const worker of started.keys()) worker.process.kill('SIGKILL');
    throw err;
  }
}

/** In a worker: hand this app's metrics to the primary when it asks (the primary sums the workers'). */
export function shareMetricsWithPrimary(registry: Registry): void {
  AggregatorRegistry.setRegistries(registry);
  // prom-client starts answering the primary's requests when an AggregatorRegistry is made, in the worker too.
  new AggregatorRegistry();
}
