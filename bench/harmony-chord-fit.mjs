#!/usr/bin/env node
/**
 * Trains the chord model of src/analysis/chord-model.ts on the tuning fold of the When in Rome development
 * set (bench/harmony-folds.tsv; the validation fold is never read): every half-beat slot of every tuning
 * score (harmony-slots.ts), labelled with the analyst's chord in force at its start (root and quality,
 * the eight qualities chord-match.ts knows; other slots are left out), is a training example for a
 * small neural network over the 96 chords (chord-model.ts). Adam, fixed seed and order, so a re-run writes the
 * same weights. Every tenth tuning piece is held out to report how well the model generalises; the
 * weights written are those trained on all the others. Writes src/analysis/chord-model-weights.ts.
 * Needs ../shared/wir and a build (`npx tsc -p tsconfig.build.json`).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { chordLogits, FEATURES_PER_ROOT, hiddenUnits, logSoftmax, QUALITY_COUNT, rootFeatures } from '../dist/analysis/chord-model.js';
import { harmonySlots } from '../dist/analysis/harmony-slots.js';
import { readRomanLabel } from '../dist/analysis/roman-label.js';
import { toNumber } from '../dist/core/rational.js';
import { readScore } from '../dist/formats/read-score.js';
import { placeOnScore, readRomanText } from '../dist/formats/romantext/read.js';
import { seededRandom } from '../dist/generate/random.js';

const WIR = new URL('../../shared/wir/', import.meta.url);
const FOLDS = new URL('./harmony-folds.tsv', import.meta.url);
const OUT = new URL('../src/analysis/chord-model-weights.ts', import.meta.url);
const QUALITIES = ['major', 'minor', 'diminished', 'dominant seventh', 'minor seventh', 'half-diminished seventh', 'diminished seventh', 'major seventh'];
const NATURAL = { C: 0, D: 2, E: 4, F: 5, G: 7, A: 9, B: 11 };
const EPOCHS = 6;
const HIDDEN = 24;
const BATCH = 256;
const LEARNING_RATE = 0.01;
const L2 = 1e-5;
/** a piece whose human roots sound at fewer of its slots than this is misaligned with its score (as bench/harmony-wir.mjs) */
const ALIGNED = 0.5;

if (!existsSync(new URL('manifest.tsv', WIR))) {
  process.stderr.write('needs the When in Rome development set at ../shared/wir\n');
  process.exit(1);
}
const pitchClass = (name) => (((NATURAL[name[0]] + [...name.slice(1)].reduce((sum, sign) => sum + (sign === '#' ? 1 : -1), 0)) % 12) + 12) % 12;

function examplesOf(piece) {
  const folder = new URL(`${piece}/`, WIR);
  const scoreFile = existsSync(new URL('score.mxl', folder)) ? 'score.mxl' : 'score.xml';
  const score = readScore(readFileSync(new URL(scoreFile, folder)), scoreFile.endsWith('mxl') ? 'mxl' : 'musicxml').score;
  const human = placeOnScore(readRomanText(readFileSync(new URL('analysis.txt', folder), 'utf8')), score)
    .map((harmony) => ({ at: toNumber(harmony.offset), label: readRomanLabel(harmony.figure, harmony.key) }))
    .sort((a, b) => a.at - b.at);
  const slots = harmonySlots(score);
  const labels = [];
  let next = 0;
  let current;
  let sounding = 0;
  let labelled = 0;
  for (const slot of slots) {
    const at = toNumber(slot.start) + 1e-9;
    while (next < human.length && human[next].at <= at) current = human[next++];
    const quality = current?.label ? QUALITIES.indexOf(current.label.quality) : -1;
    const total = slot.weights.reduce((sum, weight) => sum + weight, 0);
    if (quality < 0 || total === 0) {
      labels.push(-1);
      continue;
    }
    const root = pitchClass(current.label.root);
    labelled++;
    if (slot.weights[root] > 0) sounding++;
    labels.push(quality * 12 + root);
  }
  return { slots, labels, aligned: labelled > 0 && sounding / labelled >= ALIGNED };
}

const pieces = readFileSync(FOLDS, 'utf8').trim().split('\n').slice(1).map((line) => line.split('\t')).filter((row) => row[3] === 'tuning').map((row) => row[0]);
const training = [];
const heldOut = [];
pieces.forEach((piece, index) => {
  const data = examplesOf(piece);
  if (data.aligned) (index % 10 === 9 ? heldOut : training).push(data);
});
const examples = (set) => set.flatMap((data, pieceIndex) => data.labels.flatMap((label, slotIndex) => (label >= 0 ? [[pieceIndex, slotIndex, label]] : [])));
const trainExamples = examples(training);
const heldOutExamples = examples(heldOut);
process.stdout.write(`${training.length} training pieces (${trainExamples.length} slots), ${heldOut.length} held out (${heldOutExamples.length} slots)\n`);

const F = FEATURES_PER_ROOT;
const Q = QUALITY_COUNT;
/** parameters in one array: linear [Q×F], hiddenIn [HIDDEN×F], hiddenBias [HIDDEN], hiddenOut [Q×HIDDEN] */
const LINEAR = 0;
const HIDDEN_IN = LINEAR + Q * F;
const HIDDEN_BIAS = HIDDEN_IN + HIDDEN * F;
const HIDDEN_OUT = HIDDEN_BIAS + HIDDEN;
const size = HIDDEN_OUT + Q * HIDDEN;
const parameters = new Float64Array(size);
const firstMoment = new Float64Array(size);
const secondMoment = new Float64Array(size);
let step = 0;
const initial = random(7);
for (let index = HIDDEN_IN; index < HIDDEN_BIAS; index++) parameters[index] = (initial() - 0.5) * 0.2;
for (let index = HIDDEN_OUT; index < size; index++) parameters[index] = (initial() - 0.5) * 0.02;

const rows = (offset, count, width) => Array.from({ length: count }, (_, row) => Array.from(parameters.subarray(offset + row * width, offset + (row + 1) * width)));
const model = () => ({ linear: rows(LINEAR, Q, F), hiddenIn: rows(HIDDEN_IN, HIDDEN, F), hiddenBias: Array.from(parameters.subarray(HIDDEN_BIAS, HIDDEN_OUT)), hiddenOut: rows(HIDDEN_OUT, Q, HIDDEN) });

/** a fixed pseudo-random sequence (the generators' mulberry32), so training is reproducible */
const random = (seed) => seededRandom(seed).next;

function shuffled(items, seed) {
  const next = random(seed);
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index--) {
    const other = Math.floor(next() * (index + 1));
    [copy[index], copy[other]] = [copy[other], copy[index]];
  }
  return copy;
}

function trainBatch(batch, set) {
  const current = model();
  const gradient = new Float64Array(size);
  for (const [pieceIndex, slotIndex, label] of batch) {
    const features = rootFeatures(set[pieceIndex].slots, slotIndex);
    const probabilities = logSoftmax(chordLogits(features, current)).map(Math.exp);
    for (let root = 0; root < 12; root++) {
      const base = root * F;
      const hidden = hiddenUnits(features, base, current);
      const hiddenError = new Float64Array(HIDDEN);
      for (let quality = 0; quality < Q; quality++) {
        const chord = quality * 12 + root;
        const error = probabilities[chord] - (chord === label ? 1 : 0);
        if (Math.abs(error) < 1e-7) continue;
        for (let feature = 0; feature < F; feature++) gradient[LINEAR + quality * F + feature] += error * features[base + feature];
        for (let unit = 0; unit < HIDDEN; unit++) {
          gradient[HIDDEN_OUT + quality * HIDDEN + unit] += error * hidden[unit];
          hiddenError[unit] += error * parameters[HIDDEN_OUT + quality * HIDDEN + unit];
        }
      }
      for (let unit = 0; unit < HIDDEN; unit++) {
        if (hidden[unit] <= 0 || hiddenError[unit] === 0) continue;
        gradient[HIDDEN_BIAS + unit] += hiddenError[unit];
        for (let feature = 0; feature < F; feature++) gradient[HIDDEN_IN + unit * F + feature] += hiddenError[unit] * features[base + feature];
      }
    }
  }
  step++;
  for (let index = 0; index < size; index++) {
    const g = gradient[index] / batch.length + L2 * parameters[index];
    firstMoment[index] = 0.9 * firstMoment[index] + 0.1 * g;
    secondMoment[index] = 0.999 * secondMoment[index] + 0.001 * g * g;
    const corrected = firstMoment[index] / (1 - 0.9 ** step);
    const scale = Math.sqrt(secondMoment[index] / (1 - 0.999 ** step)) + 1e-8;
    parameters[index] -= (LEARNING_RATE * corrected) / scale;
  }
}

/** the model's slot accuracy (its best chord alone, no Viterbi) and mean log-likelihood */
function measure(set, list) {
  const fitted = model();
  let right = 0;
  let logLikelihood = 0;
  for (const [pieceIndex, slotIndex, label] of list) {
    const scores = logSoftmax(chordLogits(rootFeatures(set[pieceIndex].slots, slotIndex), fitted));
    let best = 0;
    for (let chord = 1; chord < scores.length; chord++) if (scores[chord] > scores[best]) best = chord;
    right += best === label ? 1 : 0;
    logLikelihood += scores[label];
  }
  return `slot accuracy ${((100 * right) / list.length).toFixed(1)}%, mean log-likelihood ${(logLikelihood / list.length).toFixed(3)}`;
}

for (let epoch = 0; epoch < EPOCHS; epoch++) {
  const order = shuffled(trainExamples, 20 + epoch);
  for (let start = 0; start < order.length; start += BATCH) trainBatch(order.slice(start, start + BATCH), training);
  process.stdout.write(`epoch ${epoch + 1}: held out ${measure(heldOut, heldOutExamples)}\n`);
}
process.stdout.write(`training pieces: ${measure(training, trainExamples)}\n`);

const round = (value) => Math.round(value * 1e4) / 1e4;
const fitted = model();
const written = Object.fromEntries(Object.entries(fitted).map(([name, value]) => [name, value.map((entry) => (Array.isArray(entry) ? entry.map(round) : round(entry)))]));
writeFileSync(
  OUT,
  `import type { ChordModel } from './chord-model.js';

/**
 * The chord model's weights (chord-model.ts): qualities in the order ${QUALITIES.join(', ')}; features as
 * rootFeatures lists them; ${HIDDEN} hidden units. Fitted by bench/harmony-chord-fit.mjs on ${training.length} pieces of the
 * tuning fold of the When in Rome development set (${trainExamples.length} labelled slots): generated, do not edit.
 */
export const CHORD_MODEL: ChordModel = ${JSON.stringify(written)};
`,
);
