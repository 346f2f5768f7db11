/** What both credential kinds (API keys, OAuth access tokens) turn into: the SDK's AuthInfo. */
import type { AuthInfo } from '@modelcontextprotocol/server';
import { LOCAL_TENANT } from '../../mcp/tenant.js';
import type { WorkspaceRoles } from '../../mcp/workspaces.js';

export interface TokenVerifier {
  /** resolves with who is calling, or rejects with CredentialError */
  verify(token: string): Promise<AuthInfo>;
}

/** A rejected credential; `reason` labels the metric and audit entry, `message` goes to the client. */
export class CredentialError extends Error {
  override readonly name = 'CredentialError';
  constructor(
    readonly reason: 'missing' | 'malformed' | 'unknown_key' | 'expired' | 'bad_signature' | 'wrong_issuer' | 'wrong_audience' | 'bad_token' | 'unavailable',
    message: string,
  ) {
    super(message);
  }
}

/** tenantOfAuth({ extra: { tenant: "acme" } }) → "acme" */
export function tenantOfAuth(authInfo: AuthInfo | undefined): string {
  const tenant = authInfo?.extra?.['tenant'];
  return typeof tenant === 'string' && tenant !== '' ? tenant : LOCAL_TENANT;
}

/**
 * rolesOfAuth({ extra: { roles: { "team-a": "editor" } } }) → those roles; undefined when the credential
 * carries none (every role in its tenant). The verifiers have checked their shape.
 */
export function rolesOfAuth(authInfo: AuthInfo | undefined): WorkspaceRoles | undefined {
  const roles = authInfo?.extra?.['roles'];
  return typeof roles === 'object' && roles !== null ? (roles as WorkspaceRoles) : undefined;
}
