/**
 * Rules for the counterpoint as a melody: singable intervals, leaps recovered by step, no repeated notes
 * after first species, one climax (away from the cantus firmus's), a compass of about a tenth.
 */
import { BAR, finding, type Exercise, type Finding } from './exercise.js';
import { interval, melodicFault } from './intervals.js';
import { diatonicNumber } from '../../core/interval.js';

/** the widest compass a line may have, in staff steps (a tenth) */
export const MAX_RANGE_STEPS = 9;

/** melodicFindings(exercise, partial) → leaps, repetitions, climax and range problems of the counterpoint */
export function melodicFindings(exercise: Exercise, partial: boolean): Finding[] {
  const findings: Finding[] = [];
  const line = exercise.counterpoint;
  let lowest = Infinity;
  let highest = -Infinity;
  let tooWide = false;
  line.forEach((note, k) => {
    const steps = diatonicNumber(note.pitch);
    lowest = Math.min(lowest, steps);
    highest = Math.max(highest, steps);
    if (!tooWide && highest - lowest > MAX_RANGE_STEPS) {
      tooWide = true;
      findings.push(finding('range', note, k, 'The line spans more than a tenth; keep it within a singer\'s comfortable compass.'));
    }
    const previous = line[k - 1];
    if (!previous) return;
    const fault = melodicFault(previous.pitch, note.pitch);
    if (fault) findings.push(finding('forbidden-leap', note, k, `The line moves by ${fault}.`));
    if (previous.pitch.midi === note.pitch.midi && exercise.species > 1) {
      findings.push(finding('repeated-note', note, k, 'A repeated note stalls the line; after first species, tie it (fourth species) or move.'));
    }
    // eighths are passing ornaments: every move into or out of one is a step (Jeppesen)
    if ((note.duration === 1 || previous.duration === 1) && interval(previous.pitch, note.pitch).generic !== 1) {
      findings.push(finding('eighth-notes', note, k, 'Eighth notes are approached and left by step.'));
    }
    const leap = interval(previous.pitch, note.pitch);
    const next = line[k + 1];
    if (leap.generic < 3 || !next) return;
    const recovery = interval(note.pitch, next.pitch);
    if (recovery.generic !== 1 || recovery.direction === leap.direction) {
      findings.push(finding('leap-not-recovered', next, k + 1, `After a leap of a ${leap.generic === 3 ? 'fourth' : leap.generic === 4 ? 'fifth' : leap.generic === 5 ? 'sixth' : 'octave'}, move by step in the opposite direction.`));
    }
  });
  if (!partial) findings.push(...climaxFindings(exercise));
  return findings;
}

/** one highest note (the final may equal or top it), not sounding with the cantus firmus's own climax */
function climaxFindings(exercise: Exercise): Finding[] {
  const line = exercise.counterpoint;
  const body = line.slice(0, -1);
  if (body.length === 0) return [];
  const top = Math.max(...body.map((note) => note.pitch.midi));
  if (line[line.length - 1]!.pitch.midi > top) return [];
  const peaks = body.map((note, k) => ({ note, k })).filter(({ note }) => note.pitch.midi === top);
  if (peaks.length > 1) {
    const { note, k } = peaks[1]!;
    return [finding('climax-repeated', note, k, `The highest note is reached ${peaks.length} times; a line should have a single climax.`)];
  }
  const cantusTop = Math.max(...exercise.cantus.map((p) => p.midi));
  const { note, k } = peaks[0]!;
  for (let bar = Math.floor(note.start / BAR); bar * BAR < note.start + note.duration; bar++) {
    if (exercise.cantus[bar]?.midi === cantusTop) {
      return [finding('climax-coincides', note, k, 'The climax sounds together with the cantus firmus\'s climax; let the two peaks fall at different places.')];
    }
  }
  return [];
}
