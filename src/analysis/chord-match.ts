/**
 * Which chord a slot of music sounds: every root and quality is scored by a learned chord model (chord-model.ts:
 * the slot, its bass and its neighbours, trained on analysts' chords) and, beside it, by hand-set weights:
 * how much of the slot's pitch-class weight it explains, what it leaves unexplained (non-chord tones),
 * whether its root and third are there, and whether the bass is one of its tones. Then a Viterbi pass over the slots picks
 * the best succession, charging for a change of chord more on weak parts of the beat, so passing and
 * neighbour tones, suspensions and arpeggiation do not fragment the harmony.
 */
import { chordLogProbabilities } from './chord-model.js';
import type { Slot } from './harmony-slots.js';

export interface ChordQuality {
  readonly name: string;
  /** semitones above the root */
  readonly intervals: readonly number[];
}

export const CHORD_QUALITIES: readonly ChordQuality[] = [
  { name: 'major', intervals: [0, 4, 7] },
  { name: 'minor', intervals: [0, 3, 7] },
  { name: 'diminished', intervals: [0, 3, 6] },
  { name: 'dominant seventh', intervals: [0, 4, 7, 10] },
  { name: 'minor seventh', intervals: [0, 3, 7, 10] },
  { name: 'half-diminished seventh', intervals: [0, 3, 6, 10] },
  { name: 'diminished seventh', intervals: [0, 3, 6, 9] },
  { name: 'major seventh', intervals: [0, 4, 7, 11] },
];

export interface ChordChoice {
  readonly root: number;
  readonly quality: ChordQuality;
  /** pitch classes of the chord */
  readonly pitchClasses: ReadonlySet<number>;
}

const CANDIDATES: readonly ChordChoice[] = CHORD_QUALITIES.flatMap((quality) =>
  Array.from({ length: 12 }, (_, root) => ({ root, quality, pitchClasses: new Set(quality.intervals.map((interval) => (root + interval) % 12)) })),
);

// Weights tuned on the shared corpus's human analyses (bench/harmony-vs-human.mjs reports the effect).
const UNEXPLAINED = 0.9;
const MISSING_ROOT = 0.6;
const MISSING_THIRD = 0.35;
const MISSING_SEVENTH = 0.5;
const SEVENTH_CHORD = 0.2;
const BASS_IN_CHORD = 0.25;
/** a diminished triad is mostly a dominant seventh without its root: the root, when it sounds, decides */
const DIMINISHED_TRIAD = 0.1;
const BASS_IS_ROOT = 0.1;
/** by slot strength: 3 downbeat, 2 beat, 1 offbeat (beat and offbeat chosen on the tuning fold of the When in Rome set) */
const CHANGE_COST: readonly number[] = [0, 0.3, 0.4, 0.3];

/** fit(slot, chord) → how well the chord explains the slot, about -1 … 1.3; silence fits nothing */
export function fit(slot: Slot, chord: ChordChoice): number {
  const total = slot.weights.reduce((sum, weight) => sum + weight, 0);
  if (total === 0) return 0;
  let explained = 0;
  for (const pitchClass of chord.pitchClasses) explained += slot.weights[pitchClass]!;
  const [, third, , seventh] = chord.quality.intervals;
  const present = (interval: number | undefined) => interval === undefined || slot.weights[(chord.root + interval) % 12]! > 0;
  let score = explained / total - (UNEXPLAINED * (total - explained)) / total;
  if (!present(0)) score -= MISSING_ROOT;
  if (!present(third)) score -= MISSING_THIRD;
  if (seventh !== undefined) score -= present(seventh) ? SEVENTH_CHORD : MISSING_SEVENTH;
  if (chord.quality.name === 'diminished') score -= DIMINISHED_TRIAD;
  if (slot.bass && chord.pitchClasses.has(slot.bass.pitchClass)) {
    score += BASS_IN_CHORD + (slot.bass.pitchClass === chord.root ? BASS_IS_ROOT : 0);
  }
  return score;
}

/** how likely a chord is at a slot apart from its notes (in the slot's key, say), added to its fit */
export type ChordPrior = (slotIndex: number, chord: ChordChoice) => number;

/** how much the learned chord model's log probability (chord-model.ts) and the hand-weighted fit each count; chosen on the tuning fold */
const MODEL_WEIGHT = 1.5;
const HAND_WEIGHT = 0.5;

/** chordFits(slots) → per slot, how well each candidate chord (in CANDIDATES order) fits it: the learned model's log probability and the hand-weighted fit */
export function chordFits(slots: readonly Slot[]): Float64Array[] {
  const learned = chordLogProbabilities(slots);
  return slots.map((slot, index) => Float64Array.from(CANDIDATES, (chord, candidate) => MODEL_WEIGHT * learned[index]![candidate]! + HAND_WEIGHT * fit(slot, chord)));
}

/** chooseChords(slots) → the best chord for each slot, as one succession (Viterbi); undefined in silence */
export function chooseChords(slots: readonly Slot[], prior: ChordPrior = () => 0, fits: readonly Float64Array[] = chordFits(slots)): (ChordChoice | undefined)[] {
  if (slots.length === 0) return [];
  const count = CANDIDATES.length;
  let scores = CANDIDATES.map((chord, candidate) => fits[0]![candidate]! + prior(0, chord));
  const back: Int16Array[] = [];
  for (let index = 1; index < slots.length; index++) {
    const slot = slots[index]!;
    const change = CHANGE_COST[slot.strength]!;
    let bestPrevious = 0;
    for (let candidate = 1; candidate < count; candidate++) if (scores[candidate]! > scores[bestPrevious]!) bestPrevious = candidate;
    const from = new Int16Array(count);
    const next = CANDIDATES.map((chord, candidate) => {
      // staying costs nothing; changing costs by metric position (O(n) per slot, not O(n²))
      const stay = scores[candidate]!;
      const move = scores[bestPrevious]! - change;
      from[candidate] = stay >= move ? candidate : bestPrevious;
      return Math.max(stay, move) + fits[index]![candidate]! + prior(index, chord);
    });
    back.push(from);
    scores = next;
  }
  let state = scores.indexOf(Math.max(...scores));
  const path = new Array<number>(slots.length);
  for (let index = slots.length - 1; index >= 0; index--) {
    path[index] = state;
    if (index > 0) state = back[index - 1]![state]!;
  }
  return path.map((candidate, index) => (slots[index]!.weights.some((weight) => weight > 0) ? CANDIDATES[candidate] : undefined));
}
