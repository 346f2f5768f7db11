import type { Score } from './score.js';

/** A recoverable problem found while reading a score: the score is still usable. */
export interface Diagnostic {
  readonly severity: 'warning' | 'info';
  readonly message: string;
  /** where, when known: a part id, a measure number, a line in the source */
  readonly partId?: string;
  readonly measure?: string;
  readonly line?: number;
}

/** What every importer returns. */
export interface ImportResult {
  readonly score: Score;
  readonly diagnostics: readonly Diagnostic[];
}
