/** A bare MCP-over-HTTP client for benchmarks (no SDK, so the load generator stays light), and the server under test. */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CLI = new URL('../dist/cli.js', import.meta.url).pathname;
export const HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
/** what a 2026-07-28 request carries in its _meta instead of a session: protocol version and client identity */
const ENVELOPE = {
  'io.modelcontextprotocol/protocolVersion': '2026-07-28',
  'io.modelcontextprotocol/clientInfo': { name: 'bench', version: '1' },
  'io.modelcontextprotocol/clientCapabilities': {},
};

/** the HTTP headers a 2026-07-28 request must repeat from its body (MCP-Protocol-Version, Mcp-Method, Mcp-Name) */
export function headersFor(body) {
  return { ...HEADERS, 'mcp-protocol-version': '2026-07-28', 'mcp-method': body.method, ...(body.params?.name ? { 'mcp-name': body.params.name } : {}) };
}

/** `cadenza serve --http` on a free port, its data in a fresh temporary folder, limits out of the way */
export function startServer(environment = {}) {
  const child = spawn(process.execPath, [CLI, 'serve', '--http', '--port', '0'], {
    env: {
      ...process.env,
      CADENZA_DATA_DIR: mkdtempSync(join(tmpdir(), 'cadenza-bench-')),
      CADENZA_LOG_LEVEL: 'info',
      CADENZA_RATE_PER_TENANT: '1000000',
      CADENZA_RATE_PER_IP: '1000000',
      CADENZA_TENANT_CONCURRENCY: '1000',
      CADENZA_MAX_CONCURRENCY: '1000',
      CADENZA_TOOL_TIMEOUT_MS: '120000',
      ...environment,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr.on('data', (chunk) => (log += chunk));
  return { child, log: () => log };
}

/** the URL the server logs once it listens; a start takes seconds on a machine other work keeps busy, so up to a minute */
export async function listeningUrl(server) {
  for (let attempt = 0; attempt < 1200; attempt++) {
    const match = /"url":"([^"]+)"/.exec(server.log());
    if (match) return match[1];
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`server did not start:\n${server.log()}`);
}

/** one stateless 2026-07-28 request: no initialize before it, no session */
export async function post(url, body) {
  const response = await fetch(url, { method: 'POST', headers: headersFor(body), body: JSON.stringify(body) });
  const text = await response.text();
  return { response, text };
}

export function toolCall(name, args) {
  return { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name, arguments: args, _meta: ENVELOPE } };
}

/** the structuredContent of an SSE or JSON tool-call response */
export function resultOf(text) {
  const data = text.split('\n').filter((line) => line.startsWith('data: ')).map((line) => JSON.parse(line.slice(6)));
  const message = data.find((entry) => entry.id !== undefined) ?? JSON.parse(text);
  return message.result;
}

/** one scrape of /metrics (which also restarts the event-loop lag histogram), as name → value */
export async function scrape(base) {
  const text = await (await fetch(`${base}/metrics`)).text();
  const values = new Map();
  for (const line of text.split('\n')) {
    if (line && !line.startsWith('#')) values.set(line.slice(0, line.lastIndexOf(' ')), Number(line.slice(line.lastIndexOf(' ') + 1)));
  }
  return values;
}

