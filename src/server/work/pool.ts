/**
 * The worker-thread pool (piscina) where parsing and analysis run, so one heavy score never stalls the
 * event loop. Each call has two budgets, summed over all the tasks it sends (analyze_corpus sends one per
 * score): time waiting for a free worker (queue deadline) and time running (run deadline); the error says
 * which ran out. Tasks follow the client's cancellation; a full queue refuses new work with BUSY at once
 * instead of growing without bound; at the end of a shutdown's grace, tasks still running are stopped
 * with the retryable SHUTTING_DOWN.
 */
import { createRequire } from 'node:module';
import type { Piscina } from 'piscina';
import { CadenzaError } from '../../core/errors.js';
import type { ScoreFormat } from '../../formats/read-score.js';
import type { ToolCall, ToolResult } from '../../mcp/define-tool.js';
import type { CatalogueEntry, ParsedForStore, ScoreWork, StoredScore } from '../../mcp/ports.js';
import { scoreKey } from '../../mcp/decoded-scores.js';
import { InlineWork } from '../../mcp/inline-work.js';
import { NATIVE_CODEC } from '../native-zlib.js';
import { isLightCall } from '../../mcp/score-tools.js';
import { withoutData } from '../../mcp/work.js';
import type { ScoreReport } from '../../mcp/score-report.js';
import type { RenderOptions, Rendered } from '../../mcp/render.js';
import type { AudioRenderOptions, RenderedAudio } from '../../mcp/render-audio.js';
import type { TranscribedAudio } from '../../mcp/transcribe-audio.js';
import type { AudioReply, ComputeReply, ParseReply, RenderReply, ReportReply, ScoreRef, TranscribeReply, WorkFailure, WorkTask } from './protocol.js';
import { WorkerSlots } from './slots.js';

type Reply = ParseReply | ComputeReply | ReportReply | RenderReply | AudioReply | TranscribeReply;

export interface PoolOptions {
  readonly threads: number;
  /** tasks waiting for a thread beyond which new work is refused */
  readonly maxQueue: number;
  /** run deadline: how long one call's tasks may run, summed */
  readonly timeoutMs: number;
  /** queue deadline: how long one call's tasks may wait for a worker, summed (default: the run deadline) */
  readonly queueTimeoutMs?: number;
  /** per worker: decoded scores kept, by their estimated size in memory */
  readonly cacheBytes: number;
  /** per worker: V8 old-generation limit in MB */
  readonly heapMb?: number;
  /** the compiled worker module; tests running TypeScript sources point it at dist/ */
  readonly workerFile?: string | URL;
  /** told when a worker thread dies outside a task (its tasks fail on their own); default: ignored */
  readonly onWorkerError?: (error: Error) => void;
  /**
   * Start the threads with the first task instead of at once (default false). A stdio server's client may
   * never call a tool that needs a worker, and threads starting beside it slowed its answer to `initialize`.
   */
  readonly startOnFirstTask?: boolean;
}

export interface PoolStats {
  readonly threads: number;
  readonly queued: number;
  /** share of the pool's capacity used since it started, 0 … 1 */
  readonly utilization: number;
  readonly completed: number;
}

const RETRY_AFTER_SECONDS = 2;

/** What one call has spent so far, over all its tasks. */
interface CallBudget {
  queuedMs: number;
  ranMs: number;
}

export class PoolWork implements ScoreWork {
  /** absent until started: at once, or with the first task (options.startOnFirstTask) */
  private started: Piscina<WorkTask, Reply> | undefined;
  private cacheObserver: (hit: boolean) => void = () => undefined;
  /**
   * Tasks submitted and not finished. The bound is ours: piscina's maxQueue does not count tasks that
   * carry an AbortSignal (it parks them in a separate queue), and every task here carries one.
   */
  private pending = 0;
  private readonly slots: WorkerSlots;
  /** keyed by the call object, which lives exactly as long as the tool call */
  private readonly budgets = new WeakMap<ToolCall, CallBudget>();
  /** fires when shutdown's grace ends */
  private readonly stopping = new AbortController();
  /** light calls on small scores, where the hop to a worker would cost more than the work */
  private readonly inline = new InlineWork(undefined, NATIVE_CODEC);

  constructor(private readonly options: PoolOptions) {
    this.slots = new WorkerSlots(options.threads);
    if (!options.startOnFirstTask) this.pool();
  }

  /** the piscina pool, its threads started on the first call */
  private pool(): Piscina<WorkTask, Reply> {
    if (this.started) return this.started;
    const { options } = this;
    const filename = options.workerFile ?? new URL('./worker.js', import.meta.url);
    // required here, not imported: piscina and the builtins it loads cost a stdio server's start when no task comes
    const { Piscina: Pool } = createRequire(import.meta.url)('piscina') as { Piscina: typeof Piscina };
    this.started = new Pool<WorkTask, Reply>({
      filename: filename instanceof URL ? filename.href : filename,
      minThreads: options.threads,
      maxThreads: options.threads,
      workerData: { cacheBytes: options.cacheBytes },
      ...(options.heapMb ? { resourceLimits: { maxOldGenerationSizeMb: options.heapMb } } : {}),
    });
    // without a listener, a worker dying between tasks would be an unhandled 'error' event: a crash
    this.started.on('error', (error: Error) => options.onWorkerError?.(error));
    return this.started;
  }

  async parse(bytes: Uint8Array, format: ScoreFormat, call: ToolCall, catalogue?: CatalogueEntry): Promise<ParsedForStore> {
    const reply = (await this.run({ kind: 'parse', bytes, format, ...(catalogue ? { catalogue } : {}) }, call)) as ParseReply;
    return 'parsed' in reply ? reply.parsed : rethrow(reply);
  }

  async compute(tool: string, input: unknown, scores: readonly StoredScore[], call: ToolCall): Promise<ToolResult<unknown>> {
    if (runsInline(tool, input, scores)) return this.inline.compute(tool, input, scores, call);
    const refs: ScoreRef[] = scores.map((stored) => ({ key: scoreKey(call.tenantId, stored) }));
    let reply = (await this.run({ kind: 'compute', tool, input, scores: refs }, call)) as ComputeReply;
    this.cacheObserver(!('missing' in reply));
    if ('missing' in reply) {
      const missing = new Set(reply.missing);
      const withData = refs.map((ref, index) => (missing.has(ref.key) ? { ...ref, stored: withoutData(scores[index]!), data: scores[index]!.data } : ref));
      reply = (await this.run({ kind: 'compute', tool, input, scores: withData }, call)) as ComputeReply;
    }
    if ('missing' in reply) throw new CadenzaError('INTERNAL', 'A worker lost a score it was just given.');
    return 'result' in reply ? reply.result : rethrow(reply);
  }

  /** told, per compute call, whether the worker already held the scores */
  onCacheLookup(observer: (hit: boolean) => void): void {
    this.cacheObserver = observer;
  }

  async report(source: string, bytes: Uint8Array, format: ScoreFormat, call: ToolCall): Promise<ScoreReport> {
    const reply = (await this.run({ kind: 'report', source, bytes, format }, call)) as ReportReply;
    return 'report' in reply ? reply.report : rethrow(reply);
  }

  async render(stored: StoredScore, options: RenderOptions, call: ToolCall): Promise<Rendered> {
    const reply = (await this.run({ kind: 'render', data: stored.data, options }, call)) as RenderReply;
    return 'rendered' in reply ? reply.rendered : rethrow(reply);
  }

  async renderAudio(stored: StoredScore, options: AudioRenderOptions, call: ToolCall): Promise<RenderedAudio> {
    const reply = (await this.run({ kind: 'audio', data: stored.data, options }, call)) as AudioReply;
    return 'audio' in reply ? reply.audio : rethrow(reply);
  }

  async transcribe(bytes: Uint8Array, title: string, call: ToolCall): Promise<TranscribedAudio> {
    const reply = (await this.run({ kind: 'transcribe', bytes, title }, call)) as TranscribeReply;
    return 'transcribed' in reply ? reply.transcribed : rethrow(reply);
  }

  stats(): PoolStats {
    const pool = this.started;
    return { threads: pool?.threads.length ?? 0, queued: this.slots.queued, utilization: pool?.utilization ?? 0, completed: pool?.completed ?? 0 };
  }

  /** Stops every queued and running task with the retryable SHUTTING_DOWN, and refuses new ones: the end of shutdown's grace. */
  stopRunning(): void {
    this.stopping.abort();
  }

  /** waits for queued and running tasks, then stops the threads */
  async close(): Promise<void> {
    await this.started?.close();
  }

  private async run(task: WorkTask, call: ToolCall): Promise<Reply> {
    if (this.stopping.signal.aborted) throw shuttingDown();
    if (this.pending >= this.options.threads + this.options.maxQueue) {
      throw new CadenzaError('BUSY', `The server is busy (${this.slots.queued} tasks waiting).`, {
        hint: `Retry after ${RETRY_AFTER_SECONDS} seconds.`,
        retryAfterSeconds: RETRY_AFTER_SECONDS,
      });
    }
    const budget = this.budgets.get(call) ?? { queuedMs: 0, ranMs: 0 };
    this.budgets.set(call, budget);
    this.pending += 1;
    try {
      const release = await this.waitForWorker(call, budget);
      try {
        return await this.runOnWorker(task, call, budget);
      } finally {
        release();
      }
    } finally {
      this.pending -= 1;
    }
  }

  /** Holds the task until a worker is free, within what is left of the call's queue budget. */
  private async waitForWorker(call: ToolCall, budget: CallBudget): Promise<() => void> {
    const limitMs = call.timeoutMs ?? this.options.queueTimeoutMs ?? this.options.timeoutMs;
    const deadline = new Deadline(limitMs - budget.queuedMs);
    const started = performance.now();
    try {
      return await this.slots.acquire(AbortSignal.any([call.signal, deadline.signal, this.stopping.signal]));
    } catch {
      if (this.stopping.signal.aborted) throw shuttingDown();
      if (call.signal.aborted) throw cancelled();
      throw new CadenzaError('TIMEOUT', `Queue deadline passed: the call waited ${limitMs} ms for a free worker (CADENZA_QUEUE_TIMEOUT_MS) and its work never started.`, {
        hint: `The server is busy; retry after ${RETRY_AFTER_SECONDS} seconds.`,
        retryAfterSeconds: RETRY_AFTER_SECONDS,
      });
    } finally {
      deadline.clear();
      budget.queuedMs += performance.now() - started;
    }
  }

  /** Runs the task on the worker it holds, within what is left of the call's run budget. */
  private async runOnWorker(task: WorkTask, call: ToolCall, budget: CallBudget): Promise<Reply> {
    const timeoutMs = call.timeoutMs ?? this.options.timeoutMs;
    const deadline = new Deadline(timeoutMs - budget.ranMs);
    const started = performance.now();
    try {
      return await this.pool().run(task, { signal: AbortSignal.any([call.signal, deadline.signal, this.stopping.signal]) });
    } catch (error) {
      if (this.stopping.signal.aborted) throw shuttingDown();
      if (deadline.signal.aborted) {
        throw new CadenzaError('TIMEOUT', `Run deadline passed: the call's work ran for ${timeoutMs} ms (${call.timeoutMs === undefined ? 'CADENZA_TOOL_TIMEOUT_MS' : 'CADENZA_TASK_TIMEOUT_MS'}, summed over all its scores) and was stopped.`);
      }
      if (call.signal.aborted) throw cancelled();
      if ((error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY') {
        throw new CadenzaError('LIMIT_EXCEEDED', `This work needed more than a worker's ${this.options.heapMb ?? 'default'} MB of memory and was stopped.`, {
          hint: 'Send a smaller score or split it into movements; operators can raise CADENZA_WORKER_HEAP_MB.',
        });
      }
      throw error;
    } finally {
      deadline.clear();
      budget.ranMs += performance.now() - started;
    }
  }
}

/** An abort signal that fires after ms (at once when ms ≤ 0), with a timer cleared when the task ends: AbortSignal.timeout would keep every finished task's timer alive. */
class Deadline {
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout | undefined;

  constructor(ms: number) {
    if (ms <= 0) this.controller.abort();
    else this.timer = setTimeout(() => this.controller.abort(), ms);
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  clear(): void {
    clearTimeout(this.timer);
  }
}

function shuttingDown(): CadenzaError {
  return new CadenzaError('SHUTTING_DOWN', 'The server is shutting down and stopped this work before it finished.', { retryAfterSeconds: RETRY_AFTER_SECONDS });
}

function cancelled(): CadenzaError {
  return new CadenzaError('CANCELLED', 'The call was cancelled by the client.');
}

/** Beyond this many notes in all, even a light call goes to a worker: it would hold the event loop too long. */
const INLINE_MAX_NOTES = 4000;

function runsInline(tool: string, input: unknown, scores: readonly StoredScore[]): boolean {
  if (!isLightCall(tool, input)) return false;
  return scores.reduce((notes, stored) => notes + stored.summary.noteCount, 0) <= INLINE_MAX_NOTES;
}

function rethrow(reply: WorkFailure): never {
  throw new CadenzaError(reply.failed.code, reply.failed.message, { hint: reply.failed.hint });
}
