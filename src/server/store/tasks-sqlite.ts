/**
 * Task records in a SQLite file beside the score store (WAL, full synchronous commits: a task handed out
 * exists after a crash, and so does a result once recorded). Several processes may share the file; the
 * heartbeat column says which tasks still have a live runner. With a sealer the record (its result
 * included) is encrypted; the columns beside it (status, times) are what the queries need.
 */
import type { Database as Db } from 'better-sqlite3';
import { CadenzaError } from '../../core/errors.js';
import type { TaskChange, TaskPage, TaskRecord, TaskRef, TaskStore } from '../../mcp/tasks/task-store.js';
import { checkTenantId } from './keys.js';
import { openDatabaseFile } from './sqlite-file.js';
import { openTaskValue, sealTaskValue } from './task-sealing.js';
import type { Sealer } from './sealing.js';

interface Row {
  readonly tenant: string;
  readonly id: string;
  readonly record: string | Buffer;
  readonly heartbeat_at: number;
}

export class SqliteTaskStore implements TaskStore {
  private readonly db: Db;

  constructor(
    file: string,
    private readonly now: () => number = Date.now,
    private readonly sealer?: Sealer,
  ) {
    this.db = openDatabaseFile(file, (db) => {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma('busy_timeout = 5000');
      db.exec(`CREATE TABLE IF NOT EXISTS tasks (
         tenant TEXT NOT NULL,
         id TEXT NOT NULL,
         status TEXT NOT NULL,
         record TEXT NOT NULL,
         created_at INTEGER NOT NULL,
         expires_at INTEGER NOT NULL,
         heartbeat_at INTEGER NOT NULL,
         PRIMARY KEY (tenant, id)
       ) WITHOUT ROWID;
       CREATE INDEX IF NOT EXISTS tasks_working ON tasks (status, heartbeat_at);
       CREATE INDEX IF NOT EXISTS tasks_expiry ON tasks (expires_at);
       CREATE INDEX IF NOT EXISTS tasks_by_tenant ON tasks (tenant, created_at);`);
    }).db;
  }

  async create(record: TaskRecord, maxWorkingPerTenant: number): Promise<void> {
    const tenant = checkTenantId(record.tenantId);
    const created = Date.parse(record.createdAt);
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM tasks WHERE expires_at <= ?').run(this.now());
      const { working } = this.db.prepare("SELECT count(*) AS working FROM tasks WHERE tenant = ? AND status = 'working'").get(tenant) as { working: number };
      if (working >= maxWorkingPerTenant) throw tooMany(working);
      this.db
        .prepare('INSERT INTO tasks (tenant, id, status, record, created_at, expires_at, heartbeat_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(tenant, record.taskId, record.status, this.sealed(record), created, created + record.ttlMs, record.heartbeatAt);
    }).immediate();
  }

  async get(ref: TaskRef): Promise<TaskRecord | undefined> {
    const row = this.db.prepare('SELECT tenant, id, record, heartbeat_at FROM tasks WHERE tenant = ? AND id = ? AND expires_at > ?').get(checkTenantId(ref.tenantId), ref.taskId, this.now()) as Row | undefined;
    return row ? this.toRecord(row) : undefined;
  }

  async list(tenantId: string, cursor: string | undefined, limit: number): Promise<TaskPage> {
    const offset = cursor === undefined ? 0 : offsetOf(cursor);
    const rows = this.db
      .prepare('SELECT tenant, id, record, heartbeat_at FROM tasks WHERE tenant = ? AND expires_at > ? ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?')
      .all(checkTenantId(tenantId), this.now(), limit + 1, offset) as Row[];
    const tasks = rows.slice(0, limit).map((row) => this.toRecord(row));
    return rows.length > limit ? { tasks, nextCursor: String(offset + limit) } : { tasks };
  }

  async update(ref: TaskRef, change: TaskChange): Promise<TaskRecord | undefined> {
    const tenant = checkTenantId(ref.tenantId);
    return this.db.transaction(() => {
      const row = this.db.prepare("SELECT tenant, id, record, heartbeat_at FROM tasks WHERE tenant = ? AND id = ? AND expires_at > ? AND status = 'working'").get(tenant, ref.taskId, this.now()) as Row | undefined;
      if (!row) return undefined;
      const updated: TaskRecord = { ...this.toRecord(row), ...change };
      this.db.prepare('UPDATE tasks SET status = ?, record = ?, heartbeat_at = ? WHERE tenant = ? AND id = ?').run(updated.status, this.sealed(updated), updated.heartbeatAt, tenant, ref.taskId);
      return updated;
    }).immediate();
  }

  async beat(refs: readonly TaskRef[], at: number): Promise<readonly TaskRef[]> {
    if (refs.length === 0) return [];
    const stop: TaskRef[] = [];
    this.db.transaction(() => {
      for (const ref of refs) {
        const tenant = checkTenantId(ref.tenantId);
        this.db.prepare("UPDATE tasks SET heartbeat_at = ? WHERE tenant = ? AND id = ? AND status = 'working'").run(at, tenant, ref.taskId);
        const row = this.db.prepare('SELECT status FROM tasks WHERE tenant = ? AND id = ?').get(tenant, ref.taskId) as { status: string } | undefined;
        if (!row || row.status !== 'working') stop.push(ref);
      }
    }).immediate();
    return stop;
  }

  async stale(before: number): Promise<readonly TaskRef[]> {
    const rows = this.db.prepare("SELECT tenant, id FROM tasks WHERE status = 'working' AND heartbeat_at < ? AND expires_at > ?").all(before, this.now()) as Array<{ tenant: string; id: string }>;
    return rows.map((row) => ({ tenantId: row.tenant, taskId: row.id }));
  }

  async close(): Promise<void> {
    this.db.close();
  }

  private sealed(record: TaskRecord): string | Buffer {
    return sealTaskValue(this.sealer, record.tenantId, record.taskId, JSON.stringify(record));
  }

  private toRecord(row: Row): TaskRecord {
    return { ...(JSON.parse(openTaskValue(this.sealer, row.tenant, row.id, row.record)) as TaskRecord), heartbeatAt: row.heartbeat_at };
  }
}

/** a list cursor is the offset of the next page, as a string of digits */
export function offsetOf(cursor: string): number {
  if (!/^\d{1,9}$/.test(cursor)) throw new CadenzaError('INVALID_ARGUMENT', 'That cursor was not given by tasks/list.');
  return Number(cursor);
}

export function tooMany(working: number): CadenzaError {
  return new CadenzaError('TOO_MANY_TASKS', `You have ${working} tasks working, as many as one tenant may (CADENZA_MAX_TASKS_PER_TENANT).`, { retryAfterSeconds: 5 });
}
