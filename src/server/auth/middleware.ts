/**
 * HTTP side of auth: reads "Authorization: Bearer …", verifies it, and answers failures as RFC 6750 and
 * the MCP authorization spec ask: 401 with WWW-Authenticate naming the protected-resource metadata, 403
 * with error="insufficient_scope" and the scope a tool needs.
 */
import type { AuthInfo } from '@modelcontextprotocol/server';
import type { NextFunction, Request, Response } from 'express';
import type { Scope } from '../../mcp/define-tool.js';
import { CredentialError, type TokenVerifier } from './verifier.js';

export interface AuthOptions {
  readonly verifier: TokenVerifier;
  /** RFC 9728 metadata URL, for OAuth deployments */
  readonly resourceMetadataUrl?: string;
  readonly onFailure: (request: Request, reason: string) => void;
}

declare module 'express-serve-static-core' {
  interface Request {
    auth?: AuthInfo;
  }
}

/** requireBearer(options) → middleware that sets req.auth or answers 401 */
export function requireBearer(options: AuthOptions) {
  return async (request: Request, response: Response, next: NextFunction): Promise<void> => {
    try {
      request.auth = await options.verifier.verify(bearerToken(request.headers.authorization));
      next();
    } catch (error) {
      const failure = error instanceof CredentialError ? error : new CredentialError('bad_token', 'The credential could not be checked.');
      options.onFailure(request, failure.reason);
      const status = failure.reason === 'unavailable' ? 503 : 401;
      if (status === 503) response.set('Retry-After', '5');
      // a request without credentials gets no error code (RFC 6750 §3.1), only how to get some
      const error_ = failure.reason === 'missing' ? undefined : 'invalid_token';
      response.set('WWW-Authenticate', challenge(options.resourceMetadataUrl, error_, failure.message));
      response.status(status).json({ error: error_ ?? 'unauthorized', error_description: failure.message });
    }
  };
}

/** Answers 403 insufficient_scope when the token lacks `scope`; true when the request may go on. */
export function checkScope(request: Request, response: Response, scope: Scope, resourceMetadataUrl: string | undefined): boolean {
  if (!request.auth || request.auth.scopes.includes(scope)) return true;
  const message = `This needs the scope "${scope}".`;
  response.set('WWW-Authenticate', `${challenge(resourceMetadataUrl, 'insufficient_scope', message)}, scope="${scope}"`);
  response.status(403).json({ error: 'insufficient_scope', error_description: message });
  return false;
}

function bearerToken(header: string | undefined): string {
  if (!header) throw new CredentialError('missing', 'Send a token: Authorization: Bearer <token>.');
  const [scheme, token, ...rest] = header.trim().split(/\s+/);
  if (scheme?.toLowerCase() !== 'bearer' || !token || rest.length > 0) {
    throw new CredentialError('malformed', 'The Authorization header must be "Bearer <token>".');
  }
  return token;
}

function challenge(resourceMetadataUrl: string | undefined, error: string | undefined, message: string): string {
  const parts = ['realm="cadenza"'];
  if (error) parts.push(`error="${error}"`, `error_description="${message.replace(/"/g, "'")}"`);
  if (resourceMetadataUrl) parts.push(`resource_metadata="${resourceMetadataUrl}"`);
  return `Bearer ${parts.join(', ')}`;
}
