/**
 * What the browser is told and asked, on every answer: security headers with a strict Content
 * Security Policy (scripts only from our own origin, no inline scripts; Mantine needs inline
 * styles), no framing, no sniffing, a same-origin referrer, HSTS behind HTTPS; and a cross-site
 * request check on every state-changing request that carries a session cookie, so no other site
 * can make a signed-in browser act (SameSite=Strict is the first line, this the second).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import helmet from 'helmet';
import type { Config } from '../config.js';
import { AppError } from './errors.js';

const SESSION_COOKIES = ['mk_session', 'mk_citizen'];
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export async function registerBrowserGuards(app: FastifyInstance, config: Config): Promise<void> {
  // Helmet's middleware, made once: @fastify/helmet made it anew on every request, parsing the
  // policy each time (3% of the server's CPU on the bench's reads).
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        // The map's tiles (MAP_TILE_URL) are images from the tile server; nothing else is fetched from it.
        imgSrc: ["'self'", 'data:', 'blob:', ...(config.map.tileSource ? [config.map.tileSource] : [])],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    hsts: config.cookieSecure ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onRequest', (request, reply, done) => securityHeaders(request.raw, reply.raw, () => done()));
  app.addHook('onSend', async (_request, reply) => {
    reply.header('permissions-policy', 'geolocation=(self), camera=(self), microphone=(), payment=(), usb=(), interest-cohort=()');
  });

  app.addHook('onRequest', async (request) => {
    if (SAFE_METHODS.has(request.method) || !carriesSession(request)) return;
    if (isCrossSite(request)) {
      throw new AppError('FORBIDDEN', {
        message: 'A request from another site may not act with your session',
        messageFa: 'درخواست از وب‌گاه دیگری با نشست شما پذیرفته نمی‌شود',
        details: { reason: 'cross_site' },
      });
    }
  });
}

function carriesSession(request: FastifyRequest): boolean {
  const cookie = request.headers.cookie ?? '';
  return SESSION_COOKIES.some((name) => cookie.includes(`${name}=`));
}

/** The browser says where the request comes from: Sec-Fetch-Site, else Origin, else Referer. */
export function isCrossSite(request: FastifyRequest): boolean {
  const site = request.headers['sec-fetch-site'];
  if (typeof site === 'string' && site !== '') return site !== 'same-origin' && site !== 'none';
  const source = request.headers.origin ?? request.headers.referer;
  if (!source) return false; // not a browser: no ambient credentials to abuse
  if (source === 'null') return true;
  try {
    return new URL(source).host !== request.host;
  } catch {
    return true;
  }
}
