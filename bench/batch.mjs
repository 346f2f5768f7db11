/**
 * Corpus batch (npm run bench:batch): `cadenza batch` over every score of the test corpus (test/fixtures/corpus), once on
 * this machine's worker threads and once as BullMQ jobs on Redis served by 2 `cadenza worker`
 * processes; throughput side by side, and whether the rows are identical. Writes bench/results.md.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SCORES } from './data.mjs';
import { writeSection } from './results-file.mjs';

const CLI = new URL('../dist/cli.js', import.meta.url).pathname;
const CORPUS = SCORES.replace(/\/$/, '');
const REDIS = process.env.CADENZA_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const PREFIX = `cadenza-bench-${process.pid}`;
const WORKERS = 2;
const run = promisify(execFile);
const folder = mkdtempSync(join(tmpdir(), 'cadenza-bench-batch-'));

async function timedBatch(label, extra) {
  const out = join(folder, `${label}.jsonl`);
  const started = performance.now();
  await run(process.execPath, [CLI, 'batch', CORPUS, '--out', out, '--summary', join(folder, `${label}.summary.json`), ...extra], { maxBuffer: 1 << 26 });
  const seconds = (performance.now() - started) / 1000;
  const rows = readFileSync(out, 'utf8');
  return { label, seconds, rows, count: rows.trim().split('\n').length };
}

const inProcess = await timedBatch('in-process', ['--threads', String(availableParallelism())]);
const workers = Array.from({ length: WORKERS }, () => spawn(process.execPath, [CLI, 'worker', '--queue', REDIS, '--prefix', PREFIX], { stdio: 'ignore' }));
let queued;
try {
  await new Promise((resolve) => setTimeout(resolve, 1500)); // workers connect
  queued = await timedBatch('queue', ['--queue', REDIS, '--prefix', PREFIX]);
} finally {
  for (const worker of workers) worker.kill('SIGTERM');
}
const identical = inProcess.rows === queued.rows;
const rate = (result) => (result.count / result.seconds).toFixed(1);
const markdown = `## Corpus batch: every score of the test corpus (npm run bench:batch)

${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores, Node ${process.version}. \`cadenza batch\` end to end (process start, reading,
parsing, key, harmony and cadence analysis, writing rows), wall time.

| run | scores | seconds | scores/s |
|---|---|---|---|
| worker threads in the CLI process (${availableParallelism()}) | ${inProcess.count} | ${inProcess.seconds.toFixed(2)} | ${rate(inProcess)} |
| BullMQ on Redis, ${WORKERS} \`cadenza worker\` processes | ${queued.count} | ${queued.seconds.toFixed(2)} | ${rate(queued)} |

Queue / in-process: ${(inProcess.seconds / queued.seconds).toFixed(2)}× the throughput. Rows identical: ${identical ? 'yes' : 'NO'}.
On one 2-core machine both use the same two cores, so the queue cannot be faster here; it is for spreading a corpus over machines.
`;
writeSection('batch', markdown);
console.log(markdown);
if (!identical) process.exitCode = 1;
