/**
 * The geometry of an excavation route (مسیر حفاری), all of it through Turf: reading and checking
 * the GeoJSON a utility sends, its length and area in metres, and its footprint on the ground for
 * the overlap check. Why these choices (sphere, polygon as trench, buffered footprints): see
 * docs/decisions/0010-excavation-geometry.md.
 */
import type { Feature, LineString, MultiPolygon, Polygon, Position } from 'geojson';
// Turf's packages one by one: the whole of @turf/turf is every module of it loaded at start (10 MB more RSS).
import { area } from '@turf/area';
import { bbox } from '@turf/bbox';
import { booleanIntersects } from '@turf/boolean-intersects';
import { buffer } from '@turf/buffer';
import { cleanCoords } from '@turf/clean-coords';
import { feature } from '@turf/helpers';
import { kinks } from '@turf/kinks';
import { length } from '@turf/length';
import { fieldError, type FieldError } from '../../platform/errors.js';
import { centimetres, trenchArea } from './excavations.rules.js';

export type Route = LineString | Polygon;
export type Footprint = Feature<Polygon | MultiPolygon>;
export interface Bbox {
  minLng: number;
  minLat: number;
  maxLng: number;
  maxLat: number;
}

/** Iran's bounding box: a route outside it is a mistake (most often latitude and longitude swapped). */
export const IRAN_BBOX: Bbox = { minLng: 44, minLat: 24, maxLng: 64, maxLat: 40 };
/** Far more than any street's trench needs; keeps buffering and overlap checks cheap. */
const MAX_POSITIONS = 2000;

const routeError = (code: string, message: string, messageFa: string) => fieldError('route', code, message, messageFa);

const ERRORS = {
  notGeoJson: () =>
    routeError('not_geojson', 'Send a GeoJSON LineString or Polygon, or a Feature holding one', 'مسیر حفاری باید هندسه GeoJSON از نوع LineString (خط) یا Polygon (چندضلعی)، یا یک Feature شامل آن باشد'),
  wrongType: (type: string) =>
    routeError('wrong_type', `A ${type} is not a route: send a LineString or a Polygon`, 'مسیر حفاری باید خط (LineString) یا چندضلعی (Polygon) باشد؛ نقطه و انواع دیگر پذیرفته نیست'),
  badCoordinates: () =>
    routeError('bad_coordinates', 'Coordinates must be [longitude, latitude] pairs of numbers', 'مختصات مسیر باید جفت‌عددهای [طول جغرافیایی، عرض جغرافیایی] باشد'),
  tooManyPositions: () =>
    routeError('too_many_positions', `At most ${MAX_POSITIONS} positions`, `مسیر حفاری حداکثر ${MAX_POSITIONS.toLocaleString('fa-IR')} نقطه می‌تواند داشته باشد`),
  outsideIran: () =>
    routeError(
      'outside_iran', 'Every position must be inside Iran (longitude 44..64, latitude 24..40), written [longitude, latitude]',
      'همه نقاط مسیر باید داخل ایران (طول ۴۴ تا ۶۴ و عرض ۲۴ تا ۴۰ درجه) و به ترتیب [طول، عرض] نوشته شده باشد',
    ),
  tooFewPoints: () => routeError('too_few_points', 'A line needs at least two distinct positions', 'خط مسیر حفاری دست‌کم دو نقطه متفاوت لازم دارد'),
  openRing: () =>
    routeError('open_ring', 'Each ring of a polygon must be closed (last position = first) and have at least 4 positions', 'هر حلقه چندضلعی باید بسته باشد (نقطه آخر همان نقطه اول) و دست‌کم ۴ نقطه داشته باشد'),
  selfIntersecting: () => routeError('self_intersecting', 'The route crosses itself', 'مسیر حفاری نباید خودش را قطع کند'),
  empty: (what: 'length' | 'area') =>
    routeError('empty', `The route has no ${what}`, what === 'length' ? 'طول مسیر حفاری صفر است' : 'مساحت محدوده حفاری صفر است'),
};

const isPosition = (p: unknown): p is Position =>
  Array.isArray(p) && (p.length === 2 || p.length === 3) && p.every((n) => typeof n === 'number' && Number.isFinite(n));

const inIran = ([lng, lat]: Position) => lng! >= IRAN_BBOX.minLng && lng! <= IRAN_BBOX.maxLng && lat! >= IRAN_BBOX.minLat && lat! <= IRAN_BBOX.maxLat;

const samePosition = (a: Position, b: Position) => a[0] === b[0] && a[1] === b[1];

/**
 * The route a utility sent (a Geometry or a Feature holding one), checked: a LineString of two or
 * more distinct positions or a Polygon of closed rings, inside Iran, not crossing itself, with a
 * length or an area. The error names the field `route`, in English and Persian.
 */
export function readRoute(input: unknown): { route: Route } | { error: FieldError } {
  const obj = input as { type?: unknown; geometry?: unknown; coordinates?: unknown } | null;
  const geometry = (obj?.type === 'Feature' ? obj.geometry : obj) as { type?: unknown; coordinates?: unknown } | null;
  if (!geometry || typeof geometry !== 'object' || typeof geometry.type !== 'string') return { error: ERRORS.notGeoJson() };
  if (geometry.type !== 'LineString' && geometry.type !== 'Polygon') return { error: ERRORS.wrongType(geometry.type) };

  const lines = (geometry.type === 'LineString' ? [geometry.coordinates] : geometry.coordinates) as unknown[];
  if (!Array.isArray(lines) || lines.length === 0 || !lines.every((l) => Array.isArray(l) && l.every(isPosition))) return { error: ERRORS.badCoordinates() };
  const positions = lines.flat();
  if (positions.length > MAX_POSITIONS) return { error: ERRORS.tooManyPositions() };
  if (!positions.every(inIran)) return { error: ERRORS.outsideIran() };

  // Only the two coordinates the API speaks of; an elevation, if sent, is not part of the route.
  const flat = (ps: Position[]) => ps.map(([lng, lat]) => [lng!, lat!]);
  const route: Route =
    geometry.type === 'LineString'
      ? { type: 'LineString', coordinates: flat(lines[0] as Position[]) }
      : { type: 'Polygon', coordinates: lines.map(flat) };

  if (route.type === 'LineString') {
    if (new Set(route.coordinates.map((p) => `${p[0]},${p[1]}`)).size < 2) return { error: ERRORS.tooFewPoints() };
  } else if (!route.coordinates.every((ring) => ring.length >= 4 && samePosition(ring[0]!, ring[ring.length - 1]!))) {
    return { error: ERRORS.openRing() };
  }
  // A repeated vertex would read as a crossing: kinks looks at the route without repeats.
  let cleaned: Route;
  try {
    cleaned = cleanCoords(route) as Route;
  } catch {
    return { error: ERRORS.empty(route.type === 'LineString' ? 'length' : 'area') };
  }
  if (kinks(cleaned).features.length > 0) return { error: ERRORS.selfIntersecting() };
  if (measure(route, 1).lengthMeters <= 0) return { error: ERRORS.empty(route.type === 'LineString' ? 'length' : 'area') };
  return { route };
}

/**
 * Trench length and area in metres, to the centimetre. A line's length is measured along it on
 * Turf's sphere; a polygon is taken as a trench of the given width, so its length is its area
 * divided by the width. The area is always length × width.
 */
export function measure(route: Route, widthMeters: number): { lengthMeters: number; areaSquareMeters: number } {
  const metres = route.type === 'LineString' ? length(feature(route), { units: 'meters' }) : area(route) / widthMeters;
  const lengthMeters = centimetres(metres);
  return { lengthMeters, areaSquareMeters: trenchArea(lengthMeters, widthMeters) };
}

/** The restoration fee (هزینه ترمیم): metres of trench at the street's tariff, in whole rials. */
export function restorationFee(lengthMeters: number, rialsPerMeter: number): number {
  return Math.round(lengthMeters * rialsPerMeter);
}

/** What the trench takes of the street: the route buffered by half the trench width, and its bbox. */
export function footprintOf(route: Route, widthMeters: number): { shape: Footprint; bbox: Bbox } {
  const shape = buffer(feature(route), widthMeters / 2, { units: 'meters' });
  if (!shape) throw new Error('buffering a checked route gave nothing');
  const [minLng, minLat, maxLng, maxLat] = bbox(shape);
  return { shape, bbox: { minLng, minLat, maxLng, maxLat } };
}

/** Two trenches meet on the ground: their footprints touch or overlap. */
export function footprintsMeet(a: Footprint, b: Footprint): boolean {
  return booleanIntersects(a, b);
}
