/**
 * Cross-site request forgery: a web page the user visits must not change data on a Cadenza server the
 * browser can reach (the loopback server without auth, or one whose credentials the browser holds),
 * whatever the auth mode. Non-browser clients (no Origin, no Sec-Fetch-Site) are unaffected.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiKeysFile, createApiKey, writeApiKeys } from '../../src/server/auth/api-keys.js';
import { INITIALIZE, rawPost, startTestServer, type TestServer } from '../support/http-server.js';
import { musicXml } from './scores.js';
import { baseOf, expectAlive } from './support.js';

const EVIL = 'http://evil.example';
const key = createApiKey('acme', ['scores:read', 'scores:write']);

describe.each([
  ['no auth (loopback)', {} as Record<string, string>, {} as Record<string, string>],
  ['API keys', { CADENZA_AUTH: 'apikey' }, { authorization: `Bearer ${key.key}` }],
])('CSRF with %s', (_mode, environment, credentials) => {
  let server: TestServer;
  let base: string;
  const upload = (headers: Record<string, string>, body: string = musicXml(2)) =>
    fetch(`${base}/api/scores?name=planted.musicxml`, { method: 'POST', headers: { ...credentials, ...headers }, body });
  const stored = async () => ((await (await fetch(`${base}/api/scores`, { headers: credentials })).json()) as { scores: unknown[] }).scores.length;

  beforeAll(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cadenza-csrf-'));
    writeApiKeys(apiKeysFile(dataDir), [key.record]);
    server = await startTestServer({ CADENZA_DATA_DIR: dataDir, ...environment });
    base = baseOf(server.url);
  });

  afterAll(() => server.running.stop());

  it('refuses a cross-origin form POST (text/plain, Origin: http://evil.example) and plants no score', async () => {
    const response = await upload({ 'content-type': 'text/plain', origin: EVIL, 'sec-fetch-site': 'cross-site' });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: 'cross_site_request' });
    expect(await stored()).toBe(0);
    await expectAlive(base);
  });

  it('refuses a cross-site browser POST that sent no Origin (Sec-Fetch-Site: cross-site)', async () => {
    const response = await upload({ 'content-type': 'application/octet-stream', 'sec-fetch-site': 'cross-site' });
    expect(response.status).toBe(403);
    expect(await stored()).toBe(0);
  });

  it('refuses an upload declared as a form type even without Origin (415)', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const response = await upload({ 'content-type': type });
      expect(response.status).toBe(415);
      expect(await response.json()).toMatchObject({ error: 'UNSUPPORTED_FORMAT' });
    }
    expect(await stored()).toBe(0);
  });

  it('refuses a cross-origin MCP call, even one declared as JSON', async () => {
    const response = await rawPost(server.url, INITIALIZE, { ...credentials, origin: EVIL });
    expect(response.status).toBe(403);
    const sneaky = await fetch(server.url, { method: 'POST', headers: { ...credentials, origin: EVIL, 'content-type': 'text/plain;application/json', accept: 'application/json, text/event-stream' }, body: JSON.stringify(INITIALIZE) });
    expect(sneaky.status).toBe(403);
    await expectAlive(base);
  });

  it('accepts the same upload from the server’s own page and from a client that is not a browser', async () => {
    const own = await upload({ 'content-type': 'application/octet-stream', origin: base, 'sec-fetch-site': 'same-origin' });
    expect(own.status).toBe(201);
    const tool = await upload({ 'content-type': 'application/vnd.recordare.musicxml+xml' });
    expect(tool.status).toBe(201);
    expect(await stored()).toBe(2);
  });
});
