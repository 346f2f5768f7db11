/**
 * The SDK handler's web-standard face (`handler.fetch`) on node:http, for a request whose body express.json()
 * already parsed: what the SDK's `toNodeHandler` does, less the work the parsed body makes needless. That
 * adapter serializes the parsed body again and builds a request stream from it, which the handler never
 * reads (it is given the parsed body); here the request carries headers and the abort signal only. A
 * finished answer (JSON) is written in one piece with its length; a stream (SSE: progress, listen streams)
 * is copied chunk by chunk with backpressure, as the SDK's adapter copies it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AuthInfo } from '@modelcontextprotocol/server';

export type NodeRequest = IncomingMessage & { auth?: AuthInfo; body?: unknown };

export interface FetchFace {
  fetch(request: Request, options?: { authInfo?: AuthInfo; parsedBody?: unknown }): Promise<Response>;
}

/** serves one parsed request through `handler`; errors the handler throws are answered 500 and told to onerror */
export async function serveParsed(handler: FetchFace, request: NodeRequest, response: ServerResponse, onerror: (error: Error) => void): Promise<void> {
  const abort = new AbortController();
  let finished = false;
  response.on('close', () => {
    if (!finished) abort.abort();
  });
  if (response.destroyed) abort.abort();
  let answer: Response;
  try {
    answer = await handler.fetch(webRequestOf(request, abort.signal), { ...(request.auth ? { authInfo: request.auth } : {}), parsedBody: request.body });
  } catch (error) {
    onerror(error instanceof Error ? error : new Error(String(error)));
    answer = Response.json({ jsonrpc: '2.0', error: { code: -32603, message: 'Internal server error' }, id: echoableId(request.body) }, { status: 500 });
  }
  try {
    await writeAnswer(answer, response, abort.signal);
  } finally {
    finished = true;
  }
}

/** the request as the handler reads it: method, URL and headers; its body is given parsed */
function webRequestOf(request: IncomingMessage, signal: AbortSignal): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined || name.startsWith(':')) continue;
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else headers.set(name, value);
  }
  return new Request(`http://${request.headers.host ?? 'localhost'}${request.url ?? '/'}`, { method: request.method ?? 'POST', headers, signal });
}

async function writeAnswer(answer: Response, response: ServerResponse, aborted: AbortSignal): Promise<void> {
  const headers: Record<string, string> = {};
  for (const [name, value] of answer.headers) headers[name] = value;
  if (answer.body === null) {
    response.writeHead(answer.status, headers).end();
    return;
  }
  if (!headers['content-type']?.startsWith('text/event-stream')) {
    const bytes = new Uint8Array(await answer.arrayBuffer());
    headers['content-length'] = String(bytes.byteLength);
    response.writeHead(answer.status, headers).end(bytes);
    return;
  }
  response.writeHead(answer.status, headers);
  await copyStream(answer.body, response, aborted);
  response.end();
}

/** copies an SSE body, waiting for the socket to drain when it is full, until the body ends or the client goes */
async function copyStream(body: ReadableStream<Uint8Array>, response: ServerResponse, aborted: AbortSignal): Promise<void> {
  const gone = new Promise<void>((resolve) => aborted.addEventListener('abort', () => resolve(), { once: true }));
  try {
    for await (const chunk of body) {
      if (aborted.aborted) break;
      if (!response.write(chunk)) await Promise.race([new Promise<void>((resolve) => response.once('drain', resolve)), gone]);
    }
  } catch {
    // the stream failed or was cancelled: end the answer as the SDK's adapter does
  }
}

/** the id of a single JSON-RPC request, to answer an error on; null when there is no single one */
function echoableId(body: unknown): string | number | null {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return null;
  const { method, id } = body as { method?: unknown; id?: unknown };
  return typeof method === 'string' && (typeof id === 'string' || typeof id === 'number') ? id : null;
}
