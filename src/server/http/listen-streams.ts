/**
 * `subscriptions/listen` over HTTP (2026-07-28): admission and tenancy for the SDK's listen streams. The
 * SDK owns the wire (the acknowledgement, the filter by URI, the subscription id, keep-alives); this
 * decides who may open a stream and what it hears:
 * - bounded: streams per tenant (TOO_MANY_STREAMS) and per process (BUSY), refused before anything opens;
 * - a stream is a long request that holds no tool-call concurrency slot and does not delay shutdown's drain;
 * - tenant-scoped: a stream hears only its own tenant's score changes, whatever URIs it names, and of
 *   those only the ones in workspaces where its caller may read;
 * - a listener too slow to read its notifications is disconnected, never buffered for without bound.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { ServerEvent, ServerEventBus } from '@modelcontextprotocol/server';
import { CadenzaError, type ErrorCode } from '../../core/errors.js';
import { scoreUri, type ScoreChangeFeed } from '../../mcp/score-changes.js';
import { MAX_SUBSCRIBED_URIS } from '../../mcp/score-subscriptions.js';
import { readableBy, type WorkspaceRoles } from '../../mcp/workspaces.js';
import { rolesOfAuth, tenantOfAuth } from '../auth/verifier.js';

export interface ListenLimits {
  readonly maxStreams: number;
  readonly maxStreamsPerTenant: number;
}

/** The stream a `subscriptions/listen` request opens, known to the bus while the SDK subscribes it. */
interface ListenStream {
  readonly tenantId: string;
  /** the caller's roles by workspace; undefined: every role */
  readonly roles: WorkspaceRoles | undefined;
  readonly response: Response;
}

/** notifications sent while the socket is already full, before the stream is closed as too slow */
const MAX_BEHIND = 64;

export class ListenStreams {
  private readonly current = new AsyncLocalStorage<ListenStream>();
  private readonly perTenant = new Map<string, number>();
  private total = 0;

  constructor(readonly feed: ScoreChangeFeed, private readonly limits: ListenLimits, private readonly onSlow: (tenantId: string) => void = () => undefined) {}

  /** how many streams are open in this process */
  get open(): number {
    return this.total;
  }

  /** The bus the SDK's handler subscribes each listen stream to: the stream's tenant's score changes. */
  readonly bus: ServerEventBus = {
    // Cadenza's changes come from the store (the feed), not from handler.notify
    publish: () => undefined,
    subscribe: (listener: (event: ServerEvent) => void) => {
      const stream = this.current.getStore();
      // a listen stream that did not come through admit() (there is none) would hear nothing
      if (!stream) return () => undefined;
      let behind = 0;
      const caughtUp = () => (behind = 0);
      stream.response.on('drain', caughtUp);
      const readable = readableBy(stream.roles);
      const stop = this.feed.listen(stream.tenantId, (scoreId) => {
        if (!readable(scoreId)) return;
        if (stream.response.writableNeedDrain && ++behind > MAX_BEHIND) {
          this.onSlow(stream.tenantId);
          stream.response.destroy();
          return;
        }
        listener({ kind: 'resource_updated', uri: scoreUri(scoreId) });
      });
      return () => {
        stop();
        stream.response.off('drain', caughtUp);
      };
    },
  };

  /**
   * Middleware before the tool-call limits: a `subscriptions/listen` request is admitted within the stream
   * bounds and served by `serve` with its tenant known to the bus; any other request goes on.
   */
  admit(serve: (request: Request, response: Response) => Promise<void>, untrack: (response: Response) => void, allowed: (request: Request, response: Response) => boolean): RequestHandler {
    return (request: Request, response: Response, next: NextFunction): void => {
      if (!isListen(request.body)) return next();
      if (!allowed(request, response)) return;
      const tooMany = tooManyUris(request.body);
      if (tooMany) return refuse(response, request.body, tooMany);
      const tenantId = tenantOfAuth(request.auth);
      const refusal = this.hold(tenantId, response, untrack);
      if (refusal) return refuse(response, request.body, refusal);
      this.current.run({ tenantId, roles: rolesOfAuth(request.auth), response }, () => serve(request, response)).catch(next);
    };
  }

  /**
   * Takes a place for a stream of the tenant that stays open until `response` closes (an MCP listen or the
   * viewer's change events), and stops counting it as a request shutdown waits for; the refusal when full.
   */
  hold(tenantId: string, response: Response, untrack: (response: Response) => void): CadenzaError | undefined {
    const refusal = this.refusal(tenantId);
    if (refusal) return refusal;
    this.reserve(tenantId, response);
    untrack(response);
    return undefined;
  }

  private refusal(tenantId: string): CadenzaError | undefined {
    const { maxStreams, maxStreamsPerTenant } = this.limits;
    if ((this.perTenant.get(tenantId) ?? 0) >= maxStreamsPerTenant) {
      return new CadenzaError('TOO_MANY_STREAMS', `You have ${maxStreamsPerTenant} subscriptions/listen streams open, as many as one tenant may (CADENZA_MAX_LISTENS_PER_TENANT).`);
    }
    if (this.total >= maxStreams) {
      return new CadenzaError('BUSY', `This server holds ${maxStreams} subscriptions/listen streams, its most (CADENZA_MAX_LISTENS); retry, and another replica may take it.`, { retryAfterSeconds: 5 });
    }
    return undefined;
  }

  private reserve(tenantId: string, response: Response): void {
    this.perTenant.set(tenantId, (this.perTenant.get(tenantId) ?? 0) + 1);
    this.total += 1;
    response.once('close', () => {
      this.total -= 1;
      const left = (this.perTenant.get(tenantId) ?? 1) - 1;
      if (left === 0) this.perTenant.delete(tenantId);
      else this.perTenant.set(tenantId, left);
    });
  }
}

/** a stream names at most as many URIs as a 2025 connection may subscribe to: each change is matched against them */
function tooManyUris(body: { params?: { notifications?: { resourceSubscriptions?: unknown } } }): CadenzaError | undefined {
  const uris = body.params?.notifications?.resourceSubscriptions;
  if (!Array.isArray(uris) || uris.length <= MAX_SUBSCRIBED_URIS) return undefined;
  return new CadenzaError('INVALID_ARGUMENT', `A subscriptions/listen stream may name at most ${MAX_SUBSCRIBED_URIS} resources; this one names ${uris.length}.`, { hint: 'Open another stream for the rest, or follow fewer scores.' });
}

function isListen(body: unknown): boolean {
  return typeof body === 'object' && body !== null && (body as { method?: unknown }).method === 'subscriptions/listen';
}

/** the refusal as a JSON-RPC error on the listen request's id, with the HTTP status and code of the error registry */
function refuse(response: Response, body: { id?: unknown }, error: CadenzaError): void {
  if (error.retryAfterSeconds !== undefined) response.set('Retry-After', String(error.retryAfterSeconds));
  const code: ErrorCode = error.code;
  response.status(error.status).json({
    jsonrpc: '2.0',
    id: body.id ?? null,
    error: { code: -32000, message: `${code}: ${error.message}`, data: { code, hint: error.hint } },
  });
}
