/**
 * One tool call, whatever carries it (MCP, the viewer's HTTP API, the command line): a store tool runs with
 * the services; a score tool computes on its stored scores (held meanwhile) where the services' work runs
 * it, and what a generating tool made is stored for the caller. Knows nothing of the SDK, so a caller that
 * needs no MCP server does not load one.
 */
import { isScoreTool, type CreatedScore, type ToolCall, type ToolDefinition, type ToolResult } from './define-tool.js';
import type { Services } from './ports.js';
import { loadScore, scoreIdFor } from './score-ids.js';
import { checkAccess, createdWorkspace } from './tool-access.js';
import { firstVersion, scoreRef } from './versions.js';
import { scoreIdInWorkspace } from './workspaces.js';

/** Runs one tool call: a store tool with the services; a score tool on its scores (held meanwhile) in the pool, storing what a generating tool made. */
export async function executeTool(tool: ToolDefinition, input: unknown, services: Services, call: ToolCall): Promise<ToolResult<unknown>> {
  checkAccess(tool, input, call);
  if (!isScoreTool(tool)) return tool.handle(input as never, services, call);
  const ids = tool.scoreIds(input as never);
  const release = services.store.hold(call.tenantId, ids.map((ref) => scoreRef(ref).id));
  try {
    const scores = await Promise.all(ids.map((id) => loadScore(services, call, id)));
    const result = await services.work.compute(tool.name, input, scores, call);
    if (result.created) return await storeCreated(tool.name, result, result.created, createdWorkspace(ids), services, call);
    return 'finish' in tool && tool.finish ? await tool.finish(result as never, input as never, services, call) : result;
  } finally {
    release();
  }
}

/** Stores a score a generating tool made, as the caller's in `workspace`, and names it in the result. */
async function storeCreated(toolName: string, result: ToolResult<unknown>, created: CreatedScore, workspace: string, services: Services, call: ToolCall): Promise<ToolResult<unknown>> {
  const id = scoreIdInWorkspace(workspace, scoreIdFor(created.label, services.newId()));
  await services.store.put(call.tenantId, {
    id,
    data: created.data,
    summary: created.summary,
    format: 'generated',
    origin: `generated:${toolName}`,
    diagnostics: [],
    importedAt: services.now(),
    revision: firstVersion(call, services.now(), `Made by ${toolName}`),
  });
  return { structured: { scoreId: id, ...(result.structured as object) }, summary: `${result.summary} Stored as ${id}.` };
}
