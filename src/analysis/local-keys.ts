/**
 * Local keys: the key in force at each stretch of music, found by a Viterbi pass over the 24 keys (a hidden
 * Markov model). Each stretch votes with the Krumhansl–Schmuckler correlation of the music around it,
 * with how likely its chord is in each key and with a learned key model's probabilities (key-model.ts); the key moves as often per quarter note, and to where,
 * as analysts' keys move (all counted on the tuning fold of the When in Rome development set:
 * key-chord-model.ts), so a key changes where the music insists (a modulation, mostly to a close key),
 * not for every borrowed chord, however finely the music is cut into chords.
 */
import { CHORD_IN_KEY, CHORD_QUALITY_ORDER, KEY_CHANGES_PER_QUARTER, KEY_MOVE } from './key-chord-model.js';
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
  /** the chord's quality, as chord-match.ts names it ("dominant seventh") */
  readonly chordQuality?: string;
  /** how long the stretch lasts, in quarter notes */
  readonly quarters: number;
  /** the key signature written where it starts (sharps positive), if any */
  readonly signature?: number;
  /** the tonic this stretch and its neighbour confirm by a dominant–tonic motion, if any */
  readonly cadenceTonic?: number;
  /** the tonic the piece's first chord proposes, on the first stretch only */
  readonly openingTonic?: number;
  /** the learned key model's log probability of each key in ALL_KEYS order (key-model.ts), averaged over the stretch */
  readonly learned?: Float64Array;
}

const PROFILE: KeyWeighting = 'bellman';
// Weights chosen on the tuning fold (bench/harmony-wir.mjs --fold tuning); the counted log probabilities weigh 1.
const CORRELATION_WEIGHT = 3;
const CHORD_WEIGHT = 1;
const TRANSITION_WEIGHT = 1.5;
const FULL_EVIDENCE_QUARTERS = 1;
const SIGNATURE = 1;
const CADENCE = 4;
const OPENING = 4;
/** the learned key model's log probabilities (key-model.ts), per quarter note of the stretch; chosen on the tuning fold */
const LEARNED = 0.5;

/** inScale(key, 11) → whether the pitch class belongs to the key's scale (minor admits raised 6 and 7) */
export function inScale(key: KeyChoice, pitchClass: number): boolean {
  return (key.mode === 'major' ? MAJOR_SCALE : MINOR_SCALE).includes((pitchClass - key.tonic + 12) % 12);
}

function evidenceFor(key: KeyChoice, evidence: KeyEvidence): number {
  const distribution = evidence.window;
  let score = distribution.some((weight) => weight > 0) ? CORRELATION_WEIGHT * profileCorrelation(distribution, PROFILES[PROFILE][key.mode], key.tonic) : 0;
  const quality = CHORD_QUALITY_ORDER.indexOf(evidence.chordQuality as (typeof CHORD_QUALITY_ORDER)[number]);
  if (evidence.chordRoot !== undefined && quality >= 0) score += CHORD_WEIGHT * CHORD_IN_KEY[modeIndex(key)]![(evidence.chordRoot - key.tonic + 12) % 12]![quality]!;
  if (evidence.signature !== undefined && writtenIn(key, evidence.signature)) score += SIGNATURE;
  if (evidence.cadenceTonic === key.tonic) score += CADENCE;
  if (evidence.openingTonic === key.tonic) score += OPENING;
  return score;
}

/**
 * A stretch's whole vote for a key: the hand-set evidence counts for at most a beat's worth (evidenceWeight);
 * the learned model's, read from the music around every slot, for the stretch's full length, so a chord held
 * for a bar says as much about the key as the same bar cut into quavers.
 */
function voteFor(key: KeyChoice, stretch: KeyEvidence): number {
  const learned = stretch.learned ? LEARNED * stretch.quarters * stretch.learned[modeIndex(key) * 12 + key.tonic]! : 0;
  return evidenceWeight(stretch) * evidenceFor(key, stretch) + learned;
}

/** signatureOf(E minor) → 1: sharps (positive) or flats of the key, up to enharmonic equivalence (compare modulo 12) */
function signatureOf(key: KeyChoice): number {
  const major = key.mode === 'major' ? key.tonic : (key.tonic + 3) % 12;
  const fifths = (major * 7) % 12;
  return fifths > 6 ? fifths - 12 : fifths;
}

/** a key is written in its own signature; a minor key also in one flat fewer (the Dorian signature of G minor with one flat, common into Bach's time) */
function writtenIn(key: KeyChoice, signature: number): boolean {
  const own = signatureOf(key);
  const same = (fifths: number) => (fifths - signature + 24) % 12 === 0;
  return same(own) || (key.mode === 'minor' && same(own + 1));
}

const modeIndex = (key: KeyChoice) => (key.mode === 'major' ? 0 : 1);

/** MOVES[from][to]: the counted log probability that a key moving from one of ALL_KEYS goes to another */
const MOVES: readonly Float64Array[] = ALL_KEYS.map((from) => Float64Array.from(ALL_KEYS, (to) => KEY_MOVE[modeIndex(from)]![modeIndex(to)]![(to.tonic - from.tonic + 12) % 12]!));

/** a stretch shorter than a beat speaks for its share of one: music cut finely into chords does not outvote the same music held */
const evidenceWeight = (stretch: KeyEvidence) => Math.min(1, stretch.quarters / FULL_EVIDENCE_QUARTERS);

/** chooseKeys(evidence per stretch) → the key of each stretch */
export function chooseKeys(stretches: readonly KeyEvidence[]): KeyChoice[] {
  if (stretches.length === 0) return [];
  const count = ALL_KEYS.length;
  let scores = ALL_KEYS.map((key) => voteFor(key, stretches[0]!));
  const back: Uint8Array[] = [];
  for (let index = 1; index < stretches.length; index++) {
    // the key stays through the previous stretch's length with probability e^(−rate × length)
    const elapsed = Math.max(stretches[index - 1]!.quarters, 1e-3) * KEY_CHANGES_PER_QUARTER;
    const stay = -TRANSITION_WEIGHT * elapsed;
    const move = TRANSITION_WEIGHT * Math.log(-Math.expm1(-elapsed));
    const from = new Uint8Array(count);
    const next = new Array<number>(count);
    for (let state = 0; state < count; state++) {
      let best = state;
      let bestScore = scores[state]! + stay;
      for (let previous = 0; previous < count; previous++) {
        const candidate = scores[previous]! + move + TRANSITION_WEIGHT * MOVES[previous]![state]!;
        if (previous !== state && candidate > bestScore) [best, bestScore] = [previous, candidate];
      }
      from[state] = best;
      next[state] = bestScore + voteFor(ALL_KEYS[state]!, stretches[index]!);
    }
    back.push(from);
    scores = next;
  }
  let state = scores.indexOf(Math.max(...scores));
  const path = new Array<KeyChoice>(stretches.length);
  for (let index = stretches.length - 1; index >= 0; index--) {
    path[index] = ALL_KEYS[state]!;
    if (index > 0) state = back[index - 1]![state]!;
  }
  return path;
}
