/**
 * Cross-site request forgery guard for every state-changing request (POST, PUT, PATCH, DELETE) to /mcp
 * and /api, in every auth mode. A browser names where a request comes from (Sec-Fetch-Site, Origin);
 * a page on another origin may send a "simple" request (a form POST, fetch with text/plain) without
 * asking first, so the server itself must refuse it. Clients that are not browsers send neither
 * header and pass: they cannot be made to act by a web page.
 */
import type { NextFunction, Request, Response } from 'express';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface CrossSiteOptions {
  /** origins besides the server's own that may send state-changing requests (browser-based MCP clients) */
  readonly allowedOrigins: readonly string[];
  /** the server's public origin (from CADENZA_PUBLIC_URL), which differs from Host behind a proxy */
  readonly publicOrigin: string;
}

/** refuseCrossSite(options) → middleware answering 403 to a cross-site browser request that would change state */
export function refuseCrossSite(options: CrossSiteOptions) {
  const allowed = new Set([options.publicOrigin, ...options.allowedOrigins]);
  return (request: Request, response: Response, next: NextFunction): void => {
    if (SAFE_METHODS.has(request.method)) return next();
    const origin = request.header('origin');
    const fetchSite = request.header('sec-fetch-site');
    if (origin !== undefined) {
      if (allowed.has(origin) || origin === ownOrigin(request)) return next();
      return refuse(response, `Requests from ${origin} are not accepted: only this server's own pages (or CADENZA_ALLOWED_ORIGINS) may change data.`);
    }
    // a browser that sent no Origin still says whether the request crosses sites
    if (fetchSite !== undefined && fetchSite !== 'same-origin' && fetchSite !== 'none') {
      return refuse(response, `A ${fetchSite} browser request may not change data here.`);
    }
    next();
  };
}

/** the origin the request was addressed to, as the browser saw it */
function ownOrigin(request: Request): string {
  return `${request.protocol}://${request.header('host') ?? ''}`;
}

function refuse(response: Response, message: string): void {
  response.status(403).json({ error: 'cross_site_request', error_description: message });
}

/**
 * Content types a browser may send cross-site without a CORS preflight (the Fetch standard's
 * "CORS-safelisted" ones). An upload must declare something else (application/octet-stream, the score's
 * own type), so a web page cannot post a score from a form or a no-cors fetch.
 */
const FORM_TYPES = new Set(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data']);

/** requireUploadType → middleware answering 415 to an upload without an explicit, non-form content type */
export function requireUploadType(request: Request, response: Response, next: NextFunction): void {
  const type = (request.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== '' && !FORM_TYPES.has(type)) return next();
  response.status(415).json({
    error: 'UNSUPPORTED_FORMAT',
    error_description: `Send the score with an explicit Content-Type (application/octet-stream or the format's own type), not ${type === '' ? 'none' : type}.`,
  });
}
