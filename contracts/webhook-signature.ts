/**
 * Webhook signatures. Header `Miz-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`.
 * A receiver recomputes the HMAC over the raw body, compares in constant time, refuses a timestamp
 * older than five minutes (replay), and ignores a `Miz-Delivery` id it has already seen.
 *
 * A contract between the server (modules/clients/clients.webhooks.ts signs) and the organisations
 * receiving webhooks (sdk/client.ts re-exports `verify`). Node only (node:crypto): the web app
 * never imports it.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'miz-signature';
export const TOLERANCE_SECONDS = 300;

export function sign(secret: string, unixSeconds: number, body: string): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}

/** What a client's receiver does; exported for the typed client and the tests. */
export function verify(secret: string, header: string | undefined, body: string, nowSeconds: number): boolean {
  const parts = Object.fromEntries((header ?? '').split(',').map((p) => p.split('=', 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || !parts.v1 || Math.abs(nowSeconds - t) > TOLERANCE_SECONDS) return false;
  const expected = Buffer.from(sign(secret, t, body).split('v1=')[1]!, 'hex');
  const given = Buffer.from(parts.v1, 'hex');
  return expected.length === given.length && timingSafeEqual(expected, given);
}
