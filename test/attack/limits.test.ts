/**
 * Limits an attacker leans on: the per-call time limit bounds a tool across all its items (analyze_corpus
 * over many scores), waiting for a worker and running are separate deadlines and the error names the one
 * that passed, and X-Forwarded-For picks the rate-limit key only from a proxy the operator trusts.
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClient, startTestServer } from '../support/http-server.js';
import { spawnHttpServer, type ServerProcess } from '../support/spawn-server.js';
import { musicXml } from './scores.js';
import { baseOf, expectAlive } from './support.js';

const errorText = (result: CallToolResult) => result.content.map((part) => ('text' in part ? part.text : '')).join(' ');

describe('deadlines', () => {
  let server: ServerProcess;
  let client: Client;
  let id: string;
  let melody: string;

  // The margins are wide both ways so that neither a fast idle machine nor a loaded one decides the outcome:
  // one report on a 300-bar score takes about 0.3 s of CPU warm (harmony is most of it; a cold worker, with
  // its models parsed on first use, on a CI core shared with another test file, took over 1 s) against a
  // 5 s run deadline, 500 of them minutes; harmonizing a 1,600-note melody is one task of about a second,
  // five times the queue deadline.
  const importScore = async (measures: number) => {
    const imported = (await client.callTool({ name: 'import_score', arguments: { content: musicXml(measures), format: 'musicxml' } })) as CallToolResult;
    return (imported.structuredContent as { id: string }).id;
  };

  beforeAll(async () => {
    server = await spawnHttpServer({ CADENZA_WORKERS: '1', CADENZA_TOOL_TIMEOUT_MS: '5000', CADENZA_QUEUE_TIMEOUT_MS: '200', CADENZA_STORE: 'memory' });
    client = await connectClient(server.url);
    id = await importScore(300);
    melody = await importScore(400);
  });

  afterAll(async () => {
    await client?.close();
    server?.child.kill('SIGTERM');
    await server?.exited;
  });

  it('stops analyze_corpus when its scores together pass the run deadline, though each alone is well within it', async () => {
    const one = (await client.callTool({ name: 'analyze_corpus', arguments: { ids: [id] } })) as CallToolResult;
    expect(one.isError).toBeFalsy();
    const many = (await client.callTool({ name: 'analyze_corpus', arguments: { ids: Array.from({ length: 500 }, () => id) } })) as CallToolResult;
    expect(many.isError).toBe(true);
    expect(many._meta?.['cadenza/errorCode']).toBe('TIMEOUT');
    expect(errorText(many)).toMatch(/Run deadline/);
    await expectAlive(baseOf(server.url));
  }, 120_000);

  it('says the queue deadline passed when a call never got a worker', async () => {
    const busy = client.callTool({ name: 'harmonize_melody', arguments: { id: melody } });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const other = await connectClient(server.url);
    const waited = (await other.callTool({ name: 'analyze_harmony', arguments: { id } })) as CallToolResult;
    expect(waited.isError).toBe(true);
    expect(waited._meta?.['cadenza/errorCode']).toBe('TIMEOUT');
    expect(errorText(waited)).toMatch(/Queue deadline/);
    await busy;
    await other.close();
  }, 120_000);
});

describe('X-Forwarded-For', () => {
  const burst = async (base: string) => {
    const statuses: number[] = [];
    for (let index = 0; index < 12; index += 1) {
      statuses.push((await fetch(`${base}/api/scores`, { headers: { 'x-forwarded-for': `203.0.113.${index}` } })).status);
    }
    return statuses;
  };

  it('does not choose the rate-limit key when no proxy is trusted: a client cannot dodge its limit', async () => {
    const server = await startTestServer({ CADENZA_RATE_PER_IP: '3', CADENZA_STORE: 'memory' });
    expect(await burst(baseOf(server.url))).toContain(429);
    await server.running.stop();
  });

  it('chooses the key when the proxy is trusted (CADENZA_TRUSTED_PROXIES)', async () => {
    const server = await startTestServer({ CADENZA_RATE_PER_IP: '3', CADENZA_STORE: 'memory', CADENZA_TRUSTED_PROXIES: 'loopback' });
    expect(await burst(baseOf(server.url))).not.toContain(429);
    await server.running.stop();
  });
});
