/** Starts the real HTTP server in-process on a free port, with logs captured as parsed JSON lines. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { Client as ModernClient, StreamableHTTPClientTransport as ModernHttpTransport } from '@modelcontextprotocol/client';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import pino from 'pino';
import { loadConfig } from '../../src/server/config.js';
import { startHttpServer, type RunningHttpServer } from '../../src/server/http/serve-http.js';

export interface TestServer {
  readonly running: RunningHttpServer;
  readonly url: string;
  readonly logs: Record<string, unknown>[];
}

export async function startTestServer(environment: Record<string, string>): Promise<TestServer> {
  const logs: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  // a fresh data folder: the default SQLite store, never the user's own
  const dataDir = mkdtempSync(join(tmpdir(), 'cadenza-test-'));
  const config = loadConfig({ CADENZA_PORT: '0', CADENZA_WORKERS: '0', CADENZA_LOG_LEVEL: 'info', CADENZA_DATA_DIR: dataDir, ...environment }, process.cwd());
  const running = await startHttpServer(config, pino({ level: config.logLevel }, sink), 'test');
  return { running, url: running.url, logs };
}

/** a 2025-era client (SDK v1, 2025-11-25 over Streamable HTTP) connected with an optional bearer token */
export async function connectClient(url: string, token?: string): Promise<Client> {
  const client = new Client({ name: 'test', version: '1' });
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }));
  return client;
}

/** a 2026-07-28 client (SDK v2, stateless: no initialize, no session) with an optional bearer token */
export async function connectModernClient(url: string, token?: string): Promise<ModernClient> {
  const client = new ModernClient({ name: 'test-modern', version: '1' }, { versionNegotiation: { mode: { pin: '2026-07-28' } } });
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  await client.connect(new ModernHttpTransport(new URL(url), { requestInit: { headers } }));
  return client;
}

/** One raw JSON-RPC POST to /mcp, as a client without the SDK would send it. */
export async function rawPost(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
    body: JSON.stringify(body),
  });
}

export const INITIALIZE = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
};
