/** Shared pieces of the importers' parity and fuzz tests. */
import { isCadenzaError } from '../../src/core/errors.js';
import type { Score } from '../../src/core/score.js';
import { summarizeScore } from '../../src/core/summary.js';
import type { Music21Reference } from './corpus.js';

export const REFERENCE_FIELDS = ['parts', 'measures', 'noteheads', 'rests', 'duration', 'pc_hist', 'key_sharps', 'time_sig'] as const;
export type ReferenceField = (typeof REFERENCE_FIELDS)[number];

/** a score's counts under reference.jsonl's field names */
export function referenceFields(score: Score): Record<ReferenceField, unknown> {
  const summary = summarizeScore(score);
  return {
    parts: summary.partCount,
    measures: summary.measureCount,
    noteheads: summary.noteCount,
    rests: summary.restCount,
    duration: summary.durationQuarters,
    pc_hist: summary.pitchClassHistogram,
    key_sharps: summary.keySignatureFifths,
    time_sig: summary.timeSignature,
  };
}

/** the fields where our counts differ from music21's */
export function differingFields(score: Score, reference: Music21Reference): ReferenceField[] {
  const ours = referenceFields(score);
  return REFERENCE_FIELDS.filter((field) => JSON.stringify(ours[field]) !== JSON.stringify(reference[field]));
}

/**
 * Seeded text mutations (a fragment inserted, a stretch dropped): the reader must read each mutant or
 * refuse it with a CadenzaError, never anything else.
 */
export function fuzzText(source: string, fragments: readonly string[], rounds: number, read: (text: string) => unknown, seed = 7): void {
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let round = 0; round < rounds; round++) {
    const at = Math.floor(random() * source.length);
    const mutant = source.slice(0, at) + fragments[Math.floor(random() * fragments.length)] + source.slice(at + Math.floor(random() * 20));
    try {
      read(mutant);
    } catch (error) {
      if (!isCadenzaError(error)) throw new Error(`round ${round}: ${String(error)}`);
    }
  }
}
