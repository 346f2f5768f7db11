/**
 * Local keys: the key in force at each stretch of music, found by a Viterbi pass over the 24 keys.
 * Each stretch votes with the Krumhansl–Schmuckler correlation of the music around it and with how well
 * its chord belongs to each key; changing key costs, so a key changes only where the music insists
 * (a modulation), not for every borrowed chord.
 */
import { KEY_TONICS, profileCorrelation, PROFILES, type KeyModeName, type KeyWeighting } from './key.js';

export interface KeyChoice {
  readonly tonic: number;
  readonly mode: KeyModeName;
  /** "F# minor" */
  readonly name: string;
}

export const ALL_KEYS: readonly KeyChoice[] = (['major', 'minor'] as const).flatMap((mode) =>
  Array.from({ length: 12 }, (_, tonic) => ({ tonic, mode, name: `${KEY_TONICS[mode][tonic]} ${mode}` })),
);

const MAJOR_SCALE = [0, 2, 4, 5, 7, 9, 11];
/** natural minor with the raised sixth and seventh of melodic and harmonic minor */
const MINOR_SCALE = [0, 2, 3, 5, 7, 8, 9, 10, 11];

export interface KeyEvidence {
  /** duration-weighted pitch classes around the stretch */
  readonly window: readonly number[];
  /** the stretch's chord, if any */
  readonly chord?: ReadonlySet<number>;
  readonly chordRoot?: number;
  /** the tonic this stretch and its neighbour confirm by a dominant–tonic motion, if any */
  readonly cadenceTonic?: number;
  /** the tonic the piece's first chord proposes, on the first stretch only */
  readonly openingTonic?: number;
}

const PROFILE: KeyWeighting = 'bellman';
const CORRELATION_WEIGHT = 1;
const DIATONIC_CHORD = 0.35;
const TONIC_CHORD = 0.15;
const KEY_CHANGE = 1.2;
const CADENCE = 0.5;
const OPENING = 0.5;

/** inScale(key, 11) → whether the pitch class belongs to the key's scale (minor admits raised 6 and 7) */
export function inScale(key: KeyChoice, pitchClass: number): boolean {
  return (key.mode === 'major' ? MAJOR_SCALE : MINOR_SCALE).includes((pitchClass - key.tonic + 12) % 12);
}

function evidenceFor(key: KeyChoice, evidence: KeyEvidence): number {
  const distribution = evidence.window;
  let score = distribution.some((weight) => weight > 0) ? CORRELATION_WEIGHT * profileCorrelation(distribution, PROFILES[PROFILE][key.mode], key.tonic) : 0;
  if (evidence.chord && [...evidence.chord].every((pitchClass) => inScale(key, pitchClass))) score += DIATONIC_CHORD;
  if (evidence.chordRoot === key.tonic) score += TONIC_CHORD;
  if (evidence.cadenceTonic === key.tonic) score += CADENCE;
  if (evidence.openingTonic === key.tonic) score += OPENING;
  return score;
}

/** chooseKeys(evidence per stretch) → the key of each stretch */
export function chooseKeys(stretches: readonly KeyEvidence[]): KeyChoice[] {
  if (stretches.length === 0) return [];
  let scores = ALL_KEYS.map((key) => evidenceFor(key, stretches[0]!));
  const back: Uint8Array[] = [];
  for (let index = 1; index < stretches.length; index++) {
    const best = scores.indexOf(Math.max(...scores));
    const from = new Uint8Array(ALL_KEYS.length);
    scores = ALL_KEYS.map((key, state) => {
      const stay = scores[state]!;
      const move = scores[best]! - KEY_CHANGE;
      from[state] = stay >= move ? state : best;
      return Math.max(stay, move) + evidenceFor(key, stretches[index]!);
    });
    back.push(from);
  }
  let state = scores.indexOf(Math.max(...scores));
  const path = new Array<KeyChoice>(stretches.length);
  for (let index = stretches.length - 1; index >= 0; index--) {
    path[index] = ALL_KEYS[state]!;
    if (index > 0) state = back[index - 1]![state]!;
  }
  return path;
}
