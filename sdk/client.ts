/**
 * A small typed client for the open API (inquiries, webhooks' delivery log, public verification
 * and tracking, Open311), generated from the server's OpenAPI document (`npm run gen:api`), so a
 * bank's or notary office's developer gets every path, parameter and answer checked by TypeScript.
 *
 *   const miz = createMizClient({ baseUrl: 'https://miz.example.ir', apiKey: process.env.MIZ_KEY! });
 *   const { data, response } = await miz.POST('/api/v1/inquiries', { body: {...}, headers: { 'idempotency-key': '...' } });
 *
 * An inquiry's body names your own letter (`letterNumber`, optional `letterDate`) and the branch
 * that asks (optional `branch: { name, code }`): the answer letter is addressed with them.
 */
import createClient from 'openapi-fetch';
import type { paths } from './open-api.js';

export type { paths } from './open-api.js';
/** Check a webhook's `Miz-Signature` header over the raw body (see docs/api.md, Webhooks). */
export { verify as verifyWebhookSignature } from '../contracts/webhook-signature.js';

export interface MizClientOptions {
  baseUrl: string;
  apiKey: string;
  fetch?: typeof fetch;
}

export function createMizClient(opts: MizClientOptions) {
  const client = createClient<paths>({
    baseUrl: opts.baseUrl.replace(/\/$/, ''),
    headers: { authorization: `Bearer ${opts.apiKey}` },
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
  });
  return {
    ...client,
    /**
     * The answer letter (PDF) of one of your answered inquiries, with the SHA-256 the server
     * published for it (compare it with /api/public/verify/{serial}). `pdf` is undefined and
     * `error` set while the inquiry has no answer (404) or on any other refusal.
     */
    async inquiryLetter(id: string) {
      const { data, error, response } = await client.GET('/api/v1/inquiries/{id}/letter', { params: { path: { id } }, parseAs: 'arrayBuffer' });
      return {
        pdf: response.ok && data ? new Uint8Array(data) : undefined,
        sha256: response.headers.get('x-content-sha256'),
        error: error as { error: { code: string; message: string; messageFa: string } } | undefined,
        response,
      };
    },
  };
}
