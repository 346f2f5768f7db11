/**
 * A harmonic analysis as the writers take it (RomanText, MusicXML <harmony> with <numeral>): roman
 * numerals with their local keys, and cadences. analyze_harmony's results have this shape.
 */
import type { Rational } from './rational.js';

export interface AnalysedHarmony {
  /** from the start of the score, in quarter notes */
  readonly offset: Rational;
  /** position of its measure in the part, 0-based */
  readonly measureIndex: number;
  /** local key, "G major", "F# minor" */
  readonly key: string;
  /** roman numeral in RomanText spelling: "V65", "viio7", "V7/V" */
  readonly figure: string;
  /** the root as spelled, "F#" */
  readonly root: string;
  /** "major", "dominant seventh", "half-diminished seventh", … */
  readonly quality: string;
}

export interface AnalysedCadence {
  readonly type: string;
  /** from the start of the score, in quarter notes */
  readonly offsetQuarters: number;
  readonly key: string;
  readonly progression: readonly string[];
}

export interface HarmonicAnalysis {
  readonly harmonies: readonly AnalysedHarmony[];
  readonly cadences: readonly AnalysedCadence[];
}

/** keyTonic("F# minor") → { step: "F", alter: 1, mode: "minor" }; undefined for anything else */
export function keyTonic(name: string): { readonly step: string; readonly alter: number; readonly mode: 'major' | 'minor' } | undefined {
  const match = /^([A-G])(#*|b*)\s+(major|minor)$/.exec(name.trim());
  if (!match) return undefined;
  const accidentals = match[2]!;
  return { step: match[1]!, alter: accidentals.startsWith('#') ? accidentals.length : -accidentals.length, mode: match[3] as 'major' | 'minor' };
}
