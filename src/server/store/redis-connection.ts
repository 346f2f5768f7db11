/** Redis connections as Cadenza opens them: fail fast, reconnect with backoff, errors reported per command. */
import { Redis, type RedisOptions } from 'ioredis';

/** connectRedis(url) → a client that retries a command at most once and reconnects forever with backoff */
export function connectRedis(url: string, options: RedisOptions = {}): Redis {
  const redis = new Redis(url, {
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    // reconnect with backoff, forever: Redis coming back is the normal way out of an outage
    retryStrategy: (attempt) => Math.min(50 * 2 ** attempt, 2000),
    ...options,
  });
  redis.on('error', () => undefined); // failures surface where a command was sent
  return redis;
}
