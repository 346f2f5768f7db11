/**
 * The species counterpoint rule checker: every rule, in bar order. An empty list means the exercise passes.
 */
import type { Exercise, Finding } from './exercise.js';
import { dissonanceFindings } from './dissonance-rules.js';
import { frameFindings } from './frame-rules.js';
import { melodicFindings } from './melodic-rules.js';
import { motionFindings } from './motion-rules.js';
import { verticals } from './verticals.js';

export interface CheckOptions {
  /**
   * the line is a beginning still being written: rules that need the ending (cadence, climax) or a note that
   * is not there yet (resolution, leap recovery) are left until it is complete
   */
  readonly partial?: boolean;
}

/** checkCounterpoint({ key, species: 1, placement: 'above', cantus, counterpoint }) → [] when it follows the rules */
export function checkCounterpoint(exercise: Exercise, options: CheckOptions = {}): Finding[] {
  const partial = options.partial ?? false;
  const found = verticals(exercise);
  return [
    ...frameFindings(exercise, found, partial),
    ...melodicFindings(exercise, partial),
    ...motionFindings(exercise, found),
    ...dissonanceFindings(exercise, partial),
  ].sort((a, b) => a.measure - b.measure || a.note - b.note);
}
