/**
 * Load runs: `autocannon` from this process against the server's port, `connections` at once, each
 * connection sending its next request as soon as the last one is answered. The request is built per
 * call (`next`), so every call can name another case; `answered` sees each answer (a write's new
 * version, the case an intake opened). Latencies are kept whole (from the call being built to its
 * answer), so the slices of a run interleaved with another combine into one set of percentiles.
 *
 * A slice is counted from the moment every one of its connections has had an answer. Each slice
 * opens its connections anew, and a server whose one thread is busy accepts one new connection per
 * turn of its event loop (libuv since 1.45, Node 20, accepts one connection per wakeup instead of
 * draining the queue), and a turn serves every connection already open: on a path of 4 ms a call
 * at 64 connections the last connection's first call waited 3-5 s, and those first calls were the
 * slow writes' whole p99. That is the connections being opened, not the path: the slice runs until
 * `seconds` after the last connection's first answer, counts only the calls sent after it, and
 * reports how long the opening took (`rampSeconds`) and the slowest first answer.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';

export interface Call {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface LoadSpec {
  connections: number;
  /** The next call to send; `slot` is an object kept from this call until its answer. */
  next(slot: Record<string, unknown>): Call;
  answered?(status: number, body: string, slot: Record<string, unknown>): void;
}

export interface LoadSlice {
  seconds: number;
  ok: number;
  errors: number;
  non2xx: number;
  latencies: number[];
  samples: string[];
  loadAverage: number;
  /** From the first call to the last connection's first answer; null when a connection never answered (then every call counts). */
  rampSeconds: number | null;
  /** The slowest of the connections' first answers, ms. */
  slowestFirstAnswerMs: number;
}

export interface LoadResult {
  connections: number;
  seconds: number;
  requests: number;
  /** Answers in 2xx a second. */
  rps: number;
  p50: number;
  p99: number;
  /** Connection errors and timeouts. */
  errors: number;
  non2xx: number;
  /** A few of the answers that were not 2xx, for the report. */
  samples: string[];
  /** The machine's one-minute load average at the end of each slice (the bench shares its cores). */
  loadAverage: number[];
  /** The longest a slice took to have every connection answered once; null when one never was. */
  rampSeconds: number | null;
  slowestFirstAnswerMs: number;
}

/** How long a slice waits for every connection's first answer before it counts every call instead. */
const RAMP_LIMIT_SECONDS = 30;

export async function runSlice(url: string, spec: LoadSpec, seconds: number): Promise<LoadSlice> {
  const samples: string[] = [];
  const calls: { sentAt: number; ms: number; ok: boolean }[] = [];
  const started = performance.now();
  let answeredConnections = 0;
  let slowestFirstAnswerMs = 0;
  let steadyFrom: number | null = null;
  let stopTimer: NodeJS.Timeout | undefined;
  // The promise autocannon returns is its running instance too (a thenable with `stop`).
  const run = autocannon({
    url,
    connections: spec.connections,
    duration: seconds + RAMP_LIMIT_SECONDS,
    timeout: 30,
    requests: [
      {
        setupRequest: (request, context) => {
          const slot = context as Record<string, unknown>;
          const call = spec.next(slot);
          slot.sentAt = performance.now();
          return {
            ...request,
            method: call.method,
            path: call.path,
            headers: { ...(call.body === undefined ? {} : { 'content-type': 'application/json' }), ...call.headers },
            ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
          };
        },
        onResponse: (status, body, context) => {
          const slot = context as Record<string, unknown>;
          const now = performance.now();
          const sentAt = slot.sentAt as number;
          const ok = status >= 200 && status <= 299;
          calls.push({ sentAt, ms: now - sentAt, ok });
          if (!ok && samples.length < 3) samples.push(`${status} ${body.slice(0, 300)}`);
          spec.answered?.(status, body, slot);
        },
      },
    ],
    // A connection's first answer (the context above is a call's, not a connection's).
    setupClient: (client) =>
      client.once('response', (_status: number, _bytes: number, ms: number) => {
        slowestFirstAnswerMs = Math.max(slowestFirstAnswerMs, ms);
        if (++answeredConnections === spec.connections) {
          steadyFrom = performance.now();
          stopTimer = setTimeout(() => run.stop(), seconds * 1000);
        }
      }),
  }) as Promise<autocannon.Result> & { stop(): void };
  const result = await run;
  clearTimeout(stopTimer);
  const from: number = steadyFrom ?? started;
  const counted = calls.filter((c) => c.sentAt >= from);
  const lastAnswer = counted.reduce((last, c) => Math.max(last, c.sentAt + c.ms), from);
  return {
    seconds: (lastAnswer - from) / 1000,
    ok: counted.filter((c) => c.ok).length,
    errors: result.errors,
    non2xx: result.non2xx,
    latencies: counted.map((c) => c.ms),
    samples,
    loadAverage: Math.round(os.loadavg()[0]! * 10) / 10,
    rampSeconds: steadyFrom === null ? null : (steadyFrom - started) / 1000,
    slowestFirstAnswerMs: Math.round(slowestFirstAnswerMs),
  };
}

export function combine(connections: number, slices: readonly LoadSlice[]): LoadResult {
  const latencies = slices.flatMap((s) => s.latencies).sort((a, b) => a - b);
  const at = (q: number) => (latencies.length ? Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!) : 0);
  const seconds = slices.reduce((sum, s) => sum + s.seconds, 0);
  return {
    connections,
    seconds,
    requests: latencies.length,
    rps: slices.reduce((sum, s) => sum + s.ok, 0) / seconds,
    p50: at(0.5),
    p99: at(0.99),
    errors: slices.reduce((sum, s) => sum + s.errors, 0),
    non2xx: slices.reduce((sum, s) => sum + s.non2xx, 0),
    samples: slices.flatMap((s) => s.samples).slice(0, 3),
    loadAverage: slices.map((s) => s.loadAverage),
    rampSeconds: slices.some((s) => s.rampSeconds === null) ? null : Math.max(0, ...slices.map((s) => s.rampSeconds!)),
    slowestFirstAnswerMs: Math.max(0, ...slices.map((s) => s.slowestFirstAnswerMs)),
  };
}
