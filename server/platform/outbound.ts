/**
 * Outbound HTTP to addresses that clients give us (webhook URLs). Such a URL must never reach
 * inside our own network (the database, the admin port, a cloud metadata address): only public
 * unicast addresses, unless the operator allows a host by name (WEBHOOK_ALLOWED_HOSTS). The URL is
 * checked when it is registered, and again at every delivery on the addresses the name resolves
 * to THEN, on the very connection (DNS can change between the two, or answer differently).
 */
import dns from 'node:dns';
import ipaddr from 'ipaddr.js';
import { Agent, fetch as undiciFetch } from 'undici';

export type UrlProblem = 'not_http' | 'private_address';

/** Public unicast only: no loopback, private, link-local, unique-local, CGNAT, multicast or reserved. */
export function isPublicAddress(ip: string): boolean {
  if (!ipaddr.isValid(ip)) return false;
  return ipaddr.process(ip).range() === 'unicast';
}

function hostAllowed(hostname: string, allowedHosts: readonly string[]): boolean {
  return allowedHosts.includes(hostname.toLowerCase().replace(/^\[|\]$/g, ''));
}

/** What is wrong with a webhook URL on its face (scheme, a literal or local address), or null. */
export function webhookUrlProblem(raw: string, allowedHosts: readonly string[]): UrlProblem | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'not_http';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'not_http';
  // A trailing dot names the same host (localhost. is localhost).
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase().replace(/\.$/, '');
  if (hostAllowed(host, allowedHosts)) return null;
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local') || host.endsWith('.internal')) return 'private_address';
  if (ipaddr.isValid(host) && !isPublicAddress(host)) return 'private_address';
  // Numeric forms the URL parser would not normalise (e.g. 0x7f.1) are refused too.
  if (/^[\d.x]+$/i.test(host) && !ipaddr.IPv4.isValidFourPartDecimal(host)) return 'private_address';
  return null;
}

export class BlockedAddressError extends Error {}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

/** A fetch that connects only to public addresses (or allowed hosts), checked on the connection itself. */
export function guardedFetch(allowedHosts: readonly string[], resolve: typeof dns.lookup = dns.lookup): typeof fetch {
  const lookup = (hostname: string, options: dns.LookupOptions, callback: LookupCallback) => {
    resolve(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, []);
      const allowed = hostAllowed(hostname, allowedHosts);
      const usable = addresses.filter((a) => allowed || isPublicAddress(a.address));
      if (usable.length === 0) return callback(new BlockedAddressError(`${hostname} resolves to a non-public address`), []);
      if (options.all) return callback(null, usable);
      return callback(null, usable[0]!.address, usable[0]!.family);
    });
  };
  const agent = new Agent({ connect: { lookup } });
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    if (webhookUrlProblem(url, allowedHosts)) throw new BlockedAddressError(`${new URL(url).hostname} is not a public address`);
    // No redirects: a public host must not bounce the request to an inside address.
    return undiciFetch(url, { ...(init as object), redirect: 'manual', dispatcher: agent } as never) as unknown as Response;
  });
}
