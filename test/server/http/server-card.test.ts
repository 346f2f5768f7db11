/** The Server Card and the AI Catalog: public, cacheable, readable from a browser, true to the server. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiKeysFile, writeApiKeys } from '../../../src/server/auth/api-keys.js';
import type { serverCard } from '../../../src/server/listing/server-card.js';
import { rawPost, startTestServer, type TestServer } from '../../support/http-server.js';
import { problems, validateServerCard } from '../../support/json-schemas.js';

const packageJson = (await import('../../../package.json', { with: { type: 'json' } })).default as { version: string; mcpName: string; description: string };

let dataDir: string;
let guarded: TestServer;
let open: TestServer;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'cadenza-card-'));
  writeApiKeys(apiKeysFile(dataDir), []);
  [guarded, open] = await Promise.all([startTestServer({ CADENZA_AUTH: 'apikey', CADENZA_DATA_DIR: dataDir }), startTestServer({})]);
});

afterAll(async () => {
  await Promise.all([guarded.running.stop(), open.running.stop()]);
  rmSync(dataDir, { recursive: true, force: true });
});

const origin = (server: TestServer) => new URL(server.url).origin;
type Card = ReturnType<typeof serverCard> & { remotes: { headers?: unknown }[] };
const readCard = async (response: Response) => (await response.json()) as Card;
const getCard = (server: TestServer, path = '/mcp/server-card', headers: Record<string, string> = {}) =>
  fetch(`${origin(server)}${path}`, { headers: { accept: 'application/mcp-server-card+json', ...headers } });

/** the JSON-RPC message of an answer sent as JSON or as one server-sent event */
async function rpcBody(response: Response): Promise<unknown> {
  const text = await response.text();
  const data = /^data: (.*)$/m.exec(text);
  return JSON.parse(data ? data[1]! : text);
}

describe('the Server Card', () => {
  it('is served without a token while /mcp asks for one, valid against the Server Card schema v1', async () => {
    expect((await rawPost(guarded.url, { jsonrpc: '2.0', id: 1, method: 'ping' })).status).toBe(401);
    const response = await getCard(guarded);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/mcp-server-card\+json/);
    const card = await response.json();
    const valid = validateServerCard(card);
    expect(problems(validateServerCard)).toEqual([]);
    expect(valid).toBe(true);
  });

  it('names the package and the endpoint, and says a bearer token is needed only where it is', async () => {
    const guardedCard = await readCard(await getCard(guarded));
    expect(guardedCard).toMatchObject({ name: packageJson.mcpName, version: packageJson.version, description: packageJson.description, title: 'Cadenza' });
    expect(guardedCard.remotes).toEqual([expect.objectContaining({ type: 'streamable-http', url: guarded.url, headers: [expect.objectContaining({ name: 'Authorization', isRequired: true, isSecret: true })] })]);
    const openCard = await readCard(await getCard(open));
    expect(openCard.remotes[0]!.url).toBe(open.url);
    expect(openCard.remotes[0]!.headers).toBeUndefined();
  });

  it('lists the protocol revisions the endpoint really answers: server/discover for 2026-07-28, initialize for each 2025 one', async () => {
    const revisions: string[] = (await readCard(await getCard(open))).remotes[0]!.supportedProtocolVersions;
    expect(revisions).toEqual(['2026-07-28', '2025-11-25', '2025-06-18', '2025-03-26']);
    const envelope = { 'io.modelcontextprotocol/protocolVersion': '2026-07-28', 'io.modelcontextprotocol/clientInfo': { name: 'card-test', version: '1' }, 'io.modelcontextprotocol/clientCapabilities': {} };
    const discover = await rawPost(open.url, { jsonrpc: '2.0', id: 1, method: 'server/discover', params: { _meta: envelope } }, { 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'server/discover' });
    const discovered = (await rpcBody(discover)) as { result: { supportedVersions: string[] } };
    expect(discovered.result.supportedVersions.every((version) => revisions.includes(version))).toBe(true);
    for (const version of revisions.filter((revision) => revision.startsWith('2025'))) {
      const initialize = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: version, capabilities: {}, clientInfo: { name: 'card-test', version: '1' } } };
      const answered = (await rpcBody(await rawPost(open.url, initialize))) as { result: { protocolVersion: string } };
      expect(answered.result.protocolVersion, version).toBe(version);
    }
  });

  it('carries the CORS headers a browser needs, a one-hour public cache and an ETag', async () => {
    const response = await getCard(guarded, '/mcp/server-card', { origin: 'https://elsewhere.example' });
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-methods')).toBe('GET');
    expect(response.headers.get('access-control-allow-headers')).toBe('Content-Type, If-None-Match');
    expect(response.headers.get('access-control-expose-headers')).toBe('ETag');
    expect(response.headers.get('cache-control')).toBe('public, max-age=3600');
    expect(response.headers.get('etag')).toMatch(/^"[\w-]+"$/);
    const preflight = await fetch(`${origin(guarded)}/mcp/server-card`, { method: 'OPTIONS', headers: { origin: 'https://elsewhere.example', 'access-control-request-method': 'GET' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('answers 304 with no body to If-None-Match with its tag, strong or weak, and 200 to another tag', async () => {
    const etag = (await getCard(guarded)).headers.get('etag')!;
    for (const tag of [etag, `W/${etag}`, `"other", ${etag}`]) {
      const revalidated = await getCard(guarded, '/mcp/server-card', { 'if-none-match': tag });
      expect(revalidated.status, tag).toBe(304);
      expect(await revalidated.text()).toBe('');
    }
    expect((await getCard(guarded, '/mcp/server-card', { 'if-none-match': '"stale"' })).status).toBe(200);
  });

  it('is the same document at the well-known path', async () => {
    const [reserved, wellKnown] = await Promise.all([getCard(guarded), getCard(guarded, '/.well-known/mcp/server-card.json')]);
    expect(wellKnown.status).toBe(200);
    expect(await wellKnown.text()).toBe(await reserved.text());
    expect(wellKnown.headers.get('etag')).toBe(reserved.headers.get('etag'));
  });
});

describe('the AI Catalog', () => {
  it('at /.well-known/ai-catalog.json points to the Server Card by its type and URL', async () => {
    const response = await fetch(`${origin(guarded)}/.well-known/ai-catalog.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/ai-catalog\+json/);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const catalog = (await response.json()) as { specVersion: string; entries: { identifier: string; type: string; url: string }[] };
    expect(catalog.specVersion).toBe('1.0');
    expect(catalog.entries).toEqual([{ identifier: 'urn:air:127.0.0.1:mcp:cadenza', type: 'application/mcp-server-card+json', url: `${guarded.url}/server-card` }]);
    const card = await readCard(await fetch(catalog.entries[0]!.url));
    expect(card.name).toBe(packageJson.mcpName);
  });
});
