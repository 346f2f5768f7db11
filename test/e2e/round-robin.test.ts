/**
 * Scale-out without stickiness: two server processes on one Redis behind a proxy that sends each request
 * to the next replica in turn. One client's consecutive requests land on different replicas: an import on
 * one is analysed on the other, a task started on one is read on the other, a listen stream on one hears a
 * deletion made on the other. Then one replica is killed (SIGKILL) under load from several clients: every
 * call that was answered stays done, and the clients' retries land on the survivor.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client as ModernClient } from '@modelcontextprotocol/client';
import { afterAll, describe, expect, it } from 'vitest';
import { connectModernClient } from '../support/http-server.js';
import { connectTaskClient, getTask, startTask, untilEnded } from '../support/modern-tasks.js';
import { deleteRedisKeys } from '../support/redis.js';
import { startRoundRobin, type RoundRobin } from '../support/round-robin.js';
import { spawnHttpServer, type ServerProcess } from '../support/spawn-server.js';

const PREFIX = `cadenza-round-robin-${process.pid}-${Date.now()}:`;
const replicas: ServerProcess[] = [];
let balancer: RoundRobin | undefined;

afterAll(async () => {
  for (const replica of replicas) replica.child.kill('SIGKILL');
  await balancer?.close();
  await deleteRedisKeys(PREFIX);
});

async function startReplicas(): Promise<{ a: ServerProcess; b: ServerProcess; proxy: RoundRobin }> {
  const environment = () => ({ CADENZA_STORE: 'redis', CADENZA_REDIS_PREFIX: PREFIX, CADENZA_WORKERS: '1', CADENZA_DATA_DIR: mkdtempSync(join(tmpdir(), 'cadenza-rr-')) });
  const [a, b] = await Promise.all([spawnHttpServer(environment()), spawnHttpServer(environment())]);
  replicas.push(a, b);
  balancer = await startRoundRobin([a.url, b.url]);
  return { a, b, proxy: balancer };
}

/** the replica that served the last request with this method (and tool) */
function servedBy(proxy: RoundRobin, method: string, tool?: string): string {
  const entry = [...proxy.served].reverse().find((served) => served.method === method && (tool === undefined || served.tool === tool));
  if (!entry) throw new Error(`no ${method} ${tool ?? ''} was served`);
  return entry.upstream;
}

/** a call a client makes again when the connection fails under it or the server asks for a retry, as clients behind a balancer do */
async function withRetry<T>(attempt: () => Promise<T>, retried: { count: number }): Promise<T> {
  for (let tries = 1; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      if (tries === 8) throw error;
      retried.count += 1;
      await new Promise((resolve) => setTimeout(resolve, 100 * tries));
    }
  }
}

async function importOnce(client: ModernClient): Promise<string> {
  const result = await client.callTool({ name: 'import_score', arguments: { corpus: 'bach/bwv66.6' } });
  if (result.isError) throw new Error(JSON.stringify(result.content));
  return (result.structuredContent as { id: string }).id;
}

describe('two replicas on one Redis behind a round-robin proxy', () => {
  it('serve consecutive requests on alternate replicas, then lose no answered call when one is killed under load', async () => {
    const { a, b, proxy } = await startReplicas();
    const client = await connectModernClient(proxy.url);

    const id = await importOnce(client);
    const importedOn = servedBy(proxy, 'tools/call', 'import_score');
    expect((await client.callTool({ name: 'analyze_key', arguments: { id } })).structuredContent).toMatchObject({ name: 'F# minor' });
    expect(servedBy(proxy, 'tools/call', 'analyze_key')).not.toBe(importedOn);

    const tasks = await connectTaskClient(proxy.url);
    const task = await startTask(tasks, 'analyze_corpus', { corpus: true, filter: 'bwv66' });
    const startedOn = servedBy(proxy, 'tools/call', 'analyze_corpus');
    await getTask(tasks, task.taskId);
    expect(servedBy(proxy, 'tasks/get')).not.toBe(startedOn);
    expect((await untilEnded(tasks, task.taskId)).status).toBe('completed');
    await tasks.client.close();

    const heard: string[] = [];
    client.setNotificationHandler('notifications/resources/updated', (notification) => void heard.push(notification.params.uri));
    const subscription = await client.listen({ resourceSubscriptions: [`score://${id}`] });
    const listeningOn = servedBy(proxy, 'subscriptions/listen');
    expect((await client.callTool({ name: 'delete_score', arguments: { id } })).isError).toBeFalsy();
    expect(servedBy(proxy, 'tools/call', 'delete_score')).not.toBe(listeningOn);
    for (let waited = 0; heard.length === 0 && waited < 10_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(heard).toEqual([`score://${id}`]);
    await subscription.close();

    // load from six clients, and replica a killed once some imports are answered
    const retried = { count: 0 };
    const answered: string[] = [];
    let answeredAtKill = -1;
    const workers = await Promise.all(Array.from({ length: 6 }, () => connectModernClient(proxy.url)));
    const load = workers.map(async (worker) => {
      for (let round = 0; round < 6; round++) {
        answered.push(await withRetry(() => importOnce(worker), retried));
        if (answered.length >= 10 && answeredAtKill < 0) {
          answeredAtKill = answered.length;
          a.child.kill('SIGKILL');
        }
      }
    });
    await Promise.all(load);
    await a.exited;
    expect(answered.length).toBe(36);
    expect(answeredAtKill).toBeGreaterThan(0);
    // every answered import is there, read through the survivor
    for (const answeredId of answered) {
      const analysed = await withRetry(() => client.callTool({ name: 'analyze_key', arguments: { id: answeredId } }), retried);
      expect(analysed.structuredContent, answeredId).toMatchObject({ name: 'F# minor' });
    }
    expect(proxy.served.slice(-answered.length).every((served) => served.upstream === b.url)).toBe(true);
    console.warn(`round-robin: ${answered.length} imports answered (${answeredAtKill} before the kill), ${retried.count} client retries`);
    await Promise.all([client, ...workers].map((each) => each.close()));
  }, 120_000);
});
