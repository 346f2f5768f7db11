/**
 * The moments where something new sounds — a cantus note, a counterpoint note, or a held note meeting a
 * new cantus note on the downbeat — with the interval between the voices at each.
 */
import type { Pitch } from '../../core/pitch.js';
import { BAR, type Exercise, type LineNote } from './exercise.js';
import { interval, type Interval } from './intervals.js';

export interface Vertical {
  readonly time: number;
  readonly bar: number;
  readonly cantus: Pitch;
  readonly note: LineNote;
  readonly noteIndex: number;
  /** a new cantus note starts here (a downbeat) */
  readonly cantusStruck: boolean;
  /** a new counterpoint note starts here (false when it is held or tied from before) */
  readonly noteStruck: boolean;
  /** from the lower voice to the upper, as the placement says; direction < 0 means the voices crossed */
  readonly interval: Interval;
}

/** verticals(exercise) → every onset of either voice while the counterpoint sounds, in time order */
export function verticals(exercise: Exercise): Vertical[] {
  const found: Vertical[] = [];
  exercise.counterpoint.forEach((note, noteIndex) => {
    const end = note.start + note.duration;
    for (let time = note.start; time < end; time = (Math.floor(time / BAR) + 1) * BAR) {
      const bar = Math.floor(time / BAR);
      const cantus = exercise.cantus[bar];
      if (!cantus) break;
      found.push({
        time,
        bar,
        cantus,
        note,
        noteIndex,
        cantusStruck: time % BAR === 0,
        noteStruck: time === note.start,
        interval: harmonicInterval(exercise, cantus, note.pitch),
      });
    }
  });
  return found;
}

/** harmonicInterval(exercise, D4, A4) → P5 measured upwards from the voice that should be lower */
export function harmonicInterval(exercise: Pick<Exercise, 'placement'>, cantus: Pitch, counterpoint: Pitch): Interval {
  return exercise.placement === 'above' ? interval(cantus, counterpoint) : interval(counterpoint, cantus);
}
