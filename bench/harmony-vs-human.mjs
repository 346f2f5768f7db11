#!/usr/bin/env node
/**
 * Cadenza's harmonic analysis (keys inferred from the notes) against human RomanText analyses of Bach
 * chorales and Monteverdi madrigals (test/fixtures/corpus/analyses), next to the naive method music21
 * offers (chordify, then a roman numeral in the human's own key). Writes its section of bench/results.md.
 *
 * At every human harmony onset: is Cadenza's figure right, its local key right, both? Figures are
 * compared after a light normalisation both sides share (see `normalize`).
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { compareWithHuman, sameFigure } from '../dist/analysis/analysis-comparison.js';
import { chordify } from '../dist/analysis/chordify.js';
import { analyzeHarmony } from '../dist/analysis/harmony.js';
import { parseKeyName, romanFigure } from '../dist/analysis/roman.js';
import { toNumber } from '../dist/core/rational.js';
import { readMusicXml } from '../dist/formats/musicxml/read.js';
import { placeOnScore, readRomanText } from '../dist/formats/romantext/read.js';
import { CORPUS as TEST_CORPUS } from './data.mjs';
import { writeSection } from './results-file.mjs';

const CORPUS = pathToFileURL(TEST_CORPUS);

function inEffect(items, offset) {
  let found;
  for (const item of items) if (item.offset <= offset + 1e-9) found = item;
  return found;
}

function evaluate(entry) {
  const score = readMusicXml(readFileSync(new URL(`scores/${entry.score}`, CORPUS))).score;
  const human = placeOnScore(readRomanText(readFileSync(new URL(`analyses/${entry.analysis}`, CORPUS), 'utf8')), score);
  const started = performance.now();
  const ours = analyzeHarmony(score);
  const milliseconds = performance.now() - started;
  const comparison = compareWithHuman(score, human);
  const verticals = chordify(score).map((vertical) => ({ ...vertical, offset: toNumber(vertical.offset) }));
  const last = toNumber(human[human.length - 1]?.offset ?? { n: 0, d: 1 });
  let naive = 0;
  for (const harmony of human) {
    const vertical = inEffect(verticals, toNumber(harmony.offset));
    naive += vertical && sameFigure(romanFigure(vertical.pitches, parseKeyName(harmony.key)), harmony.figure) ? 1 : 0;
  }
  const n = comparison.onsets;
  return {
    n,
    both: Math.round(comparison.bothAgreement * n),
    figure: Math.round(comparison.figureAgreement * n),
    key: Math.round(comparison.keyAgreement * n),
    naive,
    ours: ours.filter((harmony) => toNumber(harmony.offset) <= last).length,
    milliseconds,
  };
}

const entries = readFileSync(new URL('analyses/human.jsonl', CORPUS), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line));
const groups = new Map();
for (const entry of entries) {
  const group = entry.score.split('/')[0];
  const totals = groups.get(group) ?? { files: 0, n: 0, both: 0, figure: 0, key: 0, naive: 0, ours: 0, music21: 0, music21n: 0, times: [] };
  const counts = evaluate(entry);
  for (const field of ['n', 'both', 'figure', 'key', 'naive', 'ours']) totals[field] += counts[field];
  totals.files++;
  totals.music21 += entry.baseline.figure_hits;
  totals.music21n += entry.baseline.n;
  totals.times.push(counts.milliseconds);
  groups.set(group, totals);
}

const percent = (part, whole) => `${((100 * part) / whole).toFixed(1)}%`;
const lines = [
  '## Harmonic analysis against human analyses',
  '',
  `Date: ${new Date().toISOString()}  `,
  'Command: `npm run bench` (bench/harmony-vs-human.mjs). Human analyses: test/fixtures/corpus/analyses (RomanText, read and placed by Cadenza\'s own parser).  ',
  'At every human harmony onset, Cadenza\'s harmony in force there is compared with the human\'s; Cadenza infers its keys from the notes alone.',
  '',
  '| corpus | files | onsets | figure and key right | figure right | key right | naive baseline, handed the human key (Cadenza\'s music21-compatible chordify + numeral) | music21\'s own baseline (from human.jsonl) | Cadenza harmonies per human harmony | ms per score (median) |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
];
for (const [group, totals] of groups) {
  const median = [...totals.times].sort((a, b) => a - b)[Math.floor(totals.times.length / 2)];
  lines.push(
    `| ${group} | ${totals.files} | ${totals.n} | **${percent(totals.both, totals.n)}** | ${percent(totals.figure, totals.n)} | ${percent(totals.key, totals.n)} | ${percent(totals.naive, totals.n)} | ${percent(totals.music21, totals.music21n)} | ${(totals.ours / totals.n).toFixed(2)} | ${median.toFixed(1)} |`,
  );
}
lines.push(
  '',
  'A regression check on the 14 analyses the tests ship, not the measure of the goals: those (≥ 80% figures right on Bach chorales and ≥ 60% on Monteverdi madrigals, per onset) are judged on the validation fold of the When in Rome set, in the section "Harmony against human analyses (When in Rome)" (npm run bench:harmony), whose tuning fold alone chooses the parameters. Figures are compared by `sameFigure` (src/analysis/analysis-comparison.ts): omission marks ("[no3]") removed, "6/5" = "65", "42" = "2", "/o" = "ø".',
  '',
);
const markdown = lines.join('\n');
writeSection('harmony-vs-human', markdown);
process.stdout.write(markdown);
