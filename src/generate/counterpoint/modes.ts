/**
 * The modes a cantus firmus may be in, and how their notes are spelled. Counterpoint is diatonic, so a line
 * is thought of as steps on the mode's scale; the only chromatic notes are the ficta a cadence needs.
 */
import { diatonicNumber } from '../../core/interval.js';
import { CadenzaError } from '../../core/errors.js';
import { STEPS, isStep, pitch, type Pitch, type Step } from '../../core/pitch.js';

export const MODES = ['major', 'minor', 'ionian', 'dorian', 'phrygian', 'lydian', 'mixolydian', 'aeolian'] as const;
export type Mode = (typeof MODES)[number];

/** semitones above the tonic of each degree */
const SCALES: Readonly<Record<Mode, readonly number[]>> = {
  major: [0, 2, 4, 5, 7, 9, 11],
  ionian: [0, 2, 4, 5, 7, 9, 11],
  dorian: [0, 2, 3, 5, 7, 9, 10],
  phrygian: [0, 1, 3, 5, 7, 8, 10],
  lydian: [0, 2, 4, 6, 7, 9, 11],
  mixolydian: [0, 2, 4, 5, 7, 9, 10],
  aeolian: [0, 2, 3, 5, 7, 8, 10],
  minor: [0, 2, 3, 5, 7, 8, 10],
};

/** key signature relative to the major key on the same tonic (D dorian has C major's, two flats from D major) */
const SIGNATURE_SHIFT: Readonly<Record<Mode, number>> = {
  major: 0, ionian: 0, lydian: 1, mixolydian: -1, dorian: -2, minor: -3, aeolian: -3, phrygian: -4,
};

const NATURAL_SEMITONES: Readonly<Record<Step, number>> = { C: 0, D: 2, E: 4, F: 5, G: 7, A: 9, B: 11 };
const LINE_OF_FIFTHS: Readonly<Record<Step, number>> = { F: -1, C: 0, G: 1, D: 2, A: 3, E: 4, B: 5 };

export interface ModalKey {
  readonly tonic: Step;
  readonly tonicAlter: number;
  readonly mode: Mode;
}

/** modalKey('Bb', 'dorian') → { tonic: 'B', tonicAlter: -1, mode: 'dorian' } */
export function modalKey(tonic: string, mode: Mode): ModalKey {
  const match = /^([A-Ga-g])(#{1,2}|b{1,2})?$/.exec(tonic.trim());
  const letter = match?.[1]?.toUpperCase();
  if (!match || !letter || !isStep(letter)) {
    throw new CadenzaError('INVALID_ARGUMENT', `"${tonic}" is not a tonic; write a letter with an optional # or b, like "D", "F#" or "Bb".`);
  }
  const accidental = match[2] ?? '';
  const key = { tonic: letter, tonicAlter: accidental.startsWith('#') ? accidental.length : -accidental.length, mode };
  if (Math.abs(keyFifths(key)) > 7) {
    throw new CadenzaError('INVALID_ARGUMENT', `${tonic} ${mode} needs more than seven sharps or flats; choose an enharmonic tonic.`);
  }
  return key;
}

/** keyFifths(D dorian) → 0: the sharps (positive) or flats (negative) of the key signature */
export function keyFifths(key: ModalKey): number {
  return LINE_OF_FIFTHS[key.tonic] + 7 * key.tonicAlter + SIGNATURE_SHIFT[key.mode];
}

/** tonicName(Bb dorian) → "Bb" */
export function tonicName(key: ModalKey): string {
  return key.tonic + (key.tonicAlter >= 0 ? '#'.repeat(key.tonicAlter) : 'b'.repeat(-key.tonicAlter));
}

/** scaleDegree(D dorian, F4) → 2 (0 = tonic), whatever the accidental */
export function scaleDegree(key: ModalKey, p: Pitch): number {
  return (((STEPS.indexOf(p.step) - STEPS.indexOf(key.tonic)) % 7) + 7) % 7;
}

/** scalePitch(D dorian, 29) → D4: the note of the mode on that letter and octave */
export function scalePitch(key: ModalKey, diatonic: number): Pitch {
  const octave = Math.floor(diatonic / 7);
  const step = STEPS[diatonic - octave * 7]!;
  const degree = (((STEPS.indexOf(step) - STEPS.indexOf(key.tonic)) % 7) + 7) % 7;
  const pitchClass = NATURAL_SEMITONES[key.tonic] + key.tonicAlter + SCALES[key.mode][degree]!;
  let alter = (((pitchClass - NATURAL_SEMITONES[step]) % 12) + 12) % 12;
  if (alter > 6) alter -= 12;
  return pitch(step, alter, octave);
}

/** inMode(D dorian, C#4) → false: the note is not one of the mode's own */
export function inMode(key: ModalKey, p: Pitch): boolean {
  const own = scalePitch(key, diatonicNumber(p));
  return own.alter === p.alter;
}

/**
 * fictaDegrees(D dorian) → [6]: the degrees raised at a cadence (musica ficta). The seventh is raised where
 * it lies a whole step below the final; in minor/aeolian the sixth may rise too, to avoid an augmented second.
 * Phrygian takes no ficta: its half step lies above the final.
 */
export function fictaDegrees(key: ModalKey): readonly number[] {
  switch (key.mode) {
    case 'dorian':
    case 'mixolydian':
      return [6];
    case 'minor':
    case 'aeolian':
      return [5, 6];
    default:
      return [];
  }
}

/** raised(F4) → F#4 */
export function raised(p: Pitch): Pitch {
  return pitch(p.step, p.alter + 1, p.octave);
}

/** inferModalKey([D4 F4 E4 … D4]) → D dorian: the final is the tonic; the mode whose scale holds the most notes */
export function inferModalKey(cantus: readonly Pitch[]): ModalKey {
  const final = cantus[cantus.length - 1]!;
  const candidates: Mode[] = ['dorian', 'phrygian', 'lydian', 'mixolydian', 'aeolian', 'major'];
  let best: ModalKey | undefined;
  let bestCount = -1;
  for (const mode of candidates) {
    const key = { tonic: final.step, tonicAlter: final.alter, mode };
    const count = cantus.filter((note) => inMode(key, note)).length;
    if (count > bestCount && Math.abs(keyFifths(key)) <= 7) {
      best = key;
      bestCount = count;
    }
  }
  return best!;
}
