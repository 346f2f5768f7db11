/**
 * Two server processes sharing one Redis behind a round-robin proxy that alternates every request, with
 * no stickiness (the protocol has no sessions to stick to): a score imported through one replica is
 * analysed through the other, by clients of both protocol eras; when one replica dies, the calls go on
 * through the other.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, describe, expect, it } from 'vitest';
import { connectClient, connectModernClient } from '../support/http-server.js';
import { deleteRedisKeys } from '../support/redis.js';
import { startRoundRobin, type RoundRobin } from '../support/round-robin.js';
import { spawnHttpServer, type ServerProcess } from '../support/spawn-server.js';

const PREFIX = `cadenza-replicas-${process.pid}-${Date.now()}:`;
const replicas: ServerProcess[] = [];
let balancer: RoundRobin | undefined;

afterAll(async () => {
  for (const replica of replicas) replica.child.kill('SIGKILL');
  await balancer?.close();
  await deleteRedisKeys(PREFIX);
});

describe('two replicas sharing Redis behind a round-robin proxy', () => {
  it('serve every request wherever it lands, and carry on when one replica dies', async () => {
    const environment = () => ({ CADENZA_STORE: 'redis', CADENZA_REDIS_PREFIX: PREFIX, CADENZA_DATA_DIR: mkdtempSync(join(tmpdir(), 'cadenza-replica-')) });
    const [a, b] = await Promise.all([spawnHttpServer(environment()), spawnHttpServer(environment())]);
    replicas.push(a, b);
    // the proxy presents itself as 127.0.0.1:<its port>, which each replica's Host check accepts
    balancer = await startRoundRobin([a.url, b.url]);
    const legacy = await connectClient(balancer.url);
    const modern = await connectModernClient(balancer.url);

    const imported = (await legacy.callTool({ name: 'import_score', arguments: { corpus: 'bach/bwv66.6' } })) as CallToolResult;
    const { id } = imported.structuredContent as { id: string };
    for (let call = 0; call < 3; call++) {
      expect(((await legacy.callTool({ name: 'analyze_key', arguments: { id } })) as CallToolResult).structuredContent).toMatchObject({ name: 'F# minor' });
      expect((await modern.callTool({ name: 'analyze_key', arguments: { id } })).structuredContent).toMatchObject({ name: 'F# minor' });
    }
    expect(JSON.parse(((await modern.readResource({ uri: `score://${id}` })).contents[0] as { text: string }).text)).toMatchObject({ id });
    expect(balancer.answered.get(a.url)).toBeGreaterThan(2);
    expect(balancer.answered.get(b.url)).toBeGreaterThan(2);

    a.child.kill('SIGKILL');
    await a.exited;
    const answeredByB = balancer.answered.get(b.url)!;
    for (let call = 0; call < 2; call++) {
      expect(((await legacy.callTool({ name: 'analyze_key', arguments: { id } })) as CallToolResult).structuredContent).toMatchObject({ name: 'F# minor' });
      expect((await modern.callTool({ name: 'analyze_key', arguments: { id } })).structuredContent).toMatchObject({ name: 'F# minor' });
    }
    expect(balancer.answered.get(b.url)).toBe(answeredByB + 4);
    const listing = (await legacy.callTool({ name: 'list_scores', arguments: { source: 'imported' } })) as CallToolResult;
    expect(JSON.stringify(listing.structuredContent)).toContain(id);
    expect(b.logLines.join('\n')).not.toMatch(/"level":50/);
    await Promise.all([legacy.close(), modern.close()]);
  }, 60_000);
});
