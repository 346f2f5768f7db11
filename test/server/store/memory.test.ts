import { describe, expect, it } from 'vitest';
import { MemoryScoreStore } from '../../../src/server/store/memory.js';
import { ROOMY, entry, scoreStoreContract } from './store-contract.js';

scoreStoreContract('memory', async (limits) => new MemoryScoreStore(limits), { expires: false });

describe('memory score store', () => {
  it('refuses scores past the total for all tenants', async () => {
    const store = new MemoryScoreStore({ ...ROOMY, maxTotalBytes: 2 * entry('a').data.byteLength });
    await store.put('t1', entry('a'));
    await store.put('t2', entry('b'));
    await expect(store.put('t3', entry('c'))).rejects.toMatchObject({ code: 'QUOTA_EXCEEDED' });
  });
});
