#!/usr/bin/env node
/**
 * Import speed per format on the test corpus's own files (MusicXML and .mxl, Humdrum **kern, ABC tune
 * books — every tune — and music21's MIDI files), Cadenza and music21 side by side in one run, file by file.
 * Writes its section of bench/results.md. music21: see bench/music21.mjs.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readAbc } from '../dist/formats/abc/read.js';
import { readScore } from '../dist/formats/read-score.js';
import { CORPUS } from './data.mjs';
import { startMusic21 } from './music21.mjs';
import { writeSection } from './results-file.mjs';

const ROUNDS = 5;

const walk = (folder) => readdirSync(folder, { recursive: true }).map((name) => join(folder, name));
const FORMATS = [
  { name: 'MusicXML / .mxl', files: walk(join(CORPUS, 'scores')).filter((path) => /\.(mxl|xml)$/.test(path)), read: (path, bytes) => readScore(bytes, path.endsWith('.mxl') ? 'mxl' : 'musicxml') },
  { name: 'Humdrum **kern', files: walk(join(CORPUS, 'scores')).filter((path) => path.endsWith('.krn')), read: (_path, bytes) => readScore(bytes, 'kern') },
  { name: 'ABC (every tune of each file)', files: walk(join(CORPUS, 'scores')).filter((path) => path.endsWith('.abc')), read: (path) => readEveryTune(readFileSync(path, 'utf8')) },
  { name: 'MIDI', files: walk(join(CORPUS, 'midi')).filter((path) => path.endsWith('.mid')), read: (_path, bytes) => readScore(bytes, 'midi') },
];

/** a tune book is read tune by tune, as music21 reads it whole */
function readEveryTune(text) {
  const tunes = (text.match(/^X:/gm) ?? []).length;
  return Array.from({ length: Math.max(1, tunes) }, (_, tune) => readAbc(text, { tune }));
}

/** the median of a few rounds, after one warm-up */
function timeCadenza(read, path, bytes) {
  read(path, bytes);
  const rounds = Array.from({ length: ROUNDS }, () => {
    const started = performance.now();
    read(path, bytes);
    return performance.now() - started;
  });
  return rounds.sort((a, b) => a - b)[Math.floor(ROUNDS / 2)];
}

const music21 = await startMusic21(FORMATS[0].files[0]);
const rows = [];
for (const format of FORMATS) {
  let [ours, theirs, paired] = [0, 0, 0];
  for (const path of format.files) {
    const bytes = new Uint8Array(readFileSync(path));
    const cadenza = timeCadenza(format.read, path, bytes);
    ours += cadenza;
    if (music21.time) {
      const other = await music21.time(path).catch(() => undefined);
      if (other) {
        theirs += other.parseMs;
        paired++;
      }
    }
  }
  rows.push({ ...format, ours, theirs, paired });
}
music21.stop?.();

const perSecond = (files, milliseconds) => ((1000 * files) / milliseconds).toFixed(0);
const lines = [
  '## Import speed per format (npm run bench, bench/import-formats.mjs)',
  '',
  `Date: ${new Date().toISOString()}  `,
  `The corpus's own files of each format, read file by file: Cadenza's median of ${ROUNDS} rounds after a warm-up; ${music21.version ? `music21 ${music21.version} once (\`converter.parse\`, forceSource), in the same run` : `music21 not run (${music21.skipped})`}.`,
  '',
  '| format | files | Cadenza files/s | music21 files/s | Cadenza faster |',
  '|---|---:|---:|---:|---:|',
  ...rows.map((row) =>
    `| ${row.name} | ${row.files.length} | ${perSecond(row.files.length, row.ours)} | ${row.paired ? perSecond(row.paired, row.theirs) : '—'} | ${row.paired === row.files.length ? `${(row.theirs / row.ours).toFixed(0)}×` : '—'} |`,
  ),
  '',
  'Export speeds per format (and the round trips) are in "Format fidelity" above; rendering in "Rendering".',
  '',
];
const markdown = lines.join('\n');
writeSection('import-formats', markdown);
process.stdout.write(markdown);
