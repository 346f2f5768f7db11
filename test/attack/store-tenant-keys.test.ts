/**
 * Attack: tenant "acme" asks for id "eu:<id>" hoping to reach tenant "acme:eu"'s score <id> (on Redis the
 * two were once the same key). Through MCP tools and /api, on SQLite and on Redis, the answer is a typed
 * INVALID_SCORE_ID, the other tenant's score is untouched, and /health stays 200.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, describe, expect, it } from 'vitest';
import { apiKeysFile, createApiKey, writeApiKeys } from '../../src/server/auth/api-keys.js';
import { connectClient, startTestServer } from '../support/http-server.js';
import { deleteRedisKeys } from '../support/redis.js';

const REDIS_PREFIX = `cadenza-attack-keys-${process.pid}-${Date.now()}:`;
const folders: string[] = [];

afterAll(async () => {
  await deleteRedisKeys(REDIS_PREFIX);
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

async function call(client: Client, name: string, args: Record<string, unknown>): Promise<CallToolResult> {
  return (await client.callTool({ name, arguments: args })) as CallToolResult;
}

const SCOPES = ['scores:read', 'scores:write'] as const;

describe.each([
  ['sqlite', { CADENZA_STORE: 'sqlite' }],
  ['redis', { CADENZA_STORE: 'redis', CADENZA_REDIS_PREFIX: REDIS_PREFIX }],
])('tenant key collision on %s', (_store, environment) => {
  it('gives tenant "acme" asking for "eu:<id>" INVALID_SCORE_ID, never tenant "acme:eu"’s score', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cadenza-attack-'));
    folders.push(dataDir);
    const acme = createApiKey('acme', [...SCOPES]);
    const acmeEu = createApiKey('acme:eu', [...SCOPES]);
    writeApiKeys(apiKeysFile(dataDir), [acme.record, acmeEu.record]);
    const server = await startTestServer({ CADENZA_AUTH: 'apikey', CADENZA_DATA_DIR: dataDir, ...environment });
    const base = server.url.replace(/\/mcp$/, '');
    const victim = await connectClient(server.url, acmeEu.key);
    const attacker = await connectClient(server.url, acme.key);
    try {
      const { id } = (await call(victim, 'import_score', { corpus: 'bach/bwv269' })).structuredContent as { id: string };
      const stolen = `eu:${id}`;
      for (const [tool, args] of [
        ['analyze_key', { id: stolen }],
        ['export_score', { id: stolen, format: 'musicxml' }],
        ['delete_score', { id: stolen }],
      ] as const) {
        const answer = await call(attacker, tool, args);
        expect([tool, answer.isError, answer._meta?.['cadenza/errorCode']]).toEqual([tool, true, 'INVALID_SCORE_ID']);
      }
      for (const path of [`/api/scores/${encodeURIComponent(stolen)}/export`, `/api/scores/${stolen}/render`, `/api/scores/${stolen}/versions`, `/api/scores/${stolen}/diff?against=${stolen}`]) {
        const response = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${acme.key}` } });
        expect([path, response.status, ((await response.json()) as { error: string }).error]).toEqual([path, 400, 'INVALID_SCORE_ID']);
      }
      expect((await call(victim, 'analyze_key', { id })).structuredContent).toMatchObject({ name: expect.any(String) });
      expect((await fetch(`${base}/health`)).status).toBe(200);
    } finally {
      await attacker.close();
      await victim.close();
      await server.running.stop();
    }
  }, 30_000);
});
