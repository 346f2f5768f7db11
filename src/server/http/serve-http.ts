/**
 * Runs the HTTP server until SIGTERM/SIGINT, then shuts down gracefully: stop accepting, refuse new
 * requests with a retryable 503, let in-flight calls finish (bounded by the grace period), close
 * sessions, the worker pool and the log.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { createMcpServer } from '../../mcp/server.js';
import type { Config } from '../config.js';
import { createMetrics } from '../metrics.js';
import { createRuntime, type Runtime } from '../runtime.js';
import { createHttpApp } from './app.js';
import { BoundedEventStore } from './event-store.js';
import { InFlight } from './in-flight.js';
import { RedisEventStore } from './redis-event-store.js';
import { LOCAL_SESSIONS, RedisSessionDirectory } from './session-directory.js';
import { SessionManager } from './sessions.js';

export interface RunningHttpServer {
  readonly url: string;
  readonly runtime: Runtime;
  /** graceful shutdown; resolves when everything is closed */
  stop(): Promise<void>;
}

const EVENTS_PER_SESSION = 1000;
const EVENT_BYTES_PER_SESSION = 1024 * 1024;

export async function startHttpServer(config: Config, log: Logger, version: string): Promise<RunningHttpServer> {
  const runtime = await createRuntime(config, log, version);
  const metrics = createMetrics(runtime.gauges);
  runtime.countInto(metrics);
  let stopping = false;
  const sessions = new SessionManager({
    maxSessions: config.http.maxSessions,
    idleMs: config.http.sessionIdleMs,
    eventStore: (sessionId) =>
      runtime.redis
        ? new RedisEventStore(runtime.redis, `${config.store.redisPrefix}events:${sessionId}`, EVENTS_PER_SESSION, config.http.sessionIdleMs)
        : new BoundedEventStore(EVENTS_PER_SESSION, EVENT_BYTES_PER_SESSION),
    directory: runtime.redis ? new RedisSessionDirectory(runtime.redis, config.store.redisPrefix, config.http.sessionIdleMs) : LOCAL_SESSIONS,
    createServer: () => createMcpServer(runtime.serverOptions(config.auth.mode !== 'none')),
    onChange: (open) => metrics.sessions.set(open),
  });
  runtime.onShutdownCheck(() => stopping);
  const inFlight = new InFlight((count) => metrics.inFlight.set(count));
  const app = createHttpApp({
    config,
    services: runtime.services,
    log,
    metrics,
    sessions,
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
      await sessions.closeAll();
      server.closeAllConnections();
      await runtime.close();
      log.info('cadenza stopped');
      log.flush();
    })());
  return { url, runtime, stop };
}

/**
 * Stops accepting connections and waits for in-flight MCP requests, at most graceMs. Open SSE streams
 * do not hold shutdown up: they end when the sessions close.
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
