/**
 * OAuth 2.1 resource server: access tokens are JWTs (RFC 9068) signed by the authorization server, checked
 * against its JWKS (jose), for issuer, audience (the RFC 8707 resource, our /mcp URL), expiry and
 * algorithm. "alg: none" and symmetric algorithms are refused: only the issuer's public keys count.
 */
import type { AuthInfo } from '@modelcontextprotocol/server';
import { BrokenCircuitError, ConsecutiveBreaker, circuitBreaker, handleWhen, type CircuitBreakerPolicy } from 'cockatiel';
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import { SCOPES } from '../../mcp/define-tool.js';
import type { OAuthConfig } from '../config.js';
import { parseWorkspaceRoles, type WorkspaceRoles } from '../../mcp/workspaces.js';
import { CredentialError, type TokenVerifier } from './verifier.js';

const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];
const ACCESS_TOKEN_TYPES = new Set(['at+jwt', 'application/at+jwt', 'jwt']);

/** After this many consecutive failures to reach the authorization server, stop trying for a while. */
const FAILURES_TO_OPEN = 3;

export class OAuthVerifier implements TokenVerifier {
  private jwks: ReturnType<typeof createRemoteJWKSet> | undefined;
  /** fails fast while the authorization server is unreachable, instead of making every request wait */
  private readonly breaker: CircuitBreakerPolicy;

  constructor(
    private readonly config: OAuthConfig,
    options: { retryIssuerAfterMs?: number } = {},
  ) {
    this.breaker = circuitBreaker(handleWhen(isUnavailable), {
      halfOpenAfter: options.retryIssuerAfterMs ?? 10_000,
      breaker: new ConsecutiveBreaker(FAILURES_TO_OPEN),
    });
  }

  async verify(token: string): Promise<AuthInfo> {
    try {
      return await this.breaker.execute(() => this.verifyNow(token));
    } catch (error) {
      if (error instanceof BrokenCircuitError) {
        throw new CredentialError('unavailable', 'The authorization server is unreachable; retry in a few seconds.');
      }
      throw error;
    }
  }

  private async verifyNow(token: string): Promise<AuthInfo> {
    const jwks = this.jwks ?? (this.jwks = createRemoteJWKSet(new URL(await this.jwksUrl()), { timeoutDuration: 5000 }));
    let payload: JWTPayload;
    try {
      const verified = await jwtVerify(token, jwks, {
        issuer: this.config.issuer,
        audience: this.config.audience,
        algorithms: ALGORITHMS,
        requiredClaims: ['exp'],
      });
      const type = verified.protectedHeader.typ?.toLowerCase();
      if (type !== undefined && !ACCESS_TOKEN_TYPES.has(type)) throw new CredentialError('bad_token', `A token of type "${type}" is not an access token.`);
      payload = verified.payload;
    } catch (error) {
      throw asCredentialError(error);
    }
    const clientId = stringClaim(payload, 'client_id') ?? stringClaim(payload, 'azp') ?? payload.sub ?? 'unknown';
    return {
      token,
      clientId,
      scopes: scopesOf(payload),
      expiresAt: payload.exp!,
      resource: new URL(this.config.audience),
      extra: { tenant: this.tenantOf(payload), subject: payload.sub ?? clientId, ...this.rolesOf(payload) },
    };
  }

  /** The roles claim (mcp/workspaces.ts), when the token has one; a malformed one refuses the token rather than grant too much. */
  private rolesOf(payload: JWTPayload): { roles?: WorkspaceRoles } {
    const claimed = payload[this.config.rolesClaim];
    if (claimed === undefined) return {};
    const roles = parseWorkspaceRoles(claimed);
    if (!roles) throw new CredentialError('bad_token', `The token's "${this.config.rolesClaim}" claim must map workspace names (or "*") to viewer, editor or owner.`);
    return { roles };
  }

  /**
   * The tenant claim, else the subject: two users of one client application are two tenants, never one
   * (the client id would put them together). With requireTenantClaim, a token without the claim is refused.
   */
  private tenantOf(payload: JWTPayload): string {
    const claimed = stringClaim(payload, this.config.tenantClaim);
    if (claimed) return claimed;
    if (this.config.requireTenantClaim) throw new CredentialError('bad_token', `The token has no "${this.config.tenantClaim}" claim naming its tenant, which this server requires.`);
    const subject = stringClaim(payload, 'sub');
    if (!subject) throw new CredentialError('bad_token', `The token names neither a tenant ("${this.config.tenantClaim}") nor a subject ("sub").`);
    return `sub:${subject}`;
  }

  /** The configured JWKS URL, else the one the issuer's metadata names. */
  private async jwksUrl(): Promise<string> {
    if (this.config.jwksUrl) return this.config.jwksUrl;
    const base = this.config.issuer.replace(/\/$/, '');
    for (const path of ['/.well-known/oauth-authorization-server', '/.well-known/openid-configuration']) {
      try {
        const response = await fetch(base + path, { signal: AbortSignal.timeout(5000) });
        if (!response.ok) continue;
        const metadata = (await response.json()) as { jwks_uri?: unknown };
        if (typeof metadata.jwks_uri === 'string') return metadata.jwks_uri;
      } catch {
        // try the next well-known location
      }
    }
    throw new CredentialError('unavailable', 'The authorization server cannot be reached to fetch its signing keys.');
  }
}

function scopesOf(payload: JWTPayload): string[] {
  const raw = typeof payload['scope'] === 'string' ? payload['scope'].split(' ') : Array.isArray(payload['scp']) ? payload['scp'] : [];
  return raw.filter((scope): scope is string => typeof scope === 'string' && (SCOPES as readonly string[]).includes(scope));
}

function stringClaim(payload: JWTPayload, name: string): string | undefined {
  const value = payload[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function asCredentialError(error: unknown): CredentialError {
  if (error instanceof CredentialError) return error;
  if (error instanceof errors.JWTExpired) return new CredentialError('expired', 'The token has expired.');
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'iss') return new CredentialError('wrong_issuer', 'The token was issued by another authorization server.');
    if (error.claim === 'aud') return new CredentialError('wrong_audience', 'The token was not issued for this server (audience).');
    return new CredentialError('bad_token', `The token's "${error.claim}" claim is not acceptable.`);
  }
  if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JWKSNoMatchingKey) {
    return new CredentialError('bad_signature', 'The token signature does not verify with the issuer keys.');
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return new CredentialError('bad_token', 'The token uses an algorithm this server does not accept.');
  // jose reports a non-200 JWKS response as a plain JOSEError (code ERR_JOSE_GENERIC)
  const generic = error instanceof errors.JOSEError && error.code === 'ERR_JOSE_GENERIC';
  if (generic || error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid || !(error instanceof errors.JOSEError)) {
    // not a verdict on the token: the issuer's keys could not be fetched
    return new CredentialError('unavailable', 'The authorization server did not answer with its keys.');
  }
  return new CredentialError('bad_token', 'The token is not a valid access token.');
}

function isUnavailable(error: Error): boolean {
  return error instanceof CredentialError && error.reason === 'unavailable';
}
