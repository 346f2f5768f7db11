/**
 * A learned local-key model: how likely each of the 24 keys is at a slot, from the music around it read
 * relative to each tonic (near, wider and whole-piece pitch-class profiles, the slot itself, its bass) and
 * from the written key signature. A log-linear model (multinomial logistic regression over the 24 keys,
 * one weight vector per mode shared by the 12 tonics), trained on the tuning fold of the When in Rome
 * development set by bench/harmony-key-fit.mjs; its weights are data (key-model-weights.ts). Its log
 * probabilities are evidence for the key HMM of local-keys.ts.
 */
import { toNumber } from '../core/rational.js';
import type { Score } from '../core/score.js';
import type { Slot } from './harmony-slots.js';
import { KEY_MODEL } from './key-model-weights.js';

/** half-widths of the near and the wider window, in quarter notes */
const NEAR_QUARTERS = 4;
const WIDE_QUARTERS = 16;
/** per tonic: near, wide and whole-piece profiles, the slot, its bass, three signature matches, a bias */
export const KEY_FEATURES_PER_TONIC = 5 * 12 + 4;

/** slots' pitch-class weights summed over time: sums[i] covers slots before i, so any window is a difference */
function prefixSums(slots: readonly Slot[]): Float64Array[] {
  const sums = [new Float64Array(12)];
  for (const slot of slots) {
    const length = toNumber(slot.end) - toNumber(slot.start);
    const next = Float64Array.from(sums[sums.length - 1]!);
    slot.weights.forEach((weight, pitchClass) => (next[pitchClass]! += weight * length));
    sums.push(next);
  }
  return sums;
}

function normalizedDifference(to: Float64Array, from: Float64Array): Float64Array {
  const difference = to.map((value, pitchClass) => value - from[pitchClass]!);
  const total = difference.reduce((sum, value) => sum + value, 0);
  return total > 0 ? difference.map((value) => value / total) : difference.fill(0);
}

/** a key's signature in fifths, modulo 12 (enharmonic keys alike): C major 0, A minor 0, E minor 1 */
const majorSignature = (tonic: number) => (tonic * 7) % 12;

/**
 * keyFeatures(slots, signatures) → per slot, 12 × KEY_FEATURES_PER_TONIC numbers: for each tonic, the
 * music around the slot as intervals above it. signatures[i]: the key signature (fifths) at slot i, if any.
 */
export function keyFeatures(slots: readonly Slot[], signatures: readonly (number | undefined)[]): Float64Array[] {
  const sums = prefixSums(slots);
  const starts = slots.map((slot) => toNumber(slot.start));
  const whole = normalizedDifference(sums[slots.length]!, sums[0]!);
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
  return slots.map((slot, index) => {
    const at = starts[index]!;
    const near = normalizedDifference(sums[indexAt(at + NEAR_QUARTERS)]!, sums[indexAt(at - NEAR_QUARTERS)]!);
    const wide = normalizedDifference(sums[indexAt(at + WIDE_QUARTERS)]!, sums[indexAt(at - WIDE_QUARTERS)]!);
    const here = normalizedDifference(sums[index + 1]!, sums[index]!);
    const signature = signatures[index];
    const features = new Float64Array(12 * KEY_FEATURES_PER_TONIC);
    for (let tonic = 0; tonic < 12; tonic++) {
      const base = tonic * KEY_FEATURES_PER_TONIC;
      for (let interval = 0; interval < 12; interval++) {
        const pitchClass = (tonic + interval) % 12;
        features[base + interval] = near[pitchClass]!;
        features[base + 12 + interval] = wide[pitchClass]!;
        features[base + 24 + interval] = whole[pitchClass]!;
        features[base + 36 + interval] = here[pitchClass]!;
        features[base + 48 + interval] = slot.bass?.pitchClass === pitchClass ? 1 : 0;
      }
      if (signature !== undefined) {
        const written = (((signature % 12) + 12) % 12);
        // the tonic's major signature; its minor signature (three fifths fewer); and the minor's Dorian signature, one flat fewer
        features[base + 60] = written === majorSignature(tonic) ? 1 : 0;
        features[base + 61] = written === (majorSignature(tonic) + 9) % 12 ? 1 : 0;
        features[base + 62] = written === (majorSignature(tonic) + 10) % 12 ? 1 : 0;
      }
      features[base + 63] = 1;
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
