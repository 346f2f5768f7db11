/**
 * The worker-thread pool (piscina) where parsing and analysis run, so one heavy score never stalls the
 * event loop. Each task has a time limit and follows the client's cancellation; a full queue refuses new
 * work with BUSY at once instead of growing without bound.
 */
import { Piscina } from 'piscina';
import { CadenzaError } from '../../core/errors.js';
import type { ScoreFormat } from '../../formats/read-score.js';
import type { ToolCall, ToolResult } from '../../mcp/define-tool.js';
import type { CatalogueEntry, ParsedForStore, ScoreWork, StoredScore } from '../../mcp/ports.js';
import { scoreKey } from '../../mcp/decoded-scores.js';
import { InlineWork } from '../../mcp/inline-work.js';
import { isLightCall, withoutData } from '../../mcp/work.js';
import type { ScoreReport } from '../../mcp/score-report.js';
import type { RenderOptions, Rendered } from '../../mcp/render.js';
import type { ComputeReply, ParseReply, RenderReply, ReportReply, ScoreRef, WorkFailure, WorkTask } from './protocol.js';

type Reply = ParseReply | ComputeReply | ReportReply | RenderReply;

export interface PoolOptions {
  readonly threads: number;
  /** tasks waiting for a thread beyond which new work is refused */
  readonly maxQueue: number;
  readonly timeoutMs: number;
  /** per worker: decoded scores kept, by their estimated size in memory */
  readonly cacheBytes: number;
  /** per worker: V8 old-generation limit in MB */
  readonly heapMb?: number;
  /** the compiled worker module; tests running TypeScript sources point it at dist/ */
  readonly workerFile?: string | URL;
  /** told when a worker thread dies outside a task (its tasks fail on their own); default: ignored */
  readonly onWorkerError?: (error: Error) => void;
}

export interface PoolStats {
  readonly threads: number;
  readonly queued: number;
  /** share of the pool's capacity used since it started, 0 … 1 */
  readonly utilization: number;
  readonly completed: number;
}

const RETRY_AFTER_SECONDS = 2;

export class PoolWork implements ScoreWork {
  private readonly pool: Piscina<WorkTask, Reply>;
  private cacheObserver: (hit: boolean) => void = () => undefined;
  /**
   * Tasks submitted and not finished. The bound is ours: piscina's maxQueue does not count tasks that
   * carry an AbortSignal (it parks them in a separate queue), and every task here carries one.
   */
  private pending = 0;
  /** light calls on small scores, where the hop to a worker would cost more than the work */
  private readonly inline = new InlineWork();

  constructor(private readonly options: PoolOptions) {
    const filename = options.workerFile ?? new URL('./worker.js', import.meta.url);
    this.pool = new Piscina({
      filename: filename instanceof URL ? filename.href : filename,
      minThreads: options.threads,
      maxThreads: options.threads,
      workerData: { cacheBytes: options.cacheBytes },
      ...(options.heapMb ? { resourceLimits: { maxOldGenerationSizeMb: options.heapMb } } : {}),
    });
    // without a listener, a worker dying between tasks would be an unhandled 'error' event: a crash
    this.pool.on('error', (error: Error) => options.onWorkerError?.(error));
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

  stats(): PoolStats {
    return { threads: this.pool.threads.length, queued: Math.max(0, this.pending - this.options.threads), utilization: this.pool.utilization, completed: this.pool.completed };
  }

  /** waits for queued and running tasks, then stops the threads */
  async close(): Promise<void> {
    await this.pool.close();
  }

  private async run(task: WorkTask, call: ToolCall): Promise<Reply> {
    if (this.pending >= this.options.threads + this.options.maxQueue) {
      throw new CadenzaError('BUSY', `The server is busy (${this.pending - this.options.threads} tasks waiting).`, {
        hint: `Retry after ${RETRY_AFTER_SECONDS} seconds.`,
        retryAfterSeconds: RETRY_AFTER_SECONDS,
      });
    }
    // a timer cleared when the task ends: AbortSignal.timeout would keep every finished task's timer alive for the full limit
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), this.options.timeoutMs);
    this.pending += 1;
    try {
      return await this.pool.run(task, { signal: AbortSignal.any([call.signal, timeout.signal]) });
    } catch (error) {
      if (timeout.signal.aborted) {
        throw new CadenzaError('TIMEOUT', `The work took longer than ${this.options.timeoutMs} ms and was stopped.`);
      }
      if (call.signal.aborted) throw new CadenzaError('CANCELLED', 'The call was cancelled by the client.');
      if ((error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY') {
        throw new CadenzaError('LIMIT_EXCEEDED', `This work needed more than a worker's ${this.options.heapMb ?? 'default'} MB of memory and was stopped.`, {
          hint: 'Send a smaller score or split it into movements; operators can raise CADENZA_WORKER_HEAP_MB.',
        });
      }
      throw error;
    } finally {
      clearTimeout(timer);
      this.pending -= 1;
    }
  }
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
