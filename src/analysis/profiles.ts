/**
 * Profiles that summarise a score for comparison: how long each pitch class sounds (optionally turned
 * so the tonic is 0, to compare pieces in different keys) and how often each melodic interval occurs;
 * and the cosine similarity between two profiles.
 */
import type { Score } from '../core/score.js';
import { analyzeKey, pitchClassDurations } from './key.js';
import { ALL_KEYS } from './local-keys.js';
import { voiceLines } from './voice-leading.js';

export interface ScoreProfile {
  readonly key: string;
  /** share of sounding time per pitch class (C = 0, or the tonic = 0 when relative) */
  readonly pitchClasses: readonly number[];
  /** share of melodic intervals by size in semitones, 0 … 12, the last also counting anything larger */
  readonly intervals: readonly number[];
}

/** scoreProfile(bwv269, { relativeToTonic: true }) → { key: "G major", pitchClasses: [0.21, 0, …], intervals: […] } */
export function scoreProfile(score: Score, options: { readonly relativeToTonic?: boolean } = {}): ScoreProfile {
  const key = analyzeKey(score);
  const tonic = ALL_KEYS.find((candidate) => candidate.name === key.name)!.tonic;
  const durations = pitchClassDurations(score);
  const rotated = options.relativeToTonic ? durations.map((_, index) => durations[(index + tonic) % 12]!) : durations;
  const intervals = new Array<number>(13).fill(0);
  for (const line of voiceLines(score)) {
    for (let index = 1; index < line.notes.length; index++) {
      intervals[Math.min(12, Math.abs(line.notes[index]!.pitch.midi - line.notes[index - 1]!.pitch.midi))]!++;
    }
  }
  return { key: key.name, pitchClasses: normalized(rotated), intervals: normalized(intervals) };
}

function normalized(values: readonly number[]): number[] {
  const total = values.reduce((sum, value) => sum + value, 0);
  return values.map((value) => (total === 0 ? 0 : Math.round((value / total) * 10000) / 10000));
}

/** cosineSimilarity([1, 0], [1, 0]) → 1; orthogonal profiles → 0 */
export function cosineSimilarity(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  a.forEach((value, index) => {
    dot += value * b[index]!;
    normA += value * value;
    normB += b[index]! * b[index]!;
  });
  return normA === 0 || normB === 0 ? 0 : Math.round((dot / Math.sqrt(normA * normB)) * 10000) / 10000;
}
