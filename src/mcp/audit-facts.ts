/**
 * What the audit log records of a call that changes who can see what, beside its tool, tenant, caller and
 * outcome: the scores and workspaces it names, never their content. A refused call is recorded with what
 * it asked for.
 */
import { DEFAULT_WORKSPACE } from './workspaces.js';

export type AuditFacts = Readonly<Record<string, string>>;

type Named = { readonly id?: unknown; readonly workspace?: unknown } | undefined;

/** auditFacts("share_score", { id: "x", workspace: "team-b" }, { id: "team-b~x-…" }) → { scoreId: "x", workspace: "team-b", copy: "team-b~x-…" } */
export function auditFacts(toolName: string, input: unknown, output: unknown): AuditFacts | undefined {
  const asked = input as Named;
  const made = output as Named;
  const madeId = typeof made?.id === 'string' ? made.id : undefined;
  if (toolName === 'share_score') return { scoreId: String(asked?.id), workspace: String(asked?.workspace), ...(madeId ? { copy: madeId } : {}) };
  if (toolName === 'delete_score') return { scoreId: String(asked?.id) };
  if (toolName === 'import_score') return { workspace: typeof asked?.workspace === 'string' ? asked.workspace : DEFAULT_WORKSPACE, ...(madeId ? { scoreId: madeId } : {}) };
  return undefined;
}
