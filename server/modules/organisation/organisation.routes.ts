import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../platform/context.js';

export async function organisationRoutes(app: FastifyInstance, ctx: Ctx) {
  void app;
  void ctx;
}
