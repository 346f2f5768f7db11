/**
 * Damage to the SQLite file is never silent: a damaged page is found by quick_check at start (or the
 * file refuses to open, with a message naming it), a changed score by its checksum on read; files are
 * owner-only.
 */
import { copyFileSync, mkdtempSync, openSync, closeSync, readFileSync, writeSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteScoreStore } from '../../../src/server/store/sqlite.js';
import { ROOMY, entry } from './store-contract.js';

const folder = mkdtempSync(join(tmpdir(), 'cadenza-sqlite-damage-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const SCORES = 200;
const LIMITS = { ...ROOMY, maxScoresPerTenant: SCORES };
const ids = Array.from({ length: SCORES }, (_, index) => `score-${index}`);

/** a closed database file (WAL checkpointed into it) holding 200 scores of tenant "t" */
async function pristine(): Promise<string> {
  const file = join(folder, 'pristine.db');
  const store = new SqliteScoreStore(file, LIMITS);
  for (const id of ids) await store.put('t', entry(id));
  store.close();
  return file;
}

/** how the damage showed: at open, in the store's problems, on reading a score, or not at all */
async function detection(file: string): Promise<'open' | 'problems' | 'read' | 'silent'> {
  let store: SqliteScoreStore;
  try {
    store = new SqliteScoreStore(file, LIMITS);
  } catch (error) {
    expect((error as Error).name).toBe('ConfigError');
    expect((error as Error).message).toContain(file);
    return 'open';
  }
  try {
    if ((await store.problems()).length > 0) return 'problems';
    for (const id of ids) {
      const read = await store.get('t', id).catch((error: { code?: string }) => error.code);
      if (read === 'STORE_CORRUPT') return 'read';
      expect(read).toEqual(entry(id));
    }
    return 'silent';
  } finally {
    store.close();
  }
}

const FRAME_BYTES = 24 + 4096;

/** how many frames at the start of the log belong to its current generation (carry the header's salts) */
function currentFrames(wal: Buffer): number {
  let frames = 0;
  while (32 + (frames + 1) * FRAME_BYTES <= wal.length && wal.readUInt32BE(32 + frames * FRAME_BYTES + 8) === wal.readUInt32BE(16)) frames += 1;
  return frames;
}

describe('sqlite store damage', () => {
  it('finds a zeroed page of a 200-score database (the header, tree pages, score pages, the last page) at start or on first read', async () => {
    const source = await pristine();
    const pageSize = 4096;
    const pages = statSync(source).size / pageSize;
    expect(pages).toBeGreaterThan(20);
    // every page would take a minute on a busy machine: the first few, a stride through the rest, the last
    const chosen = [...new Set([0, 1, 2, 3, 4, ...Array.from({ length: 12 }, (_, step) => Math.floor(((step + 1) * pages) / 13)), pages - 1])];
    const found: string[] = [];
    for (const page of chosen) {
      const file = join(folder, `zeroed-${page}.db`);
      copyFileSync(source, file);
      const handle = openSync(file, 'r+');
      writeSync(handle, Buffer.alloc(pageSize), 0, pageSize, page * pageSize);
      closeSync(handle);
      found.push(await detection(file));
    }
    expect(found.filter((how) => how === 'silent')).toEqual([]);
  });

  it('finds damaged frames in the write-ahead log left by a crash, which SQLite would drop without a word', async () => {
    const live = join(folder, 'crashed.db');
    const store = new SqliteScoreStore(live, LIMITS);
    for (const id of ids) await store.put('t', entry(id));
    // copying the files while the store is open is what kill -9 leaves: the log not yet checkpointed
    const sound = join(folder, 'sound.db');
    const damaged = join(folder, 'damaged.db');
    for (const copy of [sound, damaged]) for (const suffix of ['', '-wal']) copyFileSync(`${live}${suffix}`, `${copy}${suffix}`);
    store.close();
    const current = currentFrames(readFileSync(`${damaged}-wal`));
    expect(current).toBeGreaterThan(20);
    const handle = openSync(`${damaged}-wal`, 'r+');
    writeSync(handle, Buffer.alloc(64, 0xff), 0, 64, 32 + Math.floor(current / 2) * FRAME_BYTES + 24 + 100);
    closeSync(handle);
    expect(await detection(sound)).toBe('silent');
    const reopened = new SqliteScoreStore(damaged, LIMITS);
    const problems = await reopened.problems();
    // what SQLite did with the log: the transactions after the damaged frame are gone
    expect((await reopened.list('t')).length).toBeLessThan(SCORES);
    reopened.close();
    expect(problems).toEqual([expect.stringMatching(/damaged\.db-wal: frame \d+ of \d+ fails its checksum and committed transactions follow it; .*a copy of the log is kept in .*damaged\.db-wal\.damaged-\d+/)]);
  });

  it('refuses a truncated database at start with a message naming the file', async () => {
    const file = join(folder, 'truncated.db');
    copyFileSync(await pristine(), file);
    const handle = openSync(file, 'r+');
    writeSync(handle, Buffer.from('not a database at all'), 0, 21, 0);
    closeSync(handle);
    expect(() => new SqliteScoreStore(file, LIMITS)).toThrow(expect.objectContaining({ name: 'ConfigError', message: expect.stringContaining(file) }));
  });

  it('refuses a score whose bytes changed on disk, naming it, and reports it until deleted', async () => {
    const file = join(folder, 'changed.db');
    const store = new SqliteScoreStore(file, LIMITS);
    await store.put('t', entry('kept'));
    await store.put('t', entry('changed'));
    const raw = new Database(file);
    expect(raw.prepare("UPDATE scores SET data = X'20' || substr(data, 2) WHERE id = 'changed'").run().changes).toBe(1);
    raw.close();
    await expect(store.get('t', 'changed')).rejects.toMatchObject({ code: 'STORE_CORRUPT', message: expect.stringContaining('"changed"') });
    expect(await store.get('t', 'kept')).toEqual(entry('kept'));
    expect(await store.problems()).toEqual([`score "changed" of tenant "t" (its checksum does not match)`]);
    await store.delete('t', 'changed');
    expect(await store.problems()).toEqual([]);
    store.close();
  });

  it('fills in checksums when it upgrades a file written before them', async () => {
    const file = join(folder, 'version-1.db');
    const old = new Database(file);
    old.exec('CREATE TABLE scores (tenant TEXT NOT NULL, id TEXT NOT NULL, meta TEXT NOT NULL, data BLOB NOT NULL, bytes INTEGER NOT NULL, last_used INTEGER NOT NULL, PRIMARY KEY (tenant, id)) WITHOUT ROWID');
    const { id, data, ...meta } = entry('old');
    old.prepare('INSERT INTO scores VALUES (?, ?, ?, ?, ?, ?)').run('t', id, JSON.stringify(meta), Buffer.from(data), data.byteLength, Date.now());
    old.pragma('user_version = 1');
    old.close();
    const store = new SqliteScoreStore(file, LIMITS);
    expect(await store.get('t', 'old')).toEqual(entry('old'));
    store.close();
    const raw = new Database(file, { readonly: true });
    expect(raw.prepare('SELECT checksum FROM scores').pluck().get()).toMatch(/^[0-9a-f]{64}$/);
    raw.close();
  });

  it('creates its folder owner-only (0700) and the database owner-only (0600)', async () => {
    const dataDir = join(folder, 'fresh', 'data');
    const file = join(dataDir, 'cadenza.db');
    const store = new SqliteScoreStore(file, LIMITS);
    await store.put('t', entry('a'));
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    for (const path of [file, `${file}-wal`]) expect(statSync(path).mode & 0o777, path).toBe(0o600);
    store.close();
  });
});
