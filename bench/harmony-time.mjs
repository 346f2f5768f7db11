#!/usr/bin/env node
/**
 * CPU time of analyzeHarmony (what analyze_harmony and analyze_key's regions run): per chorale of the test
 * corpus (median of 5 runs each after a warm-up, then the median over the chorales), and on a long quartet
 * movement of the When in Rome set (Beethoven Op. 59 No. 1, i: 400 bars, about ten minutes; needs
 * ../shared/wir). CPU time (process.cpuUsage), so a loaded machine inflates it less than wall time.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { analyzeHarmony } from '../dist/analysis/harmony.js';
import { readScore } from '../dist/formats/read-score.js';
import { SCORES, sharedData } from './data.mjs';
import { cpuMilliseconds, median } from './timing.mjs';

const timed = (score) => {
  analyzeHarmony(score);
  return median(Array.from({ length: 5 }, () => cpuMilliseconds(() => analyzeHarmony(score))));
};

const chorales = pathToFileURL(`${SCORES}bach/`);
const perChorale = readdirSync(chorales)
  .filter((name) => /\.(mxl|xml)$/.test(name))
  .map((name) => timed(readScore(readFileSync(new URL(name, chorales)), name.endsWith('mxl') ? 'mxl' : 'musicxml').score));
process.stdout.write(`analyzeHarmony, ${perChorale.length} test-corpus chorales: median ${median(perChorale).toFixed(1)} ms CPU, max ${Math.max(...perChorale).toFixed(1)} ms\n`);
const quartet = `${sharedData('wir/Quartets')}/Beethoven,_Ludwig_van/Op059_No1/1/score.mxl`;
process.stdout.write(`analyzeHarmony, Beethoven Op. 59 No. 1, i (400 bars): ${timed(readScore(readFileSync(quartet), 'mxl').score).toFixed(0)} ms CPU\n`);
