/**
 * The HTTP face of the server (Express 5): MCP over Streamable HTTP at /mcp, the web viewer at / with its
 * JSON API at /api (same auth and limits as /mcp), health and readiness,
 * Prometheus metrics, and the OAuth protected-resource metadata. Every request gets a correlation id
 * (x-request-id) that appears in its log lines.
 */
import { randomUUID } from 'node:crypto';
import { hostHeaderValidation, localhostHostValidation } from '@modelcontextprotocol/node';
import type { Redis } from 'ioredis';
import express, { type Express, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { Logger } from 'pino';
import type { Scope } from '../../mcp/define-tool.js';
import type { Services } from '../../mcp/ports.js';
import { TOOLS } from '../../mcp/tools/index.js';
import { checkScope, requireBearer } from '../auth/middleware.js';
import type { TokenVerifier } from '../auth/verifier.js';
import { isLoopback, type Config } from '../config.js';
import type { Metrics } from '../metrics.js';
import type { InFlight } from './in-flight.js';
import { limitByTenant, rateLimitByIp } from './limits.js';
import type { McpEndpoint } from './mcp-endpoint.js';
import { viewer } from './viewer.js';
import { viewerApi } from './viewer-api.js';

export interface HttpAppOptions {
  readonly config: Config;
  readonly services: Services;
  readonly log: Logger;
  readonly metrics: Metrics;
  readonly mcp: McpEndpoint;
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

export function createHttpApp(options: HttpAppOptions): Express {
  const { config, metrics } = options;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(correlate(options.log, metrics));
  app.use(config.http.allowedHosts ? guard(hostHeaderValidation([...config.http.allowedHosts])) : isLoopback(config.http.host) ? guard(localhostHostValidation()) : pass);
  mountHealth(app, options);
  app.get('/metrics', async (_request, response) => {
    response.set('Content-Type', metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  const metadataUrl = config.auth.mode === 'oauth' ? resourceMetadataUrl(config.http.publicUrl) : undefined;
  if (config.auth.oauth && metadataUrl) {
    const metadata = {
      resource: config.auth.oauth.audience,
      authorization_servers: [config.auth.oauth.issuer],
      scopes_supported: ['scores:read', 'scores:write', 'admin'],
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
  app.use((_request: Request, response: Response) => void response.status(404).json({ error: 'not_found', error_description: 'No such endpoint; MCP is at /mcp.' }));
  app.use(answerErrors);
  return app;
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

function pass(_request: Request, _response: Response, next: NextFunction): void {
  next();
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
    request.log = log.child({ reqId: request.id });
    response.set('x-request-id', request.id);
    const started = performance.now();
    response.on('finish', () => {
      const route = request.path === '/mcp' ? '/mcp' : request.route ? String(request.route.path) : 'other';
      metrics.httpRequests.inc({ route, status: String(response.statusCode) });
      const entry = { method: request.method, route, status: response.statusCode, ms: Math.round(performance.now() - started) };
      if (response.statusCode >= 400) request.log.info(entry, 'request refused or failed');
      else request.log.debug(entry, 'request');
    });
    next();
  };
}

function mountHealth(app: Express, options: HttpAppOptions): void {
  app.get('/health', (_request, response) => void response.json({ status: 'ok' }));
  const report = async (response: Response, detailed: boolean) => {
    const checks = await options.services.health.checks();
    const healthy = checks.every((check) => check.ok);
    response.status(healthy ? 200 : 503).json(detailed ? { status: healthy ? 'ok' : 'unhealthy', checks } : { ready: healthy });
  };
  app.get('/ready', (_request, response) => report(response, false));
  app.get('/health/detailed', (_request, response) => report(response, true));
}

/** The admission control and auth in front of /mcp, which /api shares. */
interface Admission {
  readonly guards: readonly RequestHandler[];
  readonly tenantLimit: RequestHandler;
}

function mountMcp(app: Express, options: HttpAppOptions, metadataUrl: string | undefined): Admission {
  const { config, metrics } = options;
  const limits = {
    ...config.limits,
    onRefused: (scope: 'ip' | 'tenant' | 'tenant_concurrency' | 'global_concurrency') => metrics.rateLimited.inc({ scope }),
    ...(options.redis ? { redis: { client: options.redis, prefix: config.store.redisPrefix } } : {}),
  };
  const guards = [
    rateLimitByIp(limits),
    refuseWhenStopping(options.shuttingDown),
    express.json({ limit: Math.ceil(config.maxInputBytes * 1.5) + 1024 * 1024 }),
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
  app.post('/mcp', ...guards, tenantLimit, (request, response, next) => {
    if (scopesAllow(request, response, metadataUrl)) return next();
    metrics.authFailures.inc({ reason: 'insufficient_scope' });
    options.audit.warn({ event: 'auth_failure', reason: 'insufficient_scope', client: request.auth?.clientId, ip: request.ip, reqId: request.id }, 'scope refused');
  }, (request, response) => serveMcp(request, response, options));
  // GET and DELETE were 2025 session operations: the SDK answers them 405, as a stateless endpoint does
  app.get('/mcp', ...guards, (request, response) => serveMcp(request, response, options));
  app.delete('/mcp', ...guards, (request, response) => serveMcp(request, response, options));
  return { guards, tenantLimit };
}

/** The viewer's JSON API: the same guards, tenant limit, scopes, metrics and audit as tool calls over /mcp. */
function mountViewerApi(app: Express, options: HttpAppOptions, metadataUrl: string | undefined, admission: Admission): void {
  const { config, metrics } = options;
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
      if (event.audited) options.audit.info({ event: 'tool_call', via: 'viewer_api', tool: event.tool, tenantId: event.tenantId, outcome: event.outcome, seconds: event.seconds }, event.tool);
    },
  }));
}

function refuseWhenStopping(shuttingDown: () => boolean) {
  return (_request: Request, response: Response, next: NextFunction): void => {
    if (!shuttingDown()) return next();
    response.set({ 'Retry-After': '2', Connection: 'close' });
    response.status(503).json(rpcError(-32000, 'The server is shutting down; retry (another replica may answer).'));
  };
}

/** Checks each JSON-RPC message of the body against the scope its method or tool needs. */
function scopesAllow(request: Request, response: Response, metadataUrl: string | undefined): boolean {
  const messages: unknown[] = Array.isArray(request.body) ? request.body : [request.body];
  for (const message of messages) {
    const scope = scopeFor(message);
    if (scope && !checkScope(request, response, scope, metadataUrl)) return false;
  }
  return true;
}

function scopeFor(message: unknown): Scope | undefined {
  const { method, params } = (message ?? {}) as { method?: unknown; params?: { name?: unknown } };
  if (method === 'tools/call') return TOOL_SCOPES.get(String(params?.name)) ?? 'scores:read';
  if (method === 'resources/read' || method === 'resources/list' || method === 'resources/templates/list') return 'scores:read';
  return undefined;
}

async function serveMcp(request: Request, response: Response, options: HttpAppOptions): Promise<void> {
  response.on('close', options.inFlight.start());
  await options.mcp.serve(request, response);
}

function rpcError(code: number, message: string) {
  return { jsonrpc: '2.0', error: { code, message }, id: null };
}
