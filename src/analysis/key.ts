/**
 * Key finding by the Krumhansl–Schmuckler method (Krumhansl, "Cognitive Foundations of Musical Pitch",
 * 1990, ch. 4): correlate the score's duration-weighted pitch-class distribution with a major and a minor
 * profile rotated to each of the 12 tonics, and rank the 24 keys.
 * Computed exactly as music21 10.3's `analysis.discrete.KeyWeightKeyAnalysis` computes it (same tables,
 * distribution, arithmetic order, tie-break and tonic spelling), so the answers agree with
 * `score.analyze('key')` and its 'key.krumhanslschmuckler', 'key.aardenessen', … variants.
 */
import { CadenzaError } from '../core/errors.js';
import { forEachEvent, pitchedNotes } from '../core/events.js';
import { add, toNumber, ZERO, type Rational } from '../core/rational.js';
import type { Score } from '../core/score.js';

export const KEY_WEIGHTINGS = ['krumhansl', 'aarden', 'temperley', 'bellman', 'simple'] as const;
export type KeyWeighting = (typeof KEY_WEIGHTINGS)[number];
export type KeyModeName = 'major' | 'minor';

export interface KeyCandidate {
  /** spelled tonic: "F#", "Bb" */
  readonly tonic: string;
  readonly mode: KeyModeName;
  /** "F# minor" */
  readonly name: string;
  /** Pearson correlation of the distribution with the key's profile, -1 … 1 */
  readonly correlation: number;
}

export interface KeyResult extends KeyCandidate {
  readonly method: KeyWeighting;
  /** the other 23 keys, best first (the best key is not repeated here) */
  readonly alternatives: readonly KeyCandidate[];
}

interface Profiles {
  readonly major: readonly number[];
  readonly minor: readonly number[];
}

/**
 * Key profiles, C = 0 … B = 11, with music21 10.3's values, which it takes from Sapp's keycor
 * (https://extras.humdrum.org/man/keycor/).
 */
export const PROFILES: Readonly<Record<KeyWeighting, Profiles>> = {
  // Krumhansl & Kessler (1982), "Tracing the dynamic changes in perceived tonal organization in a spatial
  // representation of musical keys", Psychological Review 89(4): probe-tone ratings.
  krumhansl: {
    major: [6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88],
    minor: [6.33, 2.68, 3.52, 5.38, 2.6, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17],
  },
  // Aarden (2003), "Dynamic melodic expectancy", PhD thesis, Ohio State University: pitch-class
  // frequencies in the Essen folksong collection. music21's default for analyze('key').
  aarden: {
    major: [17.7661, 0.145624, 14.9265, 0.160186, 19.8049, 11.3587, 0.291248, 22.062, 0.145624, 8.15494, 0.232998, 4.95122],
    minor: [18.2648, 0.737619, 14.0499, 16.8599, 0.702494, 14.4362, 0.702494, 18.6161, 4.56621, 1.93186, 7.37619, 1.75623],
  },
  // Temperley (2007), "Music and Probability", MIT Press: from the excerpts in the workbook to Kostka &
  // Payne's "Tonal Harmony".
  temperley: {
    major: [0.748, 0.06, 0.488, 0.082, 0.67, 0.46, 0.096, 0.715, 0.104, 0.366, 0.057, 0.4],
    minor: [0.712, 0.084, 0.474, 0.618, 0.049, 0.46, 0.105, 0.747, 0.404, 0.067, 0.133, 0.33],
  },
  // Bellman (2005), "About the determination of key of a musical excerpt", CMMR 2005 (LNCS 3902), from
  // Budge (1943), "A study of chord frequencies", Teachers College, Columbia University.
  bellman: {
    major: [16.8, 0.86, 12.95, 1.41, 13.49, 11.93, 1.25, 20.28, 1.8, 8.04, 0.62, 10.57],
    minor: [18.16, 0.69, 12.99, 13.34, 1.07, 11.15, 1.38, 21.07, 7.49, 1.53, 0.92, 10.21],
  },
  // Craig Sapp's "simple" weights, as keycor (Humdrum Extras) defines them: tonic and dominant 2, other
  // scale degrees 1 (the minor's lowered and raised seventh ½ each).
  simple: {
    major: [2, 0, 1, 0, 1, 1, 0, 2, 0, 1, 0, 1],
    minor: [2, 0, 1, 1, 0, 1, 0, 2, 1, 0, 0.5, 0.5],
  },
};

/**
 * Tonic names per pitch class, as music21 spells them: `Pitch(pc)` (C C# D E- E F F# G G# A B- B), then
 * flipped to its enharmonic when not in `keysValidMajor`/`keysValidMinor` — only G# major becomes A- major.
 */
export const KEY_TONICS: Readonly<Record<KeyModeName, readonly string[]>> = {
  major: ['C', 'C#', 'D', 'Eb', 'E', 'F', 'F#', 'G', 'Ab', 'A', 'Bb', 'B'],
  minor: ['C', 'C#', 'D', 'Eb', 'E', 'F', 'F#', 'G', 'G#', 'A', 'Bb', 'B'],
};

/** pitchClassDurations(C for 3 quarters then F# for 2) → [3, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0] */
export function pitchClassDurations(score: Score): number[] {
  // As music21's _getPitchClassDistribution: every note and every chord member adds its quarter length
  // (tied notes count each piece, grace notes weigh 0, rests nothing). Summed exactly, so triplets don't
  // drift; a score whose denominators outgrow exact arithmetic is summed in floating point instead.
  try {
    return sumPerPitchClass(score, ZERO, add).map(toNumber);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return sumPerPitchClass(score, 0, (total, length) => total + toNumber(length));
  }
}

function sumPerPitchClass<T>(score: Score, zero: T, plus: (total: T, length: Rational) => T): T[] {
  const sums = new Array<T>(12).fill(zero);
  for (const part of score.parts) {
    forEachEvent(part, (event) => {
      if (event.kind === 'rest' || event.grace) return;
      for (const { pitch: { pitchClass } } of pitchedNotes(event)) sums[pitchClass] = plus(sums[pitchClass]!, event.duration);
    });
  }
  return sums;
}

function sum(values: readonly number[]): number {
  // left to right from 0, as Python 3.11's sum(), so the means round as music21's do
  return values.reduce((total, value) => total + value, 0);
}

/** profileCorrelation(distribution, PROFILES.aarden.major, 7) → Pearson's r with the G major profile, -1 … 1 */
export function profileCorrelation(distribution: readonly number[], profile: readonly number[], tonic: number): number {
  // Same order of operations as music21's _getDifference; 0 when either side has no variance, as there.
  const profileMean = sum(profile) / 12;
  const distributionMean = sum(distribution) / 12;
  let covariance = 0;
  let profileSquares = 0;
  let distributionSquares = 0;
  for (let pitchClass = 0; pitchClass < 12; pitchClass++) {
    const p = profile[(pitchClass - tonic + 12) % 12]! - profileMean;
    const d = distribution[pitchClass]! - distributionMean;
    covariance += p * d;
    profileSquares += p * p;
    distributionSquares += d * d;
  }
  return profileSquares === 0 || distributionSquares === 0 ? 0 : covariance / Math.sqrt(profileSquares * distributionSquares);
}

interface RankedKey {
  readonly candidate: KeyCandidate;
  readonly pitchClass: number;
}

/**
 * music21 sorts (correlation, tonic Pitch, mode) tuples and reverses them: equal correlations go to the
 * higher tonic pitch class, then to minor before major.
 */
function byMusic21Rank(a: RankedKey, b: RankedKey): number {
  const byCorrelation = b.candidate.correlation - a.candidate.correlation;
  if (byCorrelation !== 0) return byCorrelation;
  if (a.pitchClass !== b.pitchClass) return b.pitchClass - a.pitchClass;
  return a.candidate.mode === b.candidate.mode ? 0 : a.candidate.mode === 'minor' ? -1 : 1;
}

function checkDistribution(distribution: readonly number[]): void {
  if (distribution.length !== 12 || !distribution.every((value) => Number.isFinite(value) && value >= 0)) {
    throw new CadenzaError('INVALID_ARGUMENT', 'A pitch-class distribution is 12 finite, non-negative numbers (C … B).');
  }
  if (!distribution.some((value) => value > 0)) {
    // music21 raises on a stream without notes, and answers an arbitrary key at correlation 0 when the
    // notes have no duration (grace notes only); both are "nothing sounds" here.
    throw new CadenzaError('INVALID_ARGUMENT', 'There are no sounding notes to find a key from.', {
      hint: 'Key finding needs pitched notes with a duration; this score (or selection) has none.',
    });
  }
}

/** findKey([4, 0, 1, 0, 1, 1, 0, 2, 0, 1, 0, 1], 'krumhansl') → { name: "C major", correlation: 0.944…, alternatives: [23 keys] } */
export function findKey(weights: readonly number[], method: KeyWeighting = 'aarden'): KeyResult {
  checkDistribution(weights);
  const ranked: RankedKey[] = [];
  for (const mode of ['major', 'minor'] as const) {
    for (let pitchClass = 0; pitchClass < 12; pitchClass++) {
      const correlation = profileCorrelation(weights, PROFILES[method][mode], pitchClass);
      const tonic = KEY_TONICS[mode][pitchClass]!;
      ranked.push({ candidate: { tonic, mode, name: `${tonic} ${mode}`, correlation }, pitchClass });
    }
  }
  const [best, ...alternatives] = ranked.sort(byMusic21Rank).map((entry) => entry.candidate);
  return { ...best!, method, alternatives };
}

/** analyzeKey(bwv66.6) → { name: "F# minor", correlation: 0.9…, method: "aarden", alternatives: [23 keys] } */
export function analyzeKey(score: Score, options: { readonly method?: KeyWeighting } = {}): KeyResult {
  return findKey(pitchClassDurations(score), options.method ?? 'aarden');
}
