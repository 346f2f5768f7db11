/**
 * Builds an McpServer from the tool declarations and the score resources. Knows nothing of transports:
 * stdio and HTTP both connect to what this returns.
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import type { CallToolResult, ServerNotification, ServerRequest } from '@modelcontextprotocol/sdk/types.js';
import { CadenzaError } from '../core/errors.js';
import type { ToolCall, ToolDefinition, ToolResult } from './define-tool.js';
import { executeTool } from './execute-tool.js';
import type { Services } from './ports.js';
import { registerPrompts } from './prompts.js';
import { registerScoreResources } from './resources.js';
import { READABLE_FORMATS } from './readable-formats.js';
import { registerScoreView } from './score-view.js';
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

type Extra = RequestHandlerExtra<ServerRequest, ServerNotification>;

const INSTRUCTIONS =
  `Cadenza analyses music. Import a score first (import_score: a file or inline content in ${READABLE_FORMATS}, or a bundled ` +
  'corpus id from list_scores), then pass its id to the analysis tools. Scores are also readable as score://{id}. Measures are ' +
  'named by their printed numbers (a pickup is 0), ranges as { from, to } inclusive; long lists come in pages (pass `nextCursor` ' +
  'back as `cursor`), large files as resource links to read with resources/read.';

/** createMcpServer({ services, log, version }) → an McpServer with every Cadenza tool registered */
export function createMcpServer(options: ServerOptions): McpServer {
  const server = new McpServer(
    { name: 'cadenza', title: 'Cadenza', version: options.version },
    { capabilities: { logging: {} }, instructions: INSTRUCTIONS },
  );
  for (const tool of TOOLS) registerTool(server, tool, options);
  registerScoreResources(server, options.services, options.tenantOf ?? singleTenant);
  registerPrompts(server);
  registerScoreView(server);
  return server;
}

function registerTool(server: McpServer, tool: ToolDefinition, options: ServerOptions): void {
  server.registerTool(
    tool.name,
    {
      title: tool.title,
      description: tool.description,
      inputSchema: tool.input,
      outputSchema: tool.output,
      annotations: { title: tool.title, ...tool.annotations },
      _meta: { 'cadenza/scope': tool.scope, ...(tool.ui ? { ui: { resourceUri: tool.ui } } : {}) },
    },
    async (input: unknown, extra: Extra): Promise<CallToolResult> => {
      const started = performance.now();
      const call = toolCall(extra, options);
      const endSpan = options.tracer?.start(tool.name, call.tenantId, traceparentOf(extra));
      let outcome = 'ok';
      try {
        if (options.enforceScopes && !extra.authInfo?.scopes.includes(tool.scope)) {
          throw new CadenzaError('FORBIDDEN', `${tool.name} needs the scope "${tool.scope}".`);
        }
        return toCallToolResult(await executeTool(tool, input, options.services, call));
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
          ...(extra.authInfo ? { clientId: extra.authInfo.clientId } : {}),
        });
      }
    },
  );
}

/**
 * The MCP answer: the summary as text, the data once as structuredContent (not repeated as JSON text:
 * a model would pay for it twice), and a picture, an embedded file or a link to a large one.
 */
function toCallToolResult(result: ToolResult<unknown>): CallToolResult {
  const { image, resource, link } = result;
  return {
    content: [
      { type: 'text', text: result.summary },
      ...(image ? [{ type: 'image' as const, data: image.base64, mimeType: image.mimeType }] : []),
      ...(resource ? [{ type: 'resource' as const, resource: { uri: resource.uri, mimeType: resource.mimeType, blob: resource.base64 } }] : []),
      ...(link ? [{ type: 'resource_link' as const, ...link }] : []),
    ],
    structuredContent: result.structured as Record<string, unknown>,
  };
}

/** the W3C trace context an HTTP caller sent, if any */
function traceparentOf(extra: Extra): string | undefined {
  const header = extra.requestInfo?.headers['traceparent'];
  return Array.isArray(header) ? header[0] : header;
}

function toolCall(extra: Extra, options: ServerOptions): ToolCall {
  const progressToken = extra._meta?.progressToken;
  return {
    tenantId: (options.tenantOf ?? singleTenant)(extra.authInfo),
    signal: extra.signal,
    progress: (done, total, message) => {
      if (progressToken === undefined) return;
      void extra
        .sendNotification({ method: 'notifications/progress', params: { progressToken, progress: done, total, message } })
        .catch(() => undefined);
    },
  };
}
