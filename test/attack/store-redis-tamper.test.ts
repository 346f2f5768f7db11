/**
 * Attack: alter a score where it lives in Redis, under a running server, with encryption at rest off
 * (the checksum finds it) and on (AES-GCM finds it). The score is refused with STORE_CORRUPT naming it,
 * /health/detailed names it, the tenant's other scores are still served, and /health stays 200.
 */
import { randomBytes } from 'node:crypto';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { redisKeys } from '../../src/server/store/keys.js';
import { connectClient, startTestServer } from '../support/http-server.js';
import { TEST_REDIS_URL, deleteRedisKeys } from '../support/redis.js';
import { baseOf, expectAlive } from './support.js';

const REDIS_PREFIX = `cadenza-attack-tamper-${process.pid}-${Date.now()}`;
const redis = new Redis(TEST_REDIS_URL);

afterAll(async () => {
  await deleteRedisKeys(REDIS_PREFIX);
  await redis.quit();
});

/** the anonymous tenant of a loopback server without auth */
const TENANT = 'local';

describe.each([
  ['checksum', 'data', {}],
  ['AES-GCM', 'data', { CADENZA_ENCRYPTION_KEY: `k1:${randomBytes(32).toString('base64')}` }],
  ['AES-GCM', 'meta', { CADENZA_ENCRYPTION_KEY: `k1:${randomBytes(32).toString('base64')}` }],
])('a score altered in Redis (found by its %s, in its %s)', (_finder, field, encryption) => {
  it('is refused with STORE_CORRUPT naming it, reported by /health/detailed, while the server serves the rest', async () => {
    const prefix = `${REDIS_PREFIX}:${Math.random().toString(36).slice(2, 8)}:`;
    const server = await startTestServer({ CADENZA_STORE: 'redis', CADENZA_REDIS_PREFIX: prefix, CADENZA_CACHE_MB: '0', ...encryption });
    const client = await connectClient(server.url);
    const base = baseOf(server.url);
    try {
      const imported = async () => ((await client.callTool({ name: 'import_score', arguments: { corpus: 'bach/bwv269' } })).structuredContent as { id: string }).id;
      const [altered, intact] = [await imported(), await imported()];
      const key = redisKeys(prefix).score(TENANT, altered);
      const stored = (await redis.hgetBuffer(key, field))!;
      expect(stored).not.toBeNull();
      stored[stored.length >> 1]! ^= 0x04;
      await redis.hset(key, field, stored);

      const answer = (await client.callTool({ name: 'analyze_key', arguments: { id: altered } })) as CallToolResult;
      expect([answer.isError, answer._meta?.['cadenza/errorCode']]).toEqual([true, 'STORE_CORRUPT']);
      expect(JSON.stringify(answer.content)).toContain(altered);
      const other = (await client.callTool({ name: 'analyze_key', arguments: { id: intact } })) as CallToolResult;
      expect(other.isError).toBeFalsy();

      const detailed = (await (await fetch(`${base}/health/detailed`)).json()) as { checks: { name: string; ok: boolean; message: string }[] };
      const store = detailed.checks.find((check) => check.name === 'store')!;
      expect(store.ok).toBe(false);
      expect(store.message).toContain(altered);
      expect((await fetch(`${base}/ready`)).status).toBe(503);
      await expectAlive(base);
    } finally {
      await client.close();
      await server.running.stop();
    }
  }, 30_000);
});
