/**
 * Tasks on an McpServer, in both dialects (see task-wire.ts). A tools/call of a tool that declares `task`
 * becomes a task when the client can take one: a 2026-07-28 client that declares the extension in its
 * request's capabilities (the server decides, per the extension), or a 2025-11-25 client that asks with
 * `params.task`. Every other call takes the SDK's ordinary path unchanged. tasks/get and tasks/cancel serve
 * both dialects; tasks/update the extension; tasks/result and tasks/list the 2025-11-25 one. Every method
 * acts only on the caller's tenant's tasks.
 */
import {
  CLIENT_CAPABILITIES_META_KEY,
  MissingRequiredClientCapabilityError,
  ProtocolError,
  ProtocolErrorCode,
  Server,
  type CallToolResult,
  type ClientCapabilities,
  type JSONRPCRequest,
  type McpServer,
  type Result,
  type ServerContext,
} from '@modelcontextprotocol/server';
import { z } from 'zod';
import { isCadenzaError } from '../../core/errors.js';
import type { ToolDefinition } from '../define-tool.js';
import { notFound, type TaskRunner, type TaskWork } from './task-runner.js';
import { isTerminal, type TaskRecord } from './task-store.js';
import { RELATED_TASK_META, TASKS_EXTENSION, detailedTask, legacyTask, modernTask } from './task-wire.js';

export interface TaskMethodOptions {
  readonly runner: TaskRunner;
  readonly tenantOf: (context: ServerContext) => string;
  /**
   * the member a caller's tasks belong to when their roles are limited (workspaces.ts): they see only the
   * tasks they started, whose results may come from workspaces others cannot read; undefined for a caller
   * with every role in the tenant, who sees all its tasks
   */
  readonly ownerOf: (context: ServerContext) => string | undefined;
  /** the task's work: the tool call as tools/call would run it, with the task's signal and progress */
  readonly work: (tool: ToolDefinition, input: unknown, context: ServerContext) => TaskWork;
  /** a tool error for a task that could not be created (quota, queue full) */
  readonly refusal: (error: unknown, tool: string) => CallToolResult;
}

const TASK_ID = z.object({ taskId: z.string().min(1).max(200) });
const LIST_PAGE = 50;

/** Adds task support to a server whose tools are registered; `tools` are the ones it offers. */
export function serveTasks(server: McpServer, tools: readonly ToolDefinition[], options: TaskMethodOptions): void {
  server.server.registerCapabilities({
    // the 2026-07-28 codec drops `tasks` from what it sends; 2025-era clients ignore `extensions`
    extensions: { [TASKS_EXTENSION]: {} },
    tasks: { list: {}, cancel: {}, requests: { tools: { call: {} } } },
  });
  interceptToolCalls(server.server, new Map(tools.filter((tool) => tool.task).map((tool) => [tool.name, tool])), options);
  const { runner } = options;
  const ref = (taskId: string, context: ServerContext) => ({ tenantId: options.tenantOf(context), taskId });
  const visibleTo = (context: ServerContext) => {
    const owner = options.ownerOf(context);
    return (record: TaskRecord) => owner === undefined || record.owner === owner;
  };
  /** the caller's task: another member's reads as unknown, as another tenant's does */
  const ownTask = (taskId: string, context: ServerContext) =>
    found(async () => {
      const record = await runner.read(ref(taskId, context));
      if (!visibleTo(context)(record)) throw notFound(taskId);
      return record;
    });

  server.server.setRequestHandler('tasks/get', { params: TASK_ID }, async ({ taskId }, context) => {
    if (isModern(context)) requireExtension(context);
    const record = await ownTask(taskId, context);
    return (isModern(context) ? detailedTask(record) : legacyTask(record)) as Result;
  });
  server.server.setRequestHandler('tasks/cancel', { params: TASK_ID }, async ({ taskId }, context) => {
    if (isModern(context)) requireExtension(context);
    const before = await ownTask(taskId, context);
    if (isModern(context)) {
      await found(() => runner.cancel(ref(taskId, context)));
      return {};
    }
    if (isTerminal(before.status)) throw new ProtocolError(ProtocolErrorCode.InvalidParams, `Cannot cancel task ${taskId}: it has already ended (${before.status}).`);
    return legacyTask(await found(() => runner.cancel(ref(taskId, context)))) as Result;
  });
  // Cadenza's tasks never ask for input, so no input request is ever outstanding: every response is ignored
  // (the SDK lifts `inputResponses` off the params into the context, as for multi-round-trip requests)
  server.server.setRequestHandler('tasks/update', { params: TASK_ID }, async ({ taskId }, context) => {
    requireExtension(context);
    await ownTask(taskId, context);
    return {};
  });
  server.server.setRequestHandler('tasks/result', { params: TASK_ID }, async ({ taskId }, context) => {
    await ownTask(taskId, context);
    return payloadOf(await untilEnded(runner, ref(taskId, context), context.mcpReq.signal));
  });
  server.server.setRequestHandler('tasks/list', { params: z.object({ cursor: z.string().max(200).optional() }).optional() }, async (params, context) => {
    const page = await found(() => runner.list(options.tenantOf(context), params?.cursor, LIST_PAGE));
    // a member's page holds only their own tasks (it may be shorter than a full page; the cursor still goes on)
    const tasks = page.tasks.filter(visibleTo(context));
    return { tasks: tasks.map(legacyTask), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) } as Result;
  });
}

/** The handler chain McpServer registered for a method, through the SDK's accessor for role classes that wrap it. */
class HandlerChain extends Server {
  static of(server: Server, method: string): (request: JSONRPCRequest, context: ServerContext) => Promise<Result> {
    const handler = (server as HandlerChain)._getRequestHandler(method);
    if (!handler) throw new Error(`no ${method} handler to wrap`);
    return handler;
  }
}

function interceptToolCalls(server: Server, taskTools: ReadonlyMap<string, ToolDefinition>, options: TaskMethodOptions): void {
  const ordinary = HandlerChain.of(server, 'tools/call');
  server.setRequestHandler('tools/call', async (request, context) => {
    const tool = taskTools.get(request.params.name);
    const wanted = tool ? taskWanted(request.params, context) : undefined;
    const parsed = tool && wanted ? tool.input.safeParse(request.params.arguments ?? {}) : undefined;
    // schema errors are answered the ordinary way, and so are calls the tool says are short when the server
    // decides (2026-07-28); a 2025-11-25 client that asked for a task of a task-capable tool gets one
    const ordinaryCall = !tool || !wanted || !parsed?.success || (wanted.modern && !isLong(tool, parsed.data));
    if (ordinaryCall) return ordinary(request as unknown as JSONRPCRequest, context) as Promise<CallToolResult>;
    let record: TaskRecord;
    try {
      record = await options.runner.create(options.tenantOf(context), tool.name, options.work(tool, parsed.data, context), wanted.ttlMs, options.ownerOf(context));
    } catch (error) {
      return options.refusal(error, tool.name);
    }
    const created = wanted.modern ? { resultType: 'task', ...modernTask(record) } : { task: legacyTask(record), content: [] };
    return created as unknown as CallToolResult;
  });
}

/** Whether the client can take a task for this call, and the TTL it asked for (2025-11-25 only). */
function taskWanted(params: { task?: { ttl?: number | null } }, context: ServerContext): { modern: boolean; ttlMs?: number } | undefined {
  if (isModern(context)) return declaresExtension(context) ? { modern: true } : undefined;
  if (!params.task) return undefined;
  return { modern: false, ...(typeof params.task.ttl === 'number' ? { ttlMs: params.task.ttl } : {}) };
}

function isLong(tool: ToolDefinition, input: unknown): boolean {
  return tool.task === true || (typeof tool.task === 'function' && (tool.task as (input: unknown) => boolean)(input));
}

/** a 2026-07-28 request carries its protocol version and capabilities in an envelope; a 2025-era one has none */
function isModern(context: ServerContext): boolean {
  return context.mcpReq.envelope !== undefined;
}

function declaresExtension(context: ServerContext): boolean {
  const envelope = context.mcpReq.envelope as Record<string, ClientCapabilities | undefined> | undefined;
  return envelope?.[CLIENT_CAPABILITIES_META_KEY]?.extensions?.[TASKS_EXTENSION] !== undefined;
}

/** The extension: a client that did not declare it gets -32021 for tasks/*. */
function requireExtension(context: ServerContext): void {
  if (!declaresExtension(context)) throw new MissingRequiredClientCapabilityError({ requiredCapabilities: { extensions: { [TASKS_EXTENSION]: {} } } });
}

/** Runs a task lookup; an unknown task (or another tenant's) or a cursor not ours is -32602, as the extension asks. */
async function found<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (isCadenzaError(error) && error.code === 'TASK_NOT_FOUND') throw new ProtocolError(ProtocolErrorCode.InvalidParams, `Failed to retrieve task: ${error.message}`);
    if (isCadenzaError(error) && error.code === 'INVALID_ARGUMENT') throw new ProtocolError(ProtocolErrorCode.InvalidParams, error.message);
    throw error;
  }
}

/** tasks/result (2025-11-25) waits for the end, polling the store at the task's own interval. */
async function untilEnded(runner: TaskRunner, ref: { tenantId: string; taskId: string }, signal: AbortSignal): Promise<TaskRecord> {
  for (;;) {
    const record = await found(() => runner.read(ref));
    if (isTerminal(record.status)) return record;
    await new Promise((resolve) => setTimeout(resolve, record.pollIntervalMs));
    if (signal.aborted) throw new ProtocolError(ProtocolErrorCode.InvalidRequest, 'tasks/result was cancelled before the task ended.');
  }
}

function payloadOf(record: TaskRecord): Result {
  const related = { [RELATED_TASK_META]: { taskId: record.taskId } };
  if (record.status === 'completed' && record.result) {
    const meta = (record.result._meta ?? {}) as Record<string, unknown>;
    return { ...record.result, _meta: { ...meta, ...related } };
  }
  const error = record.error ?? { code: ProtocolErrorCode.InvalidRequest, message: `Task ${record.taskId} was cancelled.` };
  throw new ProtocolError(error.code, error.message, related);
}
