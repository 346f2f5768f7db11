/**
 * Discovery documents, public and read-only, served before auth: the Server Card at the location the
 * Server Card extension reserves (<endpoint>/server-card, so /mcp/server-card) and at the well-known path
 * that discovery tools also try (/.well-known/mcp/server-card.json), and an AI Catalog at
 * /.well-known/ai-catalog.json that points to the card. Each answer carries the CORS headers the extension
 * asks for, a one-hour public cache and an ETag (If-None-Match gets 304).
 */
import { createHash } from 'node:crypto';
import { Router, type Request, type RequestHandler, type Response } from 'express';
import type { Config } from '../config.js';
import { readPackageFacts } from '../listing/package-facts.js';
import { SERVER_CARD_MEDIA_TYPE, serverCard } from '../listing/server-card.js';

export const SERVER_CARD_PATHS = ['/mcp/server-card', '/.well-known/mcp/server-card.json'] as const;
export const AI_CATALOG_PATH = '/.well-known/ai-catalog.json';

const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET',
  'Access-Control-Allow-Headers': 'Content-Type, If-None-Match',
  'Access-Control-Expose-Headers': 'ETag',
};

/** The routes, behind `throttle` (a per-address rate limit: anyone may ask, nobody may flood). */
export function discoveryDocuments(config: Config, throttle: RequestHandler): Router {
  const facts = readPackageFacts();
  const needsToken = config.auth.mode !== 'none';
  const documentsFor = (endpoint: string) => ({
    card: document(serverCard(facts, { endpoint, needsToken }), SERVER_CARD_MEDIA_TYPE),
    catalog: document(
      {
        specVersion: '1.0',
        entries: [{ identifier: catalogIdentifier(endpoint, facts.mcpName), type: SERVER_CARD_MEDIA_TYPE, url: `${endpoint.replace(/\/$/, '')}/server-card` }],
      },
      'application/ai-catalog+json',
    ),
  });
  // The public URL names port 0 only when none was configured and the port is picked at listen time:
  // then the address the client used (the Host check has vetted it) is the one to name.
  const configured = new URL(config.http.publicUrl);
  const fixed = configured.port === '0' ? undefined : documentsFor(config.http.publicUrl);
  const documents = (request: Request) => fixed ?? documentsFor(endpointAsked(request, configured));
  const router = Router();
  for (const path of SERVER_CARD_PATHS) serve(router, path, (request) => documents(request).card, throttle);
  serve(router, AI_CATALOG_PATH, (request) => documents(request).catalog, throttle);
  return router;
}

/** the endpoint at the address the request was sent to, or the configured one when its Host is no URL host */
function endpointAsked(request: Request, configured: URL): string {
  try {
    return new URL(configured.pathname, `${request.protocol}://${request.get('host') ?? ''}`).href;
  } catch {
    return configured.href;
  }
}

interface Document {
  readonly body: string;
  readonly etag: string;
  readonly mediaType: string;
}

function document(content: unknown, mediaType: string): Document {
  const body = JSON.stringify(content);
  return { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`, mediaType };
}

function serve(router: Router, path: string, documentFor: (request: Request) => Document, throttle: RequestHandler): void {
  router.options(path, (_request: Request, response: Response) => void response.set(CORS).status(204).end());
  router.get(path, throttle, (request: Request, response: Response) => {
    const served = documentFor(request);
    response.set({ ...CORS, 'Cache-Control': 'public, max-age=3600', ETag: served.etag });
    if (matches(request.header('if-none-match'), served.etag)) return void response.status(304).end();
    response.type(served.mediaType).send(served.body);
  });
}

/** If-None-Match: "*" or a list of tags, weak ones (W/"…") compared weakly as RFC 9110 says for GET */
function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const candidate = tag.trim();
    return candidate === '*' || candidate.replace(/^W\//, '') === etag;
  });
}

/** urn:air:{publisher}:{namespace}:{name}, anchored on the host that serves the card */
function catalogIdentifier(endpoint: string, mcpName: string): string {
  const name = mcpName.slice(mcpName.indexOf('/') + 1);
  return `urn:air:${new URL(endpoint).hostname}:mcp:${name}`;
}
