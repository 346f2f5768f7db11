/** A worker thread of the pool: parses, and computes score tools on the scores it keeps decoded. */
import { workerData } from 'node:worker_threads';
import { isCadenzaError } from '../../core/errors.js';
import { DecodedScores } from '../../mcp/decoded-scores.js';
import type { LoadedScore } from '../../mcp/ports.js';
import { SCORE_TOOLS } from '../../mcp/score-tools.js';
import { computeTool, parseForStore } from '../../mcp/work.js';
import { NATIVE_CODEC } from '../native-zlib.js';
import { reportSource } from '../../mcp/score-report.js';
import { decodeScore } from '../../core/score-codec.js';
import { renderScore } from '../../mcp/render.js';
import type { AudioReply, ComputeReply, ComputeTask, ParseReply, RenderReply, ReportReply, TranscribeReply, WorkFailure, WorkTask } from './protocol.js';

const scores = new DecodedScores((workerData as { cacheBytes?: number } | undefined)?.cacheBytes ?? 64 * 1024 * 1024);

export default async function run(task: WorkTask): Promise<ParseReply | ComputeReply | ReportReply | RenderReply | AudioReply | TranscribeReply> {
  try {
    if (task.kind === 'parse') return { parsed: parseForStore(task.bytes, task.format, task.catalogue, NATIVE_CODEC) };
    if (task.kind === 'render') return { rendered: await renderScore(decodeScore(task.data), task.options) };
    // loaded on first use: the bank and the encoders stay out of threads that never render audio
    if (task.kind === 'audio') return { audio: await (await import('../../mcp/render-audio.js')).renderAudio(decodeScore(task.data), task.options) };
    // the pitch model and the decoders likewise stay out of threads that never transcribe
    if (task.kind === 'transcribe') return { transcribed: await (await import('../../mcp/transcribe-audio.js')).transcribeAudio(task.bytes, task.title) };
    if (task.kind === 'report') return { report: reportSource(task.source, task.bytes, task.format) };
    return compute(task);
  } catch (error) {
    if (isCadenzaError(error)) return { failed: { code: error.code, message: error.message, hint: error.hint } } satisfies WorkFailure;
    throw error;
  }
}

function compute(task: ComputeTask): ComputeReply {
  const loaded = task.scores.map((ref) => scores.get(ref.key, ref.stored, ref.data));
  const missing = task.scores.filter((_ref, index) => loaded[index] === undefined).map((ref) => ref.key);
  if (missing.length > 0) return { missing };
  return { result: computeTool(SCORE_TOOLS, task.tool, task.input, loaded as LoadedScore[]) };
}
