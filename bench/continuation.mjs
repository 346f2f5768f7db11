/**
 * Chord continuation (npm run bench:continuation): 500 points sampled (seeded) from the held-out fifth of
 * the pieces in scripts/continuation-data.mjs, none seen in training; at each, the chords before it (as
 * many as the model's order reads) are the context and the chord analyze_harmony found next is the truth.
 * Reports top-1 and top-3 of the shipped models ("any", and the piece's own style), exactly, by chord
 * without inversion and by root and triad quality (seventh and inversion left out), against
 * the most-frequent-chord baseline, and what the voice-leading check does to top-3.
 * Needs the cache that `npm run train:continuation` makes from music21's corpus. Writes the
 * "Chord continuation" section of bench/results.md.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHORD_MODEL_PROVENANCE, chordModels } from '../dist/suggest/chord-models.js';
import { nextChords } from '../dist/suggest/chord-ngram.js';
import { rankedChords, suggestChords } from '../dist/suggest/continuation.js';
import { CONTEXT_MODEL_PROVENANCE, contextModels } from '../dist/suggest/context-models.js';
import { genericFigure } from '../dist/corpus/corpus-index.js';
import { parseHarmonizerKey } from '../dist/generate/harmonize/melody.js';
import { CONTINUATION_STYLES } from '../scripts/continuation-data.mjs';
import { mulberry32 } from '../scripts/style-data.mjs';
import { readRomanText } from '../dist/formats/romantext/read.js';
import { trainChordNgram } from '../dist/suggest/chord-ngram.js';
import { melodyModels } from '../dist/suggest/melody-models.js';
import { writeSection } from './results-file.mjs';

const CHORD_MODELS = chordModels();
const MELODY_MODELS = melodyModels();

const CACHE = join(tmpdir(), 'cadenza-continuation.json');
const LOAD = loadavg()[0].toFixed(0);
const POINTS = 500;
if (!existsSync(CACHE)) {
  console.error(`Chord continuation bench skipped: no ${CACHE}; run npm run train:continuation first (it needs music21's corpus).`);
  process.exit(0);
}
const pieces = JSON.parse(readFileSync(CACHE, 'utf8'));
const heldOut = pieces.filter((piece) => piece.heldOut);
const positions = heldOut.flatMap((piece) => piece.figures.slice(1).map((_, index) => ({ piece, index: index + 1 })));
const random = mulberry32(20261207);
const points = Array.from({ length: POINTS }, () => positions[Math.floor(random() * positions.length)]);
/** the chords before a point the models read: as many as their order allows */
const CONTEXT = CHORD_MODELS.any.order - 1;
const styleOf = (group) => Object.entries(CONTINUATION_STYLES).find(([, groups]) => groups.includes(group))[0];

// the first ranking in context parses and decodes the shipped network
const loadStarted = process.cpuUsage();
rankedChords(['I'], 'any', 3, { mode: 'major', pointBeat: '1', chordBeat: '1', duration: 1, fermata: false, soprano: [0], bass: [0] });
const firstUse = process.cpuUsage(loadStarted);
const firstUseCpu = firstUse.user + firstUse.system;
const started = process.cpuUsage();
const tally = (name) => ({ name, top1: 0, top3: 0, generic1: 0, generic3: 0, triad1: 0, triad3: 0 });
const rows = { any: tally('n-gram "any"'), own: tally("n-gram of the piece's style"), baseline: tally('most frequent chord (baseline)'), checked: tally('n-gram "any", after the voice-leading check (top 3 offered)') };
const inContext = { any: tally('context model "any"'), own: tally("context model, the piece's style"), checked: tally('context model "any", after the voice-leading check (top 3 offered)') };
/** the chords before a point the context model reads */
const NETWORK_CONTEXT = 3;
let contextCpu = 0;
const unigrams = [...CHORD_MODELS.any.followers[''] ?? []].map(([id]) => CHORD_MODELS.any.vocabulary[id]);
let unvoiced = 0;
let setAside = 0;
for (const { piece, index } of points) {
  const context = piece.figures.slice(Math.max(0, index - CONTEXT), index);
  const truth = piece.figures[index];
  score(rows.any, nextChords(CHORD_MODELS.any, context, 200), truth);
  score(rows.own, nextChords(CHORD_MODELS[styleOf(piece.group)], context, 200), truth);
  score(rows.baseline, unigrams.map((figure) => ({ figure, probability: 0 })), truth);
  const checked = suggestChords(context, { style: 'any', key: parseHarmonizerKey(piece.keys[index - 1]), count: 3, seed: 1 });
  unvoiced += checked.offered.filter((entry) => !entry.check.voiced).length;
  setAside += checked.setAside.length;
  score(rows.checked, checked.offered, truth);
  // the same point with what the score says there (the chords as far back as the network reads)
  const contextStarted = process.cpuUsage();
  const figures = piece.figures.slice(Math.max(0, index - NETWORK_CONTEXT), index);
  const scoreContext = piece.contexts[index];
  score(inContext.any, rankedChords(figures, 'any', 200, scoreContext), truth);
  score(inContext.own, rankedChords(figures, styleOf(piece.group), 200, scoreContext), truth);
  score(inContext.checked, suggestChords(figures, { style: 'any', key: parseHarmonizerKey(piece.keys[index - 1]), count: 3, seed: 1, scoreContext }).offered, truth);
  const spent = process.cpuUsage(contextStarted);
  contextCpu += spent.user + spent.system;
}
const used = process.cpuUsage(started);

/** where the goal stands, from the top-3 columns of the context model "any" */
function verdict() {
  const [exact, chord, triad] = [inContext.any.top3, inContext.any.generic3, inContext.any.triad3].map((count) => (count / POINTS) * 100);
  const reached = [['exact', exact], ['chord', chord], ['root & quality', triad]].filter(([, value]) => value >= 70).map(([name]) => name);
  return reached.length === 3 ? 'reached at all three label sets' : reached.length ? `reached with score context by ${reached.join(' and ')} labels, not exactly (${exact.toFixed(1)}%)` : `not reached at any label set (best ${triad.toFixed(1)}%, root & quality)`;
}

function kilobytes(path) {
  return Math.round(statSync(new URL(path, import.meta.url)).size / 1000);
}

function score(row, ranked, truth) {
  const figures = ranked.map((entry) => entry.figure);
  if (figures[0] === truth) row.top1++;
  if (figures.slice(0, 3).includes(truth)) row.top3++;
  // by chord without inversion: probabilities of "V", "V6", "V64" summed as "V"
  const generic = coarser(ranked, genericFigure);
  if (generic[0] === genericFigure(truth)) row.generic1++;
  if (generic.slice(0, 3).includes(genericFigure(truth))) row.generic3++;
  // by root and triad quality: "V7", "V65", "V" summed as "V"
  const triads = coarser(ranked, triadFigure);
  if (triads[0] === triadFigure(truth)) row.triad1++;
  if (triads.slice(0, 3).includes(triadFigure(truth))) row.triad3++;
}

/** the ranking of coarser labels, each with the summed probability of the figures it stands for */
function coarser(ranked, labelOf) {
  const summed = new Map();
  for (const entry of ranked) summed.set(labelOf(entry.figure), (summed.get(labelOf(entry.figure)) ?? 0) + (entry.probability || 1 / (1 + summed.size)));
  return [...summed].sort((a, b) => b[1] - a[1]).map(([figure]) => figure);
}

/** triadFigure("V65/V") → "V/V", "viiø7" → "viio": the root numeral and triad quality, seventh and inversion left out */
function triadFigure(figure) {
  return genericFigure(figure).replace(/^([b#]?[ivIV]+[o+ø]?)7/, '$1').replace('ø', 'o');
}

const pct = (count) => `${((count / POINTS) * 100).toFixed(1)}%`;
const table = (entries) => `| Ranking | top-1 exact | top-3 exact | top-1 chord | top-3 chord | top-1 root & quality | top-3 root & quality |
|---|---:|---:|---:|---:|---:|---:|
${entries.map((row) => `| ${row.name} | ${pct(row.top1)} | ${pct(row.top3)} | ${pct(row.generic1)} | ${pct(row.generic3)} | ${pct(row.triad1)} | ${pct(row.triad3)} |`).join('\n')}`;
const human = humanAnalyses();
const melodic = melodicTest();
const trainedPieces = pieces.length - heldOut.length;
const markdown = `## Chord continuation (npm run bench:continuation)

${new Date().toISOString().slice(0, 10)}, ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, Node ${process.version}. Command: \`npm run train:continuation && npm run bench:continuation\` (${((used.user + used.system) / 1e6).toFixed(0)} s of CPU for the ${POINTS} points).
The machine was shared with other sessions (load average ${LOAD} on ${cpus().length} cores at the start), so only CPU times are given.

**Data**: analyze_harmony's roman numerals (local keys; a repeated numeral counted once) over the pieces in several voices of music21's
corpus: Bach chorales, Haydn, Mozart and Beethoven quartets, Monteverdi madrigals, Palestrina masses (${pieces.length} pieces). A hash of each
path holds out one piece in five (${heldOut.length} pieces, ${positions.length} chord changes); the shipped models learned from the other ${trainedPieces}.
**Model**: Witten–Bell interpolated ${CHORD_MODELS.any.order}-grams over the figures. The order was chosen by scripts/train-continuation.mjs on an inner
split of the training pieces alone (${CHORD_MODEL_PROVENANCE.orderChoice.innerPoints} points; the smallest order within half a point of the best top-3): top-3 by order
${Object.entries(CHORD_MODEL_PROVENANCE.orderChoice.topThreePercentByOrder).map(([order, value]) => `${order}: ${value}%`).join(', ')}. (An interpolated Kneser–Ney variant, tried once in a prototype on the same inner split and not kept, was within
0.5 points of Witten–Bell at every order, better at none by more than that.)
**Test**: ${POINTS} points sampled (seeded) from the held-out pieces; the context is the ${CONTEXT} chords before the point, the truth the chord
analyze_harmony found there. The truth is machine analysis, not a human's: this measures how well the model predicts the chords
Cadenza's own analysis finds in unseen music. Three label sets: "exact" counts inversions and sevenths ("V6" ≠ "V", "V7" ≠ "V");
"chord" sums the probabilities of a chord's inversions ("V6" = "V", "V65" = "V7"); "root & quality" sums over inversions and sevenths
too ("V65" = "V7" = "V", "viiø7" = "viio"): the coarsest label that still names a roman numeral.

**Context model** (at a point of a score): a network with one hidden layer of ${contextModels().any.hidden} units over a bag of sparse features (src/suggest/context-model.ts),
softmax over the ${CONTEXT_MODEL_PROVENANCE.classes - 1} figures seen ≥ 40 times and "any other", mixed with the n-gram (which shares out "any other"). Its features,
all from before the point (src/suggest/score-context.ts): the last three numerals, the key's mode, the point's place in the bar and the
last chord's, the last chord's length and whether a fermata fell in it, the last two notes of the top and of the lowest line as degrees
of the key, and their pairings with the last numeral (${CONTEXT_MODEL_PROVENANCE.features} features seen ≥ 5 times); half the training examples carry their
style, so "any" is the model without it. Trained by plain SGD (scripts/context-trainer.mjs); the number of passes and its weight against
the n-gram were chosen on the inner split alone (${CONTEXT_MODEL_PROVENANCE.choice.innerPoints} points): ${CONTEXT_MODEL_PROVENANCE.choice.epochs} passes, weight ${CONTEXT_MODEL_PROVENANCE.choice.mix}, inner top-3 ${CONTEXT_MODEL_PROVENANCE.choice.topThreeChosen}%
against ${CONTEXT_MODEL_PROVENANCE.choice.topThreeNgramAlone}% for the n-gram alone. Shipped as int8 weights in base64 in src/suggest/context-models.ts (${kilobytes('../src/suggest/context-models.ts')} kB, beside
${kilobytes('../src/suggest/chord-models.ts')} kB of n-grams), parsed and decoded on first use (${(firstUseCpu / 1000).toFixed(0)} ms of CPU); ${(contextCpu / 1e3 / (POINTS * 3)).toFixed(1)} ms of CPU per ranking
in context (its three rankings of a point, the voice-leading check included).
The test's point is where the next chord begins, so the model knows when a change comes (its place in the bar, the last chord's length),
not what comes; called at a measure of a score, the tool's point is that measure's downbeat.

${table([rows.baseline, rows.any, rows.own, rows.checked, inContext.any, inContext.own, inContext.checked])}

The first rows have the chords alone (a bare progression: suggest_continuation uses the n-gram), the last three the score too (the tool
called with \`id\` and \`at\`). Goal: the true next chord in the top 3 for ≥ 70% of the points: ${verdict()}. The voice-leading check wrote out ${POINTS * 3 - unvoiced} of the ${POINTS * 3} chords
the n-gram offered (the others are chromatic chords the harmonizer has no voicing for, offered unchecked and marked so) and set aside
${setAside} likely chords whose best voicing after the chord before still had a finding.
`;
writeSection('chord-continuation', markdown + (human ?? '\nHuman analyses: ../shared/wir is missing, so the second test was not run.\n') + melodic);
console.log(markdown, human ?? '', melodic);

/**
 * The same test against human analyses: When in Rome's RomanText in ../shared/wir (bench/harmony-folds.tsv),
 * a model trained on the tuning fold's analyses, 500 points of the validation fold (run once, nothing tuned on it).
 */
function humanAnalyses() {
  const wir = new URL('../../shared/wir/', import.meta.url);
  if (!existsSync(wir)) return undefined;
  const folds = readFileSync(new URL('./harmony-folds.tsv', import.meta.url), 'utf8').trim().split('\n').slice(1).map((line) => line.split('\t'));
  // "V6/5" is written "V65" by analyze_harmony; "[no3]" omissions are dropped; a repeated figure is kept once
  const normal = (figure) => figure.replace(/\[.*?\]/g, '').replace(/(\d)\/(\d)/g, '$1$2');
  const sequences = { tuning: [], validation: [] };
  for (const [piece, , , fold] of folds) {
    const figures = [];
    for (const harmony of readRomanText(readFileSync(new URL(`${piece}/analysis.txt`, wir), 'utf8')).harmonies) {
      const figure = normal(harmony.figure);
      if (figures.at(-1) !== figure) figures.push(figure);
    }
    sequences[fold].push(figures);
  }
  const model = trainChordNgram(sequences.tuning, CHORD_MODELS.any.order, 1);
  const held = sequences.validation.flatMap((figures) => figures.slice(1).map((_, index) => ({ figures, index: index + 1 })));
  const draw = mulberry32(20261208);
  const row = tally(`${CHORD_MODELS.any.order}-grams of the tuning fold's human analyses`);
  const corpusRow = tally('shipped model "any" (analyze_harmony over music21\'s corpus)');
  const base = tally('most frequent chord of the tuning fold (baseline)');
  const frequent = [...model.followers['']].map(([id]) => model.vocabulary[id]);
  for (let i = 0; i < POINTS; i++) {
    const { figures, index } = held[Math.floor(draw() * held.length)];
    const context = figures.slice(Math.max(0, index - CONTEXT), index);
    score(row, nextChords(model, context, 200), figures[index]);
    score(corpusRow, nextChords(CHORD_MODELS.any, context, 200), figures[index]);
    score(base, frequent.map((figure) => ({ figure, probability: 0 })), figures[index]);
  }
  return `
**Against human analyses** (needs ../shared/wir): When in Rome's analyses, ${sequences.tuning.length} pieces of the tuning fold to learn from,
${POINTS} points of the ${sequences.validation.length} validation-fold pieces to test on (the context the ${CONTEXT} chords before, as above).

${table([row, corpusRow, base])}

This table reads the chords alone (the n-gram), as the earlier runs did; the scores beside When in Rome's analyses are not read here.
Longer n-gram contexts do not help (the order table above); what the score says at the point does (the context rows above).
`;
}

/** next notes: 500 points of the held-out top lines, the two intervals before as context, the next interval as truth */
function melodicTest() {
  const cache = join(tmpdir(), 'cadenza-melodies.json');
  if (!existsSync(cache)) return '';
  const lines = JSON.parse(readFileSync(cache, 'utf8')).filter((piece) => piece.heldOut);
  const held = lines.flatMap((piece) => piece.intervals.slice(1).map((_, index) => ({ piece, index: index + 1 })));
  const draw = mulberry32(20261209);
  const model = tally('interval trigrams "any"');
  const base = tally('most frequent interval (baseline)');
  const frequent = [...MELODY_MODELS.any.followers['']].map(([id]) => MELODY_MODELS.any.vocabulary[id]);
  for (let i = 0; i < POINTS; i++) {
    const { piece, index } = held[Math.floor(draw() * held.length)];
    const context = piece.intervals.slice(Math.max(0, index - 2), index).map(String);
    score(model, nextChords(MELODY_MODELS.any, context, 3), String(piece.intervals[index]));
    score(base, frequent.slice(0, 3).map((figure) => ({ figure, probability: 0 })), String(piece.intervals[index]));
  }
  return `
**Next melodic note** (same split; ${held.length} note changes in the held-out top lines, ${POINTS} sampled; the two intervals before as context):
${[model, base].map((entry) => `${entry.name}: top-1 ${pct(entry.top1)}, top-3 ${pct(entry.top3)}`).join('; ')}.
`;
}
