import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { BoundedEventStore } from '../../../src/server/http/event-store.js';

const message = (id: number, text = ''): JSONRPCMessage => ({ jsonrpc: '2.0', id, result: { text } });

async function replay(store: BoundedEventStore, after: string): Promise<{ stream: string; ids: number[] }> {
  const ids: number[] = [];
  const stream = await store.replayEventsAfter(after, { send: async (_eventId, sent) => void ids.push((sent as { id: number }).id) });
  return { stream, ids };
}

describe('BoundedEventStore', () => {
  it('replays the events of the same stream after the one a client last saw', async () => {
    const store = new BoundedEventStore(100, 1e6);
    const first = await store.storeEvent('a', message(1));
    await store.storeEvent('b', message(2));
    await store.storeEvent('a', message(3));
    expect(await replay(store, first)).toEqual({ stream: 'a', ids: [3] });
    expect(await store.getStreamIdForEventId(first)).toBe('a');
  });

  it('forgets the oldest events past its count or byte bound', async () => {
    const store = new BoundedEventStore(100, 2000);
    const first = await store.storeEvent('a', message(1, 'x'.repeat(900)));
    const second = await store.storeEvent('a', message(2, 'x'.repeat(900)));
    await store.storeEvent('a', message(3, 'x'.repeat(900)));
    expect(await replay(store, first)).toEqual({ stream: '', ids: [] });
    expect(await replay(store, second)).toEqual({ stream: 'a', ids: [3] });
    const counted = new BoundedEventStore(2, 1e6);
    const oldest = await counted.storeEvent('a', message(1));
    await counted.storeEvent('a', message(2));
    await counted.storeEvent('a', message(3));
    expect((await replay(counted, oldest)).stream).toBe('');
  });
});
