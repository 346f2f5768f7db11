/** Score ids: readable, URI-safe, unguessable ("bwv66-6-k3x9…", a title slug and 128 random bits). */
import { CadenzaError } from '../core/errors.js';
import type { ToolCall } from './define-tool.js';
import type { Services, StoredScore } from './ports.js';
import { ScoreVersions, scoreRef } from './versions.js';
import { DEFAULT_WORKSPACE, MAX_WORKSPACE_LENGTH, WORKSPACE_SEPARATOR, requireRole, workspaceOfScore } from './workspaces.js';

/**
 * The form of every id Cadenza hands out: lowercase letters and digits in hyphen-separated runs, after
 * the name of its workspace and "~" when it is not in the default one (workspaces.ts). Older ids (8 hex
 * digits of suffix) have the same form, so they stay valid. Nothing else reaches a store, so an id can
 * never carry a separator of a key (":", "/", a newline) into it.
 */
export const SCORE_ID_PATTERN = /^(?:[a-z0-9]+(?:-[a-z0-9]+)*~)?[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** the longest id without its workspace; with one, its name and "~" come on top */
export const MAX_SCORE_ID_LENGTH = 100;

/** scoreIdFor("Bach: BWV 66.6", "3f9a1c2e") → "bach-bwv-66-6-3f9a1c2e" */
export function scoreIdFor(label: string, suffix: string): string {
  const slug = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return slug ? `${slug}-${suffix}` : `score-${suffix}`;
}

/** checkScoreId("bach-1a2b") → "bach-1a2b"; checkScoreId("eu:x") throws INVALID_SCORE_ID */
export function checkScoreId(id: string): string {
  if (id.length <= MAX_SCORE_ID_LENGTH + MAX_WORKSPACE_LENGTH + 1 && SCORE_ID_PATTERN.test(id) && isWellPlaced(id)) return id;
  const shown = JSON.stringify(id.length > 60 ? `${id.slice(0, 60)}…` : id);
  throw new CadenzaError('INVALID_SCORE_ID', `${shown} is not a score id: ids are lowercase letters, digits and hyphens (at most ${MAX_SCORE_ID_LENGTH}), after a workspace's name and "~" outside the default workspace.`);
}

/** true when the id's workspace (if any) is a name other than the default one's, and the rest is not too long */
function isWellPlaced(id: string): boolean {
  const at = id.indexOf(WORKSPACE_SEPARATOR);
  if (at < 0) return id.length <= MAX_SCORE_ID_LENGTH;
  return at <= MAX_WORKSPACE_LENGTH && id.slice(0, at) !== DEFAULT_WORKSPACE && id.length - at - 1 <= MAX_SCORE_ID_LENGTH;
}

/** Loads a stored score of the calling tenant ("id@3": its version 3), or fails with SCORE_NOT_FOUND (FORBIDDEN without the viewer role in its workspace). */
export async function loadScore(services: Services, call: ToolCall, ref: string): Promise<StoredScore> {
  const { id, version } = scoreRef(ref);
  requireRole(call.roles, workspaceOfScore(id), 'viewer', `Reading ${id}`);
  if (version !== undefined) return (await ScoreVersions.load(services, call, id)).stored(version);
  const stored = await services.store.get(call.tenantId, id);
  if (!stored) throw new CadenzaError('SCORE_NOT_FOUND', `No score with id "${id}".`);
  return stored;
}
