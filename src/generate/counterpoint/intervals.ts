/**
 * Intervals as counterpoint treats them: a generic size counted on the staff (so F–G# is an augmented second,
 * not a minor third) and a quality from the semitones.
 */
import type { Pitch } from '../../core/pitch.js';
import { intervalBetween, intervalQuality, parseInterval, type IntervalQuality } from '../../core/interval.js';

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

/** interval(F4, G#4) → augmented second (generic 1, semitones 3, quality 'A'): core's spelled interval, unsigned */
export function interval(from: Pitch, to: Pitch): Interval {
  const spelled = intervalBetween(from, to);
  const generic = Math.abs(spelled.steps);
  const quality = intervalQuality(spelled);
  return {
    generic,
    simple: generic % 7,
    semitones: Math.abs(spelled.semitones),
    quality: simplified(quality, generic, Math.abs(spelled.semitones)),
    direction: Math.sign(spelled.steps) || Math.sign(to.midi - from.midi),
  };
}

/** doubly augmented or diminished intervals, and any wider or narrower still, count as augmented or diminished */
function simplified(quality: IntervalQuality | undefined, generic: number, semitones: number): Quality {
  if (quality === 'AA') return 'A';
  if (quality === 'dd') return 'd';
  return quality ?? (semitones > parseInterval(`AA${generic + 1}`).semitones ? 'A' : 'd');
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
