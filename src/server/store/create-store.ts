/** Builds the configured store backend, with the bounded cache in front; only the chosen backend's driver is loaded. */
import type { ScoreStore } from '../../mcp/ports.js';
import type { Config } from '../config.js';
import { CachedScoreStore } from './cached.js';
import { MemoryScoreStore } from './memory.js';
import type { StoreLimits } from './quotas.js';
import { sealerOf } from './sealing.js';

export interface OpenStore {
  readonly store: ScoreStore;
  /** bytes in the in-process cache (0 without one) */
  readonly cachedBytes: () => number;
  close(): Promise<void>;
}

const SWEEP_EVERY_MS = 60_000;

export async function openStore(config: Config, onCacheLookup: (hit: boolean) => void): Promise<OpenStore> {
  const limits: StoreLimits = {
    maxScoresPerTenant: config.maxScores,
    maxBytesPerTenant: config.maxTenantBytes,
    maxTotalBytes: config.store.maxTotalBytes,
    ttlSeconds: config.store.ttlSeconds,
  };
  const { backend, close } = await openBackend(config, limits);
  if (config.store.cacheBytes === 0) return { store: backend, cachedBytes: () => 0, close };
  const cached = new CachedScoreStore(backend, config.store.cacheBytes, onCacheLookup);
  return { store: cached, cachedBytes: () => cached.cachedBytes, close };
}

async function openBackend(config: Config, limits: StoreLimits): Promise<{ backend: ScoreStore; close: () => Promise<void> }> {
  if (config.store.backend === 'memory') return { backend: new MemoryScoreStore(limits), close: async () => undefined };
  if (config.store.backend === 'redis') {
    const { RedisScoreStore } = await import('./redis.js');
    const redis = new RedisScoreStore(config.store.redisUrl, limits, { prefix: config.store.redisPrefix, ...sealerOf(config) });
    return { backend: redis, close: () => redis.close() };
  }
  const { SqliteScoreStore } = await import('./sqlite.js');
  const sqlite = new SqliteScoreStore(config.store.file, limits, Date.now, sealerOf(config).sealer);
  const sweeper = setInterval(() => sqlite.sweep(), SWEEP_EVERY_MS);
  sweeper.unref();
  return {
    backend: sqlite,
    close: async () => {
      clearInterval(sweeper);
      sqlite.close();
    },
  };
}
