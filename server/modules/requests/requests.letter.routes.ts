import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Ctx } from '../../platform/context.js';
import { actorOf, requirePermission, requireStaff } from '../../platform/auth.js';
import { IdParams, Nullable, NullableTimestamp, responses, Timestamp } from '../../platform/schemas.js';
import { sendLetter, Sha256 } from '../letters/index.js';
import { answerLetterStatus, downloadAnswerLetter } from './requests.letter.js';

export const LetterQuery = Type.Object(
  { print: Type.Optional(Type.Boolean({ description: 'The desk is printing a paper copy: audited as letter.print (one row per copy)' })) },
  { additionalProperties: false },
);

/** The case page's view of its answer letter. */
export const AnswerLetterStatus = Type.Object({
  serial: Nullable(Type.String({ description: "The letter's serial (شناسه نامه), reserved with the decision" })),
  serialGrouped: Nullable(Type.String({ description: 'The serial as printed, in groups of four: ABCD-EFGH-JKMN' })),
  letterNumber: Type.String(),
  issuedAt: Timestamp,
  status: Type.Enum(['pending', 'printed', 'failed'] as const, { description: 'pending: the letter job will print it shortly; failed: printing failed (a download tries again)' }),
  revoked: Type.Boolean(),
  revokedAt: NullableTimestamp,
  revokeReasonFa: Nullable(Type.String()),
  sha256: Nullable(Sha256),
  prints: Type.Integer({ description: 'Paper copies printed at the desk (letter.print audit rows)' }),
  verifyPath: Nullable(Type.String({ description: 'The public verification page, on this site' })),
  verifyUrl: Nullable(Type.String({ description: 'The public verification page as printed in the QR code' })),
  downloadUrl: Type.String(),
  printUrl: Type.String({ description: 'downloadUrl for printing: each GET is one audited copy' }),
});

/** The case's answer letter at the desk: download, print, status. Revocation and verification are the letters module's. */
export async function requestLetterRoutes(app: FastifyInstance, ctx: Ctx) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/api/requests/:id/letter',
    {
      preValidation: [requireStaff, requirePermission('request.read')],
      schema: {
        tags: ['letters'],
        summary:
          "The case's answer letter (PDF, A4); printed now if the letter job has not yet (202 with Retry-After while it is being printed). Scope-checked; audited as a download, or with print=true as a print (letter.print, one row per copy)",
        params: IdParams,
        querystring: LetterQuery,
        produces: ['application/pdf'],
      },
    },
    async (request, reply) => sendLetter(reply, await downloadAnswerLetter(ctx, actorOf(request), request.params.id, request.query.print ? 'print' : 'download')),
  );

  r.get(
    '/api/requests/:id/letter/status',
    {
      preValidation: [requireStaff, requirePermission('request.read')],
      schema: {
        tags: ['letters'],
        summary: "The case's answer letter as the case page shows it: serial and number (from the decision), printed yet or not, revoked, how many copies the desk printed",
        params: IdParams,
        response: responses({ 200: AnswerLetterStatus }),
      },
    },
    async (request) => answerLetterStatus(ctx, actorOf(request), request.params.id),
  );
}
