/**
 * `subscriptions/listen` over HTTP with the real v2 client: a stream hears `notifications/resources/updated`
 * for the score:// URIs it names when one of its tenant's scores changes, never another tenant's; streams
 * are bounded per tenant and per process; they hold no tool-call slot and do not delay shutdown; a stream
 * that stops reading is closed rather than buffered for.
 */
import { request as httpRequest } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client as ModernClient, McpSubscription } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiKeysFile, createApiKey, writeApiKeys } from '../../../src/server/auth/api-keys.js';
import { connectClient, connectModernClient, startTestServer, type TestServer } from '../../support/http-server.js';

const SCOPES = ['scores:read', 'scores:write'] as const;
const acme = createApiKey('acme', [...SCOPES]);
const globex = createApiKey('globex', [...SCOPES]);

let dataDir: string;
let server: TestServer;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'cadenza-listen-'));
  writeApiKeys(apiKeysFile(dataDir), [acme.record, globex.record]);
  server = await startTestServer({
    CADENZA_AUTH: 'apikey',
    CADENZA_DATA_DIR: dataDir,
    CADENZA_MAX_LISTENS_PER_TENANT: '3',
    CADENZA_MAX_LISTENS: '4',
    // one tool call at a time per tenant: open streams must not take that slot
    CADENZA_TENANT_CONCURRENCY: '1',
    CADENZA_SHUTDOWN_GRACE_MS: '60000',
  });
});

afterAll(async () => {
  await server.running.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** the URIs of the resources/updated notifications a client receives, in order */
function updatesOf(client: ModernClient): string[] {
  const uris: string[] = [];
  client.setNotificationHandler('notifications/resources/updated', (notification) => void uris.push(notification.params.uri));
  return uris;
}

async function importChorale(client: ModernClient): Promise<string> {
  const result = await client.callTool({ name: 'import_score', arguments: { corpus: 'bach/bwv66.6' } });
  expect(result.isError).toBeFalsy();
  return (result.structuredContent as { id: string }).id;
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !condition(); waited += 20) {
    if (waited > 10_000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function retried<T>(attempt: () => Promise<T>): Promise<T> {
  for (let tries = 1; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      if (tries === 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/** the error's message and its data (where the error code travels) */
function errorCodeOf(error: unknown): string {
  return `${String(error)} ${JSON.stringify(error)}`;
}

describe('subscriptions/listen over HTTP', () => {
  it('tells a listener when its score is edited, reverted and deleted, and never tells another tenant', async () => {
    const owner = await connectModernClient(server.url, acme.key);
    const listener = await connectModernClient(server.url, acme.key);
    const stranger = await connectModernClient(server.url, globex.key);
    const heard = updatesOf(listener);
    const strangerHeard = updatesOf(stranger);
    const id = await importChorale(owner);
    const strangersOwn = await importChorale(stranger);
    const uri = `score://${id}`;
    const subscription = await listener.listen({ resourceSubscriptions: [uri] });
    expect(subscription.honoredFilter).toEqual({ resourceSubscriptions: [uri] });
    // the stranger names acme's score too: it must hear only its own
    const strangers = await stranger.listen({ resourceSubscriptions: [uri, `score://${strangersOwn}`] });

    const edited = await owner.callTool({ name: 'edit_score', arguments: { id, baseVersion: 1, operations: [{ op: 'set_pitch', target: 'P1-m2-v1-e1', pitch: 'C5' }] } });
    expect(edited.isError).toBeFalsy();
    await until(() => heard.length === 1, 'the edit');
    expect((await owner.callTool({ name: 'revert_score', arguments: { id, version: 1 } })).isError).toBeFalsy();
    await until(() => heard.length === 2, 'the revert');
    expect((await owner.callTool({ name: 'delete_score', arguments: { id } })).isError).toBeFalsy();
    await until(() => heard.length === 3, 'the deletion');
    expect(heard).toEqual([uri, uri, uri]);

    // changes reach listeners in order, so once the stranger hears its own deletion it has heard all it will
    expect((await stranger.callTool({ name: 'delete_score', arguments: { id: strangersOwn } })).isError).toBeFalsy();
    await until(() => strangerHeard.length === 1, "the stranger's own deletion");
    expect(strangerHeard).toEqual([`score://${strangersOwn}`]);

    await Promise.all([subscription.close(), strangers.close()]);
    await Promise.all([owner.close(), listener.close(), stranger.close()]);
  }, 30_000);

  it('refuses streams past the tenant and process bounds with clear errors, while tool calls go on', async () => {
    const client = await connectModernClient(server.url, acme.key);
    const other = await connectModernClient(server.url, globex.key);
    const id = await importChorale(client);
    const filter = { resourceSubscriptions: [`score://${id}`] };
    const mine: McpSubscription[] = [];
    for (let stream = 0; stream < 3; stream++) mine.push(await client.listen(filter));
    await expect(client.listen(filter)).rejects.toSatisfy((error: unknown) => errorCodeOf(error).includes('TOO_MANY_STREAMS'));
    // three streams open and one tool call allowed at a time: the call is still served
    expect((await client.callTool({ name: 'analyze_key', arguments: { id } })).structuredContent).toMatchObject({ name: 'F# minor' });

    const theirs = await other.listen({ resourceSubscriptions: ['score://nothing'] });
    await expect(other.listen({ resourceSubscriptions: ['score://nothing'] })).rejects.toSatisfy((error: unknown) => errorCodeOf(error).includes('BUSY'));
    await mine.pop()!.close();
    // a closed stream frees its place (once the server has seen the connection close)
    const admitted = await retried(() => other.listen({ resourceSubscriptions: ['score://nothing'] }));
    for (const subscription of [...mine, theirs, admitted]) await subscription.close();
    await Promise.all([client.close(), other.close()]);
  }, 30_000);

  it('refuses a stream that names more resources than one stream may follow', async () => {
    const client = await connectModernClient(server.url, acme.key);
    const uris = Array.from({ length: 1001 }, (_, index) => `score://piece-${index}`);
    await expect(client.listen({ resourceSubscriptions: uris })).rejects.toSatisfy((error: unknown) => errorCodeOf(error).includes('at most 1000 resources'));
    await client.close();
  });

  it('closes a stream whose reader stopped reading instead of buffering its notifications', async () => {
    const client = await connectModernClient(server.url, acme.key);
    const id = await importChorale(client);
    await client.close();
    const url = new URL(server.url);
    const body = JSON.stringify({
      jsonrpc: '2.0',
      id: 'stalled',
      method: 'subscriptions/listen',
      params: {
        notifications: { resourceSubscriptions: [`score://${id}`] },
        _meta: { 'io.modelcontextprotocol/protocolVersion': '2026-07-28', 'io.modelcontextprotocol/clientCapabilities': {}, 'io.modelcontextprotocol/clientInfo': { name: 'stalled', version: '1' } },
      },
    });
    let closed = false;
    const stalled = httpRequest({
      host: url.hostname,
      port: url.port,
      path: url.pathname,
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', authorization: `Bearer ${acme.key}`, 'mcp-method': 'subscriptions/listen', 'mcp-protocol-version': '2026-07-28' },
    });
    const answered = new Promise<number>((resolve) => stalled.on('response', (response) => {
      response.pause(); // read nothing: the socket fills
      response.on('close', () => (closed = true));
      resolve(response.statusCode ?? 0);
    }));
    stalled.on('error', () => (closed = true));
    stalled.end(body);
    expect(await answered).toBe(200);
    // a burst of changes to that score, far more than a socket holds
    for (let burst = 0; burst < 200 && !closed; burst++) {
      for (let change = 0; change < 1000; change++) server.running.runtime.changes.announce('acme', id);
      await new Promise((resolve) => setImmediate(resolve));
    }
    await until(() => server.logs.some((line) => line.msg === 'a subscriptions/listen stream read too slowly and was closed'), 'the slow stream to be closed');
    stalled.destroy();
  }, 60_000);

  it('does not make shutdown wait for open streams: they end when the server stops', async () => {
    const own = await startTestServer({ CADENZA_SHUTDOWN_GRACE_MS: '60000' });
    const client = await connectModernClient(own.url);
    const subscription = await client.listen({ resourceSubscriptions: ['score://anything'] });
    await own.running.stop();
    expect(['graceful', 'remote']).toContain(await subscription.closed);
    await client.close();
  }, 20_000);

  it('offers no resource subscriptions to a 2025 client over stateless HTTP, which has no channel for them', async () => {
    const legacy = await connectClient(server.url, acme.key);
    expect(legacy.getServerCapabilities()?.resources?.subscribe).toBeFalsy();
    const modern = await connectModernClient(server.url, acme.key);
    expect(modern.getServerCapabilities()?.resources?.subscribe).toBe(true);
    await Promise.all([legacy.close(), modern.close()]);
  });
});
