import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Ctx } from '../../platform/context.js';
import { requireStaff } from '../../platform/auth.js';
import { responses } from '../../platform/schemas.js';
import { MapSettings } from './maps.schemas.js';
import { mapSettings } from './maps.service.js';

export async function mapsRoutes(app: FastifyInstance, ctx: Ctx) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/api/map/settings',
    {
      preValidation: requireStaff,
      schema: { tags: ['maps'], summary: 'How to draw a map: tile address (null: none), its credit line, where to open and at what zoom', response: responses({ 200: MapSettings }) },
    },
    async () => mapSettings(ctx.config),
  );
}
