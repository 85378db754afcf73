/**
 * The shared map's arithmetic, apart from Leaflet so it is tested in plain Node: what is drawn,
 * where the view goes, the colours of routes, and whether the base map is there.
 */
import { faDigits } from '../i18n';

/** [latitude, longitude], as Leaflet takes a position. */
export type LatLngPair = readonly [number, number];

/** A place on the map: a visit, a property, an office. */
export interface MapPoint {
  id: string;
  lat: number;
  lng: number;
  /** Shown on hover and read by screen readers (Persian; digits are shown Persian). */
  label: string;
  /** CSS colour of the marker; the first of MAP_COLOURS when not given. */
  colour?: string;
  /** A number written in the marker: the visit's place in its route (1, 2, ...). */
  order?: number;
}

/** A line through places in order: an inspector's route of the day. */
export interface MapRoute {
  id: string;
  path: readonly LatLngPair[];
  colour: string;
  /** Shown on hover (an inspector's name). */
  label?: string;
}

/** How a map opens and what it draws under the content (GET /api/map/settings). */
export interface MapSettings {
  /** Leaflet tile template; null: no base map, the plain grid only. */
  tileUrl: string | null;
  attribution: string;
  center: { lat: number; lng: number };
  zoom: number;
}

/** Whether a position is one on Earth (a half-typed field or NaN is not). */
export function isLatLng(lat: number, lng: number): boolean {
  return Number.isFinite(lat) && Number.isFinite(lng) && Math.abs(lat) <= 90 && Math.abs(lng) <= 180;
}

/** The south-west and north-east corners around every position given; null when there is none. */
export function boundsOf(positions: Iterable<LatLngPair>): [LatLngPair, LatLngPair] | null {
  let south = Infinity, west = Infinity, north = -Infinity, east = -Infinity;
  for (const [lat, lng] of positions) {
    if (!isLatLng(lat, lng)) continue;
    south = Math.min(south, lat);
    north = Math.max(north, lat);
    west = Math.min(west, lng);
    east = Math.max(east, lng);
  }
  return south === Infinity ? null : [[south, west], [north, east]];
}

/** Every position drawn: the points, the routes' corners and the picked place. */
export function positionsOf(points: readonly MapPoint[], routes: readonly MapRoute[], picked: { lat: number; lng: number } | null = null): LatLngPair[] {
  const out: LatLngPair[] = points.map((p) => [p.lat, p.lng] as const);
  for (const route of routes) out.push(...route.path);
  if (picked) out.push([picked.lat, picked.lng]);
  return out;
}

/** The zoom one place is shown at: a street and its buildings. */
export const PLACE_ZOOM = 16;

export type View = { fit: [LatLngPair, LatLngPair] } | { centre: LatLngPair; zoom: number };

/**
 * Where the view goes for this content: around it all when it spans a distance, on the one place
 * at street zoom, and where the settings say when there is nothing to show.
 */
export function viewFor(positions: readonly LatLngPair[], settings: Pick<MapSettings, 'center' | 'zoom'>): View {
  const box = boundsOf(positions);
  if (!box) return { centre: [settings.center.lat, settings.center.lng], zoom: settings.zoom };
  const [[south, west], [north, east]] = box;
  if (north - south < 1e-6 && east - west < 1e-6) return { centre: [south, west], zoom: PLACE_ZOOM };
  return { fit: box };
}

/**
 * What the content is, as a key: the view is fitted again when it changes (other visits, other
 * routes), not when the same content is drawn again or a place is picked.
 */
export function contentKey(points: readonly MapPoint[], routes: readonly MapRoute[]): string {
  const p = points.map((x) => `${x.id}@${x.lat},${x.lng}`).join(';');
  const r = routes.map((x) => `${x.id}:${x.path.length}@${x.path[0]?.join(',') ?? ''}`).join(';');
  return `${p}|${r}`;
}

/**
 * Colours for routes and their points, one per inspector, told apart on the map; each dark enough
 * for white digits on it (4.5:1 or more, WCAG AA), which the test checks.
 */
export const MAP_COLOURS = ['#1864ab', '#c92a2a', '#237032', '#b34400', '#5f3dc4', '#0b7285', '#a61e4d', '#4a6b00', '#364fc7', '#862e9c', '#495057', '#8a5a00'] as const;

/** The n-th colour, round again after the last. */
export function mapColour(index: number): string {
  const n = MAP_COLOURS.length;
  return MAP_COLOURS[((Math.trunc(index) % n) + n) % n]!;
}

/** The number in a marker, in Persian digits; empty when the point has none. */
export function orderText(order: number | undefined): string {
  return order === undefined ? '' : faDigits(order);
}

/** A point's label as shown (Persian digits). */
export function labelText(label: string): string {
  return faDigits(label);
}

/**
 * Whether to say the base map is missing: there are no tiles, or the tile server answered none of
 * the tiles asked for (unreachable, refused by the network). A tile that failed among loaded ones
 * is a hole in the map, not a missing map.
 */
export function baseMapMissing(tileUrl: string | null, tiles: { loaded: number; failed: number }): boolean {
  return tileUrl === null || (tiles.failed > 0 && tiles.loaded === 0);
}
