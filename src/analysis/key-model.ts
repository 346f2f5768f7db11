/**
 * A learned local-key model: how likely each of the 24 keys is at a slot, from the music around it read
 * relative to each tonic — pitch-class profiles near, wider, far and over the whole piece, the slot itself,
 * its bass and the bass line around it; the chords heard around it (chord-match.ts's first choice: a V7
 * on the fifth degree speaks for the key) and the dominant–tonic arrivals among them (cadences); the last
 * chord of the piece; and the written key signature. A log-linear model (multinomial logistic regression
 * over the 24 keys, one weight vector per mode shared by the 12 tonics), trained on the tuning fold of the
 * When in Rome development set by bench/harmony-key-fit.mjs; its weights are data (key-model-weights.ts).
 * Its log probabilities are evidence for the key HMM of local-keys.ts.
 */
import { toNumber } from '../core/rational.js';
import type { Score } from '../core/score.js';
import type { ChordChoice } from './chord-match.js';
import type { Slot } from './harmony-slots.js';
import { KEY_MODEL } from './key-model-weights.js';

/** half-widths of the near, the wider and the far window, in quarter notes */
const NEAR_QUARTERS = 4;
const WIDE_QUARTERS = 16;
const FAR_QUARTERS = 48;
/** chords by root and class: major (and major seventh), minor (and minor seventh), diminished (all three), dominant seventh */
const CHORD_CLASSES = 4;
const CLASS_OF: Readonly<Record<string, number>> = {
  major: 0,
  'major seventh': 0,
  minor: 1,
  'minor seventh': 1,
  diminished: 2,
  'half-diminished seventh': 2,
  'diminished seventh': 2,
  'dominant seventh': 3,
};

/** where each group of features starts, per tonic */
const OFFSET = {
  near: 0,
  wide: 12,
  whole: 24,
  here: 36,
  bass: 48,
  signature: 60,
  bias: 63,
  far: 64,
  bassLine: 76,
  nearChords: 88,
  wideChords: 88 + 12 * CHORD_CLASSES,
  nearArrivals: 88 + 24 * CHORD_CLASSES,
  wideArrivals: 88 + 24 * CHORD_CLASSES + 24,
  lastChord: 88 + 24 * CHORD_CLASSES + 48,
} as const;
export const KEY_FEATURES_PER_TONIC = OFFSET.lastChord + 12 * CHORD_CLASSES;

/**
 * A slot's context, by pitch class rather than by interval above each tonic (twelve times smaller): the
 * groups by pitch class in PITCH_GROUPS order, then the chord groups by root × class, the arrivals by
 * root × mode, and the written signature (fifths modulo 12, or −1).
 */
const PITCH_GROUPS = ['near', 'wide', 'whole', 'here', 'bass', 'far', 'bassLine'] as const;
const CHORD_GROUPS = ['nearChords', 'wideChords', 'lastChord'] as const;
const ARRIVAL_GROUPS = ['nearArrivals', 'wideArrivals'] as const;
const CONTEXT_CHORDS = 12 * PITCH_GROUPS.length;
const CONTEXT_ARRIVALS = CONTEXT_CHORDS + 12 * CHORD_CLASSES * CHORD_GROUPS.length;
const CONTEXT_SIGNATURE = CONTEXT_ARRIVALS + 24 * ARRIVAL_GROUPS.length;
const CONTEXT_LENGTH = CONTEXT_SIGNATURE + 1;

/** per-slot rows of `width` numbers summed over time: sums[i] covers slots before i, so any window is a difference */
function prefixSums(slots: readonly Slot[], width: number, row: (slot: Slot, index: number, into: Float64Array) => void): Float64Array[] {
  const sums = [new Float64Array(width)];
  slots.forEach((slot, index) => {
    const next = Float64Array.from(sums[sums.length - 1]!);
    row(slot, index, next);
    sums.push(next);
  });
  return sums;
}

/** the window's rows summed, as fractions of their total (all zero where nothing sounds), written into `into` at `at` */
function putNormalizedDifference(to: Float64Array, from: Float64Array, into: Float64Array, at: number): void {
  let total = 0;
  for (let index = 0; index < to.length; index++) total += to[index]! - from[index]!;
  if (total > 0) for (let index = 0; index < to.length; index++) into[at + index] = (to[index]! - from[index]!) / total;
}

/** a key's signature in fifths, modulo 12 (enharmonic keys alike): C major 0, A minor 0, E minor 1 */
const majorSignature = (tonic: number) => (tonic * 7) % 12;

const length = (slot: Slot) => toNumber(slot.end) - toNumber(slot.start);
const chordIndex = (chord: ChordChoice) => chord.root * CHORD_CLASSES + CLASS_OF[chord.quality.name]!;

/**
 * A dominant (major triad or dominant seventh) moving to a root-position major or minor triad a fifth
 * below: the arrival's root × 2 + (minor ? 1 : 0), or −1.
 */
function arrival(slots: readonly Slot[], chords: readonly (ChordChoice | undefined)[], index: number): number {
  const [from, to] = [chords[index - 1], chords[index]];
  if (!from || !to || from === to || to.quality.intervals.length !== 3 || slots[index]!.bass?.pitchClass !== to.root) return -1;
  const dominant = from.quality.name === 'major' || from.quality.name === 'dominant seventh';
  if (!dominant || (from.root + 5) % 12 !== to.root || CLASS_OF[to.quality.name]! > 1) return -1;
  return to.root * 2 + CLASS_OF[to.quality.name]!;
}

/**
 * keyFeatures(slots, signatures, chords) → per slot, its context (what keyLogits and tonicFeatures read):
 * the music around it by pitch class. signatures[i]: the key signature (fifths) at slot i, if any;
 * chords[i]: the chord heard there, if any.
 */
export function keyFeatures(slots: readonly Slot[], signatures: readonly (number | undefined)[], chords: readonly (ChordChoice | undefined)[]): Float64Array[] {
  const pitches = prefixSums(slots, 12, (slot, _, into) => slot.weights.forEach((weight, pitchClass) => (into[pitchClass]! += weight * length(slot))));
  const basses = prefixSums(slots, 12, (slot, _, into) => slot.bass && (into[slot.bass.pitchClass]! += length(slot)));
  const heard = prefixSums(slots, 12 * CHORD_CLASSES, (slot, index, into) => chords[index] && (into[chordIndex(chords[index]!)]! += length(slot)));
  const arrivals = prefixSums(slots, 24, (_, index, into) => {
    const found = arrival(slots, chords, index);
    if (found >= 0) into[found]! += 1;
  });
  const lastChord = [...chords].reverse().find((chord) => chord !== undefined);
  const starts = slots.map((slot) => toNumber(slot.start));
  const indexAt = (quarters: number) => {
    let low = 0;
    let high = slots.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (starts[middle]! < quarters) low = middle + 1;
      else high = middle;
    }
    return low;
  };
  const group = (name: (typeof PITCH_GROUPS)[number]) => 12 * PITCH_GROUPS.indexOf(name);
  return slots.map((slot, index) => {
    const at = starts[index]!;
    const context = new Float64Array(CONTEXT_LENGTH);
    const window = (sums: Float64Array[], half: number, offset: number) => putNormalizedDifference(sums[indexAt(at + half)]!, sums[indexAt(at - half)]!, context, offset);
    window(pitches, NEAR_QUARTERS, group('near'));
    window(pitches, WIDE_QUARTERS, group('wide'));
    putNormalizedDifference(pitches[slots.length]!, pitches[0]!, context, group('whole'));
    putNormalizedDifference(pitches[index + 1]!, pitches[index]!, context, group('here'));
    if (slot.bass) context[group('bass') + slot.bass.pitchClass] = 1;
    window(pitches, FAR_QUARTERS, group('far'));
    window(basses, NEAR_QUARTERS, group('bassLine'));
    window(heard, NEAR_QUARTERS, CONTEXT_CHORDS);
    window(heard, WIDE_QUARTERS, CONTEXT_CHORDS + 12 * CHORD_CLASSES);
    if (lastChord) context[CONTEXT_CHORDS + 24 * CHORD_CLASSES + chordIndex(lastChord)] = 1;
    [NEAR_QUARTERS, WIDE_QUARTERS].forEach((half, which) => {
      const [to, from] = [arrivals[indexAt(at + half)]!, arrivals[indexAt(at - half)]!];
      // saturating: a second cadence in the window adds less than the first
      for (let arrived = 0; arrived < 24; arrived++) context[CONTEXT_ARRIVALS + 24 * which + arrived] = 1 - Math.exp(from[arrived]! - to[arrived]!);
    });
    const signature = signatures[index];
    context[CONTEXT_SIGNATURE] = signature === undefined ? -1 : ((signature % 12) + 12) % 12;
    return context;
  });
}

/** CONTEXT_INDEX[tonic][feature]: where in a slot's context each feature of that tonic is read, −1 for the computed ones (signature, bias) */
const CONTEXT_INDEX: readonly Int32Array[] = Array.from({ length: 12 }, (_, tonic) => {
  const index = new Int32Array(KEY_FEATURES_PER_TONIC).fill(-1);
  for (let interval = 0; interval < 12; interval++) {
    const pitchClass = (tonic + interval) % 12;
    PITCH_GROUPS.forEach((name, which) => (index[OFFSET[name] + interval] = 12 * which + pitchClass));
    CHORD_GROUPS.forEach((name, which) => {
      for (let kind = 0; kind < CHORD_CLASSES; kind++) index[OFFSET[name] + interval * CHORD_CLASSES + kind] = CONTEXT_CHORDS + 12 * CHORD_CLASSES * which + pitchClass * CHORD_CLASSES + kind;
    });
    ARRIVAL_GROUPS.forEach((name, which) => {
      for (let mode = 0; mode < 2; mode++) index[OFFSET[name] + interval * 2 + mode] = CONTEXT_ARRIVALS + 24 * which + pitchClass * 2 + mode;
    });
  }
  return index;
});

/**
 * tonicFeatures(context, tonic, into) → KEY_FEATURES_PER_TONIC numbers in `into`: the slot's context as
 * intervals above the tonic, the features one weight vector per mode reads for every tonic alike.
 */
export function tonicFeatures(context: Float64Array, tonic: number, into: Float64Array = new Float64Array(KEY_FEATURES_PER_TONIC)): Float64Array {
  const index = CONTEXT_INDEX[tonic]!;
  for (let feature = 0; feature < KEY_FEATURES_PER_TONIC; feature++) into[feature] = index[feature]! >= 0 ? context[index[feature]!]! : 0;
  const written = context[CONTEXT_SIGNATURE]!;
  if (written >= 0) {
    // the tonic's major signature; its minor signature (three fifths fewer); and the minor's Dorian signature, one flat fewer
    into[OFFSET.signature] = written === majorSignature(tonic) ? 1 : 0;
    into[OFFSET.signature + 1] = written === (majorSignature(tonic) + 9) % 12 ? 1 : 0;
    into[OFFSET.signature + 2] = written === (majorSignature(tonic) + 10) % 12 ? 1 : 0;
  }
  into[OFFSET.bias] = 1;
  return into;
}

/** keyLogits(context) → 24 scores, major keys then minor, each by tonic 0 … 11 (as local-keys.ts's ALL_KEYS) */
export function keyLogits(context: Float64Array, weights: readonly (readonly number[])[] = KEY_MODEL): Float64Array {
  const logits = new Float64Array(24);
  const features = new Float64Array(KEY_FEATURES_PER_TONIC);
  for (let tonic = 0; tonic < 12; tonic++) {
    tonicFeatures(context, tonic, features);
    for (let mode = 0; mode < 2; mode++) {
      const row = weights[mode]!;
      let score = 0;
      for (let feature = 0; feature < KEY_FEATURES_PER_TONIC; feature++) score += row[feature]! * features[feature]!;
      logits[mode * 12 + tonic] = score;
    }
  }
  return logits;
}

/** the key signature in force in each measure (of the first part), undefined before any is written */
export function signaturesByMeasure(score: Score): (number | undefined)[] {
  let fifths: number | undefined;
  return (score.parts[0]?.measures ?? []).map((measure) => (fifths = measure.keys?.[0]?.value.fifths ?? fifths));
}
