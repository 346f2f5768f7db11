/** One behaviour suite every ScoreStore backend must pass: memory, SQLite and Redis. */
import { describe, expect, it } from 'vitest';
import { pitch } from '../../../src/core/pitch.js';
import { rational } from '../../../src/core/rational.js';
import type { Score } from '../../../src/core/score.js';
import { decodeScore, encodeScore } from '../../../src/core/score-codec.js';
import { summarizeScore } from '../../../src/core/summary.js';
import type { ScoreStore, StoredScore } from '../../../src/mcp/ports.js';
import type { StoreLimits } from '../../../src/server/store/quotas.js';
import { versionContract } from './version-contract.js';

const tinyScore: Score = {
  metadata: { title: 'Tiny', composer: 'Nobody', sourceFormat: 'musicxml' },
  parts: [
    {
      id: 'P1',
      staffCount: 1,
      measures: [
        {
          number: '1',
          index: 0,
          offset: rational(0),
          duration: rational(1, 3),
          voices: [
            { id: '1', events: [{ kind: 'note', offset: rational(0), duration: rational(1, 3), pitch: pitch('F', 1, 4) }] },
          ],
        },
      ],
    },
  ],
};

export function entry(id: string): StoredScore {
  return {
    id,
    data: encodeScore(tinyScore),
    summary: summarizeScore(tinyScore),
    format: 'musicxml',
    origin: 'inline',
    diagnostics: [{ severity: 'warning', code: 'TEST', message: 'kept as given' }] as unknown as StoredScore['diagnostics'],
    importedAt: '2026-11-24T00:00:00.000Z',
  };
}

export const ROOMY: StoreLimits = { maxScoresPerTenant: 100, maxBytesPerTenant: 1e9, maxTotalBytes: 1e10, ttlSeconds: 0 };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Tenant names unique to one run, so backends shared between runs (Redis) start empty for each test. */
function tenants(): [string, string] {
  const run = Math.random().toString(36).slice(2, 8);
  return [`t1-${run}`, `t2-${run}`];
}

export function scoreStoreContract(name: string, makeStore: (limits: StoreLimits) => Promise<ScoreStore>, options: { expires: boolean }): void {
  versionContract(name, makeStore, ROOMY, entry);
  describe(`${name} score store`, () => {
    it('returns what was put, exactly, including rational time', async () => {
      const store = await makeStore(ROOMY);
      const [t1] = tenants();
      await store.put(t1, entry('a'));
      const stored = await store.get(t1, 'a');
      expect(stored).toEqual(entry('a'));
      expect(decodeScore(stored!.data)).toEqual(tinyScore);
    });

    it('lists a tenant’s scores with their titles, and only that tenant’s', async () => {
      const store = await makeStore(ROOMY);
      const [t1, t2] = tenants();
      await store.put(t1, entry('a'));
      await store.put(t2, entry('b'));
      expect((await store.list(t1)).map((listing) => [listing.id, listing.title])).toEqual([['a', 'Tiny']]);
      expect(await store.get(t2, 'a')).toBeUndefined();
      expect([await store.touch(t1, 'a'), await store.touch(t2, 'a')]).toEqual([true, false]);
    });

    it('deletes once, then reports nothing to delete', async () => {
      const store = await makeStore(ROOMY);
      const [t1, t2] = tenants();
      await store.put(t1, entry('a'));
      expect(await store.delete(t2, 'a')).toBe(false);
      expect(await store.delete(t1, 'a')).toBe(true);
      expect(await store.delete(t1, 'a')).toBe(false);
      expect(await store.get(t1, 'a')).toBeUndefined();
      expect(await store.touch(t1, 'a')).toBe(false);
    });

    it('counts each tenant’s scores and bytes, and forgets a whole tenant on request', async () => {
      const store = await makeStore(ROOMY);
      const [t1, t2] = tenants();
      const before = await store.totals();
      await store.put(t1, entry('a'));
      await store.put(t1, entry('b'));
      await store.put(t2, entry('c'));
      const bytes = entry('a').data.byteLength;
      expect(await store.usage(t1)).toEqual({ scores: 2, bytes: 2 * bytes });
      expect(await store.totals()).toEqual({ scores: before.scores + 3, bytes: before.bytes + 3 * bytes });
      expect(await store.deleteTenant(t1)).toBe(2);
      expect(await store.list(t1)).toEqual([]);
      expect(await store.usage(t2)).toEqual({ scores: 1, bytes });
    });

    it('refuses a new score past the score quota instead of silently evicting one', async () => {
      const store = await makeStore({ ...ROOMY, maxScoresPerTenant: 2 });
      const [t1, t2] = tenants();
      await store.put(t1, entry('a'));
      await store.put(t1, entry('b'));
      await expect(store.put(t1, entry('c'))).rejects.toMatchObject({ code: 'QUOTA_EXCEEDED' });
      await store.put(t1, entry('a'));
      await store.put(t2, entry('c'));
      expect((await store.list(t1)).map((listing) => listing.id)).toEqual(['a', 'b']);
    });

    it('refuses a score that would pass the byte quota, counting a score put twice once', async () => {
      const bytes = entry('a').data.byteLength;
      const store = await makeStore({ ...ROOMY, maxBytesPerTenant: 2 * bytes });
      const [t1] = tenants();
      await store.put(t1, entry('a'));
      await store.put(t1, entry('b'));
      await store.put(t1, entry('b'));
      await expect(store.put(t1, entry('c'))).rejects.toMatchObject({ code: 'QUOTA_EXCEEDED', message: expect.stringContaining(`${2 * bytes} bytes`) });
    });

    it('keeps tenant "acme" asking for id "eu:<id>" away from tenant "acme:eu"’s score <id>', async () => {
      const store = await makeStore(ROOMY);
      const [run] = tenants();
      const acme = `acme-${run}`;
      const acmeEu = `${acme}:eu`;
      await store.put(acmeEu, entry('secret-1'));
      for (const attempt of [() => store.get(acme, 'eu:secret-1'), () => store.touch(acme, 'eu:secret-1'), () => store.delete(acme, 'eu:secret-1')]) {
        await expect(attempt()).rejects.toMatchObject({ code: 'INVALID_SCORE_ID' });
      }
      expect(await store.list(acme)).toEqual([]);
      expect(await store.get(acmeEu, 'secret-1')).toEqual(entry('secret-1'));
    });

    it.each([['an id with a separator', 'a:b'], ['an id with a newline', 'a\nb'], ['an id with a slash', 'a/b'], ['an uppercase id', 'A'], ['an empty id', ''], ['an overlong id', 'a'.repeat(101)]])(
      'refuses %s with INVALID_SCORE_ID on put and get',
      async (_case, id) => {
        const store = await makeStore(ROOMY);
        const [t1] = tenants();
        await expect(store.put(t1, entry(id))).rejects.toMatchObject({ code: 'INVALID_SCORE_ID' });
        await expect(store.get(t1, id)).rejects.toMatchObject({ code: 'INVALID_SCORE_ID' });
      },
    );

    it('refuses a tenant name that is empty or carries control characters', async () => {
      const store = await makeStore(ROOMY);
      for (const tenant of ['', 'a\nb', 'a\u0000b']) await expect(store.put(tenant, entry('a'))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    });

    it('never overwrites a different score under a taken id, and accepts the same score put again', async () => {
      const store = await makeStore(ROOMY);
      const [t1] = tenants();
      await store.put(t1, entry('a'));
      await store.put(t1, entry('a'));
      await expect(store.put(t1, { ...entry('a'), origin: 'another' })).rejects.toMatchObject({ code: 'SCORE_EXISTS' });
      expect(await store.get(t1, 'a')).toEqual(entry('a'));
      expect(await store.usage(t1)).toEqual({ scores: 1, bytes: entry('a').data.byteLength });
    });

    it('reports no problems when nothing is damaged', async () => {
      const store = await makeStore(ROOMY);
      const [t1] = tenants();
      await store.put(t1, entry('a'));
      expect(await store.problems()).toEqual([]);
    });

    it.runIf(options.expires)('forgets a score unused for its TTL, and keeps one that is used', async () => {
      const store = await makeStore({ ...ROOMY, ttlSeconds: 1 });
      const [t1] = tenants();
      await store.put(t1, entry('idle'));
      await store.put(t1, entry('used'));
      await sleep(700);
      expect(await store.get(t1, 'used')).toBeDefined();
      await sleep(600);
      expect(await store.get(t1, 'idle')).toBeUndefined();
      expect((await store.list(t1)).map((listing) => listing.id)).toEqual(['used']);
      expect((await store.usage(t1)).scores).toBe(1);
    });
  });
}
