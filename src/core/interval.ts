/**
 * Spelled intervals: a number of letter steps and a number of semitones, both signed (down is negative).
 * Keeping the two apart is what keeps spelling right: E up a major third is G#, not Ab, because a third
 * moves two letters. Names follow the usual shorthand ("M3", "P5", "A4", "d5", "M9"), with a minus for
 * descending ("m-2" or "-m2").
 */
import { STEPS, pitch, type Pitch, type Step } from './pitch.js';

export interface Interval {
  /** letter steps: 0 unison, 2 a third up, -1 a second down, 7 an octave up */
  readonly steps: number;
  /** semitones, signed like steps */
  readonly semitones: number;
}

export type IntervalQuality = 'P' | 'M' | 'm' | 'A' | 'd' | 'AA' | 'dd';

const STEP_SEMITONES: Readonly<Record<Step, number>> = { C: 0, D: 2, E: 4, F: 5, G: 7, A: 9, B: 11 };
/** semitones of the perfect or major interval for each simple step count (unison … seventh) */
const REFERENCE = [0, 2, 4, 5, 7, 9, 11];
const PERFECT = new Set([0, 3, 4]);
const QUALITY_NAMES: Readonly<Record<IntervalQuality, string>> = {
  P: 'perfect', M: 'major', m: 'minor', A: 'augmented', d: 'diminished', AA: 'doubly augmented', dd: 'doubly diminished',
};
const NUMBER_NAMES = ['unison', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'octave', 'ninth', 'tenth', 'eleventh', 'twelfth', 'thirteenth', 'fourteenth', 'double octave'];

/** parseInterval("M3") → { steps: 2, semitones: 4 }; parseInterval("-P4") and ("P-4") → { steps: -3, semitones: -5 } */
export function parseInterval(name: string): Interval {
  const match = /^\s*(-?)(AA|dd|P|M|m|A|d)(-?)(\d{1,2})\s*$/.exec(name);
  if (!match || (match[1] && match[3])) throw new RangeError(`not an interval name: "${name}" (try "M3", "-P4", "A4")`);
  const quality = match[2] as IntervalQuality;
  const number = Number(match[4]);
  if (number < 1) throw new RangeError(`not an interval name: "${name}" (numbers start at 1, the unison)`);
  const steps = number - 1;
  const simple = steps % 7;
  const perfect = PERFECT.has(simple);
  const offset = qualityOffset(quality, perfect);
  if (offset === undefined) throw new RangeError(`"${name}": a ${perfect ? 'unison, fourth, fifth or octave is perfect, never major or minor' : 'second, third, sixth or seventh is major or minor, never perfect'}`);
  const semitones = REFERENCE[simple]! + 12 * Math.floor(steps / 7) + offset;
  const sign = match[1] || match[3] ? -1 : 1;
  return { steps: sign * steps, semitones: sign * semitones };
}

function qualityOffset(quality: IntervalQuality, perfect: boolean): number | undefined {
  if (perfect) return ({ P: 0, A: 1, AA: 2, d: -1, dd: -2 } as Partial<Record<IntervalQuality, number>>)[quality];
  return ({ M: 0, m: -1, A: 1, AA: 2, d: -2, dd: -3 } as Partial<Record<IntervalQuality, number>>)[quality];
}

/** intervalQuality({ steps: 3, semitones: 6 }) → "A"; undefined beyond doubly augmented/diminished */
export function intervalQuality(interval: Interval): IntervalQuality | undefined {
  const sign = interval.steps < 0 || (interval.steps === 0 && interval.semitones < 0) ? -1 : 1;
  const steps = sign * interval.steps;
  const simple = steps % 7;
  const offset = sign * interval.semitones - REFERENCE[simple]! - 12 * Math.floor(steps / 7);
  const perfect = PERFECT.has(simple);
  const table: Readonly<Record<number, IntervalQuality>> = perfect ? { 0: 'P', 1: 'A', 2: 'AA', [-1]: 'd', [-2]: 'dd' } : { 0: 'M', [-1]: 'm', 1: 'A', 2: 'AA', [-2]: 'd', [-3]: 'dd' };
  return table[offset];
}

/** intervalName({ steps: 2, semitones: 4 }) → "M3"; ({ steps: -1, semitones: -1 }) → "m-2" */
export function intervalName(interval: Interval): string {
  const quality = intervalQuality(interval);
  if (!quality) return `${interval.semitones} semitones over ${interval.steps} steps`;
  const down = interval.steps < 0 || (interval.steps === 0 && interval.semitones < 0);
  return `${quality}${down ? '-' : ''}${Math.abs(interval.steps) + 1}`;
}

/** describeInterval(parseInterval("-P4")) → "down a perfect fourth"; ("M2") → "up a major second" */
export function describeInterval(interval: Interval): string {
  const quality = intervalQuality(interval);
  const down = interval.steps < 0 || (interval.steps === 0 && interval.semitones < 0);
  const steps = Math.abs(interval.steps);
  const number = NUMBER_NAMES[steps] ?? `${steps + 1}th`;
  const name = quality ? `${QUALITY_NAMES[quality]} ${number}` : `${Math.abs(interval.semitones)} semitones`;
  const article = /^[aeiou]/.test(name) ? 'an' : 'a';
  if (steps === 0 && interval.semitones === 0) return 'by a perfect unison';
  return `${down ? 'down' : 'up'} ${article} ${name}`;
}

/** negateInterval(M3 up) → M3 down: the same interval in the other direction */
export function negateInterval(interval: Interval): Interval {
  return { steps: -interval.steps, semitones: -interval.semitones };
}

/** addIntervals(M3, m3) → P5 */
export function addIntervals(a: Interval, b: Interval): Interval {
  return { steps: a.steps + b.steps, semitones: a.semitones + b.semitones };
}

/** diatonicNumber(C4) → 28: letter steps from C0, so that B#3 stays below C4 in letters */
export function diatonicNumber(p: Pitch): number {
  return p.octave * 7 + STEPS.indexOf(p.step);
}

/** exactSemitones(B#3) → 60: like midi, but keeps fractional (microtonal) alterations */
function exactSemitones(p: Pitch): number {
  return (p.octave + 1) * 12 + STEP_SEMITONES[p.step] + p.alter;
}

/** intervalBetween(E4, G#4) → { steps: 2, semitones: 4 } (a major third up) */
export function intervalBetween(from: Pitch, to: Pitch): Interval {
  return { steps: diatonicNumber(to) - diatonicNumber(from), semitones: exactSemitones(to) - exactSemitones(from) };
}

/** transposePitch(E4, M3) → G#4; transposePitch(Bb3, A4) → E4; transposePitch(C4, m-2) → B3 */
export function transposePitch(p: Pitch, interval: Interval): Pitch {
  const target = diatonicNumber(p) + interval.steps;
  const step = STEPS[((target % 7) + 7) % 7]!;
  const octave = Math.floor(target / 7);
  const natural = (octave + 1) * 12 + STEP_SEMITONES[step];
  return pitch(step, exactSemitones(p) + interval.semitones - natural, octave);
}

/** fifthsOfInterval(M2) → 2: how far the interval moves a key along the line of fifths (M2: C major → D major) */
export function fifthsOfInterval(interval: Interval): number {
  const c = pitch('C', 0, 4);
  return lineOfFifths(transposePitch(c, interval));
}

/** lineOfFifths(F#4) → 6; (Bb) → -2; (C) → 0: the pitch's position on the line of fifths */
export function lineOfFifths(p: Pick<Pitch, 'step' | 'alter'>): number {
  return STEP_FIFTHS[p.step] + 7 * Math.round(p.alter);
}

const STEP_FIFTHS: Readonly<Record<Step, number>> = { F: -1, C: 0, G: 1, D: 2, A: 3, E: 4, B: 5 };

/**
 * intervalFromFifths(2, 2) → M2; (-5, 1) → m2 (C to Db): the spelled interval that moves a key `fifths`
 * along the line of fifths and the music by exactly `semitones`; the two must agree modulo 12.
 */
export function intervalFromFifths(fifths: number, semitones: number): Interval {
  const steps = (((fifths * 4) % 7) + 7) % 7;
  const simpleSemitones = fifths * 7 - 12 * Math.floor((fifths * 7) / 12);
  // the letter fixes the steps; the octave is whatever makes the semitones exact
  const stepSemitones = REFERENCE[steps]!;
  let base = simpleSemitones;
  if (base - stepSemitones > 6) base -= 12;
  if (stepSemitones - base > 6) base += 12;
  const octaves = (semitones - base) / 12;
  if (!Number.isInteger(octaves)) throw new RangeError(`${fifths} fifths cannot move by ${semitones} semitones`);
  return { steps: steps + 7 * octaves, semitones };
}

/** parsePitchName("F#4") → F#4; ("Bb3"), ("E-3"), ("Cbb5") and ("Fx4") too; undefined when it is not a pitch name */
export function parsePitchName(name: string): Pitch | undefined {
  const match = /^\s*([A-Ga-g])(#{1,2}|x|b{1,2}|-{1,2}|)(-?\d)\s*$/.exec(name);
  if (!match) return undefined;
  const accidentals = match[2]!;
  const alter = accidentals === 'x' ? 2 : accidentals.startsWith('#') ? accidentals.length : -accidentals.length;
  return pitch(match[1]!.toUpperCase() as Step, alter, Number(match[3]));
}

/** stepOnLineOfFifths(6) → { step: 'F', alter: 1 }; (-2) → Bb: the inverse of lineOfFifths */
export function stepOnLineOfFifths(position: number): { step: Step; alter: number } {
  const letter = ((position + 1) % 7 + 7) % 7;
  return { step: (['F', 'C', 'G', 'D', 'A', 'E', 'B'] as const)[letter]!, alter: Math.floor((position + 1) / 7) };
}
