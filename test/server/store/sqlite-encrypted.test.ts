/** Encryption at rest on a real SQLite file: scores, versions and task records. */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, expect, it } from 'vitest';
import { Sealer, type KeyRing } from '../../../src/server/store/sealing.js';
import { SqliteScoreStore } from '../../../src/server/store/sqlite.js';
import { SqliteTaskStore } from '../../../src/server/store/tasks-sqlite.js';
import { encryptionContract } from './encryption-contract.js';
import { ROOMY, scoreStoreContract } from './store-contract.js';
import { workingTask } from './task-store-contract.js';

const folder = mkdtempSync(join(tmpdir(), 'cadenza-sealed-'));
let files = 0;
const closers: (() => unknown)[] = [];
const ring: KeyRing = { current: { id: 'k1', key: randomBytes(32) }, retired: [] };

afterAll(async () => {
  for (const close of closers) await close();
  rmSync(folder, { recursive: true, force: true });
});

function openStore(file: string, keys?: KeyRing, limits = ROOMY): SqliteScoreStore {
  const store = new SqliteScoreStore(file, limits, Date.now, keys ? new Sealer(keys) : undefined);
  closers.push(() => store.close());
  return store;
}

/** the database file and its write-ahead log, as they are on disk now */
function fileBytes(file: string): Buffer {
  return Buffer.concat([file, `${file}-wal`].filter((path) => existsSync(path)).map((path) => readFileSync(path)));
}

scoreStoreContract('sqlite, encrypted', async (limits) => openStore(join(folder, `contract-${++files}.db`), ring, limits), { expires: true });

encryptionContract('sqlite', {
  async fresh() {
    const file = join(folder, `store-${++files}.db`);
    const raw = () => {
      const db = new Database(file);
      closers.push(() => db.close());
      return db;
    };
    return {
      open: (keys) => openStore(file, keys),
      raw: async () => fileBytes(file),
      alter: async (tenantId, id) => {
        const db = raw();
        const { data } = db.prepare('SELECT data FROM scores WHERE tenant = ? AND id = ?').get(tenantId, id) as { data: Buffer };
        data[data.length >> 1]! ^= 0x40;
        db.prepare('UPDATE scores SET data = ? WHERE tenant = ? AND id = ?').run(data, tenantId, id);
      },
      sum: async (tenantId, id) => (raw().prepare('SELECT checksum FROM scores WHERE tenant = ? AND id = ?').get(tenantId, id) as { checksum: string }).checksum,
    };
  },
});

it('keeps a task’s result sealed in the tasks file, readable with the key and refused, naming the task, without it', async () => {
  const file = join(folder, 'tasks.db');
  const sealed = new SqliteTaskStore(file, Date.now, new Sealer(ring));
  closers.push(() => sealed.close());
  const task = workingTask('acme');
  await sealed.create(task, 4);
  await sealed.update(task, { status: 'completed', result: { content: [{ type: 'text', text: 'Ricercar of the Hidden Fox' }] } });
  expect((await sealed.get(task))?.result).toEqual({ content: [{ type: 'text', text: 'Ricercar of the Hidden Fox' }] });
  expect(fileBytes(file).includes('Ricercar of the Hidden Fox')).toBe(false);
  const keyless = new SqliteTaskStore(file);
  closers.push(() => keyless.close());
  await expect(keyless.get(task)).rejects.toMatchObject({ code: 'STORE_CORRUPT', message: expect.stringContaining(`task "${task.taskId}"`) });
});
