/**
 * Decoded scores kept for reuse, bounded by an estimate of their decoded size (not the compressed one,
 * which is ten times smaller): decoding a chorale costs about ten times its key analysis, so each
 * thread that computes keeps the scores it was given.
 */
import { LRUCache } from 'lru-cache';
import type { LoadedScore, StoredScore } from './ports.js';
import { loadStored } from './work.js';

export class DecodedScores {
  private readonly sizes = new Map<string, number>();
  private readonly scores: LRUCache<string, LoadedScore>;

  constructor(maxBytes: number) {
    this.scores = new LRUCache<string, LoadedScore>({
      maxSize: maxBytes,
      sizeCalculation: (_score, key) => this.sizes.get(key) ?? 1,
      dispose: (_score, key) => this.sizes.delete(key),
    });
  }

  /** the cached score, else the decoded `data` (cached when it fits), else undefined */
  get(key: string, stored?: Omit<StoredScore, 'data'>, data?: Uint8Array): LoadedScore | undefined {
    const cached = this.scores.get(key);
    if (cached || !stored || !data) return cached;
    const { loaded, memoryBytes } = loadStored(stored, data);
    this.sizes.set(key, Math.max(1, memoryBytes));
    this.scores.set(key, loaded);
    // lru-cache silently refuses an item larger than the whole cache
    if (!this.scores.has(key)) this.sizes.delete(key);
    return loaded;
  }
}

/** the cache key of a stored score of a tenant: ids are unique per tenant, importedAt guards reuse, the version tells edits apart */
export function scoreKey(tenantId: string, stored: Pick<StoredScore, 'id' | 'importedAt' | 'revision'>): string {
  return `${tenantId}\n${stored.id}\n${stored.importedAt}\n${stored.revision?.version ?? 1}`;
}
