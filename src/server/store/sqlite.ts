/**
 * The default store: one SQLite file (better-sqlite3) under the data folder, in WAL mode with full
 * synchronous commits, so an acknowledged import survives a crash of the process (or the machine).
 * Scores expire after a TTL without use; past the total byte budget the least recently used scores
 * that no call is using are evicted. Several processes may share the file.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database, { type Database as Db, type Statement } from 'better-sqlite3';
import type { ScoreListing, ScoreStore, StoredScore, TenantUsage } from '../../mcp/ports.js';
import { toListing } from './memory.js';
import { checkQuota, type StoreLimits } from './quotas.js';
import { ScoreHolds } from './holds.js';

/** Schema migrations, by the user_version they lead to; a newer Cadenza upgrades an older file. */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE scores (
     tenant TEXT NOT NULL,
     id TEXT NOT NULL,
     meta TEXT NOT NULL,
     data BLOB NOT NULL,
     bytes INTEGER NOT NULL,
     last_used INTEGER NOT NULL,
     PRIMARY KEY (tenant, id)
   ) WITHOUT ROWID;
   CREATE INDEX scores_last_used ON scores (last_used);`,
];

/** how stale a score's last-use time may get before a read writes the new one (at most a tenth of the TTL) */
const TOUCH_EVERY_MS = 60_000;

interface Row {
  readonly id: string;
  readonly meta: string;
  readonly data: Buffer;
}

type Meta = Omit<StoredScore, 'id' | 'data'>;

export class SqliteScoreStore implements ScoreStore {
  private readonly db: Db;
  private readonly statements: Record<'get' | 'lastUsed' | 'touch' | 'list' | 'remove' | 'usage' | 'totals' | 'upsert' | 'removeTenant' | 'expire' | 'oldest', Statement>;
  private readonly holds = new ScoreHolds();

  constructor(
    file: string,
    private readonly limits: StoreLimits,
    private readonly now: () => number = Date.now,
  ) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    migrate(this.db);
    this.statements = {
      get: this.db.prepare('SELECT id, meta, data, last_used AS lastUsed FROM scores WHERE tenant = ? AND id = ? AND last_used >= ?'),
      lastUsed: this.db.prepare('SELECT last_used AS lastUsed FROM scores WHERE tenant = ? AND id = ? AND last_used >= ?'),
      touch: this.db.prepare('UPDATE scores SET last_used = ? WHERE tenant = ? AND id = ?'),
      list: this.db.prepare('SELECT id, meta FROM scores WHERE tenant = ? AND last_used >= ? ORDER BY id'),
      remove: this.db.prepare('DELETE FROM scores WHERE tenant = ? AND id = ?'),
      usage: this.db.prepare('SELECT COUNT(*) AS scores, COALESCE(SUM(bytes), 0) AS bytes FROM scores WHERE tenant = ? AND last_used >= ?'),
      totals: this.db.prepare('SELECT COUNT(*) AS scores, COALESCE(SUM(bytes), 0) AS bytes FROM scores WHERE last_used >= ?'),
      upsert: this.db.prepare('INSERT OR REPLACE INTO scores (tenant, id, meta, data, bytes, last_used) VALUES (?, ?, ?, ?, ?, ?)'),
      removeTenant: this.db.prepare('DELETE FROM scores WHERE tenant = ?'),
      expire: this.db.prepare('DELETE FROM scores WHERE last_used < ?'),
      oldest: this.db.prepare('SELECT tenant, id, bytes FROM scores ORDER BY last_used LIMIT 64'),
    };
  }

  async put(tenantId: string, entry: StoredScore): Promise<void> {
    const { id, data, ...meta } = entry;
    const write = this.db.transaction(() => {
      const usage = this.statements.usage.get(tenantId, this.liveSince()) as TenantUsage;
      const replaced = (this.statements.get.get(tenantId, id, this.liveSince()) as Row | undefined)?.data.byteLength;
      checkQuota(this.limits, usage, data.byteLength, replaced);
      this.statements.upsert.run(tenantId, id, JSON.stringify(meta), Buffer.from(data.buffer, data.byteOffset, data.byteLength), data.byteLength, this.now());
      this.evictBeyondTotal(tenantId, id);
    });
    write.immediate();
  }

  async get(tenantId: string, id: string): Promise<StoredScore | undefined> {
    const row = this.statements.get.get(tenantId, id, this.liveSince()) as (Row & { lastUsed: number }) | undefined;
    if (!row) return undefined;
    this.touchIfStale(tenantId, id, row.lastUsed);
    return fromRow(row);
  }

  async touch(tenantId: string, id: string): Promise<boolean> {
    const row = this.statements.lastUsed.get(tenantId, id, this.liveSince()) as { lastUsed: number } | undefined;
    if (!row) return false;
    this.touchIfStale(tenantId, id, row.lastUsed);
    return true;
  }

  /**
   * Records a use at most once per TOUCH_EVERY_MS per score: a read would otherwise be a durable write
   * (an fsync) every time, and expiry measured in days does not need millisecond precision.
   */
  private touchIfStale(tenantId: string, id: string, lastUsed: number): void {
    const now = this.now();
    const every = this.limits.ttlSeconds > 0 ? Math.min(TOUCH_EVERY_MS, this.limits.ttlSeconds * 100) : TOUCH_EVERY_MS;
    if (now - lastUsed >= every) this.statements.touch.run(now, tenantId, id);
  }

  async list(tenantId: string): Promise<readonly ScoreListing[]> {
    return (this.statements.list.all(tenantId, this.liveSince()) as Omit<Row, 'data'>[]).map((row) => toListing({ id: row.id, ...(JSON.parse(row.meta) as Meta) }));
  }

  async delete(tenantId: string, id: string): Promise<boolean> {
    return this.statements.remove.run(tenantId, id).changes > 0;
  }

  hold(tenantId: string, ids: readonly string[]): () => void {
    return this.holds.hold(tenantId, ids);
  }

  async usage(tenantId: string): Promise<TenantUsage> {
    return this.statements.usage.get(tenantId, this.liveSince()) as TenantUsage;
  }

  async deleteTenant(tenantId: string): Promise<number> {
    return this.statements.removeTenant.run(tenantId).changes;
  }

  async totals(): Promise<TenantUsage> {
    return this.statements.totals.get(this.liveSince()) as TenantUsage;
  }

  /** deletes expired scores; returns how many */
  sweep(): number {
    return this.limits.ttlSeconds > 0 ? this.statements.expire.run(this.liveSince()).changes : 0;
  }

  close(): void {
    this.db.close();
  }

  /** scores unused since before this instant have expired */
  private liveSince(): number {
    return this.limits.ttlSeconds > 0 ? this.now() - this.limits.ttlSeconds * 1000 : 0;
  }

  /** Inside the write transaction: least recently used first, skipping scores a call holds. */
  private evictBeyondTotal(writtenTenant: string, writtenId: string): void {
    let { bytes } = this.statements.totals.get(0) as TenantUsage;
    while (bytes > this.limits.maxTotalBytes) {
      const candidates = (this.statements.oldest.all() as { tenant: string; id: string; bytes: number }[]).filter(
        (row) => !this.holds.held(row.tenant, row.id) && !(row.tenant === writtenTenant && row.id === writtenId),
      );
      if (candidates.length === 0) return;
      for (const candidate of candidates) {
        if (bytes <= this.limits.maxTotalBytes) return;
        this.statements.remove.run(candidate.tenant, candidate.id);
        bytes -= candidate.bytes;
      }
    }
  }
}

function migrate(db: Db): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  for (let next = version; next < MIGRATIONS.length; next++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[next]!);
      db.pragma(`user_version = ${next + 1}`);
    }).immediate();
  }
}

function fromRow(row: Row): StoredScore {
  const meta = JSON.parse(row.meta) as Meta;
  return { id: row.id, ...meta, data: new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength) };
}
