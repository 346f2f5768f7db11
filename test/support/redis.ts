/** The Redis the tests share (started by .ci/run), and clean-up of what one test run wrote there. */
import { Redis } from 'ioredis';

export const TEST_REDIS_URL = process.env.CADENZA_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** deletes every key starting with `prefix` */
export async function deleteRedisKeys(prefix: string): Promise<void> {
  const redis = new Redis(TEST_REDIS_URL);
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
}
