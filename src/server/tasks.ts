/**
 * The task runner a serving process uses: task records where the scores are (Redis shared by replicas, a
 * SQLite file beside the score file, or SQLite in memory for the memory store), only that driver loaded.
 */
import type { Logger } from 'pino';
import { TaskRunner } from '../mcp/tasks/task-runner.js';
import type { TaskStore } from '../mcp/tasks/task-store.js';
import type { Config } from './config.js';
import { randomIdSuffix } from './services.js';
import { sealerOf } from './store/sealing.js';

export async function openTaskRunner(config: Config, log: Logger): Promise<{ runner: TaskRunner; close: () => Promise<void> }> {
  const store = await openTaskStore(config);
  const { tasks } = config;
  const runner = new TaskRunner({
    store,
    runnerId: randomIdSuffix(),
    heartbeatMs: tasks.heartbeatMs,
    maxRunning: tasks.maxRunning,
    maxWorkingPerTenant: tasks.maxWorkingPerTenant,
    defaultTtlMs: tasks.ttlMs,
    maxTtlMs: tasks.ttlMs,
    pollIntervalMs: tasks.pollIntervalMs,
    timeoutMs: tasks.timeoutMs,
    now: Date.now,
    newId: randomIdSuffix,
    log: log.child({ part: 'tasks' }),
  });
  runner.start();
  return {
    runner,
    close: async () => {
      await runner.close();
      await store.close();
    },
  };
}

async function openTaskStore(config: Config): Promise<TaskStore> {
  if (config.store.backend === 'redis') {
    const { RedisTaskStore } = await import('./store/tasks-redis.js');
    return new RedisTaskStore(config.store.redisUrl, { prefix: config.store.redisPrefix, ...sealerOf(config) });
  }
  const { SqliteTaskStore } = await import('./store/tasks-sqlite.js');
  return new SqliteTaskStore(config.store.backend === 'memory' ? ':memory:' : config.tasks.file, Date.now, sealerOf(config).sealer);
}
