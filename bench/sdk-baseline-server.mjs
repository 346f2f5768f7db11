#!/usr/bin/env node
/**
 * The ceiling the official SDK v2 sets, for bench/http-load.mjs: a stateless server built exactly as the
 * SDK's documentation builds one on plain node:http (createMcpHandler with a factory, toNodeHandler, the
 * localhost Host and Origin guards; no auth, no limits, no metrics, no store) whose analyze_key answers at
 * once without looking at any score. Whatever it cannot reach on this machine, no server on the SDK can.
 * With JSON_RESPONSE=1 it never streams (responseMode 'json': progress notifications are dropped).
 * GET /lag reports its event-loop lag since the last call, like Cadenza's /metrics, and the process's CPU time so far.
 */
import { createServer } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { localhostHostValidation, localhostOriginValidation, toNodeHandler } from '@modelcontextprotocol/node';
import { createMcpHandler, McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';

const lag = monitorEventLoopDelay({ resolution: 10 });
lag.enable();

function serverWithOneTool() {
  const server = new McpServer({ name: 'sdk-baseline', version: '1.0.0' });
  server.registerTool(
    'analyze_key',
    { description: 'Answers a fixed key, at once.', inputSchema: z.object({ id: z.string() }), outputSchema: z.object({ name: z.string(), correlation: z.number() }) },
    async () => ({ content: [{ type: 'text', text: 'F# minor' }], structuredContent: { name: 'F# minor', correlation: 0.9 } }),
  );
  return server;
}

const handler = createMcpHandler(serverWithOneTool, process.env.JSON_RESPONSE === '1' ? { responseMode: 'json' } : {});
const serveMcp = toNodeHandler(handler);
const validateHost = localhostHostValidation();
const validateOrigin = localhostOriginValidation();

const listener = createServer((request, response) => {
  if (request.url === '/lag') {
    const { user, system } = process.cpuUsage();
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ p99Ms: lag.percentile(99) / 1e6, maxMs: lag.max / 1e6, cpuSeconds: (user + system) / 1e6 }));
    lag.reset();
    return;
  }
  if (!validateHost(request, response) || !validateOrigin(request, response)) return;
  void serveMcp(request, response);
}).listen(0, '127.0.0.1', () => console.error(JSON.stringify({ url: `http://127.0.0.1:${listener.address().port}/mcp` })));
process.on('SIGTERM', () => process.exit(0));
