/**
 * A task record on the wire, in the two dialects Cadenza serves: the 2026-07-28 Tasks extension
 * (io.modelcontextprotocol/tasks: ttlMs, pollIntervalMs, the result or error inline in tasks/get) and the
 * 2025-11-25 experimental core tasks (ttl, pollInterval; the result from tasks/result).
 */
import type { TaskRecord } from './task-store.js';

export const TASKS_EXTENSION = 'io.modelcontextprotocol/tasks';
export const RELATED_TASK_META = 'io.modelcontextprotocol/related-task';

/** modernTask(record) → the Task fields of the extension (no result or error) */
export function modernTask(record: TaskRecord): Record<string, unknown> {
  return {
    taskId: record.taskId,
    status: record.status,
    ...(record.statusMessage ? { statusMessage: record.statusMessage } : {}),
    createdAt: record.createdAt,
    lastUpdatedAt: record.lastUpdatedAt,
    ttlMs: record.ttlMs,
    pollIntervalMs: record.pollIntervalMs,
  };
}

/** detailedTask(record) → what the extension's tasks/get answers: the task, with its result or error once ended */
export function detailedTask(record: TaskRecord): Record<string, unknown> {
  return {
    ...modernTask(record),
    ...(record.status === 'completed' && record.result ? { result: record.result } : {}),
    ...(record.status === 'failed' && record.error ? { error: record.error } : {}),
  };
}

/** legacyTask(record) → the 2025-11-25 Task */
export function legacyTask(record: TaskRecord): Record<string, unknown> {
  return {
    taskId: record.taskId,
    status: record.status,
    ...(record.statusMessage ? { statusMessage: record.statusMessage } : {}),
    createdAt: record.createdAt,
    lastUpdatedAt: record.lastUpdatedAt,
    ttl: record.ttlMs,
    pollInterval: record.pollIntervalMs,
  };
}
