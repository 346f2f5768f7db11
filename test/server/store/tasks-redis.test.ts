/** The Redis task store against a real Redis (127.0.0.1:6379, started by .ci/run). */
import { afterAll } from 'vitest';
import { RedisTaskStore } from '../../../src/server/store/tasks-redis.js';
import { TEST_REDIS_URL, deleteRedisKeys } from '../../support/redis.js';
import { taskStoreContract } from './task-store-contract.js';

const prefix = `cadenza-test-tasks-${process.pid}-${Date.now()}:`;
const opened: RedisTaskStore[] = [];

afterAll(async () => {
  await Promise.all(opened.map((store) => store.close()));
  await deleteRedisKeys(prefix);
});

taskStoreContract('redis', async () => {
  const store = new RedisTaskStore(TEST_REDIS_URL, { prefix });
  opened.push(store);
  return store;
});
