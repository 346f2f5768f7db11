/**
 * POST /mcp served outside Express's router (post-mcp.ts) answers as the app does: the same request sent to
 * /mcp (the flat list) and to /MCP (Express routes it, case-insensitively, to the same handlers) gets the
 * same status and answer, whether its body is read here (plain JSON) or by express.json() (compressed).
 */
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../support/http-server.js';

let server: TestServer;
let base: string;

beforeAll(async () => {
  server = await startTestServer({ CADENZA_AUTH: 'none', CADENZA_MAX_INPUT_BYTES: '20000' });
  base = server.url.replace(/\/mcp$/, '');
});

afterAll(async () => {
  await server?.running.stop();
});

const ENVELOPE = {
  'io.modelcontextprotocol/protocolVersion': '2026-07-28',
  'io.modelcontextprotocol/clientInfo': { name: 'test', version: '1' },
  'io.modelcontextprotocol/clientCapabilities': {},
};
const LIST = JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'tools/list', params: { _meta: ENVELOPE } });
const HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'tools/list' };

async function both(body: string | Uint8Array, headers: Record<string, string> = {}): Promise<{ status: number; answer: unknown }[]> {
  return Promise.all(['/mcp', '/MCP'].map(async (path) => {
    const response = await fetch(`${base}${path}`, { method: 'POST', headers: { ...HEADERS, ...headers }, body });
    const text = await response.text();
    return { status: response.status, answer: text.startsWith('{') ? JSON.parse(text) : text };
  }));
}

describe('POST /mcp outside the router', () => {
  it('answers a plain JSON request as the app does', async () => {
    const [fast, routed] = await both(LIST);
    expect(fast!.status).toBe(200);
    expect((fast!.answer as { result: { tools: unknown[] } }).result.tools.length).toBeGreaterThan(10);
    expect(fast).toEqual(routed);
  });

  it('reads a body with a byte-order mark or a charset as express.json() does', async () => {
    for (const [body, headers] of [[`\uFEFF${LIST}`, {}], [LIST, { 'content-type': 'application/json; charset=utf-8' }]] as const) {
      const [fast, routed] = await both(body, headers);
      expect(fast!.status).toBe(200);
      expect(fast).toEqual(routed);
    }
  });

  it('leaves a compressed body to express.json()', async () => {
    const [fast, routed] = await both(gzipSync(LIST), { 'content-encoding': 'gzip' });
    expect(fast!.status).toBe(200);
    expect(fast).toEqual(routed);
  });

  it('refuses JSON that is not an object or array, or not JSON, with a parse error', async () => {
    for (const body of ['"tools/list"', '{"jsonrpc":', '   7']) {
      const [fast, routed] = await both(body);
      expect(fast!.status).toBe(400);
      expect((fast!.answer as { error: { code: number } }).error.code).toBe(-32700);
      expect(fast).toEqual(routed);
    }
  });

  it('refuses a body over the limit with 413', async () => {
    const [fast, routed] = await both(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: { pad: 'x'.repeat(1_200_000) } }));
    expect(fast!.status).toBe(413);
    expect((fast!.answer as { error: { code: number } }).error.code).toBe(-32600);
    expect(fast).toEqual(routed);
  });
});
