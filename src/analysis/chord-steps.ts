/**
 * Reading a set of pitches as a chord, as music21's `chord.Chord` reads it: the root (a stack of thirds
 * if the letters form one, else the most "rooty" letter), chord steps, and triad and seventh qualities.
 * Pitches are expected lowest first (as chordify gives them); ties go to the first in that order.
 */
import { diatonicNumber } from '../core/interval.js';
import { STEPS, type Pitch } from '../core/pitch.js';

/** letter index C = 0 … B = 6 */
export function letter(pitch: Pitch): number {
  return STEPS.indexOf(pitch.step);
}


/** findRoot([E3, G3, C4]) → C4: music21's Chord.root() */
export function findRoot(pitches: readonly Pitch[]): Pitch {
  const byLetter = new Map<number, Pitch>();
  for (const pitch of pitches) if (!byLetter.has(letter(pitch))) byLetter.set(letter(pitch), pitch);
  const distinct = [...byLetter.values()];
  if (distinct.length === 1) return pitches[0]!;
  if (distinct.length === 7) return bassOf(pitches);
  const letters = [...byLetter.keys()].sort((a, b) => a - b);
  for (let start = 0; start < letters.length; start++) {
    let stacked = true;
    for (let step = 1; step < letters.length; step++) {
      const gap = letters[(start + step) % letters.length]! - letters[(start + step - 1) % letters.length]!;
      if (gap !== 2 && gap !== -5) {
        stacked = false;
        break;
      }
    }
    if (stacked) return byLetter.get(letters[start]!)!;
  }
  // music21's rootness: thirds, fifths and sevenths above a letter weigh most
  const rootness = (pitch: Pitch) =>
    [3, 5, 7, 2, 4, 6].reduce((score, chordStep, index) => (byLetter.has((letter(pitch) + chordStep - 1) % 7) ? score + 1 / (index + 6) : score), 0);
  return distinct.reduce((best, pitch) => (rootness(pitch) > rootness(best) ? pitch : best));
}

/** bassOf([G3, E3]) → E3: the lowest written pitch */
export function bassOf(pitches: readonly Pitch[]): Pitch {
  return pitches.reduce((low, pitch) => (diatonicNumber(pitch) < diatonicNumber(low) || (diatonicNumber(pitch) === diatonicNumber(low) && pitch.midi < low.midi) ? pitch : low));
}

/** chordStep([C4, E4, G4], C4, 3) → E4: the first pitch a third (fifth, seventh …) above the root by letter */
export function chordStep(pitches: readonly Pitch[], root: Pitch, step: number): Pitch | undefined {
  const wanted = step >= 8 ? step - 7 : step;
  return pitches.find((pitch) => ((letter(pitch) - letter(root) + 7) % 7) + 1 === wanted);
}

/** semitonesAbove(C4, E4) → 4, within the octave */
export function semitonesAbove(root: Pitch, pitch: Pitch): number {
  return (((pitch.midi - root.midi) % 12) + 12) % 12;
}

export interface ChordReading {
  readonly root: Pitch;
  readonly bass: Pitch;
  readonly third?: Pitch;
  readonly fifth?: Pitch;
  readonly seventh?: Pitch;
  readonly pitchClassCount: number;
  readonly letterCount: number;
}

/** readChord([E3, G3, C4]) → root C4, bass E3, third E3, fifth G3 */
export function readChord(pitches: readonly Pitch[]): ChordReading {
  const root = findRoot(pitches);
  const third = chordStep(pitches, root, 3);
  const fifth = chordStep(pitches, root, 5);
  const seventh = chordStep(pitches, root, 7);
  return {
    root,
    bass: bassOf(pitches),
    ...(third ? { third } : {}),
    ...(fifth ? { fifth } : {}),
    ...(seventh ? { seventh } : {}),
    pitchClassCount: new Set(pitches.map((pitch) => pitch.pitchClass)).size,
    letterCount: new Set(pitches.map(letter)).size,
  };
}

/** triadQuality([C, E, G]) → "major"; only plain three-note triads, spelled as triads, get a quality */
export function triadQuality(pitches: readonly Pitch[], chord: ChordReading): 'major' | 'minor' | 'diminished' | 'augmented' | undefined {
  if (chord.pitchClassCount !== 3 || chord.letterCount !== 3 || !chord.third || !chord.fifth) return undefined;
  if (pitches.some((pitch) => ![chord.root, chord.third!, chord.fifth!].some((member) => member.step === pitch.step && member.alter === pitch.alter))) return undefined;
  const shape = `${semitonesAbove(chord.root, chord.third)},${semitonesAbove(chord.root, chord.fifth)}`;
  return ({ '4,7': 'major', '3,7': 'minor', '3,6': 'diminished', '4,8': 'augmented' } as const)[shape as '4,7'];
}

/** isSeventhOfType(pitches, chord, [0, 3, 7, 10]) → a minor seventh chord (four letters, every interval from the root listed) */
export function isSeventhOfType(pitches: readonly Pitch[], chord: ChordReading, semitones: readonly number[]): boolean {
  if (new Set(pitches.map((pitch) => `${pitch.step}${pitch.alter}`)).size !== 4 || !chord.third || !chord.fifth || !chord.seventh) return false;
  return pitches.every((pitch) => semitones.includes(semitonesAbove(chord.root, pitch)));
}
