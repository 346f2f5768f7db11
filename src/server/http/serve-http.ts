/**
 * Runs the HTTP server until SIGTERM/SIGINT, then shuts down gracefully: stop accepting, refuse new
 * requests with a retryable 503, let in-flight calls finish (bounded by the grace period), abort what
 * is left, close the worker pool and the log.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { createMcpServer } from '../../mcp/server.js';
import type { Config } from '../config.js';
import { createRuntime, type Runtime } from '../runtime.js';
import { createHttpApp } from './app.js';
import { InFlight } from './in-flight.js';
import { createMcpEndpoint } from './mcp-endpoint.js';

export interface RunningHttpServer {
  readonly url: string;
  readonly runtime: Runtime;
  /** graceful shutdown; resolves when everything is closed */
  stop(): Promise<void>;
}

export async function startHttpServer(config: Config, log: Logger, version: string): Promise<RunningHttpServer> {
  const runtime = await createRuntime(config, log, version);
  let stopping = false;
  const serverOptions = runtime.serverOptions(config.auth.mode !== 'none');
  const mcp = createMcpEndpoint(() => createMcpServer(serverOptions), (error) => log.debug({ problem: error.message }, 'mcp request refused or failed'));
  runtime.onShutdownCheck(() => stopping);
  const inFlight = new InFlight((count) => runtime.metrics.inFlight.set(count));
  const app = createHttpApp({
    config,
    services: runtime.services,
    log,
    metrics: runtime.metrics,
    mcp,
    ...(runtime.verifier ? { verifier: runtime.verifier } : {}),
    shuttingDown: () => stopping,
    inFlight,
    ...(runtime.redis ? { redis: runtime.redis } : {}),
    audit: runtime.audit,
  });
  const server = createServer(app);
  server.headersTimeout = 30_000;
  server.requestTimeout = 120_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.http.port, config.http.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.http.host.includes(':') ? `[${config.http.host}]` : config.http.host}:${port}/mcp`;
  log.info({ url, auth: config.auth.mode, workers: config.work.threads }, 'cadenza serving over HTTP');
  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      stopping = true;
      log.info({ graceMs: config.http.shutdownGraceMs }, 'shutting down: finishing in-flight requests');
      await drain(server, inFlight, config.http.shutdownGraceMs);
      await mcp.close();
      server.closeAllConnections();
      await runtime.close();
      log.info('cadenza stopped');
      log.flush();
    })());
  return { url, runtime, stop };
}

/**
 * Stops accepting connections and waits for in-flight MCP requests, at most graceMs. Open
 * subscription streams do not hold shutdown up: closing the endpoint ends them.
 */
async function drain(server: Server, inFlight: InFlight, graceMs: number): Promise<void> {
  server.close();
  server.closeIdleConnections();
  const idleSweep = setInterval(() => server.closeIdleConnections(), 100);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
  await Promise.race([inFlight.idle(), deadline]);
  clearTimeout(timer);
  clearInterval(idleSweep);
}
