/**
 * The SMS providers (the interface is platform/sms.ts). Each honours the idempotency key: a
 * second send with a key it has seen delivers nothing.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../../config.js';
import { SmsSendError, type SmsProvider } from '../../platform/sms.js';

/**
 * Kavenegar-compatible HTTP API: POST {url}/v1/{apiKey}/sms/send.json with receptor, message,
 * sender and localid. Kavenegar does not send a second message with a localid it has seen.
 */
export function kavenegarProvider(cfg: { url: string; apiKey: string; sender: string | null }, fetchImpl: typeof fetch = fetch): SmsProvider {
  return {
    async send(m) {
      const body = new URLSearchParams({ receptor: m.to, message: m.text, localid: m.idempotencyKey });
      if (cfg.sender) body.set('sender', cfg.sender);
      let res: Response;
      try {
        res = await fetchImpl(`${cfg.url}/v1/${encodeURIComponent(cfg.apiKey)}/sms/send.json`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body,
          signal: AbortSignal.timeout(10_000),
        });
      } catch (e) {
        throw new SmsSendError(`SMS provider unreachable: ${(e as Error).message}`);
      }
      const json = (await res.json().catch(() => null)) as { return?: { status?: number; message?: string }; entries?: { messageid?: number | string }[] } | null;
      if (!res.ok || json?.return?.status !== 200) {
        throw new SmsSendError(`SMS provider refused: HTTP ${res.status} ${json?.return?.message ?? ''}`.trim());
      }
      return { providerMessageId: String(json.entries?.[0]?.messageid ?? '') };
    },
  };
}

/** Development: messages are appended to a log file as JSON lines; a key already in the file is not written again. */
export function logFileProvider(file: string): SmsProvider {
  return {
    async send(m) {
      await fs.mkdir(path.dirname(file), { recursive: true });
      const existing = await fs.readFile(file, 'utf8').catch(() => '');
      for (const line of existing.split('\n')) {
        if (!line) continue;
        const sent = JSON.parse(line) as { key: string; id: string };
        if (sent.key === m.idempotencyKey) return { providerMessageId: sent.id };
      }
      const id = `log-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
      await fs.appendFile(file, `${JSON.stringify({ id, key: m.idempotencyKey, to: m.to, text: m.text, at: new Date().toISOString() })}\n`);
      return { providerMessageId: id };
    },
  };
}

export function smsProviderFrom(config: Config): SmsProvider {
  return config.sms.provider === 'kavenegar' ? kavenegarProvider(config.sms) : logFileProvider(config.sms.logFile);
}
