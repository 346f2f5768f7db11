/**
 * Configuration from the environment (and an optional JSON file named by CADENZA_CONFIG_FILE, which the
 * environment overrides), validated once at start: a wrong value stops the server with a message naming
 * the variable, instead of surfacing later as a strange failure.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism, homedir, platform } from 'node:os';
import { delimiter, join } from 'node:path';
import { z } from 'zod';
import { readKeyRing } from './encryption-keys.js';
import type { KeyRing } from './store/sealing.js';

const MIB = 1024 * 1024;

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const nonNegativeInt = (fallback: number) => z.coerce.number().int().min(0).default(fallback);
const url = z.string().url();
const flag = z.enum(['true', 'false', '1', '0']).default('false').transform((value) => value === 'true' || value === '1');

/** Every variable Cadenza reads, with its default; the README's configuration table mirrors this. */
const environmentSchema = z.object({
  CADENZA_ALLOWED_ROOTS: z.string().optional(),
  CADENZA_OUTPUT_ROOTS: z.string().optional(),
  CADENZA_DATA_DIR: z.string().min(1).optional(),
  CADENZA_MAX_INPUT_BYTES: positiveInt(20 * MIB),
  CADENZA_MAX_SCORES: positiveInt(1000),
  CADENZA_MAX_TENANT_BYTES: positiveInt(512 * MIB),
  CADENZA_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CADENZA_HOST: z.string().min(1).default('127.0.0.1'),
  CADENZA_PORT: z.coerce.number().int().min(0).max(65535).default(8750),
  CADENZA_PUBLIC_URL: url.optional(),
  CADENZA_ALLOWED_HOSTS: z.string().optional(),
  CADENZA_ALLOWED_ORIGINS: z.string().optional(),
  CADENZA_TRUSTED_PROXIES: z.string().optional(),
  CADENZA_METRICS_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
  CADENZA_METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  CADENZA_LOCAL_ADMIN_TOOLS: flag,
  CADENZA_AUTH: z.enum(['none', 'apikey', 'oauth']).default('none'),
  CADENZA_OAUTH_ISSUER: url.optional(),
  CADENZA_OAUTH_JWKS_URL: url.optional(),
  CADENZA_OAUTH_AUDIENCE: z.string().min(1).optional(),
  CADENZA_OAUTH_TENANT_CLAIM: z.string().min(1).default('tenant'),
  CADENZA_OAUTH_REQUIRE_TENANT: flag,
  CADENZA_OAUTH_ROLES_CLAIM: z.string().min(1).default('cadenza_roles'),
  CADENZA_WORKERS: nonNegativeInt(Math.max(1, availableParallelism())),
  CADENZA_WORKER_QUEUE: positiveInt(256),
  CADENZA_WORKER_CACHE_MB: positiveInt(64),
  CADENZA_WORKER_HEAP_MB: positiveInt(512),
  CADENZA_TOOL_TIMEOUT_MS: positiveInt(30_000),
  CADENZA_QUEUE_TIMEOUT_MS: positiveInt(30_000),
  CADENZA_RATE_PER_TENANT: positiveInt(100),
  CADENZA_RATE_PER_IP: positiveInt(200),
  CADENZA_TENANT_CONCURRENCY: positiveInt(16),
  CADENZA_MAX_CONCURRENCY: positiveInt(256),
  CADENZA_SHUTDOWN_GRACE_MS: positiveInt(10_000),
  CADENZA_OTLP_ENDPOINT: url.optional(),
  CADENZA_STORE: z.enum(['sqlite', 'redis', 'memory']).default('sqlite'),
  CADENZA_REDIS_URL: z.string().regex(/^rediss?:\/\//, 'a redis:// or rediss:// URL').default('redis://127.0.0.1:6379'),
  CADENZA_REDIS_PREFIX: z.string().min(1).max(100).default('cadenza:'),
  CADENZA_SCORE_TTL_SECONDS: nonNegativeInt(30 * 24 * 3600),
  CADENZA_MAX_TOTAL_BYTES: positiveInt(4096 * MIB),
  CADENZA_CACHE_MB: nonNegativeInt(256),
  CADENZA_ENCRYPTION_KEY: z.string().min(1).optional(),
  CADENZA_ENCRYPTION_KEY_FILE: z.string().min(1).optional(),
  CADENZA_ENCRYPTION_RETIRED_KEYS: z.string().optional(),
  CADENZA_MAX_TASKS: positiveInt(32),
  CADENZA_MAX_TASKS_PER_TENANT: positiveInt(4),
  CADENZA_TASK_TTL_MS: positiveInt(3_600_000),
  CADENZA_TASK_HEARTBEAT_MS: positiveInt(5_000),
  CADENZA_TASK_POLL_MS: positiveInt(1_000),
  CADENZA_TASK_TIMEOUT_MS: positiveInt(600_000),
  CADENZA_MAX_LISTENS: positiveInt(10_000),
  CADENZA_MAX_LISTENS_PER_TENANT: positiveInt(100),
});

export type AuthMode = 'none' | 'apikey' | 'oauth';

export interface OAuthConfig {
  readonly issuer: string;
  /** default: the issuer's metadata (jwks_uri), else `${issuer}/jwks` */
  readonly jwksUrl?: string;
  /** the resource indicator tokens must carry; default the public /mcp URL */
  readonly audience: string;
  /** token claim naming the tenant; without it the tenant is the token's subject */
  readonly tenantClaim: string;
  /** refuse tokens that lack the tenant claim instead of falling back to the subject */
  readonly requireTenantClaim?: boolean;
  /** token claim giving the member's role in each workspace of the tenant; a token without it has every role */
  readonly rolesClaim: string;
}

export interface Config {
  /** folders import_score may read from */
  readonly allowedRoots: readonly string[];
  /** folders export_score may write files into (none: it returns content only) */
  readonly outputRoots: readonly string[];
  /** where durable state (the SQLite store, API keys) lives */
  readonly dataDir: string;
  readonly maxInputBytes: number;
  /** quotas per tenant */
  readonly maxScores: number;
  readonly maxTenantBytes: number;
  readonly logLevel: string;
  readonly http: {
    readonly host: string;
    readonly port: number;
    /** how clients reach /mcp, for OAuth metadata; default http://host:port/mcp */
    readonly publicUrl: string;
    /** Host headers accepted (DNS-rebinding protection); default the loopback names when on loopback */
    readonly allowedHosts?: readonly string[];
    /** browser origins besides the server's own that may send state-changing requests */
    readonly allowedOrigins: readonly string[];
    /** proxies whose X-Forwarded-For is believed (Express "trust proxy" values); none by default */
    readonly trustedProxies: readonly string[];
    /** bearer token /metrics asks for; without it /metrics is served on loopback servers or the metrics port only */
    readonly metricsToken?: string;
    /** a port of its own for /metrics (on the same host), which the main port then does not serve */
    readonly metricsPort?: number;
    readonly shutdownGraceMs: number;
  };
  readonly auth: {
    readonly mode: AuthMode;
    readonly oauth?: OAuthConfig;
    /** offer export_tenant_data and delete_tenant_data to a client without auth (stdio, loopback HTTP) */
    readonly localAdminTools: boolean;
  };
  readonly store: {
    readonly backend: 'sqlite' | 'redis' | 'memory';
    /** the SQLite file, under the data folder */
    readonly file: string;
    readonly redisUrl: string;
    /** prefix of every key, so deployments can share a Redis */
    readonly redisPrefix: string;
    readonly ttlSeconds: number;
    readonly maxTotalBytes: number;
    /** the in-process cache of stored scores in front of the backend; 0 turns it off */
    readonly cacheBytes: number;
    /** keys for encryption at rest of scores, versions and task records (SQLite, Redis); absent: stored plain */
    readonly encryption?: KeyRing;
  };
  /** OTLP/HTTP traces endpoint (…/v1/traces); tracing is off without it */
  readonly otlpEndpoint?: string;
  readonly work: {
    readonly threads: number;
    readonly maxQueue: number;
    /** longest a call's work may run, summed over all its tasks (CADENZA_TOOL_TIMEOUT_MS) */
    readonly timeoutMs: number;
    /** longest a call's tasks may wait for a free worker, summed (CADENZA_QUEUE_TIMEOUT_MS) */
    readonly queueTimeoutMs: number;
    readonly cacheBytes: number;
    /**
     * each worker thread's V8 old-generation limit. Reaching it usually ends only that thread (the call
     * gets LIMIT_EXCEEDED), but V8 can still abort the whole process on some allocation paths, so the
     * real guard is the input limit; this one keeps a runaway from taking all the machine's memory.
     */
    readonly heapMb: number;
  };
  readonly limits: {
    /** requests per second (bursts up to the same number are allowed) */
    readonly ratePerTenant: number;
    readonly ratePerIp: number;
    readonly tenantConcurrency: number;
    readonly maxConcurrency: number;
  };
  /** long tool calls run as MCP tasks (mcp/tasks/), recorded beside the scores */
  readonly tasks: {
    /** tasks this process runs at once (CADENZA_MAX_TASKS); more are refused with BUSY */
    readonly maxRunning: number;
    /** working tasks one tenant may have across replicas (CADENZA_MAX_TASKS_PER_TENANT): TOO_MANY_TASKS */
    readonly maxWorkingPerTenant: number;
    /** how long a task and its result are kept (CADENZA_TASK_TTL_MS), and the most a 2025 client may ask for */
    readonly ttlMs: number;
    /** how often a runner marks its tasks alive; three missed beats mark them failed (CADENZA_TASK_HEARTBEAT_MS) */
    readonly heartbeatMs: number;
    /** the polling interval suggested to clients (CADENZA_TASK_POLL_MS) */
    readonly pollIntervalMs: number;
    /** how long a task's work may run, summed over its scores (CADENZA_TASK_TIMEOUT_MS); a call's is CADENZA_TOOL_TIMEOUT_MS */
    readonly timeoutMs: number;
    /** the SQLite file of task records, beside the score store's */
    readonly file: string;
  };
  /** open `subscriptions/listen` streams: this process's bound (CADENZA_MAX_LISTENS) and one tenant's (CADENZA_MAX_LISTENS_PER_TENANT) */
  readonly listens: {
    readonly maxStreams: number;
    readonly maxStreamsPerTenant: number;
  };
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** loadConfig({ CADENZA_ALLOWED_ROOTS: "/a:/b" }, "/cwd") → { allowedRoots: ["/a", "/b"], … } */
export function loadConfig(environment: NodeJS.ProcessEnv, cwd: string): Config {
  const parsed = environmentSchema.safeParse({ ...readConfigFile(environment.CADENZA_CONFIG_FILE), ...environment });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const env = parsed.data;
  const roots = splitList(env.CADENZA_ALLOWED_ROOTS, delimiter);
  const publicUrl = env.CADENZA_PUBLIC_URL ?? `http://${hostForUrl(env.CADENZA_HOST)}:${env.CADENZA_PORT}/mcp`;
  const allowedHosts = splitList(env.CADENZA_ALLOWED_HOSTS, ',');
  const dataDir = env.CADENZA_DATA_DIR ?? defaultDataDir(environment);
  checkStoreBudget(env);
  return {
    allowedRoots: roots.length > 0 ? roots : [cwd],
    outputRoots: splitList(env.CADENZA_OUTPUT_ROOTS, delimiter),
    dataDir,
    maxInputBytes: env.CADENZA_MAX_INPUT_BYTES,
    maxScores: env.CADENZA_MAX_SCORES,
    maxTenantBytes: env.CADENZA_MAX_TENANT_BYTES,
    logLevel: env.CADENZA_LOG_LEVEL,
    http: {
      host: env.CADENZA_HOST,
      port: env.CADENZA_PORT,
      publicUrl,
      ...(allowedHosts.length > 0 ? { allowedHosts } : {}),
      allowedOrigins: splitList(env.CADENZA_ALLOWED_ORIGINS, ','),
      trustedProxies: splitList(env.CADENZA_TRUSTED_PROXIES, ','),
      ...(env.CADENZA_METRICS_TOKEN ? { metricsToken: env.CADENZA_METRICS_TOKEN } : {}),
      ...(env.CADENZA_METRICS_PORT === undefined ? {} : { metricsPort: checkMetricsPort(env) }),
      shutdownGraceMs: env.CADENZA_SHUTDOWN_GRACE_MS,
    },
    auth: authConfig(env, publicUrl),
    store: {
      backend: env.CADENZA_STORE,
      file: join(dataDir, 'cadenza.db'),
      redisUrl: env.CADENZA_REDIS_URL,
      redisPrefix: env.CADENZA_REDIS_PREFIX,
      ttlSeconds: env.CADENZA_SCORE_TTL_SECONDS,
      maxTotalBytes: env.CADENZA_MAX_TOTAL_BYTES,
      cacheBytes: env.CADENZA_CACHE_MB * MIB,
      ...encryptionConfig(env),
    },
    ...(env.CADENZA_OTLP_ENDPOINT ? { otlpEndpoint: env.CADENZA_OTLP_ENDPOINT } : {}),
    work: {
      threads: env.CADENZA_WORKERS,
      maxQueue: env.CADENZA_WORKER_QUEUE,
      timeoutMs: env.CADENZA_TOOL_TIMEOUT_MS,
      queueTimeoutMs: env.CADENZA_QUEUE_TIMEOUT_MS,
      cacheBytes: env.CADENZA_WORKER_CACHE_MB * MIB,
      heapMb: env.CADENZA_WORKER_HEAP_MB,
    },
    limits: {
      ratePerTenant: env.CADENZA_RATE_PER_TENANT,
      ratePerIp: env.CADENZA_RATE_PER_IP,
      tenantConcurrency: env.CADENZA_TENANT_CONCURRENCY,
      maxConcurrency: env.CADENZA_MAX_CONCURRENCY,
    },
    tasks: {
      maxRunning: env.CADENZA_MAX_TASKS,
      maxWorkingPerTenant: env.CADENZA_MAX_TASKS_PER_TENANT,
      ttlMs: env.CADENZA_TASK_TTL_MS,
      heartbeatMs: env.CADENZA_TASK_HEARTBEAT_MS,
      pollIntervalMs: env.CADENZA_TASK_POLL_MS,
      timeoutMs: env.CADENZA_TASK_TIMEOUT_MS,
      file: join(dataDir, 'tasks.db'),
    },
    listens: { maxStreams: env.CADENZA_MAX_LISTENS, maxStreamsPerTenant: env.CADENZA_MAX_LISTENS_PER_TENANT },
  };
}

type Environment = z.infer<typeof environmentSchema>;

/** A store-wide budget below one tenant's quota would let a single tenant's imports evict every other tenant. */
function checkStoreBudget(env: Environment): void {
  if (env.CADENZA_MAX_TOTAL_BYTES >= env.CADENZA_MAX_TENANT_BYTES) return;
  throw new ConfigError(
    `Invalid configuration:\n  CADENZA_MAX_TOTAL_BYTES: ${env.CADENZA_MAX_TOTAL_BYTES} bytes for the whole store is less than one tenant's quota, CADENZA_MAX_TENANT_BYTES (${env.CADENZA_MAX_TENANT_BYTES}); raise the first or lower the second.`,
  );
}

/** the metrics port must differ from the main one (0, a free port, is always different) */
function checkMetricsPort(env: Environment): number {
  const port = env.CADENZA_METRICS_PORT!;
  if (port !== 0 && port === env.CADENZA_PORT) throw new ConfigError(`Invalid configuration:\n  CADENZA_METRICS_PORT: ${port} is CADENZA_PORT too; give metrics a port of their own.`);
  return port;
}

function encryptionConfig(env: Environment): { encryption?: KeyRing } {
  try {
    const ring = readKeyRing({ key: env.CADENZA_ENCRYPTION_KEY, keyFile: env.CADENZA_ENCRYPTION_KEY_FILE, retiredKeys: env.CADENZA_ENCRYPTION_RETIRED_KEYS });
    return ring ? { encryption: ring } : {};
  } catch (error) {
    throw new ConfigError(`Invalid configuration:\n  ${(error as Error).message}`);
  }
}

function authConfig(env: Environment, publicUrl: string): Config['auth'] {
  if (env.CADENZA_AUTH === 'none' && !isLoopback(env.CADENZA_HOST)) {
    throw new ConfigError(
      `Invalid configuration:\n  CADENZA_AUTH: "none" is allowed only on a loopback host, not ${env.CADENZA_HOST}; use "apikey" or "oauth".`,
    );
  }
  const localAdminTools = env.CADENZA_LOCAL_ADMIN_TOOLS;
  if (env.CADENZA_AUTH !== 'oauth') return { mode: env.CADENZA_AUTH, localAdminTools };
  if (!env.CADENZA_OAUTH_ISSUER) throw new ConfigError('Invalid configuration:\n  CADENZA_OAUTH_ISSUER: required when CADENZA_AUTH is "oauth".');
  return {
    mode: 'oauth',
    oauth: {
      issuer: env.CADENZA_OAUTH_ISSUER,
      ...(env.CADENZA_OAUTH_JWKS_URL ? { jwksUrl: env.CADENZA_OAUTH_JWKS_URL } : {}),
      audience: env.CADENZA_OAUTH_AUDIENCE ?? publicUrl,
      tenantClaim: env.CADENZA_OAUTH_TENANT_CLAIM,
      rolesClaim: env.CADENZA_OAUTH_ROLES_CLAIM,
      ...(env.CADENZA_OAUTH_REQUIRE_TENANT ? { requireTenantClaim: true } : {}),
    },
    localAdminTools,
  };
}

/** isLoopback("127.0.0.1") → true; isLoopback("0.0.0.0") → false */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

function hostForUrl(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

function splitList(value: string | undefined, separator: string): string[] {
  return (value ?? '').split(separator).map((item) => item.trim()).filter((item) => item !== '');
}

function readConfigFile(path: string | undefined): Record<string, unknown> {
  if (!path) return {};
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not a JSON object');
    return Object.fromEntries(Object.entries(parsed).map(([key, value]) => [key, String(value)]));
  } catch (error) {
    throw new ConfigError(`Invalid configuration:\n  CADENZA_CONFIG_FILE: cannot read ${path} (${(error as Error).message}).`);
  }
}

/** The per-user data folder of the platform's convention. */
function defaultDataDir(environment: NodeJS.ProcessEnv): string {
  const home = environment.HOME || homedir();
  if (platform() === 'win32') return join(environment.APPDATA || join(home, 'AppData', 'Roaming'), 'cadenza');
  if (platform() === 'darwin') return join(home, 'Library', 'Application Support', 'cadenza');
  return join(environment.XDG_DATA_HOME || join(home, '.local', 'share'), 'cadenza');
}
