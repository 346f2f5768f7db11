/** `cadenza doctor` on this checkout: every check passes, and a busy HTTP port fails with a hint. */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'cadenza-doctor-'));
const env = { ...process.env, CADENZA_DATA_DIR: dataDir, CADENZA_HOST: '127.0.0.1', CADENZA_LOG_LEVEL: 'warn' };
const EXPECTED_CHECKS = ['node', 'config', 'install', 'dependencies', 'sqlite', 'corpus', 'store', 'stdio', 'port'];

interface Report {
  ok: boolean;
  checks: { name: string; ok: boolean; detail: string; hint?: string }[];
}

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function doctor(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, 'doctor', ...args], { env, timeout: 50_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

async function listening(port = 0): Promise<Server> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return server;
}

const portOf = (server: Server) => (server.address() as { port: number }).port;
const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

// Each test takes a few seconds alone; the margin is for a loaded machine running the whole suite.
describe('cadenza doctor', { timeout: 120_000 }, () => {
  it('passes every check on this checkout, with a live stdio round-trip that finds bwv66.6 in F# minor', async () => {
    const probe = await listening();
    const freePort = portOf(probe);
    await close(probe);
    const run = await doctor(['--json', '--port', String(freePort)]);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.checks.filter((result) => !result.ok), run.stdout).toEqual([]);
    expect(run.code).toBe(0);
    expect(report.ok).toBe(true);
    expect(report.checks.map((result) => result.name)).toEqual(EXPECTED_CHECKS);
    expect(report.checks.find((result) => result.name === 'stdio')?.detail).toMatch(/\d+ tools; analyze_key on bach\/bwv66\.6 → F# minor/);
    expect(report.checks.find((result) => result.name === 'port')?.detail).toContain(`127.0.0.1:${freePort} is free`);
    // The store check cleans up after itself: only what the served stdio process keeps remains.
    expect(readdirSync(dataDir).filter((name) => name.startsWith('doctor-'))).toEqual([]);
  });

  it('fails the port check, with a hint, when the HTTP port is taken — and says so for people too', async () => {
    const occupier = await listening();
    try {
      const port = portOf(occupier);
      const [json, people] = await Promise.all([doctor(['--json', '--port', String(port)]), doctor(['--port', String(port)])]);
      expect(json.code).toBe(1);
      const report = JSON.parse(json.stdout) as Report;
      expect(report.ok).toBe(false);
      const failing = report.checks.filter((result) => !result.ok);
      expect(failing.map((result) => result.name)).toEqual(['port']);
      expect(failing[0]).toMatchObject({ detail: expect.stringContaining(`127.0.0.1:${port} (EADDRINUSE)`), hint: expect.stringMatching(/another process listens there.*--port or CADENZA_PORT/) });
      expect(people.code).toBe(1);
      expect(people.stdout).toMatch(/^FAIL\s+port\s+cannot listen/m);
      expect(people.stdout).toMatch(/^\s+fix: another process listens there/m);
      expect(people.stdout).toMatch(/^ok\s+node\s+Node \d+\.\d+/m);
      expect(people.stdout).toMatch(/1 of 9 checks failed/);
    } finally {
      await close(occupier);
    }
  });

  it('fails the redis check when CADENZA_STORE=redis and nothing answers at CADENZA_REDIS_URL', async () => {
    const nobody = await listening();
    const port = portOf(nobody);
    await close(nobody);
    const run = await new Promise<{ code: number; stdout: string }>((resolve) => {
      const redisEnv = { ...env, CADENZA_STORE: 'redis', CADENZA_REDIS_URL: `redis://127.0.0.1:${port}`, CADENZA_PORT: '0' };
      execFile(process.execPath, [CLI, 'doctor', '--json'], { env: redisEnv, timeout: 50_000 }, (error, stdout) => resolve({ code: error ? Number(error.code) : 0, stdout }));
    });
    expect(run.code).toBe(1);
    const redis = (JSON.parse(run.stdout) as Report).checks.find((result) => result.name === 'redis');
    expect(redis).toMatchObject({ ok: false, detail: expect.stringContaining('does not answer'), hint: expect.stringContaining('CADENZA_REDIS_URL') });
  });

  it('fails the config check with a hint when a CADENZA_* variable is wrong', async () => {
    const run = await new Promise<{ code: number; stdout: string }>((resolve) => {
      execFile(process.execPath, [CLI, 'doctor', '--json'], { env: { ...env, CADENZA_STORE: 'floppy' }, timeout: 50_000 }, (error, stdout) => {
        resolve({ code: error ? Number(error.code) : 0, stdout });
      });
    });
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as Report;
    // Checks that need the configuration (store, stdio, port) are left out rather than failing for the same reason.
    expect(report.checks.filter((result) => !result.ok).map((result) => result.name)).toEqual(['config']);
    expect(report.checks.map((result) => result.name)).toEqual(['node', 'config', 'install', 'dependencies', 'sqlite', 'corpus']);
    const config = report.checks.find((result) => result.name === 'config');
    expect(config).toMatchObject({ ok: false, detail: expect.stringContaining('CADENZA_STORE'), hint: expect.stringContaining('CADENZA_*') });
  });
});
