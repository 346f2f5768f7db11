/**
 * Pieces from score files: a tune book (ABC) holds many tunes, each its own piece named "file#X"; any
 * other file is one piece. Reading and extracting are pure, so they run in a worker thread.
 */
import { isCadenzaError } from '../core/errors.js';
import { readScore, type ScoreFormat } from '../formats/read-score.js';
import { extractPiece, type ExtractOptions, type PieceExtract } from './piece.js';

export interface SourceOutcome {
  readonly pieces: readonly PieceExtract[];
  /** pieces that could not be read, by id */
  readonly failures: readonly { readonly id: string; readonly message: string }[];
}

/** abcTunes("X:1\nT:A\nK:G\n…\nX:2\n…") → [{ number: "1", text }, { number: "2", text }] */
export function abcTunes(text: string): { number: string; text: string }[] {
  return text
    .split(/^(?=X:)/m)
    .filter((chunk) => /^X:/.test(chunk))
    .map((chunk) => ({ number: /^X:\s*(\S*)/.exec(chunk)![1] || '?', text: chunk }));
}

/** extractSource(bytes, "abc", "essen/altdeu10.abc") → one piece per tune, and the tunes that failed */
export function extractSource(bytes: Uint8Array, format: ScoreFormat, id: string, options: ExtractOptions = {}): SourceOutcome {
  const pieces: PieceExtract[] = [];
  const failures: { id: string; message: string }[] = [];
  const units = format === 'abc' ? abcTunes(new TextDecoder().decode(bytes)).map((tune) => ({ id: `${id}#${tune.number}`, bytes: new TextEncoder().encode(tune.text) })) : [{ id, bytes }];
  const seen = new Map<string, number>();
  for (const unit of units) {
    // a tune book may number two tunes alike: the second becomes "#3~2"
    const count = (seen.get(unit.id) ?? 0) + 1;
    seen.set(unit.id, count);
    const pieceId = count > 1 ? `${unit.id}~${count}` : unit.id;
    try {
      pieces.push(extractPiece(readScore(unit.bytes, format).score, pieceId, options));
    } catch (error) {
      if (!isCadenzaError(error) && !(error instanceof RangeError) && !(error instanceof TypeError)) throw error;
      failures.push({ id: pieceId, message: error.message });
    }
  }
  return { pieces, failures };
}
