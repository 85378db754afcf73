import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_TILE_ATTRIBUTION, DEFAULT_TILE_URL, parseConfig } from './config.js';

describe('config: routing (the inspection planner travel times)', () => {
  it('defaults to the built-in estimate: 25 km/h, detour 1.35, no routing server', () => {
    expect(parseConfig({}).routing).toEqual({ speedKmh: 25, detourFactor: 1.35, osrmUrl: null });
  });

  it('reads decimal speed and detour factor, and the OSRM address without its trailing slash', () => {
    const config = parseConfig({ ROUTING_SPEED_KMH: '22.5', ROUTING_DETOUR_FACTOR: '1.4', OSRM_URL: ' http://osrm.internal:5000/ ' });
    expect(config.routing).toEqual({ speedKmh: 22.5, detourFactor: 1.4, osrmUrl: 'http://osrm.internal:5000' });
    expect(Object.isFrozen(config.routing)).toBe(true);
  });

  it.each([
    ['ROUTING_SPEED_KMH', 'fast'],
    ['ROUTING_SPEED_KMH', '0'],
    ['ROUTING_SPEED_KMH', '500'],
    ['ROUTING_DETOUR_FACTOR', '0.8'],
    ['ROUTING_DETOUR_FACTOR', 'NaN'],
    ['OSRM_URL', 'osrm.internal:5000'],
    ['OSRM_URL', 'ftp://osrm.internal'],
    ['OSRM_URL', 'not a url'],
  ])('refuses to start on %s=%s, naming the variable', (name, value) => {
    expect(() => parseConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => parseConfig({ [name]: value })).toThrow(new RegExp(name));
  });
});

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

describe('the blob store (BLOB_STORE, S3_*)', () => {
  const s3 = { BLOB_STORE: 's3', S3_BUCKET: 'miz-files', S3_ACCESS_KEY_ID: 'key', S3_SECRET_ACCESS_KEY: 'secret' };

  it('is the files folder under DATA_DIR by default', () => {
    expect(parseConfig({ DATA_DIR: '/srv/miz' }).blobStore).toEqual({ kind: 'local', dir: '/srv/miz/files' });
  });

  it('reads a self-hosted S3 server, addressed by path unless told otherwise', () => {
    expect(parseConfig({ ...s3, S3_ENDPOINT: 'http://minio.internal:9000/', S3_REGION: 'ir-thr-at1' }).blobStore).toEqual({
      kind: 's3', endpoint: 'http://minio.internal:9000', region: 'ir-thr-at1', bucket: 'miz-files', accessKeyId: 'key', secretAccessKey: 'secret', forcePathStyle: true,
    });
    expect(parseConfig({ ...s3, S3_ENDPOINT: 'https://s3.example.ir', S3_FORCE_PATH_STYLE: 'false' }).blobStore).toMatchObject({ forcePathStyle: false });
  });

  it('reads Amazon S3 itself: no endpoint, us-east-1 unless a region is given, addressed by host name', () => {
    expect(parseConfig(s3).blobStore).toMatchObject({ kind: 's3', endpoint: null, region: 'us-east-1', forcePathStyle: false });
  });

  it('refuses a store, a bucket or an address it cannot use, and a missing key, naming the variable', () => {
    expect(() => parseConfig({ BLOB_STORE: 'ftp' })).toThrow(/BLOB_STORE must be local or s3/);
    for (const name of ['S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const) {
      expect(() => parseConfig({ ...s3, [name]: '' }), name).toThrow(new RegExp(`${name} is required when BLOB_STORE=s3`));
    }
    for (const bad of ['Miz_Files', 'ab', 'a..b', '-miz', 'x'.repeat(64)]) {
      expect(() => parseConfig({ ...s3, S3_BUCKET: bad }), bad).toThrow(/S3_BUCKET must be a bucket name/);
    }
    expect(() => parseConfig({ ...s3, S3_ENDPOINT: 'minio:9000' })).toThrow(/S3_ENDPOINT/);
    expect(() => parseConfig({ ...s3, S3_REGION: 'Tehran 1' })).toThrow(/S3_REGION/);
    expect(() => parseConfig({ ...s3, S3_FORCE_PATH_STYLE: 'maybe' })).toThrow(/S3_FORCE_PATH_STYLE/);
  });

  it('refuses S3 settings without BLOB_STORE=s3, which would keep the files on this disk', () => {
    expect(() => parseConfig({ S3_BUCKET: 'miz-files', S3_ENDPOINT: 'http://minio:9000' })).toThrow(/S3_ENDPOINT, S3_BUCKET set but BLOB_STORE is local/);
  });
});

describe('the read replica (DATABASE_READ_URL)', () => {
  const primary = 'postgres://miz@db-primary:5432/miz';
  const standby = 'postgres://miz@db-standby:5432/miz';

  it('is off unless set; set, it names the standby and a lag bound of 5 s unless told', () => {
    expect(parseConfig({ DATABASE_URL: primary }).readReplica).toBeNull();
    expect(parseConfig({ DATABASE_URL: primary, DATABASE_READ_URL: ` ${standby} ` }).readReplica).toEqual({ url: standby, maxLagSeconds: 5 });
    expect(parseConfig({ DATABASE_URL: primary, DATABASE_READ_URL: standby, DATABASE_READ_MAX_LAG_SECONDS: '30' }).readReplica?.maxLagSeconds).toBe(30);
  });

  it('refuses a replica on the embedded SQLite database, saying PostgreSQL is needed', () => {
    expect(() => parseConfig({ DATABASE_READ_URL: standby })).toThrow(ConfigError);
    expect(() => parseConfig({ DATABASE_READ_URL: standby })).toThrow(/DATABASE_READ_URL needs PostgreSQL/);
  });

  it('refuses an address that is not PostgreSQL’s and a lag bound out of range, naming the variable', () => {
    expect(() => parseConfig({ DATABASE_URL: primary, DATABASE_READ_URL: 'mysql://db-standby/miz' })).toThrow(/DATABASE_READ_URL must start with postgres/);
    for (const bad of ['0', '601', '2.5', 'soon']) {
      expect(() => parseConfig({ DATABASE_URL: primary, DATABASE_READ_URL: standby, DATABASE_READ_MAX_LAG_SECONDS: bad }), bad).toThrow(/DATABASE_READ_MAX_LAG_SECONDS/);
    }
  });
});

describe('several workers and Redis (WORKERS, REDIS_URL, REDIS_KEY_PREFIX)', () => {
  const pg = { DATABASE_URL: 'postgres://miz@db.internal/miz' };

  it('is one process counting rate limits in memory by default', () => {
    expect(parseConfig({})).toMatchObject({ workers: 1, redisUrl: null, redisKeyPrefix: 'miz:' });
  });

  it('runs several workers on PostgreSQL with a Redis for the rate limits', () => {
    expect(parseConfig({ ...pg, WORKERS: '4', REDIS_URL: ' redis://127.0.0.1:6379 ', REDIS_KEY_PREFIX: 'isfahan:' })).toMatchObject({
      workers: 4, redisUrl: 'redis://127.0.0.1:6379', redisKeyPrefix: 'isfahan:',
    });
  });

  it.each([
    [{ ...pg, WORKERS: '2' }, /WORKERS=2 needs REDIS_URL/],
    [{ WORKERS: '2', REDIS_URL: 'redis://127.0.0.1:6379' }, /WORKERS=2 needs PostgreSQL/],
    [{ WORKERS: '0' }, /WORKERS/],
    [{ REDIS_URL: '127.0.0.1:6379' }, /REDIS_URL/],
    [{ REDIS_KEY_PREFIX: 'has space' }, /REDIS_KEY_PREFIX/],
  ])('refuses %o', (env, message) => {
    expect(() => parseConfig(env)).toThrow(ConfigError);
    expect(() => parseConfig(env)).toThrow(message);
  });
});
