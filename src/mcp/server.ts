/**
 * Builds an McpServer from the tool declarations and the score resources. Knows nothing of transports:
 * stdio and HTTP both connect to what this returns.
 */
import { McpServer, type CallToolResult, type InputRequiredResult, type RegisteredTool, type ServerContext } from '@modelcontextprotocol/server';
import { QuestionForPerson } from './ask-person.js';
import { askerFor, asQuestionResult } from './ask-mcp.js';
import { auditFacts, type AuditFacts } from './audit-facts.js';
import { CadenzaError } from '../core/errors.js';
import type { ToolCall, ToolDefinition, ToolResult } from './define-tool.js';
import { executeTool } from './execute-tool.js';
import { CACHE_HINTS, EXTENSIONS, ICONS, SERVER_DESCRIPTION, toolIcons } from './identity.js';
import type { Services } from './ports.js';
import { registerPrompts } from './prompts.js';
import { registerScoreResources } from './resources.js';
import { READABLE_FORMATS } from './readable-formats.js';
import type { ScoreChangeFeed } from './score-changes.js';
import { forwardScoreChanges, offerListenSubscriptions } from './score-subscriptions.js';
import { registerScoreView } from './score-view.js';
import { noRoles, singleTenant, type RolesResolver, type TenantResolver } from './tenant.js';
import { serveTasks } from './tasks/task-methods.js';
import type { TaskRunner } from './tasks/task-runner.js';
import { toToolError, type ErrorLog } from './tool-error.js';
import { TOOLS } from './tools/index.js';
import type { WorkspaceRoles } from './workspaces.js';

/** Told of every tool call's outcome, for metrics and the audit log. */
export type CallObserver = (event: { tool: string; tenantId: string; outcome: string; seconds: number; clientId?: string; subject?: string; facts?: AuditFacts }) => void;

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
  /** the caller's roles by workspace (workspaces.ts); default: none given, every role in the tenant */
  readonly rolesOf?: RolesResolver;
  /** true when requests carry auth info whose scopes must allow each tool (HTTP with auth) */
  readonly enforceScopes?: boolean;
  readonly observe?: CallObserver;
  readonly tracer?: ToolTracer;
  /** the tools to offer; default all of them */
  readonly tools?: readonly ToolDefinition[];
  /** runs long tool calls as tasks; without it every call is answered directly */
  readonly tasks?: TaskRunner;
  /**
   * How this instance's client hears of score changes: 'listen' when the HTTP handler serves the listen
   * streams; a feed (and the era) for a connection-long instance that tells its client itself (stdio);
   * absent: it offers no resource subscriptions (a 2025 client over stateless HTTP).
   */
  readonly subscriptions?: 'listen' | { readonly feed: ScoreChangeFeed; readonly era: 'legacy' | 'modern' };
}

const INSTRUCTIONS =
  `Cadenza analyses music. Import a score first (import_score: a file or inline content in ${READABLE_FORMATS}, or a bundled ` +
  'corpus id from list_scores), then pass its id to the analysis tools; read_score shows the notes of measures as text. Scores are also readable as score://{id}. Measures are ' +
  'named by their printed numbers (a pickup is 0), ranges as { from, to } inclusive; long lists come in pages (pass `nextCursor` ' +
  'back as `cursor`), large files as resource links to read with resources/read.';

/** createMcpServer({ services, log, version }) → an McpServer with every Cadenza tool registered */
export function createMcpServer(options: ServerOptions): McpServer {
  const server = new McpServer(
    { name: 'cadenza', title: 'Cadenza', version: options.version, description: SERVER_DESCRIPTION, icons: ICONS },
    { capabilities: { logging: {}, extensions: EXTENSIONS }, instructions: INSTRUCTIONS, cacheHints: CACHE_HINTS },
  );
  const tools = options.tools ?? TOOLS;
  for (const tool of tools) registerTool(server, tool, options);
  if (options.tasks) registerTasks(server, tools, options.tasks, options);
  registerScoreResources(server, options.services, options.tenantOf ?? singleTenant, options.rolesOf ?? noRoles);
  offerSubscriptions(server, options);
  registerPrompts(server);
  registerScoreView(server);
  return server;
}

function offerSubscriptions(server: McpServer, options: ServerOptions): void {
  const { subscriptions } = options;
  if (subscriptions === 'listen') offerListenSubscriptions(server);
  else if (subscriptions) forwardScoreChanges(server, subscriptions.era, (options.tenantOf ?? singleTenant)(undefined), subscriptions.feed);
}

/**
 * Each tool's output schema as JSON Schema, converted once per process. The SDK converts it on the first
 * tools/call of each server instance, and over HTTP every request has its own instance.
 */
const OUTPUT_SCHEMA_JSON = new Map<string, Record<string, unknown> | undefined>();

/**
 * Makes the registered tool read its output schema's JSON Schema from OUTPUT_SCHEMA_JSON, converting it (with
 * the SDK's own getter) the first time any instance asks: at tools/list or a call, not while the server is
 * built, where converting 36 schemas held up the answer to `initialize` over stdio.
 */
function shareOutputSchemaJson(registered: RegisteredTool, name: string): void {
  const own = Object.getOwnPropertyDescriptor(registered, 'outputSchemaJson');
  const convert = own?.get;
  if (!convert) return; // not an accessor: this SDK converts in its own way
  Object.defineProperty(registered, 'outputSchemaJson', {
    configurable: true,
    enumerable: true,
    get: () => {
      if (!OUTPUT_SCHEMA_JSON.has(name)) OUTPUT_SCHEMA_JSON.set(name, convert.call(registered) as Record<string, unknown> | undefined);
      return OUTPUT_SCHEMA_JSON.get(name);
    },
    // the SDK sets it when a tool's output schema is updated: that instance keeps its own from then on
    set: (value: unknown) => Object.defineProperty(registered, 'outputSchemaJson', { configurable: true, enumerable: true, writable: true, value }),
  });
}

function registerTool(server: McpServer, tool: ToolDefinition, options: ServerOptions): void {
  const registered = server.registerTool(
    tool.name,
    {
      title: tool.title,
      description: tool.description,
      inputSchema: tool.input,
      outputSchema: tool.output,
      annotations: { title: tool.title, ...tool.annotations },
      icons: toolIcons(tool),
      _meta: { 'cadenza/scope': tool.scope, ...(tool.ui ? { ui: { resourceUri: tool.ui } } : {}) },
    },
    (input: unknown, context: ServerContext): Promise<CallToolResult | InputRequiredResult> => {
      let answered = false;
      return runToolCall(tool, input, options, toolCall(context, options, () => answered), context).finally(() => {
        answered = true;
      });
    },
  );
  // 2025-11-25 clients may ask for a task (registerTool takes no `execution`); the 2026-07-28 codec drops it
  if (tool.task && options.tasks) registered.execution = { taskSupport: 'optional' };
  shareOutputSchemaJson(registered, tool.name);
}

/** One tool call, answered or run as a task's work: scopes checked, errors as tool errors, metrics and trace recorded. */
async function runToolCall(tool: ToolDefinition, input: unknown, options: ServerOptions, call: ToolCall, context: ServerContext): Promise<CallToolResult | InputRequiredResult> {
  const started = performance.now();
  const authInfo = context.http?.authInfo;
  const endSpan = options.tracer?.start(tool.name, call.tenantId, traceparentOf(context));
  let outcome = 'ok';
  let output: unknown;
  try {
    if (options.enforceScopes && !authInfo?.scopes.includes(tool.scope)) {
      throw new CadenzaError('FORBIDDEN', `${tool.name} needs the scope "${tool.scope}".`);
    }
    const result = await executeTool(tool, input, options.services, call);
    output = result.structured;
    return toCallToolResult(result);
  } catch (error) {
    if (error instanceof QuestionForPerson) {
      outcome = 'input_required';
      return asQuestionResult(error.question);
    }
    const failure = toToolError(error, tool.name, options.log);
    outcome = String(failure._meta?.['cadenza/errorCode'] ?? 'INTERNAL');
    return failure;
  } finally {
    endSpan?.(outcome);
    const facts = auditFacts(tool.name, input, output);
    options.observe?.({
      tool: tool.name,
      tenantId: call.tenantId,
      outcome,
      seconds: (performance.now() - started) / 1000,
      ...(authInfo ? { clientId: authInfo.clientId } : {}),
      ...(call.subject ? { subject: call.subject } : {}),
      ...(facts ? { facts } : {}),
    });
  }
}

/** Long tools run as tasks for clients that can take them (mcp/tasks/). */
function registerTasks(server: McpServer, tools: readonly ToolDefinition[], runner: TaskRunner, options: ServerOptions): void {
  const tenantOf = options.tenantOf ?? singleTenant;
  serveTasks(server, tools, {
    runner,
    tenantOf: (context) => tenantOf(context.http?.authInfo),
    ownerOf: (context) => {
      const caller = callerOf(context, options);
      return caller.roles === undefined ? undefined : (caller.subject ?? '');
    },
    // the runner's call carries the task's signal and time limit; who is calling comes from the request
    work: (tool, input, context) => async (call) => ({ ...(await runToolCall(tool, input, options, { ...call, ...callerOf(context, options) }, context)) }),
    refusal: (error, tool) => toToolError(error, tool, options.log),
  });
}

/**
 * The MCP answer: the summary as text, the data once as structuredContent (not repeated as JSON text:
 * a model would pay for it twice), and a picture, an embedded file or a link to a large one.
 */
function toCallToolResult(result: ToolResult<unknown>): CallToolResult {
  const { image, audio, resource, link } = result;
  return {
    content: [
      { type: 'text', text: result.summary },
      ...(image ? [{ type: 'image' as const, data: image.base64, mimeType: image.mimeType }] : []),
      ...(audio ? [{ type: 'audio' as const, data: audio.base64, mimeType: audio.mimeType }] : []),
      ...(resource ? [{ type: 'resource' as const, resource: { uri: resource.uri, mimeType: resource.mimeType, blob: resource.base64 } }] : []),
      ...(link ? [{ type: 'resource_link' as const, ...link }] : []),
    ],
    structuredContent: result.structured as Record<string, unknown>,
  };
}

/** the W3C trace context an HTTP caller sent, if any */
function traceparentOf(context: ServerContext): string | undefined {
  return context.http?.req?.headers.get('traceparent') ?? undefined;
}

/** `answered()` turns true once the call's answer is given: progress after it (work a failure left running) is not sent */
function toolCall(context: ServerContext, options: ServerOptions, answered: () => boolean): ToolCall {
  const progressToken = context.mcpReq._meta?.progressToken;
  return {
    tenantId: (options.tenantOf ?? singleTenant)(context.http?.authInfo),
    ...callerOf(context, options),
    signal: context.mcpReq.signal,
    ...askerFor(context),
    progress: (done, total, message) => {
      // once the call is answered, cancelled or its client gone, the instance may be serving another request (server/http/idle-instances.ts)
      if (progressToken === undefined || answered() || context.mcpReq.signal.aborted) return;
      void context.mcpReq
        .notify({ method: 'notifications/progress', params: { progressToken, progress: done, total, message } })
        .catch(() => undefined);
    },
  };
}

/** who is calling within the tenant: the credential's subject and its roles by workspace, when it gives them */
function callerOf(context: ServerContext, options: ServerOptions): { subject?: string; roles?: WorkspaceRoles } {
  const roles = (options.rolesOf ?? noRoles)(context.http?.authInfo);
  return { ...subjectOf(context.http?.authInfo), ...(roles ? { roles } : {}) };
}

/** the credential's subject (a token's sub, an API key's id), which versions record as their author */
function subjectOf(authInfo: { extra?: Record<string, unknown> } | undefined): { subject?: string } {
  const subject = authInfo?.extra?.subject;
  return typeof subject === 'string' ? { subject } : {};
}
