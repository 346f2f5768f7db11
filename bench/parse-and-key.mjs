#!/usr/bin/env node
/**
 * Parse + key analysis over every MusicXML file of the test corpus (test/fixtures/corpus), Cadenza and (when available)
 * music21 side by side in one run. Writes bench/results.md. See bench/README.md.
 *
 * Environment: MUSIC21_PYTHON / MUSIC21_PATH (see bench/music21.mjs), BENCH_ROUNDS (Cadenza timing rounds, default 9).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, relative } from 'node:path';
import { analyzeKey } from '../dist/analysis/key.js';
import { SCORES } from './data.mjs';
import { startMusic21 } from './music21.mjs';
import { writeSection } from './results-file.mjs';
import { readMusicXml } from '../dist/formats/musicxml/read.js';
import { NATIVE_CODEC } from '../dist/server/native-zlib.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);

function musicXmlFiles(directory) {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return musicXmlFiles(path);
    return /\.(mxl|xml|musicxml)$/.test(name) ? [path] : [];
  });
}

function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** CPU time of the whole process (every thread, so V8's helper threads for GC count too), in ms */
function cpuMs() {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

function timeCadenza(path, bytes) {
  const rounds = [];
  for (let round = 0; round < ROUNDS; round++) {
    const [started, startedCpu] = [process.hrtime.bigint(), cpuMs()];
    const { score } = readMusicXml(bytes, NATIVE_CODEC);
    const [parsed, parsedCpu] = [process.hrtime.bigint(), cpuMs()];
    const key = analyzeKey(score);
    const [done, doneCpu] = [process.hrtime.bigint(), cpuMs()];
    rounds.push({ parseMs: Number(parsed - started) / 1e6, keyMs: Number(done - parsed) / 1e6, parseCpuMs: parsedCpu - startedCpu, keyCpuMs: doneCpu - parsedCpu, key: key.name });
  }
  // the median round of the total, so one GC pause does not decide a file's figure
  const median = rounds.sort((a, b) => a.parseCpuMs + a.keyCpuMs - (b.parseCpuMs + b.keyCpuMs))[Math.floor(ROUNDS / 2)];
  return { path, bytes: bytes.length, ...median };
}

function stats(label, rows, field) {
  const values = rows.map(field);
  const total = values.reduce((sum, value) => sum + value, 0);
  return { label, files: rows.length, filesPerSecond: (rows.length / total) * 1000, median: quantile(values, 0.5), p95: quantile(values, 0.95), total };
}

const format = (value, digits = 2) => value.toFixed(digits);

function report(cadenza, music21) {
  const lines = [
    '## Parse + key analysis',
    '',
    `Date: ${new Date().toISOString()}  `,
    `Machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${format(totalmem() / 2 ** 30, 0)} GiB; Node ${process.version}  `,
    `Command: \`npm run bench\` (bench/parse-and-key.mjs), ${ROUNDS} rounds per file for Cadenza after two warm-up passes (median round reported), one for music21 after one warm-up file, the two engines interleaved file by file  `,
    `Files: every MusicXML file (.mxl, .xml) of test/fixtures/corpus/scores: ${cadenza.length} files`,
    '',
    'Cadenza reads with the options the server and the CLI plug in (src/server/native-inflate.ts: .mxl unpacked by Node\'s zlib; the pure readers\' default is fflate).',
    '',
    'CPU time is the process\'s (user + system, every thread) and is what the ratios use: this 2-core machine is shared and noisy, and wall time counts the waits other processes cause.',
    '',
    '| engine | files/s (CPU) | median CPU ms/file | p95 CPU ms/file | total CPU s | median wall ms/file |',
    '|---|---:|---:|---:|---:|---:|',
  ];
  const parseCpu = (row) => row.parseCpuMs;
  const keyCpu = (row) => row.keyCpuMs;
  const bothCpu = (row) => row.parseCpuMs + row.keyCpuMs;
  const bothWall = (row) => row.parseMs + row.keyMs;
  const rows = [
    { ...stats('Cadenza parse', cadenza, parseCpu), wall: quantile(cadenza.map((row) => row.parseMs), 0.5) },
    { ...stats('Cadenza key', cadenza, keyCpu), wall: quantile(cadenza.map((row) => row.keyMs), 0.5) },
    { ...stats('Cadenza parse + key', cadenza, bothCpu), wall: quantile(cadenza.map(bothWall), 0.5) },
  ];
  let paired = [];
  if (music21.byPath) {
    paired = cadenza.filter((row) => music21.byPath.has(row.path)).map((row) => ({ ours: row, theirs: music21.byPath.get(row.path) }));
    const theirs = paired.map((pair) => pair.theirs);
    rows.push(
      { ...stats(`music21 ${music21.version} parse`, theirs, parseCpu), wall: quantile(theirs.map((row) => row.parseMs), 0.5) },
      { ...stats(`music21 ${music21.version} key`, theirs, keyCpu), wall: quantile(theirs.map((row) => row.keyMs), 0.5) },
      { ...stats(`music21 ${music21.version} parse + key`, theirs, bothCpu), wall: quantile(theirs.map(bothWall), 0.5) },
    );
  }
  for (const row of rows) lines.push(`| ${row.label} | ${format(row.filesPerSecond, 1)} | ${format(row.median, 3)} | ${format(row.p95, 3)} | ${format(row.total / 1000, 3)} | ${format(row.wall, 3)} |`);
  lines.push('');
  if (paired.length > 0) {
    const ratios = paired.map(({ ours, theirs }) => bothCpu(theirs) / bothCpu(ours));
    const totalRatio = paired.reduce((sum, { theirs }) => sum + bothCpu(theirs), 0) / paired.reduce((sum, { ours }) => sum + bothCpu(ours), 0);
    const chorales = paired.filter(({ ours }) => ours.path.startsWith('bach/'));
    const choraleRatios = chorales.map(({ ours, theirs }) => bothCpu(theirs) / bothCpu(ours));
    const choraleWallRatios = chorales.map(({ ours, theirs }) => bothWall(theirs) / bothWall(ours));
    const sameKey = paired.filter(({ ours, theirs }) => ours.key === theirs.key.replace('-', 'b')).length;
    lines.push(
      '### Cadenza vs music21, same files, same run',
      '',
      `- Speed-up of parse + key by CPU time, per file: median **${format(quantile(ratios, 0.5), 0)}×**, slowest file ${format(Math.min(...ratios), 0)}×, fastest ${format(Math.max(...ratios), 0)}×.`,
      `- Speed-up over the whole corpus (total CPU time): **${format(totalRatio, 0)}×**.`,
      `- Bach chorales (${chorales.length} files): median **${format(quantile(choraleRatios, 0.5), 0)}×** by CPU time (goal: ≥ 50×); by wall time ${format(quantile(choraleWallRatios, 0.5), 0)}×.`,
      `- Same key named (default Aarden–Essen profiles): ${sameKey} of ${paired.length} files.`,
      '',
    );
  } else {
    lines.push(`music21: skipped — ${music21.skipped}.`, '');
  }
  lines.push('Per-file figures are the median of the rounds; music21 parses with `forceSource=True` so its pickle cache is not used.', '');
  return lines.join('\n');
}

const files = musicXmlFiles(SCORES).sort();
// Two untimed passes first: a server runs warm, so the figures are steady-state, not the JIT's first sight.
for (let pass = 0; pass < 2; pass++) for (const path of files) analyzeKey(readMusicXml(readFileSync(path), NATIVE_CODEC).score);
const music21 = await startMusic21(files[0]);
const cadenza = [];
if (music21.time) music21.byPath = new Map();
for (const path of files) {
  // music21 then Cadenza on the same file, so a slow spell of the machine hits both.
  if (music21.time) music21.byPath.set(relative(SCORES, path), await music21.time(path));
  cadenza.push(timeCadenza(relative(SCORES, path), readFileSync(path)));
}
music21.stop?.();
const markdown = report(cadenza, music21);
writeSection('parse-and-key', markdown);
process.stdout.write(markdown);
