#!/usr/bin/env node
/**
 * Trains the local-key model of src/analysis/key-model.ts on the tuning fold of the When in Rome
 * development set (bench/harmony-folds.tsv; the validation fold is never read): every half-beat slot of
 * every tuning score (harmony-slots.ts), labelled with the analyst's key in force at its start, is a
 * training example for a multinomial logistic regression over the 24 keys, its features read from the
 * slots and from the chords chord-match.ts first hears in them (all tuning pieces: a key
 * lasts long enough that an analysis placed a pickup off its score still labels its slots' keys). Adam, fixed order, so a re-run
 * writes the same weights. Every tenth tuning piece is held out to report how well the model generalises;
 * the weights written are those trained on all the others. Writes src/analysis/key-model-weights.ts.
 * Needs ../shared/wir and a build (`npx tsc -p tsconfig.build.json`).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { chooseChords } from '../dist/analysis/chord-match.js';
import { logSoftmax } from '../dist/analysis/chord-model.js';
import { harmonySlots } from '../dist/analysis/harmony-slots.js';
import { KEY_FEATURES_PER_TONIC, keyFeatures, keyLogits, signaturesByMeasure, tonicFeatures } from '../dist/analysis/key-model.js';
import { parseKeyName } from '../dist/analysis/roman.js';
import { toNumber } from '../dist/core/rational.js';
import { readScore } from '../dist/formats/read-score.js';
import { placeOnScore, readRomanText } from '../dist/formats/romantext/read.js';

const WIR = new URL('../../shared/wir/', import.meta.url);
const FOLDS = new URL('./harmony-folds.tsv', import.meta.url);
const OUT = new URL('../src/analysis/key-model-weights.ts', import.meta.url);
const NATURAL = { C: 0, D: 2, E: 4, F: 5, G: 7, A: 9, B: 11 };
const EPOCHS = 8;
const BATCH = 256;
const LEARNING_RATE = 0.01;
const L2 = 1e-5;

if (!existsSync(new URL('manifest.tsv', WIR))) {
  process.stderr.write('needs the When in Rome development set at ../shared/wir\n');
  process.exit(1);
}

function keyIndex(name) {
  try {
    const { tonic, mode } = parseKeyName(name);
    return (mode === 'minor' ? 12 : 0) + ((((NATURAL[tonic.step] + tonic.alter) % 12) + 12) % 12);
  } catch {
    return -1;
  }
}

function examplesOf(piece) {
  const folder = new URL(`${piece}/`, WIR);
  const scoreFile = existsSync(new URL('score.mxl', folder)) ? 'score.mxl' : 'score.xml';
  const score = readScore(readFileSync(new URL(scoreFile, folder)), scoreFile.endsWith('mxl') ? 'mxl' : 'musicxml').score;
  const human = placeOnScore(readRomanText(readFileSync(new URL('analysis.txt', folder), 'utf8')), score)
    .map((harmony) => ({ at: toNumber(harmony.offset), key: keyIndex(harmony.key) }))
    .sort((a, b) => a.at - b.at);
  const slots = harmonySlots(score);
  const byMeasure = signaturesByMeasure(score);
  const labels = [];
  let next = 0;
  let current;
  for (const slot of slots) {
    const at = toNumber(slot.start) + 1e-9;
    while (next < human.length && human[next].at <= at) current = human[next++];
    labels.push(current?.key ?? -1);
  }
  // the chords as analyzeHarmony first hears them (chord-match.ts), before any key is known
  return { slots, signatures: slots.map((slot) => byMeasure[slot.measureIndex]), chords: chooseChords(slots), labels };
}

const pieces = readFileSync(FOLDS, 'utf8').trim().split('\n').slice(1).map((line) => line.split('\t')).filter((row) => row[3] === 'tuning').map((row) => row[0]);
const training = [];
const heldOut = [];
pieces.forEach((piece, index) => (index % 10 === 9 ? heldOut : training).push(examplesOf(piece)));
const count = (set) => set.reduce((sum, data) => sum + data.labels.filter((label) => label >= 0).length, 0);
process.stdout.write(`${training.length} training pieces (${count(training)} slots), ${heldOut.length} held out (${count(heldOut)} slots)\n`);

const F = KEY_FEATURES_PER_TONIC;
const weights = [new Array(F).fill(0), new Array(F).fill(0)];
const firstMoment = new Float64Array(2 * F);
const secondMoment = new Float64Array(2 * F);
let step = 0;

function update(gradient, size) {
  step++;
  for (let index = 0; index < 2 * F; index++) {
    const row = weights[Math.floor(index / F)];
    const g = gradient[index] / size + L2 * row[index % F];
    firstMoment[index] = 0.9 * firstMoment[index] + 0.1 * g;
    secondMoment[index] = 0.999 * secondMoment[index] + 0.001 * g * g;
    row[index % F] -= (LEARNING_RATE * firstMoment[index]) / (1 - 0.9 ** step) / (Math.sqrt(secondMoment[index] / (1 - 0.999 ** step)) + 1e-8);
  }
}

function trainPiece(data) {
  const features = keyFeatures(data.slots, data.signatures, data.chords);
  let gradient = new Float64Array(2 * F);
  let size = 0;
  data.labels.forEach((label, index) => {
    if (label < 0) return;
    const probabilities = logSoftmax(keyLogits(features[index], weights)).map(Math.exp);
    const byTonic = Array.from({ length: 12 }, (_, tonic) => tonicFeatures(features[index], tonic));
    for (let key = 0; key < 24; key++) {
      const error = probabilities[key] - (key === label ? 1 : 0);
      const mode = Math.floor(key / 12) * F;
      for (let feature = 0; feature < F; feature++) gradient[mode + feature] += error * byTonic[key % 12][feature];
    }
    if (++size === BATCH) {
      update(gradient, size);
      gradient = new Float64Array(2 * F);
      size = 0;
    }
  });
  if (size > 0) update(gradient, size);
}

/** the model's slot accuracy (its best key alone, no HMM) and mean log-likelihood */
function measure(set) {
  let right = 0;
  let total = 0;
  let logLikelihood = 0;
  for (const data of set) {
    const features = keyFeatures(data.slots, data.signatures, data.chords);
    data.labels.forEach((label, index) => {
      if (label < 0) return;
      const scores = logSoftmax(keyLogits(features[index], weights));
      right += scores.indexOf(Math.max(...scores)) === label ? 1 : 0;
      logLikelihood += scores[label];
      total++;
    });
  }
  return `slot accuracy ${((100 * right) / total).toFixed(1)}%, mean log-likelihood ${(logLikelihood / total).toFixed(3)}`;
}

for (let epoch = 0; epoch < EPOCHS; epoch++) {
  // pieces in a fixed rotating order: each epoch starts elsewhere, so no piece always comes last
  for (let index = 0; index < training.length; index++) trainPiece(training[(index * 37 + epoch * 11) % training.length]);
  process.stdout.write(`epoch ${epoch + 1}: held out ${measure(heldOut)}\n`);
}
process.stdout.write(`training pieces: ${measure(training)}\n`);

const round = (value) => Math.round(value * 1e4) / 1e4;
writeFileSync(
  OUT,
  `/**
 * The local-key model's weights (key-model.ts): one row per mode (major, minor), one column per feature of
 * keyFeatures. Fitted by bench/harmony-key-fit.mjs on ${training.length} pieces of the tuning fold of the When in Rome
 * development set (${count(training)} labelled slots): generated, do not edit.
 */
export const KEY_MODEL: readonly (readonly number[])[] = ${JSON.stringify(weights.map((row) => row.map(round)))};
`,
);
