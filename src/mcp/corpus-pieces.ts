/**
 * Pieces for a corpus from stored or bundled scores, extracted in the worker pool like any analysis
 * (harmony is the slow part). The seam for indexing as a background task: `extractPieces` takes the
 * scores one at a time and reports progress, so a task runner can drive it in place of a tool call.
 */
import type { PieceExtract } from '../corpus/piece.js';
import { buildCorpusIndex, type CorpusIndex } from '../corpus/corpus-index.js';
import type { ToolCall } from './define-tool.js';
import type { ScoreCorpus, ScoreWork, StoredScore } from './ports.js';

/** the internal compute that extracts a stored score's corpus piece (see work.ts) */
export const CORPUS_PIECE = '#corpus-piece';

/** extractPieces(work, scores, call) → one piece per stored score, named by its id, reporting progress */
export async function extractPieces(work: ScoreWork, scores: AsyncIterable<StoredScore> | Iterable<StoredScore>, total: number, call: ToolCall): Promise<PieceExtract[]> {
  const pieces: PieceExtract[] = [];
  for await (const stored of scores) {
    pieces.push((await work.compute(CORPUS_PIECE, { pieceId: stored.id }, [stored], call)).structured as PieceExtract);
    call.progress(pieces.length, total, stored.id);
  }
  return pieces;
}

/** buildBundledIndex(corpus, work) → the index of the scores bundled with Cadenza, pieces named by corpus id */
export async function buildBundledIndex(corpus: ScoreCorpus, work: ScoreWork, call: ToolCall): Promise<CorpusIndex> {
  const pieces: PieceExtract[] = [];
  for (const entry of corpus.list()) {
    const { bytes } = await corpus.read(entry.id);
    const parsed = await work.parse(bytes, entry.format, call, entry);
    const stored: StoredScore = { id: entry.id.replace(/[^a-z0-9]+/gi, '-').toLowerCase(), ...parsed, format: entry.format, origin: `corpus:${entry.id}`, importedAt: new Date(0).toISOString() };
    const piece = (await work.compute(CORPUS_PIECE, { pieceId: entry.id }, [stored], call)).structured as PieceExtract;
    pieces.push(piece);
  }
  return buildCorpusIndex(pieces);
}
