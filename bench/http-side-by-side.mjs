#!/usr/bin/env node
/**
 * Two builds of Cadenza and the SDK's bare server under the same load at the same moment, for a machine whose
 * other work changes from minute to minute (npm run bench:http measures one after another, so there a busy
 * minute lands on one server only). Usage: node bench/http-side-by-side.mjs <other checkout, built> [seconds]
 * Each server gets its own 64 autocannon clients calling analyze_key on a stored chorale (the bare server
 * answers without work), in a load-generator process of its own (one process driving all three would share
 * one event loop among them, and on a busy machine it, not the servers, would set the pace); all three run together, after a warm-up of the same length. Prints server CPU ms per
 * call (Cadenza's from /metrics, the bare server's from its /lag), calls/s, latency p99, each server's own
 * event-loop lag p99 over the measured run, and the ratios to the bare server. With RATE=n each load generator
 * offers n calls/s in all instead of as many as the server answers: CPU per call then compares the work per
 * call, apart from how each server copes with overload (on a machine whose load is tens, one that saturates
 * times calls out, and work for calls it answered too late counts against the calls it answered in time).
 * A call is given 60 s before it counts as failed.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import { headersFor, listeningUrl, post, resultOf, scrape, toolCall } from './mcp-http.mjs';

if (process.argv[2] === '--client') {
  const { url, id, seconds, rate } = JSON.parse(process.argv[3]);
  const run = await load({ url, id }, seconds, rate);
  console.log(JSON.stringify({ average: run.requests.average, total: run.requests.total, p99: run.latency.p99, failed: run.non2xx + run.errors + run.timeouts }));
  process.exit(0);
}

const OTHER = process.argv[2];
const SECONDS = Number(process.argv[3] ?? 20);
if (!OTHER) throw new Error('usage: node bench/http-side-by-side.mjs <other checkout, built> [seconds]');
const HERE = new URL('..', import.meta.url).pathname;

function spawned(args, environment) {
  const child = spawn(process.execPath, args, { env: { ...process.env, ...environment }, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr.on('data', (chunk) => (log += chunk));
  return { child, log: () => log };
}

async function cadenza(root) {
  const server = spawned([join(root, 'dist/cli.js'), 'serve', '--http', '--port', '0'], {
    CADENZA_DATA_DIR: mkdtempSync(join(tmpdir(), 'cadenza-side-')),
    CADENZA_RATE_PER_TENANT: '1000000',
    CADENZA_RATE_PER_IP: '1000000',
    CADENZA_TENANT_CONCURRENCY: '1000',
    CADENZA_MAX_CONCURRENCY: '1000',
    CADENZA_TOOL_TIMEOUT_MS: '120000',
  });
  const url = await listeningUrl(server);
  const id = resultOf((await post(url, toolCall('import_score', { corpus: 'bach/bwv66.6' }))).text).structuredContent.id;
  const base = url.replace(/\/mcp$/, '');
  // each scrape also restarts the lag histogram
  const read = async () => {
    const values = await scrape(base);
    return { cpuSeconds: values.get('cadenza_process_cpu_seconds_total'), lagP99Ms: values.get('cadenza_nodejs_eventloop_lag_p99_seconds') * 1000 };
  };
  return { child: server.child, url, id, read };
}

async function bareSdk() {
  const server = spawned([join(HERE, 'bench/sdk-baseline-server.mjs')], { JSON_RESPONSE: '0' });
  const url = await listeningUrl(server);
  const lagUrl = url.replace(/\/mcp$/, '/lag');
  const read = async () => {
    const lag = await (await fetch(lagUrl)).json();
    return { cpuSeconds: lag.cpuSeconds, lagP99Ms: lag.p99Ms };
  };
  return { child: server.child, url, id: 'any', read };
}

function load(server, seconds, rate) {
  let requestId = 1000;
  const call = toolCall('analyze_key', { id: server.id });
  return autocannon({
    url: server.url,
    connections: 64,
    duration: seconds,
    timeout: 60,
    ...(rate ? { overallRate: rate } : {}),
    requests: [{ method: 'POST', setupRequest: (request) => ({ ...request, body: JSON.stringify({ ...call, id: ++requestId }) }) }],
    setupClient: (client) => client.setHeaders(headersFor(call)),
  });
}

/** 64 clients on one server for SECONDS, from a process of their own */
function loadFromOwnProcess(server) {
  const client = spawn(process.execPath, [new URL(import.meta.url).pathname, '--client', JSON.stringify({ url: server.url, id: server.id, seconds: SECONDS, rate: Number(process.env.RATE ?? 0) })], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  client.stdout.on('data', (chunk) => (out += chunk));
  return new Promise((resolve, reject) => client.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`load generator exited ${code}`)))));
}

const loadAverage = loadavg()[0];
const servers = { [`other (${resolve(OTHER)})`]: await cadenza(OTHER), [`this (${HERE})`]: await cadenza(HERE), 'bare SDK v2 server': await bareSdk() };
const entries = Object.entries(servers);
try {
  await Promise.all(entries.map(([, server]) => loadFromOwnProcess(server)));
  const before = await Promise.all(entries.map(([, server]) => server.read()));
  const runs = await Promise.all(entries.map(([, server]) => loadFromOwnProcess(server)));
  const after = await Promise.all(entries.map(([, server]) => server.read()));
  const rows = entries.map(([name], index) => ({
    name,
    callsPerSecond: runs[index].average,
    cpuMs: ((after[index].cpuSeconds - before[index].cpuSeconds) * 1000) / runs[index].total,
    calls: runs[index].total,
    failed: runs[index].failed,
    p99: runs[index].p99,
    lagP99Ms: after[index].lagP99Ms,
  }));
  const sdk = rows.at(-1);
  const offered = process.env.RATE ? `, ${process.env.RATE} calls/s offered to each` : ', each as fast as it answers';
  console.log(`load average ${loadAverage.toFixed(1)} at the start, ${loadavg()[0].toFixed(1)} at the end; ${SECONDS} s warm-up, ${SECONDS} s measured, all three at once${offered}\n`);
  console.log('| server | calls/s | server CPU ms/call | p99 ms | loop lag p99 ms | calls | failed | calls/s ÷ bare SDK | CPU/call ÷ bare SDK |\n|---|---|---|---|---|---|---|---|---|');
  for (const row of rows) {
    console.log(`| ${row.name} | ${row.callsPerSecond.toFixed(1)} | ${row.cpuMs.toFixed(3)} | ${row.p99} | ${row.lagP99Ms.toFixed(1)} | ${row.calls} | ${row.failed} | ${(row.callsPerSecond / sdk.callsPerSecond).toFixed(2)} | ${(row.cpuMs / sdk.cpuMs).toFixed(2)} |`);
  }
} finally {
  for (const [, server] of entries) server.child.kill('SIGTERM');
}
