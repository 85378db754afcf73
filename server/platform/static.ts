/**
 * The built web app (`dist/web`, made by `vite build`), served by the API's own process so
 * production is one process on one port. Hashed assets are cached for a year and sent compressed
 * as the build wrote them (brotli or gzip, by the browser's Accept-Encoding); the HTML entries
 * (staff app, /track, /verify) are revalidated on every load so a new release is picked up at once.
 *
 * Any other GET for a page gets the staff app's index.html (the client router draws the page): a
 * browser's deep link (Accept: text/html), and a request that takes anything (curl's any-type Accept, or no
 * Accept at all) for an address that does not name a file. API paths, and a missing file asked for
 * as such (`/favicon.ico`, `/assets/x.js`), keep the JSON 404 of the one error shape.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';

const WEB_DIST = fileURLToPath(new URL('../../dist/web', import.meta.url));

const SERVER_PATHS = /^\/(api|open311)(\/|$)|^\/healthz(\/|$)/;

/** The last segment has an extension: a file, not a page of the app. */
const NAMES_A_FILE = /\/[^/]*\.[A-Za-z0-9]+$/;

function wantsPage(request: FastifyRequest, pathname: string): boolean {
  const accept = request.headers.accept ?? '';
  if (accept.includes('text/html')) return true;
  return (accept.trim() === '' || accept.includes('*/*')) && !NAMES_A_FILE.test(pathname);
}

function sendPage(reply: FastifyReply, file: 'index.html' | 'track.html' | 'verify.html') {
  return reply.header('cache-control', 'no-cache').sendFile(file, { cacheControl: false });
}

export async function registerWebApp(app: FastifyInstance): Promise<void> {
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html'))) {
    app.log.warn(`no web app at ${WEB_DIST} (run npm run build:web); serving the API only`);
    return;
  }
  // Encapsulated, so the reply.sendFile decorator stays out of the API modules' scope.
  await app.register(async (web) => {
    await web.register(fastifyStatic, { root: WEB_DIST, serve: false });
    await web.register(fastifyStatic, {
      root: path.join(WEB_DIST, 'assets'),
      prefix: '/assets/',
      decorateReply: false,
      index: false,
      immutable: true,
      maxAge: '365d',
      // The build writes each script and stylesheet brotli- and gzip-compressed beside itself
      // (web/vite.config.ts): sent as they are to a browser that takes them, the plain file otherwise.
      preCompressed: true,
    });

    const hidden = { schema: { hide: true } };
    web.get('/track', hidden, (_request, reply) => sendPage(reply, 'track.html'));
    // A letter's QR code points at /verify/<serial>; the page reads the serial from its address.
    web.get('/verify', hidden, (_request, reply) => sendPage(reply, 'verify.html'));
    web.get('/verify/*', hidden, (_request, reply) => sendPage(reply, 'verify.html'));
    web.get('/*', hidden, (request, reply) => {
      const pathname = request.url.split('?')[0]!;
      if (SERVER_PATHS.test(pathname) || !wantsPage(request, pathname)) return reply.callNotFound();
      return sendPage(reply, 'index.html');
    });
  });
}
