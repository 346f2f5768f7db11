/**
 * Runs the HTTP server until SIGTERM/SIGINT, then shuts down gracefully: refuse new requests with a
 * retryable 503 (the port stays open meanwhile, so a request is refused, never reset), let requests in
 * flight on every route finish (bounded by the grace period), stop the work still running with the
 * retryable SHUTTING_DOWN and answer what is left with a 503, then close the port, the worker pool and the
 * log.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { createMcpServer } from '../../mcp/server.js';
import type { Config } from '../config.js';
import { createMetrics } from '../metrics.js';
import { createRuntime, type Runtime } from '../runtime.js';
import { createHttpApp } from './app.js';
import { InFlight } from './in-flight.js';
import { answerShuttingDown } from './shutdown.js';
import { ListenStreams } from './listen-streams.js';
import { createMcpEndpoint } from './mcp-endpoint.js';

export interface RunningHttpServer {
  readonly url: string;
  readonly runtime: Runtime;
  /** where /metrics is served when CADENZA_METRICS_PORT gives it a port of its own */
  readonly metricsUrl?: string;
  /** graceful shutdown; resolves when everything is closed */
  stop(): Promise<void>;
}

/** after the grace, how long work stopped with SHUTTING_DOWN has to send that answer */
const STOPPED_ANSWER_MS = 1000;

export async function startHttpServer(config: Config, log: Logger, version: string): Promise<RunningHttpServer> {
  const runtime = await createRuntime(config, log, version);
  const metrics = createMetrics(runtime.gauges);
  runtime.countInto(metrics);
  let stopping = false;
  const serverOptions = runtime.serverOptions(config.auth.mode !== 'none');
  const listens = new ListenStreams(runtime.changes, config.listens, (tenantId) => log.warn({ tenantId }, 'a subscriptions/listen stream read too slowly and was closed'));
  const mcp = createMcpEndpoint((era) => createMcpServer({ ...serverOptions, ...(era === 'modern' ? { subscriptions: 'listen' as const } : {}) }), {
    onerror: (error) => log.debug({ problem: error.message }, 'mcp request refused or failed'),
    bus: listens.bus,
    // the admission refuses first, with its clear errors; the SDK's bound only backs it up
    maxSubscriptions: config.listens.maxStreams + 1,
  });
  runtime.onShutdownCheck(() => stopping);
  const inFlight = new InFlight((count) => metrics.inFlight.set(count));
  const listener = createHttpApp({
    config,
    services: runtime.services,
    log,
    metrics,
    mcp,
    listens,
    ...(runtime.verifier ? { verifier: runtime.verifier } : {}),
    shuttingDown: () => stopping,
    inFlight,
    ...(runtime.redis ? { redis: runtime.redis } : {}),
    audit: runtime.audit,
  });
  const server = createServer(listener);
  server.headersTimeout = 30_000;
  server.requestTimeout = 120_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.http.port, config.http.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.http.host.includes(':') ? `[${config.http.host}]` : config.http.host}:${port}/mcp`;
  const metricsServer = config.http.metricsPort === undefined ? undefined : await (await import('./metrics-port.js')).startMetricsServer(config, metrics, config.http.metricsPort);
  log.info({ url, auth: config.auth.mode, workers: config.work.threads, ...(metricsServer ? { metricsUrl: metricsServer.url } : {}) }, 'cadenza serving over HTTP');
  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      stopping = true;
      log.info({ graceMs: config.http.shutdownGraceMs }, 'shutting down: finishing in-flight requests');
      if (!(await finishedWithin(inFlight.idle(), config.http.shutdownGraceMs))) {
        runtime.pool?.stopRunning();
        await finishedWithin(inFlight.idle(), STOPPED_ANSWER_MS);
        const unfinished = inFlight.refuseUnanswered((response) => answerShuttingDown(response.req, response));
        log.warn({ unfinished }, 'shutdown grace over: work still running was stopped with a retryable error');
      }
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await metricsServer?.close();
      await mcp.close();
      await runtime.close();
      log.info('cadenza stopped');
      log.flush();
    })());
  return { url, runtime, stop, ...(metricsServer ? { metricsUrl: metricsServer.url } : {}) };
}

/** resolves true when `done` settles within ms, false when the time runs out first */
async function finishedWithin(done: Promise<void>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeUp = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([done.then(() => true), timeUp]);
  } finally {
    clearTimeout(timer);
  }
}
