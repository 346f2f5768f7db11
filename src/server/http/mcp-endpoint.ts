/**
 * MCP at /mcp, stateless: the SDK's handler serves each request from a fresh McpServer, the 2026-07-28
 * revision natively and 2025-era clients (2025-11-25, 2025-06-18, 2025-03-26) through its stateless legacy
 * path. Nothing is kept between requests, so any replica can answer any request.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { toNodeHandler } from '@modelcontextprotocol/node';
import { createMcpHandler, type AuthInfo, type McpServer } from '@modelcontextprotocol/server';

export interface McpEndpoint {
  /** serves one HTTP request; the body is the one express.json() parsed, auth what the bearer check verified */
  serve(request: IncomingMessage & { auth?: AuthInfo; body?: unknown }, response: ServerResponse): Promise<void>;
  /** aborts what is still in flight */
  close(): Promise<void>;
}

export function createMcpEndpoint(createServer: () => McpServer, onerror: (error: Error) => void): McpEndpoint {
  const handler = createMcpHandler(() => createServer(), { onerror });
  const serveNode = toNodeHandler(handler, { onerror });
  return {
    serve: (request, response) => serveNode(request, response, request.body),
    close: () => handler.close(),
  };
}
