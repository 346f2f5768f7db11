/**
 * Every refusal a client can provoke reads as a sentence about its own request: a coded error, never
 * INTERNAL, never a message that ends in "undefined" or prints NaN or "[object Object]".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/http-server.js';
import { musicXml } from './scores.js';
import { baseOf, expectAlive } from './support.js';

const UNREADABLE = /undefined|NaN|\[object Object\]|function\s*\(/;
const UPLOAD = { 'content-type': 'application/octet-stream' };

describe('error messages', () => {
  let server: TestServer;
  let base: string;
  let id: string;

  beforeAll(async () => {
    server = await startTestServer({ CADENZA_STORE: 'memory' });
    base = baseOf(server.url);
    const imported = await fetch(`${base}/api/scores?name=a.musicxml`, { method: 'POST', headers: UPLOAD, body: musicXml(4) });
    id = ((await imported.json()) as { id: string }).id;
  });

  afterAll(() => server.running.stop());

  const requests: [string, () => Promise<Response>][] = [
    ['a truncated MIDI header', () => fetch(`${base}/api/scores?name=a.mid`, { method: 'POST', headers: UPLOAD, body: 'MThd' })],
    ['a MIDI file with a header only', () => fetch(`${base}/api/scores?name=a.mid`, { method: 'POST', headers: UPLOAD, body: Buffer.from('4d546864000000060001000100600000', 'hex') })],
    ['an unknown format', () => fetch(`${base}/api/scores?name=x.pdf`, { method: 'POST', headers: UPLOAD, body: 'hello' })],
    ['an empty upload', () => fetch(`${base}/api/scores?name=x.musicxml`, { method: 'POST', headers: UPLOAD, body: '' })],
    ['a page that is not a number', () => fetch(`${base}/api/scores/${id}/render?page=abc`)],
    ['a page past the end', () => fetch(`${base}/api/scores/${id}/render?page=99`)],
    ['an export format not offered', () => fetch(`${base}/api/scores/${id}/export?format=pdf`)],
    ['an id too long', () => fetch(`${base}/api/scores/${'x'.repeat(500)}/analysis`)],
    ['an id that does not exist', () => fetch(`${base}/api/scores/nope/notes`)],
    ['a diff against nothing', () => fetch(`${base}/api/scores/${id}/diff`)],
    ['a diff against a version that does not exist', () => fetch(`${base}/api/scores/${id}/diff?against=${id}@99`)],
    ['malformed JSON to /mcp', () => fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' }, body: '{"jsonrpc":' })],
  ];

  it.each(requests)('answers %s with a coded, readable refusal', async (_case, send) => {
    const response = await send();
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    const text = await response.text();
    expect(text).not.toMatch(UNREADABLE);
    expect(text).not.toMatch(/INTERNAL/);
    await expectAlive(base);
  });
});
