/**
 * Where a dissonance may stand and how it must be treated, species by species (Fux; Jeppesen, Counterpoint):
 * struck on a downbeat never; on weak parts as a passing tone (2nd–5th species), a neighbour or the
 * cambiata (3rd, 5th); tied over the barline as a suspension that was prepared by a consonance and
 * resolves down by step (4th, 5th).
 */
import { BAR, finding, type Exercise, type Finding, type LineNote } from './exercise.js';
import { interval, intervalName, isConsonant } from './intervals.js';
import { harmonicInterval } from './verticals.js';

/** dissonanceFindings(exercise, partial) → dissonances that are struck, unprepared or unresolved */
export function dissonanceFindings(exercise: Exercise, partial: boolean): Finding[] {
  const findings: Finding[] = [];
  const line = exercise.counterpoint;
  line.forEach((note, k) => {
    const cantus = exercise.cantus[Math.floor(note.start / BAR)];
    if (!cantus) return;
    const struck = harmonicInterval(exercise, cantus, note.pitch);
    const end = note.start + note.duration;
    const firstDownbeat = (Math.floor(note.start / BAR) + 1) * BAR;
    const tied = firstDownbeat < end;
    if (!isConsonant(struck)) {
      const name = intervalName(struck);
      if (note.start % BAR === 0) {
        findings.push(finding('dissonant-downbeat', note, k, `${name} on the downbeat: a note struck on the downbeat must be consonant.`));
      } else if (tied) {
        findings.push(finding('unprepared-suspension', note, k, `${name} where the tied note is struck: a suspension must be prepared by a consonance.`));
      } else {
        const verdict = weakDissonance(exercise, k, partial);
        if (verdict) findings.push(finding('dissonance-not-passing', note, k, `${name} on a weak beat ${verdict}`));
      }
    }
    for (let downbeat = firstDownbeat; downbeat < end; downbeat += BAR) {
      const under = exercise.cantus[downbeat / BAR];
      if (!under) break;
      const suspended = harmonicInterval(exercise, under, note.pitch);
      if (isConsonant(suspended)) continue;
      const resolution = line[k + 1];
      if (!resolution) {
        if (!partial) findings.push(finding('unresolved-suspension', note, k, `The suspended ${intervalName(suspended)} never resolves.`, downbeat));
        continue;
      }
      const step = interval(note.pitch, resolution.pitch);
      const resolved = harmonicInterval(exercise, under, resolution.pitch);
      if (step.generic !== 1 || step.direction > 0 || resolution.start !== downbeat + BAR / 2 || !isConsonant(resolved)) {
        findings.push(finding('unresolved-suspension', note, k, `The suspended ${intervalName(suspended)} must resolve down by step to a consonance on the second half of the bar.`, downbeat));
      } else if (exercise.placement === 'above' ? resolved.generic === 0 : suspended.simple === 6) {
        const figure = exercise.placement === 'above' ? '2–1 (a second into a unison)' : '7–8 (a seventh into an octave)';
        findings.push(finding('bad-suspension', note, k, `The suspension ${figure} is weak; above, use 7–6, 4–3 or 9–8; below, 2–3, 4–5 or 9–10.`, downbeat));
      }
    }
  });
  return findings;
}

/** why a weak-beat dissonance at line[k] is not allowed, or undefined when it is a proper passing tone, neighbour or cambiata */
function weakDissonance(exercise: Exercise, k: number, partial: boolean): string | undefined {
  const line = exercise.counterpoint;
  const note = line[k]!;
  if (exercise.species === 1 || exercise.species === 4) return 'is not allowed in this species: every note struck here must be consonant.';
  const previous = line[k - 1];
  const next = line[k + 1];
  if (!previous) return 'cannot open the line.';
  if (!next) return partial ? undefined : 'must move on by step.';
  const into = interval(previous.pitch, note.pitch);
  const out = interval(note.pitch, next.pitch);
  const short = note.duration <= BAR / 4;
  if (into.generic === 1 && out.generic === 1 && into.direction === out.direction) return undefined;
  if (into.generic === 1 && out.generic === 1 && short) return undefined;
  if (isCambiata(line, k, into.direction, partial)) return undefined;
  if (!short) return 'must be a passing tone: approached and left by step in the same direction.';
  return 'must be a passing tone or a neighbour (approached and left by step), or the cambiata.';
}

/** the nota cambiata: step down to a dissonant weak quarter, leap down a third, then step up */
function isCambiata(line: readonly LineNote[], k: number, directionIn: number, partial: boolean): boolean {
  const note = line[k]!;
  const next = line[k + 1]!;
  const after = line[k + 2];
  const leap = interval(note.pitch, next.pitch);
  if (note.duration !== BAR / 4 || note.start % (BAR / 2) !== BAR / 4) return false;
  if (directionIn >= 0 || leap.generic !== 2 || leap.direction >= 0) return false;
  if (!after) return partial;
  const recovery = interval(next.pitch, after.pitch);
  return recovery.generic === 1 && recovery.direction > 0;
}
