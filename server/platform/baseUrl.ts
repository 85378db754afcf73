/**
 * The address printed in letters' QR codes and verification links, and given to API clients:
 * PUBLIC_BASE_URL when it is set (what citizens and notaries reach, behind the city's proxy);
 * otherwise the address this server actually listens on, learnt when it starts listening. The
 * request's Host header is never used: anyone can send any Host, and a letter is a public document
 * that must not point wherever a caller says.
 */
import type { AddressInfo } from 'node:net';
import type { Ctx } from './context.js';

/** Where the server is listening, as a URL a browser on this machine can open; null if unknown (a pipe, not started). */
export function listenUrl(address: AddressInfo | string | null): string | null {
  if (address === null || typeof address === 'string') return null;
  // A wildcard address (0.0.0.0, ::) serves every interface; this machine reaches it as localhost.
  const wildcard = address.address === '0.0.0.0' || address.address === '::';
  const host = wildcard ? 'localhost' : address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}

export function publicBaseUrl(ctx: Pick<Ctx, 'config' | 'servedAt'>): string {
  return ctx.config.publicBaseUrl ?? ctx.servedAt.url ?? `http://localhost:${ctx.config.port}`;
}
