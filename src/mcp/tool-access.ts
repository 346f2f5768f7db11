/**
 * The role each tool call needs, and where (workspaces.ts): reading needs viewer, writing (import, edit,
 * revert, a generated score) editor, deleting and sharing owner, and the tenant-wide admin tools owner of
 * every workspace. A score tool needs viewer in the workspace of each score it reads; a generating tool
 * also editor where its score goes (the workspace of the first score it reads, else the default one).
 * Corpora are the tenant's, kept with its default workspace. Checked once, before a call touches anything,
 * by executeTool for every transport; lists are filtered by the tools that make them.
 */
import { isScoreTool, type ToolCall, type ToolDefinition } from './define-tool.js';
import { scoreRef } from './versions.js';
import { DEFAULT_WORKSPACE, EVERY_WORKSPACE, requireRole, workspaceOfScore, type Role } from './workspaces.js';

/** A role a call needs in one workspace. */
export interface AccessNeed {
  readonly workspace: string;
  readonly role: Role;
}

type Input = Record<string, unknown>;

const reads = (id: unknown): AccessNeed => ({ workspace: workspaceOfScore(String(id)), role: 'viewer' });
const readsAll = (ids: unknown): AccessNeed[] => (Array.isArray(ids) ? ids.map(reads) : []);
const writesInto = (workspace: unknown): AccessNeed => ({ workspace: typeof workspace === 'string' ? workspace : DEFAULT_WORKSPACE, role: 'editor' });
const onScore = (role: Role) => (input: Input): AccessNeed[] => [{ workspace: workspaceOfScore(String(input['id'])), role }];
const corpora = (role: Role) => (): AccessNeed[] => [{ workspace: DEFAULT_WORKSPACE, role }];
const tenantWide = (): AccessNeed[] => [{ workspace: EVERY_WORKSPACE, role: 'owner' }];

/** The store tools, each by name; a store tool missing here needs owner of every workspace (a new tool fails closed). */
const STORE_TOOL_NEEDS: Readonly<Record<string, (input: Input) => AccessNeed[]>> = {
  import_score: (input) => [writesInto(input['workspace'])],
  transcribe_audio: (input) => [writesInto(input['workspace'])],
  list_scores: () => [],
  health_check: () => [],
  get_score_info: onScore('viewer'),
  list_versions: onScore('viewer'),
  render_score: onScore('viewer'),
  render_audio: onScore('viewer'),
  revert_score: onScore('editor'),
  delete_score: onScore('owner'),
  share_score: (input) => [...onScore('owner')(input), writesInto(input['workspace'])],
  analyze_corpus: (input) => readsAll(input['ids']),
  create_corpus: (input) => [...corpora('editor')(), ...readsAll(input['ids'])],
  list_corpora: corpora('viewer'),
  search_corpus: corpora('viewer'),
  corpus_statistics: corpora('viewer'),
  export_tenant_data: tenantWide,
  delete_tenant_data: tenantWide,
};

/** Score tools that change the score they read (a new version of it), rather than only reading it. */
const EDITING_SCORE_TOOLS = new Set(['edit_score']);

/** accessNeeds(editScore, { id: "team-a~x", … }) → [{ workspace: "team-a", role: "editor" }] */
export function accessNeeds(tool: ToolDefinition, input: unknown): AccessNeed[] {
  const given = input as Input;
  if (!isScoreTool(tool)) return (STORE_TOOL_NEEDS[tool.name] ?? tenantWide)(given);
  const ids = tool.scoreIds(input as never).map((ref) => scoreRef(ref).id);
  const role: Role = EDITING_SCORE_TOOLS.has(tool.name) ? 'editor' : 'viewer';
  const needs = ids.map((id) => ({ workspace: workspaceOfScore(id), role }));
  return 'generates' in tool ? [...needs, writesInto(createdWorkspace(ids))] : needs;
}

/** Throws FORBIDDEN unless the caller has every role the call needs. */
export function checkAccess(tool: ToolDefinition, input: unknown, call: ToolCall): void {
  if (call.roles === undefined) return;
  for (const need of accessNeeds(tool, input)) requireRole(call.roles, need.workspace, need.role, tool.name);
}

/** true when the tool's needs are declared (a test checks every tool is) */
export function declaresAccess(tool: ToolDefinition): boolean {
  return isScoreTool(tool) || Object.hasOwn(STORE_TOOL_NEEDS, tool.name);
}

/** where a generating tool stores what it made: the workspace of the first score it read, else the default one */
export function createdWorkspace(scoreIds: readonly string[]): string {
  return scoreIds.length > 0 ? workspaceOfScore(scoreRef(scoreIds[0]!).id) : DEFAULT_WORKSPACE;
}
