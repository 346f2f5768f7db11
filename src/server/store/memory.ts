/**
 * Scores kept in this process's memory, per tenant. Refuses new scores past a bound rather than evicting:
 * an evicted score would be data lost without the user asking. Durable backends come later behind the
 * same interface.
 */
import { CadenzaError } from '../../core/errors.js';
import type { ScoreListing, ScoreStore, StoredScore } from '../../mcp/ports.js';

export class MemoryScoreStore implements ScoreStore {
  private readonly tenants = new Map<string, Map<string, StoredScore>>();

  constructor(private readonly maxScoresPerTenant: number) {}

  async put(tenantId: string, entry: StoredScore): Promise<void> {
    const scores = this.tenants.get(tenantId) ?? new Map<string, StoredScore>();
    if (!scores.has(entry.id) && scores.size >= this.maxScoresPerTenant) {
      throw new CadenzaError('LIMIT_EXCEEDED', `The store holds ${scores.size} scores, its limit.`, {
        hint: 'Delete scores you no longer need (delete_score), then import again.',
      });
    }
    scores.set(entry.id, entry);
    this.tenants.set(tenantId, scores);
  }

  async get(tenantId: string, id: string): Promise<StoredScore | undefined> {
    return this.tenants.get(tenantId)?.get(id);
  }

  async list(tenantId: string): Promise<readonly ScoreListing[]> {
    return [...(this.tenants.get(tenantId)?.values() ?? [])].map(toListing);
  }

  async delete(tenantId: string, id: string): Promise<boolean> {
    return this.tenants.get(tenantId)?.delete(id) ?? false;
  }
}

/** The part of a stored score that list_scores shows. */
export function toListing(entry: StoredScore): ScoreListing {
  const { title, composer } = entry.score.metadata;
  return {
    id: entry.id,
    ...(title === undefined ? {} : { title }),
    ...(composer === undefined ? {} : { composer }),
    format: entry.format,
    origin: entry.origin,
    importedAt: entry.importedAt,
  };
}
