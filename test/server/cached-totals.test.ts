/** Store-wide totals behind the open health and metrics endpoints: one query per few seconds, failures never kept. */
import { describe, expect, it } from 'vitest';
import { cachedTotals } from '../../src/server/cached-totals.js';

describe('cachedTotals', () => {
  it('asks the store once for many askers within its freshness, concurrent or not', async () => {
    let queries = 0;
    const totals = cachedTotals(async () => ({ scores: ++queries, bytes: 0 }), 60_000);
    await Promise.all(Array.from({ length: 50 }, () => totals()));
    for (let index = 0; index < 50; index += 1) await totals();
    expect(queries).toBe(1);
    expect(await totals()).toEqual({ scores: 1, bytes: 0 });
  });

  it('asks again once the answer is stale', async () => {
    let queries = 0;
    const totals = cachedTotals(async () => ({ scores: ++queries, bytes: 0 }), 0);
    await totals();
    await totals();
    expect(queries).toBe(2);
  });

  it('does not keep a failure, so an outage and the recovery both show at once', async () => {
    let failing = true;
    const totals = cachedTotals(async () => {
      if (failing) throw new Error('store away');
      return { scores: 3, bytes: 9 };
    }, 60_000);
    await expect(totals()).rejects.toThrow('store away');
    failing = false;
    expect(await totals()).toEqual({ scores: 3, bytes: 9 });
  });
});
