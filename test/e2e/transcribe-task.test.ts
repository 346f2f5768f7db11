/**
 * transcribe_audio against the built server as a task, its work in the worker pool (where the pitch model
 * and the decoders load in the worker thread): two bars of a chorale rendered by the same server as FLAC,
 * sent back to be written down, polled to completion with the 2025-11-25 task methods.
 */
import { CallToolResultSchema, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClient } from '../support/http-server.js';
import { spawnHttpServer, type ServerProcess } from '../support/spawn-server.js';

describe('transcribe_audio as a task over HTTP', () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await spawnHttpServer({ CADENZA_WORKERS: '1', CADENZA_TASK_POLL_MS: '200' });
  });
  afterAll(async () => {
    server.child.kill('SIGTERM');
    await server.exited;
  });

  it('is task-capable, and runs in the pool to a new score in the chorale’s key', async () => {
    const client = await connectClient(server.url);
    const { tools } = await client.listTools();
    expect(tools.find((tool) => tool.name === 'transcribe_audio')?.execution?.taskSupport).toBe('optional');
    const imported = (await client.callTool({ name: 'import_score', arguments: { corpus: 'bach/bwv66.6' } })) as CallToolResult;
    const id = (imported.structuredContent as { id: string }).id;
    const rendered = (await client.callTool({ name: 'render_audio', arguments: { id, format: 'flac', measures: { from: 1, to: 4 }, inline: true } })) as CallToolResult;
    const flac = (rendered.content.find((block) => block.type === 'audio') as { data: string }).data;

    const seen: string[] = [];
    let result: CallToolResult | undefined;
    const call = { name: 'transcribe_audio', arguments: { content: flac } };
    for await (const message of client.experimental.tasks.callToolStream(call, CallToolResultSchema, { task: { ttl: 120_000 } })) {
      seen.push(message.type);
      if (message.type === 'result') result = message.result as CallToolResult;
      if (message.type === 'error') throw new Error(message.error.message);
    }
    expect(seen[0]).toBe('taskCreated');
    expect(result?.isError, JSON.stringify(result?.content)).toBeFalsy();
    const facts = result!.structuredContent as { id: string; key: string; meter: string };
    expect(facts).toMatchObject({ key: 'F# minor', meter: '4/4' });
    const key = (await client.callTool({ name: 'analyze_key', arguments: { id: facts.id } })) as CallToolResult;
    expect((key.structuredContent as { name: string }).name).toBe('F# minor');
    await client.close();
  }, 180_000);
});
