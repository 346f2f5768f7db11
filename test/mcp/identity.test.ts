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

describe('icons and the MCP Apps extension', () => {
  it('gives every tool an icon by its kind: a stave to read a score, a pen to write one, the stack for the library', async () => {
    const { tools } = (await modern('tools/list')) as { tools: { name: string; icons?: { src: string }[] }[] };
    const iconOf = (name: string) => tools.find((tool) => tool.name === name)?.icons?.[0]?.src;
    for (const tool of tools) expect(tool.icons?.[0]?.src, tool.name).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(iconOf('analyze_key')).toBe(iconOf('render_score'));
    expect(iconOf('harmonize_melody')).toBe(iconOf('generate_counterpoint'));
    expect(iconOf('import_score')).toBe(iconOf('delete_score'));
    expect(new Set([iconOf('analyze_key'), iconOf('harmonize_melody'), iconOf('import_score')]).size).toBe(3);
  });

  it('declares the MCP Apps extension with the profile of its score view, which render_score links to', async () => {
    const discovered = await modern('server/discover');
    expect(discovered['capabilities']).toMatchObject({ extensions: { 'io.modelcontextprotocol/ui': { mimeTypes: ['text/html;profile=mcp-app'] } } });
    const { tools } = (await modern('tools/list')) as { tools: { name: string; _meta?: { ui?: { resourceUri: string } } }[] };
    const viewUri = tools.find((tool) => tool.name === 'render_score')?._meta?.ui?.resourceUri;
    const read = (await (await post('resources/read', { uri: viewUri }, { 'mcp-method': 'resources/read', 'mcp-name': viewUri! })).json()) as {
      result: { contents: { mimeType: string; _meta?: unknown }[] };
    };
    expect(read.result.contents[0]).toMatchObject({ mimeType: 'text/html;profile=mcp-app', _meta: { ui: { prefersBorder: true } } });
  });
});
