#!/usr/bin/env node
/**
 * The ceiling the official SDK sets, for bench/http-load.mjs: a Streamable HTTP server built exactly as the
 * SDK's documentation builds one (createMcpExpressApp, one StreamableHTTPServerTransport per session, no
 * event store, no auth, no limits, no metrics) whose analyze_key answers at once without looking at any
 * score. Whatever it cannot reach on this machine, no server on the SDK can. With JSON_RESPONSE=1 it answers
 * each POST with plain JSON instead of an SSE stream (the SDK's enableJsonResponse: faster, but no progress
 * notifications while a call runs). GET /lag reports its event-loop lag since the last call, like Cadenza's /metrics.
 */
import { randomUUID } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createMcpExpressApp } from '@modelcontextprotocol/sdk/server/express.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { z } from 'zod';

const app = createMcpExpressApp();
const transports = new Map();
const enableJsonResponse = process.env.JSON_RESPONSE === '1';
const lag = monitorEventLoopDelay({ resolution: 10 });
lag.enable();

function serverWithOneTool() {
  const server = new McpServer({ name: 'sdk-baseline', version: '1.0.0' });
  server.registerTool(
    'analyze_key',
    { description: 'Answers a fixed key, at once.', inputSchema: { id: z.string() }, outputSchema: { name: z.string(), correlation: z.number() } },
    async () => ({ content: [{ type: 'text', text: 'F# minor' }], structuredContent: { name: 'F# minor', correlation: 0.9 } }),
  );
  return server;
}

app.post('/mcp', async (request, response) => {
  const sessionId = request.headers['mcp-session-id'];
  let transport = sessionId ? transports.get(sessionId) : undefined;
  if (!transport) {
    transport = new StreamableHTTPServerTransport({ sessionIdGenerator: () => randomUUID(), enableJsonResponse, onsessioninitialized: (id) => transports.set(id, transport) });
    await serverWithOneTool().connect(transport);
  }
  await transport.handleRequest(request, response, request.body);
});

app.get('/lag', (_request, response) => {
  response.json({ p99Ms: lag.percentile(99) / 1e6, maxMs: lag.max / 1e6 });
  lag.reset();
});

const listener = app.listen(0, '127.0.0.1', () => console.error(JSON.stringify({ url: `http://127.0.0.1:${listener.address().port}/mcp` })));
process.on('SIGTERM', () => process.exit(0));
