import { describe, expect, it } from 'vitest';
import {
  baseMapMissing, boundsOf, contentKey, isLatLng, labelText, MAP_COLOURS, mapColour, orderText, PLACE_ZOOM, positionsOf, viewFor, type MapPoint, type MapRoute,
} from './map.model';

const ISFAHAN = { center: { lat: 32.6546, lng: 51.668 }, zoom: 12 };
const point = (id: string, lat: number, lng: number, order?: number): MapPoint => ({ id, lat, lng, label: `بازدید ${id}`, ...(order === undefined ? {} : { order }) });

/** WCAG relative luminance and contrast, written out here as the standard gives them. */
function contrastWithWhite(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  const l = 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  return 1.05 / (l + 0.05);
}

describe('the map model', () => {
  it('takes only positions on Earth', () => {
    expect(isLatLng(32.65, 51.67)).toBe(true);
    expect(isLatLng(-90, 180)).toBe(true);
    expect(isLatLng(91, 0)).toBe(false);
    expect(isLatLng(0, -181)).toBe(false);
    expect(isLatLng(Number.NaN, 51)).toBe(false);
  });

  it('boxes every position drawn, leaving out the ones that are not on Earth', () => {
    expect(boundsOf([])).toBeNull();
    expect(boundsOf([[Number.NaN, 1]])).toBeNull();
    expect(boundsOf([[32.7, 51.6], [32.6, 51.7], [32.65, 51.65], [99, 51]])).toEqual([[32.6, 51.6], [32.7, 51.7]]);
  });

  it('draws the points, every corner of the routes and the picked place', () => {
    const route: MapRoute = { id: 'r', colour: '#000', path: [[32.6, 51.6], [32.8, 51.9]] };
    expect(positionsOf([point('a', 32.7, 51.7)], [route], { lat: 32.5, lng: 51.5 })).toEqual([[32.7, 51.7], [32.6, 51.6], [32.8, 51.9], [32.5, 51.5]]);
  });

  it('opens where the settings say on nothing, on one place at street zoom, and around a spread of places', () => {
    expect(viewFor([], ISFAHAN)).toEqual({ centre: [32.6546, 51.668], zoom: 12 });
    expect(viewFor([[32.7, 51.7]], ISFAHAN)).toEqual({ centre: [32.7, 51.7], zoom: PLACE_ZOOM });
    expect(viewFor([[32.7, 51.7], [32.7, 51.7]], ISFAHAN)).toEqual({ centre: [32.7, 51.7], zoom: PLACE_ZOOM });
    expect(viewFor([[32.7, 51.7], [32.6, 51.8]], ISFAHAN)).toEqual({ fit: [[32.6, 51.7], [32.7, 51.8]] });
  });

  it('keys the content by what is drawn, so the same visits drawn again keep the view', () => {
    const route: MapRoute = { id: 'r', colour: '#000', path: [[32.6, 51.6], [32.8, 51.9]] };
    const key = contentKey([point('a', 32.7, 51.7)], [route]);
    expect(contentKey([point('a', 32.7, 51.7)], [{ ...route, colour: '#fff' }])).toBe(key);
    expect(contentKey([point('a', 32.71, 51.7)], [route])).not.toBe(key);
    expect(contentKey([point('b', 32.7, 51.7)], [route])).not.toBe(key);
    expect(contentKey([point('a', 32.7, 51.7)], [{ ...route, path: [...route.path, [32.9, 51.9]] }])).not.toBe(key);
  });

  it('has route colours all different and dark enough for white digits (4.5:1, WCAG AA), taken round again after the last', () => {
    expect(new Set(MAP_COLOURS).size).toBe(MAP_COLOURS.length);
    const weak = MAP_COLOURS.filter((c) => contrastWithWhite(c) < 4.5);
    expect(weak).toEqual([]);
    expect(mapColour(0)).toBe(MAP_COLOURS[0]);
    expect(mapColour(MAP_COLOURS.length + 2)).toBe(MAP_COLOURS[2]);
    expect(mapColour(-1)).toBe(MAP_COLOURS[MAP_COLOURS.length - 1]);
  });

  it('writes the route order and the labels in Persian digits', () => {
    expect(orderText(12)).toBe('۱۲');
    expect(orderText(undefined)).toBe('');
    expect(labelText('خیابان کاوه، پلاک 7')).toBe('خیابان کاوه، پلاک ۷');
  });

  it('says the base map is missing with no tiles, or when not one tile came', () => {
    const url = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
    expect(baseMapMissing(null, { loaded: 0, failed: 0 })).toBe(true);
    expect(baseMapMissing(url, { loaded: 0, failed: 0 })).toBe(false); // still loading
    expect(baseMapMissing(url, { loaded: 0, failed: 6 })).toBe(true);
    expect(baseMapMissing(url, { loaded: 5, failed: 1 })).toBe(false); // a hole, not a missing map
  });
});
