/** API keys: created by the CLI's functions, kept hashed, checked by the HTTP server. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiKeysFile, createApiKey, writeApiKeys } from '../../../src/server/auth/api-keys.js';
import { connectClient, rawPost, startTestServer, type TestServer } from '../../support/http-server.js';

let dataDir: string;
let server: TestServer;
const writer = createApiKey('acme', ['scores:read', 'scores:write']);
const reader = createApiKey('acme', ['scores:read']);

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'cadenza-keys-'));
  writeApiKeys(apiKeysFile(dataDir), [writer.record, reader.record]);
  server = await startTestServer({ CADENZA_AUTH: 'apikey', CADENZA_DATA_DIR: dataDir });
});

afterAll(async () => {
  await server.running.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('API keys', () => {
  it('keeps only hashes at rest', () => {
    const file = readFileSync(apiKeysFile(dataDir), 'utf8');
    expect(file).toContain(writer.record.hash);
    const secret = /^cdz_[0-9a-f]{12}_(.+)$/.exec(writer.key)![1]!;
    expect(secret.length).toBe(43);
    expect(file).not.toContain(secret);
  });

  it('lets a valid key in, with its scopes', async () => {
    const client = await connectClient(server.url, writer.key);
    const result = (await client.callTool({ name: 'import_score', arguments: { corpus: 'bach/bwv269' } })) as CallToolResult;
    expect(result.isError).toBeFalsy();
    await client.close();
  });

  it.each([
    ['a revoked or unknown key', createApiKey('acme', ['scores:read']).key],
    ['a key with a wrong secret', `${writer.key.slice(0, -4)}AAAA`],
    ['something that is not a key', 'hello'],
  ])('refuses %s with 401', async (_case, key) => {
    const response = await rawPost(server.url, { jsonrpc: '2.0', id: 1, method: 'ping' }, { authorization: `Bearer ${key}` });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain('error="invalid_token"');
  });

  it('stops a read-only key from importing but lets it read', async () => {
    const client = await connectClient(server.url, reader.key);
    await expect(client.callTool({ name: 'import_score', arguments: { corpus: 'bach/bwv269' } })).rejects.toThrow(/insufficient_scope/);
    const list = (await client.callTool({ name: 'list_scores', arguments: {} })) as CallToolResult;
    expect(list.isError).toBeFalsy();
    await client.close();
  });
});
