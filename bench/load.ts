/**
 * One load run: `autocannon` from this process against the server's port, `connections` at once for
 * `seconds`, each connection sending its next request as soon as the last one is answered. The
 * request is built per call (`next`), so every call can name another case; `answered` sees each
 * answer (a write's new version, the case an intake opened).
 */
import autocannon from 'autocannon';

export interface Call {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface LoadSpec {
  connections: number;
  seconds: number;
  /** The next call to send; `slot` is an object kept from this call until its answer. */
  next(slot: Record<string, unknown>): Call;
  answered?(status: number, body: string, slot: Record<string, unknown>): void;
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
}

export async function runLoad(url: string, spec: LoadSpec): Promise<LoadResult> {
  const samples: string[] = [];
  const result = await autocannon({
    url,
    connections: spec.connections,
    duration: spec.seconds,
    timeout: 30,
    requests: [
      {
        setupRequest: (request, context) => {
          const call = spec.next(context as Record<string, unknown>);
          return {
            ...request,
            method: call.method,
            path: call.path,
            headers: { ...(call.body === undefined ? {} : { 'content-type': 'application/json' }), ...call.headers },
            ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
          };
        },
        onResponse: (status, body, context) => {
          if ((status < 200 || status > 299) && samples.length < 3) samples.push(`${status} ${body.slice(0, 300)}`);
          spec.answered?.(status, body, context as Record<string, unknown>);
        },
      },
    ],
  });
  return {
    connections: spec.connections,
    seconds: result.duration,
    requests: result.requests.total,
    rps: result['2xx'] / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
    samples,
  };
}
