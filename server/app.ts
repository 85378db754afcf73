/**
 * buildApp(config, deps): plugins and modules. main.ts and the tests both call this.
 */
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import AjvCompiler from '@fastify/ajv-compiler';
import SerializerSelector from '@fastify/fast-json-stringify-compiler';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { sql } from 'kysely';
import type { Config } from './config.js';
import type { Db } from './db/database.js';
import { systemClock, type Clock } from './platform/clock.js';
import type { Ctx } from './platform/context.js';
import { blobStoreFrom, type BlobStore } from './platform/storage.js';
import { chromiumPrinter, type PdfPrinter } from './platform/pdf.js';
import { processPrinter } from './platform/pdf-process.js';
import { frameworkErrors, registerHttpEdge } from './platform/http.js';
import { listenUrl } from './platform/baseUrl.js';
import { registerAuth } from './platform/auth.js';
import { registerBrowserGuards } from './platform/browser-guard.js';
import { registerRateLimit } from './platform/rate-limit.js';
import { ErrorResponse } from './platform/schemas.js';
import { readReplica, registerReadReplica } from './platform/read-replica.js';
import { authRoutes } from './modules/auth/index.js';
import { personsRoutes } from './modules/persons/index.js';
import { propertiesRoutes } from './modules/properties/index.js';
import { organisationRoutes } from './modules/organisation/index.js';
import { catalogRoutes, validateCatalog } from './modules/catalog/index.js';
import { calendarRoutes } from './modules/calendar/index.js';
import { auditRoutes } from './modules/audit/index.js';
import { requestLetterRoutes, requestsRoutes } from './modules/requests/index.js';
import { publicRoutes } from './modules/public/index.js';
import { registerWebApp } from './platform/static.js';
import { inspectionsRoutes } from './modules/inspections/index.js';
import { documentsRoutes } from './modules/documents/index.js';
import { followupRoutes } from './modules/followup/index.js';
import { notificationsRoutes, smsProviderFrom } from './modules/notifications/index.js';
import type { SmsProvider } from './platform/sms.js';
import { citizenRoutes } from './modules/citizen/index.js';
import { clientsApiRoutes, clientsRoutes } from './modules/clients/index.js';
import { inquiriesRoutes } from './modules/inquiries/index.js';
import { lettersRoutes } from './modules/letters/index.js';
import { excavationsRoutes } from './modules/excavations/index.js';
import { isOpen311Url, open311FrameworkErrors, open311Routes } from './modules/open311/index.js';
import { planningRoutes } from './modules/planning/index.js';
import { dashboardsRoutes } from './modules/dashboards/index.js';
import { mapsRoutes } from './modules/maps/index.js';
import { canonicalKeyword } from './platform/canonical.js';
import { boundDateFormats } from './platform/validation.js';
import { loggerOptions, registerRequestIds } from './platform/logging.js';
import { registerMetrics } from './platform/metrics.js';
import type { Registry } from 'prom-client';
import type { DestinationStream } from 'pino';
import { travelFromConfig, type TravelTimes } from './platform/routing/index.js';
import { benchRoutes } from './platform/bench-routes.js';

export interface AppDeps {
  db: Db;
  /** The read replica's pool (main.ts makes it from DATABASE_READ_URL); used only with `config.readReplica`. */
  readDb?: Db;
  clock?: Clock;
  files?: BlobStore;
  sms?: SmsProvider;
  pdf?: PdfPrinter;
  /** Print in a process of its own started from this module (main.ts: dist/server/pdf-child.mjs), when `pdf` is not given; in this process otherwise. */
  pdfProcess?: string;
  /** Travel times for the visit planner (the configured one if not given). */
  travel?: TravelTimes;
  /** Where log lines go (standard output if not given); tests capture them here. */
  logStream?: DestinationStream;
}

export function createCtx(config: Config, deps: AppDeps, log: FastifyBaseLogger | null = null): Ctx {
  const clock = deps.clock ?? systemClock;
  return {
    db: deps.db,
    replica: config.readReplica && deps.readDb ? readReplica(deps.db, deps.readDb, { maxLagSeconds: config.readReplica.maxLagSeconds, clock, log }) : null,
    clock,
    config,
    files: deps.files ?? blobStoreFrom(config.blobStore),
    sms: deps.sms ?? smsProviderFrom(config),
    pdf: deps.pdf ?? (deps.pdfProcess ? processPrinter(deps.pdfProcess, log) : chromiumPrinter(log)),
    travel: deps.travel ?? travelFromConfig(config.routing),
    servedAt: { url: null },
  };
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The services' context of this app (main.ts runs the background work with it; tests run jobs with it). */
    ctx: Ctx;
    /** Prometheus metrics of this app; main.ts serves them on METRICS_PORT. */
    metrics: Registry;
    /** Every route this app serves, as registered ("GET /api/requests/:id"); the permission matrix needs an entry for each. */
    servedRoutes: readonly string[];
  }
}

/**
 * The route schemas' compilers, one pair per process instead of one per app. Fastify's own are the
 * same two, made anew by each `Fastify()`: an app then compiles every route's validator (Ajv) and
 * response serializer (fast-json-stringify) again, about half a second. The server builds one
 * app, but a test worker builds one per test file (decision 0029), and the schemas are the same
 * module-level objects each time: Ajv's pool keeps one instance per set of shared schemas and
 * options, and caches what it compiled by schema object; the serializers are kept the same way here.
 * Given as factories, Fastify compiles header schemas as written, without lower-casing their keys:
 * ours are lower-case already (`idempotency-key`), as a header schema must be.
 */
const validatorFactory = AjvCompiler();
const serializerFactory: SerializerSelector.SerializerFactory = (() => {
  const select = SerializerSelector();
  const byShared = new Map<string, WeakMap<object, SerializerSelector.Serializer>>();
  return (externalSchemas, options) => {
    const compile = select(externalSchemas, options);
    const key = JSON.stringify([externalSchemas, options]);
    const compiled = byShared.get(key) ?? new WeakMap<object, SerializerSelector.Serializer>();
    byShared.set(key, compiled);
    return (route) => {
      // A response schema is an object (TypeBox); anything else is compiled each time, as Fastify would.
      const schema = route.schema;
      if (typeof schema !== 'object' || schema === null) return compile(route);
      const known = compiled.get(schema);
      if (known) return known;
      const serializer = compile(route);
      compiled.set(schema, serializer);
      return serializer;
    };
  };
})();

export async function buildApp(config: Config, deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    ...loggerOptions(config, deps.logStream),
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    // Before any route: an Open311 caller gets the spec's error document, everyone else the product's one shape.
    frameworkErrors: (error, request, reply) => (isOpen311Url(request.url) ? open311FrameworkErrors : frameworkErrors)(error, request, reply),
    ajv: {
      customOptions: { allErrors: true, removeAdditional: false, coerceTypes: 'array', useDefaults: true },
      plugins: [canonicalKeyword],
      onCreate: boundDateFormats,
    },
    schemaController: { compilersFactory: { buildValidator: validatorFactory, buildSerializer: serializerFactory } },
  });
  const ctx = createCtx(config, deps, app.log);
  app.decorate('ctx', ctx);
  // First, so it sees every route (plugins' too): server/test/permissions.matrix.ts declares who may reach each.
  const servedRoutes: string[] = [];
  app.decorate('servedRoutes', servedRoutes);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) servedRoutes.push(`${method} ${route.url}`);
    // Node gives header names lower-cased and our compilers take header schemas as written (above).
    const headers = (route.schema?.headers ?? {}) as { properties?: Record<string, unknown> };
    const upper = Object.keys(headers.properties ?? {}).find((name) => name !== name.toLowerCase());
    if (upper) throw new Error(`${route.url}: header schema key "${upper}" must be lower-case`);
  });
  app.addHook('onClose', () => ctx.pdf.close());
  // Letters point at PUBLIC_BASE_URL, or else at the address this server really listens on (platform/baseUrl.ts).
  app.addHook('onListen', async () => {
    ctx.servedAt.url = listenUrl(app.server.address());
  });

  app.decorate('metrics', registerMetrics(app, ctx));
  registerRequestIds(app);

  app.addSchema(ErrorResponse);
  registerHttpEdge(app);
  await registerBrowserGuards(app, config);
  await app.register(cookie);
  await registerRateLimit(app, config);
  await app.register(swagger, {
    // Shared schemas keep their $id as their component name (ErrorResponse, not def-0): the web
    // client's generated types read as the API is documented.
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Miz-e Khedmat API (میز خدمت)',
        version: '0.1.0',
        description: 'Municipal urban-planning service desks: property files, requests, inspections, district decisions.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'mk_session' },
          apiKey: { type: 'http', scheme: 'bearer', description: 'An API key issued to your organisation: Authorization: Bearer mk_...' },
          open311: { type: 'apiKey', in: 'query', name: 'api_key', description: 'Open311: your API key (scope open311) as the api_key parameter, in the form body or the query' },
        },
      },
      security: [{ session: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  registerAuth(app, ctx);
  registerReadReplica(app, ctx);

  app.get(
    '/healthz',
    { schema: { tags: ['health'], summary: 'Liveness and database check', security: [] } },
    async (_request, reply) => {
      try {
        await sql`select 1`.execute(ctx.db);
        return { status: 'ok', database: 'ok' };
      } catch {
        return reply.status(503).send({ status: 'unavailable', database: 'unreachable' });
      }
    },
  );

  await validateCatalog(ctx.db);
  await app.register(async (scoped) => authRoutes(scoped, ctx));
  await app.register(async (scoped) => personsRoutes(scoped, ctx));
  await app.register(async (scoped) => propertiesRoutes(scoped, ctx));
  await app.register(async (scoped) => organisationRoutes(scoped, ctx));
  await app.register(async (scoped) => catalogRoutes(scoped, ctx));
  await app.register(async (scoped) => calendarRoutes(scoped, ctx));
  await app.register(async (scoped) => auditRoutes(scoped, ctx));
  await app.register(async (scoped) => requestsRoutes(scoped, ctx));
  await app.register(async (scoped) => publicRoutes(scoped, ctx));
  await app.register(async (scoped) => inspectionsRoutes(scoped, ctx));
  await app.register(async (scoped) => documentsRoutes(scoped, ctx));
  await app.register(async (scoped) => followupRoutes(scoped, ctx));
  await app.register(async (scoped) => notificationsRoutes(scoped, ctx));
  await app.register(async (scoped) => citizenRoutes(scoped, ctx));
  await app.register(async (scoped) => clientsRoutes(scoped, ctx));
  await app.register(async (scoped) => inquiriesRoutes(scoped, ctx));
  await app.register(async (scoped) => clientsApiRoutes(scoped, ctx));
  await app.register(async (scoped) => requestLetterRoutes(scoped, ctx));
  await app.register(async (scoped) => lettersRoutes(scoped, ctx));
  await app.register(async (scoped) => excavationsRoutes(scoped, ctx));
  await app.register(async (scoped) => open311Routes(scoped, ctx));
  await app.register(async (scoped) => dashboardsRoutes(scoped, ctx));
  await app.register(async (scoped) => planningRoutes(scoped, ctx));
  await app.register(async (scoped) => mapsRoutes(scoped, ctx));
  // The benchmark's bare routes (decision 0037): only when BENCH_ROUTES says so, never by default.
  if (config.benchRoutes) await app.register(async (scoped) => benchRoutes(scoped, ctx));
  // The built web app (staff SPA and the public /track page); API paths keep their JSON 404s.
  await registerWebApp(app);
  return app;
}
