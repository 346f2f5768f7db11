import { describe, expect, it } from 'vitest';
import { MemoryScoreStore } from '../../../src/server/store/memory.js';
import { entry, scoreStoreContract } from './store-contract.js';

const roomy = { maxScoresPerTenant: 100, maxBytesPerTenant: 1e9 };
scoreStoreContract('memory', async () => new MemoryScoreStore(roomy));

describe('memory score store', () => {
  it('refuses a new score past the score quota instead of silently evicting one', async () => {
    const store = new MemoryScoreStore({ maxScoresPerTenant: 2, maxBytesPerTenant: 1e9 });
    await store.put('t', entry('a'));
    await store.put('t', entry('b'));
    await expect(store.put('t', entry('c'))).rejects.toMatchObject({ code: 'QUOTA_EXCEEDED' });
    await store.put('t', entry('a'));
    await store.put('other', entry('c'));
  });

  it('refuses a score that would pass the byte quota, counting a replaced score once', async () => {
    const bytes = entry('a').data.byteLength;
    const store = new MemoryScoreStore({ maxScoresPerTenant: 100, maxBytesPerTenant: 2 * bytes });
    await store.put('t', entry('a'));
    await store.put('t', entry('b'));
    await store.put('t', entry('b'));
    await expect(store.put('t', entry('c'))).rejects.toMatchObject({ code: 'QUOTA_EXCEEDED', message: expect.stringContaining(`${2 * bytes} bytes`) });
  });
});
