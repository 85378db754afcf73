import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Ctx } from '../../platform/context.js';
import { actorOf, requirePermission, requireStaff } from '../../platform/auth.js';
import { responses } from '../../platform/schemas.js';
import { fromReplica } from '../../platform/read-replica.js';
import { LetterVerification, RevokeBody, SerialParams } from './letters.schemas.js';
import { RETRY_AFTER_SECONDS, revokeLetter, verifyLetter, type LetterDownload } from './letters.service.js';

/**
 * A letter's PDF as downloaded: its hash in a header, so the copy can be checked against the
 * verification page. A letter being printed at this moment by another request or the letter job:
 * 202 with Retry-After (decision 0013).
 */
export function sendLetter(reply: FastifyReply, letter: LetterDownload) {
  if ('printing' in letter) {
    return reply
      .status(202)
      .header('retry-after', String(RETRY_AFTER_SECONDS))
      .header('cache-control', 'no-store')
      .send({ status: 'printing', retryAfterSeconds: RETRY_AFTER_SECONDS, message: 'The letter is being printed; ask again shortly', messageFa: 'نامه در حال آماده‌سازی است؛ چند لحظه بعد دوباره تلاش کنید' });
  }
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
    '/api/public/verify/:serial',
    {
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags: ['public'],
        summary: 'Verify a letter (a case\'s answer, an instant inquiry answer or an excavation permit) by the serial in its QR code (no sign-in): its facts, masked, whether it is revoked, and the SHA-256 of the issued PDF',
        security: [],
        params: SerialParams,
        response: responses({ 200: LetterVerification }),
      },
    },
    async (request) => fromReplica(ctx, request, (c) => verifyLetter(c, request.params.serial)),
  );

  r.post(
    '/api/letters/:serial/revoke',
    {
      preValidation: [requireStaff, requirePermission('letter.revoke')],
      schema: {
        tags: ['letters'],
        summary: "Revoke a letter of any kind (a case's answer, an instant inquiry answer, an excavation permit): the approver of the letter's district or the city admin, with the reason the verification page will show",
        params: SerialParams,
        body: RevokeBody,
        response: responses({ 200: LetterVerification }),
      },
    },
    async (request) => revokeLetter(ctx, actorOf(request), request.params.serial, request.body.reason),
  );
}
