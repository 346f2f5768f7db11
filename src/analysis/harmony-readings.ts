/**
 * The harmonic analysis with each harmony's confidence and its alternative readings (chord-alternatives.ts):
 * the evidence each harmony was chosen from, gathered from what harmony.ts found on its way.
 */
import type { Score } from '../core/score.js';
import { readingsOf, type HarmonyReadings, type ReadingEvidence } from './chord-alternatives.js';
import { CHORD_QUALITIES, type ChordChoice } from './chord-match.js';
import { chordBass, harmonyAnalysis, nameReading, type Harmony, type HarmonyAnalysis, type HarmonyOptions } from './harmony.js';
import { openingSignature, spellKey } from './key-spelling.js';
import { ALL_KEYS, type KeyChoice } from './local-keys.js';

/** chord-match.ts's 96 candidate chords, in its order: quality-major, then root */
const CHORDS: readonly ChordChoice[] = CHORD_QUALITIES.flatMap((quality) =>
  Array.from({ length: 12 }, (_, root) => ({ root, quality, pitchClasses: new Set(quality.intervals.map((interval) => (root + interval) % 12)) })),
);
/** a key other than the chosen one is spelled from the notes of this many harmonies either side */
const SPELLING_NEIGHBOURS = 4;

/** analyzeHarmonyReadings(score) → analyzeHarmony's harmonies, each with its confidence and up to two alternatives */
export function analyzeHarmonyReadings(score: Score, options: HarmonyOptions = {}): (Harmony & HarmonyReadings)[] {
  const analysis = harmonyAnalysis(score, options);
  const evidence = readingEvidence(analysis, score);
  return analysis.harmonies.map((harmony, index) => ({ ...harmony, ...readingsOf(evidence[index]!, harmony) }));
}

/** readingEvidence(analysis, score) → per harmony, the chord and key scores its readings are weighed from */
export function readingEvidence(analysis: HarmonyAnalysis, score: Score): ReadingEvidence[] {
  const { slots, stretches, fits, prior, learned, keys } = analysis;
  const slotIndex = new Map(slots.map((slot, index) => [slot, index]));
  const signature = openingSignature(score);
  return stretches.map((stretch, index) => {
    const indices = stretch.slots.map((slot) => slotIndex.get(slot)!);
    const chordScores = Float64Array.from(CHORDS, (chord, candidate) => indices.reduce((sum, slot) => sum + fits[slot]![candidate]! + prior(slot, chord), 0));
    const keyScores = learned && mean(stretch.slots.map((slot) => learned.get(slot)!));
    const chosen = keys[index]!;
    const chosenKey = ALL_KEYS.findIndex((key) => key.tonic === chosen.tonic && key.mode === chosen.mode);
    const spelled = new Map<number, KeyChoice>([[chosenKey, chosen]]);
    const keyOf = (key: number): KeyChoice => {
      if (!spelled.has(key)) {
        const nearby = stretches.slice(Math.max(0, index - SPELLING_NEIGHBOURS), index + SPELLING_NEIGHBOURS + 1).flatMap((near) => near.slots.flatMap((slot) => slot.pitches));
        const { tonic, mode } = ALL_KEYS[key]!;
        spelled.set(key, { tonic, mode, name: spellKey(tonic, mode, nearby, signature).name });
      }
      return spelled.get(key)!;
    };
    const name = (chord: number, key: number) => {
      const other = CHORDS[chord]!;
      return nameReading({ slots: stretch.slots, chord: other, bass: chordBass(stretch.slots[0]!, other) ?? other.root }, keyOf(key));
    };
    const chosenChord = CHORD_QUALITIES.indexOf(stretch.chord.quality) * 12 + stretch.chord.root;
    return { chordScores, slotCount: stretch.slots.length, chosenChord, ...(keyScores ? { keyScores } : {}), chosenKey, name };
  });
}

function mean(rows: readonly Float64Array[]): Float64Array {
  const sum = new Float64Array(rows[0]!.length);
  for (const row of rows) row.forEach((value, index) => (sum[index]! += value / rows.length));
  return sum;
}
