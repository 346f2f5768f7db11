/** The versions part of the store suite: compare-and-set commits, kept history, bounds, quotas. */
import { describe, expect, it } from 'vitest';
import type { Revision, ScoreStore, StoredScore } from '../../../src/mcp/ports.js';
import type { StoreLimits } from '../../../src/server/store/quotas.js';

/** version `version` of a stored score, its content marked so versions differ */
function version(base: StoredScore, version: number): StoredScore {
  const data = new Uint8Array([...base.data, version]);
  return { ...base, data, revision: { version, author: 'apikey:alice', at: `2026-12-0${version}T00:00:00.000Z`, change: `version ${version}` } };
}

/** the revision that makes version base + 1 current, keeping version base as a delta of `deltaBytes` */
function revision(stored: StoredScore, base: number, deltaBytes = 10): Revision {
  return {
    entry: version(stored, base + 1),
    baseVersion: base,
    replaced: { info: { version: base, author: 'apikey:alice', at: '2026-12-01T00:00:00.000Z', change: `version ${base}` }, delta: new Uint8Array(deltaBytes).fill(base) },
  };
}

export function versionContract(name: string, makeStore: (limits: StoreLimits) => Promise<ScoreStore>, roomy: StoreLimits, entry: (id: string) => StoredScore): void {
  const tenant = () => `v-${Math.random().toString(36).slice(2, 8)}`;

  describe(`${name} score store versions`, () => {
    it('makes a committed version current and keeps the one it replaced, checksummed, in the history', async () => {
      const store = await makeStore(roomy);
      const t = tenant();
      await store.put(t, entry('a'));
      expect(await store.currentVersion(t, 'a')).toBe(1);
      await store.commit(t, revision(entry('a'), 1));
      await store.commit(t, revision(entry('a'), 2));
      expect(await store.currentVersion(t, 'a')).toBe(3);
      expect(await store.get(t, 'a')).toEqual(version(entry('a'), 3));
      const history = await store.history(t, 'a');
      expect(history.map((past) => [past.info.version, [...past.delta]])).toEqual([
        [1, Array(10).fill(1)],
        [2, Array(10).fill(2)],
      ]);
      // the history counts in the tenant's bytes (SQLite and Redis add a small checksummed header to each)
      const usage = await store.usage(t);
      const counted = version(entry('a'), 3).data.byteLength + 20;
      expect(usage.scores).toBe(1);
      expect(usage.bytes).toBeGreaterThanOrEqual(counted);
      expect(usage.bytes).toBeLessThan(counted + 1000);
    });

    it('refuses a commit on a stale base with CONFLICT naming the current version, changing nothing', async () => {
      const store = await makeStore(roomy);
      const t = tenant();
      await store.put(t, entry('a'));
      await store.commit(t, revision(entry('a'), 1));
      await expect(store.commit(t, revision(entry('a'), 1))).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('version 2') });
      expect(await store.get(t, 'a')).toEqual(version(entry('a'), 2));
      expect(await store.history(t, 'a')).toHaveLength(1);
    });

    it('lets exactly one of two commits on the same base win', async () => {
      const store = await makeStore(roomy);
      const t = tenant();
      await store.put(t, entry('a'));
      const outcomes = await Promise.allSettled([store.commit(t, revision(entry('a'), 1)), store.commit(t, revision(entry('a'), 1))]);
      expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
      expect(outcomes.find((outcome) => outcome.status === 'rejected')).toMatchObject({ reason: { code: 'CONFLICT' } });
      expect(await store.currentVersion(t, 'a')).toBe(2);
    });

    it('keeps at most the bounded count of older versions, dropping the oldest', async () => {
      const store = await makeStore({ ...roomy, maxVersionsPerScore: 2 });
      const t = tenant();
      await store.put(t, entry('a'));
      for (let base = 1; base <= 4; base++) await store.commit(t, revision(entry('a'), base));
      expect((await store.history(t, 'a')).map((past) => past.info.version)).toEqual([3, 4]);
    });

    it('refuses a version past the tenant’s byte quota, and forgets the history with its score', async () => {
      const bytes = entry('a').data.byteLength;
      const store = await makeStore({ ...roomy, maxBytesPerTenant: bytes + 200 });
      const t = tenant();
      await store.put(t, entry('a'));
      await expect(store.commit(t, revision(entry('a'), 1, 400))).rejects.toMatchObject({ code: 'QUOTA_EXCEEDED' });
      expect(await store.currentVersion(t, 'a')).toBe(1);
      await store.commit(t, revision(entry('a'), 1, 10));
      expect(await store.delete(t, 'a')).toBe(true);
      expect(await store.history(t, 'a')).toEqual([]);
      await expect(store.commit(t, revision(entry('a'), 2))).rejects.toMatchObject({ code: 'SCORE_NOT_FOUND' });
    });

    it('keeps one tenant’s versions away from another', async () => {
      const store = await makeStore(roomy);
      const [t1, t2] = [tenant(), tenant()];
      await store.put(t1, entry('a'));
      await store.commit(t1, revision(entry('a'), 1));
      expect(await store.history(t2, 'a')).toEqual([]);
      expect(await store.currentVersion(t2, 'a')).toBeUndefined();
      await expect(store.commit(t2, revision(entry('a'), 2))).rejects.toMatchObject({ code: 'SCORE_NOT_FOUND' });
    });
  });
}
