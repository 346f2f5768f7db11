/**
 * The cost of moving from one four-part chord to the next (the rules of part writing): parallel and
 * contrary fifths and octaves and overlapping voices are forbidden, hidden fifths and octaves in the
 * outer voices avoided, sevenths fall by step, leading tones rise, inner voices move little, and no
 * voice leaps a tritone or beyond an octave.
 */
import { FORBIDDEN } from './progression.js';
import type { Voicing } from './voicings.js';

const SOPRANO = 0;
const BASS = 3;

/**
 * motionCost(V7 voicing, its soprano's last note, I voicing) → what the move costs; `sopranoEnd` is the
 * melody's last note over the first chord (passing notes move the soprano within a slot)
 */
export function motionCost(before: Voicing, sopranoEnd: number, after: Voicing): number {
  const from = [sopranoEnd, before.midi[1], before.midi[2], before.midi[3]];
  const to = after.midi;
  let cost = 0;
  for (let upper = 0; upper < 4; upper++) {
    for (let lower = upper + 1; lower < 4; lower++) cost += pairCost(from, to, upper, lower);
  }
  cost += resolutionCost(before, from, after);
  for (let voice = 1; voice < 4; voice++) cost += leapCost(to[voice]! - from[voice]!, voice === BASS);
  return cost;
}

function pairCost(from: readonly number[], to: readonly number[], upper: number, lower: number): number {
  const upperMove = to[upper]! - from[upper]!;
  const lowerMove = to[lower]! - from[lower]!;
  let cost = 0;
  if (lower === upper + 1 && (to[lower]! > from[upper]! || to[upper]! < from[lower]!)) cost += FORBIDDEN;
  if (upperMove === 0 || lowerMove === 0) return cost;
  const was = perfectKind(from[upper]! - from[lower]!);
  const is = perfectKind(to[upper]! - to[lower]!);
  if (is !== undefined && was === is) return cost + FORBIDDEN;
  const similar = Math.sign(upperMove) === Math.sign(lowerMove);
  if (is !== undefined && similar && upper === SOPRANO && lower === BASS && Math.abs(upperMove) > 2) cost += 3;
  return cost;
}

/** 'fifth' for 7 semitones (and compounds), 'octave' for unisons and octaves */
function perfectKind(semitones: number): 'fifth' | 'octave' | undefined {
  const simple = ((semitones % 12) + 12) % 12;
  return simple === 7 ? 'fifth' : simple === 0 ? 'octave' : undefined;
}

function resolutionCost(before: Voicing, from: readonly number[], after: Voicing): number {
  let cost = 0;
  const sameChord = before.chord === after.chord;
  for (let voice = 0; voice < 4; voice++) {
    const move = after.midi[voice]! - from[voice]!;
    const member = before.members[voice];
    const melody = voice === SOPRANO;
    // the seventh falls by step, or holds while the same chord is revoiced
    if (member === 3 && move !== -1 && move !== -2 && !(sameChord && move === 0)) cost += melody ? 4 : FORBIDDEN;
    if (member === before.chord.leadingTone && resolves(before, after) && move !== 1) cost += melody || voice === BASS ? 4 : 0.7;
  }
  return cost;
}

/** the chord after a dominant-function chord is the one it leads to */
function resolves(before: Voicing, after: Voicing): boolean {
  const target = before.chord.target ?? 1;
  return after.chord.degree === target && after.chord.target === undefined;
}

function leapCost(move: number, bass: boolean): number {
  const size = Math.abs(move);
  if (size === 6 || size > 12) return FORBIDDEN;
  if (bass) return size === 0 ? 0.3 : size <= 2 ? 0.1 : size <= 7 ? 0.3 : size === 12 ? 0.6 : 1;
  return 0.08 * size + (size > 4 ? 0.5 : 0) + (size > 7 ? 1.5 : 0);
}
