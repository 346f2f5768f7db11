/**
 * Score changes reach subscribed clients of the built server: over stdio a 2025 client (SDK v1) by
 * resources/subscribe and a 2026-07-28 client (SDK v2) by subscriptions/listen; over HTTP across two
 * replicas sharing one Redis, a listen stream on one replica hears a deletion made on the other, and a
 * tenant never hears of another tenant's score.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client as ModernClient } from '@modelcontextprotocol/client';
import { StdioClientTransport as ModernStdioTransport } from '@modelcontextprotocol/client/stdio';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ResourceUpdatedNotificationSchema, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, describe, expect, it } from 'vitest';
import { apiKeysFile, createApiKey, writeApiKeys } from '../../src/server/auth/api-keys.js';
import { connectModernClient } from '../support/http-server.js';
import { deleteRedisKeys } from '../support/redis.js';
import { spawnHttpServer, type ServerProcess } from '../support/spawn-server.js';

const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const PREFIX = `cadenza-changes-${process.pid}-${Date.now()}:`;
const replicas: ServerProcess[] = [];

afterAll(async () => {
  for (const replica of replicas) replica.child.kill('SIGKILL');
  await deleteRedisKeys(PREFIX);
});

function stdioEnvironment(): Record<string, string> {
  return { PATH: process.env.PATH ?? '', CADENZA_LOG_LEVEL: 'warn', CADENZA_DATA_DIR: mkdtempSync(join(tmpdir(), 'cadenza-data-')) };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !condition(); waited += 20) {
    if (waited > 15_000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function importedId(call: Promise<unknown>): Promise<string> {
  const result = (await call) as CallToolResult;
  expect(result.isError).toBeFalsy();
  return (result.structuredContent as { id: string }).id;
}

describe('score changes over stdio', () => {
  it('reach a 2025 client for the resources it subscribed to, and only those', async () => {
    const client = new Client({ name: 'changes-v1', version: '1' });
    await client.connect(new StdioClientTransport({ command: process.execPath, args: [CLI, 'serve'], env: stdioEnvironment(), stderr: 'ignore' }));
    try {
      expect(client.getServerCapabilities()?.resources?.subscribe).toBe(true);
      const heard: string[] = [];
      client.setNotificationHandler(ResourceUpdatedNotificationSchema, (notification) => void heard.push(notification.params.uri));
      const watched = await importedId(client.callTool({ name: 'import_score', arguments: { corpus: 'bach/bwv66.6' } }));
      const unwatched = await importedId(client.callTool({ name: 'import_score', arguments: { corpus: 'bach/bwv66.6' } }));
      await client.subscribeResource({ uri: `score://${watched}` });
      await client.callTool({ name: 'delete_score', arguments: { id: unwatched } });
      await client.callTool({ name: 'delete_score', arguments: { id: watched } });
      await until(() => heard.length > 0, 'the deletion');
      expect(heard).toEqual([`score://${watched}`]);
    } finally {
      await client.close();
    }
  }, 60_000);

  it('reach a 2026-07-28 client on its listen stream', async () => {
    const client = new ModernClient({ name: 'changes-v2', version: '1' }, { versionNegotiation: { mode: { pin: '2026-07-28' } } });
    await client.connect(new ModernStdioTransport({ command: process.execPath, args: [CLI, 'serve'], env: stdioEnvironment(), stderr: 'ignore' }));
    try {
      const heard: string[] = [];
      client.setNotificationHandler('notifications/resources/updated', (notification) => void heard.push(notification.params.uri));
      const id = await importedId(client.callTool({ name: 'import_score', arguments: { corpus: 'bach/bwv66.6' } }));
      const subscription = await client.listen({ resourceSubscriptions: [`score://${id}`] });
      await client.callTool({ name: 'edit_score', arguments: { id, operations: [{ op: 'set_pitch', target: 'P1-m2-v1-e1', pitch: 'C5' }] } });
      await client.callTool({ name: 'delete_score', arguments: { id } });
      await until(() => heard.length === 2, 'the edit and the deletion');
      expect(heard).toEqual([`score://${id}`, `score://${id}`]);
      await subscription.close();
    } finally {
      await client.close();
    }
  }, 60_000);
});

describe('score changes across two replicas on one Redis', () => {
  it('reach a listen stream on one replica when the score is deleted on the other, within its tenant only', async () => {
    const acme = createApiKey('acme', ['scores:read', 'scores:write']);
    const globex = createApiKey('globex', ['scores:read', 'scores:write']);
    const environment = () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'cadenza-replica-'));
      writeApiKeys(apiKeysFile(dataDir), [acme.record, globex.record]);
      return { CADENZA_STORE: 'redis', CADENZA_REDIS_PREFIX: PREFIX, CADENZA_AUTH: 'apikey', CADENZA_DATA_DIR: dataDir };
    };
    const [a, b] = await Promise.all([spawnHttpServer(environment()), spawnHttpServer(environment())]);
    replicas.push(a, b);
    const listenerOnA = await connectModernClient(a.url, acme.key);
    const strangerOnA = await connectModernClient(a.url, globex.key);
    const writerOnB = await connectModernClient(b.url, acme.key);
    const strangerOnB = await connectModernClient(b.url, globex.key);
    const heard: string[] = [];
    const strangerHeard: string[] = [];
    listenerOnA.setNotificationHandler('notifications/resources/updated', (notification) => void heard.push(notification.params.uri));
    strangerOnA.setNotificationHandler('notifications/resources/updated', (notification) => void strangerHeard.push(notification.params.uri));

    const id = await importedId(writerOnB.callTool({ name: 'import_score', arguments: { corpus: 'bach/bwv66.6' } }));
    const strangersOwn = await importedId(strangerOnB.callTool({ name: 'import_score', arguments: { corpus: 'bach/bwv66.6' } }));
    const uri = `score://${id}`;
    const subscription = await listenerOnA.listen({ resourceSubscriptions: [uri] });
    const strangers = await strangerOnA.listen({ resourceSubscriptions: [uri, `score://${strangersOwn}`] });
    expect((await writerOnB.callTool({ name: 'delete_score', arguments: { id } })).isError).toBeFalsy();
    await until(() => heard.length === 1, 'the deletion made on the other replica');
    expect(heard).toEqual([uri]);
    expect((await strangerOnB.callTool({ name: 'delete_score', arguments: { id: strangersOwn } })).isError).toBeFalsy();
    await until(() => strangerHeard.length === 1, "the stranger's own deletion");
    expect(strangerHeard).toEqual([`score://${strangersOwn}`]);

    await Promise.all([subscription.close(), strangers.close()]);
    await Promise.all([listenerOnA, strangerOnA, writerOnB, strangerOnB].map((client) => client.close()));
  }, 60_000);
});
