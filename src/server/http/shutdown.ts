/**
 * What a request hears while the server shuts down: a retryable 503 with Retry-After and
 * "Connection: close" (so a load balancer or client retries elsewhere), in the shape its route speaks:
 * a JSON-RPC error on /mcp, the API's { error, error_description } elsewhere.
 */
import type { NextFunction, Request, Response } from 'express';

const RETRY_AFTER_SECONDS = 2;

/** answers one request with the shutting-down 503 */
export function answerShuttingDown(request: Request, response: Response): void {
  const message = 'The server is shutting down; retry (another replica may answer).';
  response.set({ 'Retry-After': String(RETRY_AFTER_SECONDS), Connection: 'close' }).status(503);
  if (request.originalUrl.startsWith('/mcp')) response.json({ jsonrpc: '2.0', error: { code: -32000, message }, id: null });
  else response.json({ error: 'SHUTTING_DOWN', error_description: message });
}

/** refuseWhenStopping(() => stopping) → middleware refusing every request once shutdown began */
export function refuseWhenStopping(shuttingDown: () => boolean) {
  return (request: Request, response: Response, next: NextFunction): void => {
    if (shuttingDown()) answerShuttingDown(request, response);
    else next();
  };
}
