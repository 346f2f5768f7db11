/** One behaviour suite every ScoreStore backend must pass (memory now; SQLite and Redis later). */
import { describe, expect, it } from 'vitest';
import { pitch } from '../../../src/core/pitch.js';
import { rational } from '../../../src/core/rational.js';
import type { Score } from '../../../src/core/score.js';
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
  return { id, score: tinyScore, format: 'musicxml', origin: 'inline', diagnostics: [], importedAt: '2026-11-24T00:00:00.000Z' };
}

export function scoreStoreContract(name: string, makeStore: () => Promise<ScoreStore>): void {
  describe(`${name} score store`, () => {
    it('returns what was put, exactly, including rational time', async () => {
      const store = await makeStore();
      await store.put('t1', entry('a'));
      expect(await store.get('t1', 'a')).toEqual(entry('a'));
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
  });
}
