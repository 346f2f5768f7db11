/**
 * The HTTP face of the server (Express 5): MCP over Streamable HTTP at /mcp, the web viewer at / with its
 * JSON API at /api (same auth and limits as /mcp), health and readiness,
 * Prometheus metrics, and the OAuth protected-resource metadata. Every request gets a correlation id
 * (x-request-id) that appears in its log lines.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { hostHeaderValidation } from '@modelcontextprotocol/node';
import type { Redis } from 'ioredis';
import express, { type Express, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { Logger } from 'pino';
import { SCOPES, type Scope } from '../../mcp/define-tool.js';
import type { Services } from '../../mcp/ports.js';
import { TOOLS } from '../../mcp/tools/index.js';
import { checkScope, requireBearer } from '../auth/middleware.js';
import { tenantOfAuth, type TokenVerifier } from '../auth/verifier.js';
import { isLoopback, type Config } from '../config.js';
import type { Metrics } from '../metrics.js';
import { metricsRoute } from './metrics-route.js';
import { refuseCrossSite } from './cross-site.js';
import type { InFlight } from './in-flight.js';
import { refuseWhenStopping } from './shutdown.js';
import { limitByTenant, rateLimitByIp } from './limits.js';
import type { ListenStreams } from './listen-streams.js';
import type { McpEndpoint } from './mcp-endpoint.js';
import { isPostMcp, jsonBody, postMcp } from './post-mcp.js';
import { discoveryDocuments } from './server-card.js';
import { TurnPacer } from './turns.js';
import { viewer } from './viewer.js';
import { scoreEvents } from './score-events.js';
import { viewerApi } from './viewer-api.js';

export interface HttpAppOptions {
  readonly config: Config;
  readonly services: Services;
  readonly log: Logger;
  readonly metrics: Metrics;
  readonly mcp: McpEndpoint;
  /** admission and tenancy of `subscriptions/listen` streams */
  readonly listens: ListenStreams;
  readonly verifier?: TokenVerifier;
  readonly shuttingDown: () => boolean;
  readonly inFlight: InFlight;
  /** shared by replicas: rate-limit counters */
  readonly redis?: Redis;
  /** audit trail of auth failures */
  readonly audit: Logger;
}

const TOOL_SCOPES = new Map<string, Scope>(TOOLS.map((tool) => [tool.name, tool.scope]));
const REQUEST_ID = /^[\w.:-]{1,64}$/;
/**
 * POST /mcp requests started per turn of the event loop (turns.ts): a light call costs about a millisecond
 * of main-thread CPU on the 2-core machine, so a turn stays near the 20 ms event-loop lag the server aims for.
 */
const MCP_CALLS_PER_TURN = 8;

declare module 'express-serve-static-core' {
  interface Request {
    log: Logger;
    id: string;
  }
}

/** The RFC 9728 metadata URL for a resource at publicUrl: /.well-known/oauth-protected-resource/<path> */
export function resourceMetadataUrl(publicUrl: string): string {
  const url = new URL(publicUrl);
  const path = url.pathname === '/' ? '' : url.pathname;
  return `${url.origin}/.well-known/oauth-protected-resource${path}`;
}

/**
 * The app as a node:http listener: POST /mcp through the flat list of its handlers (post-mcp.ts), the rest
 * through Express. Both run the same handler functions, built once here.
 */
export function createHttpApp(options: HttpAppOptions): (request: IncomingMessage, response: ServerResponse) => void {
  const { config, metrics } = options;
  const app = express();
  app.disable('x-powered-by');
  // X-Forwarded-For chooses the rate-limit key only when it comes from a proxy the operator named
  app.set('trust proxy', config.http.trustedProxies.length > 0 ? [...config.http.trustedProxies] : false);
  const correlation = correlate(options.log, metrics);
  app.use(correlation);
  // probes and scrapes address the pod by IP, so these answer before the Host check (they change nothing)
  mountHealth(app, options);
  const hostnames = allowedHostnames(config);
  const hostCheck = hostnames.length > 0 ? [guard(hostHeaderValidation(hostnames))] : [];
  const stopping = refuseWhenStopping(options.shuttingDown);
  app.use(...hostCheck, stopping);
  // every request counts for shutdown's drain: with no sessions there are no long-lived GET /mcp streams to exempt
  app.use(options.inFlight.track);
  // public discovery documents: before the cross-site check on /mcp (/mcp/server-card is one) and before auth
  app.use(discoveryDocuments(config, rateLimitByIp({ ...config.limits, onRefused: (scope) => metrics.rateLimited.inc({ scope }) })));
  const crossSite = refuseCrossSite({ publicOrigin: new URL(config.http.publicUrl).origin, allowedOrigins: config.http.allowedOrigins });
  app.use(['/mcp', '/api'], crossSite);
  const metadataUrl = config.auth.mode === 'oauth' ? resourceMetadataUrl(config.http.publicUrl) : undefined;
  if (config.auth.oauth && metadataUrl) {
    const metadata = {
      resource: config.auth.oauth.audience,
      authorization_servers: [config.auth.oauth.issuer],
      scopes_supported: [...SCOPES],
      bearer_methods_supported: ['header'],
      resource_name: 'Cadenza',
    };
    const serveMetadata = (_request: Request, response: Response) => void response.json(metadata);
    app.get(new URL(metadataUrl).pathname, serveMetadata);
    app.get('/.well-known/oauth-protected-resource', serveMetadata);
  }
  const admission = mountMcp(app, options, metadataUrl);
  mountViewerApi(app, options, metadataUrl, admission);
  app.use(viewer());
  app.use(answerNotFound);
  app.use(answerErrors);
  // what the app runs for POST /mcp, in its order: the discovery documents and metadata answer only GET and OPTIONS
  // paced once counted in flight, so shutdown's drain waits for the requests still queued
  const pacer = new TurnPacer(MCP_CALLS_PER_TURN);
  const handlers = [correlation, ...hostCheck, stopping, options.inFlight.track, pacer.pace, crossSite, ...admission.postMcp];
  const servePostMcp = postMcp({ app, handlers, answerError: answerErrors, answerNotFound });
  return (request, response) => (isPostMcp(request) ? servePostMcp(request, response) : app(request, response));
}

function answerNotFound(_request: Request, response: Response): void {
  response.status(404).json({ error: 'not_found', error_description: 'No such endpoint; MCP is at /mcp.' });
}

/**
 * Host names accepted (DNS-rebinding protection): CADENZA_ALLOWED_HOSTS, else on loopback the loopback
 * names and the address bound (127.0.0.2 is loopback too), else any.
 */
function allowedHostnames(config: Config): string[] {
  if (config.http.allowedHosts) return [...config.http.allowedHosts];
  const { host } = config.http;
  if (!isLoopback(host)) return [];
  const bound = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return [...new Set(['localhost', '127.0.0.1', '[::1]', bound])];
}

/**
 * Errors from middleware (an oversized or malformed body, …) as JSON-RPC errors, never Express's
 * default HTML page, which would show a stack trace and the server's paths.
 */
function answerErrors(error: unknown, request: Request, response: Response, next: NextFunction): void {
  if (response.headersSent) return next(error);
  const status = Number((error as { status?: unknown }).status ?? (error as { statusCode?: unknown }).statusCode ?? 500);
  const type = (error as { type?: unknown }).type;
  if (status === 413) {
    response.status(413).json(rpcError(-32600, `The request is larger than the server accepts (${String((error as { limit?: unknown }).limit ?? '?')} bytes).`));
  } else if (type === 'entity.parse.failed') {
    response.status(400).json(rpcError(-32700, 'Parse error: the body is not valid JSON.'));
  } else if (status >= 400 && status < 500) {
    response.status(status).json(rpcError(-32600, 'The request could not be read.'));
  } else {
    request.log.error({ err: error }, 'request failed unexpectedly');
    response.status(500).json(rpcError(-32603, 'Internal error; the server log has the details.'));
  }
}

/** Express middleware from an SDK guard, which answers a refused request itself and returns false */
function guard(allows: (request: Request, response: Response) => boolean): RequestHandler {
  return (request, response, next) => {
    if (allows(request, response)) next();
  };
}

function correlate(log: Logger, metrics: Metrics) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const given = request.header('x-request-id');
    request.id = given && REQUEST_ID.test(given) ? given : randomUUID();
    // made when first used (a refusal, a failure, debug logging): a pino child costs more than many a call,
    // and a listen stream would hold its own for as long as it stays open
    let child: Logger | undefined;
    Object.defineProperty(request, 'log', { get: () => (child ??= log.child({ reqId: request.id })), configurable: true });
    response.setHeader('x-request-id', request.id);
    const started = performance.now();
    response.on('finish', () => {
      const route = request.path === '/mcp' ? '/mcp' : request.route ? String(request.route.path) : 'other';
      metrics.httpRequests.inc({ route, status: String(response.statusCode) });
      const entry = { method: request.method, route, status: response.statusCode, ms: Math.round(performance.now() - started) };
      if (response.statusCode >= 400) request.log.info(entry, 'request refused or failed');
      else if (log.isLevelEnabled('debug')) request.log.debug(entry, 'request');
    });
    next();
  };
}

function mountHealth(app: Express, options: HttpAppOptions): void {
  const { config, metrics } = options;
  app.get('/health', (_request, response) => void response.json({ status: 'ok' }));
  // the rest reads the store and is open to anyone who can reach the port: throttle it per address
  const throttle = rateLimitByIp({ ...config.limits, onRefused: (scope) => metrics.rateLimited.inc({ scope }) });
  const report = async (response: Response, detailed: boolean) => {
    const checks = await options.services.health.checks();
    const healthy = checks.every((check) => check.ok);
    response.status(healthy ? 200 : 503).json(detailed ? { status: healthy ? 'ok' : 'unhealthy', checks } : { ready: healthy });
  };
  app.get('/ready', throttle, (_request, response) => report(response, false));
  app.get('/health/detailed', throttle, (_request, response) => report(response, true));
  // it tells the world the server's load, tenants' activity and process details: on a port of its own when configured
  if (config.http.metricsPort === undefined) app.get('/metrics', throttle, ...metricsRoute(config, metrics, isLoopback(config.http.host)));
}

/** The admission control and auth in front of /mcp, which /api shares, and what runs for POST /mcp after the app's own handlers. */
interface Admission {
  readonly guards: readonly RequestHandler[];
  readonly tenantLimit: RequestHandler;
  readonly postMcp: readonly RequestHandler[];
}

function mountMcp(app: Express, options: HttpAppOptions, metadataUrl: string | undefined): Admission {
  const { config, metrics } = options;
  const limits = {
    ...config.limits,
    onRefused: (scope: 'ip' | 'tenant' | 'tenant_concurrency' | 'global_concurrency') => metrics.rateLimited.inc({ scope }),
    ...(options.redis ? { redis: { client: options.redis, prefix: config.store.redisPrefix } } : {}),
  };
  const bodyLimit = Math.ceil(config.maxInputBytes * 1.5) + 1024 * 1024;
  const guards = [
    rateLimitByIp(limits),
    jsonBody(express.json({ limit: bodyLimit }), bodyLimit),
  ];
  if (options.verifier) {
    guards.push(
      requireBearer({
        verifier: options.verifier,
        ...(metadataUrl ? { resourceMetadataUrl: metadataUrl } : {}),
        onFailure: (request, reason) => {
          metrics.authFailures.inc({ reason });
          options.audit.warn({ event: 'auth_failure', reason, ip: request.ip, reqId: request.id }, 'credential refused');
        },
      }),
    );
  }
  // one per-tenant limiter for /mcp and /api, so the viewer's calls count against the same budget
  const tenantLimit = limitByTenant(limits);
  const allowed = (request: Request, response: Response) => {
    if (scopesAllow(request, response, metadataUrl)) return true;
    metrics.authFailures.inc({ reason: 'insufficient_scope' });
    options.audit.warn({ event: 'auth_failure', reason: 'insufficient_scope', client: request.auth?.clientId, ip: request.ip, reqId: request.id }, 'scope refused');
    return false;
  };
  const serve = (request: Request, response: Response) => serveMcp(request, response, options);
  // a listen stream stays open: it is bounded by its own limits, not by a tool call's concurrency slot
  const listen = options.listens.admit(serve, options.inFlight.forget, allowed);
  const postMcp: RequestHandler[] = [...guards, listen, tenantLimit, (request, response, next) => {
    if (allowed(request, response)) next();
  }, serve];
  app.post('/mcp', ...postMcp);
  // GET and DELETE were 2025 session operations: the SDK answers them 405, as a stateless endpoint does
  app.get('/mcp', ...guards, (request, response) => serveMcp(request, response, options));
  app.delete('/mcp', ...guards, (request, response) => serveMcp(request, response, options));
  return { guards, tenantLimit, postMcp };
}

/** The viewer's JSON API: the same guards, tenant limit, scopes, metrics and audit as tool calls over /mcp. */
function mountViewerApi(app: Express, options: HttpAppOptions, metadataUrl: string | undefined, admission: Admission): void {
  const { config, metrics } = options;
  // a change stream stays open: it takes a listen stream's place, not a call's concurrency slot
  const readable = (request: Request, response: Response) => {
    if (checkScope(request, response, 'scores:read', metadataUrl)) return true;
    metrics.authFailures.inc({ reason: 'insufficient_scope' });
    return false;
  };
  app.get('/api/scores/:id/changes', ...admission.guards, scoreEvents(options.listens, options.inFlight.forget, readable));
  app.use('/api', viewerApi({
    services: options.services,
    guards: [...admission.guards, admission.tenantLimit],
    maxInputBytes: config.maxInputBytes,
    allow: (request, response, scope) => {
      if (checkScope(request, response, scope, metadataUrl)) return true;
      metrics.authFailures.inc({ reason: 'insufficient_scope' });
      options.audit.warn({ event: 'auth_failure', reason: 'insufficient_scope', client: request.auth?.clientId, ip: request.ip, reqId: request.id }, 'scope refused');
      return false;
    },
    observe: (event) => {
      metrics.toolCalls.inc({ tool: event.tool, outcome: event.outcome });
      metrics.toolSeconds.observe({ tool: event.tool }, event.seconds);
      if (!event.audited) return;
      const { audited: _audited, ...recorded } = event;
      options.audit.info({ event: 'tool_call', via: 'viewer_api', ...recorded }, event.tool);
    },
  }));
}

/** Checks each JSON-RPC message of the body against the scopes its method or tool needs. */
function scopesAllow(request: Request, response: Response, metadataUrl: string | undefined): boolean {
  const messages: unknown[] = Array.isArray(request.body) ? request.body : [request.body];
  const tenant = tenantOfAuth(request.auth);
  for (const message of messages) {
    for (const scope of scopesFor(message, tenant)) if (!checkScope(request, response, scope, metadataUrl)) return false;
  }
  return true;
}

/**
 * The scopes one message needs. An admin tool (export or erase a tenant's data) names its tenant:
 * `admin` reaches only the caller's own; any other tenant needs `operator` as well.
 */
function scopesFor(message: unknown, callerTenant: string): Scope[] {
  const { method, params } = (message ?? {}) as { method?: unknown; params?: { name?: unknown; arguments?: { tenant?: unknown } } };
  if (method === 'tools/call') {
    const scope = TOOL_SCOPES.get(String(params?.name)) ?? 'scores:read';
    if (scope === 'admin' && params?.arguments?.tenant !== callerTenant) return ['admin', 'operator'];
    return [scope];
  }
  if (method === 'resources/read' || method === 'resources/list' || method === 'resources/templates/list' || method === 'subscriptions/listen') return ['scores:read'];
  return [];
}

async function serveMcp(request: Request, response: Response, options: HttpAppOptions): Promise<void> {
  await options.mcp.serve(request, response);
}

function rpcError(code: number, message: string) {
  return { jsonrpc: '2.0', error: { code, message }, id: null };
}
