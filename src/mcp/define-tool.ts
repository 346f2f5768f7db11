/**
 * One declaration per tool (after playwright-mcp's defineTool): tool files export a ToolDefinition and
 * never import the SDK; `server.ts` turns the list into SDK registrations.
 */
import type { z } from 'zod';
import type { Services } from './ports.js';

export interface ToolAnnotations {
  readonly readOnlyHint: boolean;
  readonly destructiveHint: boolean;
  readonly idempotentHint: boolean;
  readonly openWorldHint: boolean;
}

/** Per-call facts: who is calling, and a signal that fires when the client cancels. */
export interface ToolCall {
  readonly tenantId: string;
  readonly signal: AbortSignal;
}

export interface ToolResult<Output> {
  readonly structured: Output;
  /** a short sentence a person reads in the client */
  readonly summary: string;
}

export interface ToolDefinition<Input extends z.ZodObject = z.ZodObject, Output extends z.ZodObject = z.ZodObject> {
  readonly name: string;
  readonly title: string;
  /** written for the model that decides whether and how to call the tool */
  readonly description: string;
  readonly input: Input;
  readonly output: Output;
  readonly annotations: ToolAnnotations;
  handle(input: z.infer<Input>, services: Services, call: ToolCall): Promise<ToolResult<z.infer<Output>>>;
}

/** Keeps the input/output types of a tool tied together while listing tools side by side. */
export function defineTool<Input extends z.ZodObject, Output extends z.ZodObject>(
  tool: ToolDefinition<Input, Output>,
): ToolDefinition<Input, Output> {
  return tool;
}

export const READ_ONLY: ToolAnnotations = {
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: false,
};
