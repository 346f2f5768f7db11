// One thread of scripts/style-data.mjs: reads its share of the chosen pieces, cuts each into passages and
// describes the chosen passages with styleFeatures (from dist/: run `npx tsc -p tsconfig.build.json` first).
import { Buffer } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { readScore, formatFromFileName } from '../dist/formats/read-score.js';
import { extractMeasures } from '../dist/generate/transform/extract.js';
import { abcTunes } from '../dist/corpus/sources.js';
import { styleFeatures, STYLE_FEATURE_NAMES } from '../dist/corpus/style/features.js';
import { mulberry32 } from './style-data.mjs';

const { plan, thread, threads } = workerData;
const started = process.cpuUsage();
const rows = [];
let order = 0;
for (const job of plan) {
  const pieces = piecesOf(job.files);
  const random = mulberry32(job.seed);
  // with more pieces than passages wanted, a seeded sample of pieces, one passage each
  const chosen = pieces.length > job.perClass ? pieces.map((piece) => ({ piece, tie: random() })).sort((a, b) => a.tie - b.tie).slice(0, job.perClass).map((entry) => entry.piece) : pieces;
  const quota = Math.ceil(job.perClass / chosen.length);
  chosen.forEach((piece, index) => {
    const rowOrder = order++ * 1000;
    if (index % threads !== thread) return;
    let score;
    try {
      score = readScore(piece.bytes(), piece.format).score;
    } catch (error) {
      console.error(`skipped ${piece.id}: ${error.message}`);
      return;
    }
    const windows = passageWindows(score.parts[0]?.measures.length ?? 0, job.passageMeasures);
    const picked = windows.length <= quota ? windows : Array.from({ length: quota }, (_, i) => windows[Math.floor(((i + 0.5) * windows.length) / quota)]);
    picked.forEach((window, passage) => {
      try {
        const measures = score.parts[0].measures;
        const excerpt = window.start === 0 && window.end === measures.length - 1 ? score : extractMeasures(score, measures[window.start].number, measures[window.end].number);
        rows.push({ order: rowOrder + passage, group: job.group, piece: piece.id, passage: `${window.start + 1}-${window.end + 1}`, features: styleFeatures(excerpt).map((value) => Math.round(value * 1e5) / 1e5) });
      } catch (error) {
        console.error(`skipped ${piece.id} ${window.start}-${window.end}: ${error.message}`);
      }
    });
  });
}
const used = process.cpuUsage(started);
parentPort.postMessage({ rows, featureNames: STYLE_FEATURE_NAMES, cpuSeconds: (used.user + used.system) / 1e6 });

/** the pieces of a list of files: an ABC tune book gives one piece per tune */
function piecesOf(files) {
  return files.flatMap((file) => {
    const format = formatFromFileName(file);
    if (format !== 'abc') return [{ id: file, format, bytes: () => readFileSync(file) }];
    return abcTunes(readFileSync(file, 'utf8')).map((tune) => ({ id: `${file}#${tune.number}`, format, bytes: () => Buffer.from(tune.text, 'utf8') }));
  });
}

/** passageWindows(60, 24) → [0–23], [24–47], [48–59]; a last window under a third of the length joins the one before */
function passageWindows(count, size) {
  const windows = [];
  for (let start = 0; start < count; start += size) windows.push({ start, end: Math.min(count, start + size) - 1 });
  if (windows.length > 1 && windows.at(-1).end - windows.at(-1).start + 1 < size / 3) {
    const last = windows.pop();
    windows.at(-1).end = last.end;
  }
  return windows;
}
