import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../../platform/context.js';

export async function calendarRoutes(app: FastifyInstance, ctx: Ctx) {
  void app;
  void ctx;
}
