/**
 * The chords a harmonizer may choose in a key, spelled on the line of fifths (C 0, G 1, F -1, F# 6,
 * Bb -2) so every chord member has its right letter: the raised leading tone of A minor is G#, not Ab.
 */
import { lineOfFifths, stepOnLineOfFifths } from '../../core/interval.js';
import { pitch, type Pitch } from '../../core/pitch.js';

export type KeyMode = 'major' | 'minor';

export interface HarmonizerKey {
  /** the tonic's place on the line of fifths */
  readonly tonic: number;
  readonly mode: KeyMode;
}

export type ChordFunction = 'T' | 'PD' | 'D';

export interface ChordChoice {
  /** the numeral without inversion, e.g. "V", "viio", "ii", "V/V" */
  readonly numeral: string;
  /** members on the line of fifths: root, third, fifth, and seventh when there is one */
  readonly members: readonly number[];
  /** the members as pitch classes */
  readonly pitchClasses: readonly number[];
  readonly function: ChordFunction;
  /** scale degree of the root, 1 … 7 (for an applied chord: of its target) */
  readonly degree: number;
  /** for an applied dominant: the degree it leads to */
  readonly target?: number;
  /** index of the member that must rise by step (the leading tone of a dominant-function chord) */
  readonly leadingTone?: number;
  readonly chromatic: boolean;
  /** a diminished triad is used only with its third in the bass */
  readonly firstInversionOnly: boolean;
}

const QUALITIES = {
  major: [0, 4, 1],
  minor: [0, -3, 1],
  diminished: [0, -3, -6],
  dominantSeventh: [0, 4, 1, -2],
  minorSeventh: [0, -3, 1, -2],
  halfDiminishedSeventh: [0, -3, -6, -2],
  diminishedSeventh: [0, -3, -6, -9],
} as const;

type Quality = keyof typeof QUALITIES;

interface Entry {
  readonly numeral: string;
  /** root's distance from the tonic on the line of fifths */
  readonly root: number;
  readonly quality: Quality;
  readonly function: ChordFunction;
  readonly degree: number;
  readonly target?: number;
  readonly chromatic?: boolean;
}

/** dominants and their leading tones: the third of a major or dominant-seventh chord on V, the root of vii */
const DOMINANT_QUALITIES: ReadonlySet<Quality> = new Set(['major', 'dominantSeventh']);

const MAJOR: readonly Entry[] = [
  { numeral: 'I', root: 0, quality: 'major', function: 'T', degree: 1 },
  { numeral: 'ii', root: 2, quality: 'minor', function: 'PD', degree: 2 },
  { numeral: 'ii7', root: 2, quality: 'minorSeventh', function: 'PD', degree: 2 },
  { numeral: 'iii', root: 4, quality: 'minor', function: 'T', degree: 3 },
  { numeral: 'IV', root: -1, quality: 'major', function: 'PD', degree: 4 },
  { numeral: 'V', root: 1, quality: 'major', function: 'D', degree: 5 },
  { numeral: 'V7', root: 1, quality: 'dominantSeventh', function: 'D', degree: 5 },
  { numeral: 'vi', root: 3, quality: 'minor', function: 'T', degree: 6 },
  { numeral: 'viio', root: 5, quality: 'diminished', function: 'D', degree: 7 },
  { numeral: 'V/V', root: 2, quality: 'major', function: 'D', degree: 5, target: 5, chromatic: true },
  { numeral: 'V7/V', root: 2, quality: 'dominantSeventh', function: 'D', degree: 5, target: 5, chromatic: true },
  { numeral: 'V/vi', root: 4, quality: 'major', function: 'D', degree: 6, target: 6, chromatic: true },
  { numeral: 'V7/vi', root: 4, quality: 'dominantSeventh', function: 'D', degree: 6, target: 6, chromatic: true },
  { numeral: 'V/ii', root: 3, quality: 'major', function: 'D', degree: 2, target: 2, chromatic: true },
  { numeral: 'V7/IV', root: 0, quality: 'dominantSeventh', function: 'D', degree: 4, target: 4, chromatic: true },
];

const MINOR: readonly Entry[] = [
  { numeral: 'i', root: 0, quality: 'minor', function: 'T', degree: 1 },
  { numeral: 'iio', root: 2, quality: 'diminished', function: 'PD', degree: 2 },
  { numeral: 'iiø7', root: 2, quality: 'halfDiminishedSeventh', function: 'PD', degree: 2 },
  { numeral: 'III', root: -3, quality: 'major', function: 'T', degree: 3 },
  { numeral: 'iv', root: -1, quality: 'minor', function: 'PD', degree: 4 },
  { numeral: 'IV', root: -1, quality: 'major', function: 'PD', degree: 4, chromatic: true },
  { numeral: 'v', root: 1, quality: 'minor', function: 'D', degree: 5 },
  { numeral: 'V', root: 1, quality: 'major', function: 'D', degree: 5 },
  { numeral: 'V7', root: 1, quality: 'dominantSeventh', function: 'D', degree: 5 },
  { numeral: 'VI', root: -4, quality: 'major', function: 'T', degree: 6 },
  { numeral: 'VII', root: -2, quality: 'major', function: 'D', degree: 3, target: 3 },
  { numeral: 'viio', root: 5, quality: 'diminished', function: 'D', degree: 7 },
  { numeral: 'viio7', root: 5, quality: 'diminishedSeventh', function: 'D', degree: 7 },
  // the Picardy third: a major tonic, mostly at the end
  { numeral: 'I', root: 0, quality: 'major', function: 'T', degree: 1, chromatic: true },
  { numeral: 'V/V', root: 2, quality: 'major', function: 'D', degree: 5, target: 5, chromatic: true },
  { numeral: 'V7/V', root: 2, quality: 'dominantSeventh', function: 'D', degree: 5, target: 5, chromatic: true },
  { numeral: 'V7/iv', root: 0, quality: 'dominantSeventh', function: 'D', degree: 4, target: 4, chromatic: true },
  { numeral: 'V7/III', root: -2, quality: 'dominantSeventh', function: 'D', degree: 3, target: 3, chromatic: true },
];

/** chordsInKey({ tonic: 0, mode: 'major' }) → I, ii, ii7, iii, IV, V, V7, vi, viio and applied dominants in C */
export function chordsInKey(key: HarmonizerKey): ChordChoice[] {
  return (key.mode === 'major' ? MAJOR : MINOR).map((entry) => {
    const members = QUALITIES[entry.quality].map((offset) => key.tonic + entry.root + offset);
    const leadsUp = entry.function === 'D' && (DOMINANT_QUALITIES.has(entry.quality) || entry.quality.startsWith('diminished'));
    return {
      numeral: entry.numeral,
      members,
      pitchClasses: members.map(pitchClassOf),
      function: entry.function,
      degree: entry.degree,
      ...(entry.target ? { target: entry.target } : {}),
      ...(leadsUp ? { leadingTone: entry.quality.startsWith('diminished') ? 0 : 1 } : {}),
      chromatic: entry.chromatic ?? false,
      firstInversionOnly: entry.quality === 'diminished',
    };
  });
}

/** pitchClassOf(6) → 6 (F#); pitchClassOf(-2) → 10 (Bb) */
export function pitchClassOf(fifths: number): number {
  return (((fifths * 7) % 12) + 12) % 12;
}

/** spelledPitch(6, 66) → F#4: the letter from the line of fifths, the octave from the MIDI number */
export function spelledPitch(fifths: number, midi: number): Pitch {
  const { step, alter } = stepOnLineOfFifths(fifths);
  const octave = 4 + Math.round((midi - pitch(step, alter, 4).midi) / 12);
  return pitch(step, alter, octave);
}

/** fifthsOf(F#4) → 6: a spelled pitch's place on the line of fifths */
export const fifthsOf = lineOfFifths;
