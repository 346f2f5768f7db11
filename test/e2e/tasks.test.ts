/**
 * Long tool calls as MCP tasks, driven by real clients against the built server: the SDK v1 Client
 * (2025-11-25 experimental tasks: params.task, tasks/get, tasks/result, tasks/list, tasks/cancel) and
 * the SDK v2 Client (the 2026-07-28 io.modelcontextprotocol/tasks extension, server-directed), over HTTP
 * and stdio; and two tenants' tasks kept apart.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport as ModernStdioTransport } from '@modelcontextprotocol/client/stdio';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { CallToolResultSchema, CreateTaskResultSchema, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { apiKeysFile, createApiKey, writeApiKeys } from '../../src/server/auth/api-keys.js';
import { connectClient, startTestServer, type TestServer } from '../support/http-server.js';
import { TASKS_EXTENSION, cancelTask, connectTaskClient, getTask, startTask, untilEnded } from '../support/modern-tasks.js';
import { spawnHttpServer, type ServerProcess } from '../support/spawn-server.js';

const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const CORPUS_CALL = { name: 'analyze_corpus', arguments: { corpus: true } };

describe('tasks over HTTP with a 2025-11-25 client (SDK v1)', () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await spawnHttpServer({ CADENZA_WORKERS: '1', CADENZA_TASK_POLL_MS: '200' });
  });
  afterAll(async () => {
    server.child.kill('SIGTERM');
    await server.exited;
  });

  it('lists the long tools as task-capable and runs analyze_corpus as a task to completion', async () => {
    const client = await connectClient(server.url);
    const { tools } = await client.listTools();
    expect(tools.find((tool) => tool.name === 'analyze_corpus')?.execution?.taskSupport).toBe('optional');
    expect(tools.find((tool) => tool.name === 'analyze_key')?.execution?.taskSupport).toBeUndefined();
    const seen: string[] = [];
    let result: CallToolResult | undefined;
    for await (const message of client.experimental.tasks.callToolStream(CORPUS_CALL, CallToolResultSchema, { task: { ttl: 120_000 } })) {
      seen.push(message.type);
      if (message.type === 'result') result = message.result as CallToolResult;
      if (message.type === 'error') throw new Error(`${message.error.message}\n${server.logLines.filter((line) => /"level":(40|50|60)/.test(line)).join('\n')}`);
    }
    expect(seen[0]).toBe('taskCreated');
    expect(seen.at(-1)).toBe('result');
    expect(result?.isError).toBeFalsy();
    const summary = (result?.structuredContent as { summary: { scores: number } }).summary;
    expect(summary.scores).toBeGreaterThan(5);
    await client.close();
  });

  it('gives a task when asked for one even where the server would not choose one (a small import)', async () => {
    const client = await connectClient(server.url);
    const created = await client.request({ method: 'tools/call', params: { name: 'import_score', arguments: { corpus: 'bach/bwv66.6' }, task: { ttl: 60_000 } } }, CreateTaskResultSchema);
    const result = (await client.experimental.tasks.getTaskResult(created.task.taskId, CallToolResultSchema)) as CallToolResult;
    expect((result.structuredContent as { id: string }).id).toMatch(/bwv/);
    expect(result._meta?.['io.modelcontextprotocol/related-task']).toEqual({ taskId: created.task.taskId });
    await client.close();
  });

  it('lists, reads and cancels tasks, and answers an unknown task id with invalid params', async () => {
    const client = await connectClient(server.url);
    const created = await client.request({ method: 'tools/call', params: { ...CORPUS_CALL, task: { ttl: 120_000 } } }, CreateTaskResultSchema);
    const { taskId } = created.task;
    expect(created.task.status).toBe('working');
    const listed = await client.experimental.tasks.listTasks();
    expect(listed.tasks.map((task) => task.taskId)).toContain(taskId);
    const cancelled = await client.experimental.tasks.cancelTask(taskId);
    expect(cancelled.status).toBe('cancelled');
    let status = cancelled.status;
    for (let polls = 0; polls < 100 && status === 'working'; polls++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      status = (await client.experimental.tasks.getTask(taskId)).status;
    }
    expect(status).toBe('cancelled');
    await expect(client.experimental.tasks.getTask('no-such-task')).rejects.toThrow(/-32602|not found|No task/i);
    await client.close();
  });
});

describe('tasks over HTTP with a 2026-07-28 client (SDK v2)', () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await spawnHttpServer({ CADENZA_WORKERS: '1', CADENZA_TASK_POLL_MS: '200' });
  });
  afterAll(async () => {
    server.child.kill('SIGTERM');
    await server.exited;
  });

  it('declares the extension in server/discover and runs analyze_corpus as a task to completion', async () => {
    const tasks = await connectTaskClient(server.url);
    const discovered = (await tasks.client.request({ method: 'server/discover', params: {} } as never)) as { capabilities: { extensions?: Record<string, unknown> } };
    expect(discovered.capabilities.extensions?.[TASKS_EXTENSION]).toEqual({});
    const created = await startTask(tasks, 'analyze_corpus', { corpus: true });
    expect(created).toMatchObject({ status: 'working', ttlMs: 3_600_000, pollIntervalMs: 200 });
    const ended = await untilEnded(tasks, created.taskId);
    expect(ended.status).toBe('completed');
    const result = ended.result as CallToolResult;
    expect(result.isError).toBeFalsy();
    expect((result.structuredContent as { summary: { scores: number } }).summary.scores).toBeGreaterThan(5);
    await tasks.client.close();
  });

  it('cancels a task, answers short calls directly, and refuses tasks/* to a client that did not declare the extension', async () => {
    const tasks = await connectTaskClient(server.url);
    const created = await startTask(tasks, 'analyze_corpus', { corpus: true });
    await cancelTask(tasks, created.taskId);
    expect((await untilEnded(tasks, created.taskId)).status).toBe('cancelled');

    const small = (await tasks.client.callTool({ name: 'import_score', arguments: { corpus: 'bach/bwv66.6' } })) as CallToolResult;
    expect((small.structuredContent as { id: string }).id).toMatch(/bwv/);

    const plain = await connectTaskClient(server.url, { declare: false });
    const direct = (await plain.client.callTool({ name: 'analyze_corpus', arguments: { corpus: true, filter: 'bwv66' } })) as CallToolResult;
    expect(direct.isError).toBeFalsy();
    expect((direct.structuredContent as { summary: { scores: number } }).summary.scores).toBeGreaterThan(0);
    await expect(getTask(plain, created.taskId)).rejects.toMatchObject({ code: -32021 });
    const update = { method: 'tasks/update', params: { taskId: created.taskId, inputResponses: {} } };
    await expect(plain.client.request(update, z.looseObject({}))).rejects.toMatchObject({ code: -32021 });
    // the declaring client's update is acknowledged (Cadenza's tasks never wait for input, so it changes nothing)
    await expect(tasks.client.request(update, z.looseObject({}))).resolves.toBeDefined();
    await expect(getTask(tasks, 'no-such-task')).rejects.toMatchObject({ code: -32602 });
    await Promise.all([tasks.client.close(), plain.client.close()]);
  });
});

describe('tasks over stdio with a 2025-11-25 client (SDK v1)', () => {
  it('runs analyze_corpus as a task to completion', async () => {
    const client = new Client({ name: 'cadenza-e2e', version: '1.0.0' });
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [CLI, 'serve'],
        env: { PATH: process.env.PATH ?? '', CADENZA_LOG_LEVEL: 'warn', CADENZA_TASK_POLL_MS: '200', CADENZA_DATA_DIR: mkdtempSync(join(tmpdir(), 'cadenza-stdio-tasks-')) },
        stderr: 'ignore',
      }),
    );
    const messages: string[] = [];
    let result: CallToolResult | undefined;
    for await (const message of client.experimental.tasks.callToolStream({ name: 'analyze_corpus', arguments: { corpus: true, filter: 'bach/' } }, CallToolResultSchema, { task: { ttl: 60_000 } })) {
      messages.push(message.type);
      if (message.type === 'result') result = message.result as CallToolResult;
    }
    expect(messages[0]).toBe('taskCreated');
    expect((result?.structuredContent as { summary: { scores: number } }).summary.scores).toBeGreaterThan(1);
    await client.close();
  }, 60_000);
});

describe('tasks over stdio with a 2026-07-28 client (SDK v2)', () => {
  it('runs analyze_corpus as a task to completion', async () => {
    const transport = new ModernStdioTransport({
      command: process.execPath,
      args: [CLI, 'serve'],
      env: { PATH: process.env.PATH ?? '', CADENZA_LOG_LEVEL: 'warn', CADENZA_TASK_POLL_MS: '200', CADENZA_DATA_DIR: mkdtempSync(join(tmpdir(), 'cadenza-stdio-tasks-')) },
      stderr: 'ignore',
    });
    const tasks = await connectTaskClient(transport);
    const created = await startTask(tasks, 'analyze_corpus', { corpus: true, filter: 'bach/' });
    const ended = await untilEnded(tasks, created.taskId);
    expect(ended.status).toBe('completed');
    expect(((ended.result as CallToolResult).structuredContent as { summary: { scores: number } }).summary.scores).toBeGreaterThan(1);
    await tasks.client.close();
  }, 60_000);
});

describe('tasks of two tenants (API keys)', () => {
  const acme = createApiKey('acme', ['scores:read', 'scores:write']);
  const globex = createApiKey('globex', ['scores:read', 'scores:write']);
  let server: TestServer;
  beforeAll(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cadenza-task-tenants-'));
    writeApiKeys(apiKeysFile(dataDir), [acme.record, globex.record]);
    server = await startTestServer({ CADENZA_AUTH: 'apikey', CADENZA_DATA_DIR: dataDir, CADENZA_MAX_TASKS_PER_TENANT: '1' });
  });
  afterAll(async () => {
    await server.running.stop();
  });

  it('never lets one tenant see, list, await or cancel another’s task, and holds each to its own quota', async () => {
    const [owner, stranger] = await Promise.all([connectClient(server.url, acme.key), connectClient(server.url, globex.key)]);
    const created = await owner.request({ method: 'tools/call', params: { ...CORPUS_CALL, task: { ttl: 60_000 } } }, CreateTaskResultSchema);
    const { taskId } = created.task;
    await expect(stranger.experimental.tasks.getTask(taskId)).rejects.toThrow(/No task/);
    await expect(stranger.experimental.tasks.cancelTask(taskId)).rejects.toThrow(/No task/);
    await expect(stranger.experimental.tasks.getTaskResult(taskId, CallToolResultSchema)).rejects.toThrow(/No task/);
    expect((await stranger.experimental.tasks.listTasks()).tasks).toEqual([]);
    expect((await owner.experimental.tasks.getTask(taskId)).status).toBe('working');

    const refused = (await owner.request({ method: 'tools/call', params: { ...CORPUS_CALL, task: { ttl: 60_000 } } }, CallToolResultSchema)) as CallToolResult;
    expect(refused.isError).toBe(true);
    expect(refused._meta?.['cadenza/errorCode']).toBe('TOO_MANY_TASKS');
    const theirs = await stranger.request({ method: 'tools/call', params: { ...CORPUS_CALL, task: { ttl: 60_000 } } }, CreateTaskResultSchema);
    expect(theirs.task.status).toBe('working');
    await owner.experimental.tasks.cancelTask(taskId);
    await stranger.experimental.tasks.cancelTask(theirs.task.taskId);
    await Promise.all([owner.close(), stranger.close()]);
  });
});
