#!/usr/bin/env node
/**
 * What the readings cost: CPU time of analyzeHarmony and of analyzeHarmonyReadings (the same analysis with
 * each harmony's confidence and alternatives, what analyze_harmony runs), side by side in one run, per
 * chorale of the test corpus (median of 5 runs after a warm-up, then the median over the chorales) and on
 * Beethoven Op. 59 No. 1, i (400 bars; needs ../shared/wir). Writes its lines to bench/results.md.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { analyzeHarmony } from '../dist/analysis/harmony.js';
import { analyzeHarmonyReadings } from '../dist/analysis/harmony-readings.js';
import { readScore } from '../dist/formats/read-score.js';
import { writeSection } from './results-file.mjs';
import { SCORES, sharedData } from './data.mjs';
import { cpuMilliseconds, median } from './timing.mjs';

/** [plain, with readings] medians of 5 alternating runs after a warm-up of each */
const timed = (score) => {
  analyzeHarmony(score);
  analyzeHarmonyReadings(score);
  const runs = Array.from({ length: 5 }, () => [cpuMilliseconds(() => analyzeHarmony(score)), cpuMilliseconds(() => analyzeHarmonyReadings(score))]);
  return [median(runs.map((run) => run[0])), median(runs.map((run) => run[1]))];
};

const chorales = pathToFileURL(`${SCORES}bach/`);
const perChorale = readdirSync(chorales)
  .filter((name) => /\.(mxl|xml)$/.test(name))
  .map((name) => timed(readScore(readFileSync(new URL(name, chorales)), name.endsWith('mxl') ? 'mxl' : 'musicxml').score));
const [plain, read] = [median(perChorale.map((pair) => pair[0])), median(perChorale.map((pair) => pair[1]))];
const lines = [`Per chorale (${perChorale.length} of the test corpus, median): analyzeHarmony ${plain.toFixed(1)} ms CPU, with readings ${read.toFixed(1)} ms (${(read / plain).toFixed(2)}×).`];
const quartet = `${sharedData('wir/Quartets')}/Beethoven,_Ludwig_van/Op059_No1/1/score.mxl`;
if (existsSync(quartet)) {
  const [quartetPlain, quartetRead] = timed(readScore(readFileSync(quartet), 'mxl').score);
  lines.push(`Beethoven Op. 59 No. 1, i (400 bars): ${quartetPlain.toFixed(0)} ms CPU, with readings ${quartetRead.toFixed(0)} ms (${(quartetRead / quartetPlain).toFixed(2)}×).`);
} else lines.push('The quartet movement needs ../shared/wir, which is not there: not measured.');
const markdown = [
  '#### What the readings cost (node bench/harmony-readings-time.mjs)',
  '',
  `${new Date().toISOString()}, Node ${process.version}, load average ${loadavg()[0].toFixed(1)} (CPU time, so the load inflates it less than wall time).`,
  '',
  ...lines,
].join('\n');
if (!process.argv.includes('--no-write')) writeSection('harmony-readings-time', markdown);
process.stdout.write(`${markdown}\n`);
