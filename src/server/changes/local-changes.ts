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

/** listeners told of a change in one turn of the event loop (about 10 ms of socket writes) */
const BATCH = 256;

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

  /**
   * Tells the first BATCH listeners at once and the rest BATCH at a time, each batch in a later turn of the
   * event loop: thousands of listen streams are each a socket write, and the write that made the change
   * (an edit's answer) or other calls should not wait behind all of them.
   */
  announce(tenantId: string, scoreId: string): void {
    const mine = this.listeners.get(tenantId);
    if (!mine) return;
    // a copy: a listener may stop listening (a stream closed as too slow) while the change is delivered
    this.deliver(mine, [...mine], 0, scoreId);
  }

  private deliver(mine: ReadonlySet<ScoreChangeListener>, listeners: readonly ScoreChangeListener[], from: number, scoreId: string): void {
    const to = Math.min(listeners.length, from + BATCH);
    for (let index = from; index < to; index++) {
      const listener = listeners[index]!;
      // one that stopped listening since the change was announced hears nothing more
      if (from > 0 && !mine.has(listener)) continue;
      try {
        listener(scoreId);
      } catch (error) {
        this.onListenerError(error);
      }
    }
    if (to < listeners.length) setImmediate(() => this.deliver(mine, listeners, to, scoreId));
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
