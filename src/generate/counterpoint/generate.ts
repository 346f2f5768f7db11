/**
 * Writing a counterpoint to a cantus firmus: a bounded depth-first search over the line, note by note.
 * Candidates are ranked by a cost (steps before leaps, imperfect before perfect consonances) with seeded
 * jitter, so different seeds give different lines; each prefix must pass every rule the checker can judge
 * so far, and the whole line must pass the checker — the generator never returns what the checker rejects.
 */
import { CadenzaError } from '../../core/errors.js';
import type { Pitch } from '../../core/pitch.js';
import { seededRandom, type Random } from '../random.js';
import { depthFirst } from './backtrack.js';
import { checkCounterpoint } from './check.js';
import { BAR, type Exercise, type LineNote, type Placement, type Species } from './exercise.js';
import { interval, isConsonant } from './intervals.js';
import { diatonicNumber } from '../../core/interval.js';
import { fictaDegrees, raised, scaleDegree, scalePitch, type ModalKey } from './modes.js';
import { nextDurations, openingRest } from './rhythm.js';
import { harmonicInterval } from './verticals.js';

export interface CounterpointRequest {
  readonly key: ModalKey;
  readonly cantus: readonly Pitch[];
  readonly placement: Placement;
  readonly species: Species;
  readonly seed: number;
  /** candidates tried before giving up (default 60 000) */
  readonly maxSteps?: number;
}

export interface CounterpointResult {
  readonly exercise: Exercise;
  /** candidates the search tried */
  readonly steps: number;
}

const DEFAULT_STEPS = 60_000;
/** fresh starts with new candidate orders: a depth-first search stuck deep in a bad branch rarely recovers */
const RESTARTS = 6;

/** generateCounterpoint({ key, cantus, placement: 'above', species: 1, seed: 1 }) → an exercise the checker passes */
export function generateCounterpoint(request: CounterpointRequest): CounterpointResult {
  validate(request);
  const budget = request.maxSteps ?? DEFAULT_STEPS;
  let steps = 0;
  for (let attempt = 0; attempt < RESTARTS && steps < budget; attempt++) {
    const random = seededRandom((request.seed * 7919 + attempt * 104_729) >>> 0);
    const share = Math.ceil(budget / RESTARTS);
    const outcome = depthFirst(problem(request, random), Math.min(share, budget - steps));
    steps += outcome.steps;
    if (outcome.solution) return { exercise: exerciseOf(request, outcome.solution), steps };
  }
  throw new CadenzaError('LIMIT_EXCEEDED', `No species-${request.species} counterpoint ${request.placement} this cantus firmus was found within ${budget} search steps.`, {
    hint: 'Try another seed or the other placement; a cantus firmus with fewer leaps, or one ending 2–1 on its final, leaves more room.',
  });
}

function exerciseOf(request: CounterpointRequest, line: readonly LineNote[]): Exercise {
  const { key, species, placement, cantus } = request;
  return { key, species, placement, cantus, counterpoint: line };
}

function problem(request: CounterpointRequest, random: Random) {
  const { cantus, key, species, placement } = request;
  const bars = cantus.length;
  const end = bars * BAR;
  const finalBar = (bars - 1) * BAR;
  const cantusSteps = cantus.map(diatonicNumber);
  const cantusTop = Math.max(...cantus.map((p) => p.midi));
  const low = placement === 'above' ? Math.min(...cantusSteps) : Math.min(...cantusSteps) - 14;
  const high = placement === 'above' ? Math.max(...cantusSteps) + 14 : Math.max(...cantusSteps);
  const finalStep = cantusSteps[bars - 1]!;
  const finals = [0, 7, 14].map((shift) => finalStep + (placement === 'above' ? shift : -shift)).filter((step) => step >= low && step <= high);
  const scale: Pitch[] = [];
  for (let step = low; step <= high; step++) scale.push(scalePitch(key, step));
  const ficta = scale.filter((p) => fictaDegrees(key).includes(scaleDegree(key, p))).map(raised);

  return {
    candidates(prefix: readonly LineNote[]): LineNote[] {
      const previous = prefix[prefix.length - 1];
      const start = previous ? previous.start + previous.duration : openingRest(species);
      const durations = nextDurations(species, bars, previous, start);
      const pool = start === finalBar ? finals.map((step) => scalePitch(key, step)) : start >= finalBar - BAR ? [...scale, ...ficta] : scale;
      const ranked = durations.flatMap((duration, order) =>
        pool.map((p) => ({
          note: { pitch: p, start, duration },
          cost: cost(previous, p, start, duration) + circling(prefix, p) + order * (species === 4 ? 8 : 0.8) + random.next() * 2,
        })),
      );
      return ranked.sort((a, b) => a.cost - b.cost).map(({ note }) => note);
    },
    acceptable(prefix: readonly LineNote[]): boolean {
      if (!reachesFinal(prefix)) return false;
      if (!singleClimaxSoFar(prefix)) return false;
      return checkCounterpoint(exerciseOf(request, prefix), { partial: true }).length === 0;
    },
    complete: (prefix: readonly LineNote[]) => {
      const last = prefix[prefix.length - 1]!;
      return last.start + last.duration >= end;
    },
    valid: (prefix: readonly LineNote[]) => checkCounterpoint(exerciseOf(request, prefix)).length === 0,
  };

  /** a cost for this note here: smooth motion, imperfect consonances, voices not too far apart */
  function cost(previous: LineNote | undefined, p: Pitch, start: number, duration: number): number {
    const cantusNote = cantus[Math.floor(start / BAR)]!;
    const harmony = harmonicInterval({ placement }, cantusNote, p);
    let total = harmony.generic > 9 ? 2 : 0;
    if (start % BAR === 0 && harmony.quality === 'P') total += harmony.generic === 0 ? 2 : 1;
    if (!isConsonant(harmony)) total += 1.5;
    if (duration === 1) total += 1;
    if (!previous) return total;
    const move = interval(previous.pitch, p);
    total += [species === 1 ? 6 : 4, 0, 1, 2, 2.5, 3, 9, 3.5][Math.min(move.generic, 7)]!;
    return total;
  }

  /** going back to the note before last makes a line circle in place (A–B–A–B all the more); quarters may, as neighbours */
  function circling(prefix: readonly LineNote[], p: Pitch): number {
    const back = prefix[prefix.length - 2]?.pitch.midi === p.midi;
    if (!back) return 0;
    const again = prefix[prefix.length - 3]?.pitch.midi === prefix[prefix.length - 1]!.pitch.midi;
    return (species === 3 ? 0.5 : 1.5) + (again ? 2 : 0);
  }

  /** the line can still get to the final: within reach, and the last note before it a step contrary to the cantus */
  function reachesFinal(prefix: readonly LineNote[]): boolean {
    const note = prefix[prefix.length - 1]!;
    const here = diatonicNumber(note.pitch);
    const reach = Math.min(...finals.map((step) => Math.abs(step - here)));
    const barsLeft = bars - 1 - Math.floor(note.start / BAR);
    if (note.start + note.duration === finalBar) {
      const cantusMove = Math.sign(cantusSteps[bars - 1]! - cantusSteps[bars - 2]!);
      return finals.some((step) => Math.abs(step - here) === 1 && Math.sign(step - here) !== cantusMove);
    }
    return barsLeft === 0 || reach <= 1 + 4 * barsLeft;
  }

  /**
   * stricter than the checker, so the search never paints itself into a corner: the highest note so far is
   * reached once, and never while the cantus sings its own climax
   */
  function singleClimaxSoFar(prefix: readonly LineNote[]): boolean {
    const note = prefix[prefix.length - 1]!;
    if (note.start === finalBar) return true;
    let top = -Infinity;
    for (let index = 0; index < prefix.length - 1; index++) top = Math.max(top, prefix[index]!.pitch.midi);
    if (note.pitch.midi === top) return false;
    if (note.pitch.midi < top) return true;
    for (let bar = Math.floor(note.start / BAR); bar * BAR < note.start + note.duration; bar++) {
      if (cantus[bar]?.midi === cantusTop) return false;
    }
    return true;
  }
}

function validate(request: CounterpointRequest): void {
  const { cantus, species, placement, seed } = request;
  if (!Number.isInteger(species) || species < 1 || species > 5) throw new CadenzaError('INVALID_ARGUMENT', `Species is 1 to 5, not ${species}.`);
  if (placement !== 'above' && placement !== 'below') throw new CadenzaError('INVALID_ARGUMENT', `Placement is "above" or "below", not "${String(placement)}".`);
  if (!Number.isInteger(seed)) throw new CadenzaError('INVALID_ARGUMENT', `The seed must be an integer, not ${seed}.`);
  if (cantus.length < 4 || cantus.length > 32) {
    throw new CadenzaError('INVALID_ARGUMENT', `A cantus firmus has 4 to 32 notes; this one has ${cantus.length}.`);
  }
  const outside = cantus.find((p) => p.midi < 36 || p.midi > 84);
  if (outside) throw new CadenzaError('INVALID_ARGUMENT', `The cantus firmus note at midi ${outside.midi} is outside C2–C6, where a counterpoint can still be sung against it.`);
  if (scaleDegree(request.key, cantus[cantus.length - 1]!) !== 0) {
    throw new CadenzaError('INVALID_ARGUMENT', 'The cantus firmus must end on the final (tonic) of its mode.');
  }
}
