/** /metrics on a port of its own (CADENZA_METRICS_PORT): nothing else is served there. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { Config } from '../config.js';
import type { Metrics } from '../metrics.js';
import { metricsRoute } from './metrics-route.js';

export interface MetricsServer {
  /** http://host:port/metrics */
  readonly url: string;
  close(): Promise<void>;
}

export async function startMetricsServer(config: Config, metrics: Metrics, port: number): Promise<MetricsServer> {
  const app = express();
  app.disable('x-powered-by');
  app.get('/metrics', ...metricsRoute(config, metrics, true));
  app.use((_request, response) => void response.status(404).json({ error: 'not_found', error_description: 'This port serves /metrics only.' }));
  const server: Server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, config.http.host, () => resolve());
  });
  const host = config.http.host.includes(':') ? `[${config.http.host}]` : config.http.host;
  return {
    url: `http://${host}:${(server.address() as AddressInfo).port}/metrics`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
