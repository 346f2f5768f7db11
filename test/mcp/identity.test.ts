/** How the server presents itself: description and icon, and the cache hints on 2026-07-28 list results. */
import { createMcpHandler } from '@modelcontextprotocol/server';
import { describe, expect, it } from 'vitest';
import { InlineWork } from '../../src/mcp/inline-work.js';
import { createMcpServer } from '../../src/mcp/server.js';
import { loadConfig } from '../../src/server/config.js';
import { createServices } from '../../src/server/services.js';

const config = loadConfig({ CADENZA_STORE: 'memory', CADENZA_LOG_LEVEL: 'silent' }, process.cwd());
const services = createServices(config, { work: new InlineWork() });
const handler = createMcpHandler(() => createMcpServer({ services, log: { error: () => undefined }, version: 'test' }));
const ENVELOPE = {
  'io.modelcontextprotocol/protocolVersion': '2026-07-28',
  'io.modelcontextprotocol/clientInfo': { name: 'test', version: '1' },
  'io.modelcontextprotocol/clientCapabilities': {},
};

/** one 2026-07-28 request, served in-process by the SDK's handler */
function post(method: string, params: Record<string, unknown>, headers: Record<string, string>): Promise<Response> {
  const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method, params: { ...params, _meta: ENVELOPE } });
  return handler.fetch(new Request('http://cadenza.test/mcp', { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-protocol-version': '2026-07-28', ...headers }, body }));
}

/** the JSON-RPC result of a 2026-07-28 request without parameters */
async function modern(method: string): Promise<Record<string, unknown>> {
  return ((await (await post(method, {}, { 'mcp-method': method })).json()) as { result: Record<string, unknown> }).result;
}

describe('what a 2026-07-28 client learns before calling anything', () => {
  it('server/discover names Cadenza with a description and an icon', async () => {
    const discovered = await modern('server/discover');
    const serverInfo = (discovered['_meta'] as Record<string, { name: string; description: string; icons: { src: string; mimeType: string }[] }>)['io.modelcontextprotocol/serverInfo']!;
    expect(serverInfo).toMatchObject({ name: 'cadenza', description: expect.stringContaining('harmonize') });
    expect(serverInfo.icons[0]).toMatchObject({ mimeType: 'image/svg+xml', src: expect.stringMatching(/^data:image\/svg\+xml;base64,/) });
    expect(discovered).toMatchObject({ supportedVersions: ['2026-07-28'], ttlMs: 300_000, cacheScope: 'public' });
  });

  it('lets any cache keep the tool and prompt lists five minutes, but never a tenant’s own resources', async () => {
    expect(await modern('tools/list')).toMatchObject({ ttlMs: 300_000, cacheScope: 'public' });
    expect(await modern('prompts/list')).toMatchObject({ ttlMs: 300_000, cacheScope: 'public' });
    expect(await modern('resources/templates/list')).toMatchObject({ ttlMs: 300_000, cacheScope: 'public' });
    expect(await modern('resources/list')).toMatchObject({ ttlMs: 0, cacheScope: 'private' });
  });
});

describe('the 2026-07-28 standard headers', () => {
  const call = { name: 'list_scores', arguments: {} };

  it('serves a call whose Mcp-Method and Mcp-Name repeat its body', async () => {
    const response = await post('tools/call', call, { 'mcp-method': 'tools/call', 'mcp-name': 'list_scores' });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { result: { isError?: boolean } }).result.isError).toBeFalsy();
  });

  it('refuses a call whose headers disagree with its body, or leave the tool unnamed (400, -32020)', async () => {
    const mismatches: Record<string, string>[] = [{ 'mcp-method': 'tools/call', 'mcp-name': 'delete_score' }, { 'mcp-method': 'tools/list', 'mcp-name': 'list_scores' }, { 'mcp-method': 'tools/call' }];
    for (const headers of mismatches) {
      const response = await post('tools/call', call, headers);
      expect(response.status, JSON.stringify(headers)).toBe(400);
      expect(((await response.json()) as { error: { code: number } }).error.code).toBe(-32020);
    }
  });
});
