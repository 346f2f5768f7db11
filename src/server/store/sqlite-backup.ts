/**
 * `cadenza backup` and `cadenza restore` for the SQLite store, with SQLite's online backup API: a backup
 * is a consistent copy taken while servers keep writing; a restore first proves the copy sound (quick_check
 * and every score's checksum), then copies it page by page into the live file under SQLite's locks.
 * With encryption at rest, the check opens every sealed score with the configured keys.
 */
import { chmodSync, existsSync } from 'node:fs';
import Database, { type Database as Db } from 'better-sqlite3';
import { ConfigError } from '../config.js';
import { DamagedRecord, ScoreRowCodec } from './score-row.js';
import type { Sealer } from './sealing.js';
import { cannotOpen } from './sqlite-file.js';

export interface BackupReport {
  readonly scores: number;
  readonly bytes: number;
}

/** copies the database `file` to `destination` (which must not exist yet); returns what the copy holds */
export async function backupDatabase(file: string, destination: string, sealer?: Sealer): Promise<BackupReport> {
  if (!existsSync(file)) throw new ConfigError(`There is no score database at ${file} to back up.`);
  if (existsSync(destination)) throw new ConfigError(`${destination} already exists; choose a new file name for the backup.`);
  const source = openExisting(file);
  try {
    await source.backup(destination);
  } finally {
    source.close();
  }
  chmodSync(destination, 0o600);
  return verified(destination, sealer);
}

/** replaces the database `file` by the backup, after checking the backup is sound */
export async function restoreDatabase(backup: string, file: string, sealer?: Sealer): Promise<BackupReport> {
  if (!existsSync(backup)) throw new ConfigError(`There is no backup at ${backup}.`);
  const report = verified(backup, sealer);
  const source = openExisting(backup);
  try {
    await source.backup(file);
  } finally {
    source.close();
  }
  chmodSync(file, 0o600);
  return report;
}

/** opens a database file, proves it sound (quick_check, every checksum) and counts its scores */
function verified(file: string, sealer: Sealer | undefined): BackupReport {
  const db = openExisting(file);
  try {
    const problems = (db.pragma('quick_check') as { quick_check: string }[]).map((row) => row.quick_check).filter((line) => line !== 'ok');
    if (problems.length > 0) throw new ConfigError(`${file} is damaged: ${problems.join('; ')}.`);
    return countChecked(db, file, new ScoreRowCodec(sealer));
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw cannotOpen(file, error);
  } finally {
    db.close();
  }
}

function countChecked(db: Db, file: string, codec: ScoreRowCodec): BackupReport {
  let scores = 0;
  let bytes = 0;
  const rows = db.prepare('SELECT tenant, id, meta, data, checksum FROM scores').iterate() as Iterable<{ tenant: string; id: string; meta: string | Buffer; data: Buffer; checksum: string | null }>;
  for (const row of rows) {
    try {
      bytes += codec.decode(row.tenant, row.id, { meta: row.meta, data: row.data, sum: row.checksum }).entry.data.byteLength;
    } catch (error) {
      if (!(error instanceof DamagedRecord)) throw error;
      throw new ConfigError(`${file} holds a damaged score: "${row.id}" of tenant "${row.tenant}" (${error.message}).`);
    }
    scores += 1;
  }
  return { scores, bytes };
}

function openExisting(file: string): Db {
  try {
    return new Database(file, { fileMustExist: true });
  } catch (error) {
    throw cannotOpen(file, error);
  }
}
