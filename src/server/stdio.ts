/**
 * Serves MCP over stdin/stdout until the client closes the stream or a signal arrives. The SDK's stdio
 * entry decides each connection's protocol era from its opening message: a 2026-07-28 client is served
 * per request, a 2025-era client (initialize) through the legacy path, both from the same server.
 */
import { serveStdio as serveStdioEntry } from '@modelcontextprotocol/server/stdio';
import type { Logger } from 'pino';
import { createMcpServer } from '../mcp/server.js';
import type { Runtime } from './runtime.js';
import { BoundedStdioTransport } from './stdio-transport.js';

/** Room for inline content at the input limit once base64- or JSON-escaped, plus the request around it. */
function maxMessageBytes(maxInputBytes: number): number {
  return Math.ceil(maxInputBytes * 1.5) + 1024 * 1024;
}

export async function serveStdio(runtime: Runtime, log: Logger): Promise<void> {
  const transport = new BoundedStdioTransport(maxMessageBytes(runtime.services.limits.maxInputBytes), log);
  const options = runtime.serverOptions(false);
  const feed = runtime.changes;
  const handle = serveStdioEntry(({ era }) => createMcpServer({ ...options, subscriptions: { feed, era } }), {
    transport,
    onerror: (error) => log.warn({ problem: error.message }, 'stdio transport'),
  });
  log.info({ transport: 'stdio' }, 'cadenza serving');
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void handle.close());
  await transport.ended;
  await handle.close();
  await runtime.close();
  log.info('cadenza stopped');
}
