/**
 * Rules for the frame of an exercise: how it begins and ends, the cadence with its leading tone, notes
 * foreign to the mode, and whether the line fills the cantus bar for bar in its species' rhythm.
 */
import { BAR, finding, type Exercise, type Finding } from './exercise.js';
import { interval, intervalName, perfectKind } from './intervals.js';
import { diatonicNumber } from '../../core/interval.js';
import { fictaDegrees, inMode, scaleDegree, scalePitch } from './modes.js';
import type { Vertical } from './verticals.js';

/** frameFindings(exercise, verticals, partial) → opening, cadence, ficta and rhythm problems; `partial` skips the ending */
export function frameFindings(exercise: Exercise, found: readonly Vertical[], partial: boolean): Finding[] {
  const findings: Finding[] = [];
  const line = exercise.counterpoint;
  const first = found[0];
  if (first) {
    const kind = perfectKind(first.interval);
    const allowed = exercise.placement === 'above' ? kind !== undefined : kind === 'octave';
    if (!allowed) {
      const expected = exercise.placement === 'above' ? 'a unison, fifth or octave' : 'a unison or octave (a fifth below would put the piece in another mode)';
      findings.push(finding('start-interval', first.note, 0, `The first interval is ${intervalName(first.interval)}; begin with ${expected}.`));
    }
  }
  line.forEach((note, index) => {
    if (inMode(exercise.key, note.pitch)) return;
    const inCadence = note.start >= (exercise.cantus.length - 2) * BAR;
    const own = scalePitch(exercise.key, diatonicNumber(note.pitch));
    const ficta = fictaDegrees(exercise.key).includes(scaleDegree(exercise.key, note.pitch)) && note.pitch.alter === own.alter + 1;
    if (!(ficta && inCadence)) {
      findings.push(finding('foreign-note', note, index, `${note.pitch.step}${note.pitch.alter > 0 ? '#' : note.pitch.alter < 0 ? 'b' : ''} is not in the mode; chromatic notes are only the raised leading tone (and sixth) at the cadence.`));
    }
  });
  findings.push(...crossRelations(exercise));
  findings.push(...rhythmFindings(exercise, partial));
  if (partial || line.length < 2) return findings;

  const last = found[found.length - 1]!;
  if (perfectKind(last.interval) !== 'octave') {
    findings.push(finding('end-interval', last.note, line.length - 1, `The last interval is ${intervalName(last.interval)}; end on a unison or octave with the final.`));
  }
  const final = line[line.length - 1]!;
  const penultimate = line[line.length - 2]!;
  const cantusFinal = exercise.cantus[exercise.cantus.length - 1]!;
  const cantusPenultimate = exercise.cantus[exercise.cantus.length - 2]!;
  const lineMove = interval(penultimate.pitch, final.pitch);
  const cantusMove = interval(cantusPenultimate, cantusFinal);
  if (lineMove.generic !== 1 || (cantusMove.direction !== 0 && lineMove.direction === cantusMove.direction)) {
    findings.push(finding('final-approach', final, line.length - 1, 'Approach the final by step in contrary motion to the cantus firmus (e.g. 6th to octave above, 3rd to unison or 10th to octave below).'));
  } else if (!(lineMove.semitones === 1 || (cantusMove.generic === 1 && cantusMove.semitones === 1))) {
    findings.push(finding('leading-tone', penultimate, line.length - 2, 'Neither voice reaches the final by a half step; raise the leading tone (musica ficta), e.g. C# before D in dorian.'));
  }
  return findings;
}

/** the line must fill the cantus without gaps, in its species' note values, ending with a whole note on the last bar */
function rhythmFindings(exercise: Exercise, partial: boolean): Finding[] {
  const findings: Finding[] = [];
  const line = exercise.counterpoint;
  const expected: Readonly<Record<number, number>> = { 1: BAR, 2: BAR / 2, 3: BAR / 4 };
  const lastBar = exercise.cantus.length - 1;
  line.forEach((note, index) => {
    const previous = line[index - 1];
    if (previous && previous.start + previous.duration !== note.start) {
      findings.push(finding('rhythm', note, index, 'The counterpoint has a gap or an overlap here; it should sound continuously after its opening rest.'));
    } else if (!previous && note.start >= BAR) {
      findings.push(finding('rhythm', note, index, 'The counterpoint should begin in the first bar.'));
    }
    const value = expected[exercise.species];
    const isFinal = note.start === lastBar * BAR;
    if (value && !isFinal && note.duration !== value) {
      findings.push(finding('rhythm', note, index, `In species ${exercise.species} every note but the last lasts ${value === BAR ? 'a whole' : value === BAR / 2 ? 'a half' : 'a quarter'} note.`));
    }
    if (exercise.species === 5 && note.duration === 1 && note.start % 2 === 0 && line[index + 1]?.duration !== 1 && (!partial || line[index + 1])) {
      findings.push(finding('rhythm', note, index, 'Eighth notes come in pairs on the weak part of a beat.'));
    }
    if (note.start + note.duration > (lastBar + 1) * BAR || (note.start > lastBar * BAR)) {
      findings.push(finding('rhythm', note, index, 'The counterpoint runs past the end of the cantus firmus.'));
    }
  });
  const final = line[line.length - 1];
  if (!partial && !final) findings.push(finding('rhythm', undefined, 0, 'The counterpoint has no notes.'));
  if (!partial && final && (final.start !== lastBar * BAR || final.duration !== BAR)) {
    findings.push(finding('rhythm', final, line.length - 1, 'The last note should be a whole note with the last note of the cantus firmus.'));
  }
  return findings;
}

/** a degree heard both natural and raised near the cadence (G and G# in A minor) is a false relation */
function crossRelations(exercise: Exercise): Finding[] {
  const findings: Finding[] = [];
  const zone = (exercise.cantus.length - 2) * BAR;
  const seen = new Map<number, number>();
  exercise.counterpoint.forEach((note, index) => {
    if (note.start < zone) return;
    const degree = scaleDegree(exercise.key, note.pitch);
    const alter = seen.get(degree);
    if (alter !== undefined && alter !== note.pitch.alter) {
      findings.push(finding('cross-relation', note, index, 'The same degree is heard both natural and raised in the cadence; once the leading tone is raised, keep it raised.'));
    }
    seen.set(degree, note.pitch.alter);
  });
  return findings;
}
