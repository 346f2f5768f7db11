/**
 * Cadenza's MCP tools in this process, for the people-facing commands (analyze, info, render, corpus):
 * each command names the tools it uses, and calls them as `cadenza serve` runs them (the same
 * declarations, input schemas and executeTool, an in-memory store), so it answers what a client would
 * get, without loading an MCP server or the tools it does not use.
 */
import { existsSync, realpathSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { CadenzaError, isCadenzaError } from '../core/errors.js';
import type { ToolCall, ToolDefinition, ToolResult } from '../mcp/define-tool.js';
import { executeTool } from '../mcp/execute-tool.js';
import { InlineWork } from '../mcp/inline-work.js';
import { NATIVE_CODEC } from '../server/native-zlib.js';
import { importScore } from '../mcp/tools/import-score.js';
import { LOCAL_TENANT } from '../mcp/tenant.js';
import { scoreToolsOf } from '../mcp/work.js';
import { loadConfig } from '../server/config.js';
import { createServices } from '../server/services.js';

export interface LocalTools {
  /** calls a tool; resolves with its result, or rejects with its CadenzaError */
  call(name: string, args: Record<string, unknown>): Promise<ToolResult<unknown>>;
}

const CALL: ToolCall = { tenantId: LOCAL_TENANT, signal: new AbortController().signal, progress: () => undefined };

/** openLocalTools([folder], [importScore, getScoreInfo]) → those tools, importing files from inside `roots` only */
export function openLocalTools(roots: readonly string[], tools: readonly ToolDefinition[]): LocalTools {
  const config = loadConfig({ ...process.env, CADENZA_ALLOWED_ROOTS: roots.join(process.platform === 'win32' ? ';' : ':') }, process.cwd());
  const services = createServices(config, { work: new InlineWork(scoreToolsOf(tools), NATIVE_CODEC) });
  const byName = new Map(tools.map((tool) => [tool.name, tool]));
  return {
    async call(name, args) {
      const tool = byName.get(name);
      if (!tool) throw new CadenzaError('INTERNAL', `The command did not load the tool ${name}.`);
      const parsed = tool.input.safeParse(args);
      if (!parsed.success) {
        throw new CadenzaError('INVALID_ARGUMENT', parsed.error.issues.map((issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`).join('; '));
      }
      try {
        return await executeTool(tool, parsed.data, services, CALL);
      } catch (error) {
        if (isCadenzaError(error)) throw error;
        throw new CadenzaError('INTERNAL', `${name} failed unexpectedly: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`, { cause: error });
      }
    },
  };
}

/** Imports a score file (its folder becomes the one allowed root), and returns the tools given and its id. */
export async function importFile(file: string, tools: readonly ToolDefinition[]): Promise<{ tools: LocalTools; id: string }> {
  // The real path, so a symbolic link to a score elsewhere is still inside the one allowed root.
  const path = existsSync(file) ? realpathSync(file) : resolve(file);
  const local = openLocalTools([dirname(path)], [importScore, ...tools]);
  const imported = await local.call('import_score', { path });
  return { tools: local, id: structured<{ id: string }>(imported).id };
}

/** structuredContent of a tool result, typed by the caller */
export function structured<T>(result: ToolResult<unknown>): T {
  return result.structured as T;
}
