/**
 * Chromatic chords named as analysts write them in RomanText (and music21 reads them): augmented sixths
 * "It6", "Fr43", "Ger65" (music21's romanNumeralFromChord spellings; When in Rome's analysts write the same),
 * the cadential six-four (found here; harmony.ts keeps its figure "I64" and tags it), the Neapolitan
 * "bII6" (music21's spelling and the analysts' usual one; "N6" is read as the same chord), and chords
 * borrowed from the parallel mode (mixture: "iv", "bVI" in major), each tagged with its kind.
 */
import type { Pitch } from '../core/pitch.js';
import { romanFigure, type KeyName } from './roman.js';

export type ChromaticKind = 'augmented sixth' | 'Neapolitan' | 'mixture' | 'applied' | 'cadential six-four';

export interface AugmentedSixth {
  readonly figure: string;
  readonly quality: 'Italian sixth' | 'French sixth' | 'German sixth' | 'Swiss sixth';
}

const QUALITY_OF: Readonly<Record<string, AugmentedSixth['quality']>> = { It: 'Italian sixth', Fr: 'French sixth', Ger: 'German sixth', Sw: 'Swiss sixth' };
/** pitch classes above the tonic: Italian {♭6, 1, ♯4}, French adds 2, German adds ♭3 (Swiss, its enharmonic, ♯2) */
const SIXTH_SHAPES: readonly string[] = ['0,6,8', '0,2,6,8', '0,3,6,8'];
const TONIC_PITCH_CLASS: Readonly<Record<string, number>> = { C: 0, D: 2, E: 4, F: 5, G: 7, A: 9, B: 11 };

/**
 * augmentedSixth([Ab3, C4, D4, F#4], C major) → { figure: "Fr43", quality: "French sixth" }: the sounding
 * pitches, bass first, make an augmented sixth chord on the key's lowered sixth degree, spelled as one
 * (F♯, not G♭), whatever chord the chord model heard there
 */
export function augmentedSixth(pitches: readonly Pitch[], key: KeyName): AugmentedSixth | undefined {
  const tonic = (TONIC_PITCH_CLASS[key.tonic.step]! + key.tonic.alter + 12) % 12;
  const shape = [...new Set(pitches.map((pitch) => (pitch.pitchClass - tonic + 12) % 12))].sort((a, b) => a - b).join(',');
  if (!SIXTH_SHAPES.includes(shape)) return undefined;
  const figure = romanFigure(pitches, key, 'music21');
  const kind = /^(It|Fr|Ger|Sw)/.exec(figure)?.[1];
  return kind ? { figure, quality: QUALITY_OF[kind]! } : undefined;
}

/** in major, the numerals borrowed from the parallel minor; in minor, the major tonic (a Picardy third) */
const MIXTURE: Readonly<Record<KeyName['mode'], RegExp>> = {
  major: /^(i|iio|iiø|bIII|iv|v|bVI|bVII|viio7|viio65|viio43|viio42)(\d*)$/,
  minor: /^(I)(\d*)$/,
};

/** chromaticKind("bVI", C major) → "mixture"; ("Ger65") → "augmented sixth"; ("I") → undefined; "Cad64" as RomanText writes it */
export function chromaticKind(figure: string, mode: KeyName['mode']): ChromaticKind | undefined {
  if (/^(It|Fr|Ger|Sw)\d*$/.test(figure)) return 'augmented sixth';
  if (figure === 'Cad64') return 'cadential six-four';
  if (figure.includes('/')) return 'applied';
  if (/^(bII|N)6?$/.test(figure)) return 'Neapolitan';
  return MIXTURE[mode].test(figure.replace(/\[[^\]]*\]/g, '')) ? 'mixture' : undefined;
}

interface Figured {
  readonly key: string;
  readonly figure: string;
  readonly bass: string;
}

/**
 * cadentialSixFours([I64, V7, I]) → [0]: a tonic six-four followed, in the same key, by V or V7 in root
 * position over the same bass is a cadential six-four (the indices of those six-fours)
 */
export function cadentialSixFours(harmonies: readonly Figured[]): number[] {
  return harmonies.flatMap((harmony, index) => {
    const next = harmonies[index + 1];
    const isTonicSixFour = harmony.figure === 'I64' || harmony.figure === 'i64';
    return isTonicSixFour && next && next.key === harmony.key && /^V7?$/.test(next.figure) && next.bass === harmony.bass ? [index] : [];
  });
}
