/**
 * The bare routes `npm run bench` measures every path against (decision 0037), served only with
 * BENCH_ROUTES=1 (config.benchRoutes): the least a route of this server can do over HTTP on the same
 * database, in the same run. Each has a schema like any route (validated input, serialised output),
 * and no sign-in, audit or business rule: what a path costs beyond that is its own.
 *   GET  /api/bench/read/:trackingCode  one SELECT by the tracking code's unique index
 *   POST /api/bench/insert              one INSERT into `bench_inserts`, a table of their own
 * and the bench's profiler (BENCH_PROFILE): the server's own CPU profile over one scenario's load.
 *   POST /api/bench/profile/start       starts V8's sampling profiler in this process
 *   POST /api/bench/profile/stop        stops it and writes DATA_DIR/profiles/<name>.cpuprofile
 */
import fs from 'node:fs';
import path from 'node:path';
import { Session } from 'node:inspector/promises';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Ctx } from './context.js';
import { AppError, notFound } from './errors.js';
import { newId } from './ids.js';

type BenchTables = {
  bench_inserts: { id: string; note: string; created_at: string };
};

const schema = { hide: true, security: [] };

export async function benchRoutes(app: FastifyInstance, ctx: Ctx): Promise<void> {
  const db = ctx.db.withTables<BenchTables>();
  // Made here, not by a migration: it exists only in a database a server with the flag has used.
  await db.schema
    .createTable('bench_inserts')
    .ifNotExists()
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/api/bench/read/:trackingCode',
    {
      schema: {
        ...schema,
        params: Type.Object({ trackingCode: Type.String({ maxLength: 20 }) }),
        response: { 200: Type.Object({ id: Type.String(), trackingCode: Type.String(), state: Type.String() }) },
      },
    },
    async (request) => {
      const row = await db
        .selectFrom('requests')
        .select(['id', 'tracking_code', 'state'])
        .where('tracking_code', '=', request.params.trackingCode)
        .executeTakeFirst();
      if (!row) throw notFound();
      return { id: row.id, trackingCode: row.tracking_code, state: row.state };
    },
  );
  r.post(
    '/api/bench/insert',
    {
      schema: {
        ...schema,
        body: Type.Object({ note: Type.String({ maxLength: 200 }) }, { additionalProperties: false }),
        response: { 201: Type.Object({ id: Type.String() }) },
      },
    },
    async (request, reply) => {
      const id = newId();
      await db.insertInto('bench_inserts').values({ id, note: request.body.note, created_at: ctx.clock.now().toISOString() }).execute();
      return reply.status(201).send({ id });
    },
  );
  const profiler = new Session();
  profiler.connect();
  let profiling = false;
  r.post('/api/bench/profile/start', { schema: { ...schema, response: { 200: Type.Object({ profiling: Type.Boolean() }) } } }, async () => {
    if (profiling) throw new AppError('CONFLICT', { message: 'The profiler is already running', messageFa: 'نمایه‌گیر در حال کار است' });
    await profiler.post('Profiler.enable');
    await profiler.post('Profiler.start');
    profiling = true;
    return { profiling };
  });
  r.post(
    '/api/bench/profile/stop',
    {
      schema: {
        ...schema,
        body: Type.Object({ name: Type.String({ pattern: '^[A-Za-z0-9-]{1,64}$' }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ path: Type.String() }) },
      },
    },
    async (request) => {
      if (!profiling) throw new AppError('CONFLICT', { message: 'The profiler is not running', messageFa: 'نمایه‌گیر روشن نیست' });
      const { profile } = await profiler.post('Profiler.stop');
      profiling = false;
      const dir = path.join(ctx.config.dataDir, 'profiles');
      fs.mkdirSync(dir, { recursive: true });
      const file = path.join(dir, `${request.body.name}.cpuprofile`);
      fs.writeFileSync(file, JSON.stringify(profile));
      return { path: file };
    },
  );
}
