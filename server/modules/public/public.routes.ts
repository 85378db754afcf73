import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../platform/context.js';

export async function publicRoutes(app: FastifyInstance, ctx: Ctx) {
  void app;
  void ctx;
}
