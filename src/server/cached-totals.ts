/**
 * Store-wide totals (scores and bytes of every tenant) for /ready, /health/detailed and /metrics. Each
 * of those is open to whoever reaches the port and the totals are a store-wide query, so one answer is
 * reused for a few seconds and concurrent askers share one query; a failure is not kept, so an outage
 * shows at once.
 */
import type { TenantUsage } from '../mcp/ports.js';

const FRESH_FOR_MS = 5000;

/** cachedTotals(() => store.totals()) → a function asking the store at most once per FRESH_FOR_MS */
export function cachedTotals(query: () => Promise<TenantUsage>, freshForMs = FRESH_FOR_MS): () => Promise<TenantUsage> {
  let kept: { readonly totals: TenantUsage; readonly at: number } | undefined;
  let asking: Promise<TenantUsage> | undefined;
  return () => {
    if (kept && performance.now() - kept.at < freshForMs) return Promise.resolve(kept.totals);
    asking ??= query()
      .then((totals) => {
        kept = { totals, at: performance.now() };
        return totals;
      })
      .finally(() => (asking = undefined));
    return asking;
  };
}
