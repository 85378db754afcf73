/**
 * The bench's own calls to the server before and after the load (signing in, registering its API
 * client, the dashboards' timings), over HTTP like any client. A desk signs in as the browser does
 * (POST /api/auth/login, then the session cookie on every call); a call with no Origin, Referer or
 * Sec-Fetch-Site header is not a browser's, so the cross-site check lets it act with the cookie.
 */
import { DEMO_PASSWORD } from '../server/seed/seed.js';

export interface Answer {
  status: number;
  body: string;
  json<T = Record<string, unknown>>(): T;
}

export async function call(baseUrl: string, method: string, path: string, opts: { headers?: Record<string, string>; body?: unknown } = {}): Promise<Answer> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { ...(opts.body === undefined ? {} : { 'content-type': 'application/json' }), ...opts.headers },
    ...(opts.body === undefined ? {} : { body: JSON.stringify(opts.body) }),
  });
  const body = await res.text();
  return { status: res.status, body, json: <T>() => JSON.parse(body) as T };
}

/** `call`, failing the bench on any answer but the one expected. */
export async function expectCall(expected: number, baseUrl: string, method: string, path: string, opts: { headers?: Record<string, string>; body?: unknown } = {}): Promise<Answer> {
  const answer = await call(baseUrl, method, path, opts);
  if (answer.status !== expected) throw new Error(`${method} ${path}: ${answer.status} (expected ${expected}) ${answer.body.slice(0, 500)}`);
  return answer;
}

/** A staff member signed in: the headers that carry the session. */
export async function signIn(baseUrl: string, username: string): Promise<Record<string, string>> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`sign-in of ${username} failed: ${res.status} ${await res.text()}`);
  const session = res.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.startsWith('mk_session='));
  if (!session) throw new Error(`sign-in of ${username}: no session cookie`);
  return { cookie: session };
}
