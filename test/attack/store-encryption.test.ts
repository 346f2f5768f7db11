/**
 * Attack: read the stores behind a running server, with encryption at rest on. The SQLite files (scores,
 * versions, tasks) and Redis hold no title, composer or note of an imported and edited score; a server
 * restarted with a rotated key reads everything (and rewrites it), one with a wrong key refuses the score
 * with STORE_CORRUPT naming it and stays alive.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { connectClient, startTestServer } from '../support/http-server.js';
import { TEST_REDIS_URL, deleteRedisKeys } from '../support/redis.js';
import { baseOf, expectAlive } from './support.js';

const REDIS_PREFIX = `cadenza-attack-sealed-${process.pid}-${Date.now()}:`;
const folders: string[] = [];
const key = (id: string) => `${id}:${randomBytes(32).toString('base64')}`;

afterAll(async () => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  await deleteRedisKeys(REDIS_PREFIX);
});

/** every file of the data folder (databases, their logs), as on disk */
function folderBytes(folder: string): Buffer {
  return Buffer.concat(readdirSync(folder).map((name) => join(folder, name)).filter((path) => existsSync(path)).map((path) => readFileSync(path)));
}

async function redisBytes(): Promise<Buffer> {
  const redis = new Redis(TEST_REDIS_URL);
  const parts: Buffer[] = [];
  for (const name of await redis.keys(`${REDIS_PREFIX}*`)) {
    const type = await redis.type(name);
    if (type === 'hash') parts.push(...Object.values(await redis.hgetallBuffer(name)));
    if (type === 'list') parts.push(...(await redis.lrangeBuffer(name, 0, -1)));
  }
  await redis.quit();
  return Buffer.concat(parts);
}

/** imports a tune and edits it (so a version is kept); returns its id and the words to look for */
async function storeSecrets(url: string): Promise<{ id: string; secrets: string[] }> {
  const client = await connectClient(url);
  try {
    const imported = (await client.callTool({ name: 'import_score', arguments: { content: ABC, format: 'abc' } })).structuredContent as { id: string };
    const edited = (await client.callTool({ name: 'edit_score', arguments: { id: imported.id, operations: [{ op: 'set_lyric', target: { part: 1, measure: '1' }, text: 'Vulpecula' }] } })) as CallToolResult;
    expect(edited.isError, JSON.stringify(edited.content)).toBeFalsy();
    return { id: imported.id, secrets: ['Ricercar of the Hidden Fox', 'Clandestina', 'Vulpecula'] };
  } finally {
    await client.close();
  }
}

const ABC = 'X:1\nT:Ricercar of the Hidden Fox\nC:Clandestina\nM:4/4\nL:1/4\nK:C\nCDEF|GABc|]\n';

describe('encryption at rest behind a running server', () => {
  it.each([
    ['SQLite', {}],
    ['Redis', { CADENZA_STORE: 'redis', CADENZA_REDIS_PREFIX: REDIS_PREFIX }],
  ])('keeps no title or composer in the %s store, reads on after a rotation, refuses a wrong key', async (_name, store) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cadenza-attack-sealed-'));
    folders.push(dataDir);
    const [k1, k2] = [key('k1'), key('k2')];
    const environment = { CADENZA_DATA_DIR: dataDir, CADENZA_CACHE_MB: '0', ...store };
    const first = await startTestServer({ ...environment, CADENZA_ENCRYPTION_KEY: k1 });
    const { id, secrets } = await storeSecrets(first.url);
    await first.running.stop();
    const stored = 'CADENZA_STORE' in store ? await redisBytes() : folderBytes(dataDir);
    for (const secret of secrets) expect(stored.includes(secret), secret).toBe(false);

    const read = async (environmentNow: Record<string, string>) => {
      const server = await startTestServer({ ...environment, ...environmentNow });
      const client = await connectClient(server.url);
      try {
        const answer = (await client.callTool({ name: 'read_score', arguments: { id } })) as CallToolResult;
        const versions = (await client.callTool({ name: 'list_versions', arguments: { id } })) as CallToolResult;
        await expectAlive(baseOf(server.url));
        return { answer, versions };
      } finally {
        await client.close();
        await server.running.stop();
      }
    };
    const rotated = await read({ CADENZA_ENCRYPTION_KEY: k2, CADENZA_ENCRYPTION_RETIRED_KEYS: k1 });
    expect([rotated.answer.isError, rotated.versions.isError]).toEqual([undefined, undefined]);
    expect(JSON.stringify(rotated.answer.structuredContent)).toContain('Ricercar of the Hidden Fox');
    // read under k2 (and rewritten), the score needs k1 no more
    expect((await read({ CADENZA_ENCRYPTION_KEY: k2 })).answer.isError).toBeUndefined();
    const wrong = await read({ CADENZA_ENCRYPTION_KEY: key('k2') });
    expect([wrong.answer.isError, wrong.answer._meta?.['cadenza/errorCode']]).toEqual([true, 'STORE_CORRUPT']);
    expect(JSON.stringify(wrong.answer.content)).toContain(id);
  }, 60_000);
});
