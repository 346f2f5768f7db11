/**
 * Cantus firmus: writing one (seeded) and checking one against the classic rules (after Fux and
 * Salzer–Schachter): begins and ends on the final, reached from the supertonic; mostly steps; leaps up to an
 * octave, never dissonant, recovered by step the other way; one climax; within a tenth; no repeated notes.
 */
import { CadenzaError } from '../../core/errors.js';
import { STEPS, type Pitch } from '../../core/pitch.js';
import { seededRandom } from '../random.js';
import { depthFirst } from './backtrack.js';
import type { Finding } from './exercise.js';
import { interval, melodicFault } from './intervals.js';
import { MAX_RANGE_STEPS } from './melodic-rules.js';
import { diatonicNumber } from '../../core/interval.js';
import { inMode, scaleDegree, scalePitch, type ModalKey } from './modes.js';

/** at least this share of the moves are steps */
const STEP_SHARE = 0.5;
const SEARCH_STEPS = 20_000;

/**
 * checkCantusFirmus(D dorian, [D4 F4 E4 D4 G4 F4 A4 G4 F4 E4 D4]) → [] (Fux's dorian cantus). `partial` judges a
 * beginning: the ending and the share of steps wait, the climax counts as it stands (stricter, for the search).
 */
export function checkCantusFirmus(key: ModalKey, cantus: readonly Pitch[], partial = false): Finding[] {
  const findings: Finding[] = [];
  const at = (rule: string, index: number, message: string): void => {
    findings.push({ rule, measure: index + 1, note: index, message });
  };
  const last = cantus.length - 1;
  if (cantus[0] && scaleDegree(key, cantus[0]) !== 0) at('cf-start', 0, 'A cantus firmus begins on the final (tonic) of its mode.');
  let leaps = 0;
  const lowest = Math.min(...cantus.map(diatonicNumber));
  const highest = Math.max(...cantus.map(diatonicNumber));
  cantus.forEach((note, index) => {
    if (!inMode(key, note)) at('cf-foreign-note', index, 'The cantus firmus uses only the notes of its mode.');
    const previous = cantus[index - 1];
    if (!previous) return;
    const move = interval(previous, note);
    const fault = melodicFault(previous, note);
    if (fault) at('cf-forbidden-leap', index, `The cantus moves by ${fault}.`);
    if (move.semitones === 0) at('cf-repeated-note', index, 'A cantus firmus never repeats a note.');
    if (move.generic > 1) leaps++;
    const next = cantus[index + 1];
    if (move.generic >= 3 && next) {
      const recovery = interval(note, next);
      if (recovery.generic !== 1 || recovery.direction === move.direction) at('cf-leap-not-recovered', index + 1, 'After a leap of a fourth or more, move by step the other way.');
    }
  });
  if (highest - lowest > MAX_RANGE_STEPS) at('cf-range', 0, 'The cantus firmus spans more than a tenth.');
  if (!partial && leaps > (1 - STEP_SHARE) * Math.max(last, 1)) at('cf-too-many-leaps', last, 'A cantus firmus moves mostly by step.');
  const peaks = cantus.filter((note) => diatonicNumber(note) === highest).length;
  if (peaks > 1) at('cf-climax', cantus.findIndex((note) => diatonicNumber(note) === highest), 'The highest note should be reached only once: one climax.');
  if (partial) return findings;
  if (cantus.length < 2 || scaleDegree(key, cantus[last]!) !== 0) at('cf-end', last, 'A cantus firmus ends on the final (tonic).');
  else if (scaleDegree(key, cantus[last - 1]!) !== 1) at('cf-penultimate', last - 1, 'The final is approached from the supertonic, by step down.');
  return findings;
}

/** generateCantusFirmus(D dorian, 11, 7) → eleven notes from D4 to D4, the same for seed 7 every time */
export function generateCantusFirmus(key: ModalKey, length: number, seed: number): Pitch[] {
  if (!Number.isInteger(length) || length < 8 || length > 16) {
    throw new CadenzaError('INVALID_ARGUMENT', `A generated cantus firmus has 8 to 16 notes, not ${length}.`);
  }
  const random = seededRandom(seed);
  // the tonic between C4 and B4: room for a counterpoint an octave above or below
  const tonic = 4 * 7 + STEPS.indexOf(key.tonic);
  const climaxAt = Math.round(length * (0.35 + random.next() * 0.35));
  const outcome = depthFirst<number>(
    {
      candidates(prefix) {
        const index = prefix.length;
        if (index === 0) return [0];
        if (index === length - 1) return [0];
        if (index === length - 2) return [1];
        const here = prefix[index - 1]!;
        const moves = [1, -1, 2, -2, 3, -3, 4, -4, 5, 7, -7];
        // a run of more than three steps one way sounds like a scale, not a tune
        const run = sameDirectionRun(prefix);
        const cost = (move: number): number =>
          Math.abs(move) * (Math.abs(move) > 1 ? 1.2 : 0.5) +
          random.next() * 2 +
          ((index <= climaxAt) === move > 0 ? -1 : 0.5) +
          // going straight back to the note before last makes the line circle in place
          (here + move === prefix[index - 2] ? 1.5 : 0) +
          (run >= 3 && Math.sign(move) === Math.sign(here - prefix[index - 2]!) ? run - 1 : 0);
        return moves.map((move) => ({ degree: here + move, cost: cost(move) })).sort((a, b) => a.cost - b.cost).map(({ degree }) => degree);
      },
      acceptable(prefix) {
        const index = prefix.length - 1;
        const degree = prefix[index]!;
        const remaining = length - 2 - index;
        if (degree < -4 || (remaining > 0 && Math.abs(degree - 1) > 4 * remaining)) return false;
        return checkCantusFirmus(key, toPitches(prefix), true).length === 0;
      },
      complete: (prefix) => prefix.length === length,
      valid: (prefix) => checkCantusFirmus(key, toPitches(prefix)).length === 0,
    },
    SEARCH_STEPS,
  );
  if (!outcome.solution) throw new CadenzaError('LIMIT_EXCEEDED', `No cantus firmus of ${length} notes was found within ${SEARCH_STEPS} steps; try another seed.`);
  return toPitches(outcome.solution);

  function toPitches(degrees: readonly number[]): Pitch[] {
    return degrees.map((degree) => scalePitch(key, tonic + degree));
  }
}

/** how many moves in a row, ending the prefix, go the same way */
function sameDirectionRun(degrees: readonly number[]): number {
  let run = 0;
  for (let index = degrees.length - 1; index > 0; index--) {
    const move = Math.sign(degrees[index]! - degrees[index - 1]!);
    const last = Math.sign(degrees[degrees.length - 1]! - degrees[degrees.length - 2]!);
    if (move !== last) break;
    run++;
  }
  return run;
}
