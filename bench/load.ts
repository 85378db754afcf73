/**
 * Load runs: `autocannon` from this process against the server's port, `connections` at once, each
 * connection sending its next request as soon as the last one is answered. The request is built per
 * call (`next`), so every call can name another case; `answered` sees each answer (a write's new
 * version, the case an intake opened). Latencies are kept whole (from the call being built to its
 * answer), so the slices of a run interleaved with another combine into one set of percentiles.
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
}

export async function runSlice(url: string, spec: LoadSpec, seconds: number): Promise<LoadSlice> {
  const samples: string[] = [];
  const latencies: number[] = [];
  let ok = 0;
  const result = await autocannon({
    url,
    connections: spec.connections,
    duration: seconds,
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
          latencies.push(performance.now() - (slot.sentAt as number));
          if (status >= 200 && status <= 299) ok++;
          else if (samples.length < 3) samples.push(`${status} ${body.slice(0, 300)}`);
          spec.answered?.(status, body, slot);
        },
      },
    ],
  });
  return { seconds: result.duration, ok, errors: result.errors, non2xx: result.non2xx, latencies, samples, loadAverage: Math.round(os.loadavg()[0]! * 10) / 10 };
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
  };
}
