/**
 * Rules about how the two voices move together: parallel and hidden perfect consonances, crossing,
 * unisons, and runs of thirds or sixths (Fux, Gradus ad Parnassum; Salzer–Schachter, Counterpoint in Composition).
 */
import { BAR, finding, type Exercise, type Finding } from './exercise.js';
import { imperfectKind, intervalName, perfectKind } from './intervals.js';
import type { Vertical } from './verticals.js';

/** motionFindings(exercise, verticals) → parallels, hidden fifths/octaves, crossing, unisons, long runs of 3rds/6ths */
export function motionFindings(exercise: Exercise, found: readonly Vertical[]): Finding[] {
  const findings: Finding[] = [];
  const lastBar = exercise.cantus.length - 1;
  let run = 1;
  found.forEach((current, index) => {
    const { note, noteIndex: k } = current;
    if (current.interval.direction < 0) {
      findings.push(finding('voice-crossing', note, k, `The counterpoint crosses the cantus firmus here; it should stay ${exercise.placement} it.`, current.time));
    }
    const interior = current.bar > 0 && current.bar < lastBar;
    const unisonCounts = exercise.species === 1 || current.cantusStruck;
    if (interior && unisonCounts && current.interval.generic === 0) {
      findings.push(finding('unison-in-middle', note, k, 'A unison inside the exercise makes the two voices sound as one; keep unisons for the beginning and end.', current.time));
    }
    const previous = found[index - 1];
    if (!previous) return;
    const cantusMove = Math.sign(current.cantus.midi - previous.cantus.midi);
    const lineMove = Math.sign(note.pitch.midi - previous.note.pitch.midi);
    const bothMove = cantusMove !== 0 && lineMove !== 0;
    const before = perfectKind(previous.interval);
    const now = perfectKind(current.interval);
    if (bothMove && now && before === now) {
      findings.push(finding(`parallel-${now}s`, note, k, `Consecutive ${now}s (${intervalName(previous.interval)} to ${intervalName(current.interval)}): the voices lose their independence.`, current.time));
    } else if (bothMove && now && cantusMove === lineMove) {
      findings.push(finding(`hidden-${now}s`, note, k, `Both voices move the same way into a ${now === 'fifth' ? 'perfect fifth' : 'unison or octave'} (hidden ${now}s); approach it by contrary or oblique motion.`, current.time));
    }
    const kind = imperfectKind(current.interval);
    run = exercise.species === 1 && bothMove && kind && kind === imperfectKind(previous.interval) ? run + 1 : 1;
    if (run === 4) {
      findings.push(finding('parallel-thirds-sixths', note, k, `Four ${kind}s in a row: after three parallel ${kind}s the line stops sounding independent.`, current.time));
    }
  });
  findings.push(...accentParallels(exercise, found));
  return findings;
}

/**
 * Fifths or octaves on successive accents: on downbeats in second and third species (the notes between are
 * too few to hide them), on the struck half-bars in fourth species (the tie does not remove the fault).
 */
function accentParallels(exercise: Exercise, found: readonly Vertical[]): Finding[] {
  const accent = exercise.species === 2 || exercise.species === 3 ? 0 : exercise.species === 4 ? BAR / 2 : undefined;
  if (accent === undefined) return [];
  const accents = found.filter((vertical) => vertical.noteStruck && vertical.time % BAR === accent);
  const findings: Finding[] = [];
  for (let index = 1; index < accents.length; index++) {
    const previous = accents[index - 1]!;
    const current = accents[index]!;
    if (current.bar !== previous.bar + 1) continue;
    const kind = perfectKind(current.interval);
    if (!kind || perfectKind(previous.interval) !== kind) continue;
    if (current.note.pitch.midi === previous.note.pitch.midi || current.cantus.midi === previous.cantus.midi) continue;
    const where = accent === 0 ? 'successive downbeats' : 'successive half-bars';
    findings.push(finding('accent-parallels', current.note, current.noteIndex, `${kind === 'fifth' ? 'Fifths' : 'Octaves'} on ${where} (bars ${previous.bar + 1} and ${current.bar + 1}) are heard as parallels; the notes between do not hide them.`, current.time));
  }
  return findings;
}
