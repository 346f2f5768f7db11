/** One suite for every task store backend (a real SQLite file, a real Redis): what a TaskStore promises. */
import { describe, expect, it } from 'vitest';
import type { TaskRecord, TaskStore } from '../../../src/mcp/tasks/task-store.js';

let serial = 0;

/** a working task of `tenantId` created now, kept for ttlMs */
export function workingTask(tenantId: string, ttlMs = 60_000, createdAt = Date.now()): TaskRecord {
  serial += 1;
  return {
    taskId: `t${serial}x${Math.random().toString(36).slice(2, 10)}`,
    tenantId,
    tool: 'analyze_corpus',
    status: 'working',
    createdAt: new Date(createdAt).toISOString(),
    lastUpdatedAt: new Date(createdAt).toISOString(),
    ttlMs,
    pollIntervalMs: 1000,
    runner: 'runner-a',
    heartbeatAt: createdAt,
  };
}

const RESULT = { content: [], structuredContent: { rows: [], empty: {} }, isError: false };

export function taskStoreContract(name: string, open: () => Promise<TaskStore>): void {
  describe(`${name} task store`, () => {
    it('keeps a task and its result, and an end is final', async () => {
      const store = await open();
      const task = workingTask('acme');
      await store.create(task, 4);
      expect((await store.get(task))?.status).toBe('working');
      const done = await store.update(task, { status: 'completed', result: RESULT, statusMessage: 'Done.' });
      expect(done?.status).toBe('completed');
      const read = await store.get(task);
      expect(read?.result).toEqual(RESULT);
      expect(await store.update(task, { status: 'cancelled' })).toBeUndefined();
      expect((await store.get(task))?.status).toBe('completed');
    });

    it('never shows, lists or changes one tenant’s task to another, even when names look alike', async () => {
      const store = await open();
      const task = workingTask('acme:eu');
      await store.create(task, 4);
      const other = { tenantId: 'acme', taskId: task.taskId };
      expect(await store.get(other)).toBeUndefined();
      expect(await store.update(other, { status: 'cancelled' })).toBeUndefined();
      expect((await store.list('acme', undefined, 50)).tasks.map((listed) => listed.taskId)).not.toContain(task.taskId);
      expect((await store.list('acme:eu', undefined, 50)).tasks.map((listed) => listed.taskId)).toContain(task.taskId);
      expect((await store.get(task))?.status).toBe('working');
    });

    it('refuses a tenant more working tasks than its quota, and counts an ended one no more', async () => {
      const store = await open();
      const tenant = `quota-${Math.random()}`;
      const first = workingTask(tenant);
      await store.create(first, 2);
      await store.create(workingTask(tenant), 2);
      await expect(store.create(workingTask(tenant), 2)).rejects.toMatchObject({ code: 'TOO_MANY_TASKS' });
      await store.create(workingTask(`${tenant}-other`), 2);
      await store.update(first, { status: 'completed', result: RESULT });
      await store.create(workingTask(tenant), 2);
    });

    it('lists a tenant’s tasks newest first, a page at a time', async () => {
      const store = await open();
      const tenant = `pages-${Math.random()}`;
      const base = Date.now();
      const tasks = [0, 1, 2].map((index) => workingTask(tenant, 60_000, base + index * 1000));
      for (const task of tasks) await store.create(task, 10);
      const first = await store.list(tenant, undefined, 2);
      expect(first.tasks.map((task) => task.taskId)).toEqual([tasks[2]!.taskId, tasks[1]!.taskId]);
      const second = await store.list(tenant, first.nextCursor, 2);
      expect(second.tasks.map((task) => task.taskId)).toEqual([tasks[0]!.taskId]);
      expect(second.nextCursor).toBeUndefined();
      await expect(store.list(tenant, 'not-a-cursor', 2)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    });

    it('finds working tasks whose runner stopped beating, and tells a runner which of its tasks ended elsewhere', async () => {
      const store = await open();
      const past = Date.now() - 60_000;
      const orphan = workingTask('acme', 120_000, past);
      const alive = workingTask('acme');
      const asked = workingTask('acme');
      for (const task of [orphan, alive, asked]) await store.create(task, 10);
      await store.update(asked, { status: 'cancelled' });
      const stop = await store.beat([alive, asked], Date.now());
      expect(stop.map((ref) => ref.taskId)).toEqual([asked.taskId]);
      const stale = (await store.stale(Date.now() - 10_000)).map((ref) => ref.taskId);
      expect(stale).toContain(orphan.taskId);
      expect(stale).not.toContain(alive.taskId);
      await store.update(orphan, { status: 'failed', error: { code: -32603, message: 'runner died' } });
      expect((await store.stale(Date.now() - 10_000)).map((ref) => ref.taskId)).not.toContain(orphan.taskId);
    });

    it('forgets a task once its TTL has passed', async () => {
      const store = await open();
      const task = workingTask('acme', 150);
      await store.create(task, 10);
      expect(await store.get(task)).toBeDefined();
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await store.get(task)).toBeUndefined();
    });
  });
}
