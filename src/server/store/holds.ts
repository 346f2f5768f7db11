/** Scores that running calls are using, so eviction passes them by. */
import { tenantScoreKey } from './keys.js';

export class ScoreHolds {
  private readonly counts = new Map<string, number>();

  /** marks the scores used until the returned function is called (once) */
  hold(tenantId: string, ids: readonly string[]): () => void {
    const keys = ids.map((id) => tenantScoreKey(tenantId, id));
    for (const key of keys) this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      for (const key of keys) {
        const left = (this.counts.get(key) ?? 1) - 1;
        if (left === 0) this.counts.delete(key);
        else this.counts.set(key, left);
      }
    };
  }

  held(tenantId: string, id: string): boolean {
    return this.counts.has(tenantScoreKey(tenantId, id));
  }
}
