/** cadenza backup / restore: SQLite's online backup API, with the copy proved sound before it is put back. */
import { closeSync, mkdtempSync, openSync, rmSync, statSync, truncateSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { backupDatabase, restoreDatabase } from '../../../src/server/store/sqlite-backup.js';
import { SqliteScoreStore } from '../../../src/server/store/sqlite.js';
import { Sealer } from '../../../src/server/store/sealing.js';
import { randomBytes } from 'node:crypto';
import { ROOMY, entry } from './store-contract.js';

const folder = mkdtempSync(join(tmpdir(), 'cadenza-backup-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
let files = 0;
const fresh = (name: string) => join(folder, `${++files}-${name}`);

async function storeWith(file: string, ids: readonly string[]): Promise<SqliteScoreStore> {
  const store = new SqliteScoreStore(file, ROOMY);
  for (const id of ids) await store.put('t', entry(id));
  return store;
}

const ids = Array.from({ length: 40 }, (_, index) => `score-${index}`);

describe('backup and restore of the SQLite store', () => {
  it('backs up a store that is open and being written, owner-only, and restores every score', async () => {
    const live = fresh('live.db');
    const store = await storeWith(live, ids);
    const backup = fresh('backup.db');
    expect(await backupDatabase(live, backup)).toEqual({ scores: 40, bytes: 40 * entry('a').data.byteLength });
    expect(statSync(backup).mode & 0o777).toBe(0o600);
    await store.put('t', entry('after-the-backup'));
    store.close();
    const target = fresh('restored.db');
    expect((await restoreDatabase(backup, target)).scores).toBe(40);
    const restored = new SqliteScoreStore(target, ROOMY);
    for (const id of ids) expect(await restored.get('t', id)).toEqual(entry(id));
    expect(await restored.get('t', 'after-the-backup')).toBeUndefined();
    expect(await restored.problems()).toEqual([]);
    restored.close();
  });

  it('restores over a live database, replacing what it held', async () => {
    const backup = fresh('backup.db');
    const source = await storeWith(fresh('source.db'), ['kept']);
    await source.backup(backup);
    source.close();
    const live = fresh('live.db');
    (await storeWith(live, ['replaced'])).close();
    await restoreDatabase(backup, live);
    const store = new SqliteScoreStore(live, ROOMY);
    expect((await store.list('t')).map((listing) => listing.id)).toEqual(['kept']);
    store.close();
  });

  it('never writes over an existing file when backing up', async () => {
    const live = fresh('live.db');
    (await storeWith(live, ['a'])).close();
    await expect(backupDatabase(live, live)).rejects.toThrow(/already exists/);
  });

  it('refuses a truncated backup, naming it, and leaves the live database as it was', async () => {
    const live = fresh('live.db');
    (await storeWith(live, ['untouched'])).close();
    const backup = fresh('backup.db');
    await backupDatabase(live, backup);
    truncateSync(backup, 100);
    await expect(restoreDatabase(backup, live)).rejects.toThrow(expect.objectContaining({ name: 'ConfigError', message: expect.stringContaining(backup) }));
    const store = new SqliteScoreStore(live, ROOMY);
    expect(await store.get('t', 'untouched')).toEqual(entry('untouched'));
    store.close();
  });

  it('refuses a backup holding a score that no longer matches its checksum, naming the score', async () => {
    const live = fresh('live.db');
    (await storeWith(live, ['good', 'bad'])).close();
    const backup = fresh('backup.db');
    await backupDatabase(live, backup);
    const raw = new Database(backup);
    raw.prepare("UPDATE scores SET data = X'20' || substr(data, 2) WHERE id = 'bad'").run();
    raw.close();
    await expect(restoreDatabase(backup, fresh('target.db'))).rejects.toThrow(/"bad" of tenant "t"/);
  });

  it('refuses a backup whose pages are zeroed', async () => {
    const live = fresh('live.db');
    (await storeWith(live, ids)).close();
    const backup = fresh('backup.db');
    await backupDatabase(live, backup);
    const handle = openSync(backup, 'r+');
    writeSync(handle, Buffer.alloc(4096), 0, 4096, 4096);
    closeSync(handle);
    await expect(restoreDatabase(backup, fresh('target.db'))).rejects.toThrow(/damaged/);
  });

  it('backs up and restores an encrypted store, opening every score with the keys, and refuses it without them', async () => {
    const sealer = new Sealer({ current: { id: 'k1', key: randomBytes(32) }, retired: [] });
    const live = fresh('sealed.db');
    const store = new SqliteScoreStore(live, ROOMY, Date.now, sealer);
    for (const id of ids.slice(0, 5)) await store.put('t', entry(id));
    store.close();
    const backup = fresh('sealed-backup.db');
    expect(await backupDatabase(live, backup, sealer)).toEqual({ scores: 5, bytes: 5 * entry('a').data.byteLength });
    await expect(restoreDatabase(backup, fresh('target.db'))).rejects.toThrow(/"score-\d" of tenant "t" \(it cannot be decrypted: it is encrypted and no encryption key is configured/);
    expect((await restoreDatabase(backup, fresh('target.db'), sealer)).scores).toBe(5);
  });
});
