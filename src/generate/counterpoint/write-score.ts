/**
 * Writing an exercise as a two-part score: the cantus firmus in whole notes, the counterpoint in its
 * species' values (ties over the barline come from buildScore), top voice first, a clef that fits each.
 */
import { buildScore } from '../../core/build-score.js';
import { rational } from '../../core/rational.js';
import type { Clef, KeyMode, Score } from '../../core/score.js';
import type { Pitch } from '../../core/pitch.js';
import type { WrittenPart } from '../../core/build-score.js';
import { BAR, type Exercise } from './exercise.js';
import { keyFifths, tonicName } from './modes.js';

const ORDINALS = ['First', 'Second', 'Third', 'Fourth', 'Fifth'];
const TREBLE: Clef = { sign: 'G', line: 2 };
const BASS: Clef = { sign: 'F', line: 4 };

/** exerciseTitle(exercise) → "First-species counterpoint above a cantus firmus in D dorian" */
export function exerciseTitle(exercise: Exercise): string {
  return `${ORDINALS[exercise.species - 1]}-species counterpoint ${exercise.placement} a cantus firmus in ${tonicName(exercise.key)} ${exercise.key.mode}`;
}

/** counterpointScore(exercise) → a Score in 2/2: counterpoint and cantus firmus, one bar per cantus note */
export function counterpointScore(exercise: Exercise): Score {
  // eighths to quarter lengths
  const quarters = (eighths: number) => rational(eighths, 2);
  const last = exercise.counterpoint.length - 1;
  const counterpoint: WrittenPart = {
    name: 'Counterpoint',
    clef: clefFor(exercise.counterpoint.map((note) => note.pitch)),
    notes: exercise.counterpoint.map((note, index) => ({
      pitches: [note.pitch],
      start: quarters(note.start),
      duration: quarters(note.duration),
      ...(index === last ? { fermata: true } : {}),
    })),
  };
  const cantus: WrittenPart = {
    name: 'Cantus firmus',
    clef: clefFor(exercise.cantus),
    notes: exercise.cantus.map((p, bar) => ({
      pitches: [p],
      start: quarters(bar * BAR),
      duration: quarters(BAR),
      ...(bar === exercise.cantus.length - 1 ? { fermata: true } : {}),
    })),
  };
  const mode: KeyMode = exercise.key.mode;
  return buildScore({
    title: exerciseTitle(exercise),
    key: { fifths: keyFifths(exercise.key), mode },
    time: { beats: '2', beatType: 2, symbol: 'cut' },
    parts: exercise.placement === 'above' ? [counterpoint, cantus] : [cantus, counterpoint],
  });
}

/** treble when the notes sit mostly above middle C, bass when below */
function clefFor(pitches: readonly Pitch[]): Clef {
  const mean = pitches.reduce((sum, p) => sum + p.midi, 0) / Math.max(1, pitches.length);
  return mean >= 59 ? TREBLE : BASS;
}
