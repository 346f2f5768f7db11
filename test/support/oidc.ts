/**
 * A real OAuth 2.1 / OIDC authorization server (oidc-provider) on loopback, issuing RS256 JWT access
 * tokens by client_credentials with RFC 8707 resource indicators. Clients: tenant-a and tenant-b (all
 * scopes), reader (scores:read only), short-lived (tokens live 1 s), team-viewer (all scopes, but the
 * viewer role in every workspace by its "cadenza_roles" claim) and bad-roles (a malformed one). Tokens
 * carry a "tenant" claim.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { JWK } from 'jose';
import Provider from 'oidc-provider';

export interface AuthorizationServer {
  readonly issuer: string;
  token(clientId: string, options?: { scope?: string; resource?: string }): Promise<string>;
  close(): Promise<void>;
}

const ALL_SCOPES = 'scores:read scores:write admin';
const TENANTS: Record<string, string> = { 'tenant-a': 'acme', 'tenant-b': 'globex', reader: 'acme', 'short-lived': 'acme', 'team-viewer': 'acme', 'bad-roles': 'acme' };
const ROLES: Record<string, unknown> = { 'team-viewer': { '*': 'viewer' }, 'bad-roles': { team: 'superuser' } };

/** startAuthorizationServer(signingKey) → an issuer on a free port; pass the same key to two to test issuer checks */
export async function startAuthorizationServer(signingKey: JWK): Promise<AuthorizationServer> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = (clientId: string, scope = ALL_SCOPES) => ({
    client_id: clientId,
    client_secret: `${clientId}-secret`,
    grant_types: ['client_credentials'],
    redirect_uris: [],
    response_types: [],
    scope,
  });
  const provider = new Provider(issuer, {
    clients: [client('tenant-a'), client('tenant-b'), client('reader', 'scores:read'), client('short-lived'), client('team-viewer'), client('bad-roles')],
    jwks: { keys: [signingKey] },
    scopes: ALL_SCOPES.split(' '),
    features: {
      clientCredentials: { enabled: true },
      devInteractions: { enabled: false },
      resourceIndicators: {
        enabled: true,
        getResourceServerInfo: (_ctx: unknown, resource: string) => ({
          scope: ALL_SCOPES,
          audience: resource,
          accessTokenFormat: 'jwt',
          accessTokenTTL: 600,
          jwt: { sign: { alg: 'RS256' } },
        }),
      },
    },
    ttl: { ClientCredentials: (_ctx: unknown, token: { clientId?: string }) => (token.clientId === 'short-lived' ? 1 : 600) },
    extraTokenClaims: (_ctx: unknown, token: { clientId?: string }) => ({
      tenant: TENANTS[token.clientId ?? ''],
      ...(ROLES[token.clientId ?? ''] ? { cadenza_roles: ROLES[token.clientId ?? ''] } : {}),
    }),
  } as ConstructorParameters<typeof Provider>[1]);
  server.on('request', provider.callback());
  return {
    issuer,
    async token(clientId, options = {}) {
      const body = new URLSearchParams({ grant_type: 'client_credentials', scope: options.scope ?? ALL_SCOPES });
      if (options.resource) body.set('resource', options.resource);
      const response = await fetch(`${issuer}/token`, {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from(`${clientId}:${clientId}-secret`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
        body,
      });
      const json = (await response.json()) as { access_token?: string; error?: string; error_description?: string };
      if (!json.access_token) throw new Error(`token request failed: ${json.error}: ${json.error_description}`);
      return json.access_token;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
