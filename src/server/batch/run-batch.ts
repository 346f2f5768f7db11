/** Runs a batch on the worker-thread pool of this process, a few scores in flight per thread. */
import type { ToolCall } from '../../mcp/define-tool.js';
import type { ScoreWork } from '../../mcp/ports.js';
import type { ScoreReport } from '../../mcp/score-report.js';
import type { BatchSource } from './sources.js';

export type RowListener = (index: number, row: ScoreReport) => void;

/** runBatch(sources, work, 4) → one row per source, in the sources' order */
export async function runBatch(sources: readonly BatchSource[], work: ScoreWork, inFlight: number, onRow: RowListener, signal = new AbortController().signal): Promise<ScoreReport[]> {
  const rows = new Array<ScoreReport>(sources.length);
  let next = 0;
  const lane = async () => {
    while (next < sources.length) {
      const index = next++;
      const source = sources[index]!;
      // one call per score: the pool's time limits are per call, and each score of a batch has its own
      const call: ToolCall = { tenantId: 'batch', signal, progress: () => undefined };
      rows[index] = await work.report(source.source, await source.read(), source.format, call);
      onRow(index, rows[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, inFlight) }, lane));
  return rows;
}
