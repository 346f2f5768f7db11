/** The configured change feed: Redis pub/sub when replicas share a Redis store, else in-process. */
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { LocalScoreChanges, type ScoreChangeHub } from './local-changes.js';

const SUBSCRIBE_WAIT_MS = 2000;

export async function openScoreChanges(config: Config, redis: Redis | undefined, log: Logger): Promise<ScoreChangeHub> {
  const onError = (error: unknown) => log.warn({ err: error }, 'score change not delivered');
  if (!redis) return new LocalScoreChanges(onError);
  // ioredis (about forty files) is loaded only here: a stdio server or a SQLite-backed replica never needs it
  const [{ RedisScoreChanges }, { connectRedis }] = await Promise.all([import('./redis-changes.js'), import('../store/redis-connection.js')]);
  // reconnects resubscribe by themselves (ioredis), so a Redis restart only loses the changes made meanwhile
  const changes = new RedisScoreChanges(redis, connectRedis(config.store.redisUrl, { maxRetriesPerRequest: null }), config.store.redisPrefix, onError);
  // a replica hears changes from its first request on; with Redis away it starts anyway and hears them once it is back
  await Promise.race([changes.ready(), new Promise((resolve) => setTimeout(resolve, SUBSCRIBE_WAIT_MS).unref())]);
  return changes;
}
