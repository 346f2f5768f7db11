/**
 * Tasks outlive their process where they should and never linger where they cannot: a task running when
 * the server is killed with SIGKILL reads as failed (saying why) after the restart, a completed task's
 * result is read again after a restart, with the SQLite file and with Redis; and on two replicas sharing
 * Redis, a task started on one is read, awaited and cancelled through the other.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { CallToolResultSchema, CreateTaskResultSchema, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, describe, expect, it } from 'vitest';
import { connectClient } from '../support/http-server.js';
import { cancelTask, connectTaskClient, getTask, startTask, untilEnded } from '../support/modern-tasks.js';
import { deleteRedisKeys } from '../support/redis.js';
import { spawnHttpServer, type ServerProcess } from '../support/spawn-server.js';

const PREFIX = `cadenza-task-durability-${process.pid}-${Date.now()}:`;
const LONG = { name: 'analyze_corpus', arguments: { corpus: true } };
const SHORT = { name: 'analyze_corpus', arguments: { corpus: true, filter: 'bwv66' } };
const running: ServerProcess[] = [];

afterAll(async () => {
  for (const server of running) server.child.kill('SIGKILL');
  await deleteRedisKeys(PREFIX);
});

async function start(environment: Record<string, string>): Promise<ServerProcess> {
  const server = await spawnHttpServer({ CADENZA_WORKERS: '1', CADENZA_TASK_HEARTBEAT_MS: '200', CADENZA_TASK_POLL_MS: '200', ...environment });
  running.push(server);
  return server;
}

async function stop(server: ServerProcess, signal: NodeJS.Signals): Promise<void> {
  server.child.kill(signal);
  await server.exited;
}

async function createTask(client: Client, call: { name: string; arguments: Record<string, unknown> }): Promise<string> {
  return (await client.request({ method: 'tools/call', params: { ...call, task: { ttl: 600_000 } } }, CreateTaskResultSchema)).task.taskId;
}

const BACKENDS = {
  sqlite: () => ({ CADENZA_DATA_DIR: mkdtempSync(join(tmpdir(), 'cadenza-task-durability-')) }),
  redis: () => ({ CADENZA_STORE: 'redis', CADENZA_REDIS_PREFIX: `${PREFIX}${Math.random().toString(36).slice(2)}:`, CADENZA_DATA_DIR: mkdtempSync(join(tmpdir(), 'cadenza-task-durability-')) }),
};

describe.each(Object.entries(BACKENDS))('task durability with the %s store', (_name, environmentFor) => {
  it('reads a task that was running when the server was killed with SIGKILL as failed after the restart', async () => {
    const environment = environmentFor();
    const first = await start(environment);
    const before = await connectClient(first.url);
    const taskId = await createTask(before, LONG);
    expect((await before.experimental.tasks.getTask(taskId)).status).toBe('working');
    await stop(first, 'SIGKILL');

    const second = await start(environment);
    const after = await connectClient(second.url);
    // a task reads as failed once its runner has missed a few heartbeats (200 ms each here): a restart
    // quicker than that still finds it working, so it is read until then, within a bound
    let task = await after.experimental.tasks.getTask(taskId);
    for (let reads = 0; reads < 50 && task.status === 'working'; reads++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      task = await after.experimental.tasks.getTask(taskId);
    }
    expect(task.status).toBe('failed');
    expect(task.statusMessage).toMatch(/stopped \(a restart or a crash\) before it finished/);
    await expect(after.experimental.tasks.getTaskResult(taskId, CallToolResultSchema)).rejects.toThrow(/before it finished/);
    await after.close();
    await stop(second, 'SIGTERM');
  }, 60_000);

  it('serves a completed task’s result again after a restart', async () => {
    const environment = environmentFor();
    const first = await start(environment);
    const before = await connectClient(first.url);
    const taskId = await createTask(before, SHORT);
    const result = (await before.experimental.tasks.getTaskResult(taskId, CallToolResultSchema)) as CallToolResult;
    expect(result.isError).toBeFalsy();
    await before.close();
    await stop(first, 'SIGTERM');

    const second = await start(environment);
    const after = await connectClient(second.url);
    expect((await after.experimental.tasks.getTask(taskId)).status).toBe('completed');
    const again = (await after.experimental.tasks.getTaskResult(taskId, CallToolResultSchema)) as CallToolResult;
    expect(again.structuredContent).toEqual(result.structuredContent);
    await after.close();
    await stop(second, 'SIGTERM');
  }, 60_000);
});

describe('tasks on two replicas sharing Redis', () => {
  it('reads, awaits and cancels through one replica a task started on the other, in both protocol eras', async () => {
    const environment = BACKENDS.redis();
    const [a, b] = await Promise.all([start({ ...environment, CADENZA_DATA_DIR: mkdtempSync(join(tmpdir(), 'cadenza-a-')) }), start({ ...environment, CADENZA_DATA_DIR: mkdtempSync(join(tmpdir(), 'cadenza-b-')) })]);
    const [onA, onB] = await Promise.all([connectClient(a.url), connectClient(b.url)]);
    const finished = await createTask(onA, SHORT);
    const result = (await onB.experimental.tasks.getTaskResult(finished, CallToolResultSchema)) as CallToolResult;
    expect((result.structuredContent as { summary: { scores: number } }).summary.scores).toBeGreaterThan(0);

    const cancelled = await createTask(onA, LONG);
    expect((await onB.experimental.tasks.getTask(cancelled)).status).toBe('working');
    await onB.experimental.tasks.cancelTask(cancelled);
    let status = 'working';
    for (let polls = 0; polls < 100 && status === 'working'; polls++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      status = (await onA.experimental.tasks.getTask(cancelled)).status;
    }
    expect(status).toBe('cancelled');

    const [modernA, modernB] = await Promise.all([connectTaskClient(a.url), connectTaskClient(b.url)]);
    const modern = await startTask(modernA, SHORT.name, SHORT.arguments);
    expect((await untilEnded(modernB, modern.taskId)).status).toBe('completed');
    const stopped = await startTask(modernB, LONG.name, LONG.arguments);
    await cancelTask(modernA, stopped.taskId);
    expect((await untilEnded(modernB, stopped.taskId)).status).toBe('cancelled');
    expect((await getTask(modernA, stopped.taskId)).status).toBe('cancelled');
    await Promise.all([onA.close(), onB.close(), modernA.client.close(), modernB.client.close()]);
  }, 90_000);
});
