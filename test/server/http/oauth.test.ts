/**
 * OAuth 2.1 resource-server behaviour against a real authorization server (oidc-provider): which
 * tokens get in, what a refused client is told, and that tenants never see each other's scores.
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { exportJWK, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuthorizationServer, type AuthorizationServer } from '../../support/oidc.js';
import { connectClient, rawPost, startTestServer, type TestServer } from '../../support/http-server.js';

const RESOURCE = 'http://cadenza.test/mcp';
let issuer: AuthorizationServer;
let impostor: AuthorizationServer;
let cadenza: TestServer;

beforeAll(async () => {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const signingKey = { ...(await exportJWK(privateKey)), kid: 'shared', alg: 'RS256', use: 'sig' };
  issuer = await startAuthorizationServer(signingKey);
  // same signing key, other issuer: only the issuer check can refuse its tokens
  impostor = await startAuthorizationServer(signingKey);
  cadenza = await startTestServer({ CADENZA_AUTH: 'oauth', CADENZA_OAUTH_ISSUER: issuer.issuer, CADENZA_PUBLIC_URL: RESOURCE });
});

afterAll(async () => {
  await cadenza.running.stop();
  await Promise.all([issuer.close(), impostor.close()]);
});

async function refusal(token: string | undefined) {
  const response = await rawPost(cadenza.url, { jsonrpc: '2.0', id: 1, method: 'ping' }, token ? { authorization: `Bearer ${token}` } : {});
  return { status: response.status, challenge: response.headers.get('www-authenticate') ?? '', body: (await response.json()) as { error_description?: string } };
}

const METADATA = 'resource_metadata="http://cadenza.test/.well-known/oauth-protected-resource/mcp"';

describe('OAuth resource server', () => {
  it('publishes RFC 9728 metadata naming the authorization server and scopes', async () => {
    const response = await fetch(cadenza.url.replace('/mcp', '/.well-known/oauth-protected-resource/mcp'));
    expect(await response.json()).toMatchObject({ resource: RESOURCE, authorization_servers: [issuer.issuer], scopes_supported: ['scores:read', 'scores:write', 'admin', 'operator'] });
  });

  it('serves a client with a valid token', async () => {
    const client = await connectClient(cadenza.url, await issuer.token('tenant-a', { resource: RESOURCE }));
    const imported = (await client.callTool({ name: 'import_score', arguments: { corpus: 'bach/bwv66.6' } })) as CallToolResult;
    expect(imported.isError).toBeFalsy();
    await client.close();
  });

  it('answers a request without a token 401 with where to get one, and no error code', async () => {
    const { status, challenge } = await refusal(undefined);
    expect(status).toBe(401);
    expect(challenge).toContain(METADATA);
    expect(challenge).not.toContain('error=');
  });

  it.each([
    ['a tampered signature', async () => tamper(await issuer.token('tenant-a', { resource: RESOURCE })), /signature/],
    ['alg "none"', async () => unsigned(await issuer.token('tenant-a', { resource: RESOURCE })), /algorithm|not a valid/],
    ['the wrong audience', () => issuer.token('tenant-a', { resource: 'http://elsewhere.test/mcp' }), /audience/],
    ['the wrong issuer', () => impostor.token('tenant-a', { resource: RESOURCE }), /issued by another/],
    ['an expired token', async () => {
      const token = await issuer.token('short-lived', { resource: RESOURCE });
      await new Promise((resolve) => setTimeout(resolve, 2100));
      return token;
    }, /expired/],
    ['garbage', async () => 'not.a.jwt', /not a valid/],
  ])('refuses %s with 401 invalid_token', async (_case, makeToken, reason) => {
    const { status, challenge, body } = await refusal(await makeToken());
    expect(status).toBe(401);
    expect(challenge).toContain('error="invalid_token"');
    expect(challenge).toContain(METADATA);
    expect(body.error_description).toMatch(reason);
  });

  it('answers 403 insufficient_scope, naming the scope, when a read-only token tries to import', async () => {
    const token = await issuer.token('reader', { resource: RESOURCE, scope: 'scores:read' });
    const headers = { authorization: `Bearer ${token}` };
    const response = await rawPost(
      cadenza.url,
      { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'import_score', arguments: { corpus: 'bach/bwv66.6' } } },
      headers,
    );
    expect(response.status).toBe(403);
    expect(response.headers.get('www-authenticate')).toMatch(/error="insufficient_scope".*scope="scores:write"/);
    expect(cadenza.logs).toContainEqual(expect.objectContaining({ audit: true, event: 'auth_failure', reason: 'insufficient_scope', client: 'reader' }));
    const list = await rawPost(cadenza.url, { jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'list_scores', arguments: {} } }, headers);
    expect(list.status).toBe(200);
  });

  it('counts and audits refused credentials', async () => {
    await refusal('not.a.jwt');
    const metrics = await (await fetch(cadenza.url.replace('/mcp', '/metrics'))).text();
    expect(metrics).toMatch(/cadenza_auth_failures_total\{reason="bad_token"\} [1-9]/);
    expect(cadenza.logs).toContainEqual(expect.objectContaining({ audit: true, event: 'auth_failure', reason: 'bad_token' }));
    expect(JSON.stringify(cadenza.logs)).not.toContain('not.a.jwt');
  });
});

describe('tenant isolation', () => {
  let alice: Client;
  let bob: Client;
  let aliceScore: string;

  beforeAll(async () => {
    alice = await connectClient(cadenza.url, await issuer.token('tenant-a', { resource: RESOURCE }));
    bob = await connectClient(cadenza.url, await issuer.token('tenant-b', { resource: RESOURCE }));
    const imported = (await alice.callTool({ name: 'import_score', arguments: { corpus: 'bach/bwv269' } })) as CallToolResult;
    aliceScore = (imported.structuredContent as { id: string }).id;
  });

  afterAll(async () => {
    await alice.close();
    await bob.close();
  });

  it.each([
    ['get_score_info', () => ({ id: aliceScore })],
    ['analyze_key', () => ({ id: aliceScore })],
    ['analyze_harmony', () => ({ id: aliceScore })],
    ['export_score', () => ({ id: aliceScore, format: 'musicxml' })],
    ['compare_scores', () => ({ ids: [aliceScore, aliceScore] })],
    ['read_score', () => ({ id: aliceScore })],
    ['diff_scores', () => ({ before: { id: aliceScore }, after: { id: aliceScore } })],
    ['delete_score', () => ({ id: aliceScore })],
  ])('%s on another tenant’s score answers "not found"', async (tool, args) => {
    const result = (await bob.callTool({ name: tool, arguments: args() })) as CallToolResult;
    expect(result.isError).toBe(true);
    expect(result._meta?.['cadenza/errorCode']).toBe('SCORE_NOT_FOUND');
  });

  it('lists and reads only the caller’s own scores and resources', async () => {
    const bobs = (await bob.callTool({ name: 'list_scores', arguments: { source: 'imported' } })) as CallToolResult;
    expect(JSON.stringify(bobs.structuredContent)).not.toContain(aliceScore);
    expect((await bob.listResources()).resources.map((resource) => resource.uri)).not.toContain(`score://${aliceScore}`);
    await expect(bob.readResource({ uri: `score://${aliceScore}` })).rejects.toThrow(/not found/i);
    expect((await alice.readResource({ uri: `score://${aliceScore}` })).contents).toHaveLength(1);
  });

  it('acts for the tenant of each request’s token, whatever session header a request carries', async () => {
    const bobToken = await issuer.token('tenant-b', { resource: RESOURCE });
    const read = { jsonrpc: '2.0', id: 9, method: 'resources/read', params: { uri: `score://${aliceScore}` } };
    const response = await rawPost(cadenza.url, read, { authorization: `Bearer ${bobToken}`, 'mcp-session-id': 'alice-session' });
    expect(await response.text()).toContain('-32602');
  });

  it('still has alice’s score after all of bob’s attempts', async () => {
    const info = (await alice.callTool({ name: 'get_score_info', arguments: { id: aliceScore } })) as CallToolResult;
    expect(info.isError).toBeFalsy();
  });
});

describe('roles from the token', () => {
  it('gives a token with the viewer role (its cadenza_roles claim) reads but no edits, imports or deletes', async () => {
    const owner = await connectClient(cadenza.url, await issuer.token('tenant-a', { resource: RESOURCE }));
    const viewer = await connectClient(cadenza.url, await issuer.token('team-viewer', { resource: RESOURCE }));
    const id = ((await owner.callTool({ name: 'import_score', arguments: { corpus: 'bach/bwv269' } })) as CallToolResult).structuredContent!['id'];
    const code = async (name: string, args: Record<string, unknown>) => ((await viewer.callTool({ name, arguments: args })) as CallToolResult)._meta?.['cadenza/errorCode'];
    expect(await code('get_score_info', { id })).toBeUndefined();
    expect(await code('edit_score', { id, operations: [{ op: 'set_pitch', target: 'P1-m2-v1-e1', pitch: 'A4' }] })).toBe('FORBIDDEN');
    expect(await code('import_score', { corpus: 'bach/bwv269' })).toBe('FORBIDDEN');
    expect(await code('delete_score', { id })).toBe('FORBIDDEN');
    await Promise.all([owner.close(), viewer.close()]);
  });

  it('refuses a token whose roles claim is malformed (401), rather than guess its roles', async () => {
    const { status, body } = await refusal(await issuer.token('bad-roles', { resource: RESOURCE }));
    expect(status).toBe(401);
    expect(body.error_description).toContain('cadenza_roles');
  });
});

function tamper(token: string): string {
  const [header, payload, signature] = token.split('.') as [string, string, string];
  const flipped = signature.startsWith('A') ? `B${signature.slice(1)}` : `A${signature.slice(1)}`;
  return [header, payload, flipped].join('.');
}

function unsigned(token: string): string {
  const payload = token.split('.')[1]!;
  const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'at+jwt' })).toString('base64url');
  return `${header}.${payload}.`;
}
