/**
 * A score store that announces each change it makes: a new or replaced score (put), a new version (edit,
 * revert: commit), a deletion, a tenant's erasure. Announced after the write succeeded, so a listener that
 * re-reads the score sees the change.
 */
import type { PastVersion, Revision, ScoreListing, ScoreStore, StoredScore, TenantUsage } from '../../mcp/ports.js';
import type { ScoreChangeHub } from './local-changes.js';

export class AnnouncingScoreStore implements ScoreStore {
  constructor(private readonly store: ScoreStore, private readonly changes: ScoreChangeHub) {}

  async put(tenantId: string, entry: StoredScore): Promise<void> {
    await this.store.put(tenantId, entry);
    this.changes.announce(tenantId, entry.id);
  }

  async commit(tenantId: string, revision: Revision): Promise<void> {
    await this.store.commit(tenantId, revision);
    this.changes.announce(tenantId, revision.entry.id);
  }

  async delete(tenantId: string, id: string): Promise<boolean> {
    const deleted = await this.store.delete(tenantId, id);
    if (deleted) this.changes.announce(tenantId, id);
    return deleted;
  }

  async deleteTenant(tenantId: string): Promise<number> {
    const erased = await this.store.list(tenantId);
    const count = await this.store.deleteTenant(tenantId);
    for (const { id } of erased) this.changes.announce(tenantId, id);
    return count;
  }

  get(tenantId: string, id: string): Promise<StoredScore | undefined> {
    return this.store.get(tenantId, id);
  }

  touch(tenantId: string, id: string): Promise<boolean> {
    return this.store.touch(tenantId, id);
  }

  currentVersion(tenantId: string, id: string): Promise<number | undefined> {
    return this.store.currentVersion(tenantId, id);
  }

  history(tenantId: string, id: string): Promise<readonly PastVersion[]> {
    return this.store.history(tenantId, id);
  }

  list(tenantId: string): Promise<readonly ScoreListing[]> {
    return this.store.list(tenantId);
  }

  usage(tenantId: string): Promise<TenantUsage> {
    return this.store.usage(tenantId);
  }

  problems(): Promise<readonly string[]> {
    return this.store.problems();
  }

  totals(): Promise<TenantUsage> {
    return this.store.totals();
  }

  hold(tenantId: string, ids: readonly string[]): () => void {
    return this.store.hold(tenantId, ids);
  }
}
