import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Ctx } from '../../platform/context.js';
import { actorOf, requirePermission } from '../../platform/auth.js';
import { responses } from '../../platform/schemas.js';
import { contentDisposition } from '../../platform/http.js';
import { fromReplica } from '../../platform/read-replica.js';
import { ExportQuery, Figures, FiguresQuery, ReportQuery } from './dashboards.schemas.js';
import { exportTable, figures } from './dashboards.service.js';
import { monthlyReport } from './dashboards.report.js';

function sendFile(reply: FastifyReply, file: { bytes: Buffer; fileName: string; asciiFileName: string; contentType: string }, disposition: 'attachment' | 'inline') {
  return reply
    .header('content-type', file.contentType)
    .header('content-disposition', contentDisposition(disposition, file.fileName, file.asciiFileName))
    .header('cache-control', 'private, no-store')
    .send(file.bytes);
}

export async function dashboardsRoutes(app: FastifyInstance, ctx: Ctx) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const read = requirePermission('dashboards.read');
  const tags = ['dashboards'];

  r.get(
    '/api/dashboards/figures',
    {
      preValidation: read,
      schema: {
        tags,
        summary: "The city's figures for a range of Tehran dates (default: this Jalali month): eleven tables, each with its chart; district managers see their district",
        querystring: FiguresQuery,
        response: responses({ 200: Figures }),
      },
    },
    async (request) => fromReplica(ctx, request, (c) => figures(c, actorOf(request), request.query)),
  );

  r.get(
    '/api/dashboards/export.csv',
    {
      preValidation: read,
      schema: { tags, summary: 'One table of the figures as CSV (UTF-8 with BOM, ASCII digits)', querystring: ExportQuery, produces: ['text/csv'] },
    },
    async (request, reply) => sendFile(reply, await fromReplica(ctx, request, (c) => exportTable(c, actorOf(request), request.query, 'csv')), 'attachment'),
  );

  r.get(
    '/api/dashboards/export.xlsx',
    {
      preValidation: read,
      schema: {
        tags, summary: 'One table of the figures as an Excel sheet (right to left, numbers as numbers)', querystring: ExportQuery,
        produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      },
    },
    async (request, reply) => sendFile(reply, await fromReplica(ctx, request, (c) => exportTable(c, actorOf(request), request.query, 'xlsx')), 'attachment'),
  );

  r.get(
    '/api/dashboards/report.pdf',
    {
      preValidation: read,
      schema: { tags, summary: 'The monthly report (PDF, Persian) of a Jalali month, for the city or one district', querystring: ReportQuery, produces: ['application/pdf'] },
    },
    async (request, reply) => sendFile(reply, { ...(await fromReplica(ctx, request, (c) => monthlyReport(c, actorOf(request), request.query))), contentType: 'application/pdf' }, 'inline'),
  );
}
