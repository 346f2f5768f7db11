/**
 * Cadenza's MCP tools in this process, for the people-facing commands (analyze, info, render, corpus):
 * an SDK Client talks to createMcpServer over an in-memory transport, so the CLI answers exactly what
 * a client of `cadenza serve` would get.
 */
import { existsSync, realpathSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Client, type CallToolResult } from '@modelcontextprotocol/client';
import { InMemoryTransport } from '@modelcontextprotocol/server';
import type { Command } from 'commander';
import { InlineWork } from '../mcp/inline-work.js';
import { createMcpServer } from '../mcp/server.js';
import { ConfigError, loadConfig } from '../server/config.js';
import { createServices } from '../server/services.js';
import { packageVersion } from './version.js';

/** A tool answered with isError: its Cadenza error code and the text (message and hint). */
export class ToolCallFailed extends Error {
  override readonly name = 'ToolCallFailed';
  constructor(readonly code: string, readonly text: string) {
    super(text);
  }
}

export interface LocalTools {
  /** calls a tool; resolves with its whole result, or rejects with ToolCallFailed */
  call(name: string, args: Record<string, unknown>): Promise<CallToolResult>;
  close(): Promise<void>;
}

/** openLocalTools([folder]) → tools that may import files from inside `roots` only, with an in-memory store */
export async function openLocalTools(roots: readonly string[]): Promise<LocalTools> {
  const config = loadConfig({ ...process.env, CADENZA_ALLOWED_ROOTS: roots.join(process.platform === 'win32' ? ';' : ':') }, process.cwd());
  const services = createServices(config, { work: new InlineWork() });
  const log = { error: (details: Record<string, unknown>, message: string) => void process.stderr.write(`${message}: ${String(details['err'])}\n`) };
  const server = createMcpServer({ services, log, version: packageVersion() });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: 'cadenza-cli', version: packageVersion() });
  await Promise.all([server.connect(serverSide), client.connect(clientSide)]);
  return {
    async call(name, args) {
      const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
      if (result.isError) {
        const text = result.content.map((block) => (block.type === 'text' ? block.text : '')).join('\n');
        throw new ToolCallFailed(String(result._meta?.['cadenza/errorCode'] ?? 'INTERNAL'), text);
      }
      return result;
    },
    close: () => client.close(),
  };
}

/** Imports a score file (its folder becomes the one allowed root) and returns the tools and its id. */
export async function importFile(file: string): Promise<{ tools: LocalTools; id: string }> {
  // The real path, so a symbolic link to a score elsewhere is still inside the one allowed root.
  const path = existsSync(file) ? realpathSync(file) : resolve(file);
  const tools = await openLocalTools([dirname(path)]);
  try {
    const imported = await tools.call('import_score', { path });
    return { tools, id: (imported.structuredContent as { id: string }).id };
  } catch (error) {
    await tools.close();
    throw error;
  }
}

/** Exit codes as convert uses them (sysexits): 66 no input, 65 unreadable data, 78 configuration. */
const EXIT_CODES: Readonly<Record<string, number>> = {
  FILE_NOT_FOUND: 66,
  CORPUS_NOT_FOUND: 66,
  PATH_NOT_ALLOWED: 66,
  PARSE_FAILED: 65,
  UNSUPPORTED_FORMAT: 65,
  UNSAFE_INPUT: 65,
  LIMIT_EXCEEDED: 65,
};

/** Hints that fit a person at a shell better than the tools' hints, which address a model. */
const CLI_HINTS: Readonly<Record<string, string>> = {
  FILE_NOT_FOUND: 'Check the path; a relative path is resolved against the current folder.',
  PATH_NOT_ALLOWED: 'Check the path; a relative path is resolved against the current folder.',
  CORPUS_NOT_FOUND: 'Run `cadenza corpus list` for the ids.',
};

/** Runs a command's work, turning tool and configuration failures into a clear message and exit code. */
export async function reportingFailures(program: Command, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (error instanceof ToolCallFailed) {
      const hint = CLI_HINTS[error.code];
      program.error(hint ? error.text.replace(/\nHint: [^]*$/, `\nHint: ${hint}`) : error.text, { exitCode: EXIT_CODES[error.code] ?? 1 });
    }
    if (error instanceof ConfigError) program.error(error.message, { exitCode: 78 });
    throw error;
  }
}

/** structuredContent of a tool result, typed by the caller */
export function structured<T>(result: CallToolResult): T {
  return result.structuredContent as T;
}
