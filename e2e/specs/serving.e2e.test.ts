/** One process, one port: the API, the staff app with its client-side routes, and /track. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useE2e } from '../fixtures/server.js';

const DIST = path.resolve(import.meta.dirname, '../../dist/web');
const e2e = useE2e();
const get = (path: string, accept = 'text/html') => fetch(`${e2e.baseUrl}${path}`, { headers: { accept } });

describe('serving the web app', () => {
  it('answers a page address with the staff app, in Persian and right to left, revalidated on every load', async () => {
    for (const path of ['/', '/login', '/cases/1405-000123']) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      const html = await res.text();
      expect(html).toContain('<html lang="fa" dir="rtl">');
      expect(html).toContain('<div id="root">');
    }
  });

  it("answers curl's first request (Accept: */*, or no Accept at all) with the app's page, not a JSON 404", async () => {
    for (const [path, accept] of [['/', '*/*'], ['/', ''], ['/cases/1405-000123', '*/*'], ['/login', 'application/json, */*;q=0.8']] as const) {
      const res = await fetch(`${e2e.baseUrl}${path}`, { headers: accept ? { accept } : {} });
      expect(res.status, `${path} ${accept}`).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await res.text()).toContain('<div id="root">');
    }
    // Unknown API routes and missing files stay JSON 404s whatever the client accepts.
    for (const path of ['/api/nothing-here', '/open311/v2/x', '/favicon.ico', '/assets/missing.js']) {
      const res = await get(path, '*/*');
      expect(res.status, path).toBe(404);
      expect((await res.json()).error.code).toBe('NOT_FOUND');
    }
  });

  it('serves /track from its own light entry', async () => {
    const html = await (await get('/track')).text();
    expect(html).toContain('<html lang="fa" dir="rtl">');
    expect(html).toMatch(/assets\/track-[\w-]+\.js/);
    expect(html).not.toMatch(/assets\/main-[\w-]+\.js/);
  });

  it('keeps JSON 404s for API paths and for requests that do not ask for a page', async () => {
    for (const [path, accept] of [['/api/nothing-here', 'text/html'], ['/open311/v2/x', 'text/html'], ['/healthz/x', 'text/html'], ['/favicon.ico', 'image/*']] as const) {
      const res = await get(path, accept);
      expect(res.status, path).toBe(404);
      expect((await res.json()).error.code).toBe('NOT_FOUND');
    }
    expect((await (await get('/healthz', 'application/json')).json()).status).toBe('ok');
  });

  it('caches the hashed assets for a year', async () => {
    const html = await (await get('/')).text();
    const script = html.match(/src="(\/assets\/[^"]+\.js)"/)![1]!;
    const res = await get(script, '*/*');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await get('/assets/missing.js', '*/*')).status).toBe(404);
  });

  it('sends scripts and stylesheets compressed as the build wrote them: brotli, else gzip, else plain', async () => {
    const html = await (await get('/')).text();
    for (const asset of [html.match(/src="(\/assets\/[^"]+\.js)"/)![1]!, html.match(/href="(\/assets\/[^"]+\.css)"/)![1]!]) {
      const plain = fs.readFileSync(path.join(DIST, asset));
      for (const [accept, encoding] of [['gzip, deflate, br', 'br'], ['gzip', 'gzip'], ['identity', null]] as const) {
        // fetch undoes the encoding, so what arrives must be the file itself.
        const res = await fetch(`${e2e.baseUrl}${asset}`, { headers: { 'accept-encoding': accept } });
        expect(res.status, `${asset} ${accept}`).toBe(200);
        expect(res.headers.get('content-encoding'), `${asset} ${accept}`).toBe(encoding);
        expect(res.headers.get('vary')).toMatch(/accept-encoding/i);
        expect(Buffer.from(await res.arrayBuffer()).equals(plain), `${asset} ${accept}`).toBe(true);
      }
    }
  });
});
