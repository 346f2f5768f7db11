/**
 * Augmentation and diminution: every onset and length multiplied by a rational factor (2 doubles,
 * 1/2 halves, 3/2 turns quarters into dotted quarters). The meter stays; measures are redrawn around the
 * stretched music, and a pickup is stretched with it.
 */
import { measureLength } from '../../core/build-score.js';
import { ZERO, compare, div, formatRational, mul, rational, sub, type Rational } from '../../core/rational.js';
import type { Score } from '../../core/score.js';
import { inForceAt } from './in-force.js';
import { rebuildScore, scoreEnd, voiceLines } from './timeline.js';
import { retitled } from './title.js';

const COMMON_TIME = { beats: '4', beatType: 4 } as const;

/** augmentScore(score, 2) → every note twice as long; augmentScore(score, 1/2) → a diminution */
export function augmentScore(score: Score, factor: Rational): Score {
  if (factor.n <= 0) throw new RangeError(`factor ${formatRational(factor)} must be positive`);
  const first = score.parts[0];
  const opening = first ? inForceAt(first, 0) : undefined;
  const time = opening?.time ?? COMMON_TIME;
  const bar = measureLength(time);
  const firstMeasure = first?.measures[0];
  const pickup = firstMeasure && compare(firstMeasure.duration, bar) < 0 ? remainder(mul(firstMeasure.duration, factor), bar) : ZERO;
  const lines = score.parts.map((part) =>
    voiceLines(part).map((line) => ({
      ...line,
      notes: line.notes.map((note) => ({ ...note, start: mul(note.start, factor), duration: mul(note.duration, factor) })),
    })),
  );
  const what = compare(factor, rational(1)) >= 0 ? `augmented by ${formatRational(factor)}` : `diminished by ${formatRational(factor)}`;
  return rebuildScore(score, lines, { key: opening?.key ?? { fifths: 0 }, time, pickup, end: mul(scoreEnd(score), factor) }, retitled(score, what));
}

/** remainder(5/2, 2) → 1/2: what is left of a stretched pickup after whole bars */
function remainder(length: Rational, bar: Rational): Rational {
  const wholeBars = Math.floor(div(length, bar).n / div(length, bar).d);
  return sub(length, mul(bar, rational(wholeBars)));
}
