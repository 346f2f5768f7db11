/**
 * Everything a serving process holds, built once from the configuration: worker pool, store, services,
 * metrics, credential verifier, logs. Shared by the stdio and HTTP transports. The optional parts (a
 * Redis connection, OAuth, tracing, the store's driver) are loaded only when configured, so a desktop
 * client's stdio server starts without them.
 */
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { ServerOptions } from '../mcp/server.js';
import { InlineWork } from '../mcp/inline-work.js';
import { NATIVE_CODEC } from './native-zlib.js';
import type { ScoreWork, Services } from '../mcp/ports.js';
import { TOOLS } from '../mcp/tools/index.js';
import { rolesOfAuth, tenantOfAuth, type TokenVerifier } from './auth/verifier.js';
import type { ApiKeySource } from './auth/api-keys.js';
import type { Config } from './config.js';
import { cachedTotals } from './cached-totals.js';
import { ServerHealth } from './health.js';
import type { GaugeSources, Metrics } from './metrics.js';
import { createServices } from './services.js';
import { AnnouncingScoreStore } from './changes/announcing-store.js';
import type { ScoreChangeHub } from './changes/local-changes.js';
import { openScoreChanges } from './changes/open-changes.js';
import { openStore } from './store/create-store.js';
import { openTaskRunner } from './tasks.js';
import { PoolWork, type PoolStats } from './work/pool.js';

export interface Runtime {
  readonly services: Services;
  /** what the metrics' gauges read at scrape time */
  readonly gauges: GaugeSources;
  /** from now on, counts tool calls and cache lookups into these metrics (HTTP's /metrics; stdio has none, and loads no prom-client) */
  countInto(metrics: Metrics): void;
  /** the worker pool, absent when CADENZA_WORKERS=0 runs work in-process */
  readonly pool?: PoolWork;
  readonly verifier?: TokenVerifier;
  /** a Redis connection for what replicas share besides scores (rate limits), when the store is Redis */
  readonly redis?: Redis;
  /** one JSON line per write and per auth failure: who, what, when, outcome */
  readonly audit: Logger;
  /** each stored score's changes, heard by `subscriptions/listen` streams and subscribed stdio clients */
  readonly changes: ScoreChangeHub;
  serverOptions(enforceScopes: boolean): ServerOptions;
  /** lets the transport tell readiness that it is shutting down */
  onShutdownCheck(check: () => boolean): void;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  /** start the worker threads with the first task that needs one (stdio), rather than at once (HTTP, which warms up before traffic) */
  readonly startWorkersOnFirstTask?: boolean;
}

export async function createRuntime(config: Config, log: Logger, version: string, options: RuntimeOptions = {}): Promise<Runtime> {
  const onWorkerError = (error: Error) => log.error({ err: error }, 'worker thread died; piscina replaces it');
  const pool = config.work.threads > 0 ? new PoolWork({ ...config.work, onWorkerError, startOnFirstTask: options.startWorkersOnFirstTask ?? false }) : undefined;
  const work: ScoreWork = pool ?? new InlineWork(undefined, NATIVE_CODEC);
  const stats = (): PoolStats => pool?.stats() ?? IN_PROCESS;
  let metrics: Metrics | undefined;
  const opened = await openStore(config, (hit) => metrics?.storeCache.inc({ result: hit ? 'hit' : 'miss' }));
  const redis = config.store.backend === 'redis' ? (await import('./store/redis-connection.js')).connectRedis(config.store.redisUrl) : undefined;
  const changes = await openScoreChanges(config, redis, log);
  const store = new AnnouncingScoreStore(opened.store, changes);
  const damage = await store.problems().catch(() => []);
  if (damage.length > 0) log.error({ problems: damage }, 'the score store is damaged: /ready stays false until it is restored from a backup (cadenza restore)');
  let shuttingDown = () => false;
  const totals = cachedTotals(() => store.totals());
  const health = new ServerHealth({ totals, problems: () => store.problems(), workers: () => (pool ? stats().threads : 'in-process'), shuttingDown: () => shuttingDown() });
  const services = createServices(config, { work, store, health });
  const gauges: GaugeSources = {
    queueDepth: () => stats().queued,
    workerUtilization: () => stats().utilization,
    workerThreads: () => stats().threads,
    storedScores: totals,
    cachedBytes: opened.cachedBytes,
  };
  pool?.onCacheLookup((hit) => metrics?.workerCache.inc({ result: hit ? 'hit' : 'miss' }));
  const audit = log.child({ audit: true });
  const verifier = await verifierFor(config, log, redis);
  const tracing = config.otlpEndpoint ? (await import('./tracing.js')).startTracing(config.otlpEndpoint, version) : undefined;
  const tasks = await openTaskRunner(config, log);
  return {
    services,
    gauges,
    countInto: (counted) => {
      metrics = counted;
    },
    ...(pool ? { pool } : {}),
    ...(verifier ? { verifier } : {}),
    ...(redis ? { redis } : {}),
    audit,
    changes,
    serverOptions: (enforceScopes) => ({
      services,
      log,
      version,
      tenantOf: tenantOfAuth,
      rolesOf: rolesOfAuth,
      enforceScopes,
      tools: offeredTools(config, enforceScopes),
      tasks: tasks.runner,
      ...(tracing ? { tracer: tracing.tools } : {}),
      observe: (event) => {
        metrics?.toolCalls.inc({ tool: event.tool, outcome: event.outcome });
        metrics?.toolSeconds.observe({ tool: event.tool }, event.seconds);
        if (AUDITED.has(event.tool)) audit.info({ event: 'tool_call', ...event }, event.tool);
      },
    }),
    onShutdownCheck: (check) => {
      shuttingDown = check;
    },
    close: async () => {
      await tasks.close();
      await pool?.close();
      await opened.close();
      await changes.close();
      await redis?.quit().catch(() => redis.disconnect());
      await tracing?.shutdown();
    },
  };
}

/** the keys file in the data folder, or Redis (where every replica reads them) when the store is Redis */
async function apiKeySource(config: Config, log: Logger, redis: Redis | undefined): Promise<ApiKeySource> {
  const [{ apiKeysFile, readApiKeys }, { ApiKeyFile }] = await Promise.all([import('./auth/api-keys.js'), import('./auth/api-key-file.js')]);
  const file = apiKeysFile(config.dataDir);
  readApiKeys(file); // a broken keys file stops the start with its message, rather than refusing every key later
  if (!redis) return new ApiKeyFile(file);
  const [{ RedisApiKeys }, { redisKeys }] = await Promise.all([import('./auth/api-key-redis.js'), import('./store/keys.js')]);
  const keys = new RedisApiKeys(redis, redisKeys(config.store.redisPrefix));
  const imported = await keys.importFile(file);
  if (imported > 0) log.warn({ file, imported }, 'API keys imported from the keys file into Redis, where every replica reads them; the file is no longer read');
  return keys;
}

const IN_PROCESS: PoolStats = { threads: 0, queued: 0, utilization: 0, completed: 0 };

/** Tools that change or export stored data; each call is audited. */
const AUDITED = new Set(['import_score', 'delete_score', 'share_score', 'delete_tenant_data', 'export_tenant_data']);

/**
 * A client without credentials (stdio, loopback HTTP without auth) is not offered the tenant-wide admin
 * tools unless the operator asks for them (CADENZA_LOCAL_ADMIN_TOOLS): a desktop agent should not be one
 * prompt away from erasing everything.
 */
function offeredTools(config: Config, authenticated: boolean) {
  return authenticated || config.auth.localAdminTools ? TOOLS : LOCAL_TOOLS;
}

/** what a client without credentials is offered by default (the desktop bundle's manifest lists these) */
export const LOCAL_TOOLS = TOOLS.filter((tool) => tool.scope !== 'admin');

async function verifierFor(config: Config, log: Logger, redis: Redis | undefined): Promise<TokenVerifier | undefined> {
  if (config.auth.mode === 'apikey') {
    const { ApiKeyVerifier } = await import('./auth/api-keys.js');
    return new ApiKeyVerifier(await apiKeySource(config, log, redis));
  }
  if (config.auth.mode === 'oauth' && config.auth.oauth) return new (await import('./auth/oauth.js')).OAuthVerifier(config.auth.oauth);
  return undefined;
}
