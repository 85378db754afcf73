import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Ctx } from '../../platform/context.js';
import { actorOf, requirePermission } from '../../platform/auth.js';
import { responses } from '../../platform/schemas.js';
import { AuditPage, AuditQuery, ChainReport } from './audit.schemas.js';
import { listAuditLog, verifyChain } from './audit.service.js';

export async function auditRoutes(app: FastifyInstance, ctx: Ctx) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/api/audit',
    {
      preValidation: requirePermission('audit.read'),
      schema: { tags: ['audit'], summary: 'The audit log, newest first', querystring: AuditQuery, response: responses({ 200: AuditPage }) },
    },
    async (request) => listAuditLog(ctx, actorOf(request), request.query),
  );

  r.get(
    '/api/audit/verify',
    {
      preValidation: requirePermission('audit.read'),
      schema: { tags: ['audit'], summary: 'Recompute the audit hash chain', response: responses({ 200: ChainReport }) },
    },
    async () => verifyChain(ctx),
  );
}
