/**
 * Opening the SQLite file safely: the data folder owner-only (0700), the database owner-only (0600,
 * which SQLite carries over to its -wal and -shm files), and any failure to open or read it turned into
 * one clear message naming the file, never a stack trace.
 */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import Database, { type Database as Db } from 'better-sqlite3';
import { ConfigError } from '../config.js';
import { checkWriteAheadLog } from './sqlite-wal.js';

/** SQLite result codes that mean the file is damaged or not a database at all */
const DAMAGED = /^SQLITE_(CORRUPT|NOTADB)/;

export function isDamage(error: unknown): boolean {
  return DAMAGED.test(String((error as { code?: unknown }).code ?? ''));
}

/**
 * Opens (creating if need be) the database file with owner-only permissions; `prepare` runs in the guard
 * too. Returns the damage found in the write-ahead log, which must be read before SQLite replays it.
 */
export function openDatabaseFile(file: string, prepare: (db: Db) => void): { db: Db; walDamage: readonly string[] } {
  if (file !== ':memory:') createPrivately(file);
  const walDamage = file === ':memory:' ? [] : checkWriteAheadLog(file);
  let db: Db | undefined;
  try {
    db = new Database(file);
    prepare(db);
    return { db, walDamage };
  } catch (error) {
    db?.close();
    throw cannotOpen(file, error);
  }
}

function createPrivately(file: string): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  // a file from an older Cadenza (or restored by hand) is made owner-only too
  chmodSync(file, 0o600);
}

export function cannotOpen(file: string, error: unknown): ConfigError {
  const reason = (error as Error).message;
  const advice = isDamage(error)
    ? 'The file is damaged or truncated: restore it from a backup (cadenza restore <backup>), or move it away to start with an empty store.'
    : 'Check that the file is a Cadenza score database and that this user may read and write it and its folder.';
  return new ConfigError(`Cannot open the score database ${file}: ${reason}. ${advice}`);
}
