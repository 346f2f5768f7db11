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

/** the window's rows summed, as fractions of their total (all zero where nothing sounds) */
function normalizedDifference(to: Float64Array, from: Float64Array): Float64Array {
  const difference = to.map((value, index) => value - from[index]!);
  const total = difference.reduce((sum, value) => sum + value, 0);
  return total > 0 ? difference.map((value) => value / total) : difference.fill(0);
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
 * keyFeatures(slots, signatures, chords) → per slot, 12 × KEY_FEATURES_PER_TONIC numbers: for each tonic,
 * the music around the slot as intervals above it. signatures[i]: the key signature (fifths) at slot i, if
 * any; chords[i]: the chord heard there, if any.
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
  const whole = normalizedDifference(pitches[slots.length]!, pitches[0]!);
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
  const around = (sums: Float64Array[], at: number, half: number) => normalizedDifference(sums[indexAt(at + half)]!, sums[indexAt(at - half)]!);
  const saturated = (at: number, half: number) => arrivals[indexAt(at + half)]!.map((count, index) => 1 - Math.exp(arrivals[indexAt(at - half)]![index]! - count));
  return slots.map((slot, index) => {
    const at = starts[index]!;
    const windows = {
      near: around(pitches, at, NEAR_QUARTERS),
      wide: around(pitches, at, WIDE_QUARTERS),
      far: around(pitches, at, FAR_QUARTERS),
      here: normalizedDifference(pitches[index + 1]!, pitches[index]!),
      bassLine: around(basses, at, NEAR_QUARTERS),
    };
    const nearChords = around(heard, at, NEAR_QUARTERS);
    const wideChords = around(heard, at, WIDE_QUARTERS);
    const nearArrivals = saturated(at, NEAR_QUARTERS);
    const wideArrivals = saturated(at, WIDE_QUARTERS);
    const signature = signatures[index];
    const features = new Float64Array(12 * KEY_FEATURES_PER_TONIC);
    for (let tonic = 0; tonic < 12; tonic++) {
      const base = tonic * KEY_FEATURES_PER_TONIC;
      for (let interval = 0; interval < 12; interval++) {
        const pitchClass = (tonic + interval) % 12;
        features[base + OFFSET.near + interval] = windows.near[pitchClass]!;
        features[base + OFFSET.wide + interval] = windows.wide[pitchClass]!;
        features[base + OFFSET.whole + interval] = whole[pitchClass]!;
        features[base + OFFSET.here + interval] = windows.here[pitchClass]!;
        features[base + OFFSET.bass + interval] = slot.bass?.pitchClass === pitchClass ? 1 : 0;
        features[base + OFFSET.far + interval] = windows.far[pitchClass]!;
        features[base + OFFSET.bassLine + interval] = windows.bassLine[pitchClass]!;
        for (let kind = 0; kind < CHORD_CLASSES; kind++) {
          features[base + OFFSET.nearChords + interval * CHORD_CLASSES + kind] = nearChords[pitchClass * CHORD_CLASSES + kind]!;
          features[base + OFFSET.wideChords + interval * CHORD_CLASSES + kind] = wideChords[pitchClass * CHORD_CLASSES + kind]!;
        }
        for (let mode = 0; mode < 2; mode++) {
          features[base + OFFSET.nearArrivals + interval * 2 + mode] = nearArrivals[pitchClass * 2 + mode]!;
          features[base + OFFSET.wideArrivals + interval * 2 + mode] = wideArrivals[pitchClass * 2 + mode]!;
        }
      }
      if (lastChord) features[base + OFFSET.lastChord + ((lastChord.root - tonic + 12) % 12) * CHORD_CLASSES + CLASS_OF[lastChord.quality.name]!] = 1;
      if (signature !== undefined) {
        const written = ((signature % 12) + 12) % 12;
        // the tonic's major signature; its minor signature (three fifths fewer); and the minor's Dorian signature, one flat fewer
        features[base + OFFSET.signature] = written === majorSignature(tonic) ? 1 : 0;
        features[base + OFFSET.signature + 1] = written === (majorSignature(tonic) + 9) % 12 ? 1 : 0;
        features[base + OFFSET.signature + 2] = written === (majorSignature(tonic) + 10) % 12 ? 1 : 0;
      }
      features[base + OFFSET.bias] = 1;
    }
    return features;
  });
}

/** keyLogits(features) → 24 scores, major keys then minor, each by tonic 0 … 11 (as local-keys.ts's ALL_KEYS) */
export function keyLogits(features: Float64Array, weights: readonly (readonly number[])[] = KEY_MODEL): Float64Array {
  const logits = new Float64Array(24);
  for (let mode = 0; mode < 2; mode++) {
    const row = weights[mode]!;
    for (let tonic = 0; tonic < 12; tonic++) {
      let score = 0;
      const base = tonic * KEY_FEATURES_PER_TONIC;
      for (let feature = 0; feature < KEY_FEATURES_PER_TONIC; feature++) score += row[feature]! * features[base + feature]!;
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
