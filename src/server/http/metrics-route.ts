/**
 * GET /metrics (Prometheus), on the main port or, with CADENZA_METRICS_PORT, on a port of its own that
 * the operator keeps off the public network (a Service that does not expose it, a firewall). A metrics
 * token (CADENZA_METRICS_TOKEN) is asked for wherever /metrics is served; without one, /metrics answers
 * only where it is private: on a loopback server, or on the separate metrics port.
 */
import { timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Config } from '../config.js';
import type { Metrics } from '../metrics.js';

/** the access check and the handler, for `app.get('/metrics', …)`; `openWithoutToken` where the port is private */
export function metricsRoute(config: Config, metrics: Metrics, openWithoutToken: boolean): RequestHandler[] {
  const serve: RequestHandler = async (_request, response) => {
    response.set('Content-Type', metrics.registry.contentType).send(await metrics.registry.metrics());
  };
  return [metricsAccess(config, openWithoutToken), serve];
}

function metricsAccess(config: Config, openWithoutToken: boolean): RequestHandler {
  const expected = config.http.metricsToken ? Buffer.from(`Bearer ${config.http.metricsToken}`) : undefined;
  return (request: Request, response: Response, next: NextFunction): void => {
    if (!expected) {
      if (openWithoutToken) return next();
      return void response.status(403).json({ error: 'forbidden', error_description: 'Metrics are off on a public address until CADENZA_METRICS_TOKEN is set (then send it as a bearer token) or CADENZA_METRICS_PORT gives them a port of their own.' });
    }
    const given = Buffer.from(request.header('authorization') ?? '');
    if (given.length === expected.length && timingSafeEqual(given, expected)) return next();
    response.set('WWW-Authenticate', 'Bearer realm="cadenza-metrics"').status(401).json({ error: 'unauthorized', error_description: 'Send the metrics token: Authorization: Bearer <CADENZA_METRICS_TOKEN>.' });
  };
}
