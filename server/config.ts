/**
 * The only file that reads process.env. Parsed once at start, frozen; a bad value stops the
 * app with a message that names the variable.
 */
import path from 'node:path';
import { randomBytes } from 'node:crypto';

export interface Config {
  readonly port: number;
  readonly host: string;
  /** `postgres://...` selects PostgreSQL; otherwise the embedded SQLite file at `sqlitePath`. */
  readonly databaseUrl: string | null;
  /**
   * A streaming replica of that PostgreSQL database for the reads that may lag a little (dashboards,
   * lists, public lookups; platform/read-replica.ts, decision 0041), or null: everything on the primary.
   */
  readonly readReplica: { readonly url: string; readonly maxLagSeconds: number } | null;
  readonly sqlitePath: string;
  readonly dataDir: string;
  /** Where `npm run backup` writes (BACKUP_DIR; DATA_DIR/backups by default). */
  readonly backupDir: string;
  readonly logLevel: string;
  /** Mark the session cookie Secure (behind HTTPS). */
  readonly cookieSecure: boolean;
  readonly sessionHours: number;
  readonly seedDemo: boolean;
  /** With the demo seed: Jalali months of past cases before this one (plus this month so far); 0 = none. */
  readonly demoHistoryMonths: number;
  readonly trustProxy: boolean;
  /** A step is "at risk" once this share of its SLA time is used (0..1). */
  readonly atRiskShare: number;
  /** The desk's share of the fees it records, in percent; the rest is the municipality's (the monthly split). */
  readonly officeFeePercent: number;
  readonly sms:
    | { readonly provider: 'log'; readonly logFile: string }
    | { readonly provider: 'kavenegar'; readonly url: string; readonly apiKey: string; readonly sender: string | null };
  /** How often the notification worker looks at the outbox; 0 turns it off. */
  readonly notifyPollMs: number;
  readonly notifyMaxAttempts: number;
  /** How often late cases are escalated and the follow-up digest is checked; 0 turns both off. */
  readonly escalationPollMs: number;
  /**
   * The address citizens and notaries reach the app at; printed in the QR code of every letter.
   * Null when PUBLIC_BASE_URL is unset: then the address the server listens on (platform/baseUrl.ts).
   */
  readonly publicBaseUrl: string | null;
  /** How often the letter job looks for letters to print; 0 turns it off (downloads still print on demand). */
  readonly letterPollMs: number;
  /** How often the audit sealer chains the rows written since its last pass (decision 0036); 0 turns it off. */
  readonly auditSealMs: number;
  /** Key for hashing one-time codes. Several instances must share it (OTP_SECRET); otherwise one is made at start. */
  readonly otpSecret: string;
  /** Hosts a webhook may reach although they are not public addresses (WEBHOOK_ALLOWED_HOSTS, comma-separated). */
  readonly webhookAllowedHosts: readonly string[];
  /** Port of the Prometheus scrape endpoint (GET /metrics), apart from the app's; 0 turns it off (decision 0024). */
  readonly metricsPort: number;
  /** Address the metrics listener binds to: the machine itself unless said otherwise. */
  readonly metricsHost: string;
  /**
   * Travel times for the inspection planner (platform/routing/routing.travel.ts): a routing server's
   * `table` service when OSRM_URL is set, otherwise great-circle distance × detourFactor at speedKmh.
   */
  readonly routing: {
    readonly speedKmh: number;
    readonly detourFactor: number;
    readonly osrmUrl: string | null;
  };
  /** The map of the day and the desk's location picker (issue 13). */
  readonly map: MapConfig;
  /** Where document and letter bytes are kept (platform/storage.ts, decision 0039). */
  readonly blobStore: BlobStoreConfig;
  /**
   * Where the rate-limit counters live (REDIS_URL): a Redis server every app server shares, or
   * null for each process's own memory (one process only: see `workers`). Decision 0038.
   */
  readonly redisUrl: string | null;
  /** Put before every Redis key this app writes (REDIS_KEY_PREFIX): several deployments or test runs may share one Redis. */
  readonly redisKeyPrefix: string;
  /** Processes `npm start` serves with on one port (WORKERS, Node's cluster module); above 1 needs REDIS_URL and PostgreSQL. */
  readonly workers: number;
  /** Public tracking lookups one address may make a minute (PUBLIC_LOOKUP_RATE_LIMIT); the benchmark raises it. */
  readonly publicLookupRateLimit: number;
  /**
   * BENCH_ROUTES=1: serve the bare routes `npm run bench` compares every path with (one indexed read,
   * one insert; server/platform/bench-routes.ts). Never on in production.
   */
  readonly benchRoutes: boolean;
}

/**
 * Local disk (DATA_DIR/files) for one server; an S3-compatible bucket (MinIO, Ceph, a cloud's
 * object store) when several servers must see the same files.
 */
export type BlobStoreConfig =
  | { readonly kind: 'local'; readonly dir: string }
  | {
      readonly kind: 's3';
      /** The service's address; null for Amazon S3 itself (the region's endpoint). */
      readonly endpoint: string | null;
      readonly region: string;
      readonly bucket: string;
      readonly accessKeyId: string;
      readonly secretAccessKey: string;
      /** `endpoint/bucket/key` instead of `bucket.endpoint/key`: what most self-hosted servers expect. */
      readonly forcePathStyle: boolean;
    };

export interface MapConfig {
  /** Leaflet tile template (`{z}/{x}/{y}`, optionally `{s}`); null (MAP_TILE_URL=none) draws on a plain background. */
  readonly tileUrl: string | null;
  readonly attribution: string;
  /** Where a map with nothing on it opens: [latitude, longitude]. */
  readonly center: readonly [number, number];
  readonly zoom: number;
  /** The Content-Security-Policy source the tiles are loaded from (`https://*.tile.example.org`); null without tiles. */
  readonly tileSource: string | null;
}

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}; got "${raw}"`);
  }
  return n;
}

/** A decimal number (a speed, a factor), unlike `int`. */
function num(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min || n > max) {
    throw new ConfigError(`${name} must be a number from ${min} to ${max}; got "${raw}"`);
  }
  return n;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${name} must be true or false; got "${raw}"`);
}

export function parseConfig(env: Env = process.env): Config {
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with postgres:// (leave it unset for the embedded SQLite database)');
  }
  const readUrl = env.DATABASE_READ_URL?.trim() || null;
  if (readUrl && !databaseUrl) {
    throw new ConfigError('DATABASE_READ_URL needs PostgreSQL: set DATABASE_URL to the primary as well (the embedded SQLite database has no replicas)');
  }
  if (readUrl && !/^postgres(ql)?:\/\//.test(readUrl)) {
    throw new ConfigError('DATABASE_READ_URL must start with postgres:// (a streaming replica of the DATABASE_URL database)');
  }
  const dataDir = path.resolve(env.DATA_DIR || 'data');
  const redisUrl = redisUrlOf(env);
  const workers = int(env, 'WORKERS', 1, 1, 64);
  if (workers > 1 && redisUrl === null) {
    throw new ConfigError(`WORKERS=${workers} needs REDIS_URL: without it each worker counts the rate limits on its own, and a caller gets ${workers} times the limit`);
  }
  // Two processes writing one SQLite file: a transaction that read before the other wrote is refused (SQLITE_BUSY), not retried.
  if (workers > 1 && databaseUrl === null) throw new ConfigError(`WORKERS=${workers} needs PostgreSQL (DATABASE_URL): the embedded SQLite database is for one process`);
  const levels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
  const logLevel = env.LOG_LEVEL || 'info';
  if (!levels.includes(logLevel)) throw new ConfigError(`LOG_LEVEL must be one of ${levels.join(', ')}`);
  return Object.freeze({
    port: int(env, 'PORT', 3000, 1, 65535),
    host: env.HOST || '0.0.0.0',
    databaseUrl,
    readReplica: readUrl ? Object.freeze({ url: readUrl, maxLagSeconds: int(env, 'DATABASE_READ_MAX_LAG_SECONDS', 5, 1, 600) }) : null,
    sqlitePath: path.resolve(env.SQLITE_PATH || path.join(dataDir, 'miz-e-khedmat.sqlite')),
    dataDir,
    backupDir: path.resolve(env.BACKUP_DIR || path.join(dataDir, 'backups')),
    logLevel,
    cookieSecure: bool(env, 'COOKIE_SECURE', false),
    sessionHours: int(env, 'SESSION_HOURS', 12, 1, 24 * 30),
    seedDemo: bool(env, 'SEED_DEMO', true),
    demoHistoryMonths: int(env, 'DEMO_HISTORY_MONTHS', 2, 0, 24),
    trustProxy: bool(env, 'TRUST_PROXY', false),
    atRiskShare: int(env, 'AT_RISK_PERCENT', 75, 1, 99) / 100,
    officeFeePercent: int(env, 'OFFICE_FEE_PERCENT', 30, 0, 100),
    sms: smsConfig(env, dataDir),
    notifyPollMs: int(env, 'NOTIFY_POLL_MS', 5000, 0, 3_600_000),
    notifyMaxAttempts: int(env, 'NOTIFY_MAX_ATTEMPTS', 6, 1, 50),
    escalationPollMs: int(env, 'ESCALATION_POLL_MS', 60_000, 0, 3_600_000),
    publicBaseUrl: publicBaseUrl(env),
    letterPollMs: int(env, 'LETTER_POLL_MS', 1000, 0, 3_600_000),
    auditSealMs: int(env, 'AUDIT_SEAL_MS', 1000, 0, 3_600_000),
    otpSecret: otpSecret(env),
    metricsPort: int(env, 'METRICS_PORT', 9464, 0, 65535),
    metricsHost: env.METRICS_HOST || '127.0.0.1',
    routing: Object.freeze({
      speedKmh: num(env, 'ROUTING_SPEED_KMH', 25, 1, 120),
      detourFactor: num(env, 'ROUTING_DETOUR_FACTOR', 1.35, 1, 3),
      osrmUrl: httpUrl(env, 'OSRM_URL', 'http://osrm.internal:5000'),
    }),
    map: mapConfig(env),
    blobStore: blobStoreConfig(env, dataDir),
    publicLookupRateLimit: int(env, 'PUBLIC_LOOKUP_RATE_LIMIT', 20, 1, 10_000_000),
    benchRoutes: bool(env, 'BENCH_ROUTES', false),
    webhookAllowedHosts: Object.freeze((env.WEBHOOK_ALLOWED_HOSTS ?? '').split(',').map((h) => h.trim().toLowerCase()).filter(Boolean)),
    redisUrl,
    redisKeyPrefix: redisKeyPrefix(env),
    workers,
  });
}

function redisUrlOf(env: Env): string | null {
  const raw = env.REDIS_URL?.trim();
  if (raw === undefined || raw === '') return null;
  if (!/^rediss?:\/\/[^/]/.test(raw)) throw new ConfigError(`REDIS_URL must be a redis:// or rediss:// address such as redis://127.0.0.1:6379; got "${raw}"`);
  return raw;
}

function redisKeyPrefix(env: Env): string {
  const raw = env.REDIS_KEY_PREFIX ?? 'miz:';
  if (!/^[A-Za-z0-9:_.-]{1,64}$/.test(raw)) throw new ConfigError(`REDIS_KEY_PREFIX must be 1-64 letters, digits or :_.- ; got "${raw}"`);
  return raw;
}

function otpSecret(env: Env): string {
  const s = env.OTP_SECRET;
  if (s === undefined || s === '') return randomBytes(32).toString('hex');
  if (s.length < 32) throw new ConfigError('OTP_SECRET must be at least 32 characters');
  return s;
}

function publicBaseUrl(env: Env): string | null {
  return httpUrl(env, 'PUBLIC_BASE_URL', 'https://mizekhedmat.isfahan.ir');
}

/** An http(s) address without its trailing slash, or null when unset; `example` goes into the message. */
function httpUrl(env: Env, name: string, example: string): string | null {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be an http(s) address such as ${example}; got "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError(`${name} must start with http:// or https://; got "${raw}"`);
  return raw.replace(/\/+$/, '');
}

export const DEFAULT_TILE_URL = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
export const DEFAULT_TILE_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors';

function mapConfig(env: Env): MapConfig {
  const raw = env.MAP_TILE_URL?.trim() || DEFAULT_TILE_URL;
  const tileUrl = raw.toLowerCase() === 'none' ? null : raw;
  const tileSource = tileUrl === null ? null : tileSourceOf(tileUrl);
  const center = (env.MAP_CENTER?.trim() || '32.6546,51.6680').split(',').map((part) => Number(part.trim()));
  const [lat, lng] = center;
  if (center.length !== 2 || !Number.isFinite(lat) || !Number.isFinite(lng) || Math.abs(lat!) > 90 || Math.abs(lng!) > 180) {
    throw new ConfigError(`MAP_CENTER must be "latitude,longitude" such as 32.6546,51.6680; got "${env.MAP_CENTER}"`);
  }
  return Object.freeze({
    tileUrl,
    attribution: env.MAP_TILE_ATTRIBUTION?.trim() || DEFAULT_TILE_ATTRIBUTION,
    center: Object.freeze([lat!, lng!] as const),
    zoom: int(env, 'MAP_ZOOM', 12, 1, 19),
    tileSource,
  });
}

/**
 * Where the browser may load tiles from, for the Content-Security-Policy's img-src: the template's
 * origin, with a `{s}` (Leaflet's subdomains) in the host read as any subdomain.
 */
function tileSourceOf(template: string): string {
  const bad = () => new ConfigError(`MAP_TILE_URL must be an http(s) tile address with {z}, {x} and {y} such as ${DEFAULT_TILE_URL}, or none; got "${template}"`);
  if (!['{z}', '{x}', '{y}'].every((part) => template.includes(part))) throw bad();
  let url: URL;
  try {
    url = new URL(template.replaceAll('{s}', 'subdomain').replace(/\{[a-z]+\}/gi, '0'));
  } catch {
    throw bad();
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw bad();
  const host = template.includes('{s}') ? url.host.replace(/^subdomain\./, '*.') : url.host;
  if (host.includes('subdomain')) throw bad(); // {s} anywhere but the first label of the host
  return `${url.protocol}//${host}`;
}

const S3_VARIABLES = ['S3_ENDPOINT', 'S3_REGION', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY', 'S3_FORCE_PATH_STYLE'] as const;

function blobStoreConfig(env: Env, dataDir: string): BlobStoreConfig {
  const kind = env.BLOB_STORE?.trim() || 'local';
  if (kind === 'local') {
    // An S3 setting without BLOB_STORE=s3 would quietly keep the files on this server's disk.
    const stray = S3_VARIABLES.filter((name) => env[name]?.trim());
    if (stray.length > 0) throw new ConfigError(`${stray.join(', ')} set but BLOB_STORE is local; set BLOB_STORE=s3 to keep files in the bucket, or unset them`);
    return Object.freeze({ kind, dir: path.join(dataDir, 'files') });
  }
  if (kind !== 's3') throw new ConfigError(`BLOB_STORE must be local or s3; got "${kind}"`);
  const required = (name: (typeof S3_VARIABLES)[number]) => {
    const value = env[name]?.trim();
    if (!value) throw new ConfigError(`${name} is required when BLOB_STORE=s3`);
    return value;
  };
  const bucket = required('S3_BUCKET');
  // S3's own naming rules, which self-hosted servers follow too: a bad name fails here, not at the first upload.
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket) || bucket.includes('..')) {
    throw new ConfigError(`S3_BUCKET must be a bucket name of 3 to 63 lower-case letters, digits, dots and hyphens; got "${bucket}"`);
  }
  const region = env.S3_REGION?.trim() || 'us-east-1';
  if (!/^[a-z0-9-]+$/.test(region)) throw new ConfigError(`S3_REGION must be a region name such as us-east-1 or ir-thr-at1; got "${region}"`);
  const endpoint = httpUrl(env, 'S3_ENDPOINT', 'http://minio.internal:9000');
  return Object.freeze({
    kind,
    endpoint,
    region,
    bucket,
    accessKeyId: required('S3_ACCESS_KEY_ID'),
    secretAccessKey: required('S3_SECRET_ACCESS_KEY'),
    // A self-hosted server (an endpoint given) is usually reached by path; Amazon's own by host name.
    forcePathStyle: bool(env, 'S3_FORCE_PATH_STYLE', endpoint !== null),
  });
}

function smsConfig(env: Env, dataDir: string): Config['sms'] {
  const provider = env.SMS_PROVIDER || 'log';
  if (provider === 'log') return Object.freeze({ provider, logFile: path.resolve(env.SMS_LOG_FILE || path.join(dataDir, 'sms.log')) });
  if (provider !== 'kavenegar') throw new ConfigError(`SMS_PROVIDER must be log or kavenegar; got "${provider}"`);
  if (!env.KAVENEGAR_API_KEY) throw new ConfigError('KAVENEGAR_API_KEY is required when SMS_PROVIDER=kavenegar');
  return Object.freeze({
    provider,
    url: (env.KAVENEGAR_URL || 'https://api.kavenegar.com').replace(/\/$/, ''),
    apiKey: env.KAVENEGAR_API_KEY,
    sender: env.KAVENEGAR_SENDER || null,
  });
}
