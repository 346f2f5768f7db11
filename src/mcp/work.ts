/**
 * The CPU-heavy steps of tool calls as pure functions of plain data, so they run the same in-process
 * and in a worker thread: parse bytes into the stored form, and run a score tool's compute.
 */
import { CadenzaError } from '../core/errors.js';
import { hasEveryId, withIds } from '../core/ids.js';
import { decodeScoreSized, encodeScore, type EncodeOptions } from '../core/score-codec.js';
import type { MeasureRuns } from '../core/score-chunks.js';
import { summarizeScore } from '../core/summary.js';
import { readScore, type ReadOptions, type ScoreFormat } from '../formats/read-score.js';
import { isScoreTool, type ScoreTool, type ToolDefinition, type ToolResult } from './define-tool.js';
import type { CatalogueEntry, LoadedScore, ParsedForStore, StoredScore } from './ports.js';
import { REPORT_STORED, reportScore } from './score-report.js';
import { playbackNotes } from '../core/playback.js';
import { extractPiece } from '../corpus/piece.js';
import { CORPUS_PIECE } from './corpus-pieces.js';

/**
 * parseForStore(bytes, "musicxml") → the encoded model, its summary and the importer's diagnostics. A
 * catalogue entry (the bundled corpus's manifest) names the piece: its curated title and composer replace
 * what the file says, which is often nothing or a file name ("op18_no1_mvmnt2_all"). The host's codec options
 * plug in what pure code cannot have (Node's zlib to unpack and to compress).
 */
export function parseForStore(bytes: Uint8Array, format: ScoreFormat, catalogue?: CatalogueEntry, codec: ReadOptions & EncodeOptions = {}): ParsedForStore {
  const { score: parsed, diagnostics } = readScore(bytes, format, codec);
  const read = withIds(parsed);
  const score = catalogue ? { ...read, metadata: { ...read.metadata, title: catalogue.title, ...(catalogue.composer ? { composer: catalogue.composer } : {}) } } : read;
  return { data: encodeScore(score, codec), summary: summarizeScore(score), diagnostics };
}

/**
 * Decodes a stored score for compute (reusing the decoded runs of measures `runs` holds); `memoryBytes`
 * estimates what it occupies decoded: measured at about 1.6 times its JSON text on corpus scores, counted
 * as 3 so that cache bounds err on the safe side.
 */
export function loadStored(stored: Omit<StoredScore, 'data'>, data: Uint8Array, runs?: MeasureRuns): { loaded: LoadedScore; memoryBytes: number } {
  const { id, summary, format, origin, diagnostics, importedAt, revision } = stored;
  const { score: decoded, jsonBytes } = decodeScoreSized(data, runs);
  // scores stored before ids existed get the ids their import would give them now; a score with every id was written with them unique
  const score = hasEveryId(decoded) ? decoded : withIds(decoded);
  return { loaded: { id, summary, format, origin, diagnostics, importedAt, ...(revision ? { revision } : {}), score }, memoryBytes: jsonBytes * 3 };
}

/** scoreToolsOf(TOOLS) → the score tools among them, by name: what a ScoreWork may compute */
export function scoreToolsOf(tools: readonly ToolDefinition[]): ReadonlyMap<string, ScoreTool> {
  return new Map(tools.filter(isScoreTool).map((tool) => [tool.name, tool]));
}

/** the internal compute that gives a stored score's notes for playback (the viewer's), in the pool like a tool */
export const PLAYBACK_NOTES = '#playback-notes';

/** computeTool(scoreTools, "analyze_key", { id }, [loaded]) → the result of that tool (one of scoreTools, or an internal compute) */
export function computeTool(scoreTools: ReadonlyMap<string, ScoreTool>, name: string, input: unknown, scores: readonly LoadedScore[]): ToolResult<unknown> {
  if (name === PLAYBACK_NOTES) return { structured: playbackNotes(scores[0]!.score), summary: '' };
  if (name === CORPUS_PIECE) return { structured: extractPiece(scores[0]!.score, (input as { pieceId: string }).pieceId), summary: '' };
  if (name === REPORT_STORED) {
    const [stored] = scores;
    return { structured: reportScore(stored!.id, stored!.score), summary: '' };
  }
  const tool = scoreTools.get(name);
  if (!tool) throw new CadenzaError('INTERNAL', `"${name}" is not a score tool.`);
  return tool.compute(input as never, scores);
}

/** The metadata part of a stored score: what moves between threads without the (large) data. */
export function withoutData(stored: StoredScore): Omit<StoredScore, 'data'> {
  const { data: _data, ...rest } = stored;
  return rest;
}
