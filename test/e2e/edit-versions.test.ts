/**
 * Versions across processes, on the built server: two replicas sharing Redis take edits on the same
 * base, and exactly one wins while the other gets CONFLICT (and then sees the winner's version, never a
 * stale copy of its own cache); kill -9 while edits are in flight, on SQLite and on Redis, loses no
 * acknowledged version.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, describe, expect, it } from 'vitest';
import { connectClient } from '../support/http-server.js';
import { deleteRedisKeys } from '../support/redis.js';
import { spawnHttpServer, type ServerProcess } from '../support/spawn-server.js';

const PREFIX = `cadenza-edit-versions-${process.pid}-${Date.now()}:`;
const started: ServerProcess[] = [];
const folders: string[] = [];
const TUNE = 'X:1\nT:Edited\nM:4/4\nL:1/4\nK:C\nCDEF|GABc|]\n';

afterAll(async () => {
  for (const server of started) server.child.kill('SIGKILL');
  await deleteRedisKeys(PREFIX);
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

async function start(environment: Record<string, string>): Promise<ServerProcess> {
  const server = await spawnHttpServer(environment);
  started.push(server);
  return server;
}

function dataDir(): string {
  const folder = mkdtempSync(join(tmpdir(), 'cadenza-edit-'));
  folders.push(folder);
  return folder;
}

async function call(client: Client, name: string, args: Record<string, unknown>): Promise<CallToolResult> {
  return (await client.callTool({ name, arguments: args })) as CallToolResult;
}

const PITCHES = ['D4', 'E4', 'F4', 'G4', 'A4', 'B4'];
const setFirstNote = (id: string, step: number, baseVersion?: number) => ({
  id,
  ...(baseVersion === undefined ? {} : { baseVersion }),
  operations: [{ op: 'set_pitch', target: { part: 1, measure: '1', beat: 1 }, pitch: PITCHES[step % PITCHES.length] }],
});

async function currentVersion(client: Client, id: string): Promise<number> {
  return ((await call(client, 'list_versions', { id })).structuredContent as { current: number }).current;
}

describe('edits on two replicas sharing Redis', () => {
  it('let exactly one of two edits on the same base win, and the loser then edits the winner’s version', async () => {
    const environment = () => ({ CADENZA_STORE: 'redis', CADENZA_REDIS_PREFIX: PREFIX, CADENZA_DATA_DIR: dataDir() });
    const [a, b] = await Promise.all([start(environment()), start(environment())]);
    const [onA, onB] = await Promise.all([connectClient(a.url), connectClient(b.url)]);
    const { id } = (await call(onA, 'import_score', { content: TUNE, format: 'abc' })).structuredContent as { id: string };
    for (let round = 0; round < 5; round++) {
      const base = await currentVersion(onB, id);
      const results = await Promise.all([call(onA, 'edit_score', setFirstNote(id, round, base)), call(onB, 'edit_score', setFirstNote(id, round + 1, base))]);
      expect(results.map((result) => Boolean(result.isError)).sort(), `round ${round}`).toEqual([false, true]);
      const loser = results.find((result) => result.isError)!;
      expect(loser._meta?.['cadenza/errorCode']).toBe('CONFLICT');
      expect(JSON.stringify(loser.content)).toContain(`version ${base + 1}`);
      // whichever replica lost had the old version cached: it must edit the new one
      const retry = await call(results[0]!.isError ? onA : onB, 'edit_score', setFirstNote(id, round + 2));
      expect(retry.structuredContent).toMatchObject({ baseVersion: base + 1, version: base + 2 });
    }
    expect(await currentVersion(onA, id)).toBe(11);
    await Promise.all([onA.close(), onB.close()]);
  }, 60_000);
});

describe.each([
  ['sqlite', { CADENZA_STORE: 'sqlite' }],
  ['redis', { CADENZA_STORE: 'redis', CADENZA_REDIS_PREFIX: `${PREFIX}kill9:` }],
])('kill -9 during edits on %s', (_store, backend) => {
  it('keeps every acknowledged version', async () => {
    const environment = { ...backend, CADENZA_DATA_DIR: dataDir(), CADENZA_WORKERS: '0' };
    const first = await start(environment);
    const writer = await connectClient(first.url);
    const { id } = (await call(writer, 'import_score', { content: TUNE, format: 'abc' })).structuredContent as { id: string };
    const acknowledged: number[] = [1];
    const edits = (async () => {
      try {
        for (let step = 0; ; step++) {
          const answer = await call(writer, 'edit_score', setFirstNote(id, step, acknowledged[acknowledged.length - 1]));
          if (answer.isError) throw new Error(JSON.stringify(answer.content));
          acknowledged.push((answer.structuredContent as { version: number }).version);
          if (acknowledged.length === 16) first.child.kill('SIGKILL');
        }
      } catch {
        // the server died mid-call: that edit was never acknowledged
      } finally {
        first.child.kill('SIGKILL');
      }
    })();
    await edits;
    await first.exited;
    await writer.close().catch(() => undefined);
    const second = await start(environment);
    const reader = await connectClient(second.url);
    const listed = (await call(reader, 'list_versions', { id })).structuredContent as { current: number; versions: { version: number }[] };
    const kept = new Set(listed.versions.map((version) => version.version));
    expect(acknowledged.length).toBeGreaterThanOrEqual(16);
    expect(acknowledged.filter((version) => !kept.has(version))).toEqual([]);
    for (const version of acknowledged.slice(-3)) expect((await call(reader, 'export_score', { id: `${id}@${version}`, format: 'abc' })).isError, `version ${version}`).toBeFalsy();
    await reader.close();
    second.child.kill('SIGTERM');
    await second.exited;
  }, 60_000);
});
