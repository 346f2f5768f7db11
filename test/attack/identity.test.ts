/**
 * Who a token speaks for: a token without the tenant claim is its subject's own tenant (two users of one
 * client application never share scores), or is refused when the claim is required; `admin` administers
 * only the caller's tenant and reaching another needs `operator`; a client without credentials is not
 * offered the tenant-wide admin tools unless the operator turns them on.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { SignJWT, exportJWK, generateKeyPair, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClient, startTestServer, type TestServer } from '../support/http-server.js';
import { musicXml } from './scores.js';
import { baseOf, expectAlive } from './support.js';

const ISSUER = 'http://issuer.test';
const AUDIENCE = 'http://cadenza.test/mcp';

/** A bare issuer: a JWKS endpoint and tokens signed with its key, with whatever claims a test asks for. */
let jwksServer: Server;
let jwksUrl: string;
let sign: (claims: Record<string, unknown>) => Promise<string>;

beforeAll(async () => {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  jwksServer = createServer((_request, response) => response.setHeader('content-type', 'application/json').end(JSON.stringify({ keys: [jwk] })));
  await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
  jwksUrl = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/jwks`;
  sign = (claims) =>
    new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'k1', typ: 'at+jwt' }).setIssuer(ISSUER).setAudience(AUDIENCE).setIssuedAt().setExpirationTime('10m').sign(privateKey);
});

afterAll(() => new Promise<void>((resolve) => jwksServer.close(() => resolve())));

const oauthServer = (extra: Record<string, string> = {}) =>
  startTestServer({ CADENZA_AUTH: 'oauth', CADENZA_OAUTH_ISSUER: ISSUER, CADENZA_OAUTH_JWKS_URL: jwksUrl, CADENZA_OAUTH_AUDIENCE: AUDIENCE, CADENZA_STORE: 'memory', ...extra });

describe('tenant of a token without the tenant claim', () => {
  let server: TestServer;
  beforeAll(async () => (server = await oauthServer()));
  afterAll(() => server.running.stop());

  it('is the subject, so two users of one client application do not share scores', async () => {
    const scopes = 'scores:read scores:write';
    const alice = await connectClient(server.url, await sign({ sub: 'alice', client_id: 'shared-app', scope: scopes }));
    const bob = await connectClient(server.url, await sign({ sub: 'bob', client_id: 'shared-app', scope: scopes }));
    const imported = (await alice.callTool({ name: 'import_score', arguments: { content: musicXml(2), format: 'musicxml' } })) as CallToolResult;
    expect(imported.isError).toBeFalsy();
    const listed = (await bob.callTool({ name: 'list_scores', arguments: { source: 'imported' } })) as CallToolResult;
    expect((listed.structuredContent as { scores: unknown[] }).scores).toEqual([]);
    await Promise.all([alice.close(), bob.close()]);
    await expectAlive(baseOf(server.url));
  });

  it('records the subject as the author of each version, keeps edits, versions and reverts within the tenant, and needs scores:write to edit', async () => {
    const alice = await connectClient(server.url, await sign({ sub: 'alice', client_id: 'shared-app', scope: 'scores:read scores:write' }));
    const bob = await connectClient(server.url, await sign({ sub: 'bob', client_id: 'shared-app', scope: 'scores:read scores:write' }));
    const reader = await connectClient(server.url, await sign({ sub: 'alice', client_id: 'shared-app', scope: 'scores:read' }));
    const callOf = (client: typeof alice) => async (name: string, args: Record<string, unknown>) => (await client.callTool({ name, arguments: args })) as CallToolResult;
    const [asAlice, asBob, asReader] = [callOf(alice), callOf(bob), callOf(reader)];
    const { id } = (await asAlice('import_score', { content: musicXml(2), format: 'musicxml' })).structuredContent as { id: string };
    const edit = { id, operations: [{ op: 'set_pitch', target: { part: 1, measure: '1' }, pitch: 'F#4' }] };
    expect((await asAlice('edit_score', edit)).structuredContent).toMatchObject({ version: 2 });
    const versions = (await asAlice('list_versions', { id })).structuredContent as { versions: { author: string }[] };
    expect(versions.versions.map((version) => version.author)).toEqual(['alice', 'alice']);
    for (const [name, args] of [['edit_score', edit], ['list_versions', { id }], ['revert_score', { id, version: 1 }], ['export_score', { id: `${id}@1`, format: 'abc' }]] as const) {
      expect((await asBob(name, args))._meta?.['cadenza/errorCode'], name).toBe('SCORE_NOT_FOUND');
    }
    for (const [name, args] of [['edit_score', edit], ['revert_score', { id, version: 1 }]] as const) {
      await expect(asReader(name, args), name).rejects.toThrow(/insufficient_scope.*scores:write/);
    }
    expect((await asReader('list_versions', { id })).structuredContent).toMatchObject({ current: 2 });
    await Promise.all([alice.close(), bob.close(), reader.close()]);
  });
});

describe('a required tenant claim (CADENZA_OAUTH_REQUIRE_TENANT)', () => {
  it('refuses a token without it', async () => {
    const server = await oauthServer({ CADENZA_OAUTH_REQUIRE_TENANT: 'true' });
    const token = await sign({ sub: 'alice', client_id: 'shared-app', scope: 'scores:read' });
    const response = await fetch(`${baseOf(server.url)}/api/scores`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error_description: string }).error_description).toMatch(/"tenant" claim/);
    const withClaim = await sign({ sub: 'alice', tenant: 'acme', scope: 'scores:read' });
    expect((await fetch(`${baseOf(server.url)}/api/scores`, { headers: { authorization: `Bearer ${withClaim}` } })).status).toBe(200);
    await server.running.stop();
  });
});

describe('admin and operator', () => {
  let server: TestServer;
  beforeAll(async () => (server = await oauthServer()));
  afterAll(() => server.running.stop());

  const exportAs = async (scope: string, tenant: string) => {
    const client = await connectClient(server.url, await sign({ sub: 'root', tenant: 'acme', scope }));
    try {
      return (await client.callTool({ name: 'export_tenant_data', arguments: { tenant } })) as CallToolResult;
    } finally {
      await client.close();
    }
  };

  it('lets admin export its own tenant', async () => {
    expect((await exportAs('scores:read admin', 'acme')).isError).toBeFalsy();
  });

  it('refuses admin on another tenant (insufficient_scope: operator)', async () => {
    await expect(exportAs('scores:read admin', 'globex')).rejects.toThrow(/insufficient_scope|operator/);
    await expectAlive(baseOf(server.url));
  });

  it('lets admin with operator reach another tenant', async () => {
    const result = await exportAs('scores:read admin operator', 'globex');
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ tenant: 'globex' });
  });
});

describe('admin tools for a client without credentials', () => {
  const listed = async (environment: Record<string, string>) => {
    const server = await startTestServer({ CADENZA_STORE: 'memory', ...environment });
    const client = await connectClient(server.url);
    const names = (await client.listTools()).tools.map((tool) => tool.name);
    await client.close();
    await server.running.stop();
    return names;
  };

  it('are not offered by default', async () => {
    const names = await listed({});
    expect(names).toContain('import_score');
    expect(names).not.toContain('export_tenant_data');
    expect(names).not.toContain('delete_tenant_data');
  });

  it('are offered when CADENZA_LOCAL_ADMIN_TOOLS is set', async () => {
    expect(await listed({ CADENZA_LOCAL_ADMIN_TOOLS: 'true' })).toEqual(expect.arrayContaining(['export_tenant_data', 'delete_tenant_data']));
  });
});
