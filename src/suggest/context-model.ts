/**
 * The next chord at a point of a score, from more than the chords before it: a small neural network (one
 * hidden layer over a bag of sparse features, as in fastText: Joulin et al. 2017) reads the last three
 * numerals and what the score says there (score-context.ts: metre, the chord's length, a fermata, the top
 * and bottom lines' last notes), and its distribution is mixed with the chord n-gram's, which also covers
 * the rare chords the network does not name. Trained by scripts/train-continuation.mjs; the weights are
 * shipped as 8-bit integers (one scale per row) in base64.
 */
import type { ChordNgramModel, ChordProbability } from './chord-ngram.js';
import { nextChords } from './chord-ngram.js';
import type { ScoreContext } from './score-context.js';

export interface ContextChordModel {
  /** the features the network knows, by row of `embedding` */
  readonly features: readonly string[];
  /** the figures it names; the last, "", stands for every other figure */
  readonly classes: readonly string[];
  readonly hidden: number;
  /** features × hidden, int8 in base64, row r scaled by embeddingScale[r] */
  readonly embedding: string;
  readonly embeddingScale: readonly number[];
  /** (hidden + 1) × classes (the last row the bias), int8 in base64, row r scaled by outputScale[r] */
  readonly output: string;
  readonly outputScale: readonly number[];
  /** the network's weight against the n-gram's in the mixture, chosen on the training pieces */
  readonly mix: number;
}

/** the network as arrays of numbers, decoded once per model */
export interface ContextNetwork {
  readonly index: ReadonlyMap<string, number>;
  readonly classes: readonly string[];
  readonly hidden: number;
  readonly embedding: Float32Array;
  readonly output: Float32Array;
  readonly mix: number;
}

/** contextFeatures(["ii6", "V"], context, "bach") → ["bias", "1:V", "12:ii6 V", "point:1", "1s:V|2", …] */
export function contextFeatures(figures: readonly string[], context: ScoreContext, style?: string): string[] {
  const [f1, f2, f3] = [figures.at(-1) ?? '^', figures.at(-2) ?? '^', figures.at(-3) ?? '^'];
  const [s1, s2] = [context.soprano.at(-1) ?? '-', context.soprano.at(-2) ?? '-'];
  const [b1, b2] = [context.bass.at(-1) ?? '-', context.bass.at(-2) ?? '-'];
  // lengths by octaves of time: an eighth, a quarter, a half, a whole, longer
  const length = Math.max(-1, Math.min(3, Math.round(Math.log2(Math.max(context.duration, 0.125)))));
  const { mode, pointBeat, chordBeat, fermata } = context;
  const features = [
    'bias', `1:${f1}`, `2:${f2}`, `12:${f2} ${f1}`, `123:${f3} ${f2} ${f1}`,
    `mode:${mode}`, `point:${pointBeat}`, `chordBeat:${chordBeat}`, `length:${length}`, `fermata:${fermata}`,
    `1point:${f1}|${pointBeat}`, `1length:${f1}|${length}`, `1fermata:${f1}|${fermata}`, `12fermata:${f2} ${f1}|${fermata}`,
    `s:${mode} ${s1}`, `ss:${mode} ${s2} ${s1}`, `b:${mode} ${b1}`, `bb:${mode} ${b2} ${b1}`, `sb:${mode} ${s1} ${b1}`,
    `1s:${f1}|${s1}`, `1ss:${f1}|${s2} ${s1}`, `1b:${f1}|${b1}`, `1bb:${f1}|${b2} ${b1}`, `1sb:${f1}|${s1} ${b1}`,
  ];
  return style === undefined ? features : [...features, `style:${style}`, `1style:${f1}|${style}`];
}

/** decodeContextModel(model) → its network with float weights */
export function decodeContextModel(model: ContextChordModel): ContextNetwork {
  return {
    index: new Map(model.features.map((feature, row) => [feature, row])),
    classes: model.classes,
    hidden: model.hidden,
    embedding: scaledRows(model.embedding, model.embeddingScale, model.hidden),
    output: scaledRows(model.output, model.outputScale, model.classes.length),
    mix: model.mix,
  };
}

/** classProbabilities(network, features) → the network's softmax over its classes */
export function classProbabilities(network: ContextNetwork, features: readonly string[]): Float64Array {
  const { hidden, classes, embedding, output } = network;
  const activation = new Float64Array(hidden);
  for (const feature of features) {
    const row = network.index.get(feature);
    if (row === undefined) continue;
    for (let unit = 0; unit < hidden; unit++) activation[unit]! += embedding[row * hidden + unit]!;
  }
  const logits = new Float64Array(classes.length);
  for (let unit = 0; unit <= hidden; unit++) {
    const value = unit === hidden ? 1 : Math.tanh(activation[unit]!);
    for (let label = 0; label < classes.length; label++) logits[label]! += value * output[unit * classes.length + label]!;
  }
  const top = Math.max(...logits);
  let sum = 0;
  for (let label = 0; label < logits.length; label++) sum += logits[label] = Math.exp(logits[label]! - top);
  return logits.map((value) => value / sum);
}

/** nextChordsInContext(network, ngram, ["ii6", "V"], context, "bach", 3) → the mixture's likeliest next chords, most probable first */
export function nextChordsInContext(network: ContextNetwork, ngram: ChordNgramModel, figures: readonly string[], context: ScoreContext, style: string | undefined, top = 5): ChordProbability[] {
  const named = classProbabilities(network, contextFeatures(figures, context, style));
  return [...mixture(network.classes, named, nextChords(ngram, figures, Infinity), network.mix)]
    .map(([figure, probability]) => ({ figure, probability }))
    .sort((a, b) => b.probability - a.probability || a.figure.localeCompare(b.figure))
    .slice(0, top);
}

/** mixture(classes, the network's probabilities, the n-gram's, 0.6) → figure → 0.6 × network + 0.4 × n-gram */
export function mixture(classes: readonly string[], named: Float64Array, fromNgram: readonly ChordProbability[], mix: number): Map<string, number> {
  const labelOf = new Map(classes.map((figure, label) => [figure, label]));
  // the network's "any other figure" is shared out as the n-gram shares out the figures the network does not name
  const otherLabel = classes.length - 1;
  const otherMass = fromNgram.reduce((sum, entry) => sum + (labelOf.has(entry.figure) ? 0 : entry.probability), 0);
  const mixed = new Map<string, number>();
  for (const { figure, probability } of fromNgram) {
    const label = labelOf.get(figure);
    const fromNetwork = label !== undefined ? named[label]! : otherMass > 0 ? (named[otherLabel]! * probability) / otherMass : 0;
    mixed.set(figure, mix * fromNetwork + (1 - mix) * probability);
  }
  classes.forEach((figure, label) => {
    if (label !== otherLabel && !mixed.has(figure)) mixed.set(figure, mix * named[label]!);
  });
  return mixed;
}

/** int8 rows in base64, each multiplied by its scale */
function scaledRows(base64: string, scales: readonly number[], width: number): Float32Array {
  const bytes = fromBase64(base64);
  const values = new Float32Array(bytes.length);
  for (let index = 0; index < bytes.length; index++) values[index] = ((bytes[index]! << 24) >> 24) * scales[Math.floor(index / width)]!;
  return values;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const SEXTET = new Map([...ALPHABET].map((char, value) => [char, value]));

/** fromBase64("AQI=") → [1, 2]: the pure layers have no Buffer and no atob in their types */
export function fromBase64(text: string): Uint8Array {
  const clean = text.replace(/=+$/, '');
  const bytes = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let buffer = 0;
  let at = 0;
  for (const char of clean) {
    buffer = (buffer << 6) | SEXTET.get(char)!;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[at++] = (buffer >> bits) & 0xff;
    }
  }
  return bytes;
}
