/**
 * Idle instances for the stateless handler: an instance comes back once its exchange closed, with the last
 * client's identity cleared, and connects to the next exchange; never more than the bound are kept.
 */
import { InMemoryTransport, McpServer } from '@modelcontextprotocol/server';
import { describe, expect, it } from 'vitest';
import { IdleInstances } from '../../../src/server/http/idle-instances.js';

interface Identity {
  _clientCapabilities?: unknown;
  _clientVersion?: unknown;
}

async function serveOneExchange(instance: McpServer): Promise<void> {
  const [, serverSide] = InMemoryTransport.createLinkedPair();
  await instance.connect(serverSide);
  Object.assign(instance.server as unknown as Identity, { _clientCapabilities: { elicitation: {} }, _clientVersion: { name: 'first-client', version: '1' } });
  await instance.close();
}

describe('idle MCP server instances', () => {
  it('come back after their exchange closed, forget the client they served, and serve the next exchange', async () => {
    let built = 0;
    const idle = new IdleInstances(() => (built++, new McpServer({ name: 'test', version: '1' })), 4);
    const first = idle.take();
    await serveOneExchange(first);
    expect(idle.size).toBe(1);
    const again = idle.take();
    expect(again).toBe(first);
    expect(built).toBe(1);
    expect((again.server as unknown as Identity)._clientCapabilities).toBeUndefined();
    expect((again.server as unknown as Identity)._clientVersion).toBeUndefined();
    await serveOneExchange(again);
    expect(idle.size).toBe(1);
  });

  it('are not handed out while their exchange is open, and no more than the bound are kept', async () => {
    const idle = new IdleInstances(() => new McpServer({ name: 'test', version: '1' }), 2);
    const open = [idle.take(), idle.take(), idle.take()];
    expect(new Set(open).size).toBe(3);
    for (const instance of open) await serveOneExchange(instance);
    expect(idle.size).toBe(2);
  });
});
