import { describe, expect, it } from 'vitest';
import { isCadenzaError } from '../../src/core/errors.js';
import { checkScoreId } from '../../src/mcp/score-ids.js';
import { accessNeeds, declaresAccess } from '../../src/mcp/tool-access.js';
import { TOOLS } from '../../src/mcp/tools/index.js';
import { checkWorkspace, hasRole, parseWorkspaceRoles, requireRole, roleIn, scoreIdInWorkspace, workspaceOfScore } from '../../src/mcp/workspaces.js';

describe('workspace names and score ids', () => {
  it('accepts names like score ids and refuses any that could reach into a key', () => {
    expect(checkWorkspace('team-a')).toBe('team-a');
    for (const name of ['a:b', 'a/b', 'A', '', 'a~b', '*', '-a', 'a'.repeat(33), 'a\nb']) expect(() => checkWorkspace(name), name).toThrow(/not a workspace name/);
  });

  it('keeps plain ids in the default workspace and prefixes the others', () => {
    expect(scoreIdInWorkspace('default', 'bach-1a2b')).toBe('bach-1a2b');
    expect(scoreIdInWorkspace('team-a', 'bach-1a2b')).toBe('team-a~bach-1a2b');
    expect(workspaceOfScore('bach-1a2b')).toBe('default');
    expect(workspaceOfScore('team-a~bach-1a2b@3')).toBe('team-a');
  });

  it('accepts ids in a workspace and refuses a second name for the default one, two separators or a separator of a key', () => {
    expect(checkScoreId('team-a~bach-1a2b')).toBe('team-a~bach-1a2b');
    for (const id of ['default~bach-1a2b', 'a~b~c', '~bach', 'bach~', 'a:b~c', 'a/b~c', `${'a'.repeat(33)}~b`]) expect(() => checkScoreId(id), id).toThrow(/not a score id/);
  });
});

describe('roles', () => {
  const roles = { 'team-a': 'editor', '*': 'viewer' } as const;

  it('reads a role by workspace, else the one for every workspace, else none', () => {
    expect(roleIn(roles, 'team-a')).toBe('editor');
    expect(roleIn(roles, 'other')).toBe('viewer');
    expect(roleIn({ 'team-a': 'owner' }, 'other')).toBeUndefined();
    expect(roleIn(undefined, 'anything')).toBe('owner');
  });

  it('orders viewer < editor < owner', () => {
    expect(hasRole(roles, 'team-a', 'viewer')).toBe(true);
    expect(hasRole(roles, 'team-a', 'editor')).toBe(true);
    expect(hasRole(roles, 'team-a', 'owner')).toBe(false);
    expect(hasRole({}, 'team-a', 'viewer')).toBe(false);
  });

  it('refuses with FORBIDDEN naming the role needed and the one held', () => {
    try {
      requireRole(roles, 'other', 'editor', 'edit_score');
      expect.unreachable();
    } catch (error) {
      expect(isCadenzaError(error) && error.code).toBe('FORBIDDEN');
      expect((error as Error).message).toBe('edit_score needs the role editor in workspace "other"; yours there is viewer.');
    }
  });

  it('parses a claim or setting as a map or as workspace=role strings, and nothing malformed', () => {
    expect(parseWorkspaceRoles({ 'team-a': 'owner', '*': 'viewer' })).toEqual({ 'team-a': 'owner', '*': 'viewer' });
    expect(parseWorkspaceRoles(['team-a=editor', '*=viewer'])).toEqual({ 'team-a': 'editor', '*': 'viewer' });
    for (const bad of ['owner', 42, null, { 'team-a': 'admin' }, { 'a:b': 'owner' }, ['team-a'], ['a=b=c'], [7]]) expect(parseWorkspaceRoles(bad), JSON.stringify(bad)).toBeUndefined();
  });
});

describe('what each tool needs', () => {
  it('is declared for every tool, so none falls back to needing owner of every workspace', () => {
    expect(TOOLS.filter((tool) => !declaresAccess(tool)).map((tool) => tool.name)).toEqual([]);
  });

  it('is editor in the workspace of each score for an edit, and editor where a generated score goes', () => {
    const tool = (name: string) => TOOLS.find((candidate) => candidate.name === name)!;
    expect(accessNeeds(tool('edit_score'), { id: 'team-a~x@2', operations: [] })).toEqual([{ workspace: 'team-a', role: 'editor' }]);
    expect(accessNeeds(tool('transform_score'), { id: 'team-a~x', operation: 'transpose' })).toEqual([
      { workspace: 'team-a', role: 'viewer' },
      { workspace: 'team-a', role: 'editor' },
    ]);
    expect(accessNeeds(tool('share_score'), { id: 'x', workspace: 'team-b' })).toEqual([
      { workspace: 'default', role: 'owner' },
      { workspace: 'team-b', role: 'editor' },
    ]);
    expect(accessNeeds(tool('delete_tenant_data'), { tenant: 'acme', confirm: true })).toEqual([{ workspace: '*', role: 'owner' }]);
  });
});
