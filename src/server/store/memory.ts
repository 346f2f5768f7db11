/**
 * Scores kept in this process's memory, per tenant, for tests and throwaway use: gone on restart.
 * Refuses new scores past the quotas (also the total) rather than evicting; no expiry.
 */
import { CadenzaError } from '../../core/errors.js';
import type { PastVersion, Revision, ScoreListing, ScoreStore, StoredScore, TenantUsage } from '../../mcp/ports.js';
import { scoreChecksum } from './checksum.js';
import { checkTenantId, tenantScoreKey } from './keys.js';
import { checkQuota, checkRevisionQuota, droppedOldest, historyBounds, scoreExists, versionConflict, type StoreLimits } from './quotas.js';

export class MemoryScoreStore implements ScoreStore {
  private readonly tenants = new Map<string, Map<string, StoredScore>>();
  /** older versions by tenantScoreKey, oldest first */
  private readonly histories = new Map<string, PastVersion[]>();

  constructor(private readonly limits: Pick<StoreLimits, 'maxScoresPerTenant' | 'maxBytesPerTenant' | 'maxTotalBytes' | 'maxVersionsPerScore' | 'maxHistoryBytesPerScore'>) {}

  async put(tenantId: string, entry: StoredScore): Promise<void> {
    const scores = this.scoresOf(tenantId, entry.id) ?? new Map<string, StoredScore>();
    const existing = scores.get(entry.id);
    if (existing) {
      if (sameScore(existing, entry)) return;
      throw scoreExists(entry.id);
    }
    checkQuota({ ...this.limits, ttlSeconds: 0 }, this.usageOf(tenantId, scores), entry.data.byteLength);
    const { bytes } = await this.totals();
    if (bytes + entry.data.byteLength > this.limits.maxTotalBytes) {
      throw new CadenzaError('QUOTA_EXCEEDED', 'The server holds as many scores as it may.', { hint: 'Delete scores you no longer need, or ask the operator for more room.' });
    }
    scores.set(entry.id, entry);
    this.tenants.set(tenantId, scores);
  }

  async get(tenantId: string, id: string): Promise<StoredScore | undefined> {
    return this.scoresOf(tenantId, id)?.get(id);
  }

  async touch(tenantId: string, id: string): Promise<boolean> {
    return this.scoresOf(tenantId, id)?.has(id) ?? false;
  }

  async currentVersion(tenantId: string, id: string): Promise<number | undefined> {
    const stored = this.scoresOf(tenantId, id)?.get(id);
    return stored && (stored.revision?.version ?? 1);
  }

  async commit(tenantId: string, { entry, baseVersion, replaced }: Revision): Promise<void> {
    const scores = this.scoresOf(tenantId, entry.id);
    const current = scores?.get(entry.id);
    if (!scores || !current) throw new CadenzaError('SCORE_NOT_FOUND', `No score with id "${entry.id}".`);
    const version = current.revision?.version ?? 1;
    if (version !== baseVersion) throw versionConflict(entry.id, baseVersion, version);
    const key = tenantScoreKey(tenantId, entry.id);
    const history = [...(this.histories.get(key) ?? []), replaced];
    const kept = history.slice(droppedOldest(history.map((past) => past.delta.byteLength), historyBounds({ ...this.limits, ttlSeconds: 0 })));
    const oldBytes = current.data.byteLength + historyBytes(this.histories.get(key));
    checkRevisionQuota({ ...this.limits, ttlSeconds: 0 }, this.usageOf(tenantId, scores), oldBytes, entry.data.byteLength + historyBytes(kept));
    scores.set(entry.id, entry);
    this.histories.set(key, kept);
  }

  async history(tenantId: string, id: string): Promise<readonly PastVersion[]> {
    return this.scoresOf(tenantId, id)?.has(id) ? (this.histories.get(tenantScoreKey(tenantId, id)) ?? []) : [];
  }

  async list(tenantId: string): Promise<readonly ScoreListing[]> {
    checkTenantId(tenantId);
    return [...(this.tenants.get(tenantId)?.values() ?? [])].map(toListing);
  }

  async delete(tenantId: string, id: string): Promise<boolean> {
    this.histories.delete(tenantScoreKey(tenantId, id));
    return this.scoresOf(tenantId, id)?.delete(id) ?? false;
  }

  /** nothing here can be damaged on disk */
  async problems(): Promise<readonly string[]> {
    return [];
  }

  /** nothing is ever evicted here, so holding is free */
  hold(): () => void {
    return () => undefined;
  }

  async usage(tenantId: string): Promise<TenantUsage> {
    return this.usageOf(tenantId, this.tenants.get(tenantId) ?? new Map());
  }

  async deleteTenant(tenantId: string): Promise<number> {
    for (const id of this.tenants.get(tenantId)?.keys() ?? []) this.histories.delete(tenantScoreKey(tenantId, id));
    const count = this.tenants.get(tenantId)?.size ?? 0;
    this.tenants.delete(tenantId);
    return count;
  }

  /** the tenant's scores, after checking the tenant name and the id as every store does */
  private scoresOf(tenantId: string, id: string): Map<string, StoredScore> | undefined {
    tenantScoreKey(tenantId, id);
    return this.tenants.get(tenantId);
  }

  async totals(): Promise<TenantUsage> {
    let scores = 0;
    let bytes = 0;
    for (const [tenantId, tenant] of this.tenants) {
      const usage = this.usageOf(tenantId, tenant);
      scores += usage.scores;
      bytes += usage.bytes;
    }
    return { scores, bytes };
  }

  /** the tenant's scores and bytes, older versions included */
  private usageOf(tenantId: string, scores: ReadonlyMap<string, StoredScore>): TenantUsage {
    let bytes = 0;
    for (const entry of scores.values()) bytes += entry.data.byteLength + historyBytes(this.histories.get(tenantScoreKey(tenantId, entry.id)));
    return { scores: scores.size, bytes };
  }
}

function historyBytes(history: readonly PastVersion[] | undefined): number {
  return (history ?? []).reduce((sum, past) => sum + past.delta.byteLength, 0);
}

/** the same score put again (a retried put), not a different one under the same id */
function sameScore(stored: StoredScore, entry: StoredScore): boolean {
  const { data: storedData, ...storedMeta } = stored;
  const { data, ...meta } = entry;
  return scoreChecksum(JSON.stringify(storedMeta), storedData) === scoreChecksum(JSON.stringify(meta), data);
}

/** The part of a stored score that list_scores shows. */
export function toListing(entry: Omit<StoredScore, 'data'>): ScoreListing {
  const { title, composer } = entry.summary.metadata;
  return {
    id: entry.id,
    ...(title === undefined ? {} : { title }),
    ...(composer === undefined ? {} : { composer }),
    format: entry.format,
    origin: entry.origin,
    importedAt: entry.importedAt,
  };
}
