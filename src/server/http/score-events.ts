/**
 * GET /api/scores/:id/changes: the viewer hears, as server-sent events, that the score it shows changed
 * (edited, reverted or deleted, by any client on any replica), and reloads it. It shares the listen
 * streams' bounds (listen-streams.ts). The viewer reads it with fetch rather than EventSource, which could
 * carry the bearer token only in the URL, where logs and proxies would keep it.
 */
import type { Request, RequestHandler, Response } from 'express';
import type { CadenzaError } from '../../core/errors.js';
import { SCORE_ID_PATTERN } from '../../mcp/score-ids.js';
import { requireRole, workspaceOfScore } from '../../mcp/workspaces.js';
import { rolesOfAuth, tenantOfAuth } from '../auth/verifier.js';
import type { ListenStreams } from './listen-streams.js';

/** a comment line now and then, so proxies keep an idle stream open */
const KEEP_ALIVE_MS = 15_000;
/** bytes queued for a reader that stopped reading, before its stream is closed */
const MAX_QUEUED_BYTES = 64 * 1024;

export function scoreEvents(listens: ListenStreams, untrack: (response: Response) => void, allowed: (request: Request, response: Response) => boolean): RequestHandler {
  return (request, response) => {
    if (!allowed(request, response)) return;
    const id = String(request.params['id']);
    if (id.length > 200 || !SCORE_ID_PATTERN.test(id)) {
      return void response.status(400).json({ error: 'INVALID_SCORE_ID', error_description: `"${id.slice(0, 50)}" is not a score id.` });
    }
    const forbidden = canRead(request, id);
    if (forbidden) return refuse(response, forbidden);
    const tenantId = tenantOfAuth(request.auth);
    const refusal = listens.hold(tenantId, response, untrack);
    if (refusal) return refuse(response, refusal);
    response.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', 'X-Accel-Buffering': 'no' });
    response.write(': listening\n\n');
    const stop = listens.feed.listen(tenantId, (changed) => {
      if (changed !== id) return;
      if (response.writableLength > MAX_QUEUED_BYTES) return void response.destroy();
      response.write(`event: changed\ndata: ${JSON.stringify({ id })}\n\n`);
    });
    const keepAlive = setInterval(() => response.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
    response.once('close', () => {
      stop();
      clearInterval(keepAlive);
    });
  };
}

/** the FORBIDDEN error when the caller has no viewer role in the score's workspace */
function canRead(request: Request, id: string): CadenzaError | undefined {
  try {
    requireRole(rolesOfAuth(request.auth), workspaceOfScore(id), 'viewer', `Following ${id}`);
    return undefined;
  } catch (error) {
    return error as CadenzaError;
  }
}

function refuse(response: Response, error: CadenzaError): void {
  if (error.retryAfterSeconds !== undefined) response.set('Retry-After', String(error.retryAfterSeconds));
  response.status(error.status).json({ error: error.code, error_description: error.message, hint: error.hint });
}
