/**
 * Load on the HTTP server (npm run bench:http): 64 clients calling analyze_key on a stored chorale, each
 * call a stateless 2026-07-28 request,
 * through autocannon, then the same while a 10,000-measure score is imported, measuring the server's
 * event-loop lag (its own monitorEventLoopDelay, read from /metrics). Both runs once with the worker
 * pool and once with work in-process (CADENZA_WORKERS=0), side by side, and beside the SDK's bare server
 * answering without work (the ceiling the SDK sets on this machine). Writes bench/results.md.
 */
import { spawn } from 'node:child_process';
import { availableParallelism, cpus, loadavg } from 'node:os';
import autocannon from 'autocannon';
import { headersFor, listeningUrl, post, resultOf, scrape, startServer, toolCall } from './mcp-http.mjs';
import { measureListenFanout } from './listen-fanout.mjs';
import { writeSection } from './results-file.mjs';

const LISTEN_STREAMS = Number(process.env.BENCH_LISTEN_STREAMS ?? 10_000);
/** the machine's load when the run starts: other work on it shares the cores with the server and the load generator */
const LOAD_AVERAGE = loadavg()[0];

const CLIENTS = 64;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const HUGE_MEASURES = 10_000;
function hugeScore(measures) {
  const measure = (number) =>
    `<measure number="${number}">${number === 1 ? '<attributes><divisions>1</divisions><key><fifths>0</fifths></key><time><beats>4</beats><beat-type>4</beat-type></time><clef><sign>G</sign><line>2</line></clef></attributes>' : ''}` +
    ['C', 'E', 'G', 'B'].map((step) => `<note><pitch><step>${step}</step><octave>4</octave></pitch><duration>1</duration><type>quarter</type></note>`).join('') +
    '</measure>';
  const body = Array.from({ length: measures }, (_, index) => measure(index + 1)).join('');
  return `<?xml version="1.0"?><score-partwise version="4.0"><part-list><score-part id="P1"><part-name>Long</part-name></score-part></part-list><part id="P1">${body}</part></score-partwise>`;
}

let requestId = 1000;
/** the server process's CPU time (main thread and worker threads), from /metrics */
const CPU_SECONDS = 'cadenza_process_cpu_seconds_total';

async function runLoad(url, id) {
  const call = toolCall('analyze_key', { id });
  return autocannon({
    url,
    connections: CLIENTS,
    duration: SECONDS,
    // a JSON-RPC id is never reused while a request with it may still be in flight
    requests: [{ method: 'POST', setupRequest: (request) => ({ ...request, body: JSON.stringify({ ...call, id: ++requestId }) }) }],
    setupClient: (client) => client.setHeaders(headersFor(call)),
  });
}

async function measure(workers, huge) {
  const server = await startServer({ CADENZA_WORKERS: String(workers) });
  try {
    const url = await listeningUrl(server);
    const base = url.replace(/\/mcp$/, '');
    const imported = resultOf((await post(url, toolCall('import_score', { corpus: 'bach/bwv66.6' }))).text);
    const id = imported.structuredContent.id;
    const check = resultOf((await post(url, toolCall('analyze_key', { id }))).text);
    if (check.structuredContent.name !== 'F# minor') throw new Error(`unexpected answer ${JSON.stringify(check)}`);
    await runLoad(url, id); // warm-up: JIT and worker caches
    const OK_CALLS = 'cadenza_tool_calls_total{tool="analyze_key",outcome="ok"}';
    const before = await scrape(base); // this scrape also restarts the lag histogram
    const okBefore = before.get(OK_CALLS);
    const started = performance.now();
    const importing = (async () => {
      if (!huge) return { seconds: NaN, measures: 0 };
      const { text } = await post(url, toolCall('import_score', { content: huge, format: 'musicxml' }));
      const result = resultOf(text);
      if (result.isError) throw new Error(`huge import failed: ${JSON.stringify(result.content)}`);
      return { seconds: (performance.now() - started) / 1000, measures: result.structuredContent.measureCount };
    })();
    const [load, importResult] = await Promise.all([runLoad(url, id), importing]);
    const after = await scrape(base);
    const lagP99 = after.get('cadenza_nodejs_eventloop_lag_p99_seconds');
    const lagMax = after.get('cadenza_nodejs_eventloop_lag_max_seconds');
    const okAfter = after.get(OK_CALLS);
    const cpuSeconds = after.get(CPU_SECONDS) - before.get(CPU_SECONDS);
    return {
      cpuMsPerCall: (cpuSeconds * 1000) / load.requests.total,
      workers,
      callsPerSecond: load.requests.average,
      total: load.requests.total,
      p50: load.latency.p50,
      p99: load.latency.p99,
      non2xx: load.non2xx + load.errors + load.timeouts,
      okCalls: okAfter - okBefore,
      lagP99Ms: lagP99 * 1000,
      lagMaxMs: lagMax * 1000,
      importSeconds: importResult.seconds,
      importMeasures: importResult.measures,
    };
  } finally {
    server.child.kill('SIGTERM');
  }
}

/** The same load on the SDK's bare server (bench/sdk-baseline-server.mjs): the ceiling any SDK server meets here. */
async function measureSdkBaseline(jsonResponses) {
  const child = spawn(process.execPath, [new URL('./sdk-baseline-server.mjs', import.meta.url).pathname], {
    env: { ...process.env, JSON_RESPONSE: jsonResponses ? '1' : '0' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr.on('data', (chunk) => (log += chunk));
  try {
    const url = await listeningUrl({ child, log: () => log });
    const lagUrl = url.replace(/\/mcp$/, '/lag');
    await runLoad(url, 'any');
    const before = await (await fetch(lagUrl)).json();
    const load = await runLoad(url, 'any');
    const lag = await (await fetch(lagUrl)).json();
    return { cpuMsPerCall: ((lag.cpuSeconds - before.cpuSeconds) * 1000) / load.requests.total, callsPerSecond: load.requests.average, total: load.requests.total, p50: load.latency.p50, p99: load.latency.p99, non2xx: load.non2xx + load.errors + load.timeouts, lagP99Ms: lag.p99Ms, lagMaxMs: lag.maxMs };
  } finally {
    child.kill('SIGTERM');
  }
}

/** The huge import on an otherwise idle server: how long the event loop is blocked by it alone. */
async function importAlone(workers, huge) {
  const server = await startServer({ CADENZA_WORKERS: String(workers) });
  try {
    const url = await listeningUrl(server);
    const base = url.replace(/\/mcp$/, '');
    await scrape(base);
    const started = performance.now();
    const result = resultOf((await post(url, toolCall('import_score', { content: huge, format: 'musicxml' }))).text);
    if (result.isError) throw new Error(`huge import failed: ${JSON.stringify(result.content)}`);
    const seconds = (performance.now() - started) / 1000;
    const after = await scrape(base);
    return { workers, seconds, lagMaxMs: after.get('cadenza_nodejs_eventloop_lag_max_seconds') * 1000, lagP99Ms: after.get('cadenza_nodejs_eventloop_lag_p99_seconds') * 1000 };
  } finally {
    server.child.kill('SIGTERM');
  }
}

const huge = hugeScore(HUGE_MEASURES);
const threads = Math.max(1, availableParallelism());
const alone = [await importAlone(threads, huge), await importAlone(0, huge)];
const pooled = await measure(threads, huge);
const pooledQuiet = await measure(threads, null);
const inProcess = await measure(0, huge);
const baseline = await measureSdkBaseline(false);
const baselineJson = await measureSdkBaseline(true);
const listens = await measureListenFanout(LISTEN_STREAMS);
const ceiling = Math.max(baseline.callsPerSecond, baselineJson.callsPerSecond);
const row = (run, label) =>
  `| ${label} | ${Math.round(run.callsPerSecond)} | ${run.cpuMsPerCall.toFixed(3)} | ${run.p50} | ${run.p99} | ${run.lagP99Ms.toFixed(1)} | ${run.lagMaxMs.toFixed(1)} | ${Number.isNaN(run.importSeconds) ? '—' : run.importSeconds.toFixed(2)} | ${run.non2xx} | ${run.okCalls} / ${run.total} |`;
const baselineRow = (run, label) =>
  `| ${label} | ${Math.round(run.callsPerSecond)} | ${run.cpuMsPerCall.toFixed(3)} | ${run.p50} | ${run.p99} | ${run.lagP99Ms.toFixed(1)} | ${run.lagMaxMs.toFixed(1)} | — | ${run.non2xx} | — / ${run.total} |`;
const markdown = `## HTTP load: analyze_key from ${CLIENTS} concurrent clients (npm run bench:http)

${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores (${cpus()[0]?.model.trim()}), Node ${process.version}, on a shared machine: load average ${LOAD_AVERAGE.toFixed(1)}
when the run started (other jobs were using the cores, so absolute figures are low; the ratios within this one run are the comparison). The load generator
(autocannon, ${CLIENTS} keep-alive connections, each call a stateless 2026-07-28 request with no session) runs on the same machine, so server and
client share the cores. Each run: a ${SECONDS} s warm-up, then ${SECONDS} s of calls while a ${HUGE_MEASURES}-measure MusicXML score
(${(huge.length / 1e6).toFixed(1)} MB, sent inline) is imported alongside. Event-loop lag is the server's own
(monitorEventLoopDelay via /metrics) over the measured run; latencies are autocannon's, in ms.

| work runs | calls/s | server CPU ms/call | p50 ms | p99 ms | loop lag p99 ms | loop lag max ms | huge import s | refused/errors | tool calls ok / requests |
|---|---|---|---|---|---|---|---|---|---|
${row(pooled, `worker pool (${pooled.workers} threads)`)}
${row(pooledQuiet, `worker pool, no import alongside`)}
${row(inProcess, 'in-process (CADENZA_WORKERS=0)')}
${baselineRow(baseline, "SDK v2 ceiling: its bare stateless server (createMcpHandler), a tool that does nothing, answers shaped as Cadenza's (bench/sdk-baseline-server.mjs)")}
${baselineRow(baselineJson, "SDK v2 ceiling, responseMode 'json' (never streams: progress notifications dropped)")}

The ${HUGE_MEASURES}-measure import alone, on an idle server (how long it blocks the event loop):

| work runs | import s | loop lag max ms | loop lag p99 ms |
|---|---|---|---|
${alone.map((run) => `| ${run.workers ? `worker pool (${run.workers} threads)` : 'in-process (CADENZA_WORKERS=0)'} | ${run.seconds.toFixed(2)} | ${run.lagMaxMs.toFixed(1)} | ${run.lagP99Ms.toFixed(1)} |`).join('\n')}

Targets (issue 4, 2 cores): ≥ 3,000 calls/s, p99 < 25 ms, event-loop lag p99 < 20 ms.
Pool vs in-process: ${(pooled.callsPerSecond / inProcess.callsPerSecond).toFixed(2)}× the throughput, loop lag max ${(pooled.lagMaxMs).toFixed(0)} ms vs ${(inProcess.lagMaxMs).toFixed(0)} ms.
Cadenza (worker pool, no import) against the SDK v2's bare server answering without any work, same run, same transport mode:
**${(pooledQuiet.callsPerSecond / baseline.callsPerSecond).toFixed(2)}× its calls per second**, and ${(pooledQuiet.cpuMsPerCall / baseline.cpuMsPerCall).toFixed(2)}× its server CPU time per call
(${pooledQuiet.cpuMsPerCall.toFixed(3)} ms against ${baseline.cpuMsPerCall.toFixed(3)} ms; CPU per call depends less on what else the machine runs); the throughput target is ${(3000 / ceiling).toFixed(2)}× the best that bare server reaches here in either mode. At ${CLIENTS} calls in flight,
a p99 under 25 ms needs at least ${CLIENTS} / 25 ms = ${Math.round(CLIENTS / 0.025)} calls/s (Little's law), so the latency target falls with it.

### ${listens.streams.toLocaleString('en')} open subscriptions/listen streams on one server

One server (SQLite store, 1 worker thread) holds ${listens.streams.toLocaleString('en')} \`subscriptions/listen\` streams, all opened by one client process on
the same machine and all naming the same \`score://\` URI; then that score is edited ${listens.changes} times (edit_score), one at a time
(bench/listen-fanout.mjs).

| measure | value |
|---|---|
| server resident memory, before → after opening | ${listens.rssBeforeMb.toFixed(0)} MB → ${listens.rssAfterMb.toFixed(0)} MB |
| **memory per open stream** | **${(listens.bytesPerStream / 1024).toFixed(1)} KB** |
| edit sent → change read on a stream, p50 / p99 / max (${(listens.streams * listens.changes).toLocaleString('en')} deliveries) | ${listens.p50.toFixed(0)} / **${listens.p99.toFixed(0)}** / ${listens.max.toFixed(0)} ms |
| first → last stream to read one change (median of the ${listens.changes} changes) | ${listens.spreadP50.toFixed(0)} ms |
| edit_score answered (median) | ${listens.editAnswerP50.toFixed(0)} ms |

The change is announced once the edit is stored, before the edit's own answer is sent; the server then writes it to every
stream (each a socket write) while the one client process reads all ${listens.streams.toLocaleString('en')} sockets on the same 2 cores.
`;
writeSection('http-load', markdown);
console.log(markdown);
