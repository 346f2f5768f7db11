/**
 * Notation rendering (npm run bench:render): every Bach chorale of the test corpus (test/fixtures/corpus) engraved by verovio
 * to SVG (page 1) and rasterised to a 1200 px PNG, in one thread after a warm-up; ms per page, median
 * and p95. Writes bench/results.md.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { cpus } from 'node:os';
import { readScore } from '../dist/formats/read-score.js';
import { renderScore } from '../dist/mcp/render.js';
import { SCORES } from './data.mjs';
import { writeSection } from './results-file.mjs';

const FOLDER = `${SCORES}bach/`;
const files = readdirSync(FOLDER).filter((name) => name.endsWith('.mxl') || name.endsWith('.xml')).sort();
const scores = files.map((name) => readScore(new Uint8Array(readFileSync(FOLDER + name)), name.endsWith('.mxl') ? 'mxl' : 'musicxml').score);

const started = performance.now();
await renderScore(scores[0], { format: 'svg', page: 1, width: 1200 });
const startup = performance.now() - started;

async function timeEach(format) {
  const times = [];
  for (const score of scores) {
    const begin = performance.now();
    await renderScore(score, { format, page: 1, width: 1200 });
    times.push(performance.now() - begin);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], p95: times[Math.floor(times.length * 0.95)] };
}

const svg = await timeEach('svg');
const png = await timeEach('png');
const markdown = `## Rendering: ${scores.length} Bach chorales, page 1 (npm run bench:render)

${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores, Node ${process.version}, one thread; verovio 6.3 (WebAssembly) for SVG, resvg for PNG at 1200 px.
First render in a thread, including starting verovio: ${startup.toFixed(0)} ms.

| output | median ms/page | p95 ms/page |
|---|---|---|
| SVG | ${svg.median.toFixed(1)} | ${svg.p95.toFixed(1)} |
| PNG (SVG + rasterising) | ${png.median.toFixed(1)} | ${png.p95.toFixed(1)} |
`;
writeSection('render', markdown);
console.log(markdown);
