/** The SQLite task store against a real file, and a second process's view of the same file. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { SqliteTaskStore } from '../../../src/server/store/tasks-sqlite.js';
import { taskStoreContract, workingTask } from './task-store-contract.js';

const dir = mkdtempSync(join(tmpdir(), 'cadenza-tasks-'));
const opened: SqliteTaskStore[] = [];
const open = async (file = join(dir, `tasks-${opened.length}.db`)) => {
  const store = new SqliteTaskStore(file);
  opened.push(store);
  return store;
};

afterAll(async () => {
  await Promise.all(opened.map((store) => store.close()));
});

taskStoreContract('sqlite', () => open());

it('keeps a completed task’s result in the file for the next process that opens it', async () => {
  const file = join(dir, 'shared.db');
  const first = await open(file);
  const task = workingTask('acme');
  await first.create(task, 4);
  await first.update(task, { status: 'completed', result: { content: [{ type: 'text', text: 'done' }] } });
  await first.close();
  opened.splice(opened.indexOf(first), 1);
  const second = await open(file);
  expect((await second.get(task))?.result).toEqual({ content: [{ type: 'text', text: 'done' }] });
});
