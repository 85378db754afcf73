/**
 * Sending an SMS, as the services see it (Ctx.sms: one-time codes) and as the outbox worker uses
 * it. The concrete providers (Kavenegar-compatible HTTP, a log file) are the notifications
 * module's (`modules/notifications/sms.ts`); app.ts picks one from the config.
 *
 * `send` must be idempotent per key: the worker may send the same message again after a crash
 * between sending and recording it, and the provider must not deliver it twice.
 */
export interface SmsMessage {
  to: string;
  text: string;
  /** One per outbox event: the provider drops a second send with the same key. */
  idempotencyKey: string;
}

export interface SmsProvider {
  send(message: SmsMessage): Promise<{ providerMessageId: string }>;
}

/** The provider could not be reached or refused the message: worth trying again later. */
export class SmsSendError extends Error {}
