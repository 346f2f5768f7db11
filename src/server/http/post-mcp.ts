/**
 * POST /mcp, the path of every tool call, served without Express's router. The router walks every layer the
 * app registered (health, discovery, metadata, the viewer …) and matches each against the path for every
 * call; here the handlers that apply to POST /mcp run as one flat list, the very functions the app mounts
 * there (correlation, Host check, shutdown refusal, drain count, cross-site check, rate limits, body, auth,
 * listen admission, tenant limit, scopes), with Express's request and response (their prototypes set as
 * Express sets them) and its error handler. Only the exact path is taken: any other spelling Express would
 * route (/MCP, /mcp/) still goes through the app, to the same handlers.
 *
 * The body: a plain JSON body (application/json in UTF-8, not compressed, with a length) is read and
 * parsed here, as express.json() would (strict: an object or array; the same 400 and 413 errors); anything
 * else goes to express.json() itself.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ErrorRequestHandler, Express, NextFunction, Request, RequestHandler, Response } from 'express';

export interface PostMcpOptions {
  readonly app: Express;
  /** the handlers Express runs for POST /mcp, in order */
  readonly handlers: readonly RequestHandler[];
  /** the app's error handler */
  readonly answerError: ErrorRequestHandler;
  /** the app's answer when nothing answered */
  readonly answerNotFound: (request: Request, response: Response) => void;
}

/** true for the requests the flat list serves: POST to exactly /mcp, with or without a query */
export function isPostMcp(request: IncomingMessage): boolean {
  const url = request.url ?? '';
  return request.method === 'POST' && (url === '/mcp' || url.startsWith('/mcp?'));
}

/** postMcp(options) → a node:http listener for the requests isPostMcp accepts */
export function postMcp(options: PostMcpOptions): (request: IncomingMessage, response: ServerResponse) => void {
  const { app, handlers, answerError, answerNotFound } = options;
  return (incoming, outgoing) => {
    const request = incoming as Request;
    const response = outgoing as Response;
    // what app.handle and the router set up before the first handler
    request.res = response;
    response.req = request;
    Object.setPrototypeOf(request, app.request);
    Object.setPrototypeOf(response, app.response);
    response.locals ??= Object.create(null) as Record<string, unknown>;
    request.originalUrl = request.url;
    request.baseUrl = '';
    request.params = {};
    let index = 0;
    let failed = false;
    const next: NextFunction = (error?: unknown) => {
      if (error !== undefined && error !== null && error !== 'route' && error !== 'router') return fail(error);
      const handler = handlers[index++];
      if (!handler) return answerNotFound(request, response);
      invoke(handler, request, response, next);
    };
    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      // past the error handler, as Express's final handler does: an answer already begun is cut off
      answerError(error, request, response, () => (response.headersSent ? request.socket.destroy() : undefined));
    };
    next();
  };
}

/** runs one handler as Express 5 does: a throw or a rejected promise goes to the error handler */
function invoke(handler: RequestHandler, request: Request, response: Response, next: NextFunction): void {
  try {
    const result = handler(request, response, next) as unknown;
    if (result instanceof Promise) result.catch((error: unknown) => next(error ?? new Error('Rejected promise')));
  } catch (error) {
    next(error);
  }
}

/**
 * jsonBody(parser, limit) → express.json()'s work for a plain JSON body (read here with no stream
 * decoders), and `parser` (express.json() itself) for everything else it handles.
 */
export function jsonBody(parser: RequestHandler, limit: number): RequestHandler {
  return (request, response, next) => {
    const length = plainJsonLength(request);
    if (length === undefined || length > limit) return parser(request, response, next);
    readPlain(request, length, next);
  };
}

/** the body's declared length when it is plain JSON: application/json in UTF-8, not compressed; else undefined */
function plainJsonLength(request: IncomingMessage): number | undefined {
  const { headers } = request;
  if (headers['transfer-encoding'] !== undefined) return undefined;
  const encoding = headers['content-encoding'];
  if (encoding !== undefined && encoding.toLowerCase() !== 'identity') return undefined;
  const type = headers['content-type']?.toLowerCase().replace(/\s+/g, '');
  if (type !== 'application/json' && type !== 'application/json;charset=utf-8') return undefined;
  const length = Number(headers['content-length']);
  return Number.isSafeInteger(length) && length > 0 ? length : undefined;
}

function readPlain(request: Request, length: number, next: NextFunction): void {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.once('end', () => {
    const bytes = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, length);
    let body: unknown;
    try {
      body = parseStrict(bytes.toString('utf8'));
    } catch (error) {
      return next(parseFailed(error));
    }
    request.body = body;
    (request as Request & { _body?: boolean })._body = true;
    next();
  });
  // a client that leaves mid-body gets no answer (there is no one to read it); the socket is already gone
  request.once('error', () => request.socket.destroy());
}

/** JSON.parse as express.json() does by default: only an object or an array, a byte-order mark ignored */
function parseStrict(text: string): unknown {
  const json = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (!startsWithContainer(json)) throw new SyntaxError('Unexpected token: a JSON object or array was expected');
  return JSON.parse(json) as unknown;
}

/** whether the first character past JSON's whitespace (space, tab, line feed, carriage return) opens an object or array */
function startsWithContainer(json: string): boolean {
  for (let index = 0; index < json.length; index++) {
    const code = json.charCodeAt(index);
    if (code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d) continue;
    return code === 0x7b || code === 0x5b;
  }
  return false;
}

function parseFailed(error: unknown): Error {
  return Object.assign(error instanceof Error ? error : new SyntaxError(String(error)), { status: 400, statusCode: 400, type: 'entity.parse.failed' });
}
