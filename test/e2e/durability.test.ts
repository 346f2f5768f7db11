/**
 * Acknowledged imports survive `kill -9` of the server: with the default SQLite store (a file in the
 * data folder), and with Redis. The server is killed without any chance to flush, then started again.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { deleteRedisKeys } from '../support/redis.js';
import { afterAll, describe, expect, it } from 'vitest';
import { connectClient } from '../support/http-server.js';
import { spawnHttpServer } from '../support/spawn-server.js';

const SCORES = ['bach/bwv66.6', 'bach/bwv269', 'bach/bwv66.6', 'bach/bwv269', 'bach/bwv66.6'];

async function importAll(url: string): Promise<string[]> {
  const client = await connectClient(url);
  const ids: string[] = [];
  for (const corpus of SCORES) {
    const result = (await client.callTool({ name: 'import_score', arguments: { corpus } })) as CallToolResult;
    ids.push((result.structuredContent as { id: string }).id);
  }
  await client.close();
  return ids;
}

async function idsAfterRestart(environment: Record<string, string>): Promise<{ listed: string[]; key: unknown }> {
  const server = await spawnHttpServer(environment);
  try {
    const client = await connectClient(server.url);
    const listing = (await client.callTool({ name: 'list_scores', arguments: { source: 'imported' } })) as CallToolResult;
    const listed = (listing.structuredContent as { scores: { id: string }[] }).scores.map((score) => score.id);
    const key = listed[0] ? ((await client.callTool({ name: 'analyze_key', arguments: { id: listed[0] } })) as CallToolResult).structuredContent : undefined;
    await client.close();
    return { listed, key };
  } finally {
    server.child.kill('SIGTERM');
    await server.exited;
  }
}

const REDIS_PREFIX = `cadenza-durable-${process.pid}-${Date.now()}:`;

afterAll(async () => {
  await deleteRedisKeys(REDIS_PREFIX);
});

describe.each([
  ['sqlite', () => ({ CADENZA_STORE: 'sqlite', CADENZA_DATA_DIR: mkdtempSync(join(tmpdir(), 'cadenza-durable-')) })],
  ['redis', () => ({ CADENZA_STORE: 'redis', CADENZA_REDIS_PREFIX: REDIS_PREFIX, CADENZA_DATA_DIR: mkdtempSync(join(tmpdir(), 'cadenza-durable-')) })],
])('%s store', (_name, environmentFor) => {
  it('still has every acknowledged score after kill -9 and a restart', async () => {
    const environment = environmentFor();
    const server = await spawnHttpServer(environment);
    const ids = await importAll(server.url);
    server.child.kill('SIGKILL');
    expect(await server.exited).toBeNull();
    const { listed, key } = await idsAfterRestart(environment);
    expect([...listed].sort()).toEqual([...ids].sort());
    expect(key).toMatchObject({ mode: expect.any(String) });
  }, 30_000);
});
