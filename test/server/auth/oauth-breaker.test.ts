/**
 * When the authorization server cannot be reached, token checks fail fast with "unavailable" (503,
 * retryable) once the circuit opens, and recover by themselves when it answers again.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OAuthVerifier } from '../../../src/server/auth/oauth.js';
import { startAuthorizationServer, type AuthorizationServer } from '../../support/oidc.js';

const RESOURCE = 'http://cadenza.test/mcp';
let issuer: AuthorizationServer;
let front: Server;
let frontUrl: string;
let up = false;
let requests = 0;

beforeAll(async () => {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  issuer = await startAuthorizationServer({ ...(await exportJWK(privateKey)), kid: 'k', alg: 'RS256', use: 'sig' });
  // a front for the issuer that can be taken down: answers 502 while "down", relays while "up"
  front = createServer(async (request, response) => {
    requests += 1;
    if (!up) return void response.writeHead(502).end();
    const relayed = await fetch(`${issuer.issuer}${request.url}`);
    response.writeHead(relayed.status, { 'content-type': relayed.headers.get('content-type') ?? 'application/json' });
    response.end(await relayed.text());
  });
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
  frontUrl = `http://127.0.0.1:${(front.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => front.close(resolve));
  await issuer.close();
});

describe('OAuth verifier circuit breaker', () => {
  it('stops asking a down issuer after three failures, then recovers once it is back', async () => {
    const verifier = new OAuthVerifier(
      { issuer: issuer.issuer, jwksUrl: `${frontUrl}/jwks`, audience: RESOURCE, tenantClaim: 'tenant', rolesClaim: 'cadenza_roles' },
      { retryIssuerAfterMs: 200 },
    );
    const token = await issuer.token('tenant-a', { resource: RESOURCE });
    for (let attempt = 0; attempt < 3; attempt++) {
      await expect(verifier.verify(token)).rejects.toMatchObject({ reason: 'unavailable' });
    }
    const asked = requests;
    await expect(verifier.verify(token)).rejects.toMatchObject({ reason: 'unavailable', message: expect.stringMatching(/retry/) });
    expect(requests).toBe(asked);
    up = true;
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await verifier.verify(token)).toMatchObject({ clientId: 'tenant-a', extra: { tenant: 'acme' } });
  });

  it('does not open the circuit for bad tokens: those are the client’s problem, not the issuer’s', async () => {
    up = true;
    const verifier = new OAuthVerifier({ issuer: issuer.issuer, jwksUrl: `${frontUrl}/jwks`, audience: RESOURCE, tenantClaim: 'tenant', rolesClaim: 'cadenza_roles' });
    for (let attempt = 0; attempt < 5; attempt++) await expect(verifier.verify('a.b.c')).rejects.toMatchObject({ reason: 'bad_token' });
    expect(await verifier.verify(await issuer.token('tenant-a', { resource: RESOURCE }))).toMatchObject({ clientId: 'tenant-a' });
  });
});
