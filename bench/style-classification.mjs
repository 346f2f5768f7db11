/**
 * Style classification (npm run bench:style): 5-fold cross-validation of the classifier classify_style
 * ships, on the labelled passages of scripts/style-data.mjs (music21's corpus and, when present,
 * ../shared/wir's Mozart sonatas and Beethoven quartets), stratified by label and
 * grouped by work (no movement of a work is tested by a model trained on another). Reports accuracy against the
 * majority-class baseline, the confusion matrix, and calibration (expected calibration error and log
 * loss) before and after temperature scaling, the temperature fitted on the other half of the folds.
 * Needs music21's corpus: CADENZA_STYLE_CORPUS (default /work/m21src/music21/corpus). Writes the
 * "Style classification" section of bench/results.md.
 */
import { existsSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fitTemperature, logitsFor, softmax, trainSoftmax } from '../dist/corpus/style/softmax.js';
import { crossValidate, PASSAGE_MEASURES, PER_CLASS, styleDataset, TASKS, TRAIN_OPTIONS } from '../scripts/style-data.mjs';
import { writeSection } from './results-file.mjs';

const CORPUS = process.env.CADENZA_STYLE_CORPUS ?? '/work/m21src/music21/corpus';
if (!existsSync(CORPUS)) {
  console.error(`Style classification bench skipped: no corpus at ${CORPUS} (set CADENZA_STYLE_CORPUS to music21's corpus folder).`);
  process.exit(0);
}

const started = process.cpuUsage();
const dataset = await styleDataset(CORPUS, join(tmpdir(), 'cadenza-style-features.json'));
const sections = [];
const summary = [];
for (const task of TASKS) {
  const validated = crossValidate(dataset, task, trainSoftmax, logitsFor, TRAIN_OPTIONS);
  const { classes, labels, logits, rows, folds } = validated;
  const predicted = logits.map(argmax);
  const accuracy = mean(predicted.map((label, index) => (label === labels[index] ? 1 : 0)));
  const counts = classes.map((_, label) => labels.filter((truth) => truth === label).length);
  const baseline = Math.max(...counts) / labels.length;
  // temperature fitted on folds 0–2 and measured on 3–4, and the other way round
  const halves = [[0, 1, 2], [3, 4]];
  const calibrated = new Array(rows.length);
  for (const [fitOn, measureOn] of [halves, [...halves].reverse()]) {
    const fitRows = rows.flatMap((_, index) => (fitOn.includes(folds[index]) ? [index] : []));
    const temperature = fitTemperature(fitRows.map((index) => logits[index]), fitRows.map((index) => labels[index]));
    rows.forEach((_, index) => {
      if (measureOn.includes(folds[index])) calibrated[index] = softmax(logits[index].map((logit) => logit / temperature));
    });
  }
  const raw = logits.map((row) => softmax(row));
  const line = `${task}: ${pct(accuracy)} (baseline ${pct(baseline)})`;
  summary.push(line);
  console.log(line);
  sections.push(taskSection(task, validated, predicted, accuracy, baseline, raw, calibrated));
}
const used = process.cpuUsage(started);

const pieces = new Set(dataset.rows.map((row) => row.piece)).size;
const markdown = `## Style classification (npm run bench:style)

${new Date().toISOString().slice(0, 10)}, ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, Node ${process.version}. Command: \`npm run train:style && npm run bench:style\`
(train:style extracts the features once, ${dataset.cpuSeconds.toFixed(0)} s of CPU on 2 worker threads, and caches them; this bench then took ${((used.user + used.system) / 1e6).toFixed(0)} s of CPU).

**Data**: music21's corpus (public-domain editions)${dataset.settings.wir ? ", and from When in Rome's development set (../shared/wir) Mozart's piano sonatas and Beethoven's string quartets by movement (a work music21 also holds is read once, from When in Rome)" : ''}:
${dataset.rows.length} passages of up to ${PASSAGE_MEASURES} measures from ${pieces} pieces, at most ${PER_CLASS} passages per group, chosen by a seeded generator
(scripts/style-data.mjs). Groups with few long movements give several passages per movement; groups with many short pieces give one
passage of each of ${PER_CLASS} pieces. Folk = Essen tunes (ABC), one piece per tune. Trecento songs join the era and genre tasks only.
Haydn has only 9 movements (two quartets) in music21's corpus and none in ../shared/wir's scores (its op. 20 quartets are not among them), so
Haydn stays below the issue's 30 pieces per class; every other class has at least 30.

**Method**: ${dataset.featureNames.length} features (src/corpus/style/features.ts: scale degrees against the key found, melodic intervals
and contour bigrams, note values, off-beat attacks, meter, texture and ranges, harmony from analyze_harmony), standardised, one
multinomial logistic regression per task (L2 ${TRAIN_OPTIONS.l2}, ${TRAIN_OPTIONS.iterations} Adam steps; settings fixed before measuring,
none tuned on these folds). 5 folds stratified by label and **grouped by work**: every passage of every movement of a work (a quartet, a
sonata, a mass) is in the same fold, so a passage is never classified by a model that saw another movement of its work. Baseline: always
the most frequent class. Calibration: a temperature fitted on the out-of-fold logits of folds 0–2 and measured on folds 3–4 (and the reverse);
ECE with 10 bins.
Tried and not kept: 16 more features (root motions and functional pairs of successive chords; dotted figures, syncopations, the change of
activity from measure to measure, homorhythm), measured once on these same folds and data: composer 87.1%, era 99.5%, against 88.3% and
99.7% without them, so the shipped model keeps the ${dataset.featureNames.length}.

| Task | cross-validated accuracy | majority baseline |
|---|---:|---:|
${sections.map((section) => section.row).join('\n')}

${sections.map((section) => section.text).join('\n\n')}

**Published figures on comparable data**: Kempfert & Wong (2018, "Where does Haydn end and Mozart begin?", arXiv:1809.05075)
report leave-one-out accuracy above 85% for Haydn vs Mozart string-quartet movements (KernScores), higher than earlier work on that pair.
Jain, Smit & Yngesjö ("Analysis and classification of symbolic Western classical music") report 79% test accuracy among 15
composers of many eras (boosted trees over 1,494 features, whole MIDI pieces). Our Haydn-vs-Mozart figure above rests on 9 Haydn
movements and mixes Mozart's quartets with his sonatas, so it is not comparable; the six-way figures are easier than the pair, since
Bach, Palestrina and Monteverdi differ from the Classical three in genre and era as well as composer.
`;
writeSection('style-classification', markdown);
console.log(markdown);

function taskSection(task, { classes, labels, rows }, predicted, accuracy, baseline, raw, calibrated) {
  const matrix = classes.map(() => classes.map(() => 0));
  labels.forEach((truth, index) => matrix[truth][predicted[index]]++);
  const header = `| true \\ predicted | ${classes.join(' | ')} | recall |\n|---|${classes.map(() => '---:').join('|')}|---:|`;
  const body = classes
    .map((name, truth) => `| ${name} | ${matrix[truth].join(' | ')} | ${pct(matrix[truth][truth] / Math.max(1, matrix[truth].reduce((a, b) => a + b, 0)))} |`)
    .join('\n');
  const pieces = classes.map((name) => `${name} ${new Set(rows.filter((row) => row[task] === name).map((row) => row.piece)).size}/${rows.filter((row) => row[task] === name).length}`);
  let extra = '';
  if (task === 'composer') {
    const among = (names) => {
      // the argmax over these classes' probabilities, on their passages
      const ids = names.map((name) => classes.indexOf(name));
      const kept = labels.flatMap((truth, index) => (ids.includes(truth) ? [index] : []));
      const accuracy = mean(kept.map((index) => (ids[argmax(ids.map((id) => raw[index][id]))] === labels[index] ? 1 : 0)));
      return { accuracy, baseline: Math.max(...ids.map((id) => labels.filter((truth) => truth === id).length)) / kept.length };
    };
    const piecesOf = (name) => new Set(rows.filter((row) => row[task] === name).map((row) => row.piece)).size;
    const six = among(classes.filter((name) => !name.startsWith('folk')));
    const enough = classes.filter((name) => piecesOf(name) >= 30);
    const thirty = among(enough);
    const pair = among(['Haydn', 'Mozart']);
    summary.push(`composer among six: ${pct(six.accuracy)}; among the ${enough.length} classes with ≥ 30 pieces: ${pct(thirty.accuracy)}`);
    const trio = ['Haydn', 'Mozart', 'Beethoven'].map((name) => classes.indexOf(name));
    const errors = labels.flatMap((truth, index) => (predicted[index] !== truth ? [index] : []));
    const within = errors.filter((index) => trio.includes(labels[index]) && trio.includes(predicted[index])).length;
    extra = `
Among the six composers (folk passages left out, the argmax over the six): **${pct(six.accuracy)}** (baseline ${pct(six.baseline)}); goal ≥ 90%.
Among the ${enough.length} classes with at least 30 pieces each, as the issue asks of its labelled set (${enough.join(', ')}; Haydn, with ${piecesOf('Haydn')}, left out):
**${pct(thirty.accuracy)}** (baseline ${pct(thirty.baseline)}). Haydn vs Mozart alone (their passages, the larger of the two probabilities): ${pct(pair.accuracy)}.
${within} of the ${errors.length} errors confuse Haydn, Mozart and Beethoven with one another. Two thirds of Mozart's movements are piano
sonatas and all of Beethoven's are quartets, so texture, not only the composer, helps tell those two apart.`;
  }
  return {
    row: `| ${task} (${classes.length} classes) | **${pct(accuracy)}** | ${pct(baseline)} |`,
    text: `### ${task[0].toUpperCase()}${task.slice(1)}

Pieces/passages per class: ${pieces.join(', ')}. Accuracy ${pct(accuracy)}, baseline ${pct(baseline)}.
Calibration: ECE ${ece(raw, labels).toFixed(3)} and log loss ${logLoss(raw, labels).toFixed(3)} before, ECE ${ece(calibrated, labels).toFixed(3)} and log loss ${logLoss(calibrated, labels).toFixed(3)} after temperature scaling.${extra}

${header}
${body}`,
  };
}

function ece(probabilities, labels, bins = 10) {
  const totals = Array.from({ length: bins }, () => ({ count: 0, confidence: 0, correct: 0 }));
  probabilities.forEach((row, index) => {
    const label = argmax(row);
    const bin = totals[Math.min(bins - 1, Math.floor(row[label] * bins))];
    bin.count++;
    bin.confidence += row[label];
    bin.correct += label === labels[index] ? 1 : 0;
  });
  return totals.reduce((sum, bin) => sum + (bin.count ? Math.abs(bin.confidence - bin.correct) : 0), 0) / probabilities.length;
}

function logLoss(probabilities, labels) {
  return mean(probabilities.map((row, index) => -Math.log(Math.max(1e-12, row[labels[index]]))));
}

function argmax(values) {
  return values.indexOf(Math.max(...values));
}

function mean(values) {
  return values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
}

function pct(value) {
  return `${(value * 100).toFixed(1)}%`;
}
