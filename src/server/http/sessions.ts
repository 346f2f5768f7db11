/**
 * MCP sessions over Streamable HTTP: one SDK transport and one McpServer per session, created on
 * `initialize`, bound to the tenant that created it (another tenant gets "not found"), bounded in number,
 * closed after an idle period. With a shared session directory (Redis), a session opened on another
 * replica is rebuilt here on its first request, by replaying the client's initialize.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { EventStore } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import type { SessionDirectory } from './session-directory.js';

export interface Session {
  readonly id: string;
  readonly tenant: string;
  readonly transport: WebStandardStreamableHTTPServerTransport;
  readonly server: McpServer;
  lastSeen: number;
}

export interface SessionOptions {
  readonly maxSessions: number;
  readonly idleMs: number;
  readonly createServer: () => McpServer;
  readonly eventStore: (sessionId: string) => EventStore;
  readonly directory: SessionDirectory;
  readonly onChange: (open: number) => void;
}

interface RequestContext {
  readonly transport: WebStandardStreamableHTTPServerTransport;
  readonly authInfo?: AuthInfo;
  readonly parsedBody?: unknown;
}

/** tells clients (SSE `retry:`) how soon to reconnect after a dropped stream */
const RECONNECT_AFTER_MS = 1000;
const MCP_ACCEPT = 'application/json, text/event-stream';

export class SessionManager {
  private readonly sessions = new Map<string, Session>();
  private readonly sweeper: NodeJS.Timeout;
  private readonly contexts = new WeakMap<object, RequestContext>();
  /** one Node ↔ web-standard adapter for every session (the SDK's Node wrapper builds one per request) */
  private readonly listener = getRequestListener(
    (request, env) => {
      const context = this.contexts.get(env.incoming)!;
      return context.transport.handleRequest(request, {
        ...(context.authInfo ? { authInfo: context.authInfo } : {}),
        ...(context.parsedBody === undefined ? {} : { parsedBody: context.parsedBody }),
      });
    },
    { overrideGlobalObjects: false },
  );

  constructor(private readonly options: SessionOptions) {
    this.sweeper = setInterval(() => void this.closeIdle(), Math.min(options.idleMs, 60_000));
    this.sweeper.unref();
  }

  get full(): boolean {
    return this.sessions.size >= this.options.maxSessions;
  }

  /** the tenant's session with this id, rebuilt from the directory if another replica opened it */
  async find(id: string, tenant: string): Promise<Session | undefined> {
    const session = this.sessions.get(id) ?? (await this.adopt(id, tenant));
    if (!session || session.tenant !== tenant) return undefined;
    session.lastSeen = Date.now();
    this.options.directory.touch(id);
    return session;
  }

  /** serves one HTTP request on a transport */
  async serve(transport: WebStandardStreamableHTTPServerTransport, request: IncomingMessage & { auth?: AuthInfo }, response: ServerResponse, parsedBody?: unknown): Promise<void> {
    this.contexts.set(request, { transport, ...(request.auth ? { authInfo: request.auth } : {}), ...(parsedBody === undefined ? {} : { parsedBody }) });
    await this.listener(request, response);
  }

  /** A transport for a new session; it registers itself once the initialize request succeeds. */
  async open(tenant: string, initialize: unknown, sessionId: string = randomUUID()): Promise<WebStandardStreamableHTTPServerTransport> {
    const server = this.options.createServer();
    const transport: WebStandardStreamableHTTPServerTransport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: () => sessionId,
      eventStore: this.options.eventStore(sessionId),
      retryInterval: RECONNECT_AFTER_MS,
      onsessioninitialized: async (id) => {
        this.sessions.set(id, { id, tenant, transport, server, lastSeen: Date.now() });
        this.options.onChange(this.sessions.size);
        await this.options.directory.save(id, { tenant, initialize }).catch(() => undefined);
      },
      onsessionclosed: (id) => this.options.directory.remove(id),
    });
    transport.onclose = () => {
      if (transport.sessionId && this.sessions.delete(transport.sessionId)) this.options.onChange(this.sessions.size);
    };
    await server.connect(transport);
    return transport;
  }

  async closeAll(): Promise<void> {
    clearInterval(this.sweeper);
    await Promise.allSettled([...this.sessions.values()].map((session) => session.server.close()));
    this.sessions.clear();
    this.options.onChange(0);
  }

  /** Rebuilds a session another replica opened: same id, same client, initialize replayed. */
  private async adopt(id: string, tenant: string): Promise<Session | undefined> {
    const record = await this.options.directory.lookup(id).catch(() => undefined);
    if (!record || record.tenant !== tenant || this.full) return undefined;
    const transport = await this.open(tenant, record.initialize, id);
    const post = (body: unknown, headers: Record<string, string> = {}) =>
      transport.handleRequest(
        new Request('http://cadenza.internal/mcp', { method: 'POST', headers: { 'content-type': 'application/json', accept: MCP_ACCEPT, ...headers }, body: JSON.stringify(body) }),
        { parsedBody: body },
      );
    await (await post(record.initialize)).text();
    await (await post({ jsonrpc: '2.0', method: 'notifications/initialized' }, { 'mcp-session-id': id })).text();
    return this.sessions.get(id);
  }

  private async closeIdle(): Promise<void> {
    const cutoff = Date.now() - this.options.idleMs;
    const idle = [...this.sessions.values()].filter((session) => session.lastSeen < cutoff);
    await Promise.allSettled(idle.map((session) => session.server.close()));
  }
}
