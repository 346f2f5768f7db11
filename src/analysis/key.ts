/**
 * Key finding by the Krumhansl–Schmuckler method: correlate the score's duration-weighted pitch-class
 * distribution with the major and minor profile rotated to each of the 12 tonics, and rank the 24 keys.
 * Computed as music21's `analysis.discrete` computes it (same profiles, same distribution, same ties,
 * same spelling of tonics), so answers agree with `score.analyze('key')`.
 */
import { CadenzaError } from '../core/errors.js';
import { toNumber } from '../core/rational.js';
import type { Score } from '../core/score.js';
import { forEachEvent } from '../core/events.js';

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
  /** the other 23 keys, best first */
  readonly alternatives: readonly KeyCandidate[];
}

interface Profiles {
  readonly major: readonly number[];
  readonly minor: readonly number[];
}

/** Key profiles, C = 0 … B = 11, as music21 10.3 lists them (from Sapp's keycor, extras.humdrum.org/man/keycor). */
export const PROFILES: Readonly<Record<KeyWeighting, Profiles>> = {
  // Krumhansl & Kessler (1982), probe-tone ratings
  krumhansl: {
    major: [6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88],
    minor: [6.33, 2.68, 3.52, 5.38, 2.6, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17],
  },
  // Aarden (2003), from the Essen folksong collection; music21's default for analyze('key')
  aarden: {
    major: [17.7661, 0.145624, 14.9265, 0.160186, 19.8049, 11.3587, 0.291248, 22.062, 0.145624, 8.15494, 0.232998, 4.95122],
    minor: [18.2648, 0.737619, 14.0499, 16.8599, 0.702494, 14.4362, 0.702494, 18.6161, 4.56621, 1.93186, 7.37619, 1.75623],
  },
  // Temperley (2007), from the Kostka–Payne harmony textbook excerpts
  temperley: {
    major: [0.748, 0.06, 0.488, 0.082, 0.67, 0.46, 0.096, 0.715, 0.104, 0.366, 0.057, 0.4],
    minor: [0.712, 0.084, 0.474, 0.618, 0.049, 0.46, 0.105, 0.747, 0.404, 0.067, 0.133, 0.33],
  },
  // Bellman (2005), after Budge's (1943) chord statistics
  bellman: {
    major: [16.8, 0.86, 12.95, 1.41, 13.49, 11.93, 1.25, 20.28, 1.8, 8.04, 0.62, 10.57],
    minor: [18.16, 0.69, 12.99, 13.34, 1.07, 11.15, 1.38, 21.07, 7.49, 1.53, 0.92, 10.21],
  },
  // Sapp's simple weights
  simple: {
    major: [2, 0, 1, 0, 1, 1, 0, 2, 0, 1, 0, 1],
    minor: [2, 0, 1, 1, 0, 1, 0, 2, 1, 0, 0.5, 0.5],
  },
};

/** Tonic names per pitch class, as music21 spells them: C# major, Ab major, Eb minor, G# minor, Bb minor. */
export const KEY_TONICS: Readonly<Record<KeyModeName, readonly string[]>> = {
  major: ['C', 'C#', 'D', 'Eb', 'E', 'F', 'F#', 'G', 'Ab', 'A', 'Bb', 'B'],
  minor: ['C', 'C#', 'D', 'Eb', 'E', 'F', 'F#', 'G', 'G#', 'A', 'Bb', 'B'],
};

/** pitchClassDurations(score) → quarter notes sounding per pitch class, C = 0 … B = 11 (each chord member counts) */
export function pitchClassDurations(score: Score): number[] {
  const weights = new Array<number>(12).fill(0);
  for (const part of score.parts) {
    forEachEvent(part, (event) => {
      if (event.kind === 'rest') return;
      const length = toNumber(event.duration);
      if (event.kind === 'note') weights[event.pitch.pitchClass]! += length;
      else for (const note of event.notes) weights[note.pitch.pitchClass]! += length;
    });
  }
  return weights;
}

/** correlation([1,0,0,…], profile) → Pearson's r of a distribution with a profile rotated to `tonic` */
export function profileCorrelation(distribution: readonly number[], profile: readonly number[], tonic: number): number {
  const profileMean = profile.reduce((sum, value) => sum + value, 0) / 12;
  const distributionMean = distribution.reduce((sum, value) => sum + value, 0) / 12;
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

/** findKey([C major scale durations], 'krumhansl') → { tonic: "C", mode: "major", … } */
export function findKey(distribution: readonly number[], method: KeyWeighting = 'aarden'): KeyResult {
  if (distribution.length !== 12 || !distribution.some((value) => value > 0)) {
    throw new CadenzaError('INVALID_ARGUMENT', 'There are no sounding notes to find a key from.', {
      hint: 'Key finding needs pitched notes with duration; this score has none.',
    });
  }
  const candidates: { candidate: KeyCandidate; pitchClass: number }[] = [];
  for (const mode of ['major', 'minor'] as const) {
    for (let pitchClass = 0; pitchClass < 12; pitchClass++) {
      const correlation = profileCorrelation(distribution, PROFILES[method][mode], pitchClass);
      const tonic = KEY_TONICS[mode][pitchClass]!;
      candidates.push({ candidate: { tonic, mode, name: `${tonic} ${mode}`, correlation }, pitchClass });
    }
  }
  // music21 sorts (correlation, pitch, mode) tuples in reverse: ties go to the higher pitch class, then minor.
  candidates.sort(
    (a, b) =>
      b.candidate.correlation - a.candidate.correlation ||
      b.pitchClass - a.pitchClass ||
      (a.candidate.mode === b.candidate.mode ? 0 : a.candidate.mode === 'minor' ? -1 : 1),
  );
  const [best, ...rest] = candidates.map((entry) => entry.candidate);
  return { ...best!, method, alternatives: rest };
}

/** analyzeKey(bwv66.6) → { tonic: "F#", mode: "minor", correlation: 0.9…, method: "aarden", alternatives: [23 keys] } */
export function analyzeKey(score: Score, options: { readonly method?: KeyWeighting } = {}): KeyResult {
  return findKey(pitchClassDurations(score), options.method ?? 'aarden');
}
