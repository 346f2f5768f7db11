/** A note's length from what is drawn (<type>, dots, <time-modification>), for files that leave out <duration> or <divisions>. */
import { mul, rational, type Rational } from '../../core/rational.js';
import type { ParsedNote } from './note.js';

const TYPE_QUARTERS: ReadonlyMap<string, Rational> = new Map([
  ['maxima', rational(32)], ['long', rational(16)], ['breve', rational(8)], ['whole', rational(4)], ['half', rational(2)],
  ['quarter', rational(1)], ['eighth', rational(1, 2)], ['16th', rational(1, 4)], ['32nd', rational(1, 8)],
  ['64th', rational(1, 16)], ['128th', rational(1, 32)], ['256th', rational(1, 64)], ['512th', rational(1, 128)], ['1024th', rational(1, 256)],
]);

/** typedQuarters(dotted quarter) → 3/2; an eighth in a triplet → 1/3; no or unknown <type> → undefined */
export function typedQuarters(note: Pick<ParsedNote, 'noteType' | 'dots' | 'tuplet'>): Rational | undefined {
  const plain = note.noteType === undefined ? undefined : TYPE_QUARTERS.get(note.noteType);
  if (!plain) return undefined;
  const dotted = mul(plain, rational(2 ** (note.dots + 1) - 1, 2 ** note.dots));
  return note.tuplet ? mul(dotted, rational(note.tuplet.normal, note.tuplet.actual)) : dotted;
}
