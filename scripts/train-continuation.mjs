/**
 * Trains the models suggest_continuation ships (npm run train:continuation): one chord n-gram model per
 * style (and "any", from all of them; the order chosen on the training pieces alone) on the training pieces of scripts/continuation-data.mjs —
 * analyze_harmony's numerals over music21's corpus, the held-out fifth of the pieces never seen — and one
 * melodic-interval trigram model per style over the pieces' top lines, and the context chord model
 * (src/suggest/context-model.ts) for a point of a score; writes them with their provenance to
 * src/suggest/chord-models.ts, melody-models.ts and context-models.ts. Needs music21's corpus:
 * CADENZA_STYLE_CORPUS (default /work/m21src/music21/corpus). Deterministic.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nextChords, trainChordNgram } from '../dist/suggest/chord-ngram.js';
import { chooseContextModel, shippedContextModel } from './context-data.mjs';
import { CONTINUATION_STYLES, isHeldOut, MELODY_STYLES, melodies, progressions } from './continuation-data.mjs';
import { modelModule } from './model-module.mjs';

const CORPUS = process.env.CADENZA_STYLE_CORPUS ?? '/work/m21src/music21/corpus';
const OUT = new URL('../src/suggest/chord-models.ts', import.meta.url);
const MELODY_OUT = new URL('../src/suggest/melody-models.ts', import.meta.url);
const CONTEXT_OUT = new URL('../src/suggest/context-models.ts', import.meta.url);
/** a context must have been seen this often to be kept (the unigrams are all kept): keeps the file small */
export const MINIMUM_COUNT = 2;

if (!existsSync(CORPUS)) {
  console.error(`No corpus at ${CORPUS}: set CADENZA_STYLE_CORPUS to music21's corpus folder.`);
  process.exit(1);
}
const pieces = await progressions(CORPUS, join(tmpdir(), 'cadenza-continuation.json'));
const training = pieces.filter((piece) => !piece.heldOut);
const styles = { any: Object.values(CONTINUATION_STYLES).flat(), ...CONTINUATION_STYLES };
const orderChoice = chooseOrder(training);
const models = {};
const counts = {};
for (const [style, groups] of Object.entries(styles)) {
  const chosen = training.filter((piece) => groups.includes(piece.group));
  models[style] = trainChordNgram(chosen.map((piece) => piece.figures), orderChoice.order, MINIMUM_COUNT);
  counts[style] = { pieces: chosen.length, chords: chosen.reduce((sum, piece) => sum + piece.figures.length, 0) };
}
const provenance = {
  trainedBy: 'scripts/train-continuation.mjs (npm run train:continuation)',
  data: "analyze_harmony's roman numerals over music21's corpus (public-domain editions, BSD-3 distribution); 4/5 of the pieces, split by a hash of their path",
  styles: Object.fromEntries(Object.entries(styles).map(([style, groups]) => [style, groups.join(', ')])),
  counts,
  orderChoice,
};
writeFileSync(
  OUT,
  modelModule({
    about: ` * The chord models of suggest_continuation, trained by scripts/train-continuation.mjs: generated, do not
 * edit. One chord n-gram model per style (its order chosen on the training pieces alone: see chooseOrder);
 * CHORD_MODEL_PROVENANCE says what each learned from.`,
    modelType: 'ChordNgramModel',
    prefix: 'CHORD',
    accessor: 'chordModels',
    provenance,
    models,
  }),
);
console.log(`wrote ${OUT.pathname}: ${Object.entries(counts).map(([style, count]) => `${style} ${count.pieces} pieces`).join(', ')}`);

// the chord model for a point of a score: a network over the chords and the score's context, mixed with the n-gram
const contextChoice = chooseContextModel(training, orderChoice.order, MINIMUM_COUNT);
const contextModel = shippedContextModel(training, contextChoice);
writeFileSync(
  CONTEXT_OUT,
  modelModule({
    about: ` * The context chord model of suggest_continuation (context-model.ts), trained by scripts/train-continuation.mjs:
 * generated, do not edit. Its passes over the data and its weight against the n-gram were chosen on the
 * training pieces alone; CONTEXT_MODEL_PROVENANCE says what it learned from.`,
    modelType: 'ContextChordModel',
    typeFrom: './context-model.js',
    prefix: 'CONTEXT',
    accessor: 'contextModels',
    provenance: { ...provenance, counts: { chordChanges: training.reduce((sum, piece) => sum + piece.figures.length - 1, 0) }, choice: contextChoice, features: contextModel.features.length, classes: contextModel.classes.length },
    models: { any: contextModel },
  }),
);
console.log(`wrote ${CONTEXT_OUT.pathname}: ${contextModel.features.length} features, ${contextModel.classes.length} classes, ${contextChoice.epochs} passes, mix ${contextChoice.mix}`);

// melodies: interval trigrams (semitones, as strings) over each piece's top line
const lines = (await melodies(CORPUS, join(tmpdir(), 'cadenza-melodies.json'))).filter((piece) => !piece.heldOut);
const melodyModels = {};
const melodyCounts = {};
for (const [style, groups] of Object.entries(MELODY_STYLES)) {
  const chosen = lines.filter((piece) => groups.includes(piece.group));
  melodyModels[style] = trainChordNgram(chosen.map((piece) => piece.intervals.map(String)), 3, MINIMUM_COUNT);
  melodyCounts[style] = { pieces: chosen.length, notes: chosen.reduce((sum, piece) => sum + piece.intervals.length + 1, 0) };
}
const melodyProvenance = {
  trainedBy: 'scripts/train-continuation.mjs (npm run train:continuation)',
  data: "the top line of each piece of music21's corpus (public-domain editions, BSD-3 distribution); 4/5 of the pieces, split by a hash of their path",
  styles: Object.fromEntries(Object.entries(MELODY_STYLES).map(([style, groups]) => [style, groups.join(', ')])),
  counts: melodyCounts,
};
writeFileSync(
  MELODY_OUT,
  modelModule({
    about: ` * The melody models of suggest_continuation, trained by scripts/train-continuation.mjs: generated, do not
 * edit. One trigram model per style over melodic intervals in semitones ("2" a step up, "-1" a half step down).`,
    modelType: 'ChordNgramModel',
    prefix: 'MELODY',
    accessor: 'melodyModels',
    provenance: melodyProvenance,
    models: melodyModels,
  }),
);
console.log(`wrote ${MELODY_OUT.pathname}: ${Object.entries(melodyCounts).map(([style, count]) => `${style} ${count.pieces} pieces`).join(', ')}`);

/**
 * chooseOrder(training) → the n-gram order (2–5) with the best top-3, the smallest within half a point of
 * it, on an inner split of the training pieces (one in five by a second hash; the held-out pieces are never
 * looked at), with the figures it was chosen on.
 */
function chooseOrder(pieces) {
  const inner = (piece) => isHeldOut(`inner:${piece.piece}`);
  const fit = pieces.filter((piece) => !inner(piece)).map((piece) => piece.figures);
  const points = pieces.filter(inner).flatMap((piece) => piece.figures.slice(1).map((_, index) => ({ figures: piece.figures, index: index + 1 })));
  const sample = points.filter((_, index) => index % Math.max(1, Math.floor(points.length / 3000)) === 0);
  const topThree = {};
  for (const order of [2, 3, 4, 5]) {
    const model = trainChordNgram(fit, order, MINIMUM_COUNT);
    const hits = sample.filter(({ figures, index }) => nextChords(model, figures.slice(Math.max(0, index - order + 1), index), 3).some((entry) => entry.figure === figures[index]));
    topThree[order] = Math.round((hits.length / sample.length) * 1000) / 10;
  }
  // the smallest order within half a point of the best: a longer context that does not predict better only makes the file larger
  const best = Math.max(...Object.values(topThree));
  const order = Math.min(...Object.entries(topThree).filter(([, value]) => value >= best - 0.5).map(([key]) => Number(key)));
  console.log(`order chosen on ${sample.length} inner points: top-3 % by order ${JSON.stringify(topThree)} → ${order}`);
  return { order, innerPoints: sample.length, topThreePercentByOrder: topThree };
}
