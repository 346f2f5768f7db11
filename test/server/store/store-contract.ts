/** One behaviour suite every ScoreStore backend must pass (memory now; SQLite and Redis later). */
import { describe, expect, it } from 'vitest';
import { pitch } from '../../../src/core/pitch.js';
import { rational } from '../../../src/core/rational.js';
import type { Score } from '../../../src/core/score.js';
import { decodeScore, encodeScore } from '../../../src/core/score-codec.js';
import { summarizeScore } from '../../../src/core/summary.js';
import type { ScoreStore, StoredScore } from '../../../src/mcp/ports.js';

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
    diagnostics: [],
    importedAt: '2026-11-24T00:00:00.000Z',
  };
}

export function scoreStoreContract(name: string, makeStore: () => Promise<ScoreStore>): void {
  describe(`${name} score store`, () => {
    it('returns what was put, exactly, including rational time', async () => {
      const store = await makeStore();
      await store.put('t1', entry('a'));
      const stored = await store.get('t1', 'a');
      expect(stored).toEqual(entry('a'));
      expect(decodeScore(stored!.data)).toEqual(tinyScore);
    });

    it('lists a tenant’s scores with their titles, and only that tenant’s', async () => {
      const store = await makeStore();
      await store.put('t1', entry('a'));
      await store.put('t2', entry('b'));
      expect((await store.list('t1')).map((listing) => [listing.id, listing.title])).toEqual([['a', 'Tiny']]);
      expect(await store.get('t2', 'a')).toBeUndefined();
    });

    it('deletes once, then reports nothing to delete', async () => {
      const store = await makeStore();
      await store.put('t1', entry('a'));
      expect(await store.delete('t2', 'a')).toBe(false);
      expect(await store.delete('t1', 'a')).toBe(true);
      expect(await store.delete('t1', 'a')).toBe(false);
      expect(await store.get('t1', 'a')).toBeUndefined();
    });

    it('counts each tenant’s scores and bytes, and forgets a whole tenant on request', async () => {
      const store = await makeStore();
      await store.put('t1', entry('a'));
      await store.put('t1', entry('b'));
      await store.put('t2', entry('c'));
      const bytes = entry('a').data.byteLength;
      expect(await store.usage('t1')).toEqual({ scores: 2, bytes: 2 * bytes });
      expect(await store.totals()).toEqual({ scores: 3, bytes: 3 * bytes });
      expect(await store.deleteTenant('t1')).toBe(2);
      expect(await store.list('t1')).toEqual([]);
      expect(await store.usage('t2')).toEqual({ scores: 1, bytes });
    });
  });
}
