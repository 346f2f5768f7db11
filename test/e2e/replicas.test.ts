/**
 * Two server processes sharing one Redis, behind a switchable proxy (a stand-in for any load balancer):
 * a score imported through one is analysed through the other, and a client whose replica dies carries
 * on with the same MCP session on the other.
 */
import { mkdtempSync } from 'node:fs';
import { createServer, request as forward, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { deleteRedisKeys } from '../support/redis.js';
import { afterAll, describe, expect, it } from 'vitest';
import { connectClient } from '../support/http-server.js';
import { spawnHttpServer, type ServerProcess } from '../support/spawn-server.js';

const PREFIX = `cadenza-replicas-${process.pid}-${Date.now()}:`;
const replicas: ServerProcess[] = [];
let proxy: Server | undefined;

afterAll(async () => {
  for (const replica of replicas) replica.child.kill('SIGKILL');
  proxy?.closeAllConnections();
  await new Promise((resolve) => (proxy ? proxy.close(resolve) : resolve(undefined)));
  await deleteRedisKeys(PREFIX);
});

/** a proxy that sends every request, streams included, to whichever upstream is current */
async function startProxy(initial: string): Promise<{ url: string; switchTo: (upstream: string) => void }> {
  let upstream = new URL(initial);
  proxy = createServer((incoming, outgoing) => {
    const headers = { ...incoming.headers, host: `${upstream.hostname}:${upstream.port}` };
    const relay = forward({ host: upstream.hostname, port: upstream.port, path: incoming.url, method: incoming.method, headers }, (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    });
    relay.on('error', () => outgoing.headersSent ? outgoing.destroy() : outgoing.writeHead(502).end());
    incoming.pipe(relay);
  });
  await new Promise<void>((resolve) => proxy!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/mcp`, switchTo: (next) => (upstream = new URL(next)) };
}

describe('two replicas sharing Redis', () => {
  it('share scores, and a session survives the death of its replica', async () => {
    const environment = () => ({ CADENZA_STORE: 'redis', CADENZA_REDIS_PREFIX: PREFIX, CADENZA_DATA_DIR: mkdtempSync(join(tmpdir(), 'cadenza-replica-')) });
    const [a, b] = await Promise.all([spawnHttpServer(environment()), spawnHttpServer(environment())]);
    replicas.push(a, b);
    const balancer = await startProxy(a.url);
    // the proxy presents itself as 127.0.0.1:<its port>, which each replica's Host check accepts
    const client = await connectClient(balancer.url);
    const imported = (await client.callTool({ name: 'import_score', arguments: { corpus: 'bach/bwv66.6' } })) as CallToolResult;
    const { id } = imported.structuredContent as { id: string };

    const onB = await connectClient(b.url);
    expect(((await onB.callTool({ name: 'analyze_key', arguments: { id } })) as CallToolResult).structuredContent).toMatchObject({ name: 'F# minor' });
    await onB.close();

    balancer.switchTo(b.url);
    a.child.kill('SIGKILL');
    await a.exited;
    const after = (await client.callTool({ name: 'analyze_key', arguments: { id } })) as CallToolResult;
    expect(after.structuredContent).toMatchObject({ name: 'F# minor' });
    const listing = (await client.callTool({ name: 'list_scores', arguments: { source: 'imported' } })) as CallToolResult;
    expect(JSON.stringify(listing.structuredContent)).toContain(id);
    expect(b.logLines.join('\n')).not.toMatch(/"level":50/);
    await client.close();
  }, 30_000);
});
