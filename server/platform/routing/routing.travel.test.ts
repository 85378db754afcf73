import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { haversineMeters, haversineTravel, osrmTravel, travelFromConfig, TravelTimeError, UNREACHABLE_SECONDS, type LatLng } from './routing.travel.js';

const NAQSH_E_JAHAN: LatLng = { lat: 32.6575, lng: 51.6776 };
const VANK: LatLng = { lat: 32.6353, lng: 51.6556 };
const SI_O_SE_POL: LatLng = { lat: 32.6445, lng: 51.6675 };

describe('haversine travel times', () => {
  it('Naqsh-e Jahan square to Vank cathedral: about 3.2 km on the map, 625 s at 25 km/h with a 1.35 detour', async () => {
    expect(haversineMeters(NAQSH_E_JAHAN, VANK)).toBeGreaterThan(3150);
    expect(haversineMeters(NAQSH_E_JAHAN, VANK)).toBeLessThan(3280);
    // 3.215 km × 1.35 = 4.340 km of road at 25 km/h (6.94 m/s): 625 s.
    const m = await haversineTravel().matrix([NAQSH_E_JAHAN, VANK]);
    expect(m[1]).toBeCloseTo(625, 0);
  });

  it('is symmetric with a zero diagonal, and follows the speed and the detour factor', async () => {
    const points = [NAQSH_E_JAHAN, VANK, SI_O_SE_POL];
    const m = await haversineTravel().matrix(points);
    expect(m).toHaveLength(9);
    for (let a = 0; a < 3; a++) {
      expect(m[a * 3 + a]).toBe(0);
      for (let b = 0; b < 3; b++) {
        expect(m[a * 3 + b]).toBe(m[b * 3 + a]);
        if (a !== b) expect(m[a * 3 + b]).toBeGreaterThan(0);
      }
    }
    const slow = await haversineTravel({ speedKmh: 12.5, detourFactor: 1.35 }).matrix(points);
    const straight = await haversineTravel({ speedKmh: 25, detourFactor: 1 }).matrix(points);
    expect(slow[1]).toBeCloseTo(2 * m[1]!, 6);
    expect(straight[1]).toBeCloseTo(m[1]! / 1.35, 6);
  });

  it('refuses a point that is not on the map, and nonsense speeds', async () => {
    await expect(haversineTravel().matrix([NAQSH_E_JAHAN, { lat: 91, lng: 51 }])).rejects.toThrow(/point 1/);
    await expect(haversineTravel().matrix([{ lat: Number.NaN, lng: 51 }])).rejects.toThrow(TravelTimeError);
    expect(() => haversineTravel({ speedKmh: 0 })).toThrow(/speed/);
    expect(() => haversineTravel({ detourFactor: 0.5 })).toThrow(/detour/);
  });
});

/**
 * A fake OSRM: answers `table` requests with a duration computed from the coordinates it was sent
 * (1000 s a degree of longitude + 10 s a degree of latitude, so that swapping lat and lng shows),
 * honours `sources` / `destinations`, and does what the test says instead when told.
 */
let server: http.Server;
let baseUrl: string;
let requests: URL[] = [];
let behaviour: (url: URL, res: http.ServerResponse) => boolean = () => false;

const fakeSeconds = (a: LatLng, b: LatLng) => 1000 * Math.abs(a.lng - b.lng) + 10 * Math.abs(a.lat - b.lat);

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const url = new URL(req.url!, 'http://fake');
    requests.push(url);
    if (behaviour(url, res)) return;
    const match = /^\/table\/v1\/driving\/(.+)$/.exec(url.pathname);
    if (!match || url.searchParams.get('annotations') !== 'duration') {
      res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 'InvalidUrl', message: 'URL string malformed' }));
      return;
    }
    const coords = match[1]!.split(';').map((c) => {
      const [lng, lat] = c.split(',').map(Number) as [number, number];
      return { lat, lng };
    });
    const indices = (name: string) => url.searchParams.get(name)?.split(';').map(Number) ?? coords.map((_, i) => i);
    const durations = indices('sources').map((s) => indices('destinations').map((d) => fakeSeconds(coords[s]!, coords[d]!)));
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 'Ok', durations }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  requests = [];
  behaviour = () => false;
});

const json = (res: http.ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  return true;
};

describe('OSRM table adapter', () => {
  it('asks for {lng,lat;...} with annotations=duration and returns the matrix row-major', async () => {
    const points = [NAQSH_E_JAHAN, VANK, SI_O_SE_POL];
    const m = await osrmTravel({ baseUrl: `${baseUrl}/`, timeoutMs: 2000 }).matrix(points);
    expect(requests).toHaveLength(1);
    expect(requests[0]!.pathname).toBe('/table/v1/driving/51.677600,32.657500;51.655600,32.635300;51.667500,32.644500');
    expect(requests[0]!.searchParams.get('annotations')).toBe('duration');
    expect(requests[0]!.searchParams.has('sources')).toBe(false);
    // From the square (lng 51.6776) to Vank (lng 51.6556): 1000 × 0.022 + 10 × 0.0222 = 22.222 s.
    expect(m[0 * 3 + 1]).toBeCloseTo(22.222, 6);
    expect(m[2 * 3 + 0]).toBeCloseTo(10.1 + 0.13, 6);
    expect([m[0], m[4], m[8]]).toEqual([0, 0, 0]);
  });

  it('asks in blocks of sources × destinations when the points exceed the table size, and the blocks add up to the whole', async () => {
    const points = Array.from({ length: 7 }, (_, i) => ({ lat: 32.6 + i * 0.01, lng: 51.6 + ((i * 37) % 11) * 0.01 }));
    const m = await osrmTravel({ baseUrl, timeoutMs: 2000, maxTableSize: 4 }).matrix(points);
    // Blocks of 2: [0,1] [2,3] [4,5] [6] -> 16 requests, none with more than 4 coordinates.
    expect(requests).toHaveLength(16);
    for (const r of requests) expect(r.pathname.split('/').pop()!.split(';').length).toBeLessThanOrEqual(4);
    for (let a = 0; a < 7; a++) for (let b = 0; b < 7; b++) expect(m[a * 7 + b]).toBeCloseTo(a === b ? 0 : fakeSeconds(points[a]!, points[b]!), 6);
  });

  it('puts UNREACHABLE_SECONDS where the server has no road (null)', async () => {
    behaviour = (_url, res) => json(res, 200, { code: 'Ok', durations: [[0, null], [12.5, 0]] });
    const m = await osrmTravel({ baseUrl, timeoutMs: 2000 }).matrix([NAQSH_E_JAHAN, VANK]);
    expect([...m]).toEqual([0, UNREACHABLE_SECONDS, 12.5, 0]);
  });

  it('an error answer: the status and OSRM’s code and message in the error', async () => {
    behaviour = (_url, res) => json(res, 400, { code: 'TooBig', message: 'Too many table coordinates' });
    await expect(osrmTravel({ baseUrl, timeoutMs: 2000 }).matrix([NAQSH_E_JAHAN, VANK])).rejects.toThrow(/HTTP 400 .*TooBig: Too many table coordinates/);
    behaviour = (_url, res) => json(res, 200, { code: 'NoTable', message: 'No table found' });
    await expect(osrmTravel({ baseUrl, timeoutMs: 2000 }).matrix([NAQSH_E_JAHAN, VANK])).rejects.toThrow(/answered \(NoTable: No table found\)/);
    behaviour = (_url, res) => {
      res.writeHead(502).end('<html>Bad Gateway</html>');
      return true;
    };
    await expect(osrmTravel({ baseUrl, timeoutMs: 2000 }).matrix([NAQSH_E_JAHAN, VANK])).rejects.toThrow(/HTTP 502/);
  });

  it('a bad shape: not JSON, missing durations, a short row, a string for a number', async () => {
    const travel = osrmTravel({ baseUrl, timeoutMs: 2000 });
    const two = [NAQSH_E_JAHAN, VANK];
    behaviour = (_url, res) => {
      res.writeHead(200).end('ok');
      return true;
    };
    await expect(travel.matrix(two)).rejects.toThrow(/not JSON/);
    behaviour = (_url, res) => json(res, 200, { code: 'Ok' });
    await expect(travel.matrix(two)).rejects.toThrow(/expected 2 rows/);
    behaviour = (_url, res) => json(res, 200, { code: 'Ok', durations: [[0, 1], [1]] });
    await expect(travel.matrix(two)).rejects.toThrow(/row 1 .* not 2 long/);
    behaviour = (_url, res) => json(res, 200, { code: 'Ok', durations: [[0, '12'], [1, 0]] });
    await expect(travel.matrix(two)).rejects.toThrow(/duration \[0\]\[1\] .* not a number/);
    await expect(travel.matrix(two)).rejects.toBeInstanceOf(TravelTimeError);
  });

  it('a timeout: no answer within timeoutMs', async () => {
    behaviour = () => true; // never answers
    const started = Date.now();
    await expect(osrmTravel({ baseUrl, timeoutMs: 200 }).matrix([NAQSH_E_JAHAN, VANK])).rejects.toThrow(/no answer from http:\/\/127\.0\.0\.1:\d+ within 200 ms/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('a server that is not there', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((resolve) => closed.close(resolve));
    await expect(osrmTravel({ baseUrl: url, timeoutMs: 2000 }).matrix([NAQSH_E_JAHAN, VANK])).rejects.toThrow(/unreachable/);
  });

  it('one point or none asks nothing', async () => {
    expect([...(await osrmTravel({ baseUrl, timeoutMs: 2000 }).matrix([VANK]))]).toEqual([0]);
    expect(requests).toHaveLength(0);
  });
});

describe('travelFromConfig', () => {
  it('uses the routing server when OSRM_URL is set, the built-in estimate otherwise', async () => {
    const viaOsrm = await travelFromConfig({ speedKmh: 25, detourFactor: 1.35, osrmUrl: baseUrl }).matrix([NAQSH_E_JAHAN, VANK]);
    expect(requests).toHaveLength(1);
    expect(viaOsrm[1]).toBeCloseTo(22.222, 6);
    const builtIn = await travelFromConfig({ speedKmh: 25, detourFactor: 1.35, osrmUrl: null }).matrix([NAQSH_E_JAHAN, VANK]);
    expect(requests).toHaveLength(1);
    expect(builtIn[1]).toBeCloseTo(625, 0);
  });
});
