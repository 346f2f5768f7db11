/**
 * Modulations and their pivot chords: where the local key changes, the last chord before the change (or
 * the first after it) that belongs to both keys, named in each ("vi in C major = ii in G major"), as a
 * textbook explains a diatonic modulation. A change with no such chord near it is a direct modulation.
 */
import { toNumber } from '../core/rational.js';
import { chordPitchClasses } from './chord-tones.js';
import { voicedAboveBass, type Harmony } from './harmony.js';
import { parseKeyName, romanFigure } from './roman.js';

export interface Modulation {
  /** the first harmony in the new key, by index */
  readonly harmonyIndex: number;
  readonly measure: string;
  readonly beat: number;
  readonly offsetQuarters: number;
  readonly from: string;
  readonly to: string;
  readonly pivot?: {
    readonly harmonyIndex: number;
    readonly measure: string;
    readonly beat: number;
    /** the chord named in the old key and in the new: ["vi", "ii"] */
    readonly figures: readonly [string, string];
  };
}

/** how many harmonies before the change a pivot may lie */
const LOOK_BACK = 3;
const NATURAL: Readonly<Record<string, number>> = { C: 0, D: 2, E: 4, F: 5, G: 7, A: 9, B: 11 };

/** modulations(analyzeHarmony(score)) → [{ measure: "5", from: "C major", to: "G major", pivot: { figures: ["vi", "ii"] } }] */
export function modulations(harmonies: readonly Harmony[]): Modulation[] {
  return harmonies.flatMap((harmony, index) => {
    const before = harmonies[index - 1];
    if (!before || before.key === harmony.key) return [];
    const change = { harmonyIndex: index, measure: harmony.measure, beat: harmony.beat, offsetQuarters: toNumber(harmony.offset), from: before.key, to: harmony.key };
    const pivot = findPivot(harmonies, index, before.key, harmony.key);
    return [pivot ? { ...change, pivot } : change];
  });
}

function findPivot(harmonies: readonly Harmony[], changeAt: number, from: string, to: string): Modulation['pivot'] | undefined {
  const candidates = [...Array.from({ length: LOOK_BACK }, (_, back) => changeAt - 1 - back), changeAt];
  for (const index of candidates) {
    const harmony = harmonies[index];
    if (!harmony || harmony.pitches.length === 0 || (harmony.key !== from && harmony.key !== to) || harmony.figure.includes('/')) continue;
    const classes = chordPitchClasses(harmony);
    if (![...classes].every((pitchClass) => inKey(pitchClass, from) && inKey(pitchClass, to))) continue;
    const voiced = voicedAboveBass(harmony.pitches);
    return { harmonyIndex: index, measure: harmony.measure, beat: harmony.beat, figures: [romanFigure(voiced, parseKeyName(from), 'romantext'), romanFigure(voiced, parseKeyName(to), 'romantext')] };
  }
  return undefined;
}

/** the pitch class belongs to the key's scale (major, or minor with its raised sixth and seventh) */
function inKey(pitchClass: number, keyName: string): boolean {
  const key = parseKeyName(keyName);
  const tonic = NATURAL[key.tonic.step]! + key.tonic.alter;
  const scale = key.mode === 'major' ? [0, 2, 4, 5, 7, 9, 11] : [0, 2, 3, 5, 7, 8, 9, 10, 11];
  return scale.includes((pitchClass - tonic + 24) % 12);
}
