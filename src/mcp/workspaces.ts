/**
 * Workspaces: namespaces inside a tenant where its members work together. A score lives in the workspace
 * its id names ("team-a~bach-…"); an id without a prefix is in the default workspace, so every score
 * stored before workspaces stays where it was and `score://{id}` keeps working. A member's role in a
 * workspace (viewer, editor, owner) comes from the credential; a credential without role information
 * has every role everywhere in its tenant, as before (the local desktop case).
 */
import { CadenzaError } from '../core/errors.js';

export const ROLES = ['viewer', 'editor', 'owner'] as const;
export type Role = (typeof ROLES)[number];

/** A member's roles by workspace name; "*" is every workspace not named. */
export type WorkspaceRoles = Readonly<Record<string, Role>>;

export const DEFAULT_WORKSPACE = 'default';
/** the role a credential's roles give in every workspace they do not name */
export const EVERY_WORKSPACE = '*';
/** what separates a workspace from the rest of a score id: a URI's unreserved character, never in a name */
export const WORKSPACE_SEPARATOR = '~';
export const MAX_WORKSPACE_LENGTH = 32;
/** lowercase letters and digits in hyphen-separated runs, like score ids: no ":" or "/" can reach a key */
export const WORKSPACE_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** checkWorkspace("team-a") → "team-a"; checkWorkspace("a:b") throws INVALID_ARGUMENT */
export function checkWorkspace(name: string): string {
  if (name.length <= MAX_WORKSPACE_LENGTH && WORKSPACE_PATTERN.test(name)) return name;
  const shown = JSON.stringify(name.length > 40 ? `${name.slice(0, 40)}…` : name);
  throw new CadenzaError('INVALID_ARGUMENT', `${shown} is not a workspace name: names are lowercase letters, digits and hyphens (at most ${MAX_WORKSPACE_LENGTH}).`);
}

/** workspaceOfScore("team-a~bach-1a2b@3") → "team-a"; workspaceOfScore("bach-1a2b") → "default" */
export function workspaceOfScore(ref: string): string {
  const at = ref.indexOf(WORKSPACE_SEPARATOR);
  return at < 0 ? DEFAULT_WORKSPACE : ref.slice(0, at);
}

/** scoreIdInWorkspace("team-a", "bach-1a2b") → "team-a~bach-1a2b"; in the default workspace the id as it is */
export function scoreIdInWorkspace(workspace: string, id: string): string {
  const name = checkWorkspace(workspace);
  return name === DEFAULT_WORKSPACE ? id : `${name}${WORKSPACE_SEPARATOR}${id}`;
}

/** roleIn({ "team-a": "editor", "*": "viewer" }, "team-b") → "viewer"; undefined roles: "owner" (no role information) */
export function roleIn(roles: WorkspaceRoles | undefined, workspace: string): Role | undefined {
  if (roles === undefined) return 'owner';
  return Object.hasOwn(roles, workspace) ? roles[workspace] : Object.hasOwn(roles, EVERY_WORKSPACE) ? roles[EVERY_WORKSPACE] : undefined;
}

/** hasRole(roles, "team-a", "editor") → true when the member's role there is editor or owner */
export function hasRole(roles: WorkspaceRoles | undefined, workspace: string, needed: Role): boolean {
  const role = roleIn(roles, workspace);
  return role !== undefined && ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

/** Throws FORBIDDEN unless the member's role in `workspace` is at least `needed`; `what` says what was asked. */
export function requireRole(roles: WorkspaceRoles | undefined, workspace: string, needed: Role, what: string): void {
  if (hasRole(roles, workspace, needed)) return;
  const role = roleIn(roles, workspace);
  const workspaceName = workspace === EVERY_WORKSPACE ? 'every workspace' : `workspace "${workspace}"`;
  throw new CadenzaError('FORBIDDEN', `${what} needs the role ${needed} in ${workspaceName}; ${role ? `yours there is ${role}` : 'you have no role there'}.`, {
    hint: `Ask an owner of the tenant for the ${needed} role in ${workspaceName}, or work on a copy in a workspace where you are an editor.`,
  });
}

/**
 * parseWorkspaceRoles({ "team-a": "editor" }) or parseWorkspaceRoles(["team-a=editor"]) → the roles;
 * undefined when the value is neither (a malformed claim or setting, which the caller refuses).
 */
export function parseWorkspaceRoles(value: unknown): WorkspaceRoles | undefined {
  const entries = Array.isArray(value) ? value.map((item) => (typeof item === 'string' ? item.split('=') : [])) : isRecord(value) ? Object.entries(value) : undefined;
  if (!entries) return undefined;
  const roles: Record<string, Role> = {};
  for (const entry of entries) {
    const [workspace, role, ...rest] = entry as unknown[];
    if (rest.length > 0 || typeof workspace !== 'string' || !isRole(role) || !isWorkspaceKey(workspace)) return undefined;
    roles[workspace] = role;
  }
  return roles;
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

function isWorkspaceKey(name: string): boolean {
  return name === EVERY_WORKSPACE || (name.length <= MAX_WORKSPACE_LENGTH && WORKSPACE_PATTERN.test(name));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** readableBy(roles)(id) → true when a member with these roles may read the score with this id (lists keep only those) */
export function readableBy(roles: WorkspaceRoles | undefined): (id: string) => boolean {
  return (id) => hasRole(roles, workspaceOfScore(id), 'viewer');
}
