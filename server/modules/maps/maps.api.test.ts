/** GET /api/map/settings: what the web app draws a map with, for staff only, and the tiles allowed by the CSP. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, usernameOf, type TestApp } from '../../test/app.js';

const OSM = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
let t: TestApp;
beforeAll(async () => {
  // The tests' default is no tiles (server/test/app.ts); this app has the production default.
  t = await createTestApp(undefined, {}, { MAP_TILE_URL: OSM });
});
afterAll(async () => t?.close());

describe('map settings', () => {
  it('gives staff the tile address, its credit line, the centre and zoom (Isfahan by default)', async () => {
    const desk = await signIn(t.app, await usernameOf(t.db, 'office_operator'));
    const res = await desk.get('/api/map/settings');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      tileUrl: OSM,
      attribution: expect.stringContaining('OpenStreetMap'),
      center: { lat: 32.6546, lng: 51.668 },
      zoom: 12,
    });
    // The page may load those tiles: the tile server is an image source of the CSP, and only that.
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toMatch(/img-src 'self' data: blob: https:\/\/tile\.openstreetmap\.org(;|$)/);
    expect(csp).toContain("connect-src 'self'");
  });

  it('answers 401 to a caller who is not signed in', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/map/settings' });
    expect(res.statusCode).toBe(401);
  });

  it('says there are no tiles (null) with MAP_TILE_URL=none, and the CSP then allows no tile server', async () => {
    const bare = await createTestApp(undefined, {}, { MAP_TILE_URL: 'none', MAP_CENTER: '32.7,51.7', MAP_ZOOM: '13' });
    try {
      const inspector = await signIn(bare.app, await usernameOf(bare.db, 'inspector'));
      const res = await inspector.get('/api/map/settings');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ tileUrl: null, center: { lat: 32.7, lng: 51.7 }, zoom: 13 });
      expect(String(res.headers['content-security-policy'])).toMatch(/img-src 'self' data: blob:(;|$)/);
    } finally {
      await bare.close();
    }
  });
});
