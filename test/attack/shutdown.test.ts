/**
 * Shutdown drains every route, not only /mcp: an /api call in flight when SIGTERM arrives gets its answer;
 * a request arriving during the drain gets 503 with Retry-After (not a reset); a call still running when
 * the grace ends gets a retryable error, never an empty 200.
 */
import { describe, expect, it } from 'vitest';
import { spawnHttpServer } from '../support/spawn-server.js';
import { musicXml } from './scores.js';
import { baseOf } from './support.js';

const UPLOAD = { 'content-type': 'application/octet-stream' };

async function serverWithLongScore(grace: number) {
  const server = await spawnHttpServer({ CADENZA_WORKERS: '1', CADENZA_SHUTDOWN_GRACE_MS: String(grace), CADENZA_STORE: 'memory' });
  const base = baseOf(server.url);
  const imported = await fetch(`${base}/api/scores?name=long.musicxml`, { method: 'POST', headers: UPLOAD, body: musicXml(400) });
  const { id } = (await imported.json()) as { id: string };
  return { server, base, id };
}

/** the viewer's analysis of the long score: three tools, seconds of work on one worker */
function started(base: string, id: string) {
  return fetch(`${base}/api/scores/${encodeURIComponent(id)}/analysis`);
}

describe('graceful shutdown on every route', () => {
  it('lets an /api call in flight finish, and refuses newcomers with 503 and Retry-After', async () => {
    const { server, base, id } = await serverWithLongScore(60_000);
    const analysis = started(base, id);
    await new Promise((resolve) => setTimeout(resolve, 300));
    server.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const late = await fetch(`${base}/api/scores`);
    expect(late.status).toBe(503);
    expect(late.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await late.json()).toMatchObject({ error: 'SHUTTING_DOWN' });
    const answered = await analysis;
    expect(answered.status).toBe(200);
    expect(await answered.json()).toHaveProperty('harmony');
    expect(await server.exited).toBe(0);
  }, 120_000);

  it('answers a call still running when the grace ends with a retryable 503, not an empty 200', async () => {
    const { server, base, id } = await serverWithLongScore(200);
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
