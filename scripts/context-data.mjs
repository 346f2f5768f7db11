/**
 * The examples and choices of the context chord model (src/suggest/context-model.ts), for
 * scripts/train-continuation.mjs: every chord change of the given pieces with its features, the feature
 * and class tables, the choice of epochs and mixing weight on an inner split of the training pieces, and
 * the shipped model. The held-out pieces never come here.
 */
import { contextFeatures, mixture, classProbabilities } from '../dist/suggest/context-model.js';
import { nextChords, trainChordNgram } from '../dist/suggest/chord-ngram.js';
import { CONTINUATION_STYLES, isHeldOut } from './continuation-data.mjs';
import { quantized, trainNetwork } from './context-trainer.mjs';
import { mulberry32 } from './style-data.mjs';

/** a feature must be seen this often in training to get a row; a figure this often to be a class of its own */
const MINIMUM_FEATURE = 5;
const MINIMUM_CLASS = 40;
const HIDDEN = 48;
const MAXIMUM_EPOCHS = 8;
const MIXES = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];
const SEED = 20261208;

export const styleOf = (group) => Object.entries(CONTINUATION_STYLES).find(([, groups]) => groups.includes(group))[0];

/** contextPoints(pieces) → every change with a context: { figures (the 3 before), truth, context, style } */
export function contextPoints(pieces) {
  return pieces.flatMap((piece) =>
    piece.figures.flatMap((truth, index) => (index > 0 && piece.contexts[index] ? [{ figures: piece.figures.slice(Math.max(0, index - 3), index), truth, context: piece.contexts[index], style: styleOf(piece.group) }] : [])),
  );
}

/**
 * fitNetwork(points, { epochs, afterEpoch }) → { features, classes, network }: the tables from the points and
 * the network trained on them; half the examples (seeded) carry their style, so the network serves "any" too
 */
function fitNetwork(points, epochs, afterEpoch) {
  const random = mulberry32(SEED);
  const described = points.map((point) => ({ features: contextFeatures(point.figures, point.context, random() < 0.5 ? point.style : undefined), truth: point.truth }));
  const features = frequent(described.flatMap((example) => example.features), MINIMUM_FEATURE);
  const classes = [...frequent(described.map((example) => example.truth), MINIMUM_CLASS), ''];
  const row = new Map(features.map((feature, index) => [feature, index]));
  const label = new Map(classes.map((figure, index) => [figure, index]));
  const examples = described.map((example) => ({ features: example.features.flatMap((feature) => (row.has(feature) ? [row.get(feature)] : [])), label: label.get(example.truth) ?? classes.length - 1 }));
  const network = trainNetwork({ examples, featureCount: features.length, classCount: classes.length, hidden: HIDDEN, epochs, seed: SEED, afterEpoch: afterEpoch && ((epoch, weights) => afterEpoch(epoch, networkOf(features, classes, weights))) });
  return { features, classes, network: networkOf(features, classes, network) };
}

/** the network as context-model.ts reads it, from float weights */
function networkOf(features, classes, { embedding, output }) {
  return { index: new Map(features.map((feature, row) => [feature, row])), classes, hidden: HIDDEN, embedding, output, mix: 1 };
}

/** the values seen at least `minimum` times, most frequent first (ties by name) */
function frequent(values, minimum) {
  const counts = new Map();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].filter(([, count]) => count >= minimum).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([value]) => value);
}

/**
 * chooseContextModel(training pieces, n-gram order, its minimum count) → { epochs, mix, innerPoints, topThreeNgramAlone, topThreeChosen }: the pass count and mixing weight
 * with the best top-3 on an inner split (one training piece in five by a second hash), as chooseOrder does
 */
export function chooseContextModel(pieces, order, minimumCount) {
  const inner = (piece) => isHeldOut(`inner:${piece.piece}`);
  const fit = pieces.filter((piece) => !inner(piece));
  const ngram = trainChordNgram(fit.map((piece) => piece.figures), order, minimumCount);
  const all = contextPoints(pieces.filter(inner));
  const sample = all.filter((_, index) => index % Math.max(1, Math.floor(all.length / 3000)) === 0);
  const fromNgram = sample.map((point) => nextChords(ngram, point.figures, Infinity));
  const results = [];
  fitNetwork(contextPoints(fit), MAXIMUM_EPOCHS, (epoch, network) => {
    const named = sample.map((point) => classProbabilities(network, contextFeatures(point.figures, point.context, undefined)));
    const byMix = MIXES.map((mix) => sample.filter((point, index) => rankOf(mixture(network.classes, named[index], fromNgram[index], mix), point.truth) < 3).length / sample.length);
    byMix.forEach((value, index) => results.push({ epochs: epoch, mix: MIXES[index], topThree: Math.round(value * 1000) / 10 }));
    console.log(`inner split, pass ${epoch}: top-3 % by mix ${byMix.map((value, index) => `${MIXES[index]}: ${(value * 100).toFixed(1)}`).join(', ')}`);
  });
  const best = results.reduce((a, b) => (b.topThree > a.topThree ? b : a));
  return { epochs: best.epochs, mix: best.mix, innerPoints: sample.length, topThreeNgramAlone: results.find((entry) => entry.mix === 0).topThree, topThreeChosen: best.topThree };
}

/** where a figure ranks in a distribution (0 the likeliest), Infinity when absent */
function rankOf(distribution, truth) {
  const probability = distribution.get(truth);
  if (probability === undefined) return Infinity;
  let above = 0;
  for (const [figure, value] of distribution) if (value > probability || (value === probability && figure < truth)) above++;
  return above;
}

/** shippedContextModel(training pieces, choice) → the ContextChordModel of context-model.ts, trained on all of them */
export function shippedContextModel(pieces, choice) {
  const { features, classes, network } = fitNetwork(contextPoints(pieces), choice.epochs);
  const embedding = quantized(network.embedding, HIDDEN);
  const output = quantized(network.output, classes.length);
  return { features, classes, hidden: HIDDEN, embedding: embedding.base64, embeddingScale: embedding.scales, output: output.base64, outputScale: output.scales, mix: choice.mix };
}
