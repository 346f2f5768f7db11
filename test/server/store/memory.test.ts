import { describe, expect, it } from 'vitest';
import { MemoryScoreStore } from '../../../src/server/store/memory.js';
import { entry, scoreStoreContract } from './store-contract.js';

scoreStoreContract('memory', async () => new MemoryScoreStore(100));

describe('memory score store', () => {
  it('refuses a new score past its bound instead of silently evicting one', async () => {
    const store = new MemoryScoreStore(2);
    await store.put('t', entry('a'));
    await store.put('t', entry('b'));
    await expect(store.put('t', entry('c'))).rejects.toMatchObject({ code: 'LIMIT_EXCEEDED' });
    await store.put('t', entry('a'));
    await store.put('other', entry('c'));
  });
});
