/**
 * Shutdown drains every route, not only /mcp: an /api call in flight when SIGTERM arrives gets its answer
 * (an upload whose body the client is still sending, so "in flight" does not hang on the machine's speed);
 * a request arriving during the drain gets 503 with Retry-After (not a reset); a call still running when
 * the grace ends gets a retryable error, never an empty 200.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { spawnHttpServer } from '../support/spawn-server.js';
import { musicXml } from './scores.js';
import { baseOf } from './support.js';

const UPLOAD = { 'content-type': 'application/octet-stream' };

async function serverWithScore(grace: number, measures = 400) {
  const server = await spawnHttpServer({ CADENZA_WORKERS: '1', CADENZA_SHUTDOWN_GRACE_MS: String(grace), CADENZA_STORE: 'memory' });
  const base = baseOf(server.url);
  const imported = await fetch(`${base}/api/scores?name=long.musicxml`, { method: 'POST', headers: UPLOAD, body: musicXml(measures) });
  const { id } = (await imported.json()) as { id: string };
  return { server, base, id };
}

/** the viewer's analysis of a long score: three tools, seconds of work on one worker */
function started(base: string, id: string) {
  return fetch(`${base}/api/scores/${encodeURIComponent(id)}/analysis`);
}

describe('graceful shutdown on every route', () => {
  it('lets an /api call in flight finish, and refuses newcomers with 503 and Retry-After', async () => {
    const { server, base } = await serverWithScore(60_000, 8);
    const body = Buffer.from(musicXml(8));
    const upload = openUpload(`${base}/api/scores?name=slow.musicxml`, body.length);
    upload.send(body.subarray(0, 100));
    await new Promise((resolve) => setTimeout(resolve, 300));
    server.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const late = await fetch(`${base}/api/scores`);
    expect(late.status).toBe(503);
    expect(late.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await late.json()).toMatchObject({ error: 'SHUTTING_DOWN' });
    upload.send(body.subarray(100), true);
    const answered = await upload.answer;
    expect(answered.status).toBe(201);
    expect(JSON.parse(answered.text)).toHaveProperty('id');
    expect(await server.exited).toBe(0);
  }, 120_000);

  it('answers a call still running when the grace ends with a retryable 503, not an empty 200', async () => {
    // 1,500 bars: the analysis outlasts the 200 ms grace many times over, even on a fast machine
    const { server, base, id } = await serverWithScore(200, 1500);
    const analysis = started(base, id);
    await new Promise((resolve) => setTimeout(resolve, 300));
    server.child.kill('SIGTERM');
    const cut = await analysis;
    expect(cut.status).toBe(503);
    expect(cut.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await cut.json()).toMatchObject({ error: 'SHUTTING_DOWN' });
    expect(await server.exited).toBe(0);
  }, 120_000);
});

/** an upload sent in pieces, on its own connection: in flight for as long as the test holds its body back */
function openUpload(url: string, length: number) {
  const outgoing = httpRequest(url, { method: 'POST', agent: false, headers: { ...UPLOAD, 'content-length': String(length) } });
  const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
    outgoing.on('response', (response: IncomingMessage) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
    });
    outgoing.on('error', reject);
  });
  return {
    send: (piece: Buffer, last = false) => (last ? outgoing.end(piece) : outgoing.write(piece)),
    answer,
  };
}
