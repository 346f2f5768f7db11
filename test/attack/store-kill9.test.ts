/**
 * Attack: kill -9 the server while eight clients import, edit and delete at once, ten rounds in a row, on
 * SQLite and on Redis. After every restart, every acknowledged import is there, every acknowledged edit's
 * version (or a later one) is current, and every acknowledged delete stays done; /health answers 200.
 * Each round kills once a few writes were acknowledged, so writes are always in flight when the process dies.
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

const ROUNDS = 10;
const CLIENTS = 8;
/** acknowledged writes per round before the kill */
const KILL_AFTER = 24;
const REDIS_PREFIX = `cadenza-attack-kill9-${process.pid}-${Date.now()}:`;
const folders: string[] = [];
/** every server started, so none outlives a failed or timed-out test */
const started: ServerProcess[] = [];

async function start(environment: Record<string, string>): Promise<ServerProcess> {
  const server = await spawnHttpServer(environment);
  started.push(server);
  return server;
}

afterAll(async () => {
  for (const server of started) server.child.kill('SIGKILL');
  await deleteRedisKeys(REDIS_PREFIX);
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

interface Ledger {
  readonly imported: Set<string>;
  readonly deleted: Set<string>;
  /** deletes sent but not acknowledged when the server died: either outcome is right */
  readonly deleting: Set<string>;
  /** the version each acknowledged edit made current */
  readonly edited: Map<string, number>;
}

const tune = (name: string) => `X:1\nT:${name}\nM:4/4\nL:1/4\nK:C\nCDEF|GABc|]\n`;

/** one client writing until the server dies: import, edit its latest import, import, delete its oldest */
async function writeUntilKilled(url: string, name: string, ledger: Ledger, acknowledged: () => void): Promise<void> {
  let client: Client;
  try {
    client = await connectClient(url);
  } catch {
    return;
  }
  const mine: string[] = [];
  try {
    for (let step = 0; ; step++) {
      if (step % 4 === 1 && mine.length > 0) {
        const id = mine[mine.length - 1]!;
        const answer = (await client.callTool({ name: 'edit_score', arguments: { id, operations: [{ op: 'set_lyric', target: { part: 1, measure: '1' }, text: `step ${step}` }] } })) as CallToolResult;
        if (answer.isError) throw new Error(`edit refused: ${JSON.stringify(answer.content)}`);
        ledger.edited.set(id, (answer.structuredContent as { version: number }).version);
      } else if (step % 4 === 3 && mine.length > 0) {
        const id = mine.shift()!;
        ledger.deleting.add(id);
        const answer = (await client.callTool({ name: 'delete_score', arguments: { id } })) as CallToolResult;
        if (answer.isError) throw new Error(`delete refused: ${JSON.stringify(answer.content)}`);
        ledger.deleted.add(id);
        ledger.deleting.delete(id);
      } else {
        const answer = (await client.callTool({ name: 'import_score', arguments: { content: tune(`${name}-${step}`), format: 'abc' } })) as CallToolResult;
        if (answer.isError) throw new Error(`import refused: ${JSON.stringify(answer.content)}`);
        const { id } = answer.structuredContent as { id: string };
        ledger.imported.add(id);
        mine.push(id);
      }
      acknowledged();
    }
  } catch {
    // the server was killed mid-call: that call was never acknowledged
  } finally {
    await client.close().catch(() => undefined);
  }
}

/** eight writers at once; the server is killed (-9) at the KILL_AFTER-th acknowledged write */
async function writeThenKill(server: ServerProcess, round: number, ledger: Ledger): Promise<void> {
  let count = 0;
  await new Promise<void>((resolve) => {
    const acknowledged = () => {
      count += 1;
      if (count !== KILL_AFTER) return;
      server.child.kill('SIGKILL');
      resolve();
    };
    void Promise.all(Array.from({ length: CLIENTS }, (_, client) => writeUntilKilled(server.url, `r${round}c${client}`, ledger, acknowledged))).then(() => resolve());
  });
}

/** acknowledged imports missing that no delete (acknowledged or in flight) explains */
function lost(ledger: Ledger, stored: ReadonlySet<string>): string[] {
  return [...ledger.imported].filter((id) => !stored.has(id) && !ledger.deleted.has(id) && !ledger.deleting.has(id));
}

/** acknowledged edits whose version is no longer current (nor passed) on a score still stored */
async function editsLost(server: ServerProcess, ledger: Ledger, stored: ReadonlySet<string>): Promise<string[]> {
  const client = await connectClient(server.url);
  const lostEdits: string[] = [];
  try {
    for (const [id, version] of ledger.edited) {
      if (!stored.has(id)) continue;
      const current = ((await client.callTool({ name: 'list_versions', arguments: { id } })).structuredContent as { current: number }).current;
      if (current < version) lostEdits.push(`${id}: version ${version} acknowledged, ${current} current`);
    }
  } finally {
    await client.close();
  }
  return lostEdits;
}

async function storedIds(server: ServerProcess): Promise<Set<string>> {
  const base = server.url.replace(/\/mcp$/, '');
  expect((await fetch(`${base}/health`)).status).toBe(200);
  const listed = (await (await fetch(`${base}/api/scores`)).json()) as { scores: { id: string }[] };
  return new Set(listed.scores.map((score) => score.id));
}

describe.each([
  ['sqlite', { CADENZA_STORE: 'sqlite' }],
  ['redis', { CADENZA_STORE: 'redis', CADENZA_REDIS_PREFIX: REDIS_PREFIX }],
])('kill -9 during concurrent writes on %s', (_store, backend) => {
  it(`loses no acknowledged import, edit or delete over ${ROUNDS} rounds of ${CLIENTS} writers`, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cadenza-kill9-'));
    folders.push(dataDir);
    // rate limits off the path: with Redis their counters outlive the restarts, and ten quick rounds of eight
    // writers pass a minute's allowance (durability is what is tested here, limits in limits.test.ts)
    const environment = { ...backend, CADENZA_DATA_DIR: dataDir, CADENZA_WORKERS: '0', CADENZA_MAX_SCORES: '10000', CADENZA_RATE_PER_TENANT: '100000', CADENZA_RATE_PER_IP: '100000' };
    const ledger: Ledger = { imported: new Set(), deleted: new Set(), deleting: new Set(), edited: new Map() };
    for (let round = 0; round < ROUNDS; round++) {
      const server = await start(environment);
      try {
        const stored = await storedIds(server);
        expect(lost(ledger, stored), `acknowledged imports lost before round ${round}`).toEqual([]);
        expect([...ledger.deleted].filter((id) => stored.has(id)), `acknowledged deletes undone before round ${round}`).toEqual([]);
        expect(await editsLost(server, ledger, stored), `acknowledged edits lost before round ${round}`).toEqual([]);
        await writeThenKill(server, round, ledger);
      } finally {
        server.child.kill('SIGKILL');
      }
      expect(await server.exited).toBeNull();
    }
    const last = await start(environment);
    try {
      const stored = await storedIds(last);
      expect(ledger.imported.size).toBeGreaterThanOrEqual(ROUNDS * (KILL_AFTER / 2));
      expect(ledger.edited.size).toBeGreaterThanOrEqual(ROUNDS * (KILL_AFTER / 8));
      expect(lost(ledger, stored)).toEqual([]);
      expect(await editsLost(last, ledger, stored)).toEqual([]);
      expect([...ledger.deleted].filter((id) => stored.has(id))).toEqual([]);
    } finally {
      last.child.kill('SIGTERM');
      await last.exited;
    }
  }, 300_000);
});
