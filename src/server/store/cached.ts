/**
 * A bounded in-process cache (lru-cache, sized by bytes) in front of any store. A hit still asks the
 * backend whether the score exists and at which version (a touch, which also restarts its TTL), so a
 * score deleted or changed through another replica is never served from here; what a hit saves is moving
 * and copying the score's bytes.
 */
import { LRUCache } from 'lru-cache';
import type { PastVersion, Revision, ScoreListing, ScoreStore, StoredScore, TenantUsage } from '../../mcp/ports.js';
import { tenantKeyPrefix, tenantScoreKey } from './keys.js';

export class CachedScoreStore implements ScoreStore {
  private readonly cache: LRUCache<string, StoredScore>;

  constructor(
    private readonly backend: ScoreStore,
    maxBytes: number,
    private readonly onLookup: (hit: boolean) => void = () => undefined,
  ) {
    this.cache = new LRUCache<string, StoredScore>({ maxSize: maxBytes, sizeCalculation: (entry) => Math.max(1, entry.data.byteLength) });
  }

  async put(tenantId: string, entry: StoredScore): Promise<void> {
    await this.backend.put(tenantId, entry);
    this.cache.set(tenantScoreKey(tenantId, entry.id), entry);
  }

  async get(tenantId: string, id: string): Promise<StoredScore | undefined> {
    const cached = this.cache.get(tenantScoreKey(tenantId, id));
    if (cached && (await this.backend.currentVersion(tenantId, id)) === (cached.revision?.version ?? 1)) {
      this.onLookup(true);
      return cached;
    }
    this.onLookup(false);
    const stored = await this.backend.get(tenantId, id);
    if (stored) this.cache.set(tenantScoreKey(tenantId, id), stored);
    else this.cache.delete(tenantScoreKey(tenantId, id));
    return stored;
  }

  touch(tenantId: string, id: string): Promise<boolean> {
    return this.backend.touch(tenantId, id);
  }

  currentVersion(tenantId: string, id: string): Promise<number | undefined> {
    return this.backend.currentVersion(tenantId, id);
  }

  async commit(tenantId: string, revision: Revision): Promise<void> {
    const key = tenantScoreKey(tenantId, revision.entry.id);
    this.cache.delete(key);
    await this.backend.commit(tenantId, revision);
    this.cache.set(key, revision.entry);
  }

  history(tenantId: string, id: string): Promise<readonly PastVersion[]> {
    return this.backend.history(tenantId, id);
  }

  list(tenantId: string): Promise<readonly ScoreListing[]> {
    return this.backend.list(tenantId);
  }

  async delete(tenantId: string, id: string): Promise<boolean> {
    this.cache.delete(tenantScoreKey(tenantId, id));
    return this.backend.delete(tenantId, id);
  }

  usage(tenantId: string): Promise<TenantUsage> {
    return this.backend.usage(tenantId);
  }

  async deleteTenant(tenantId: string): Promise<number> {
    const prefix = tenantKeyPrefix(tenantId);
    for (const cachedKey of this.cache.keys()) if (cachedKey.startsWith(prefix)) this.cache.delete(cachedKey);
    return this.backend.deleteTenant(tenantId);
  }

  problems(): Promise<readonly string[]> {
    return this.backend.problems();
  }

  totals(): Promise<TenantUsage> {
    return this.backend.totals();
  }

  hold(tenantId: string, ids: readonly string[]): () => void {
    return this.backend.hold(tenantId, ids);
  }

  /** bytes held in the cache now */
  get cachedBytes(): number {
    return this.cache.calculatedSize;
  }
}

