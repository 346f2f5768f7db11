#!/usr/bin/env node
/**
 * CLI start-up (npm run bench:cli): wall and CPU time of short `cadenza` commands on a chorale, and how
 * long `cadenza serve` over stdio takes to answer `initialize`, each the median of several runs, beside
 * Node starting and doing nothing. Modules loaded are counted in one more run of each, with a loader
 * hook (not timed). Writes its section of bench/results.md.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SCORES } from './data.mjs';
import { writeSection } from './results-file.mjs';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const CPU_REPORT = fileURLToPath(new URL('./cli-startup/cpu-report.mjs', import.meta.url));
const COUNT_MODULES = fileURLToPath(new URL('./cli-startup/count-modules.mjs', import.meta.url));
const CHORALE = `${SCORES}bach/bwv66.6.mxl`;
const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const dataDir = mkdtempSync(join(tmpdir(), 'cadenza-cli-bench-'));
const env = { ...process.env, CADENZA_DATA_DIR: dataDir, CADENZA_LOG_LEVEL: 'warn' };

/** the same measurement on the code before each command loaded only what it needs, for comparison */
/** measured by hand when the machine was too loaded for the table above to compare with a quiet run */
const SAME_LOAD = "The same builds compared under the same load (2026-12-07 21:30–22:00, load average 21–29 from other work, the main branch's build and this one run alternately, medians of 5–9 runs, CPU ms per process): `serve` over stdio, `initialize` answered: 1,420, 1,560, 1,620, 1,420, 1,300 before → 610–730 now (wall 5.7–6.6 s → 2.7–3.5 s); `tools/list` answered after it: 1,600–2,040 → 710–870. `info` on a chorale: 414 → 380, 436 → 394, 496 → 479; `analyze`: 960 → 957; `--version`: 221 → 218. " +
  "Where `serve` spends its time now (cpu profiles of 8 starts, share of the samples): Node's module loading, file reads and built-ins 24%, zod 18% (the SDK's protocol schemas about 6%, the 36 tools' schemas built at import about 5%, the configuration about 3%), garbage collection 17%, compiling the chunks 16%, the other application and SDK code 14%, SQLite (opening the score and task files, quick_check) 3%. `info` now: Node's module loading, reads and built-ins 36%, compiling 18%, garbage collection 12%, zod 9%, reading the MusicXML 4%, other application code 14%. " +
  "Not done: a V8 code cache for the chunks (Node 20 has no module.enableCompileCache, and ES modules take no cachedData without --experimental-vm-modules: it needs the bundle as CommonJS, loaded through vm.Script), the tools' zod schemas built on first use with their JSON Schemas precomputed at build time, and quick_check moved after the first answer (on the bench's nearly empty store it costs little; it grows with the store).";

const BEFORE = "Before the start-up work of w2-clifast (models as JSON text, lazy worker threads, piscina, ioredis and output schemas, zlib for stored scores, bundle without comments; same machine, 2026-12-07 20:41, load average 1.5, 9 runs): `info` 295 ms wall, 338 ms CPU, 47 modules; `analyze` 447 ms, 594 ms CPU; `serve` ready 717 ms wall, 990 ms CPU, 186 modules; Node alone 112 ms, 104 ms CPU. " +
  "Before the command line was bundled (scripts/bundle-cli.mjs; same machine, 2026-12-07, load average 25.6, 5 runs): CPU time beyond Node's own start `info` 487 ms with 194 modules, `analyze` 643 ms, `serve` ready 1,043 ms with 497 modules. " +
  "Before the lazy loading (same machine, 2026-12-07, load average 16, 3 runs): `cadenza --version` 6,185 ms wall, 1,826 ms CPU, 1,428 modules; `info` 6,773 ms, 2,048 ms CPU, 1,424 modules; `analyze` 7,327 ms, 1,914 ms CPU, 1,424 modules; `serve` ready 7,121 ms, 1,900 ms CPU, 1,427 modules; Node alone 509 ms, 130 ms CPU. On this shared 2-core machine (load average 16–26 while measured, Node alone taking 0.5–1.8 s of wall time) the wall-time goals cannot be checked; CPU time beyond Node's own start is the fairer figure: `info` about 490 ms (was about 1,920), `serve` about 1,040 ms (was about 1,770).";

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** one run of `node [--import reporter] args`: wall ms, and the CPU ms the process reported on exit */
function timeCommand(args) {
  const report = join(dataDir, 'cpu.json');
  const started = performance.now();
  const result = spawnSync(process.execPath, ['--import', CPU_REPORT, ...args], { env: { ...env, CPU_REPORT_FILE: report }, encoding: 'utf8' });
  const wall = performance.now() - started;
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return { wall, cpu: JSON.parse(readFileSync(report, 'utf8')).cpuMs };
}

/** CPU ms a running process has used so far, from /proc (Linux; 10 ms ticks) */
function cpuSoFar(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

const INITIALIZE = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'bench', version: '1' } } };
const AFTER_INITIALIZE = [{ jsonrpc: '2.0', method: 'notifications/initialized' }, { jsonrpc: '2.0', id: 2, method: 'tools/list' }];

/**
 * one start of `cadenza serve`: ms until it answers initialize on stdout and the CPU ms used by then; with
 * `thenList`, the same when it has also answered the tools/list a client sends next (sent on the first answer)
 */
function timeServeReady(thenList = false) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [CLI, 'serve'], { env, stdio: ['pipe', 'pipe', 'ignore'] });
    child.stdin.write(`${JSON.stringify(INITIALIZE)}\n`);
    const answersWanted = thenList ? 2 : 1;
    let output = '';
    let listAsked = false;
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const answers = output.split('\n').length - 1;
      if (answers === 1 && thenList && !listAsked) {
        listAsked = true;
        child.stdin.write(AFTER_INITIALIZE.map((message) => `${JSON.stringify(message)}\n`).join(''));
      }
      if (answers < answersWanted) return;
      child.stdout.removeAllListeners('data');
      const wall = performance.now() - started;
      const cpu = cpuSoFar(child.pid);
      child.once('exit', () => resolve({ wall, cpu }));
      child.stdin.end();
    });
    child.once('error', reject);
  });
}

/** modules a run loads (ES modules and CommonJS files), counted by a loader hook */
function modulesLoaded(args) {
  const log = join(dataDir, 'modules.txt');
  rmSync(log, { force: true });
  spawnSync(process.execPath, ['--import', COUNT_MODULES, ...args], { env: { ...env, MODULE_LOG: log }, input: args.includes('serve') ? '' : undefined });
  return new Set(readFileSync(log, 'utf8').split('\n').filter(Boolean)).size;
}

async function measure(name, run, args) {
  run(); // warm the file cache
  const runs = [];
  for (let index = 0; index < RUNS; index++) runs.push(await run());
  return { name, wall: median(runs.map((r) => r.wall)), cpu: median(runs.map((r) => r.cpu)), modules: args ? modulesLoaded(args) : undefined };
}

const rows = [
  await measure('`node -e 0` (Node alone)', () => timeCommand(['-e', '0']), ['-e', '0']),
  await measure('`cadenza --version`', () => timeCommand([CLI, '--version']), [CLI, '--version']),
  await measure('`cadenza info` on a chorale', () => timeCommand([CLI, 'info', CHORALE]), [CLI, 'info', CHORALE]),
  await measure('`cadenza analyze` on a chorale (key and roman numerals)', () => timeCommand([CLI, 'analyze', CHORALE]), [CLI, 'analyze', CHORALE]),
  await measure('`cadenza serve` over stdio: `initialize` answered', () => timeServeReady(), [CLI, 'serve']),
  await measure('`cadenza serve` over stdio: `initialize`, then `tools/list` answered', () => timeServeReady(true)),
];
rmSync(dataDir, { recursive: true, force: true });

const markdown = [
  '## CLI start-up (npm run bench:cli)',
  '',
  `Date: ${new Date().toISOString()}, Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, load average ${loadavg()[0].toFixed(1)} at the end  `,
  `Command: \`npm run bench:cli\` (bench/cli-startup.mjs): each command started ${RUNS} times after a warm-up, medians. Wall time from spawn to exit (for \`serve\`, to the \`initialize\` answer on stdout); CPU time is the process's own (user + system; for \`serve\` read from /proc at that moment). Goals: \`info\` under 150 ms wall, \`serve\` ready under 300 ms.`,
  '',
  '| command | wall ms | CPU ms | modules loaded |',
  '|---|---:|---:|---:|',
  ...rows.map((row) => `| ${row.name} | ${row.wall.toFixed(0)} | ${row.cpu.toFixed(0)} | ${row.modules ?? '—'} |`),
  '',
  `CPU time beyond Node's own start: ${rows.slice(1).map((row) => `${row.name} ${(row.cpu - rows[0].cpu).toFixed(0)} ms`).join('; ')}.`,
  '',
  SAME_LOAD,
  '',
  BEFORE,
  '',
].join('\n');
writeSection('cli-startup', markdown);
process.stdout.write(markdown);
