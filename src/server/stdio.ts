/** Serves MCP over stdin/stdout until the client closes the stream or a signal arrives. */
import type { Logger } from 'pino';
import { createMcpServer } from '../mcp/server.js';
import type { Runtime } from './runtime.js';
import { BoundedStdioTransport } from './stdio-transport.js';

/** Room for inline content at the input limit once base64- or JSON-escaped, plus the request around it. */
function maxMessageBytes(maxInputBytes: number): number {
  return Math.ceil(maxInputBytes * 1.5) + 1024 * 1024;
}

export async function serveStdio(runtime: Runtime, log: Logger): Promise<void> {
  const server = createMcpServer(runtime.serverOptions(false));
  const transport = new BoundedStdioTransport(maxMessageBytes(runtime.services.limits.maxInputBytes), log);
  const closed = new Promise<void>((resolve) => {
    transport.onclose = () => resolve();
  });
  transport.onerror = (error) => log.warn({ problem: error.message }, 'stdio transport');
  await server.connect(transport);
  log.info({ transport: 'stdio' }, 'cadenza serving');
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void server.close());
  await closed;
  await server.close();
  await runtime.close();
  log.info('cadenza stopped');
}
