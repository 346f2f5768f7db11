/**
 * MCP at /mcp, stateless: the SDK's handler serves each request on an McpServer of its own, the 2026-07-28
 * revision natively (on an idle instance when one is free: idle-instances.ts) and 2025-era clients
 * (2025-11-25, 2025-06-18, 2025-03-26) through its stateless legacy path, on a fresh one. Nothing about a
 * client is kept between requests, so any replica can answer any request; `subscriptions/listen` streams hear
 * score changes from `bus`, which every replica feeds.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { toNodeHandler } from '@modelcontextprotocol/node';
import { createMcpHandler, type AuthInfo, type McpServer, type ServerEventBus } from '@modelcontextprotocol/server';
import { IdleInstances } from './idle-instances.js';
import { serveParsed } from './node-exchange.js';

export interface McpEndpoint {
  /** serves one HTTP request; the body is the one express.json() parsed, auth what the bearer check verified */
  serve(request: IncomingMessage & { auth?: AuthInfo; body?: unknown }, response: ServerResponse): Promise<void>;
  /** aborts what is still in flight */
  close(): Promise<void>;
}

/** idle 2026-07-28 instances kept for reuse: about the calls in flight at once on a busy replica */
const MAX_IDLE_INSTANCES = 256;

export interface EndpointOptions {
  readonly onerror: (error: Error) => void;
  readonly bus?: ServerEventBus;
  /** the SDK's own bound on listen streams, a backstop behind the admission's (listen-streams.ts) */
  readonly maxSubscriptions?: number;
}

/** `createServer(era)`: a 2025-era instance is answered statelessly, one request at a time, so it offers no resource subscriptions */
export function createMcpEndpoint(createServer: (era: 'legacy' | 'modern') => McpServer, options: EndpointOptions): McpEndpoint {
  const { onerror, bus, maxSubscriptions } = options;
  const modern = new IdleInstances(() => createServer('modern'), MAX_IDLE_INSTANCES);
  // for a listen stream the handler only reads an instance's capabilities and identity and never connects it:
  // one instance answers them all (the SDK has checked that the Mcp-Method header names the body's method)
  let listening: McpServer | undefined;
  const instanceFor = (era: 'legacy' | 'modern', request: Request | undefined): McpServer => {
    if (era === 'legacy') return createServer(era);
    if (request?.headers.get('mcp-method') === 'subscriptions/listen') return (listening ??= createServer('modern'));
    return modern.take();
  };
  const handler = createMcpHandler(({ era, requestInfo }) => instanceFor(era, requestInfo), { onerror, ...(bus ? { bus } : {}), ...(maxSubscriptions ? { maxSubscriptions } : {}) });
  const serveNode = toNodeHandler(handler, { onerror });
  return {
    // a body express.json() did not parse (another content type, a GET) goes the SDK adapter's whole way
    serve: (request, response) => (request.body === undefined ? serveNode(request, response, undefined) : serveParsed(handler, request, response, onerror)),
    close: () => handler.close(),
  };
}
