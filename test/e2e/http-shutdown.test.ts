/**
 * SIGTERM under load: every call gets its answer or a retryable refusal, none hangs or is cut off, and
 * the process exits 0. (Durability of acknowledged writes across restarts needs the durable store.)
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { connectClient } from '../support/http-server.js';
import { spawnHttpServer } from '../support/spawn-server.js';

const CLIENTS = 16;

type Outcome = 'answered' | 'retryable' | `other: ${string}`;

function classify(error: unknown): Outcome {
  const text = String((error as { message?: unknown; cause?: unknown })?.message) + String((error as { cause?: unknown })?.cause);
  // 503 with Retry-After while draining, or the connection refused once the listener is closed
  if (/503|shutting down|ECONNREFUSED|fetch failed/i.test(text)) return 'retryable';
  return `other: ${text}`;
}

async function keepCalling(client: Client, id: string, until: Promise<unknown>): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  let stopped = false;
  void until.then(() => (stopped = true));
  while (!stopped) {
    try {
      const result = (await client.callTool({ name: 'analyze_harmony', arguments: { id } })) as CallToolResult;
      outcomes.push(result.isError && result._meta?.['cadenza/errorCode'] !== 'SHUTTING_DOWN' ? `other: ${JSON.stringify(result.content)}` : 'answered');
    } catch (error) {
      outcomes.push(classify(error));
      break;
    }
  }
  return outcomes;
}

describe('graceful shutdown', () => {
  it('answers or refuses retryably every call in flight when SIGTERM arrives, then exits 0', async () => {
    const server = await spawnHttpServer({ CADENZA_WORKERS: '2', CADENZA_RATE_PER_TENANT: '100000', CADENZA_RATE_PER_IP: '100000', CADENZA_TENANT_CONCURRENCY: '64' });
    const clients = await Promise.all(Array.from({ length: CLIENTS }, () => connectClient(server.url)));
    const imported = (await clients[0]!.callTool({ name: 'import_score', arguments: { corpus: 'bach/bwv66.6' } })) as CallToolResult;
    const { id } = imported.structuredContent as { id: string };
    const load = Promise.all(clients.map((client) => keepCalling(client, id, server.exited)));
    await new Promise((resolve) => setTimeout(resolve, 500));
    server.child.kill('SIGTERM');
    const exitCode = await server.exited;
    const outcomes = (await load).flat();
    expect(exitCode).toBe(0);
    expect(outcomes.filter((outcome) => outcome.startsWith('other'))).toEqual([]);
    expect(outcomes.filter((outcome) => outcome === 'answered').length).toBeGreaterThan(CLIENTS);
    expect(server.logLines.some((line) => line.includes('shutting down'))).toBe(true);
    expect(server.logLines.at(-1)).toContain('cadenza stopped');
  }, 30_000);
});
