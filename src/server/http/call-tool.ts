/**
 * Runs an MCP tool declaration for a plain HTTP request, on the same path src/mcp/server.ts takes for
 * tools/call: input checked by the tool's zod schema, store tools run with the services, score tools hold
 * their scores and compute in the worker pool. Same tenant, store, pool, metrics and audit as MCP.
 */
import { CadenzaError } from '../../core/errors.js';
import { auditFacts, type AuditFacts } from '../../mcp/audit-facts.js';
import type { ToolCall, ToolDefinition, ToolResult } from '../../mcp/define-tool.js';
import type { Services } from '../../mcp/ports.js';
import { executeTool } from '../../mcp/execute-tool.js';
import { TOOLS } from '../../mcp/tools/index.js';
import type { WorkspaceRoles } from '../../mcp/workspaces.js';

const BY_NAME = new Map<string, ToolDefinition>(TOOLS.map((tool) => [tool.name, tool]));

/** Tools that change or export stored data; each call is audited (as src/server/runtime.ts does for MCP). */
const AUDITED = new Set(['import_score', 'delete_score', 'share_score', 'delete_tenant_data', 'export_tenant_data']);

export interface ToolContext {
  readonly services: Services;
  readonly tenantId: string;
  /** the caller's credential's subject and roles by workspace, when it gives them */
  readonly subject?: string;
  readonly roles?: WorkspaceRoles;
  readonly signal: AbortSignal;
  /** told of every outcome, for metrics and audit */
  readonly observe?: (event: { tool: string; tenantId: string; outcome: string; seconds: number; audited: boolean; subject?: string; facts?: AuditFacts }) => void;
}

/** the ToolCall of a plain HTTP request: who is calling, and its signal */
export function callOf(context: ToolContext): ToolCall {
  const { tenantId, subject, roles, signal } = context;
  return { tenantId, ...(subject ? { subject } : {}), ...(roles ? { roles } : {}), signal, progress: () => undefined };
}

/** toolNamed("analyze_key") → its declaration (throws for an unknown name: a programming error) */
export function toolNamed(name: string): ToolDefinition {
  const tool = BY_NAME.get(name);
  if (!tool) throw new Error(`no tool named ${name}`);
  return tool;
}

/** callTool("analyze_key", { id }, context) → the tool's structured output; coded errors are thrown as they are */
export async function callTool<Output = unknown>(name: string, input: unknown, context: ToolContext): Promise<ToolResult<Output>> {
  const tool = toolNamed(name);
  const started = performance.now();
  let outcome = 'ok';
  let output: unknown;
  try {
    const parsed = tool.input.safeParse(input);
    if (!parsed.success) {
      throw new CadenzaError('INVALID_ARGUMENT', `${name}: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`).join('; ')}`);
    }
    // generating tools are not offered over this API: the viewer shows and analyses scores, it does not compose
    if ('generates' in tool) throw new CadenzaError('INVALID_ARGUMENT', `${tool.name} is not offered over the viewer API.`);
    const call = callOf(context);
    const result = (await executeTool(tool, parsed.data, context.services, call)) as ToolResult<Output>;
    output = result.structured;
    return result;
  } catch (error) {
    outcome = error instanceof CadenzaError ? error.code : 'INTERNAL';
    throw error;
  } finally {
    const facts = auditFacts(name, input, output);
    context.observe?.({
      tool: name, tenantId: context.tenantId, outcome, seconds: (performance.now() - started) / 1000, audited: AUDITED.has(name),
      ...(context.subject ? { subject: context.subject } : {}), ...(facts ? { facts } : {}),
    });
  }
}
