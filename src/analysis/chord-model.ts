/**
 * A learned chord model: how likely each chord (root × quality of chord-match.ts) is at a slot, from what
 * sounds there and around it, read relative to the chord's root. A small neural network scores each root
 * (the same weights for all 12: a linear part and one hidden layer of rectified units), one score per
 * quality, and a softmax over the 96 chords makes them probabilities; trained on the
 * tuning fold of the When in Rome development set by bench/harmony-chord-fit.mjs; its weights are data
 * (chord-model-weights.ts). It sees what the summed pitch-class fit does not: the bass, the slots before
 * and after, and the music a beat or two around, so a seventh sounding beside the slot counts for V7 and a
 * bass on the third for I6 rather than iii.
 */
import { CHORD_MODEL } from './chord-model-weights.js';
import type { Slot } from './harmony-slots.js';

/** slots either side summed as the chord's wider context */
const CONTEXT_SLOTS = 3;
/** per root: the slot's weights, which pitch classes sound at all, the bass, the previous and next slot, the wider context, a bias */
export const FEATURES_PER_ROOT = 6 * 12 + 1;
export const QUALITY_COUNT = 8;

export interface ChordModel {
  /** [quality][feature]: the linear part */
  readonly linear: readonly (readonly number[])[];
  /** [unit][feature] and [unit]: the hidden layer */
  readonly hiddenIn: readonly (readonly number[])[];
  readonly hiddenBias: readonly number[];
  /** [quality][unit]: the hidden units' say in each quality's score */
  readonly hiddenOut: readonly (readonly number[])[];
}

function normalized(weights: readonly number[] | undefined): readonly number[] | undefined {
  if (!weights) return undefined;
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  return total > 0 ? weights.map((weight) => weight / total) : undefined;
}

function contextWeights(slots: readonly Slot[], index: number): readonly number[] | undefined {
  const sum = new Array<number>(12).fill(0);
  for (let other = Math.max(0, index - CONTEXT_SLOTS); other <= Math.min(slots.length - 1, index + CONTEXT_SLOTS); other++) {
    slots[other]!.weights.forEach((weight, pitchClass) => (sum[pitchClass]! += weight));
  }
  return normalized(sum);
}

/**
 * rootFeatures(slots, index) → 12 × FEATURES_PER_ROOT numbers: for each root 0 … 11, the slot and its
 * surroundings as intervals above that root.
 */
export function rootFeatures(slots: readonly Slot[], index: number): Float64Array {
  const slot = slots[index]!;
  const current = normalized(slot.weights);
  const previous = normalized(slots[index - 1]?.weights);
  const next = normalized(slots[index + 1]?.weights);
  const context = contextWeights(slots, index);
  const features = new Float64Array(12 * FEATURES_PER_ROOT);
  for (let root = 0; root < 12; root++) {
    const base = root * FEATURES_PER_ROOT;
    for (let interval = 0; interval < 12; interval++) {
      const pitchClass = (root + interval) % 12;
      features[base + interval] = current?.[pitchClass] ?? 0;
      features[base + 12 + interval] = slot.weights[pitchClass]! > 0 ? 1 : 0;
      features[base + 24 + interval] = slot.bass?.pitchClass === pitchClass ? 1 : 0;
      features[base + 36 + interval] = previous?.[pitchClass] ?? 0;
      features[base + 48 + interval] = next?.[pitchClass] ?? 0;
      features[base + 60 + interval] = context?.[pitchClass] ?? 0;
    }
    features[base + 72] = 1;
  }
  return features;
}

/** the features of one root that are not zero (most are: few pitch classes sound, one is the bass), so sums skip the rest */
function nonZero(features: Float64Array, base: number): number[] {
  const found: number[] = [];
  for (let feature = 0; feature < FEATURES_PER_ROOT; feature++) if (features[base + feature] !== 0) found.push(feature);
  return found;
}

/** the hidden units' activations for one root: hidden[unit] = max(0, hiddenIn[unit] · features + hiddenBias[unit]) */
export function hiddenUnits(features: Float64Array, base: number, model: ChordModel, present: readonly number[] = nonZero(features, base)): Float64Array {
  const hidden = new Float64Array(model.hiddenBias.length);
  for (let unit = 0; unit < hidden.length; unit++) {
    const row = model.hiddenIn[unit]!;
    let sum = model.hiddenBias[unit]!;
    for (const feature of present) sum += row[feature]! * features[base + feature]!;
    hidden[unit] = sum > 0 ? sum : 0;
  }
  return hidden;
}

/** chordLogits(features) → 96 scores, quality-major (quality × 12 + root), as chord-match.ts orders its candidates */
export function chordLogits(features: Float64Array, model: ChordModel = CHORD_MODEL): Float64Array {
  const logits = new Float64Array(QUALITY_COUNT * 12);
  for (let root = 0; root < 12; root++) {
    const base = root * FEATURES_PER_ROOT;
    const present = nonZero(features, base);
    const hidden = hiddenUnits(features, base, model, present);
    for (let quality = 0; quality < QUALITY_COUNT; quality++) {
      const linear = model.linear[quality]!;
      const out = model.hiddenOut[quality]!;
      let score = 0;
      for (const feature of present) score += linear[feature]! * features[base + feature]!;
      for (let unit = 0; unit < hidden.length; unit++) score += out[unit]! * hidden[unit]!;
      logits[quality * 12 + root] = score;
    }
  }
  return logits;
}

/** logSoftmax in place: the scores become log probabilities */
export function logSoftmax(scores: Float64Array): Float64Array {
  let top = -Infinity;
  for (const score of scores) top = Math.max(top, score);
  let total = 0;
  for (const score of scores) total += Math.exp(score - top);
  const normalizer = top + Math.log(total);
  for (let index = 0; index < scores.length; index++) scores[index]! -= normalizer;
  return scores;
}

/** chordLogProbabilities(slots) → per slot, the log probability of each of the 96 chords */
export function chordLogProbabilities(slots: readonly Slot[]): Float64Array[] {
  return slots.map((_, index) => logSoftmax(chordLogits(rootFeatures(slots, index))));
}
