import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteScoreStore } from '../../../src/server/store/sqlite.js';
import { ROOMY, entry, scoreStoreContract } from './store-contract.js';

const folder = mkdtempSync(join(tmpdir(), 'cadenza-sqlite-'));
let files = 0;
const freshFile = () => join(folder, `store-${++files}.db`);
const opened: SqliteScoreStore[] = [];
const open = (file: string, limits = ROOMY) => {
  const store = new SqliteScoreStore(file, limits);
  opened.push(store);
  return store;
};

afterAll(() => {
  for (const store of opened) store.close();
  rmSync(folder, { recursive: true, force: true });
});

scoreStoreContract('sqlite', async (limits) => open(freshFile(), limits), { expires: true });

describe('sqlite score store', () => {
  it('keeps scores in a WAL-mode file that another process (or a restart) reads back', async () => {
    const file = freshFile();
    const first = open(file);
    await first.put('t', entry('a'));
    const second = open(file);
    expect(await second.get('t', 'a')).toEqual(entry('a'));
    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(raw.pragma('user_version', { simple: true })).toBe(4);
    raw.close();
  });

  it('upgrades a file from an older schema version in place', async () => {
    const file = freshFile();
    const old = new Database(file);
    old.pragma('user_version = 0');
    old.close();
    const store = open(file);
    await store.put('t', entry('a'));
    expect((await store.list('t')).map((listing) => listing.id)).toEqual(['a']);
  });

  it('evicts past the total budget from the tenant holding the most bytes: one tenant’s imports never evict another’s scores', async () => {
    const bytes = entry('a').data.byteLength;
    let clock = 0;
    const store = new SqliteScoreStore(freshFile(), { ...ROOMY, maxTotalBytes: 4 * bytes }, () => (clock += 61_000));
    opened.push(store);
    await store.put('victim', entry('first'));
    await store.put('victim', entry('second'));
    for (let index = 0; index < 10; index++) await store.put('flood', entry(`import-${index}`));
    expect((await store.list('victim')).map((listing) => listing.id)).toEqual(['first', 'second']);
    expect((await store.list('flood')).map((listing) => listing.id)).toEqual(['import-8', 'import-9']);
    expect(await store.totals()).toEqual({ scores: 4, bytes: 4 * bytes });
  });

  it('evicts least recently used scores (to the minute) past the total budget, never one a call is holding', async () => {
    const bytes = entry('a').data.byteLength;
    let clock = 0;
    const later = () => (clock += 61_000);
    const store = new SqliteScoreStore(freshFile(), { ...ROOMY, maxTotalBytes: 2 * bytes }, () => clock);
    opened.push(store);
    await store.put('t1', entry('oldest'));
    later();
    await store.put('t2', entry('older'));
    const release = store.hold('t1', ['oldest']);
    later();
    await store.put('t3', entry('new'));
    later();
    expect(await store.get('t1', 'oldest')).toBeDefined();
    expect(await store.get('t2', 'older')).toBeUndefined();
    release();
    later();
    await store.put('t3', entry('newer'));
    // "oldest" was read (touched) after "new" was written, so "new" is now the least recently used
    expect(await store.totals()).toEqual({ scores: 2, bytes: 2 * bytes });
    expect(await store.get('t3', 'new')).toBeUndefined();
    expect(await store.get('t1', 'oldest')).toBeDefined();
  });
});
