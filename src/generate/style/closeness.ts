/**
 * How close generated pieces are to a corpus: cosine similarity (and distance, 1 − similarity) of
 * tonic-relative pitch-class profiles and melodic-interval profiles (analysis/profiles.ts) against the
 * corpus's mean profile. What the imitate_style tool reports and what a benchmark can print.
 */
import type { Score } from '../../core/score.js';
import { cosineSimilarity, scoreProfile } from '../../analysis/profiles.js';

export interface MeanProfile {
  readonly pitchClasses: readonly number[];
  readonly intervals: readonly number[];
}

export interface Closeness {
  readonly pitchClassSimilarity: number;
  readonly intervalSimilarity: number;
}

export interface StyleDistance {
  /** 1 − pitch-class similarity, averaged over the pieces */
  readonly pitchClass: number;
  /** 1 − interval similarity, averaged over the pieces */
  readonly interval: number;
}

/** meanProfile([bwv269, bwv277]) → the two tonic-relative profiles averaged, each piece weighing the same */
export function meanProfile(scores: readonly Score[]): MeanProfile {
  const pitchClasses = new Array<number>(12).fill(0);
  const intervals = new Array<number>(13).fill(0);
  for (const score of scores) {
    const profile = scoreProfile(score, { relativeToTonic: true });
    profile.pitchClasses.forEach((share, index) => (pitchClasses[index]! += share / scores.length));
    profile.intervals.forEach((share, index) => (intervals[index]! += share / scores.length));
  }
  return { pitchClasses, intervals };
}

/** profileCloseness(piece, meanProfile(chorales)) → { pitchClassSimilarity: 0.97, intervalSimilarity: 0.93 } */
export function profileCloseness(piece: Score, reference: MeanProfile): Closeness {
  const profile = scoreProfile(piece, { relativeToTonic: true });
  return {
    pitchClassSimilarity: cosineSimilarity(profile.pitchClasses, reference.pitchClasses),
    intervalSimilarity: cosineSimilarity(profile.intervals, reference.intervals),
  };
}

/** styleDistances(pieces, { bach: chorales, irish: tunes }) → { bach: { pitchClass: 0.03, interval: 0.05 }, irish: { … } } */
export function styleDistances(pieces: readonly Score[], corpora: Readonly<Record<string, readonly Score[]>>): Record<string, StyleDistance> {
  const distances: Record<string, StyleDistance> = {};
  for (const [name, corpus] of Object.entries(corpora)) {
    const reference = meanProfile(corpus);
    const closeness = pieces.map((piece) => profileCloseness(piece, reference));
    const mean = (pick: (value: Closeness) => number) => round(closeness.reduce((sum, value) => sum + 1 - pick(value), 0) / Math.max(1, pieces.length));
    distances[name] = { pitchClass: mean((value) => value.pitchClassSimilarity), interval: mean((value) => value.intervalSimilarity) };
  }
  return distances;
}

function round(value: number): number {
  return Math.round(value * 10000) / 10000;
}
