/**
 * Attack: damage the SQLite store under a running or starting server. A changed score is refused
 * (STORE_CORRUPT naming it) and readiness drops; a damaged page is found at start; a truncated database
 * or a malformed api-keys.json stops the start with a message naming the file. /health stays 200.
 */
import { closeSync, mkdtempSync, openSync, rmSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { apiKeysFile } from '../../src/server/auth/api-keys.js';
import { SqliteScoreStore } from '../../src/server/store/sqlite.js';
import { connectClient, startTestServer, type TestServer } from '../support/http-server.js';
import { ROOMY, entry } from '../server/store/store-contract.js';

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function dataFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'cadenza-attack-'));
  folders.push(folder);
  return folder;
}

const baseOf = (server: TestServer) => server.url.replace(/\/mcp$/, '');

async function health(server: TestServer): Promise<{ live: number; ready: number; store: { ok: boolean; message: string } }> {
  const base = baseOf(server);
  const detailed = (await (await fetch(`${base}/health/detailed`)).json()) as { checks: { name: string; ok: boolean; message: string }[] };
  return {
    live: (await fetch(`${base}/health`)).status,
    ready: (await fetch(`${base}/ready`)).status,
    store: detailed.checks.find((check) => check.name === 'store')!,
  };
}

describe('a damaged SQLite store', () => {
  it('refuses a score changed on disk with STORE_CORRUPT naming it, and stops being ready', async () => {
    const dataDir = dataFolder();
    const server = await startTestServer({ CADENZA_DATA_DIR: dataDir, CADENZA_CACHE_MB: '0' });
    const client = await connectClient(server.url);
    try {
      const { id } = (await client.callTool({ name: 'import_score', arguments: { corpus: 'bach/bwv269' } })).structuredContent as { id: string };
      const raw = new Database(join(dataDir, 'cadenza.db'));
      raw.prepare("UPDATE scores SET data = X'20' || substr(data, 2) WHERE id = ?").run(id);
      raw.close();
      const answer = (await client.callTool({ name: 'analyze_key', arguments: { id } })) as CallToolResult;
      expect([answer.isError, answer._meta?.['cadenza/errorCode']]).toEqual([true, 'STORE_CORRUPT']);
      expect(JSON.stringify(answer.content)).toContain(id);
      const after = await health(server);
      expect([after.live, after.ready, after.store.ok]).toEqual([200, 503, false]);
      expect(after.store.message).toContain(id);
    } finally {
      await client.close();
      await server.running.stop();
    }
  }, 30_000);

  it('finds a damaged page at start: not ready, the damage logged and named', async () => {
    const dataDir = dataFolder();
    const file = join(dataDir, 'cadenza.db');
    const store = new SqliteScoreStore(file, { ...ROOMY, maxScoresPerTenant: 200 });
    for (let index = 0; index < 200; index++) await store.put('local', entry(`score-${index}`));
    store.close();
    // page 2 is the table's root page: quick_check reads it first
    const handle = openSync(file, 'r+');
    writeSync(handle, Buffer.alloc(4096), 0, 4096, 4096);
    closeSync(handle);
    const server = await startTestServer({ CADENZA_DATA_DIR: dataDir });
    try {
      const after = await health(server);
      expect([after.live, after.ready, after.store.ok]).toEqual([200, 503, false]);
      expect(after.store.message).toContain(file);
      expect(server.logs.some((line) => line['level'] === 50 && String(line['msg']).includes('damaged'))).toBe(true);
    } finally {
      await server.running.stop();
    }
  }, 30_000);

  it('stops the start of a server on a truncated database with a message naming the file', async () => {
    const dataDir = dataFolder();
    const file = join(dataDir, 'cadenza.db');
    const store = new SqliteScoreStore(file, ROOMY);
    await store.put('local', entry('a'));
    store.close();
    truncateSync(file, 100);
    await expect(startTestServer({ CADENZA_DATA_DIR: dataDir })).rejects.toThrow(expect.objectContaining({ name: 'ConfigError', message: expect.stringContaining(file) }));
  });

  it('stops the start of a server on a malformed api-keys.json with a message naming the file', async () => {
    const dataDir = dataFolder();
    writeFileSync(apiKeysFile(dataDir), '{"keys": [');
    await expect(startTestServer({ CADENZA_DATA_DIR: dataDir, CADENZA_AUTH: 'apikey' })).rejects.toThrow(
      expect.objectContaining({ name: 'ConfigError', message: expect.stringContaining(apiKeysFile(dataDir)) }),
    );
  });
});
