/**
 * Attack: files. A named pipe planted inside the allowed roots is refused at once through import_score
 * (it once hung the call and then all file I/O); the data folder and database are owner-only. /health
 * stays 200.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, describe, expect, it } from 'vitest';
import { connectClient, startTestServer } from '../support/http-server.js';

const base = mkdtempSync(join(tmpdir(), 'cadenza-attack-files-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('files under attack', () => {
  it('refuses a named pipe in the allowed roots at once, keeps importing, and keeps its data owner-only', async () => {
    const roots = join(base, 'scores');
    const dataDir = join(base, 'data');
    execFileSync('mkdir', ['-p', roots]);
    execFileSync('mkfifo', [join(roots, 'trap.musicxml')]);
    writeFileSync(join(roots, 'tune.abc'), 'X:1\nT:Tune\nM:4/4\nL:1/4\nK:C\nCDEF|G4|]\n');
    const server = await startTestServer({ CADENZA_DATA_DIR: dataDir, CADENZA_ALLOWED_ROOTS: roots });
    const client = await connectClient(server.url);
    try {
      const trapped = await Promise.all(
        Array.from({ length: 6 }, async () => (await client.callTool({ name: 'import_score', arguments: { path: join(roots, 'trap.musicxml') } })) as CallToolResult),
      );
      expect(trapped.map((answer) => answer._meta?.['cadenza/errorCode'])).toEqual(Array(6).fill('INVALID_ARGUMENT'));
      const imported = (await client.callTool({ name: 'import_score', arguments: { path: join(roots, 'tune.abc') } })) as CallToolResult;
      expect(imported.isError).toBeFalsy();
      expect((await fetch(server.url.replace(/\/mcp$/, '/health'))).status).toBe(200);
      expect(statSync(dataDir).mode & 0o777).toBe(0o700);
      expect(statSync(join(dataDir, 'cadenza.db')).mode & 0o777).toBe(0o600);
    } finally {
      await client.close();
      await server.running.stop();
    }
  }, 20_000);
});
