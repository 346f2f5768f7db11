/**
 * Forged credentials (these held in the attack run; the suite keeps them held): OAuth tokens unsigned,
 * re-signed with the HMAC of the issuer's public key, signed by another key under the same key id,
 * tampered, expired, for another audience or issuer; API keys guessed or truncated. Each gets 401, and
 * nothing behind it runs.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/http-server.js';
import { baseOf, expectAlive } from './support.js';

const ISSUER = 'http://issuer.test';
const AUDIENCE = 'http://cadenza.test/mcp';
const CLAIMS = { sub: 'mallory', tenant: 'acme', scope: 'scores:read scores:write admin operator' };

let jwks: Server;
let server: TestServer;
let base: string;
let good: () => SignJWT;
let signWith: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
let other: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
let publicJwk: JWK;

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

beforeAll(async () => {
  const pair = await generateKeyPair('RS256', { extractable: true });
  signWith = pair.privateKey;
  other = (await generateKeyPair('RS256')).privateKey;
  publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  jwks = createServer((_request, response) => response.setHeader('content-type', 'application/json').end(JSON.stringify({ keys: [publicJwk] })));
  await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
  const jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks`;
  good = () => new SignJWT(CLAIMS).setProtectedHeader({ alg: 'RS256', kid: 'k1', typ: 'at+jwt' }).setIssuer(ISSUER).setAudience(AUDIENCE).setIssuedAt().setExpirationTime('10m');
  server = await startTestServer({ CADENZA_AUTH: 'oauth', CADENZA_OAUTH_ISSUER: ISSUER, CADENZA_OAUTH_JWKS_URL: jwksUrl, CADENZA_OAUTH_AUDIENCE: AUDIENCE, CADENZA_STORE: 'memory' });
  base = baseOf(server.url);
});

afterAll(async () => {
  await server.running.stop();
  await new Promise<void>((resolve) => jwks.close(() => resolve()));
});

const status = async (token: string) => (await fetch(`${base}/api/scores`, { headers: { authorization: `Bearer ${token}` } })).status;

describe('forged tokens', () => {
  it('lets the genuine token in (the control)', async () => {
    expect(await status(await good().sign(signWith))).toBe(200);
  });

  it.each<[string, () => Promise<string>]>([
    ['an unsigned token (alg "none")', async () => `${b64({ alg: 'none', typ: 'at+jwt' })}.${b64({ ...CLAIMS, iss: ISSUER, aud: AUDIENCE, exp: Math.floor(Date.now() / 1000) + 600 })}.`],
    ['a token HMAC-signed with the issuer’s public key (HS256 confusion)', async () => {
      const secret = new TextEncoder().encode(JSON.stringify(publicJwk));
      return new SignJWT(CLAIMS).setProtectedHeader({ alg: 'HS256', kid: 'k1' }).setIssuer(ISSUER).setAudience(AUDIENCE).setExpirationTime('10m').sign(secret);
    }],
    ['a token signed by another key under the same key id', () => good().sign(other)],
    ['a genuine token whose claims were edited', async () => {
      const [header, , signature] = (await good().sign(signWith)).split('.');
      return `${header}.${b64({ ...CLAIMS, tenant: 'globex', iss: ISSUER, aud: AUDIENCE, exp: Math.floor(Date.now() / 1000) + 600 })}.${signature}`;
    }],
    ['an expired token', () => good().setExpirationTime(Math.floor(Date.now() / 1000) - 120).sign(signWith)],
    ['a token for another audience', () => good().setAudience('http://elsewhere.test/mcp').sign(signWith)],
    ['a token from another issuer', () => good().setIssuer('http://impostor.test').sign(signWith)],
    ['an API key where a token is expected', async () => `cdz_0123456789ab_${'A'.repeat(43)}`],
    ['garbage', async () => 'a.b.c'],
  ])('refuses %s with 401', async (_case, forge) => {
    expect(await status(await forge())).toBe(401);
    await expectAlive(base);
  });
});
