/**
 * The task runner on a real SQLite task store: bounds (a tenant's quota, this process's queue), cancel
 * stopping the work (asked of this process or of another replica), and tasks of a dead runner read as failed.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ToolCall } from '../../../src/mcp/define-tool.js';
import { TaskRunner, type TaskRunnerOptions, type TaskWork } from '../../../src/mcp/tasks/task-runner.js';
import type { TaskRecord, TaskStore } from '../../../src/mcp/tasks/task-store.js';
import { SqliteTaskStore } from '../../../src/server/store/tasks-sqlite.js';

const dir = mkdtempSync(join(tmpdir(), 'cadenza-runner-'));
const runners: TaskRunner[] = [];
let files = 0;

function storeFile(): string {
  files += 1;
  return join(dir, `tasks-${files}.db`);
}

function runner(store: TaskStore, options: Partial<TaskRunnerOptions> = {}): TaskRunner {
  let ids = 0;
  const made = new TaskRunner({
    store,
    runnerId: `runner-${Math.random()}`,
    heartbeatMs: 50,
    maxRunning: 8,
    maxWorkingPerTenant: 4,
    defaultTtlMs: 60_000,
    maxTtlMs: 600_000,
    pollIntervalMs: 100,
    timeoutMs: 60_000,
    now: Date.now,
    newId: () => `task${(ids += 1)}${Math.random().toString(36).slice(2, 8)}`,
    log: { warn: () => undefined },
    ...options,
  });
  runners.push(made);
  return made;
}

/** work that runs until it is stopped, reporting whether its signal fired */
function untilStopped(): { work: TaskWork; stopped: Promise<void> } {
  let markStopped: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => (markStopped = resolve));
  const work: TaskWork = (call: ToolCall) =>
    new Promise((_resolve, reject) => {
      call.progress(1, 10, 'Analysing');
      call.signal.addEventListener('abort', () => {
        markStopped();
        reject(new Error('stopped'));
      });
    });
  return { work, stopped };
}

async function until(read: () => Promise<TaskRecord>, status: string): Promise<TaskRecord> {
  for (let tries = 0; tries < 100; tries++) {
    const record = await read();
    if (record.status === status) return record;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return read();
}

afterEach(async () => {
  await Promise.all(runners.splice(0).map((made) => made.close()));
});

describe('TaskRunner', () => {
  it('stores the result of finished work, and progress while it runs', async () => {
    const tasks = runner(new SqliteTaskStore(storeFile()));
    let finish: () => void = () => undefined;
    const record = await tasks.create('acme', 'analyze_corpus', (call) => {
      call.progress(3, 9, 'Analysing bach/bwv66.6');
      return new Promise((resolve) => (finish = () => resolve({ content: [{ type: 'text', text: 'ok' }] })));
    });
    expect(record.status).toBe('working');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await tasks.read(record)).statusMessage).toBe('Analysing bach/bwv66.6 (3 of 9)');
    finish();
    const done = await until(() => tasks.read(record), 'completed');
    expect(done.result).toEqual({ content: [{ type: 'text', text: 'ok' }] });
  });

  it('refuses a tenant past its quota with TOO_MANY_TASKS, while another tenant still gets tasks', async () => {
    const tasks = runner(new SqliteTaskStore(storeFile()), { maxWorkingPerTenant: 2 });
    await tasks.create('acme', 'analyze_corpus', untilStopped().work);
    await tasks.create('acme', 'analyze_corpus', untilStopped().work);
    await expect(tasks.create('acme', 'analyze_corpus', untilStopped().work)).rejects.toMatchObject({ code: 'TOO_MANY_TASKS' });
    await expect(tasks.create('globex', 'analyze_corpus', untilStopped().work)).resolves.toMatchObject({ status: 'working' });
  });

  it('refuses any tenant with BUSY once the process runs as many tasks as it may', async () => {
    const tasks = runner(new SqliteTaskStore(storeFile()), { maxRunning: 2 });
    await tasks.create('acme', 'analyze_corpus', untilStopped().work);
    await tasks.create('globex', 'analyze_corpus', untilStopped().work);
    await expect(tasks.create('initech', 'analyze_corpus', untilStopped().work)).rejects.toMatchObject({ code: 'BUSY', retryAfterSeconds: 5 });
  });

  it('stops the work of a cancelled task, which then reads as cancelled', async () => {
    const tasks = runner(new SqliteTaskStore(storeFile()));
    const { work, stopped } = untilStopped();
    const record = await tasks.create('acme', 'analyze_corpus', work);
    await tasks.cancel(record);
    await stopped;
    expect((await until(() => tasks.read(record), 'cancelled')).status).toBe('cancelled');
  });

  it('never lets one tenant read or cancel another’s task', async () => {
    const tasks = runner(new SqliteTaskStore(storeFile()));
    const { work } = untilStopped();
    const record = await tasks.create('acme', 'analyze_corpus', work);
    const intruder = { tenantId: 'globex', taskId: record.taskId };
    await expect(tasks.read(intruder)).rejects.toMatchObject({ code: 'TASK_NOT_FOUND' });
    await expect(tasks.cancel(intruder)).rejects.toMatchObject({ code: 'TASK_NOT_FOUND' });
    expect((await tasks.read(record)).status).toBe('working');
  });

  it('stops work when another replica on the same store is asked to cancel it', async () => {
    const file = storeFile();
    const owner = runner(new SqliteTaskStore(file));
    const other = runner(new SqliteTaskStore(file));
    owner.start();
    const { work, stopped } = untilStopped();
    const record = await owner.create('acme', 'analyze_corpus', work);
    await other.cancel(record);
    await stopped;
    expect((await until(() => other.read(record), 'cancelled')).status).toBe('cancelled');
  });

  it('reads the working task of a runner that stopped beating as failed, saying why', async () => {
    const file = storeFile();
    const dead = runner(new SqliteTaskStore(file));
    // never started: it beats no heartbeat, as a process killed with SIGKILL would not
    const record = await dead.create('acme', 'analyze_corpus', untilStopped().work);
    const survivor = runner(new SqliteTaskStore(file));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const read = await survivor.read(record);
    expect(read.status).toBe('failed');
    expect(read.statusMessage).toMatch(/stopped .* before it finished/);
    expect(read.error?.code).toBe(-32603);
  });
});
