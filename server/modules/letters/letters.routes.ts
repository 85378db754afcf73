import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Ctx } from '../../platform/context.js';
import { actorOf, requirePermission, requireStaff } from '../../platform/auth.js';
import { IdParams, responses } from '../../platform/schemas.js';
import { LetterVerification, RevokeBody, SerialParams } from './letters.schemas.js';
import { downloadAnswerLetter, revokeLetter, verifyLetter } from './letters.service.js';

/** A letter's PDF as downloaded: its hash in a header, so the copy can be checked against the verification page. */
export function sendLetter(reply: FastifyReply, letter: { bytes: Buffer; sha256: string; fileName: string }) {
  return reply
    .header('content-type', 'application/pdf')
    .header('content-disposition', `inline; filename="${letter.fileName}"`)
    .header('x-content-sha256', letter.sha256)
    .header('cache-control', 'private, no-store')
    .send(letter.bytes);
}

export async function lettersRoutes(app: FastifyInstance, ctx: Ctx) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/api/requests/:id/letter',
    {
      preHandler: [requireStaff, requirePermission('request.read')],
      schema: {
        tags: ['letters'],
        summary: "The case's answer letter (PDF); printed now if printing failed when the answer was issued. Scope-checked and audited",
        params: IdParams,
        produces: ['application/pdf'],
      },
    },
    async (request, reply) => sendLetter(reply, await downloadAnswerLetter(ctx, actorOf(request), request.params.id)),
  );

  r.get(
    '/api/public/verify/:serial',
    {
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags: ['public'],
        summary: 'Verify a letter (an answer or an excavation permit) by the serial in its QR code (no sign-in): its facts, masked, whether it is revoked, and the SHA-256 of the issued PDF',
        security: [],
        params: SerialParams,
        response: responses({ 200: LetterVerification }),
      },
    },
    async (request) => verifyLetter(ctx, request.params.serial),
  );

  r.post(
    '/api/letters/:serial/revoke',
    {
      preHandler: [requireStaff, requirePermission('letter.revoke')],
      schema: {
        tags: ['letters'],
        summary: "Revoke a letter (the district's approver or the city admin), with the reason the verification page will show",
        params: SerialParams,
        body: RevokeBody,
        response: responses({ 200: LetterVerification }),
      },
    },
    async (request) => revokeLetter(ctx, actorOf(request), request.params.serial, request.body.reason),
  );
}
