/**
 * A live round-trip with a stdio MCP server, as a desktop client starts it: spawn the command,
 * initialize, list the tools, and optionally ask analyze_key about a bundled score.
 */
import { Client, type CallToolResult } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { packageVersion } from './version.js';

export interface StdioLaunch {
  readonly command: string;
  readonly args: readonly string[];
  readonly env: Record<string, string>;
  readonly cwd?: string;
}

export interface ProbeResult {
  readonly serverName: string;
  readonly serverVersion: string;
  readonly toolCount: number;
  /** the key analyze_key found, when a corpus score was asked about */
  readonly key?: string;
  readonly milliseconds: number;
}

/** probeStdioServer({ command: node, args: [cli, 'serve'], env }) → { toolCount: 22, … }; rejects on failure or timeout */
export async function probeStdioServer(launch: StdioLaunch, options: { corpusId?: string; timeoutMs?: number } = {}): Promise<ProbeResult> {
  const started = performance.now();
  const transport = new StdioClientTransport({ command: launch.command, args: [...launch.args], env: launch.env, stderr: 'pipe', ...(launch.cwd ? { cwd: launch.cwd } : {}) });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-2000);
  });
  const client = new Client({ name: 'cadenza-check', version: packageVersion() });
  const timeoutMs = options.timeoutMs ?? 20_000;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
  });
  try {
    return await Promise.race([exchange(client, transport, options.corpusId, started), timeout]);
  } catch (error) {
    const lastLines = stderr.trim().split('\n').slice(-3).join('\n    ');
    throw new Error(`${(error as Error).message}${lastLines ? `\n    server stderr: ${lastLines}` : ''}`, { cause: error });
  } finally {
    clearTimeout(timer);
    await client.close().catch(() => undefined);
  }
}

async function exchange(client: Client, transport: StdioClientTransport, corpusId: string | undefined, started: number): Promise<ProbeResult> {
  await client.connect(transport);
  const server = client.getServerVersion();
  const { tools } = await client.listTools();
  const key = corpusId ? await keyOf(client, corpusId) : undefined;
  return {
    serverName: server?.name ?? '?',
    serverVersion: server?.version ?? '?',
    toolCount: tools.length,
    ...(key ? { key } : {}),
    milliseconds: Math.round(performance.now() - started),
  };
}

/** Imports a corpus score, asks its key, then deletes it again so the store is left as it was. */
async function keyOf(client: Client, corpusId: string): Promise<string> {
  const imported = (await client.callTool({ name: 'import_score', arguments: { corpus: corpusId } })) as CallToolResult;
  if (imported.isError) throw new Error(`import_score failed: ${textOf(imported)}`);
  const { id } = imported.structuredContent as { id: string };
  try {
    const key = (await client.callTool({ name: 'analyze_key', arguments: { id } })) as CallToolResult;
    if (key.isError) throw new Error(`analyze_key failed: ${textOf(key)}`);
    return (key.structuredContent as { name: string }).name;
  } finally {
    await client.callTool({ name: 'delete_score', arguments: { id } });
  }
}

function textOf(result: CallToolResult): string {
  return result.content.map((block) => (block.type === 'text' ? block.text : '')).join(' ');
}
