/**
 * The built server process over Streamable HTTP, with its worker pool: what an operator and a remote
 * client see. Requires `npm run build` first (npm test does it).
 */
import { request } from 'node:http';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClient, connectModernClient, INITIALIZE, rawPost } from '../support/http-server.js';
import { spawnHttpServer, type ServerProcess } from '../support/spawn-server.js';

let server: ServerProcess;
let client: Client;
let base: string;

beforeAll(async () => {
  server = await spawnHttpServer({ CADENZA_WORKERS: '2' });
  base = server.url.replace(/\/mcp$/, '');
  client = await connectClient(server.url);
});

afterAll(async () => {
  await client.close();
  server.child.kill('SIGTERM');
  await server.exited;
});

async function call(name: string, args: Record<string, unknown>): Promise<CallToolResult> {
  return (await client.callTool({ name, arguments: args })) as CallToolResult;
}

describe('cadenza serve --http', () => {
  it('imports and analyses through the worker pool', async () => {
    const { id } = (await call('import_score', { corpus: 'bach/bwv66.6' })).structuredContent as { id: string };
    expect((await call('analyze_key', { id })).structuredContent).toMatchObject({ name: 'F# minor' });
    // with regions the call is heavy enough for a worker: three times on two workers, so one of them
    // is asked twice and finds the score in its cache
    for (let time = 0; time < 3; time++) expect((await call('analyze_key', { id, regions: true })).structuredContent).toMatchObject({ name: 'F# minor' });
    const png = await call('render_score', { id, format: 'png', width: 600, inline: true });
    expect(png.content.some((block) => block.type === 'image' && block.mimeType === 'image/png')).toBe(true);
    // by default the page is a link, readable over plain HTTP at the same path under /api/scores
    const linked = await call('render_score', { id, format: 'png', width: 600 });
    const link = linked.content.find((block) => block.type === 'resource_link') as { uri: string; size: number };
    const file = await fetch(`${base}/api/${link.uri.replace(/^score:\/\/([^/]+)\//, 'scores/$1/files/')}`);
    expect(file.headers.get('content-type')).toBe('image/png');
    const bytes = Buffer.from(await file.arrayBuffer());
    expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(bytes.length).toBe(link.size);
    const broken = await call('import_score', { content: '<score-partwise><part', format: 'musicxml' });
    expect(broken._meta?.['cadenza/errorCode']).toBe('PARSE_FAILED');
  });

  it('reports liveness, readiness and each check', async () => {
    expect(await (await fetch(`${base}/health`)).json()).toEqual({ status: 'ok' });
    expect(await (await fetch(`${base}/ready`)).json()).toEqual({ ready: true });
    const detailed = (await (await fetch(`${base}/health/detailed`)).json()) as { status: string; checks: { name: string; ok: boolean; message: string }[] };
    expect(detailed.status).toBe('ok');
    expect(detailed.checks.map((check) => check.name)).toEqual(['store', 'workers', 'lifecycle']);
    expect(detailed.checks[1]!.message).toBe('2 worker threads alive');
    expect((await call('health_check', {})).structuredContent).toMatchObject({ healthy: true });
  });

  it('serves /metrics that a Prometheus text parser reads, with the tool, worker and event-loop series', async () => {
    const families = parsePrometheusTextFormat(await (await fetch(`${base}/metrics`)).text());
    const names = new Set(families.map((family) => family.name));
    for (const name of [
      'cadenza_tool_calls_total',
      'cadenza_tool_duration_seconds',
      'cadenza_http_requests_total',
      'cadenza_http_in_flight_requests',
      'cadenza_worker_queue_depth',
      'cadenza_worker_utilization_ratio',
      'cadenza_worker_cache_lookups_total',
      'cadenza_store_scores',
      'cadenza_nodejs_eventloop_lag_p99_seconds',
    ]) expect(names, name).toContain(name);
    const calls = families.find((family) => family.name === 'cadenza_tool_calls_total')!;
    expect(calls.metrics).toContainEqual(expect.objectContaining({ labels: { tool: 'analyze_key', outcome: 'ok' } }));
    const cache = families.find((family) => family.name === 'cadenza_worker_cache_lookups_total')!;
    expect(cache.metrics.map((metric) => metric.labels?.['result'])).toContain('hit');
  });

  it('refuses a request whose Host is not its own (DNS rebinding)', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const { port } = new URL(base);
      const outgoing = request({ host: '127.0.0.1', port, path: '/mcp', method: 'POST', headers: { host: 'evil.example', 'content-type': 'application/json' } }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      outgoing.on('error', reject);
      outgoing.end('{}');
    });
    expect(status).toBe(403);
  });

  it('serves a 2026-07-28 client (SDK v2) statelessly: list tools, import, analyse, read a resource', async () => {
    const modern = await connectModernClient(server.url);
    try {
      expect(modern.getProtocolEra()).toBe('modern');
      expect((await modern.listTools()).tools.map((tool) => tool.name)).toContain('analyze_key');
      const imported = await modern.callTool({ name: 'import_score', arguments: { corpus: 'bach/bwv66.6' } });
      const { id } = imported.structuredContent as { id: string };
      expect((await modern.callTool({ name: 'analyze_key', arguments: { id } })).structuredContent).toMatchObject({ name: 'F# minor' });
      const read = await modern.readResource({ uri: `score://${id}` });
      expect(JSON.parse((read.contents[0] as { text: string }).text)).toMatchObject({ id, partCount: 4 });
      await expect(modern.readResource({ uri: 'score://nothing' })).rejects.toMatchObject({ code: -32602 });
    } finally {
      await modern.close();
    }
  });

  it('answers each 2025 revision in its own version, with no session, on the same endpoint', async () => {
    for (const protocolVersion of ['2025-03-26', '2025-06-18', '2025-11-25']) {
      const initialize = await rawPost(server.url, { ...INITIALIZE, params: { ...INITIALIZE.params, protocolVersion } });
      expect(initialize.headers.get('mcp-session-id')).toBeNull();
      expect(await initialize.text()).toContain(`"protocolVersion":"${protocolVersion}"`);
    }
    // every request stands alone: no initialize needed first, a leftover session header is ignored
    const ping = { jsonrpc: '2.0', id: 1, method: 'ping' };
    expect((await rawPost(server.url, ping)).status).toBe(200);
    expect((await rawPost(server.url, ping, { 'mcp-session-id': 'left-over' })).status).toBe(200);
    // GET and DELETE were session operations; a stateless endpoint has none
    expect((await fetch(server.url, { headers: { accept: 'text/event-stream' } })).status).toBe(405);
    expect((await fetch(server.url, { method: 'DELETE' })).status).toBe(405);
  });

  it('answers malformed and oversized bodies and unknown paths with JSON, never a stack trace', async () => {
    const bad = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' }, body: '{"bad json' });
    expect([bad.status, ((await bad.json()) as { error: { code: number } }).error.code]).toEqual([400, -32700]);
    const huge = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ padding: 'a'.repeat(40 * 1024 * 1024) }),
    });
    const hugeText = await huge.text();
    expect(huge.status).toBe(413);
    expect(hugeText).not.toMatch(/node_modules|at \w+ \(/);
    const missing = await fetch(`${base}/nothing-here`);
    expect([missing.status, missing.headers.get('content-type')]).toEqual([404, expect.stringContaining('application/json')]);
  });

  it('writes one JSON object per log line, with correlation ids and no score contents', () => {
    const entries = server.logLines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(entries.some((entry) => typeof entry['reqId'] === 'string')).toBe(true);
    expect(server.logLines.join('\n')).not.toContain('score-partwise');
  });
});
