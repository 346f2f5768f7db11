/**
 * Runs long tool calls as tasks: the record is stored before the caller gets its handle (so any replica can
 * answer tasks/get at once), the work runs in the background under its own abort signal, progress goes to
 * the record, and the CallToolResult is stored when it ends (unless it was cancelled meanwhile: an end is final). Bounded: a tenant's working tasks (counted in
 * the shared store, so round-robin does not evade it) and this process's running tasks.
 *
 * Durability: every runner beats a heartbeat into its tasks' records. A working task whose heartbeat has
 * stopped belonged to a process that died (kill -9, a crash, a lost machine): it is marked failed with a
 * message saying so, by whichever replica notices first (a sweep at start and on every beat, and on read),
 * never left working for ever. A task cancelled through another replica stops at its runner's next beat.
 */
import { CadenzaError } from '../../core/errors.js';
import type { ToolCall } from '../define-tool.js';
import { isTerminal, type TaskChange, type TaskRecord, type TaskRef, type TaskStore } from './task-store.js';

export interface TaskRunnerOptions {
  readonly store: TaskStore;
  /** this process, as records name their runner */
  readonly runnerId: string;
  readonly heartbeatMs: number;
  /** tasks this process runs at once, beyond which new ones are refused with BUSY */
  readonly maxRunning: number;
  readonly maxWorkingPerTenant: number;
  readonly defaultTtlMs: number;
  readonly maxTtlMs: number;
  readonly pollIntervalMs: number;
  /** how long a task's work may run (and wait for workers), summed; longer than an ordinary call's */
  readonly timeoutMs: number;
  readonly now: () => number;
  readonly newId: () => string;
  readonly log: { warn(details: Record<string, unknown>, message: string): void };
}

/** The work of one task: the tool call, given the task's own call (signal, progress); resolves to its CallToolResult. */
export type TaskWork = (call: ToolCall) => Promise<Record<string, unknown>>;

/** the JSON-RPC error of a task whose process died */
const ORPHANED = { code: -32603, message: 'The server running this task stopped (a restart or a crash) before it finished; its work was lost. Call the tool again.' };
const SHUT_DOWN = { code: -32603, message: 'The server shut down before this task finished; its work was stopped. Call the tool again.' };
/** JSON-RPC internal error */
const INTERNAL_ERROR = -32603;
const CANCELLED: TaskChange = { status: 'cancelled', statusMessage: 'Cancelled at the caller’s request; the work was stopped.' };
/** a runner that has not beaten for this many heartbeats is taken for dead */
const MISSED_BEATS = 3;
/** the shortest TTL a client may ask for: time enough to poll for the result */
const MIN_TTL_MS = 60_000;

interface Running {
  readonly ref: TaskRef;
  readonly controller: AbortController;
  done?: Promise<void>;
}

export class TaskRunner {
  private readonly running = new Map<string, Running>();
  private timer: ReturnType<typeof setInterval> | undefined;
  private closing = false;

  constructor(private readonly options: TaskRunnerOptions) {}

  /** starts the heartbeat (and the sweep for tasks of dead processes); once, after construction */
  start(): void {
    void this.beat();
    this.timer = setInterval(() => void this.beat(), this.options.heartbeatMs);
    this.timer.unref();
  }

  /** Records a task for the tool call and starts its work; resolves once the record is stored. */
  async create(tenantId: string, tool: string, work: TaskWork, requestedTtlMs?: number, owner?: string): Promise<TaskRecord> {
    const { options } = this;
    if (this.running.size >= options.maxRunning) {
      throw new CadenzaError('BUSY', `The server is running ${this.running.size} tasks, as many as it runs at once (CADENZA_MAX_TASKS).`, { retryAfterSeconds: 5 });
    }
    const now = options.now();
    const record: TaskRecord = {
      taskId: options.newId(),
      tenantId,
      tool,
      ...(owner === undefined ? {} : { owner }),
      status: 'working',
      statusMessage: `${tool} is running.`,
      createdAt: new Date(now).toISOString(),
      lastUpdatedAt: new Date(now).toISOString(),
      ttlMs: this.ttl(requestedTtlMs),
      pollIntervalMs: options.pollIntervalMs,
      runner: options.runnerId,
      heartbeatAt: now,
    };
    await options.store.create(record, options.maxWorkingPerTenant);
    const controller = new AbortController();
    const ref = { tenantId, taskId: record.taskId };
    const running: Running = { ref, controller };
    this.running.set(keyOf(ref), running);
    running.done = this.run(record, work, controller.signal);
    return record;
  }

  /** The task as it stands; a working task whose runner died reads (and is recorded) as failed. */
  async read(ref: TaskRef): Promise<TaskRecord> {
    const record = await this.options.store.get(ref);
    if (!record) throw notFound(ref.taskId);
    if (record.status === 'working' && this.isOrphan(record)) return (await this.failOrphan(ref)) ?? this.read(ref);
    return record;
  }

  /**
   * Cancels the task: recorded as cancelled at once, wherever it runs; its work stops now when this process
   * runs it, else at its runner's next heartbeat (which finds the task ended). A task that ended first keeps its end.
   */
  async cancel(ref: TaskRef): Promise<TaskRecord> {
    const record = await this.read(ref);
    if (isTerminal(record.status)) return record;
    const cancelled = await this.options.store.update(ref, { ...CANCELLED, lastUpdatedAt: new Date(this.options.now()).toISOString() });
    this.running.get(keyOf(ref))?.controller.abort();
    return cancelled ?? this.read(ref);
  }

  /** the tenant's tasks, newest first */
  list(tenantId: string, cursor: string | undefined, limit: number) {
    return this.options.store.list(tenantId, cursor, limit);
  }

  /** stops the heartbeat and the tasks still running here, which end as failed (the server stopped) */
  async close(): Promise<void> {
    clearInterval(this.timer);
    this.closing = true;
    const running = [...this.running.values()];
    for (const { controller } of running) controller.abort();
    await Promise.all(running.map(({ done }) => done));
  }

  private async run(record: TaskRecord, work: TaskWork, signal: AbortSignal): Promise<void> {
    const ref = { tenantId: record.tenantId, taskId: record.taskId };
    const call: ToolCall = {
      tenantId: record.tenantId,
      signal,
      progress: (done, total, message) => void this.change(ref, { statusMessage: `${message} (${done} of ${total})` }),
      timeoutMs: this.options.timeoutMs,
    };
    try {
      const result = await work(call);
      if (signal.aborted) await this.change(ref, this.stopped());
      else await this.change(ref, { status: 'completed', statusMessage: result.isError ? 'The tool answered with an error.' : 'Done.', result });
    } catch (error) {
      if (signal.aborted) await this.change(ref, this.stopped());
      else await this.change(ref, { status: 'failed', statusMessage: 'The task failed inside the server.', error: { code: INTERNAL_ERROR, message: (error as Error).message } });
    } finally {
      this.running.delete(keyOf(ref));
    }
  }

  /** how a task stopped by its signal ends: cancelled, unless the server is shutting down */
  private stopped(): TaskChange {
    return this.closing ? { status: 'failed', statusMessage: SHUT_DOWN.message, error: SHUT_DOWN } : CANCELLED;
  }

  private async change(ref: TaskRef, change: TaskChange): Promise<void> {
    try {
      await this.options.store.update(ref, { ...change, lastUpdatedAt: new Date(this.options.now()).toISOString() });
    } catch (error) {
      this.options.log.warn({ err: error, taskId: ref.taskId }, 'could not record a task’s progress');
    }
  }

  /** One heartbeat: mark this process's tasks alive, stop those cancelled elsewhere, fail those of dead processes. */
  private async beat(): Promise<void> {
    const { store, now } = this.options;
    try {
      const stop = await store.beat([...this.running.values()].map(({ ref }) => ref), now());
      for (const ref of stop) this.running.get(keyOf(ref))?.controller.abort();
      for (const ref of await store.stale(now() - MISSED_BEATS * this.options.heartbeatMs)) await this.failOrphan(ref);
    } catch (error) {
      this.options.log.warn({ err: error }, 'task heartbeat failed; retrying at the next one');
    }
  }

  private isOrphan(record: TaskRecord): boolean {
    if (record.runner === this.options.runnerId) return !this.running.has(keyOf(record));
    return record.heartbeatAt < this.options.now() - MISSED_BEATS * this.options.heartbeatMs;
  }

  private failOrphan(ref: TaskRef): Promise<TaskRecord | undefined> {
    return this.options.store.update(ref, {
      status: 'failed',
      statusMessage: ORPHANED.message,
      error: ORPHANED,
      lastUpdatedAt: new Date(this.options.now()).toISOString(),
    });
  }

  private ttl(requested: number | undefined): number {
    const { defaultTtlMs, maxTtlMs } = this.options;
    if (requested === undefined) return defaultTtlMs;
    return Math.min(maxTtlMs, Math.max(MIN_TTL_MS, Math.round(requested)));
  }
}

function keyOf(ref: TaskRef): string {
  return JSON.stringify([ref.tenantId, ref.taskId]);
}

export function notFound(taskId: string): CadenzaError {
  return new CadenzaError('TASK_NOT_FOUND', `No task "${taskId.slice(0, 100)}" (it never existed, belongs to someone else, or its TTL has passed).`);
}
