/**
 * A task as Cadenza keeps it: one long tool call run in the background, its state and, once done, its
 * result, kept per tenant with a TTL (the server layer stores them in SQLite or Redis, beside the scores).
 */

export const TASK_STATUSES = ['working', 'completed', 'failed', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** a JSON-RPC error, as a failed task carries it */
export interface TaskError {
  readonly code: number;
  readonly message: string;
}

export interface TaskRecord {
  readonly taskId: string;
  readonly tenantId: string;
  readonly tool: string;
  /** the member who started it (their subject) when their roles were limited to some workspaces; only they see it */
  readonly owner?: string;
  readonly status: TaskStatus;
  /** progress while working ("Analysing 12 of 40 scores"), or why it ended */
  readonly statusMessage?: string;
  /** ISO 8601 */
  readonly createdAt: string;
  /** ISO 8601 */
  readonly lastUpdatedAt: string;
  /** kept this long after creation, then forgotten */
  readonly ttlMs: number;
  readonly pollIntervalMs: number;
  /** the tool's CallToolResult, once completed (a tool error is a completed task whose result has isError) */
  readonly result?: Record<string, unknown>;
  /** once failed: what broke outside the tool (the process running it died, an internal fault) */
  readonly error?: TaskError;
  /** the process running it, and when that process last said it still is (epoch ms) */
  readonly runner: string;
  readonly heartbeatAt: number;
}

/** Names one task of one tenant. */
export interface TaskRef {
  readonly tenantId: string;
  readonly taskId: string;
}

/** What may change on a working task: progress, or its end (with result or error). */
export type TaskChange = Partial<Pick<TaskRecord, 'status' | 'statusMessage' | 'lastUpdatedAt' | 'result' | 'error' | 'heartbeatAt'>>;

export interface TaskPage {
  readonly tasks: readonly TaskRecord[];
  readonly nextCursor?: string;
}

/** Task records per tenant; a tenant never sees, lists or changes another's. */
export interface TaskStore {
  /** records a new working task; throws TOO_MANY_TASKS when the tenant already has `maxWorkingPerTenant` working */
  create(record: TaskRecord, maxWorkingPerTenant: number): Promise<void>;
  /** undefined when it does not exist, belongs to another tenant, or has outlived its TTL */
  get(ref: TaskRef): Promise<TaskRecord | undefined>;
  /** the tenant's tasks, newest first, a page at a time */
  list(tenantId: string, cursor: string | undefined, limit: number): Promise<TaskPage>;
  /** changes a working task; undefined when it does not exist or has already ended (an end is final) */
  update(ref: TaskRef, change: TaskChange): Promise<TaskRecord | undefined>;
  /** marks the runner's tasks alive at `at`; returns those of them that have ended (cancelled elsewhere) or are gone */
  beat(refs: readonly TaskRef[], at: number): Promise<readonly TaskRef[]>;
  /** working tasks of every tenant whose runner has not beaten since `before` (epoch ms): their process died */
  stale(before: number): Promise<readonly TaskRef[]>;
  close(): Promise<void>;
}

export function isTerminal(status: TaskStatus): boolean {
  return status !== 'working';
}
