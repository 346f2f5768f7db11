/**
 * A 2026-07-28 client (SDK v2 Client) that declares the Tasks extension, and one task run with it.
 *
 * SDK 2.4's Client has no decoder for the extension's `resultType: "task"`: callTool rejects it with
 * UNSUPPORTED_RESULT_TYPE (and the SDK's ext-tasks package has no requester for it here). So the handle is
 * read from the same Client's transport as it arrives, and the Client itself then polls tasks/get (which it
 * sends with an explicit result schema, as the SDK allows for the extension's methods) until the end.
 */
import { Client, StreamableHTTPClientTransport, type Transport } from '@modelcontextprotocol/client';
import { z } from 'zod';

export const TASKS_EXTENSION = 'io.modelcontextprotocol/tasks';

export const DetailedTaskSchema = z.looseObject({
  taskId: z.string(),
  status: z.enum(['working', 'input_required', 'completed', 'failed', 'cancelled']),
  statusMessage: z.string().optional(),
  createdAt: z.string(),
  lastUpdatedAt: z.string(),
  ttlMs: z.number().nullable(),
  pollIntervalMs: z.number().optional(),
  result: z.record(z.string(), z.unknown()).optional(),
  error: z.object({ code: z.number(), message: z.string() }).optional(),
});
export type DetailedTask = z.infer<typeof DetailedTaskSchema>;

export interface TaskClient {
  readonly client: Client;
  /** the results the transport delivered, newest last, before the Client decoded them */
  readonly results: Record<string, unknown>[];
}

/** connects a v2 Client that declares the Tasks extension (or not: `declare` false), over HTTP to a URL or over a given transport */
export async function connectTaskClient(target: string | Transport, options: { token?: string; declare?: boolean } = {}): Promise<TaskClient> {
  const capabilities = options.declare === false ? {} : { extensions: { [TASKS_EXTENSION]: {} } };
  const client = new Client({ name: 'test-tasks', version: '1' }, { capabilities, versionNegotiation: { mode: { pin: '2026-07-28' } } });
  const headers: Record<string, string> = options.token ? { authorization: `Bearer ${options.token}` } : {};
  const transport = typeof target === 'string' ? new StreamableHTTPClientTransport(new URL(target), { requestInit: { headers } }) : target;
  await client.connect(transport);
  const results: Record<string, unknown>[] = [];
  const deliver = transport.onmessage;
  transport.onmessage = (message, extra) => {
    if ('result' in message) results.push(message.result as Record<string, unknown>);
    deliver?.(message, extra);
  };
  return { client, results };
}

/** calls a tool and returns the task handle the server answered with (the Client itself rejects it, as above) */
export async function startTask(tasks: TaskClient, name: string, args: Record<string, unknown>): Promise<DetailedTask> {
  await tasks.client.callTool({ name, arguments: args }).then(
    () => {
      throw new Error(`${name} was answered directly, not with a task`);
    },
    (error: { code?: string; data?: { resultType?: string } }) => {
      if (error.data?.resultType !== 'task') throw error;
    },
  );
  const handle = tasks.results.at(-1);
  if (handle?.resultType !== 'task') throw new Error(`no task handle: ${JSON.stringify(handle)}`);
  return DetailedTaskSchema.parse(handle);
}

export function getTask(tasks: TaskClient, taskId: string): Promise<DetailedTask> {
  return tasks.client.request({ method: 'tasks/get', params: { taskId } }, DetailedTaskSchema);
}

export async function cancelTask(tasks: TaskClient, taskId: string): Promise<void> {
  await tasks.client.request({ method: 'tasks/cancel', params: { taskId } }, z.looseObject({}));
}

/** polls tasks/get at the task's interval until it ends (or `limitMs` passes) */
export async function untilEnded(tasks: TaskClient, taskId: string, limitMs = 60_000): Promise<DetailedTask> {
  const started = Date.now();
  for (;;) {
    const task = await getTask(tasks, taskId);
    if (task.status !== 'working' || Date.now() - started > limitMs) return task;
    await new Promise((resolve) => setTimeout(resolve, task.pollIntervalMs ?? 1000));
  }
}
