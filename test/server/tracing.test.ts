/** With CADENZA_OTLP_ENDPOINT set, tool calls arrive at an OTLP/HTTP collector as spans of the caller's trace. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawPost, startTestServer } from '../support/http-server.js';

interface ExportedSpan {
  name: string;
  traceId: string;
  parentSpanId?: string;
  attributes: { key: string; value: { stringValue?: string } }[];
}

let collector: Server;
let endpoint: string;
const spans: ExportedSpan[] = [];

beforeAll(async () => {
  collector = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      const exported = JSON.parse(body) as { resourceSpans: { scopeSpans: { spans: ExportedSpan[] }[] }[] };
      for (const resource of exported.resourceSpans) for (const scope of resource.scopeSpans) spans.push(...scope.spans);
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}/v1/traces`;
});

afterAll(() => new Promise<void>((resolve) => collector.close(() => resolve())));

describe('OpenTelemetry traces', () => {
  it('exports one span per tool call, in the trace the caller named, with tool and outcome', async () => {
    const server = await startTestServer({ CADENZA_OTLP_ENDPOINT: endpoint });
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const traceparent = `00-${traceId}-00f067aa0ba902b7-01`;
    const headers = { traceparent };
    const call = { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'get_score_info', arguments: { id: 'missing' } } };
    await (await rawPost(server.url, call, headers)).text();
    await server.running.stop();
    const span = spans.find((candidate) => candidate.name === 'tools/call get_score_info');
    expect(span).toMatchObject({ traceId, parentSpanId: '00f067aa0ba902b7' });
    const attributes = Object.fromEntries(span!.attributes.map((attribute) => [attribute.key, attribute.value.stringValue]));
    expect(attributes).toMatchObject({ 'mcp.tool.name': 'get_score_info', 'cadenza.tenant': 'local', 'cadenza.outcome': 'SCORE_NOT_FOUND' });
  });
});
