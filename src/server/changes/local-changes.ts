/**
 * Score changes fanned out inside one process: listeners are kept per tenant, so a change reaches only
 * its tenant's listeners and costs nothing for the others'. The Redis feed delivers through one of these.
 */
import type { ScoreChangeFeed, ScoreChangeListener } from '../../mcp/score-changes.js';

/** A feed that can also be told of changes (by the store that made them, or by a replica through Redis). */
export interface ScoreChangeHub extends ScoreChangeFeed {
  /** a tenant's score changed: tell its listeners, in this process and (with Redis) on every replica */
  announce(tenantId: string, scoreId: string): void;
  close(): Promise<void>;
}

export class LocalScoreChanges implements ScoreChangeHub {
  private readonly listeners = new Map<string, Set<ScoreChangeListener>>();

  constructor(private readonly onListenerError: (error: unknown) => void = () => undefined) {}

  listen(tenantId: string, listener: ScoreChangeListener): () => void {
    let mine = this.listeners.get(tenantId);
    if (!mine) this.listeners.set(tenantId, (mine = new Set()));
    mine.add(listener);
    return () => {
      if (!mine.delete(listener)) return;
      if (mine.size === 0 && this.listeners.get(tenantId) === mine) this.listeners.delete(tenantId);
    };
  }

  announce(tenantId: string, scoreId: string): void {
    const mine = this.listeners.get(tenantId);
    if (!mine) return;
    // a copy: a listener may stop listening (a stream closed as too slow) while the change is delivered
    for (const listener of [...mine]) {
      try {
        listener(scoreId);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }

  /** how many listeners are registered, over all tenants (for metrics and tests) */
  get size(): number {
    let count = 0;
    for (const mine of this.listeners.values()) count += mine.size;
    return count;
  }

  async close(): Promise<void> {
    this.listeners.clear();
  }
}
