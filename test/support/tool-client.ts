/** An SDK Client connected in-process to a fresh server (inline work, silent log), with two ways to call a tool. */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { expect } from 'vitest';
import { InlineWork } from '../../src/mcp/inline-work.js';
import { createMcpServer } from '../../src/mcp/server.js';
import { loadConfig } from '../../src/server/config.js';
import { createServices } from '../../src/server/services.js';

export interface ToolClient {
  call(name: string, args: Record<string, unknown>): Promise<CallToolResult>;
  /** the structured answer of a call that must succeed */
  structured<T>(name: string, args: Record<string, unknown>): Promise<T>;
}

/** an SDK Client connected in-process to a fresh server: inline work, silent log, the in-memory store */
export async function connectInMemoryClient(env: Record<string, string> = {}): Promise<Client> {
  const config = loadConfig({ CADENZA_LOG_LEVEL: 'silent', ...env }, process.cwd());
  const server = createMcpServer({ services: createServices(config, { work: new InlineWork() }), log: { error: () => undefined }, version: 'test' });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: 'test', version: '1' });
  await Promise.all([server.connect(serverSide), client.connect(clientSide)]);
  return client;
}

export async function connectToolClient(): Promise<ToolClient> {
  const client = await connectInMemoryClient();
  const call = async (name: string, args: Record<string, unknown>) => (await client.callTool({ name, arguments: args })) as CallToolResult;
  return {
    call,
    async structured<T>(name: string, args: Record<string, unknown>) {
      const result = await call(name, args);
      expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
      return result.structuredContent as T;
    },
  };
}
