/**
 * Melodic inversion: every pitch mirrored around an axis. Chromatic inversion mirrors exact intervals
 * (E4 around C4 → Ab3, a major third below), so the key signature mirrors too; diatonic inversion mirrors
 * letter steps within the key (E4 around C4 in C major → A3), keeping the signature.
 */
import { STEPS, pitch, pitchName, type Pitch } from '../../core/pitch.js';
import { diatonicNumber, intervalBetween, lineOfFifths, negateInterval, transposePitch } from '../../core/interval.js';
import { heardNotes } from '../../core/notes.js';
import { compare } from '../../core/rational.js';
import type { KeyMode, KeySignature, Score } from '../../core/score.js';
import { mapPitches } from './map-pitches.js';
import { retitled } from './title.js';

export interface InversionOptions {
  /** the pitch that stays put; default the first note of the score */
  readonly axis?: Pitch;
  /** mirror letter steps within the key in force instead of semitones */
  readonly diatonic?: boolean;
}

/** Mirrored scales change mode (a major scale turned upside down is phrygian): the mode of the mirror. */
const MIRRORED_MODE: Readonly<Record<KeyMode, KeyMode>> = {
  major: 'phrygian', ionian: 'phrygian', phrygian: 'major', minor: 'mixolydian', aeolian: 'mixolydian', mixolydian: 'minor',
  dorian: 'dorian', lydian: 'locrian', locrian: 'lydian', none: 'none',
};

/** invertScore(score, { axis: C4 }) → E4 becomes Ab3, G4 becomes F3; twice gives the score back */
export function invertScore(score: Score, options: InversionOptions = {}): Score {
  const axis = options.axis ?? firstNote(score);
  if (!axis) return { ...score, metadata: retitled(score, 'inverted') };
  const mapped = options.diatonic
    ? mapPitches(score, {
        pitch: (p, key) => diatonicMirror(p, axis, key.fifths),
        key: (key) => key,
        harmony: () => undefined,
      })
    : mapPitches(score, {
        pitch: (p) => transposePitch(axis, negateInterval(intervalBetween(axis, p))),
        key: (key) => mirroredKey(key, axis),
        // a chord symbol over inverted music names chords that are no longer there
        harmony: () => undefined,
      });
  return { ...mapped, metadata: retitled(score, `${options.diatonic ? 'diatonically ' : ''}inverted around ${pitchName(axis)}`) };
}

/** firstNote(bwv66.6) → C#5: the first sounding note, first part first, lowest first in a chord */
export function firstNote(score: Score): Pitch | undefined {
  let first: { start: { n: number; d: number }; pitch: Pitch } | undefined;
  for (const part of score.parts) {
    const note = heardNotes(part)[0];
    if (note && (!first || compare(note.start, first.start) < 0)) first = note;
  }
  return first?.pitch;
}

/**
 * The letter mirrored around the axis' letter, with the key's accidental for it; a note's own departure
 * from the key (a raised leading tone) comes back mirrored (lowered), which makes inversion its own inverse.
 */
function diatonicMirror(p: Pitch, axis: Pitch, fifths: number): Pitch {
  const target = 2 * diatonicNumber(axis) - diatonicNumber(p);
  const step = STEPS[((target % 7) + 7) % 7]!;
  const octave = Math.floor(target / 7);
  const alter = keyAlter(step, fifths) - (p.alter - keyAlter(p.step, fifths));
  return pitch(step, alter, octave);
}

/** keyAlter('F', 2) → 1 (F# in D major); keyAlter('B', -1) → -1 */
function keyAlter(step: Pitch['step'], fifths: number): number {
  return Math.floor((fifths - 2 - lineOfFifths({ step, alter: 0 })) / 7) + 1;
}

/**
 * A signature's notes sit at fifths-1 … fifths+5 on the line of fifths; mirrored around the axis at a they
 * sit at 2a-fifths-5 … 2a-fifths+1, which is the signature 2a-fifths-4.
 */
function mirroredKey(key: KeySignature, axis: Pitch): KeySignature {
  const fifths = 2 * lineOfFifths(axis) - key.fifths - 4;
  return { fifths, ...(key.mode ? { mode: MIRRORED_MODE[key.mode] } : {}) };
}
