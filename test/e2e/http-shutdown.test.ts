/**
 * SIGTERM under load: every call gets its answer or a retryable refusal, none hangs or is cut off, the
 * process exits 0, and every import it acknowledged is there when it starts again.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

async function keepCalling(client: Client, id: string, until: Promise<unknown>, outcomes: Outcome[] = []): Promise<Outcome[]> {
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

/** imports until the server goes away; returns the ids it acknowledged */
async function keepImporting(client: Client, until: Promise<unknown>, outcomes: Outcome[]): Promise<string[]> {
  const acknowledged: string[] = [];
  let stopped = false;
  void until.then(() => (stopped = true));
  while (!stopped) {
    try {
      const result = (await client.callTool({ name: 'import_score', arguments: { corpus: 'bach/bwv269' } })) as CallToolResult;
      if (result.isError) outcomes.push(result._meta?.['cadenza/errorCode'] === 'SHUTTING_DOWN' ? 'retryable' : `other: ${JSON.stringify(result.content)}`);
      else acknowledged.push((result.structuredContent as { id: string }).id);
    } catch (error) {
      outcomes.push(classify(error));
      break;
    }
  }
  return acknowledged;
}

describe('graceful shutdown', () => {
  it('answers or refuses retryably every call in flight when SIGTERM arrives, exits 0, and keeps every acknowledged import', async () => {
    const environment = {
      CADENZA_WORKERS: '2',
      CADENZA_RATE_PER_TENANT: '100000',
      CADENZA_RATE_PER_IP: '100000',
      CADENZA_TENANT_CONCURRENCY: '64',
      CADENZA_DATA_DIR: mkdtempSync(join(tmpdir(), 'cadenza-shutdown-')),
    };
    const server = await spawnHttpServer(environment);
    const clients = await Promise.all(Array.from({ length: CLIENTS }, () => connectClient(server.url)));
    const imported = (await clients[0]!.callTool({ name: 'import_score', arguments: { corpus: 'bach/bwv66.6' } })) as CallToolResult;
    const { id } = imported.structuredContent as { id: string };
    const writer = await connectClient(server.url);
    const writeOutcomes: Outcome[] = [];
    const writes = keepImporting(writer, server.exited, writeOutcomes);
    const callOutcomes = clients.map((): Outcome[] => []);
    const load = Promise.all(clients.map((client, index) => keepCalling(client, id, server.exited, callOutcomes[index])));
    // SIGTERM once every client has had an answer (however loaded the machine), so calls are mid-flight
    while (callOutcomes.some((outcomes) => outcomes.length === 0)) await new Promise((resolve) => setTimeout(resolve, 20));
    server.child.kill('SIGTERM');
    const exitCode = await server.exited;
    const outcomes = [...(await load).flat(), ...writeOutcomes];
    const acknowledged = await writes;
    expect(exitCode).toBe(0);
    expect(outcomes.filter((outcome) => outcome.startsWith('other'))).toEqual([]);
    expect(outcomes.filter((outcome) => outcome === 'answered').length).toBeGreaterThan(CLIENTS);
    expect(server.logLines.some((line) => line.includes('shutting down'))).toBe(true);
    expect(server.logLines.at(-1)).toContain('cadenza stopped');
    expect(acknowledged.length).toBeGreaterThan(0);
    const restarted = await spawnHttpServer(environment);
    try {
      const reader = await connectClient(restarted.url);
      const listing = (await reader.callTool({ name: 'list_scores', arguments: { source: 'imported' } })) as CallToolResult;
      const kept = new Set((listing.structuredContent as { scores: { id: string }[] }).scores.map((score) => score.id));
      expect(acknowledged.filter((ackd) => !kept.has(ackd))).toEqual([]);
      await reader.close();
    } finally {
      restarted.child.kill('SIGTERM');
      await restarted.exited;
    }
  }, 40_000);
});
