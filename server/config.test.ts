import { describe, expect, it } from 'vitest';
import { DEFAULT_TILE_ATTRIBUTION, DEFAULT_TILE_URL, parseConfig } from './config.js';

describe('the map configuration (MAP_*)', () => {
  it('is OpenStreetMap over Isfahan at zoom 12 by default', () => {
    expect(parseConfig({}).map).toEqual({
      tileUrl: DEFAULT_TILE_URL,
      attribution: DEFAULT_TILE_ATTRIBUTION,
      center: [32.6546, 51.668],
      zoom: 12,
      tileSource: 'https://tile.openstreetmap.org',
    });
  });

  it('takes a city tile server, its credit line, a centre and a zoom', () => {
    const map = parseConfig({
      MAP_TILE_URL: 'https://{s}.tiles.isfahan.ir/base/{z}/{x}/{y}.png',
      MAP_TILE_ATTRIBUTION: 'شهرداری اصفهان',
      MAP_CENTER: ' 35.6892 , 51.389 ',
      MAP_ZOOM: '11',
    }).map;
    expect(map).toMatchObject({ tileUrl: 'https://{s}.tiles.isfahan.ir/base/{z}/{x}/{y}.png', attribution: 'شهرداری اصفهان', center: [35.6892, 51.389], zoom: 11 });
    // {s} is Leaflet's subdomain: the browser may load tiles from any subdomain of the host.
    expect(map.tileSource).toBe('https://*.tiles.isfahan.ir');
    expect(parseConfig({ MAP_TILE_URL: 'http://127.0.0.1:9/{z}/{x}/{y}.png' }).map.tileSource).toBe('http://127.0.0.1:9');
  });

  it('draws without tiles when MAP_TILE_URL is none', () => {
    expect(parseConfig({ MAP_TILE_URL: 'none' }).map).toMatchObject({ tileUrl: null, tileSource: null });
    expect(parseConfig({ MAP_TILE_URL: 'NONE' }).map.tileUrl).toBeNull();
  });

  it('refuses a tile address, centre or zoom it cannot use, naming the variable', () => {
    for (const bad of ['tile.openstreetmap.org/{z}/{x}/{y}.png', 'https://tile.openstreetmap.org/tiles.png', 'ftp://x/{z}/{x}/{y}', 'https://a.{s}.b/{z}/{x}/{y}']) {
      expect(() => parseConfig({ MAP_TILE_URL: bad }), bad).toThrow(/MAP_TILE_URL/);
    }
    for (const bad of ['32.6', '32.6,51.6,1', 'north,east', '91,51', '32,181']) {
      expect(() => parseConfig({ MAP_CENTER: bad }), bad).toThrow(/MAP_CENTER/);
    }
    expect(() => parseConfig({ MAP_ZOOM: '0' })).toThrow(/MAP_ZOOM/);
    expect(() => parseConfig({ MAP_ZOOM: '12.5' })).toThrow(/MAP_ZOOM/);
  });
});
