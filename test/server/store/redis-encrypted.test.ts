/** Encryption at rest on a real Redis (127.0.0.1:6379): scores, versions and task results. */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, expect, it } from 'vitest';
import { RedisScoreStore } from '../../../src/server/store/redis.js';
import { redisKeys } from '../../../src/server/store/keys.js';
import { Sealer, type KeyRing } from '../../../src/server/store/sealing.js';
import { RedisTaskStore } from '../../../src/server/store/tasks-redis.js';
import { TEST_REDIS_URL, deleteRedisKeys } from '../../support/redis.js';
import { encryptionContract } from './encryption-contract.js';
import { ROOMY, scoreStoreContract } from './store-contract.js';
import { workingTask } from './task-store-contract.js';

const run = `cadenza-sealed-${process.pid}-${Date.now()}`;
let places = 0;
const redis = new Redis(TEST_REDIS_URL);
const closers: (() => Promise<unknown>)[] = [];
const ring: KeyRing = { current: { id: 'k1', key: randomBytes(32) }, retired: [] };

afterAll(async () => {
  for (const close of closers) await close();
  await deleteRedisKeys(run);
  await redis.quit();
});

function openStore(prefix: string, keys?: KeyRing, limits = ROOMY): RedisScoreStore {
  const store = new RedisScoreStore(TEST_REDIS_URL, limits, { prefix, ...(keys ? { sealer: new Sealer(keys) } : {}) });
  closers.push(() => store.close());
  return store;
}

/** every value Redis holds under the prefix, read by type (DUMP would compress, hiding plain text) */
async function redisBytes(prefix: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  for (const key of await redis.keys(`${prefix}*`)) {
    const type = await redis.type(key);
    if (type === 'hash') parts.push(...Object.values(await redis.hgetallBuffer(key)));
    if (type === 'list') parts.push(...(await redis.lrangeBuffer(key, 0, -1)));
    if (type === 'zset') parts.push(...(await redis.zrangeBuffer(key, 0, -1)));
    if (type === 'set') parts.push(...(await redis.smembersBuffer(key)));
    if (type === 'string') parts.push((await redis.getBuffer(key)) ?? Buffer.alloc(0));
  }
  return Buffer.concat(parts);
}

scoreStoreContract('redis, encrypted', async (limits) => openStore(`${run}:contract-${++places}:`, ring, limits), { expires: true });

encryptionContract('redis', {
  async fresh() {
    const prefix = `${run}:${++places}:`;
    const keys = redisKeys(prefix);
    return {
      open: (ring) => openStore(prefix, ring),
      raw: () => redisBytes(prefix),
      alter: async (tenantId, id) => {
        const data = (await redis.hgetBuffer(keys.score(tenantId, id), 'data'))!;
        data[data.length >> 1]! ^= 0x40;
        await redis.hset(keys.score(tenantId, id), 'data', data);
      },
      sum: async (tenantId, id) => (await redis.hget(keys.score(tenantId, id), 'sum')) ?? '',
    };
  },
});

it('keeps a task’s result sealed in Redis, readable with the key and refused, naming the task, without it', async () => {
  const prefix = `${run}:tasks:`;
  const sealed = new RedisTaskStore(TEST_REDIS_URL, { prefix, sealer: new Sealer(ring) });
  const keyless = new RedisTaskStore(TEST_REDIS_URL, { prefix });
  closers.push(() => sealed.close(), () => keyless.close());
  const task = workingTask('acme');
  await sealed.create(task, 4);
  await sealed.update(task, { status: 'completed', result: { content: [{ type: 'text', text: 'Ricercar of the Hidden Fox' }] } });
  expect((await sealed.get(task))?.result).toEqual({ content: [{ type: 'text', text: 'Ricercar of the Hidden Fox' }] });
  expect((await redisBytes(prefix)).includes('Ricercar of the Hidden Fox')).toBe(false);
  await expect(keyless.get(task)).rejects.toMatchObject({ code: 'STORE_CORRUPT', message: expect.stringContaining(`task "${task.taskId}"`) });
});
