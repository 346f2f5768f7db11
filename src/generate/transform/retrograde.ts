/**
 * Retrograde: each part played backwards. Notes are mirrored within the score's span, so a short final bar
 * becomes the pickup and the pickup becomes the short final bar: the barlines mirror too, and doing it twice
 * gives the original bars back.
 */
import { measureLength } from '../../core/build-score.js';
import { ZERO, add, compare, sub } from '../../core/rational.js';
import type { Score } from '../../core/score.js';
import { inForceAt } from './in-force.js';
import { rebuildScore, scoreEnd, voiceLines } from './timeline.js';
import { retitled } from './title.js';

const COMMON_TIME = { beats: '4', beatType: 4 } as const;

/** retrogradeScore(score) → the same notes backwards, measures and ties rebuilt; twice gives the notes back */
export function retrogradeScore(score: Score): Score {
  const end = scoreEnd(score);
  const first = score.parts[0];
  const lastIndex = (first?.measures.length ?? 1) - 1;
  // the reversed music starts where the original ended, so it takes the key and meter in force there
  const atEnd = first ? inForceAt(first, lastIndex) : undefined;
  const time = atEnd?.time ?? COMMON_TIME;
  const last = first?.measures[lastIndex];
  const lastLength = last ? sub(end, last.offset) : ZERO;
  const pickup = compare(lastLength, measureLength(time)) < 0 ? lastLength : undefined;
  const lines = score.parts.map((part) =>
    voiceLines(part).map((line) => ({
      ...line,
      notes: line.notes.map((note) => ({ ...note, start: sub(end, add(note.start, note.duration)) })).reverse(),
    })),
  );
  return rebuildScore(score, lines, { key: atEnd?.key ?? { fifths: 0 }, time, ...(pickup ? { pickup } : {}), end }, retitled(score, 'retrograde'));
}
