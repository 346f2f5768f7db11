/**
 * Intervals as counterpoint treats them: a generic size counted on the staff (so F–G# is an augmented second,
 * not a minor third) and a quality from the semitones.
 */
import type { Pitch } from '../../core/pitch.js';
import { diatonicNumber } from '../../core/interval.js';

export type Quality = 'P' | 'M' | 'm' | 'A' | 'd';

export interface Interval {
  /** staff steps between the notes, 0 = unison, 7 = octave; always ≥ 0 */
  readonly generic: number;
  /** generic within an octave (a tenth is 2, like a third) */
  readonly simple: number;
  readonly semitones: number;
  readonly quality: Quality;
  /** +1 when the second note is higher, -1 lower, 0 same staff position */
  readonly direction: number;
}

const MAJOR_OR_PERFECT = [0, 2, 4, 5, 7, 9, 11];
const PERFECT_SIZES = new Set([0, 3, 4]);

/** interval(F4, G#4) → augmented second (generic 1, semitones 3, quality 'A') */
export function interval(from: Pitch, to: Pitch): Interval {
  const steps = diatonicNumber(to) - diatonicNumber(from);
  const direction = Math.sign(steps) || Math.sign(to.midi - from.midi);
  const generic = Math.abs(steps);
  const simple = generic % 7;
  // measured along the staff direction, so an augmented unison (C–C#) is +1 whichever note comes first
  const signed = steps >= 0 ? to.midi - from.midi : from.midi - to.midi;
  const simpleSemitones = (steps === 0 ? Math.abs(signed) : signed) - 12 * Math.floor(generic / 7);
  const difference = simpleSemitones - MAJOR_OR_PERFECT[simple]!;
  let quality: Quality;
  if (PERFECT_SIZES.has(simple)) quality = difference === 0 ? 'P' : difference > 0 ? 'A' : 'd';
  else quality = difference === 0 ? 'M' : difference === -1 ? 'm' : difference > 0 ? 'A' : 'd';
  return { generic, simple, semitones: Math.abs(to.midi - from.midi), quality, direction };
}

/** intervalName(perfect fifth) → "P5"; a tenth → "M10" */
export function intervalName(value: Interval): string {
  return `${value.quality}${value.generic + 1}`;
}

/** isConsonant(major sixth) → true; the fourth is a dissonance in two voices */
export function isConsonant(value: Interval): boolean {
  if (value.simple === 0 || value.simple === 4) return value.quality === 'P';
  if (value.simple === 2 || value.simple === 5) return value.quality === 'M' || value.quality === 'm';
  return false;
}

/** perfectKind(P12) → 'fifth'; perfectKind(P8) → 'octave' (unisons count as octaves); undefined for the rest */
export function perfectKind(value: Interval): 'fifth' | 'octave' | undefined {
  if (value.quality !== 'P') return undefined;
  if (value.simple === 4) return 'fifth';
  return value.simple === 0 ? 'octave' : undefined;
}

/** imperfectKind(m10) → 'third'; the kind of imperfect consonance, if it is one */
export function imperfectKind(value: Interval): 'third' | 'sixth' | undefined {
  if (!isConsonant(value)) return undefined;
  return value.simple === 2 ? 'third' : value.simple === 5 ? 'sixth' : undefined;
}

/**
 * melodicFault(D4, C#5) → "a major seventh": why a melodic move is not singable in strict style, or undefined.
 * Allowed: seconds, thirds, perfect fourths and fifths, the ascending minor sixth, the octave.
 */
export function melodicFault(from: Pitch, to: Pitch): string | undefined {
  const move = interval(from, to);
  if (move.generic > 7) return `a leap of more than an octave (${intervalName(move)})`;
  if (move.quality === 'A') return `an augmented interval (${intervalName(move)})`;
  if (move.quality === 'd') return `a diminished interval (${intervalName(move)})`;
  if (move.simple === 6) return `a seventh (${intervalName(move)})`;
  if (move.generic === 5 && (move.quality === 'M' || move.direction < 0)) {
    return `a ${move.quality === 'M' ? 'major' : 'descending'} sixth (${intervalName(move)}); only the rising minor sixth is allowed`;
  }
  return undefined;
}
