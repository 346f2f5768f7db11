/**
 * One declaration per tool (after playwright-mcp's defineTool): tool files export a ToolDefinition and
 * never import the SDK; `server.ts` turns the list into SDK registrations.
 *
 * Three kinds: a store tool runs `handle` with the services (import, list, delete); a score tool names the
 * stored scores it reads and gives a pure `compute` over them, which the server runs in its worker pool; a
 * generating tool is a score tool whose compute also makes a new score, which the server stores for the
 * caller and names in the output's `scoreId`.
 */
import type { z } from 'zod';
import type { PersonAsker } from './ask-person.js';
import type { ScoreSummary } from '../core/summary.js';
import type { LoadedScore, Services } from './ports.js';
import type { WorkspaceRoles } from './workspaces.js';

export interface ToolAnnotations {
  readonly readOnlyHint: boolean;
  readonly destructiveHint: boolean;
  readonly idempotentHint: boolean;
  readonly openWorldHint: boolean;
}

/**
 * OAuth scopes: reading and analysing, changing a tenant's scores, administering one's own tenant
 * (export or erase all of it), and `operator`, which with `admin` reaches every tenant.
 */
export const SCOPES = ['scores:read', 'scores:write', 'admin', 'operator'] as const;
export type Scope = (typeof SCOPES)[number];

/** Per-call facts: who is calling, a signal that fires when the client cancels, and progress reports. */
export interface ToolCall {
  readonly tenantId: string;
  /** who is calling within the tenant (a token's subject, an API key's id), recorded as the author of versions */
  readonly subject?: string;
  /** the caller's roles by workspace (workspaces.ts); absent when the credential carries none: every role everywhere in the tenant */
  readonly roles?: WorkspaceRoles;
  readonly signal: AbortSignal;
  /** tells the client how far long work has come (no-op when it did not ask for progress) */
  readonly progress: (done: number, total: number, message: string) => void;
  /** how long the call's work may run and wait for a worker, when not the server's default (a task's is longer) */
  readonly timeoutMs?: number;
  /** present when the person behind the client can be asked a question (ask-person.ts) */
  readonly ask?: PersonAsker;
}

export interface ToolResult<Output> {
  readonly structured: Output;
  /** a short sentence a person reads in the client */
  readonly summary: string;
  /** a picture to show the client as MCP image content */
  readonly image?: { readonly base64: string; readonly mimeType: string };
  /** a sound to play in the client as MCP audio content */
  readonly audio?: { readonly base64: string; readonly mimeType: string };
  /** a file to hand the client as an embedded MCP resource */
  readonly resource?: { readonly uri: string; readonly mimeType: string; readonly base64: string };
  /** a file too large to send inline, handed over as an MCP resource link (read with resources/read) */
  readonly link?: ResourceLink;
  /** a new score to store for the caller (generating tools) */
  readonly created?: CreatedScore;
  /** a new version of the score the tool read (edit_score), which its finish step commits */
  readonly revised?: RevisedScore;
}

/** A new version a tool made of a stored score: the new content, and the delta that turns it back into the version it came from. */
export interface RevisedScore {
  readonly data: Uint8Array;
  readonly summary: ScoreSummary;
  readonly delta: Uint8Array;
  /** the version it was made from */
  readonly baseVersion: number;
  /** one line saying what changed */
  readonly change: string;
}

/** Where a client reads an artefact (a rendered page, an exported file): see mcp/artefacts.ts. */
export interface ResourceLink {
  readonly uri: string;
  /** a file name for it, e.g. "bwv66-6-3f9a1c2e.mid" */
  readonly name: string;
  readonly mimeType: string;
  /** its size in bytes */
  readonly size: number;
  readonly description: string;
}

/** A score a tool made, encoded for the store (see mcp/created-score.ts). */
export interface CreatedScore {
  readonly data: Uint8Array;
  readonly summary: ScoreSummary;
  /** what its id is made from, e.g. "Harmonization of Jesu, meine Freude" */
  readonly label: string;
}

interface ToolBase<Input extends z.ZodObject, Output extends z.ZodObject> {
  readonly name: string;
  readonly title: string;
  /** written for the model that decides whether and how to call the tool */
  readonly description: string;
  readonly input: Input;
  readonly output: Output;
  readonly annotations: ToolAnnotations;
  /** the scope a token needs to call this tool */
  readonly scope: Scope;
  /** a ui:// resource that shows this tool's results in clients with MCP Apps */
  readonly ui?: string;
  /**
   * long work: the call may run as an MCP task (answered at once with a task handle, polled, cancellable;
   * see mcp/tasks/). true for every call, or a test of the input where only some calls are long.
   */
  readonly task?: true | ((input: z.infer<Input>) => boolean);
}

export interface StoreTool<Input extends z.ZodObject = z.ZodObject, Output extends z.ZodObject = z.ZodObject>
  extends ToolBase<Input, Output> {
  handle(input: z.infer<Input>, services: Services, call: ToolCall): Promise<ToolResult<z.infer<Output>>>;
}

export interface ScoreTool<Input extends z.ZodObject = z.ZodObject, Output extends z.ZodObject = z.ZodObject>
  extends ToolBase<Input, Output> {
  /** ids of the stored scores compute reads, in the order it receives them */
  scoreIds(input: z.infer<Input>): readonly string[];
  /** pure and synchronous: runs in a worker thread */
  compute(input: z.infer<Input>, scores: readonly LoadedScore[]): ToolResult<z.infer<Output>>;
  /**
   * true when this call is linear and cheap (well under a millisecond for a chorale), so that on a small
   * score a trip to a worker thread would cost more than the work itself
   */
  readonly light?: (input: z.infer<Input>) => boolean;
  /** after compute, on the main thread with the services: what needs I/O (writing an export to a file) */
  finish?(result: ToolResult<z.infer<Output>>, input: z.infer<Input>, services: Services, call: ToolCall): Promise<ToolResult<z.infer<Output>>>;
}

/** The output of a generating tool before the server stores the new score and adds its id. */
export type GeneratedOutput<Output> = Omit<Output, 'scoreId'>;

export interface GenerateTool<Input extends z.ZodObject = z.ZodObject, Output extends z.ZodObject = z.ZodObject>
  extends ToolBase<Input, Output> {
  readonly generates: true;
  /** ids of the stored scores compute reads (none when the tool works from its input alone) */
  scoreIds(input: z.infer<Input>): readonly string[];
  /** pure and synchronous: runs in a worker thread; `created` is the new score */
  compute(input: z.infer<Input>, scores: readonly LoadedScore[]): ToolResult<GeneratedOutput<z.infer<Output>>> & { readonly created: CreatedScore };
  readonly light?: (input: z.infer<Input>) => boolean;
}

export type ToolDefinition = StoreTool | ScoreTool | GenerateTool;

/** Keeps the input/output types of a store tool tied together while listing tools side by side. */
export function defineTool<Input extends z.ZodObject, Output extends z.ZodObject>(
  tool: StoreTool<Input, Output>,
): StoreTool<Input, Output> {
  return tool;
}

/** The same for a score tool. */
export function defineScoreTool<Input extends z.ZodObject, Output extends z.ZodObject>(
  tool: ScoreTool<Input, Output>,
): ScoreTool<Input, Output> {
  return tool;
}

/** The same for a generating tool. */
export function defineGenerateTool<Input extends z.ZodObject, Output extends z.ZodObject>(
  tool: GenerateTool<Input, Output>,
): GenerateTool<Input, Output> {
  return tool;
}

/** true for tools whose work runs in the pool (score and generating tools) */
export function isScoreTool(tool: ToolDefinition): tool is ScoreTool | GenerateTool {
  return 'compute' in tool;
}

export const READ_ONLY: ToolAnnotations = {
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: false,
};
