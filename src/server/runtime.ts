/**
 * Everything a serving process holds, built once from the configuration: worker pool, store, services,
 * metrics, credential verifier, logs. Shared by the stdio and HTTP transports.
 */
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { ServerOptions } from '../mcp/server.js';
import { InlineWork } from '../mcp/inline-work.js';
import type { ScoreWork, Services } from '../mcp/ports.js';
import { TOOLS } from '../mcp/tools/index.js';
import { ApiKeyFile } from './auth/api-key-file.js';
import { ApiKeyVerifier, apiKeysFile, readApiKeys } from './auth/api-keys.js';
import { OAuthVerifier } from './auth/oauth.js';
import { tenantOfAuth, type TokenVerifier } from './auth/verifier.js';
import type { Config } from './config.js';
import { cachedTotals } from './cached-totals.js';
import { ServerHealth } from './health.js';
import { createMetrics, type Metrics } from './metrics.js';
import { createServices } from './services.js';
import { openStore } from './store/create-store.js';
import { connectRedis } from './store/redis-connection.js';
import { startTracing } from './tracing.js';
import { PoolWork, type PoolStats } from './work/pool.js';

export interface Runtime {
  readonly services: Services;
  readonly metrics: Metrics;
  /** the worker pool, absent when CADENZA_WORKERS=0 runs work in-process */
  readonly pool?: PoolWork;
  readonly verifier?: TokenVerifier;
  /** a Redis connection for what replicas share besides scores (sessions, events, rate limits), when the store is Redis */
  readonly redis?: Redis;
  /** one JSON line per write and per auth failure: who, what, when, outcome */
  readonly audit: Logger;
  serverOptions(enforceScopes: boolean): ServerOptions;
  /** lets the transport tell readiness that it is shutting down */
  onShutdownCheck(check: () => boolean): void;
  close(): Promise<void>;
}

export async function createRuntime(config: Config, log: Logger, version: string): Promise<Runtime> {
  const pool = config.work.threads > 0 ? new PoolWork({ ...config.work, onWorkerError: (error) => log.error({ err: error }, 'worker thread died; piscina replaces it') }) : undefined;
  const work: ScoreWork = pool ?? new InlineWork();
  const stats = (): PoolStats => pool?.stats() ?? IN_PROCESS;
  let onCacheLookup: (hit: boolean) => void = () => undefined;
  const opened = openStore(config, (hit) => onCacheLookup(hit));
  const store = opened.store;
  const damage = await store.problems().catch(() => []);
  if (damage.length > 0) log.error({ problems: damage }, 'the score store is damaged: /ready stays false until it is restored from a backup (cadenza restore)');
  let shuttingDown = () => false;
  const totals = cachedTotals(() => store.totals());
  const health = new ServerHealth({ totals, problems: () => store.problems(), workers: () => (pool ? stats().threads : 'in-process'), shuttingDown: () => shuttingDown() });
  const services = createServices(config, { work, store, health });
  const metrics = createMetrics({
    queueDepth: () => stats().queued,
    workerUtilization: () => stats().utilization,
    workerThreads: () => stats().threads,
    storedScores: totals,
    cachedBytes: opened.cachedBytes,
  });
  pool?.onCacheLookup((hit) => metrics.workerCache.inc({ result: hit ? 'hit' : 'miss' }));
  onCacheLookup = (hit) => metrics.storeCache.inc({ result: hit ? 'hit' : 'miss' });
  const audit = log.child({ audit: true });
  const verifier = verifierFor(config);
  const redis = config.store.backend === 'redis' ? connectRedis(config.store.redisUrl) : undefined;
  const tracing = config.otlpEndpoint ? startTracing(config.otlpEndpoint, version) : undefined;
  return {
    services,
    metrics,
    ...(pool ? { pool } : {}),
    ...(verifier ? { verifier } : {}),
    ...(redis ? { redis } : {}),
    audit,
    serverOptions: (enforceScopes) => ({
      services,
      log,
      version,
      tenantOf: tenantOfAuth,
      enforceScopes,
      tools: offeredTools(config, enforceScopes),
      ...(tracing ? { tracer: tracing.tools } : {}),
      observe: (event) => {
        metrics.toolCalls.inc({ tool: event.tool, outcome: event.outcome });
        metrics.toolSeconds.observe({ tool: event.tool }, event.seconds);
        if (AUDITED.has(event.tool)) audit.info({ event: 'tool_call', ...event }, event.tool);
      },
    }),
    onShutdownCheck: (check) => {
      shuttingDown = check;
    },
    close: async () => {
      await pool?.close();
      await opened.close();
      await redis?.quit().catch(() => redis.disconnect());
      await tracing?.shutdown();
    },
  };
}

const IN_PROCESS: PoolStats = { threads: 0, queued: 0, utilization: 0, completed: 0 };

/** Tools that change or export stored data; each call is audited. */
const AUDITED = new Set(['import_score', 'delete_score', 'delete_tenant_data', 'export_tenant_data']);

/**
 * A client without credentials (stdio, loopback HTTP without auth) is not offered the tenant-wide admin
 * tools unless the operator asks for them (CADENZA_LOCAL_ADMIN_TOOLS): a desktop agent should not be one
 * prompt away from erasing everything.
 */
function offeredTools(config: Config, authenticated: boolean) {
  if (authenticated || config.auth.localAdminTools) return TOOLS;
  return TOOLS.filter((tool) => tool.scope !== 'admin');
}

function verifierFor(config: Config): TokenVerifier | undefined {
  if (config.auth.mode === 'apikey') {
    const file = apiKeysFile(config.dataDir);
    readApiKeys(file); // a broken keys file stops the start with its message, rather than refusing every key later
    return new ApiKeyVerifier(new ApiKeyFile(file));
  }
  if (config.auth.mode === 'oauth' && config.auth.oauth) return new OAuthVerifier(config.auth.oauth);
  return undefined;
}
