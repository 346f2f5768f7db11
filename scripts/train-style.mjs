/**
 * Trains the style classifier Cadenza ships (npm run train:style): three softmax models (composer, era,
 * genre) on the labelled passages of scripts/style-data.mjs, each calibrated with the temperature that
 * best fits its 5-fold out-of-fold logits, and writes them with their provenance to
 * src/corpus/style/style-models.ts. Needs music21's corpus: CADENZA_STYLE_CORPUS (default
 * /work/m21src/music21/corpus), and uses When in Rome's development set when present (CADENZA_WIR, default
 * /work/shared/wir; see scripts/style-data.mjs). Deterministic: the same data gives the same file.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fitTemperature, logitsFor, trainSoftmax } from '../dist/corpus/style/softmax.js';
import { crossValidate, PASSAGE_MEASURES, styleDataset, TASKS, TRAIN_OPTIONS } from './style-data.mjs';

const CORPUS = process.env.CADENZA_STYLE_CORPUS ?? '/work/m21src/music21/corpus';
const OUT = new URL('../src/corpus/style/style-models.ts', import.meta.url);

if (!existsSync(CORPUS)) {
  console.error(`No corpus at ${CORPUS}: set CADENZA_STYLE_CORPUS to music21's corpus folder (github.com/cuthbertLab/music21, music21/corpus).`);
  process.exit(1);
}
const dataset = await styleDataset(CORPUS, join(tmpdir(), 'cadenza-style-features.json'));
const models = {};
const counts = {};
for (const task of TASKS) {
  const validated = crossValidate(dataset, task, trainSoftmax, logitsFor, TRAIN_OPTIONS);
  const model = trainSoftmax(validated.rows.map((row) => row.features), validated.labels, validated.classes, dataset.featureNames, TRAIN_OPTIONS);
  models[task] = { ...model, temperature: fitTemperature(validated.logits, validated.labels), weights: model.weights.map(rounded), bias: rounded(model.bias), mean: rounded(model.mean), scale: rounded(model.scale) };
  counts[task] = Object.fromEntries(validated.classes.map((label) => {
    const rows = validated.rows.filter((row) => row[task] === label);
    return [label, { pieces: new Set(rows.map((row) => row.piece)).size, passages: rows.length }];
  }));
}
const provenance = {
  trainedBy: 'scripts/train-style.mjs (npm run train:style)',
  data:
    "music21's corpus (github.com/cuthbertLab/music21, music21/corpus; public-domain editions, BSD-3 distribution)" +
    (dataset.settings.wir ? "; Mozart's piano sonatas and Beethoven's string quartets from When in Rome (github.com/MarkGotham/When-in-Rome, scores as listed in its README), by movement" : ''),
  music21Version: music21Version(),
  passages: `up to ${PASSAGE_MEASURES} measures each; see scripts/style-data.mjs for the groups and the seeded choice`,
  counts,
};
const header = `/**
 * The style classifier's models, trained by scripts/train-style.mjs (see its data below): generated, do
 * not edit. One softmax model per task over STYLE_FEATURE_NAMES (features.ts), with its calibration
 * temperature; STYLE_MODEL_PROVENANCE says what each was trained on.
 */
import type { SoftmaxModel } from './softmax.js';

`;
const body = `export const STYLE_MODEL_PROVENANCE = ${JSON.stringify(provenance, null, 2)} as const;

export const STYLE_MODELS: Readonly<Record<'composer' | 'era' | 'genre', SoftmaxModel>> = ${JSON.stringify(models)};
`;
writeFileSync(OUT, header + body);
console.log(`wrote ${OUT.pathname}: ${TASKS.map((task) => `${task} ${models[task].classes.length} classes, temperature ${models[task].temperature}`).join('; ')}`);

function rounded(values) {
  return values.map((value) => Math.round(value * 10000) / 10000);
}

function music21Version() {
  const file = join(CORPUS, '..', '_version.py');
  return existsSync(file) ? (/__version__\s*=\s*'([^']+)'/.exec(readFileSync(file, 'utf8'))?.[1] ?? 'unknown') : 'unknown';
}
