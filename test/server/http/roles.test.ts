/**
 * Roles in workspaces, in the shape of the tenant isolation tests: members of one tenant with the viewer,
 * editor and owner roles in a workspace call every tool, read every resource and every /api route on a
 * score there, on SQLite and on Redis. A viewer cannot edit, an editor cannot delete or share, a member
 * without a role there cannot read; each refusal is FORBIDDEN and changes nothing.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { CallToolResultSchema, CreateTaskResultSchema, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOOLS } from '../../../src/mcp/tools/index.js';
import type { WorkspaceRoles } from '../../../src/mcp/workspaces.js';
import { apiKeysFile, createApiKey, writeApiKeys } from '../../../src/server/auth/api-keys.js';
import { connectClient, connectModernClient, startTestServer, type TestServer } from '../../support/http-server.js';
import { deleteRedisKeys, TEST_REDIS_URL } from '../../support/redis.js';

type Member = 'viewer' | 'editor' | 'owner';
/** what a call needs: nothing, a role in the workspace "team" (and the same in "default"), or owner of every workspace */
type Need = 'anyone' | Member | 'tenant owner';

const MEMBERS: readonly Member[] = ['viewer', 'editor', 'owner'];
const RANK: Record<Need, number> = { anyone: -1, viewer: 0, editor: 1, owner: 2, 'tenant owner': 3 };
const WORKSPACE = 'team';

const identities = {
  viewer: key({ [WORKSPACE]: 'viewer', default: 'viewer' }),
  editor: key({ [WORKSPACE]: 'editor', default: 'editor' }),
  owner: key({ [WORKSPACE]: 'owner', default: 'owner' }),
  admin: key({ '*': 'owner' }),
  /** owner of the default workspace, no role in "team" */
  outsider: key({ default: 'owner' }),
};

function key(roles: WorkspaceRoles) {
  return createApiKey('acme', ['scores:read', 'scores:write', 'admin'], undefined, roles);
}

interface Row {
  readonly need: Need;
  /** the tool's arguments, given a score in the team workspace (a fresh one for calls that use it up) */
  readonly args: (id: string) => Record<string, unknown>;
  /** the allowed call may still fail for another reason (a coded error other than FORBIDDEN) */
  readonly mayFailOtherwise?: boolean;
  /** the allowed call changes or removes the score: give it one of its own */
  readonly fresh?: boolean;
}

const EDIT = [{ op: 'set_pitch', target: 'P1-m2-v1-e1', pitch: 'A4' }];

/** every tool: the role it needs on a score of the team workspace, and how to call it */
const TABLE: Readonly<Record<string, Row>> = {
  health_check: { need: 'anyone', args: () => ({}) },
  list_scores: { need: 'anyone', args: () => ({ source: 'imported' }) },
  get_score_info: { need: 'viewer', args: (id) => ({ id }) },
  list_versions: { need: 'viewer', args: (id) => ({ id }) },
  read_score: { need: 'viewer', args: (id) => ({ id, measures: { from: 1, to: 2 } }) },
  analyze_key: { need: 'viewer', args: (id) => ({ id }) },
  analyze_chords: { need: 'viewer', args: (id) => ({ id }) },
  analyze_harmony: { need: 'viewer', args: (id) => ({ id }) },
  analyze_voice_leading: { need: 'viewer', args: (id) => ({ id }) },
  analyze_melody: { need: 'viewer', args: (id) => ({ id }) },
  analyze_rhythm: { need: 'viewer', args: (id) => ({ id }) },
  analyze_texture: { need: 'viewer', args: (id) => ({ id }) },
  analyze_set_classes: { need: 'viewer', args: (id) => ({ id }) },
  find_patterns: { need: 'viewer', args: (id) => ({ id }) },
  compare_scores: { need: 'viewer', args: (id) => ({ ids: [id, id] }) },
  compare_analysis: { need: 'viewer', args: (id) => ({ id, romantext: 'Time Signature: 4/4\nm1 G: I' }), mayFailOtherwise: true },
  classify_style: { need: 'viewer', args: (id) => ({ id }) },
  diff_scores: { need: 'viewer', args: (id) => ({ before: { id }, after: { id } }) },
  export_score: { need: 'viewer', args: (id) => ({ id, format: 'musicxml', inline: true }) },
  render_score: { need: 'viewer', args: (id) => ({ id, format: 'svg', inline: true }) },
  render_audio: { need: 'viewer', args: (id) => ({ id, format: 'wav', inline: true, measures: { from: 1, to: 1 } }) },
  suggest_continuation: { need: 'viewer', args: (id) => ({ id, at: 2 }), mayFailOtherwise: true },
  analyze_corpus: { need: 'viewer', args: (id) => ({ ids: [id] }) },
  list_corpora: { need: 'viewer', args: () => ({}) },
  search_corpus: { need: 'viewer', args: (id) => ({ corpus: 'bundled', passage: { scoreId: id, measures: { from: 1, to: 2 } } }) },
  corpus_statistics: { need: 'viewer', args: () => ({ corpus: 'bundled', filter: 'bach/bwv26' }) },
  import_score: { need: 'editor', args: () => ({ corpus: 'bach/bwv269', workspace: WORKSPACE }) },
  transcribe_audio: { need: 'editor', args: () => ({ content: 'bm90IGF1ZGlv', workspace: WORKSPACE }), mayFailOtherwise: true },
  edit_score: { need: 'editor', args: (id) => ({ id, operations: EDIT }), fresh: true },
  revert_score: { need: 'editor', args: (id) => ({ id, version: 1 }), fresh: true, mayFailOtherwise: true },
  harmonize_melody: { need: 'editor', args: (id) => ({ id, voice: 0 }), mayFailOtherwise: true },
  generate_counterpoint: { need: 'editor', args: (id) => ({ cantusFirmus: { id }, species: 1 }), mayFailOtherwise: true },
  imitate_style: { need: 'editor', args: (id) => ({ ids: [id], measures: 4 }) },
  transform_score: { need: 'editor', args: (id) => ({ id, operation: 'transpose', semitones: 2 }) },
  create_corpus: { need: 'editor', args: (id) => ({ name: 'team-pieces', ids: [id] }) },
  delete_score: { need: 'owner', args: (id) => ({ id }), fresh: true },
  share_score: { need: 'owner', args: (id) => ({ id, workspace: 'default' }) },
  export_tenant_data: { need: 'tenant owner', args: () => ({ tenant: 'acme', limit: 1 }) },
  delete_tenant_data: { need: 'tenant owner', args: () => ({ tenant: 'acme', confirm: true }) },
};

const errorCode = (result: CallToolResult) => result._meta?.['cadenza/errorCode'];

describe.each([
  ['SQLite', {}],
  ['Redis', { CADENZA_STORE: 'redis', CADENZA_REDIS_URL: TEST_REDIS_URL, CADENZA_REDIS_PREFIX: `cadenza-roles-${process.pid}-${Date.now()}:` }],
])('roles in a workspace, on %s', (_backend, store: Record<string, string>) => {
  let server: TestServer;
  const clients = {} as Record<keyof typeof identities, Client>;
  let teamScore: string;
  const call = async (who: keyof typeof identities, name: string, args: Record<string, unknown>) =>
    (await clients[who].callTool({ name, arguments: args })) as CallToolResult;
  const imported = async (workspace = WORKSPACE) => {
    const result = await call('owner', 'import_score', { corpus: 'bach/bwv269', workspace });
    expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
    return (result.structuredContent as { id: string }).id;
  };
  const api = (who: keyof typeof identities, path: string, init: RequestInit = {}) =>
    fetch(server.url.replace(/\/mcp$/, path), { ...init, headers: { authorization: `Bearer ${identities[who].key}`, ...init.headers } });

  beforeAll(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cadenza-roles-'));
    writeApiKeys(apiKeysFile(dataDir), Object.values(identities).map((identity) => identity.record));
    server = await startTestServer({ CADENZA_AUTH: 'apikey', CADENZA_DATA_DIR: dataDir, ...store });
    for (const who of Object.keys(identities) as (keyof typeof identities)[]) clients[who] = await connectClient(server.url, identities[who].key);
    teamScore = await imported();
  });

  afterAll(async () => {
    await Promise.all(Object.values(clients).map((client) => client.close()));
    await server.running.stop();
    if (store.CADENZA_REDIS_PREFIX) await deleteRedisKeys(store.CADENZA_REDIS_PREFIX);
  });

  it('has a row for every tool', () => {
    expect(Object.keys(TABLE).sort()).toEqual(TOOLS.map((tool) => tool.name).sort());
  });

  it('puts a score imported into a workspace there, keeping plain ids for the default workspace', async () => {
    expect(teamScore).toMatch(/^team~chorale-bwv-269-/);
    expect(await imported('default')).toMatch(/^chorale-bwv-269-/);
  });

  describe.each(MEMBERS)('a %s', (member) => {
    it.each(Object.entries(TABLE).filter(([, row]) => RANK[row.need] > RANK[member]))('is refused %s (FORBIDDEN), which changes nothing', async (tool, row) => {
      const target = row.fresh ? await imported() : teamScore;
      const result = await call(member, tool, row.args(target));
      expect(result.isError).toBe(true);
      expect(errorCode(result), JSON.stringify(result.content)).toBe('FORBIDDEN');
      expect((await call('owner', 'list_versions', { id: target })).structuredContent).toMatchObject({ current: 1 });
    });

    it.each(Object.entries(TABLE).filter(([, row]) => RANK[row.need] <= RANK[member] && row.need !== 'anyone'))('may call %s', async (tool, row) => {
      const result = await call(member, tool, row.args(row.fresh ? await imported() : teamScore));
      if (row.mayFailOtherwise && result.isError) expect(errorCode(result), JSON.stringify(result.content)).not.toBe('FORBIDDEN');
      else expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
    });
  });

  it('records the editor as the author of an edit', async () => {
    const id = await imported();
    expect((await call('editor', 'edit_score', { id, operations: EDIT })).isError).toBeFalsy();
    const versions = (await call('viewer', 'list_versions', { id })).structuredContent as { versions: { author: string }[] };
    expect(versions.versions.map((version) => version.author)).toEqual([`apikey:${identities.editor.record.id}`, `apikey:${identities.owner.record.id}`]);
  });

  it('stores what an editor generates from a team score in the team workspace', async () => {
    const result = await call('editor', 'transform_score', { id: teamScore, operation: 'transpose', semitones: 2 });
    expect((result.structuredContent as { scoreId: string }).scoreId).toMatch(/^team~/);
  });

  it('lets an owner share a score with another workspace, where its members read the copy, and audits it', async () => {
    const result = await call('owner', 'share_score', { id: teamScore, workspace: 'default' });
    const copy = (result.structuredContent as { id: string }).id;
    expect(copy).toMatch(/^chorale-bwv-269-/);
    expect((await call('outsider', 'get_score_info', { id: copy })).isError).toBeFalsy();
    expect(server.logs).toContainEqual(expect.objectContaining({
      audit: true, event: 'tool_call', tool: 'share_score', outcome: 'ok', subject: `apikey:${identities.owner.record.id}`,
      facts: { scoreId: teamScore, workspace: 'default', copy },
    }));
    await call('editor', 'share_score', { id: teamScore, workspace: 'default' });
    expect(server.logs).toContainEqual(expect.objectContaining({ audit: true, tool: 'share_score', outcome: 'FORBIDDEN', facts: { scoreId: teamScore, workspace: 'default' } }));
  });

  it('hides the workspace from a member without a role there: lists, resources and reads', async () => {
    const listed = async (who: keyof typeof identities, args: Record<string, unknown>) => ((await call(who, 'list_scores', args)).structuredContent as { scores: { id: string }[] }).scores.map((score) => score.id);
    expect(await listed('outsider', { source: 'imported' })).not.toContain(teamScore);
    expect((await listed('outsider', { source: 'imported' })).length).toBeGreaterThan(0);
    expect(await listed('viewer', { source: 'imported', workspace: WORKSPACE })).toContain(teamScore);
    expect((await listed('viewer', { source: 'imported', workspace: WORKSPACE })).every((id) => id.startsWith('team~'))).toBe(true);
    expect((await clients.outsider.listResources()).resources.map((resource) => resource.uri)).not.toContain(`score://${teamScore}`);
    expect((await clients.viewer.listResources()).resources.map((resource) => resource.uri)).toContain(`score://${teamScore}`);
    expect(errorCode(await call('outsider', 'get_score_info', { id: teamScore }))).toBe('FORBIDDEN');
    expect(errorCode(await call('outsider', 'analyze_key', { id: `${teamScore}@1` }))).toBe('FORBIDDEN');
  });

  it.each([`score://{id}`, `score://{id}/render.svg?page=1`, `score://{id}/export.musicxml`])('lets a viewer read %s and refuses a member without a role there', async (template) => {
    const uri = template.replace('{id}', teamScore);
    expect((await clients.viewer.readResource({ uri })).contents).toHaveLength(1);
    await expect(clients.outsider.readResource({ uri })).rejects.toThrow(/FORBIDDEN/);
  });

  const routes: readonly [string, string][] = [
    ['GET', '/api/scores/{id}/render'],
    ['GET', '/api/scores/{id}/audio?measures=1-1'],
    ['GET', '/api/scores/{id}/analysis'],
    ['GET', '/api/scores/{id}/notes'],
    ['GET', '/api/scores/{id}/export?format=midi'],
    ['GET', '/api/scores/{id}/files/export.musicxml'],
  ];

  it.each(routes)('%s %s answers a viewer and refuses a member without a role there (403 FORBIDDEN)', async (method, route) => {
    const path = route.replace('{id}', teamScore);
    expect((await api('viewer', path, { method })).status).toBe(200);
    const refused = await api('outsider', path, { method });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: string }).error).toBe('FORBIDDEN');
  });

  it('GET /api/scores/{id}/changes follows for a viewer and refuses a member without a role there', async () => {
    const aborted = new AbortController();
    const following = await api('viewer', `/api/scores/${teamScore}/changes`, { signal: aborted.signal });
    expect(following.status).toBe(200);
    aborted.abort();
    expect((await api('outsider', `/api/scores/${teamScore}/changes`)).status).toBe(403);
  });

  it('GET /api/scores lists only the workspaces a member can read', async () => {
    const listed = async (who: keyof typeof identities) => ((await (await api(who, '/api/scores')).json()) as { scores: { id: string }[] }).scores.map((score) => score.id);
    expect(await listed('viewer')).toContain(teamScore);
    expect(await listed('outsider')).not.toContain(teamScore);
  });

  it('POST /api/scores needs the editor role in the workspace it imports into', async () => {
    const upload = (who: keyof typeof identities) =>
      api(who, `/api/scores?name=tune.abc&workspace=${WORKSPACE}`, { method: 'POST', body: 'X:1\nT:Tune\nK:C\nCDEF|\n', headers: { 'content-type': 'application/octet-stream' } });
    const refused = await upload('viewer');
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: string }).error).toBe('FORBIDDEN');
    const accepted = await upload('editor');
    expect(accepted.status).toBe(201);
    expect(((await accepted.json()) as { id: string }).id).toMatch(/^team~tune-/);
  });

  it('shows a task only to the member who started it (its result may hold a workspace others cannot read), and to a caller with every role', async () => {
    const started = await clients.owner.request({ method: 'tools/call', params: { name: 'import_score', arguments: { corpus: 'bach/bwv269', workspace: WORKSPACE }, task: { ttl: 60_000 } } }, CreateTaskResultSchema);
    const { taskId } = started.task;
    const result = (await clients.owner.experimental.tasks.getTaskResult(taskId, CallToolResultSchema)) as CallToolResult;
    expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
    for (const other of ['outsider', 'viewer'] as const) {
      await expect(clients[other].experimental.tasks.getTask(taskId)).rejects.toThrow(/-32602|No task/);
      await expect(clients[other].experimental.tasks.getTaskResult(taskId, CallToolResultSchema)).rejects.toThrow(/-32602|No task/);
      await expect(clients[other].experimental.tasks.cancelTask(taskId)).rejects.toThrow(/-32602|No task/);
      expect((await clients[other].experimental.tasks.listTasks()).tasks.map((task) => task.taskId)).not.toContain(taskId);
    }
    expect((await clients.owner.experimental.tasks.listTasks()).tasks.map((task) => task.taskId)).toContain(taskId);
    expect((await clients.owner.experimental.tasks.getTask(taskId)).status).toBe('completed');
  });

  it("tells a listen stream of changes only in workspaces its member may read (an outsider hears the default workspace's, not the team's)", async () => {
    const watched = [await imported(), await imported('default')];
    const heard = { viewer: [] as string[], outsider: [] as string[] };
    const listeners = await Promise.all((['viewer', 'outsider'] as const).map(async (who) => {
      const client = await connectModernClient(server.url, identities[who].key);
      client.setNotificationHandler('notifications/resources/updated', (notification) => void heard[who].push(notification.params.uri));
      return { client, subscription: await client.listen({ resourceSubscriptions: watched.map((id) => `score://${id}`) }) };
    }));
    for (const id of watched) expect((await call('owner', 'delete_score', { id })).isError).toBeFalsy();
    for (let polls = 0; polls < 200 && (heard.viewer.length < 2 || heard.outsider.length < 1); polls++) await new Promise((resolve) => setTimeout(resolve, 25));
    // the viewer hears both deletions; the outsider only the default workspace's, and nothing after it
    expect(heard.viewer.sort()).toEqual(watched.map((id) => `score://${id}`).sort());
    expect(heard.outsider).toEqual([`score://${watched[1]}`]);
    for (const { client, subscription } of listeners) {
      await subscription.close();
      await client.close();
    }
  });

  it('lets only an owner of every workspace export or erase the tenant', async () => {
    expect((await call('admin', 'export_tenant_data', { tenant: 'acme', limit: 1 })).isError).toBeFalsy();
    expect(errorCode(await call('owner', 'delete_tenant_data', { tenant: 'acme', confirm: true }))).toBe('FORBIDDEN');
    expect((await call('owner', 'get_score_info', { id: teamScore })).isError).toBeFalsy();
  });
});
