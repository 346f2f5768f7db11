/**
 * The default store: one SQLite file (better-sqlite3) under the data folder, in WAL mode with full
 * synchronous commits, so an acknowledged import survives a crash of the process (or the machine).
 * Scores expire after a TTL without use; past the total byte budget the least recently used scores of
 * the tenant holding the most bytes (that no call is using) are evicted, so one tenant's imports never
 * push out a smaller tenant's scores. Several processes may share the file. Each score carries a
 * checksum verified on every read, and SQLite's quick_check runs at start and for health: damage is
 * reported (STORE_CORRUPT, /ready false), never served. With a sealer, meta, data and kept versions are
 * encrypted (score-row.ts); a record under a retired key is rewritten under the current one when read.
 */
import type { Database as Db, Statement } from 'better-sqlite3';
import { CadenzaError } from '../../core/errors.js';
import type { PastVersion, Revision, ScoreListing, ScoreStore, StoredScore, TenantUsage } from '../../mcp/ports.js';
import { scoreChecksum } from './checksum.js';
import { DamageLog } from './damage.js';
import { DamagedRecord, ScoreRowCodec } from './score-row.js';
import type { Sealer } from './sealing.js';
import { ScoreHolds } from './holds.js';
import { checkTenantId, tenantScoreKey } from './keys.js';
import { toListing } from './memory.js';
import { checkQuota, checkRevisionQuota, droppedOldest, historyBounds, scoreExists, versionConflict, type StoreLimits } from './quotas.js';
import { isDamage, openDatabaseFile } from './sqlite-file.js';
import { IntegrityCheck } from './sqlite-integrity.js';

/** Schema migrations, by the user_version they lead to; a newer Cadenza upgrades an older file. */
const MIGRATIONS: readonly ((db: Db) => void)[] = [
  (db) =>
    db.exec(`CREATE TABLE scores (
       tenant TEXT NOT NULL,
       id TEXT NOT NULL,
       meta TEXT NOT NULL,
       data BLOB NOT NULL,
       bytes INTEGER NOT NULL,
       last_used INTEGER NOT NULL,
       PRIMARY KEY (tenant, id)
     ) WITHOUT ROWID;
     CREATE INDEX scores_last_used ON scores (last_used);`),
  (db) => {
    db.exec('ALTER TABLE scores ADD COLUMN checksum TEXT');
    const fill = db.prepare('UPDATE scores SET checksum = ? WHERE tenant = ? AND id = ?');
    for (const row of db.prepare('SELECT tenant, id, meta, data FROM scores').all() as Array<{ tenant: string; id: string; meta: string; data: Buffer }>) {
      fill.run(scoreChecksum(row.meta, row.data), row.tenant, row.id);
    }
  },
  // versions: the current one's number beside each score, the older ones (packed by history-entry.ts) in
  // a table of their own, deleted with their score however it goes (delete, expiry, eviction)
  (db) =>
    db.exec(`ALTER TABLE scores ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
     CREATE TABLE history (
       tenant TEXT NOT NULL,
       id TEXT NOT NULL,
       version INTEGER NOT NULL,
       entry BLOB NOT NULL,
       bytes INTEGER NOT NULL,
       PRIMARY KEY (tenant, id, version)
     ) WITHOUT ROWID;
     CREATE TRIGGER scores_history_gone AFTER DELETE ON scores BEGIN
       DELETE FROM history WHERE tenant = OLD.tenant AND id = OLD.id;
     END;`),
  // what a cache hit asks on every call (the version, the last use): a score's columns sit after its data in
  // the row, so reading them from the table walks the data's overflow pages (145 µs on a 60 KB score; 7 µs here)
  (db) => db.exec('CREATE INDEX scores_version ON scores (tenant, id, version, last_used, bytes)'),
];

/** how stale a score's last-use time may get before a read writes the new one (at most a tenth of the TTL) */
const TOUCH_EVERY_MS = 60_000;

interface Row {
  readonly id: string;
  readonly meta: string | Buffer;
  readonly data: Buffer;
  readonly checksum: string | null;
  readonly lastUsed: number;
}
type StatementName =
  | 'get'
  | 'existing'
  | 'lastUsed'
  | 'touch'
  | 'list'
  | 'remove'
  | 'usage'
  | 'totals'
  | 'insert'
  | 'removeTenant'
  | 'expire'
  | 'tenantsByBytes'
  | 'oldestOf'
  | 'current'
  | 'replace'
  | 'addPast'
  | 'pastSizes'
  | 'dropPast'
  | 'history'
  | 'reseal'
  | 'resealPast';

export class SqliteScoreStore implements ScoreStore {
  private readonly db: Db;
  private readonly statements: Record<StatementName, Statement>;
  private readonly holds = new ScoreHolds();
  private readonly damage = new DamageLog();
  private readonly integrity: IntegrityCheck;
  /** found in the write-ahead log at start, reported for the life of this process (a copy of the log is kept) */
  private readonly walDamage: readonly string[];
  private readonly codec: ScoreRowCodec;

  constructor(
    private readonly file: string,
    private readonly limits: StoreLimits,
    private readonly now: () => number = Date.now,
    sealer?: Sealer,
  ) {
    this.codec = new ScoreRowCodec(sealer);
    const opened = openDatabaseFile(file, (db) => {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma('busy_timeout = 5000');
      // sealed: what a rewrite replaces (a plain record, one under a retired key) is zeroed, not left in free pages
      if (sealer) db.pragma('secure_delete = ON');
      migrate(db);
    });
    this.db = opened.db;
    this.walDamage = opened.walDamage;
    this.integrity = new IntegrityCheck(this.db, file);
    this.integrity.run();
    this.statements = prepareStatements(this.db);
  }

  async put(tenantId: string, entry: StoredScore): Promise<void> {
    tenantScoreKey(tenantId, entry.id);
    const { id, data } = entry;
    const row = this.codec.encode(tenantId, entry);
    const checksum = row.sum;
    const write = this.db.transaction(() => {
      const existing = this.statements.existing.get(tenantId, id) as Pick<Row, 'checksum' | 'lastUsed'> | undefined;
      if (existing && existing.lastUsed >= this.liveSince()) {
        if (existing.checksum === checksum) return;
        throw scoreExists(id);
      }
      // an expired score not yet swept gives its id up
      if (existing) this.statements.remove.run(tenantId, id);
      checkQuota(this.limits, this.statements.usage.get(tenantId, this.liveSince()) as TenantUsage, data.byteLength);
      this.statements.insert.run(tenantId, id, row.meta, row.data, data.byteLength, this.now(), checksum);
      this.evictBeyondTotal(tenantId, id);
    });
    this.guard(() => write.immediate());
  }

  async get(tenantId: string, id: string): Promise<StoredScore | undefined> {
    tenantScoreKey(tenantId, id);
    const row = this.guard(() => this.statements.get.get(tenantId, id, this.liveSince()) as Row | undefined);
    if (!row) return undefined;
    const { entry, stale } = this.decoded(tenantId, id, () => this.codec.decode(tenantId, id, { meta: row.meta, data: row.data, sum: row.checksum }));
    this.guard(() => this.touchIfStale(tenantId, id, row.lastUsed));
    if (stale) this.reseal(tenantId, entry, row.checksum);
    return entry;
  }

  /** writes a score read under a retired key (or before encryption) again under the current key, unless it changed meanwhile */
  private reseal(tenantId: string, entry: StoredScore, checksum: string | null): void {
    const row = this.codec.encode(tenantId, entry);
    this.guard(() => this.statements.reseal.run(row.meta, row.data, row.sum, tenantId, entry.id, checksum));
  }

  /** runs a decode; a damaged or unreadable record becomes STORE_CORRUPT naming the score (and health learns of it) */
  private decoded<T>(tenantId: string, id: string, decode: () => T): T {
    try {
      return decode();
    } catch (error) {
      if (error instanceof DamagedRecord) throw this.damage.damagedScore(tenantId, id, this.file, error.message);
      throw error;
    }
  }

  async touch(tenantId: string, id: string): Promise<boolean> {
    tenantScoreKey(tenantId, id);
    return this.guard(() => {
      const row = this.statements.lastUsed.get(tenantId, id, this.liveSince()) as { lastUsed: number } | undefined;
      if (!row) return false;
      this.touchIfStale(tenantId, id, row.lastUsed);
      return true;
    });
  }

  async currentVersion(tenantId: string, id: string): Promise<number | undefined> {
    tenantScoreKey(tenantId, id);
    return this.guard(() => {
      const row = this.statements.current.get(tenantId, id, this.liveSince()) as { version: number; lastUsed: number } | undefined;
      if (!row) return undefined;
      this.touchIfStale(tenantId, id, row.lastUsed);
      return row.version;
    });
  }

  async commit(tenantId: string, { entry, baseVersion, replaced }: Revision): Promise<void> {
    tenantScoreKey(tenantId, entry.id);
    const { id, data } = entry;
    const stored = this.codec.encode(tenantId, entry);
    const past = this.codec.encodePast(tenantId, id, replaced);
    const write = this.db.transaction(() => {
      const row = this.statements.current.get(tenantId, id, this.liveSince()) as { version: number; bytes: number } | undefined;
      if (!row) throw new CadenzaError('SCORE_NOT_FOUND', `No score with id "${id}".`);
      if (row.version !== baseVersion) throw versionConflict(id, baseVersion, row.version);
      this.statements.addPast.run(tenantId, id, baseVersion, past.stored, past.bytes);
      const sizes = this.statements.pastSizes.all(tenantId, id) as { version: number; bytes: number }[];
      const drop = droppedOldest(sizes.map((size) => size.bytes), historyBounds(this.limits));
      if (drop > 0) this.statements.dropPast.run(tenantId, id, sizes[drop - 1]!.version);
      const bytes = data.byteLength + sizes.slice(drop).reduce((sum, size) => sum + size.bytes, 0);
      checkRevisionQuota(this.limits, this.statements.usage.get(tenantId, this.liveSince()) as TenantUsage, row.bytes, bytes);
      this.statements.replace.run(stored.meta, stored.data, bytes, this.now(), stored.sum, entry.revision?.version ?? baseVersion + 1, tenantId, id);
      this.evictBeyondTotal(tenantId, id);
    });
    this.guard(() => write.immediate());
  }

  async history(tenantId: string, id: string): Promise<readonly PastVersion[]> {
    tenantScoreKey(tenantId, id);
    const rows = this.guard(() => this.statements.history.all(tenantId, id) as { version: number; entry: Buffer }[]);
    return rows.map((row) => {
      const { past, stale } = this.decoded(tenantId, id, () => this.codec.decodePast(tenantId, id, row.entry));
      if (stale) this.guard(() => this.statements.resealPast.run(this.codec.encodePast(tenantId, id, past).stored, tenantId, id, row.version, row.entry));
      return past;
    });
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
    checkTenantId(tenantId);
    const rows = this.guard(() => this.statements.list.all(tenantId, this.liveSince()) as Pick<Row, 'id' | 'meta'>[]);
    return rows.map((row) => toListing({ id: row.id, ...this.decoded(tenantId, row.id, () => this.codec.decodeMeta(tenantId, row.id, row.meta)) }));
  }

  async delete(tenantId: string, id: string): Promise<boolean> {
    tenantScoreKey(tenantId, id);
    this.damage.forget(tenantId, id);
    return this.guard(() => this.statements.remove.run(tenantId, id).changes > 0);
  }

  hold(tenantId: string, ids: readonly string[]): () => void {
    return this.holds.hold(tenantId, ids);
  }

  async usage(tenantId: string): Promise<TenantUsage> {
    checkTenantId(tenantId);
    return this.guard(() => this.statements.usage.get(tenantId, this.liveSince()) as TenantUsage);
  }

  async deleteTenant(tenantId: string): Promise<number> {
    checkTenantId(tenantId);
    return this.guard(() => this.statements.removeTenant.run(tenantId).changes);
  }

  async totals(): Promise<TenantUsage> {
    return this.guard(() => this.statements.totals.get(this.liveSince()) as TenantUsage);
  }

  /** damage in the write-ahead log at start, quick_check's findings (re-run at most every 30 s), scores whose checksum failed */
  async problems(): Promise<readonly string[]> {
    return [...this.walDamage, ...this.integrity.latest(), ...this.damage.list()];
  }

  /** deletes expired scores; returns how many */
  sweep(): number {
    return this.limits.ttlSeconds > 0 ? this.guard(() => this.statements.expire.run(this.liveSince()).changes) : 0;
  }

  /** copies the live database to `destination` with SQLite's online backup API (writers carry on meanwhile) */
  async backup(destination: string): Promise<void> {
    await this.db.backup(destination);
  }

  close(): void {
    this.db.close();
  }

  /** scores unused since before this instant have expired */
  private liveSince(): number {
    return this.limits.ttlSeconds > 0 ? this.now() - this.limits.ttlSeconds * 1000 : 0;
  }

  /** runs a statement; SQLite reporting a damaged file becomes STORE_CORRUPT naming it (and health learns of it) */
  private guard<T>(statement: () => T): T {
    try {
      return statement();
    } catch (error) {
      if (!isDamage(error)) throw error;
      this.integrity.run();
      throw new CadenzaError('STORE_CORRUPT', `The score database ${this.file} is damaged: ${(error as Error).message}.`, { cause: error });
    }
  }

  /**
   * Inside the write transaction, while the store is past its budget: the least recently used score of
   * the tenant holding the most bytes, skipping scores a call holds and the one just written. Whoever
   * takes the most room gives room back first, so a tenant's imports evict its own scores before any
   * smaller tenant's.
   */
  private evictBeyondTotal(writtenTenant: string, writtenId: string): void {
    let { bytes } = this.statements.totals.get(0) as TenantUsage;
    while (bytes > this.limits.maxTotalBytes) {
      const victim = this.nextToEvict(writtenTenant, writtenId);
      if (!victim) return;
      this.statements.remove.run(victim.tenant, victim.id);
      bytes -= victim.bytes;
    }
  }

  private nextToEvict(writtenTenant: string, writtenId: string): { tenant: string; id: string; bytes: number } | undefined {
    const tenants = (this.statements.tenantsByBytes.all() as { tenant: string; bytes: number }[]).sort(
      (a, b) => b.bytes - a.bytes || Number(b.tenant === writtenTenant) - Number(a.tenant === writtenTenant),
    );
    for (const { tenant } of tenants) {
      const candidates = this.statements.oldestOf.all(tenant) as { id: string; bytes: number }[];
      const victim = candidates.find((row) => !this.holds.held(tenant, row.id) && !(tenant === writtenTenant && row.id === writtenId));
      if (victim) return { tenant, ...victim };
    }
    return undefined;
  }
}

function prepareStatements(db: Db): Record<StatementName, Statement> {
  return {
    get: db.prepare('SELECT id, meta, data, checksum, last_used AS lastUsed FROM scores WHERE tenant = ? AND id = ? AND last_used >= ?'),
    existing: db.prepare('SELECT checksum, last_used AS lastUsed FROM scores WHERE tenant = ? AND id = ?'),
    lastUsed: db.prepare('SELECT last_used AS lastUsed FROM scores INDEXED BY scores_version WHERE tenant = ? AND id = ? AND last_used >= ?'),
    touch: db.prepare('UPDATE scores SET last_used = ? WHERE tenant = ? AND id = ?'),
    list: db.prepare('SELECT id, meta FROM scores WHERE tenant = ? AND last_used >= ? ORDER BY id'),
    remove: db.prepare('DELETE FROM scores WHERE tenant = ? AND id = ?'),
    usage: db.prepare('SELECT COUNT(*) AS scores, COALESCE(SUM(bytes), 0) AS bytes FROM scores WHERE tenant = ? AND last_used >= ?'),
    totals: db.prepare('SELECT COUNT(*) AS scores, COALESCE(SUM(bytes), 0) AS bytes FROM scores WHERE last_used >= ?'),
    // plain INSERT: a put never replaces a stored score (the primary key refuses a second one)
    insert: db.prepare('INSERT INTO scores (tenant, id, meta, data, bytes, last_used, checksum) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    removeTenant: db.prepare('DELETE FROM scores WHERE tenant = ?'),
    expire: db.prepare('DELETE FROM scores WHERE last_used < ?'),
    tenantsByBytes: db.prepare('SELECT tenant, SUM(bytes) AS bytes FROM scores GROUP BY tenant'),
    oldestOf: db.prepare('SELECT id, bytes FROM scores WHERE tenant = ? ORDER BY last_used LIMIT 64'),
    current: db.prepare('SELECT version, bytes, last_used AS lastUsed FROM scores INDEXED BY scores_version WHERE tenant = ? AND id = ? AND last_used >= ?'),
    replace: db.prepare('UPDATE scores SET meta = ?, data = ?, bytes = ?, last_used = ?, checksum = ?, version = ? WHERE tenant = ? AND id = ?'),
    addPast: db.prepare('INSERT INTO history (tenant, id, version, entry, bytes) VALUES (?, ?, ?, ?, ?)'),
    pastSizes: db.prepare('SELECT version, bytes FROM history WHERE tenant = ? AND id = ? ORDER BY version'),
    dropPast: db.prepare('DELETE FROM history WHERE tenant = ? AND id = ? AND version <= ?'),
    history: db.prepare('SELECT version, entry FROM history WHERE tenant = ? AND id = ? ORDER BY version'),
    // compare-and-set on the checksum read: a commit in between keeps its own (already current) record
    reseal: db.prepare('UPDATE scores SET meta = ?, data = ?, checksum = ? WHERE tenant = ? AND id = ? AND checksum IS ?'),
    resealPast: db.prepare('UPDATE history SET entry = ? WHERE tenant = ? AND id = ? AND version = ? AND entry = ?'),
  };
}

function migrate(db: Db): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  for (let next = version; next < MIGRATIONS.length; next++) {
    db.transaction(() => {
      MIGRATIONS[next]!(db);
      db.pragma(`user_version = ${next + 1}`);
    }).immediate();
  }
}
