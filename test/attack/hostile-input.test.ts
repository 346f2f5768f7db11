/**
 * Hostile input (these held in the attack run; the suite keeps them held): XML external entities,
 * entity and zip bombs, path traversal by the import path, the score id and the viewer's static files,
 * and batch abuse. Each answer is a coded refusal, and the server keeps serving.
 */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INITIALIZE, connectClient, rawPost, startTestServer, type TestServer } from '../support/http-server.js';
import { musicXml } from './scores.js';
import { baseOf, expectAlive } from './support.js';

const UPLOAD = { 'content-type': 'application/octet-stream' };
const XXE = `<?xml version="1.0"?><!DOCTYPE score-partwise [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><score-partwise version="4.0"><work><work-title>&xxe;</work-title></work><part-list><score-part id="P1"><part-name>x</part-name></score-part></part-list><part id="P1"/></score-partwise>`;
const LAUGHS = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]><score-partwise version="4.0"><work><work-title>&lol4;</work-title></work></score-partwise>`;

let server: TestServer;
let base: string;
let client: Client;
let root: string;
let bomb: Uint8Array;

beforeAll(async () => {
  // made before the server starts: compressing 64 MiB holds this process's event loop (and the server's
  // idle keep-alive sockets) for seconds. One byte past the unpacked limit (64 MiB), well under 1 MiB on the wire.
  const inflated = new Uint8Array(64 * 1024 * 1024 + 1).fill(0x20);
  bomb = zipSync({ 'META-INF/container.xml': new TextEncoder().encode('<container><rootfiles><rootfile full-path="score.xml"/></rootfiles></container>'), 'score.xml': inflated }, { level: 9 });
  root = mkdtempSync(join(tmpdir(), 'cadenza-roots-'));
  mkdirSync(join(root, 'scores'));
  writeFileSync(join(root, 'scores', 'ok.musicxml'), musicXml(2));
  symlinkSync('/etc/passwd', join(root, 'scores', 'escape.musicxml'));
  server = await startTestServer({ CADENZA_STORE: 'memory', CADENZA_ALLOWED_ROOTS: join(root, 'scores') });
  base = baseOf(server.url);
  client = await connectClient(server.url);
});

afterAll(async () => {
  await client.close();
  await server.running.stop();
});

const upload = (name: string, body: string | Uint8Array) => fetch(`${base}/api/scores?name=${name}`, { method: 'POST', headers: UPLOAD, body });
const importing = async (args: Record<string, unknown>) => (await client.callTool({ name: 'import_score', arguments: args })) as CallToolResult;

describe('XML entities', () => {
  it.each([
    ['an external entity (XXE) naming /etc/passwd', XXE],
    ['an entity bomb (billion laughs)', LAUGHS],
  ])('refuses %s as UNSAFE_INPUT, reading nothing', async (_case, body) => {
    const response = await upload('x.musicxml', body);
    expect(response.status).toBe(422);
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({ error: 'UNSAFE_INPUT' });
    expect(text).not.toContain('root:');
    await expectAlive(base);
  });
});

describe('zip bombs', () => {
  it('refuses an .mxl whose score inflates past the input limit', async () => {
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const response = await upload('bomb.mxl', bomb);
    expect(await response.json()).toMatchObject({ error: 'LIMIT_EXCEEDED' });
    expect(response.status).toBe(413);
    await expectAlive(base);
  });
});

describe('path traversal', () => {
  it.each([
    ['a relative path out of the root', '../../../../etc/passwd'],
    ['an absolute path outside the root', '/etc/passwd'],
    ['a symbolic link inside the root pointing out', 'escape.musicxml'],
  ])('refuses %s with PATH_NOT_ALLOWED', async (_case, path) => {
    const result = await importing({ path: path.startsWith('/') || path.startsWith('..') ? path : join(root, 'scores', path) });
    expect(result.isError).toBe(true);
    expect(result._meta?.['cadenza/errorCode']).toBe('PATH_NOT_ALLOWED');
  });

  it('reads a file inside the root', async () => {
    expect((await importing({ path: join(root, 'scores', 'ok.musicxml') })).isError).toBeFalsy();
  });

  it('finds no score by a traversing id, and no file by a traversing viewer path', async () => {
    const byId = await fetch(`${base}/api/scores/..%2F..%2Fetc%2Fpasswd/notes`);
    expect([400, 404]).toContain(byId.status);
    for (const path of ['/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/assets/..%2f..%2f..%2fpackage.json']) {
      const response = await fetch(`${base}${path}`);
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain('root:');
    }
    await expectAlive(base);
  });
});

describe('batch abuse', () => {
  it('does not run a JSON-RPC batch of a thousand tool calls', async () => {
    const batch = Array.from({ length: 1000 }, (_, index) => ({ jsonrpc: '2.0', id: index + 10, method: 'tools/call', params: { name: 'list_scores', arguments: {} } }));
    const response = await rawPost(server.url, batch);
    expect(response.status).toBe(400);
    await response.text();
    await expectAlive(base);
  });

  it('refuses an analyze_corpus over more scores than one call may take', async () => {
    await expect(client.callTool({ name: 'analyze_corpus', arguments: { ids: Array.from({ length: 501 }, () => 'x') } })).resolves.toMatchObject({ isError: true });
  });

  it('refuses an initialize repeated inside one batch', async () => {
    const response = await rawPost(server.url, [INITIALIZE, { ...INITIALIZE, id: 2 }]);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    await response.text();
    await expectAlive(base);
  });
});
