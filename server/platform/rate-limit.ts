/**
 * Where the rate limits count (decision 0038). Routes declare their limit (`config.rateLimit`);
 * this decides the store: with REDIS_URL, one Redis every app server shares, so a limit of 20 a
 * minute is 20 however many servers and workers answer; without it, this process's memory, which
 * is right only for one process (config.ts refuses WORKERS > 1 without REDIS_URL; several machines
 * must be given REDIS_URL, see docs/operations.md).
 *
 * When Redis cannot be reached the limit is not applied (the request is served) and the failure
 * is logged: a Redis outage must not stop citizens tracking cases or banks asking. Sign-in
 * throttles do not depend on it (they are in the database, platform/throttle.ts).
 */
import type { FastifyInstance } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import type { Config } from '../config.js';

/** A command that takes longer than this counts as Redis being down (the request is served unlimited). */
const REDIS_TIMEOUT_MS = 500;

export async function registerRateLimit(app: FastifyInstance, config: Config): Promise<void> {
  if (config.redisUrl === null) {
    await app.register(rateLimit, { global: false });
    return;
  }
  // Loaded only when Redis is configured: a single server never needs the client.
  const { Redis } = await import('ioredis');
  const redis = new Redis(config.redisUrl, {
    lazyConnect: true,
    // A command while disconnected fails at once instead of waiting in a queue: the request goes on.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: REDIS_TIMEOUT_MS,
    connectTimeout: 5000,
  });
  let down = false;
  redis.on('error', (err: Error) => {
    // ioredis reconnects by itself and reports each failed try: log the outage once, not every try.
    if (!down) app.log.error({ err }, 'rate limits: Redis unreachable; requests are served without limits until it is back');
    down = true;
  });
  redis.on('ready', () => {
    if (down) app.log.warn('rate limits: Redis reachable again');
    down = false;
  });
  // Refuse to start on a Redis that is not there: a wrong address is a configuration error.
  await redis.connect().catch((err: Error) => {
    redis.disconnect();
    throw new Error(`REDIS_URL: cannot reach Redis (${err.message})`, { cause: err });
  });
  app.addHook('onClose', async () => {
    await redis.quit().catch(() => redis.disconnect());
  });
  await app.register(rateLimit, { global: false, redis, nameSpace: `${config.redisKeyPrefix}rate-limit:`, skipOnError: true });
}
