#!/usr/bin/env node
/**
 * read_score and diff_scores, timed on their pure compute (what runs in a worker once the score is
 * decoded): a Bach chorale (bwv66.6, test/fixtures/corpus) and a 1,000-measure four-part score made by
 * repeating the chorales' measures. Versions are made as an editor makes them: notes changed in place
 * (the numbering kept), or a measure inserted (later measures renumbered). Writes the section "Score
 * reading and diff" of bench/results.md. Run after `npx tsc -p tsconfig.build.json` (or npm run build).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { pitch } from '../dist/core/pitch.js';
import { add, rational } from '../dist/core/rational.js';
import { decodeScore, encodeScore } from '../dist/core/score-codec.js';
import { readMusicXml } from '../dist/formats/musicxml/read.js';
import { diffScores } from '../dist/mcp/tools/diff-scores.js';
import { readScore } from '../dist/mcp/tools/read-score.js';
import { SCORES } from './data.mjs';
import { writeSection } from './results-file.mjs';

const CHORALES = pathToFileURL(`${SCORES}bach/`);
const chorale = readMusicXml(readFileSync(new URL('bwv66.6.mxl', CHORALES))).score;

/** the four-part chorales of the corpus, their measures strung together (renumbered) until there are `count` */
function longScore(count) {
  const sources = readdirSync(CHORALES).filter((name) => /\.mxl$/.test(name)).sort().map((name) => readMusicXml(readFileSync(new URL(name, CHORALES))).score).filter((score) => score.parts.length === 4);
  const parts = chorale.parts.map((part) => ({ ...part, measures: [] }));
  let offset = rational(0);
  for (let index = 0; parts[0].measures.length < count; index++) {
    const source = sources[index % sources.length];
    const at = parts[0].measures.length;
    for (let m = 1; m < source.parts[0].measures.length && parts[0].measures.length < count; m++) {
      const number = String(parts[0].measures.length + 1);
      source.parts.forEach((part, p) => parts[p].measures.push({ ...part.measures[m], number, index: parts[p].measures.length, offset }));
      offset = add(offset, source.parts[0].measures[m].duration);
    }
    if (parts[0].measures.length === at) break;
  }
  return { ...chorale, parts };
}

/** `count` notes changed in place: every (measures / count)-th measure's first soprano note raised a step */
function editedNotes(score, count) {
  const every = Math.max(1, Math.floor(score.parts[0].measures.length / count));
  const soprano = score.parts[0];
  const measures = soprano.measures.map((measure, index) => {
    if (index % every !== 1) return measure;
    const [voice, ...others] = measure.voices;
    const events = voice.events.map((event, at) => (at === 0 && event.kind === 'note' ? { ...event, pitch: pitch(event.pitch.step === 'B' ? 'C' : 'D', 0, event.pitch.octave) } : event));
    return { ...measure, voices: [{ ...voice, events }, ...others] };
  });
  return { ...score, parts: [{ ...soprano, measures }, ...score.parts.slice(1)] };
}

/** a copy of the middle measure inserted after it in every part, later measures renumbered */
function insertedMeasure(score) {
  const at = Math.floor(score.parts[0].measures.length / 2);
  return {
    ...score,
    parts: score.parts.map((part) => ({
      ...part,
      measures: [...part.measures.slice(0, at + 1), part.measures[at], ...part.measures.slice(at + 1)].map((measure, index) => ({ ...measure, index, number: index === 0 && measure.number === '0' ? '0' : String(index + (part.measures[0].number === '0' ? 0 : 1)) })),
    })),
  };
}

/** the measures in reverse order, numbers and all: nothing lines up by number */
function reversed(score) {
  return { ...score, parts: score.parts.map((part) => ({ ...part, measures: [...part.measures].reverse() })) };
}

function time(run, rounds) {
  for (let round = 0; round < Math.min(20, rounds); round++) run(); // warm-up
  const times = [];
  const cpu = [];
  for (let round = 0; round < rounds; round++) {
    const [started, cpuStarted] = [performance.now(), process.cpuUsage()];
    run();
    times.push(performance.now() - started);
    const used = process.cpuUsage(cpuStarted);
    cpu.push((used.user + used.system) / 1000);
  }
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  return { median: median(times), p95: [...times].sort((a, b) => a - b)[Math.floor(times.length * 0.95)], cpu: median(cpu) };
}

/** the two scores as the tool receives them: each decoded from the store on its own, sharing no objects */
const diffOf = (before, after) => {
  const [was, is] = [decodeScore(encodeScore(before)), decodeScore(encodeScore(after))];
  return () => diffScores.compute(diffScores.input.parse({ before: { id: 'a' }, after: { id: 'b' } }), [{ score: was }, { score: is }]);
};
const readOf = (score, from, to) => () => readScore.compute(readScore.input.parse({ id: 'a', measures: { from, to } }), [{ score }]);

const long = longScore(1000);
const rows = [];
const timeCase = (what, measures, run, rounds, check) => {
  const result = run();
  rows.push({ what, measures, ...time(run, rounds), check: check(result) });
};
const changes = (result) => `${result.structured.total} changes`;
timeCase('diff_scores: chorale, 3 notes changed', chorale.parts[0].measures.length, diffOf(chorale, editedNotes(chorale, 3)), 400, changes);
timeCase('diff_scores: chorale, a measure inserted', chorale.parts[0].measures.length, diffOf(chorale, insertedMeasure(chorale)), 400, changes);
timeCase('diff_scores: 1,000 measures, 10 notes changed', 1000, diffOf(long, editedNotes(long, 10)), 30, changes);
timeCase('diff_scores: 1,000 measures, a measure inserted', 1000, diffOf(long, insertedMeasure(long)), 30, changes);
timeCase('diff_scores: 1,000 measures against the same in reverse order (worst case: full LCS)', 1000, diffOf(long, reversed(long)), 5, changes);
timeCase('read_score: chorale, measures 1–8', 8, readOf(chorale, 1, 8), 400, (result) => `${result.summary.length} characters`);
timeCase('read_score: 1,000 measures, measures 500–507', 8, readOf(long, 500, 507), 400, (result) => `${result.summary.length} characters`);

const markdown = [
  '## Score reading and diff',
  '',
  `Date: ${new Date().toISOString()}, Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'} (shared), load average ${loadavg()[0].toFixed(1)}  `,
  'Command: `npx tsc -p tsconfig.build.json && nice -n 10 node bench/score-slices.mjs`. Each tool\'s pure compute on a decoded score (what a',
  'worker runs; the answer\'s JSON encoding and transport not included), median and 95th percentile of repeated runs after a warm-up.',
  'The chorale is bwv66.6 (4 parts, 10 measures); the 1,000-measure score strings the four-part chorales of test/fixtures/corpus together.',
  'Goals (issue 21): diff of two versions of a chorale < 5 ms, of a 1,000-measure score < 200 ms; read_score of 8 measures < 2 ms.',
  '',
  '| case | measures | median ms | p95 ms | median CPU ms | answer |',
  '|---|---:|---:|---:|---:|---|',
  ...rows.map((row) => `| ${row.what} | ${row.measures} | ${row.median.toFixed(2)} | ${row.p95.toFixed(2)} | ${row.cpu.toFixed(2)} | ${row.check} |`),
  '',
  'Each version goes through the store\'s codec (encodeScore, decodeScore) on its own, so the two share no objects. CPU ms is this process\'s',
  'CPU time per run (user + system, 1 ms granularity on some kernels), fairer than wall time on a loaded shared machine.',
  'Versions numbered alike are paired measure by measure; an insertion renumbers later measures, so the measures are aligned by content:',
  'common opening and ending first, then an LCS of the rest. Two unrelated long scores (the last diff row: the same measures in reverse order)',
  'pay the whole LCS table (1,000 × 1,000 cells per part).',
  '',
].join('\n');
writeSection('score-slices', markdown);
process.stdout.write(markdown);
