/**
 * The travel-time port of the inspection planner (issue 13): one interface, two ways to fill it.
 * The solver (routing.solver.ts) only ever sees the matrix this returns; the planner picks the
 * source from the configuration (`travelFromConfig`).
 *
 * - `haversineTravel`: built in, no network: great-circle distance stretched by a detour factor,
 *   at one city speed. The default.
 * - `osrmTravel`: the `table` service of a routing server the deployment runs (OSRM, or anything
 *   answering its `table/v1` API), for road times on the city's real streets.
 *
 * Pure except for the OSRM adapter's HTTP.
 */
import type { Config } from '../../config.js';

/** A point on the map (WGS 84 degrees), e.g. a property file's location or a district office. */
export interface LatLng {
  lat: number;
  lng: number;
}

export interface TravelTimes {
  /**
   * Driving time in seconds from every point to every point: row-major, size × size
   * (`from * size + to`), zero on the diagonal. Rejects with a `TravelTimeError` when it cannot.
   */
  matrix(points: readonly LatLng[]): Promise<Float64Array>;
}

/** Why a travel matrix could not be made; the message names the problem (the planner shows it to the district). */
export class TravelTimeError extends Error {
  override name = 'TravelTimeError';
}

/**
 * The time put in the matrix for a pair the routing server has no road between (OSRM answers
 * `null`: a point snapped onto a piece of road cut off from the rest). Longer than any working day
 * (about 116 days), so no feasible plan uses that leg and the solver reports the visit
 * (`window-unreachable`) instead of the whole day failing for one bad point; finite, so sums stay
 * exact, and far below the solver's price of an unassigned visit (1e9). A planner that wants to say
 * "no road" rather than "cannot be reached in time" can look for this value in the matrix.
 */
export const UNREACHABLE_SECONDS = 1e7;

/** Mean Earth radius (IUGG), metres. */
const EARTH_RADIUS_M = 6_371_008.8;

function checkPoints(points: readonly LatLng[]): void {
  points.forEach((p, i) => {
    if (!Number.isFinite(p.lat) || !Number.isFinite(p.lng) || Math.abs(p.lat) > 90 || Math.abs(p.lng) > 180) {
      throw new TravelTimeError(`point ${i} is not a location on the map (lat ${p.lat}, lng ${p.lng})`);
    }
  });
}

/** Great-circle distance in metres (the haversine formula; a sphere is within 0.5% of the ellipsoid). */
export function haversineMeters(a: LatLng, b: LatLng): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

export interface HaversineOptions {
  /**
   * Average door-to-door driving speed in the city, km/h; default 25. Daytime traffic in Isfahan's
   * districts, with the stops, turns and parking of a visit, is nearer a cyclist's average than a
   * free road's; an estimate to be measured against the inspectors' real days and set by
   * ROUTING_SPEED_KMH.
   */
  speedKmh?: number;
  /**
   * Road distance over straight-line distance; default 1.35. Studies of road circuity put city
   * averages at about 1.2 for grid plans and 1.3-1.45 for irregular ones (Ballou et al. 2002;
   * Boscoe et al. 2012); Isfahan's old core is a web of alleys and one-way streets and the
   * Zayandeh-Rud is crossed only at its bridges, so we take the upper middle. ROUTING_DETOUR_FACTOR.
   */
  detourFactor?: number;
}

/** Built in: great-circle distance × detour factor / city speed. Symmetric; the same points give the same matrix. */
export function haversineTravel({ speedKmh = 25, detourFactor = 1.35 }: HaversineOptions = {}): TravelTimes {
  if (!(speedKmh > 0) || !Number.isFinite(speedKmh)) throw new TravelTimeError(`speed must be a positive number of km/h; got ${speedKmh}`);
  if (!(detourFactor >= 1) || !Number.isFinite(detourFactor)) throw new TravelTimeError(`detour factor must be 1 or more; got ${detourFactor}`);
  const secondsPerMetre = (detourFactor * 3.6) / speedKmh;
  return {
    async matrix(points) {
      checkPoints(points);
      const n = points.length;
      const m = new Float64Array(n * n);
      for (let a = 0; a < n; a++) {
        for (let b = a + 1; b < n; b++) {
          const t = haversineMeters(points[a]!, points[b]!) * secondsPerMetre;
          m[a * n + b] = t;
          m[b * n + a] = t;
        }
      }
      return m;
    },
  };
}

export interface OsrmOptions {
  /** The server's address up to the service, e.g. `http://osrm.internal:5000` (OSRM_URL). */
  baseUrl: string;
  /** How long one `table` request may take, answer included. */
  timeoutMs: number;
  /**
   * Most coordinates in one request: OSRM's `--max-table-size`, 100 unless the operator raised it.
   * Larger point sets are asked for in blocks (below).
   */
  maxTableSize?: number;
  /** For tests; the global fetch otherwise. */
  fetch?: typeof fetch;
}

interface OsrmTableAnswer {
  code?: unknown;
  message?: unknown;
  durations?: unknown;
}

/**
 * An OSRM-compatible `table` service: `GET {baseUrl}/table/v1/driving/{lng,lat;...}?annotations=duration`
 * (longitude first, as OSRM wants). The address is the operator's (OSRM_URL), never a client's, so
 * no guard against requests into our own network is needed here (compare platform/outbound.ts for
 * webhooks); the routing server is expected to sit on that network.
 *
 * More than `maxTableSize` points: OSRM refuses a request with more coordinates than its
 * `--max-table-size` (default 100; newer versions count sources × destinations against its
 * square, older ones the coordinates, so staying under it in coordinates satisfies both). The
 * points are then cut into blocks of half that size and each pair of blocks asked for separately
 * with `sources` and `destinations` (a block with itself: one request of its own points). For
 * Isfahan's day, ~365 points are 8 blocks, 64 requests, one after the other so as not to flood the
 * server. An answer other than `Ok` with a full matrix of numbers, a non-200 status, or no answer
 * within `timeoutMs` rejects with a `TravelTimeError` naming it; a `null` duration (no road
 * between the two) becomes `UNREACHABLE_SECONDS`.
 */
export function osrmTravel({ baseUrl, timeoutMs, maxTableSize = 100, fetch: fetchImpl = fetch }: OsrmOptions): TravelTimes {
  const base = baseUrl.replace(/\/+$/, '');
  if (!Number.isInteger(maxTableSize) || maxTableSize < 2) throw new TravelTimeError(`OSRM max table size must be a whole number of 2 or more; got ${maxTableSize}`);

  /** One request: durations from `sources` to `destinations`, both indices into `coords`. */
  async function table(coords: readonly LatLng[], sources: number[] | null, destinations: number[] | null): Promise<number[][]> {
    const path = coords.map((p) => `${p.lng.toFixed(6)},${p.lat.toFixed(6)}`).join(';');
    const query = new URLSearchParams({ annotations: 'duration' });
    if (sources) query.set('sources', sources.join(';'));
    if (destinations) query.set('destinations', destinations.join(';'));
    // URLSearchParams would escape the `;` separators; OSRM reads them either way, but plain is what its docs show.
    const url = `${base}/table/v1/driving/${path}?${query.toString().replace(/%3B/g, ';')}`;
    let res: Response;
    let text: string;
    try {
      res = await fetchImpl(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json' } });
      text = await res.text(); // under the same timeout: a server that stalls halfway is no answer either
    } catch (e) {
      const err = e as Error;
      if (err.name === 'TimeoutError' || err.name === 'AbortError') {
        throw new TravelTimeError(`OSRM table: no answer from ${base} within ${timeoutMs} ms`);
      }
      throw new TravelTimeError(`OSRM table: ${base} unreachable: ${err.message}`);
    }
    let body: OsrmTableAnswer | null = null;
    try {
      body = JSON.parse(text) as OsrmTableAnswer | null;
    } catch {
      body = null;
    }
    const said = body && typeof body.code === 'string' ? ` (${body.code}${typeof body.message === 'string' ? `: ${body.message}` : ''})` : '';
    if (res.status !== 200) throw new TravelTimeError(`OSRM table: HTTP ${res.status} from ${base}${said}`);
    if (body === null) throw new TravelTimeError(`OSRM table: the answer from ${base} is not JSON`);
    if (body.code !== 'Ok') throw new TravelTimeError(`OSRM table: ${base} answered ${said.trim() || 'without a code'}`);
    const rows = (sources ?? coords).length;
    const cols = (destinations ?? coords).length;
    const d = body.durations;
    if (!Array.isArray(d) || d.length !== rows) {
      throw new TravelTimeError(`OSRM table: expected ${rows} rows of durations from ${base}, got ${Array.isArray(d) ? d.length : typeof d}`);
    }
    return d.map((row: unknown, i) => {
      if (!Array.isArray(row) || row.length !== cols) {
        throw new TravelTimeError(`OSRM table: row ${i} of the durations from ${base} is not ${cols} long`);
      }
      return row.map((v: unknown, j) => {
        if (v === null) return UNREACHABLE_SECONDS;
        if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
          throw new TravelTimeError(`OSRM table: duration [${i}][${j}] from ${base} is not a number of seconds (${JSON.stringify(v)})`);
        }
        return v;
      });
    });
  }

  return {
    async matrix(points) {
      checkPoints(points);
      const n = points.length;
      const m = new Float64Array(n * n);
      if (n < 2) return m;
      const put = (rows: readonly number[], cols: readonly number[], d: number[][]) =>
        rows.forEach((a, i) => cols.forEach((b, j) => (m[a * n + b] = a === b ? 0 : d[i]![j]!)));
      if (n <= maxTableSize) {
        const all = points.map((_, i) => i);
        put(all, all, await table(points, null, null));
        return m;
      }
      const size = Math.floor(maxTableSize / 2);
      const blocks: number[][] = [];
      for (let s = 0; s < n; s += size) blocks.push(Array.from({ length: Math.min(size, n - s) }, (_, k) => s + k));
      for (const from of blocks) {
        for (const to of blocks) {
          if (from === to) {
            put(from, to, await table(from.map((i) => points[i]!), null, null));
          } else {
            const coords = [...from, ...to].map((i) => points[i]!);
            const sources = from.map((_, k) => k);
            const destinations = to.map((_, k) => from.length + k);
            put(from, to, await table(coords, sources, destinations));
          }
        }
      }
      return m;
    },
  };
}

/** How long one OSRM `table` request may take before planning gives up on it. */
const OSRM_TIMEOUT_MS = 10_000;

/** The routing server when the operator configured one (OSRM_URL), the built-in estimate otherwise. */
export function travelFromConfig(routing: Config['routing']): TravelTimes {
  if (routing.osrmUrl !== null) return osrmTravel({ baseUrl: routing.osrmUrl, timeoutMs: OSRM_TIMEOUT_MS });
  return haversineTravel({ speedKmh: routing.speedKmh, detourFactor: routing.detourFactor });
}
