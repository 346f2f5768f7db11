/** The Redis store against a real Redis (127.0.0.1:6379, started by .ci/run), and one it starts and stops. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RedisScoreStore } from '../../../src/server/store/redis.js';
import { ROOMY, entry, scoreStoreContract } from './store-contract.js';
import { TEST_REDIS_URL, deleteRedisKeys } from '../../support/redis.js';

const REDIS_URL = TEST_REDIS_URL;
const prefix = `cadenza-test-${process.pid}-${Date.now()}:`;
const opened: RedisScoreStore[] = [];
const open = (url: string, limits = ROOMY, options: { retryAfterMs?: number } = {}) => {
  const store = new RedisScoreStore(url, limits, { prefix, ...options });
  opened.push(store);
  return store;
};

afterAll(async () => {
  await Promise.all(opened.map((store) => store.close()));
  await deleteRedisKeys(prefix);
});

scoreStoreContract('redis', async (limits) => open(REDIS_URL, limits), { expires: true });

/** a throwaway Redis that writes every command to its append-only file before answering */
function startRedis(port: number, dir: string): ChildProcess {
  return spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'yes', '--appendfsync', 'always', '--dir', dir], { stdio: 'ignore' });
}

async function eventually(attempt: () => Promise<unknown>): Promise<boolean> {
  for (let tries = 0; tries < 50; tries++) {
    if (await attempt().then(() => true, () => false)) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}

describe('redis score store when Redis goes away', () => {
  it('fails fast with a retryable STORE_UNAVAILABLE, opens its circuit, recovers by itself, and has lost nothing it acknowledged', async () => {
    const port = 6390 + (process.pid % 50);
    const dir = mkdtempSync(join(tmpdir(), 'cadenza-redis-'));
    const store = open(`redis://127.0.0.1:${port}`, ROOMY, { retryAfterMs: 300 });
    let redis = startRedis(port, dir);
    try {
      expect(await eventually(() => store.put('t', entry('acknowledged')))).toBe(true);
      redis.kill('SIGKILL');
      await new Promise((resolve) => redis.once('exit', resolve));
      for (let attempt = 0; attempt < 3; attempt++) {
        await expect(store.get('t', 'a')).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
      }
      // the open circuit answers without trying Redis, and says so
      await expect(store.put('t', entry('a'))).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE', message: expect.stringMatching(/fail fast/) });
      redis = startRedis(port, dir);
      expect(await eventually(() => store.put('t', entry('a')))).toBe(true);
      expect(await store.get('t', 'a')).toEqual(entry('a'));
      expect(await store.get('t', 'acknowledged')).toEqual(entry('acknowledged'));
    } finally {
      redis.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
