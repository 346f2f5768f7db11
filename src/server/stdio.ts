/** Serves MCP over stdin/stdout until the client closes the stream or a signal arrives. */
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { Logger } from 'pino';
import { createMcpServer } from '../mcp/server.js';
import type { Services } from '../mcp/ports.js';

export async function serveStdio(services: Services, log: Logger, version: string): Promise<void> {
  const server = createMcpServer({ services, log, version });
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolve) => {
    transport.onclose = () => resolve();
    process.stdin.once('end', () => resolve());
  });
  await server.connect(transport);
  log.info({ transport: 'stdio' }, 'cadenza serving');
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void server.close());
  await closed;
  await server.close();
  log.info('cadenza stopped');
}
