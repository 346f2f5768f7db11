/**
 * Encryption at rest, one suite for every backend that keeps scores outside the process (a real SQLite
 * file, a real Redis): what reaches the disk holds no title and no notes, rotation keeps old records
 * readable and rewrites them, and an altered record or a wrong key is a STORE_CORRUPT naming the score.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ScoreStore, StoredScore } from '../../../src/mcp/ports.js';
import type { EncryptionKey, KeyRing } from '../../../src/server/store/sealing.js';
import { entry } from './store-contract.js';

/** A backend under test: stores opened on one place with a key ring (or none), and that place's raw bytes. */
export interface SealedBackend {
  /** a new place (a file, a key prefix) for one test */
  fresh(): Promise<{
    open(ring?: KeyRing): ScoreStore;
    /** every byte kept for the place, as the disk or Redis holds them */
    raw(): Promise<Buffer>;
    /** flips a byte in the middle of the stored data of one score */
    alter(tenantId: string, id: string): Promise<void>;
    /** the checksum kept beside a score (it names the key when sealed) */
    sum(tenantId: string, id: string): Promise<string>;
  }>;
}

export const secretScore = (id: string): StoredScore => {
  const base = entry(id);
  return { ...base, summary: { ...base.summary, metadata: { ...base.summary.metadata, title: 'Ricercar of the Hidden Fox', composer: 'Clandestina' } } };
};

const key = (id: string): EncryptionKey => ({ id, key: randomBytes(32) });
const k1 = key('k1');
const k2 = key('k2');
const ringOf = (current: EncryptionKey, ...retired: EncryptionKey[]): KeyRing => ({ current, retired });
/** bytes of the score's notes as encodeScore writes them */
const notes = (score: StoredScore) => Buffer.from(score.data).subarray(0, 48);
const revision = (score: StoredScore, version: number): StoredScore => ({ ...score, revision: { version, author: 'me', at: '2026-12-07T00:00:00.000Z', change: 'Edited' } });

export function encryptionContract(name: string, backend: SealedBackend): void {
  describe(`${name}: encryption at rest`, () => {
    it('keeps no title, composer or notes in the stored bytes when on (and does when off)', async () => {
      const place = await backend.fresh();
      const score = secretScore('hidden');
      const sealed = place.open(ringOf(k1));
      await sealed.put('acme', score);
      await sealed.commit('acme', { entry: revision(score, 2), baseVersion: 1, replaced: { info: { version: 1, author: 'me', at: score.importedAt, change: 'Imported' }, delta: notes(score) } });
      const raw = await place.raw();
      for (const secret of ['Ricercar of the Hidden Fox', 'Clandestina', 'Imported']) expect(raw.includes(secret)).toBe(false);
      expect(raw.includes(notes(score))).toBe(false);
      expect(await sealed.get('acme', 'hidden')).toEqual(revision(score, 2));
      expect((await sealed.list('acme')).map((listing) => listing.title)).toEqual(['Ricercar of the Hidden Fox']);

      const plainPlace = await backend.fresh();
      await plainPlace.open().put('acme', score);
      const plainRaw = await plainPlace.raw();
      expect(plainRaw.includes('Ricercar of the Hidden Fox') && plainRaw.includes(notes(score))).toBe(true);
    });

    it('reads records under a retired key and rewrites them under the current one, versions too', async () => {
      const place = await backend.fresh();
      const score = secretScore('rotated');
      const before = place.open(ringOf(k1));
      await before.put('acme', score);
      await before.commit('acme', { entry: revision(score, 2), baseVersion: 1, replaced: { info: { version: 1, author: 'me', at: score.importedAt, change: 'Imported' }, delta: notes(score) } });
      expect(await place.sum('acme', 'rotated')).toMatch(/^k1:/);

      const rotated = place.open(ringOf(k2, k1));
      expect(await rotated.get('acme', 'rotated')).toEqual(revision(score, 2));
      expect((await rotated.history('acme', 'rotated')).map((past) => past.info.change)).toEqual(['Imported']);
      expect(await place.sum('acme', 'rotated')).toMatch(/^k2:/);

      // k1 is gone now: everything was rewritten under k2
      const after = place.open(ringOf(k2));
      expect(await after.get('acme', 'rotated')).toEqual(revision(score, 2));
      expect(Buffer.from((await after.history('acme', 'rotated'))[0]!.delta)).toEqual(notes(score));
      expect(await after.problems()).toEqual([]);
    });

    it('seals scores stored before encryption was turned on when it next reads them', async () => {
      const place = await backend.fresh();
      await place.open().put('acme', secretScore('older'));
      const sealed = place.open(ringOf(k1));
      expect(await sealed.get('acme', 'older')).toEqual(secretScore('older'));
      expect(await place.sum('acme', 'older')).toMatch(/^k1:/);
      expect(await place.open(ringOf(k1)).get('acme', 'older')).toEqual(secretScore('older'));
    });

    it('names an altered score (STORE_CORRUPT), reports it for health, and serves the others', async () => {
      const place = await backend.fresh();
      const store = place.open(ringOf(k1));
      await store.put('acme', secretScore('altered'));
      await store.put('acme', secretScore('intact'));
      await place.alter('acme', 'altered');
      await expect(store.get('acme', 'altered')).rejects.toMatchObject({ code: 'STORE_CORRUPT', message: expect.stringMatching(/"altered".*cannot be decrypted.*does not authenticate under key "k1"/) });
      expect(await store.get('acme', 'intact')).toEqual(secretScore('intact'));
      expect(await store.problems()).toEqual([expect.stringMatching(/^score "altered" of tenant "acme" \(it cannot be decrypted/)]);
    });

    it('names the score and the key when the key is wrong or missing, never serving it', async () => {
      const place = await backend.fresh();
      await place.open(ringOf(k1)).put('acme', secretScore('locked'));
      const wrongBytes = place.open(ringOf({ id: 'k1', key: randomBytes(32) }));
      await expect(wrongBytes.get('acme', 'locked')).rejects.toMatchObject({ code: 'STORE_CORRUPT', message: expect.stringContaining('does not authenticate under key "k1"') });
      expect(await wrongBytes.problems()).toHaveLength(1);
      await expect(place.open(ringOf(k2)).get('acme', 'locked')).rejects.toMatchObject({ code: 'STORE_CORRUPT', message: expect.stringContaining('sealed with key "k1"') });
      await expect(place.open().get('acme', 'locked')).rejects.toMatchObject({ code: 'STORE_CORRUPT', message: expect.stringContaining('no encryption key is configured') });
    });
  });
}
