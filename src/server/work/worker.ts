/**
 * A worker thread of the pool. Keeps decoded scores in a bounded cache, so a score crosses the thread
 * boundary once per worker, not once per call (decoding a chorale costs ten times its key analysis).
 */
import { workerData } from 'node:worker_threads';
import { LRUCache } from 'lru-cache';
import { isCadenzaError } from '../../core/errors.js';
import type { LoadedScore } from '../../mcp/ports.js';
import { computeTool, loadStored, parseForStore } from '../../mcp/work.js';
import type { ComputeReply, ComputeTask, ParseReply, ParseTask, WorkFailure, WorkTask } from './protocol.js';

const cacheBytes = (workerData as { cacheBytes?: number } | undefined)?.cacheBytes ?? 64 * 1024 * 1024;

const scores = new LRUCache<string, LoadedScore>({
  maxSize: cacheBytes,
  // the decoded model takes several times its encoded bytes; the encoded size is what we know
  sizeCalculation: (_score, key) => sizes.get(key) ?? 1,
  dispose: (_score, key) => sizes.delete(key),
});
const sizes = new Map<string, number>();

export default function run(task: WorkTask): ParseReply | ComputeReply {
  try {
    return task.kind === 'parse' ? parse(task) : compute(task);
  } catch (error) {
    if (isCadenzaError(error)) return { failed: { code: error.code, message: error.message, hint: error.hint } } satisfies WorkFailure;
    throw error;
  }
}

function parse(task: ParseTask): ParseReply {
  return { parsed: parseForStore(task.bytes, task.format) };
}

function compute(task: ComputeTask): ComputeReply {
  const loaded = task.scores.map(cachedOrDecoded);
  const missing = task.scores.filter((_ref, index) => loaded[index] === undefined).map((ref) => ref.key);
  if (missing.length > 0) return { missing };
  return { result: computeTool(task.tool, task.input, loaded as LoadedScore[]) };
}

/** A score bigger than the whole cache is decoded for this call only. */
function cachedOrDecoded(ref: ComputeTask['scores'][number]): LoadedScore | undefined {
  const cached = scores.get(ref.key);
  if (cached || !ref.data || !ref.stored) return cached;
  const loaded = loadStored(ref.stored, ref.data);
  sizes.set(ref.key, Math.max(1, ref.data.byteLength));
  scores.set(ref.key, loaded);
  if (!scores.has(ref.key)) sizes.delete(ref.key);
  return loaded;
}
