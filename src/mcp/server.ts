/**
 * Builds an McpServer from the tool declarations and the score resources. Knows nothing of transports:
 * stdio and HTTP both connect to what this returns.
 */
import { McpServer, type CallToolResult, type ServerContext } from '@modelcontextprotocol/server';
import { CadenzaError } from '../core/errors.js';
import { isScoreTool, type CreatedScore, type ToolCall, type ToolDefinition, type ToolResult } from './define-tool.js';
import { CACHE_HINTS, ICONS, SERVER_DESCRIPTION } from './identity.js';
import type { Services } from './ports.js';
import { registerPrompts } from './prompts.js';
import { registerScoreResources } from './resources.js';
import { registerScoreView } from './score-view.js';
import { loadScore, scoreIdFor } from './score-ids.js';
import { singleTenant, type TenantResolver } from './tenant.js';
import { toToolError, type ErrorLog } from './tool-error.js';
import { TOOLS } from './tools/index.js';

/** Told of every tool call's outcome, for metrics and the audit log. */
export type CallObserver = (event: { tool: string; tenantId: string; outcome: string; seconds: number; clientId?: string }) => void;

/** Starts a trace span per tool call (OpenTelemetry on the server); returns the function that ends it. */
export interface ToolTracer {
  start(tool: string, tenantId: string, traceparent?: string): (outcome: string) => void;
}

export interface ServerOptions {
  readonly services: Services;
  readonly log: ErrorLog;
  readonly version: string;
  /** which tenant a request acts for; default: one local tenant */
  readonly tenantOf?: TenantResolver;
  /** true when requests carry auth info whose scopes must allow each tool (HTTP with auth) */
  readonly enforceScopes?: boolean;
  readonly observe?: CallObserver;
  readonly tracer?: ToolTracer;
}

const INSTRUCTIONS =
  'Cadenza analyses music. Import a score first (import_score: a file, inline MusicXML, or a bundled corpus ' +
  'id from list_scores), then pass its id to the analysis tools. Scores are also readable as score://{id}.';

/** createMcpServer({ services, log, version }) → an McpServer with every Cadenza tool registered */
export function createMcpServer(options: ServerOptions): McpServer {
  const server = new McpServer(
    { name: 'cadenza', title: 'Cadenza', version: options.version, description: SERVER_DESCRIPTION, icons: ICONS },
    { capabilities: { logging: {} }, instructions: INSTRUCTIONS, cacheHints: CACHE_HINTS },
  );
  for (const tool of TOOLS) registerTool(server, tool, options);
  registerScoreResources(server, options.services, options.tenantOf ?? singleTenant);
  registerPrompts(server);
  registerScoreView(server);
  return server;
}

/**
 * Each tool's output schema as JSON Schema, converted once per process. The SDK converts it on the first
 * tools/call of each server instance, and over HTTP every request has its own instance.
 */
const OUTPUT_SCHEMA_JSON = new Map<string, Record<string, unknown> | undefined>();

function registerTool(server: McpServer, tool: ToolDefinition, options: ServerOptions): void {
  const registered = server.registerTool(
    tool.name,
    {
      title: tool.title,
      description: tool.description,
      inputSchema: tool.input,
      outputSchema: tool.output,
      annotations: { title: tool.title, ...tool.annotations },
      _meta: { 'cadenza/scope': tool.scope, ...(tool.ui ? { ui: { resourceUri: tool.ui } } : {}) },
    },
    async (input: unknown, context: ServerContext): Promise<CallToolResult> => {
      const started = performance.now();
      const call = toolCall(context, options);
      const authInfo = context.http?.authInfo;
      const endSpan = options.tracer?.start(tool.name, call.tenantId, traceparentOf(context));
      let outcome = 'ok';
      try {
        if (options.enforceScopes && !authInfo?.scopes.includes(tool.scope)) {
          throw new CadenzaError('FORBIDDEN', `${tool.name} needs the scope "${tool.scope}".`);
        }
        const result = await executeTool(tool, input, options.services, call);
        return {
          content: [
            { type: 'text', text: result.summary },
            ...(result.image ? [{ type: 'image' as const, data: result.image.base64, mimeType: result.image.mimeType }] : []),
            ...(result.resource ? [{ type: 'resource' as const, resource: { uri: result.resource.uri, mimeType: result.resource.mimeType, blob: result.resource.base64 } }] : []),
            { type: 'text', text: JSON.stringify(result.structured) },
          ],
          structuredContent: result.structured as Record<string, unknown>,
        };
      } catch (error) {
        const failure = toToolError(error, tool.name, options.log);
        outcome = String(failure._meta?.['cadenza/errorCode'] ?? 'INTERNAL');
        return failure;
      } finally {
        endSpan?.(outcome);
        options.observe?.({
          tool: tool.name,
          tenantId: call.tenantId,
          outcome,
          seconds: (performance.now() - started) / 1000,
          ...(authInfo ? { clientId: authInfo.clientId } : {}),
        });
      }
    },
  );
  if (OUTPUT_SCHEMA_JSON.has(tool.name)) registered.outputSchemaJson = OUTPUT_SCHEMA_JSON.get(tool.name);
  else OUTPUT_SCHEMA_JSON.set(tool.name, registered.outputSchemaJson);
}

/** Runs one tool call: a store tool with the services; a score tool on its scores (held meanwhile) in the pool, storing what a generating tool made. */
export async function executeTool(tool: ToolDefinition, input: unknown, services: Services, call: ToolCall): Promise<ToolResult<unknown>> {
  if (!isScoreTool(tool)) return tool.handle(input as never, services, call);
  const ids = tool.scoreIds(input as never);
  const release = services.store.hold(call.tenantId, ids);
  try {
    const scores = await Promise.all(ids.map((id) => loadScore(services, call, id)));
    const result = await services.work.compute(tool.name, input, scores, call);
    if (result.created) return await storeCreated(tool.name, result, result.created, services, call);
    return 'finish' in tool && tool.finish ? await tool.finish(result as never, input as never, services, call) : result;
  } finally {
    release();
  }
}

/** Stores a score a generating tool made, as the caller's, and names it in the result. */
async function storeCreated(toolName: string, result: ToolResult<unknown>, created: CreatedScore, services: Services, call: ToolCall): Promise<ToolResult<unknown>> {
  const id = scoreIdFor(created.label, services.newId());
  await services.store.put(call.tenantId, {
    id,
    data: created.data,
    summary: created.summary,
    format: 'generated',
    origin: `generated:${toolName}`,
    diagnostics: [],
    importedAt: services.now(),
  });
  return { structured: { scoreId: id, ...(result.structured as object) }, summary: `${result.summary} Stored as ${id}.` };
}

/** the W3C trace context an HTTP caller sent, if any */
function traceparentOf(context: ServerContext): string | undefined {
  return context.http?.req?.headers.get('traceparent') ?? undefined;
}

function toolCall(context: ServerContext, options: ServerOptions): ToolCall {
  const progressToken = context.mcpReq._meta?.progressToken;
  return {
    tenantId: (options.tenantOf ?? singleTenant)(context.http?.authInfo),
    signal: context.mcpReq.signal,
    progress: (done, total, message) => {
      if (progressToken === undefined) return;
      void context.mcpReq
        .notify({ method: 'notifications/progress', params: { progressToken, progress: done, total, message } })
        .catch(() => undefined);
    },
  };
}
