/**
 * MCP sessions over Streamable HTTP: one transport and one McpServer per session, created on
 * `initialize`, bound to the tenant that created it (another tenant gets "not found"), bounded in number,
 * and closed after an idle period.
 */
import { randomUUID } from 'node:crypto';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { BoundedEventStore } from './event-store.js';

const RECONNECT_AFTER_MS = 1000;

export interface Session {
  readonly id: string;
  readonly tenant: string;
  readonly transport: StreamableHTTPServerTransport;
  readonly server: McpServer;
  lastSeen: number;
}

export interface SessionOptions {
  readonly maxSessions: number;
  readonly idleMs: number;
  readonly eventsPerSession: number;
  readonly createServer: () => McpServer;
  readonly onChange: (open: number) => void;
}

export class SessionManager {
  private readonly sessions = new Map<string, Session>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly options: SessionOptions) {
    this.sweeper = setInterval(() => void this.closeIdle(), Math.min(options.idleMs, 60_000));
    this.sweeper.unref();
  }

  get size(): number {
    return this.sessions.size;
  }

  get full(): boolean {
    return this.sessions.size >= this.options.maxSessions;
  }

  /** the tenant's session with this id, or undefined (also for another tenant's session) */
  find(id: string, tenant: string): Session | undefined {
    const session = this.sessions.get(id);
    if (!session || session.tenant !== tenant) return undefined;
    session.lastSeen = Date.now();
    return session;
  }

  /** A transport for a new session; it registers itself once the initialize request succeeds. */
  async open(tenant: string): Promise<StreamableHTTPServerTransport> {
    const server = this.options.createServer();
    const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      eventStore: new BoundedEventStore(this.options.eventsPerSession),
      // tells clients (SSE `retry:`) how soon to reconnect after a dropped stream
      retryInterval: RECONNECT_AFTER_MS,
      onsessioninitialized: (id) => {
        this.sessions.set(id, { id, tenant, transport, server, lastSeen: Date.now() });
        this.options.onChange(this.sessions.size);
      },
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

  private async closeIdle(): Promise<void> {
    const cutoff = Date.now() - this.options.idleMs;
    const idle = [...this.sessions.values()].filter((session) => session.lastSeen < cutoff);
    await Promise.allSettled(idle.map((session) => session.server.close()));
  }
}
