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

/**
 * The request as the handler reads it: its method, URL, headers and abort signal; the body is given parsed.
 * Not a web Request: building one (its Headers checked name by name, its own signal following ours) cost
 * about 4% of the main thread per call, and the SDK's handler (2.4) reads nothing else of it, on either
 * era's path. Header names are looked up as Headers.get does; Node has already joined repeated values.
 */
function webRequestOf(request: IncomingMessage, signal: AbortSignal): Request {
  const { headers } = request;
  const lean = {
    method: request.method ?? 'POST',
    url: `http://${headers.host ?? 'localhost'}${request.url ?? '/'}`,
    signal,
    headers: {
      get(name: string): string | null {
        const value = headers[name.toLowerCase()];
        if (value === undefined) return null;
        return Array.isArray(value) ? value.join(', ') : value;
      },
      has: (name: string): boolean => headers[name.toLowerCase()] !== undefined,
    },
  };
  return lean as unknown as Request;
}

async function writeAnswer(answer: Response, response: ServerResponse, aborted: AbortSignal): Promise<void> {
  const headers: Record<string, string> = {};
  for (const [name, value] of answer.headers) headers[name] = value;
  if (answer.body === null) {
    response.writeHead(answer.status, headers).end();
    return;
  }
  if (!headers['content-type']?.startsWith('text/event-stream')) {
    // as text, Node sends the head and the body in one write (bytes go as a second buffer of a writev)
    const text = await answer.text();
    headers['content-length'] = String(Buffer.byteLength(text));
    response.writeHead(answer.status, headers).end(text);
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
