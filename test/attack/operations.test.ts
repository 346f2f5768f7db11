/**
 * Operations faults: probes and scrapes that address the pod by IP pass the Host allow-list, a server
 * bound to 127.0.0.2 answers, /metrics is closed on a public address without its token, /api answers are
 * neither cached nor sniffed, and the viewer's CSP lets verovio's embedded font load.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { apiKeysFile, createApiKey, writeApiKeys } from '../../src/server/auth/api-keys.js';
import { startTestServer } from '../support/http-server.js';
import { baseOf, expectAlive } from './support.js';

/** a GET with a Host header of our choosing (fetch does not let one set Host) */
function getWithHost(base: string, path: string, host: string, headers: Record<string, string> = {}): Promise<number> {
  const url = new URL(path, base);
  return new Promise((resolve, reject) => {
    const sent = request({ host: url.hostname, port: url.port, path: url.pathname, headers: { host, ...headers } }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    sent.on('error', reject);
    sent.end();
  });
}

describe('Host allow-list', () => {
  it('lets the kubelet and Prometheus reach /health, /ready and /metrics by the pod IP', async () => {
    const server = await startTestServer({ CADENZA_ALLOWED_HOSTS: 'cadenza.example.com', CADENZA_STORE: 'memory' });
    const base = baseOf(server.url);
    for (const path of ['/health', '/ready', '/metrics']) expect(await getWithHost(base, path, '10.1.2.3:8750')).toBe(200);
    // everything else still checks Host
    expect(await getWithHost(base, '/api/scores', '10.1.2.3:8750')).toBe(403);
    expect(await getWithHost(base, '/api/scores', 'cadenza.example.com')).toBe(200);
    await server.running.stop();
  });

  it('accepts requests to a server bound to 127.0.0.2', async () => {
    const server = await startTestServer({ CADENZA_HOST: '127.0.0.2', CADENZA_STORE: 'memory' });
    const response = await fetch(`${baseOf(server.url)}/api/scores`);
    expect(response.status).toBe(200);
    await expectAlive(baseOf(server.url));
    await server.running.stop();
  });
});

describe('/metrics on a public address', () => {
  const publicServer = async (extra: Record<string, string>) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cadenza-metrics-'));
    writeApiKeys(apiKeysFile(dataDir), [createApiKey('acme', ['scores:read']).record]);
    const server = await startTestServer({ CADENZA_HOST: '0.0.0.0', CADENZA_AUTH: 'apikey', CADENZA_DATA_DIR: dataDir, CADENZA_STORE: 'memory', ...extra });
    return { server, base: baseOf(server.url).replace('0.0.0.0', '127.0.0.1') };
  };

  it('is closed without CADENZA_METRICS_TOKEN', async () => {
    const { server, base } = await publicServer({});
    expect((await fetch(`${base}/metrics`)).status).toBe(403);
    await expectAlive(base);
    await server.running.stop();
  });

  it('asks for the token when one is set', async () => {
    const token = 'scrape-token-0123456789';
    const { server, base } = await publicServer({ CADENZA_METRICS_TOKEN: token });
    expect((await fetch(`${base}/metrics`)).status).toBe(401);
    expect((await fetch(`${base}/metrics`, { headers: { authorization: 'Bearer wrong-token-0123456789' } })).status).toBe(401);
    const scraped = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${token}` } });
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toContain('cadenza_store_scores');
    await server.running.stop();
  });

  it('is served on CADENZA_METRICS_PORT alone when that is set: open there, absent from the public port', async () => {
    const { server, base } = await publicServer({ CADENZA_METRICS_PORT: '0' });
    const metricsUrl = server.running.metricsUrl!.replace('0.0.0.0', '127.0.0.1');
    expect(new URL(metricsUrl).port).not.toBe(new URL(base).port);
    const scraped = await fetch(metricsUrl);
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toContain('cadenza_store_scores');
    expect((await fetch(`${base}/metrics`)).status).toBe(404);
    expect((await fetch(metricsUrl.replace('/metrics', '/api/scores'))).status).toBe(404);
    await expectAlive(base);
    await server.running.stop();
    await expect(fetch(metricsUrl)).rejects.toThrow();
  });

  it('asks for the token on CADENZA_METRICS_PORT too when both are set', async () => {
    const token = 'scrape-token-0123456789';
    const { server } = await publicServer({ CADENZA_METRICS_PORT: '0', CADENZA_METRICS_TOKEN: token });
    const metricsUrl = server.running.metricsUrl!.replace('0.0.0.0', '127.0.0.1');
    expect((await fetch(metricsUrl)).status).toBe(401);
    expect((await fetch(metricsUrl, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    await server.running.stop();
  });
});

describe('response headers', () => {
  it('marks every /api answer nosniff and no-store, refusals included', async () => {
    const server = await startTestServer({ CADENZA_STORE: 'memory' });
    const base = baseOf(server.url);
    for (const path of ['/api/scores', '/api/scores/nope/render', '/api/nothing']) {
      const response = await fetch(`${base}${path}`);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('cache-control')).toBe('no-store');
    }
    await server.running.stop();
  });
});
