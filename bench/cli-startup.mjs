#!/usr/bin/env node
/**
 * CLI start-up (npm run bench:cli): wall and CPU time of short `cadenza` commands on a chorale, and how
 * long `cadenza serve` over stdio takes to answer `initialize`, each the median of several runs, beside
 * Node starting and doing nothing. Modules loaded are counted in one more run of each, with a loader
 * hook (not timed). Writes its section of bench/results.md.
 *
 * `--compare DIR` (a built checkout, e.g. of main: DIR/dist/cli.js) also runs every command of that build
 * alternately with this one's, in the same minutes and under the same load, and reports both with their
 * ratios. This build's code cache (src/cli/code-cache.ts) is kept in a folder of the bench's own, filled by
 * the warm-up run; the cold start (an empty cache at every run, as on the first start after an install) is
 * measured too.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SCORES } from './data.mjs';
import { writeSection } from './results-file.mjs';
import { median } from './timing.mjs';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const CPU_REPORT = fileURLToPath(new URL('./cli-startup/cpu-report.mjs', import.meta.url));
const COUNT_MODULES = fileURLToPath(new URL('./cli-startup/count-modules.mjs', import.meta.url));
const CHORALE = `${SCORES}bach/bwv66.6.mxl`;
const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const dataDir = mkdtempSync(join(tmpdir(), 'cadenza-cli-bench-'));
const env = { ...process.env, CADENZA_DATA_DIR: dataDir, CADENZA_LOG_LEVEL: 'warn', CADENZA_CODE_CACHE_DIR: join(dataDir, 'code-cache') };
const compareAt = process.argv.indexOf('--compare');
const BASE_CLI = compareAt > 0 ? join(resolve(process.argv[compareAt + 1] ?? '.'), 'dist/cli.js') : undefined;

/** where the time goes now and what is left, from cpu profiles taken by hand (not by this script) */
const NOW =
  "Where the time goes with a warm code cache (cpu profiles of 6 `info` and 4 `serve` starts, 2026-12-08 00:00, load average 20–25, share of the samples): `info`: zod 11% (building the schemas of the configuration and of the two tools it calls, and parsing their input), deserializing the code cache 9% (inflated by the profiler: unprofiled, the largest chunk's cache loads in 0.9 ms where compiling it took 28 ms), garbage collection 9%, Node's built-ins 7%, reading the MusicXML 6%, unzipping it (fflate) 5%, file reads 4%. `serve`: zod 22% (the SDK's protocol schemas, the 36 tools' input and output schemas built at import, the configuration), garbage collection 10%, deserializing the code cache 9%, Node's CommonJS loader 9% (pino and better-sqlite3 stay external and are compiled from node_modules, 45 files, without this cache), built-ins 5%. " +
  "On a quiet machine (not measured here today: the load stayed at 20–30 from other work) these ratios would put `info` at about 105 + 194 × 0.69 ≈ 240 ms of CPU (main: 299) and `serve` ready at about 105 + 425 × 0.68 ≈ 395 ms (main: 530), from main's quiet run of 2026-12-07 22:40 (Node alone 105 ms CPU, `info` 299, `serve` 530): closer, but the goals (`info` under 150 ms, `serve` under 300 ms of wall time) are not reached; what is left is spread over zod, garbage collection, Node’s built-ins and reading the score. " +
  "Not done: the tools' zod schemas built on first use (the SDK's registerTool takes the zod object at registration, and tools/list must stay byte-identical), fewer allocations at start (a larger young generation, --min-semi-space-size=16, made no measurable difference, and a bin script cannot pass V8 flags portably), the external packages' CommonJS files in the code cache, and zod's compiled parsers (new Function, which no code cache keeps) turned off for one-shot commands (about 1–2%).";

const BEFORE = "Before the code cache (w2-clifast's comparison under the same load, 2026-12-07 21:30–22:00, load average 21–29, main's build then and the ES module bundle run alternately, CPU ms per process): `serve` ready 1,300–1,620 → 610–730, `tools/list` answered 1,600–2,040 → 710–870, `info` 414–496 → 380–479, `analyze` 960 → 957, `--version` 221 → 218. " +
  "Before the start-up work of w2-clifast (models as JSON text, lazy worker threads, piscina, ioredis and output schemas, zlib for stored scores, bundle without comments; same machine, 2026-12-07 20:41, load average 1.5, 9 runs): `info` 295 ms wall, 338 ms CPU, 47 modules; `analyze` 447 ms, 594 ms CPU; `serve` ready 717 ms wall, 990 ms CPU, 186 modules; Node alone 112 ms, 104 ms CPU. " +
  "Before the command line was bundled (scripts/bundle-cli.mjs; same machine, 2026-12-07, load average 25.6, 5 runs): CPU time beyond Node's own start `info` 487 ms with 194 modules, `analyze` 643 ms, `serve` ready 1,043 ms with 497 modules. " +
  "Before the lazy loading (same machine, 2026-12-07, load average 16, 3 runs): `cadenza --version` 6,185 ms wall, 1,826 ms CPU, 1,428 modules; `info` 6,773 ms, 2,048 ms CPU, 1,424 modules; `analyze` 7,327 ms, 1,914 ms CPU, 1,424 modules; `serve` ready 7,121 ms, 1,900 ms CPU, 1,427 modules; Node alone 509 ms, 130 ms CPU. On this shared 2-core machine (load average 16–26 while measured, Node alone taking 0.5–1.8 s of wall time) the wall-time goals cannot be checked; CPU time beyond Node's own start is the fairer figure: `info` about 490 ms (was about 1,920), `serve` about 1,040 ms (was about 1,770).";


/** one run of `node [--import reporter] args`: wall ms, and the CPU ms the process reported on exit */
function timeCommand(args, extraEnv = {}) {
  const report = join(dataDir, 'cpu.json');
  const started = performance.now();
  const result = spawnSync(process.execPath, ['--import', CPU_REPORT, ...args], { env: { ...env, ...extraEnv, CPU_REPORT_FILE: report }, encoding: 'utf8' });
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
function timeServeReady(cli, thenList = false, extraEnv = {}) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [cli, 'serve'], { env: { ...env, ...extraEnv }, stdio: ['pipe', 'pipe', 'ignore'] });
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

/** the commands timed: each a name, how to run it once with a given dist/cli.js, and the arguments whose modules are counted */
const COMMANDS = [
  { name: '`node -e 0` (Node alone)', run: () => timeCommand(['-e', '0']), args: () => ['-e', '0'] },
  { name: '`cadenza --version`', run: (cli, extra) => timeCommand([cli, '--version'], extra), args: (cli) => [cli, '--version'] },
  { name: '`cadenza info` on a chorale', run: (cli, extra) => timeCommand([cli, 'info', CHORALE], extra), args: (cli) => [cli, 'info', CHORALE] },
  { name: '`cadenza analyze` on a chorale (key and roman numerals)', run: (cli, extra) => timeCommand([cli, 'analyze', CHORALE], extra), args: (cli) => [cli, 'analyze', CHORALE] },
  { name: '`cadenza serve` over stdio: `initialize` answered', run: (cli, extra) => timeServeReady(cli, false, extra), args: (cli) => [cli, 'serve'] },
  { name: '`cadenza serve` over stdio: `initialize`, then `tools/list` answered', run: (cli, extra) => timeServeReady(cli, true, extra) },
];

const summary = (runs) => ({ wall: median(runs.map((r) => r.wall)), cpu: median(runs.map((r) => r.cpu)) });

/** a fresh, empty code-cache folder for each run: the start after an install, or after Node or Cadenza changed */
let coldRuns = 0;
const coldCache = () => ({ CADENZA_CODE_CACHE_DIR: join(dataDir, `cold-${coldRuns++}`) });

/** Runs one command RUNS times on each build, alternating which goes first, after a warm-up run of each (files cached, code cache filled). */
async function measure(command) {
  const builds = BASE_CLI ? [CLI, BASE_CLI] : [CLI];
  for (const cli of builds) await command.run(cli);
  const runs = builds.map(() => []);
  const cold = [];
  for (let index = 0; index < RUNS; index++) {
    const order = index % 2 === 0 ? builds.map((_, at) => at) : builds.map((_, at) => at).reverse();
    for (const at of order) runs[at].push(await command.run(builds[at]));
    cold.push(await command.run(CLI, coldCache()));
  }
  return {
    name: command.name,
    ...summary(runs[0]),
    cold: summary(cold),
    base: BASE_CLI ? summary(runs[1]) : undefined,
    modules: command.args ? modulesLoaded(command.args(CLI)) : undefined,
    baseModules: command.args && BASE_CLI ? modulesLoaded(command.args(BASE_CLI)) : undefined,
  };
}

const loadAtStart = loadavg()[0];
const rows = [];
for (const command of COMMANDS) rows.push(await measure(command));
rmSync(dataDir, { recursive: true, force: true });

const ms = (value) => value.toFixed(0);
const ratio = (ours, theirs) => (ours / theirs).toFixed(2);
const compared = BASE_CLI
  ? [
      '',
      `Side by side with the build at \`${process.argv[compareAt + 1]}\` (its dist/cli.js), run alternately with this one (the order swapped every run), load average ${loadAtStart.toFixed(1)} at the start and ${loadavg()[0].toFixed(1)} at the end; this build's code cache warm, as from the second start on:`,
      '',
      '| command | this build wall ms | CPU ms | compared build wall ms | CPU ms | wall ratio | CPU ratio | CPU ratio beyond Node\'s start | modules (this / compared) |',
      '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
      ...rows.map((row) => `| ${row.name} | ${ms(row.wall)} | ${ms(row.cpu)} | ${ms(row.base.wall)} | ${ms(row.base.cpu)} | ${ratio(row.wall, row.base.wall)} | ${ratio(row.cpu, row.base.cpu)} | ${row === rows[0] ? '—' : ratio(row.cpu - rows[0].cpu, row.base.cpu - rows[0].base.cpu)} | ${row.modules ?? '—'} / ${row.baseModules ?? '—'} |`),
    ]
  : [];

const markdown = [
  '## CLI start-up (npm run bench:cli)',
  '',
  `Date: ${new Date().toISOString()}, Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, load average ${loadAtStart.toFixed(1)} at the start, ${loadavg()[0].toFixed(1)} at the end  `,
  `Command: \`npm run bench:cli\` (bench/cli-startup.mjs${BASE_CLI ? ' --compare DIR' : ''}): each command started ${RUNS} times after a warm-up, medians. Wall time from spawn to exit (for \`serve\`, to the \`initialize\` answer on stdout); CPU time is the process's own (user + system; for \`serve\` read from /proc at that moment, in 10 ms ticks). "Warm" is with the code cache the warm-up run wrote (every start after the first); "cold" starts each run with an empty cache folder (the first start after an install, or after Node or Cadenza changed; it also pays for writing the cache at exit). Goals: \`info\` under 150 ms wall, \`serve\` ready under 300 ms.`,
  '',
  '| command | wall ms (warm) | CPU ms (warm) | wall ms (cold) | CPU ms (cold) | modules loaded |',
  '|---|---:|---:|---:|---:|---:|',
  ...rows.map((row) => `| ${row.name} | ${ms(row.wall)} | ${ms(row.cpu)} | ${row === rows[0] ? '—' : ms(row.cold.wall)} | ${row === rows[0] ? '—' : ms(row.cold.cpu)} | ${row.modules ?? '—'} |`),
  '',
  `CPU time beyond Node's own start (warm): ${rows.slice(1).map((row) => `${row.name} ${ms(row.cpu - rows[0].cpu)} ms`).join('; ')}.`,
  ...compared,
  '',
  NOW,
  '',
  BEFORE,
  '',
].join('\n');
writeSection('cli-startup', markdown);
process.stdout.write(markdown);
