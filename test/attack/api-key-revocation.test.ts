/**
 * API keys change on every replica at the next request: two server processes share the data folder (as
 * replicas share a volume); a key revoked or created through the keys file is refused or accepted by both
 * at once, without a restart. With the Redis store the keys live in Redis: two server processes with
 * data folders of their own see `cadenza apikey create` and `revoke` at their next request.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiKeysFile, createApiKey, readApiKeys, writeApiKeys } from '../../src/server/auth/api-keys.js';
import { deleteRedisKeys } from '../support/redis.js';
import { CLI, spawnHttpServer, type ServerProcess } from '../support/spawn-server.js';
import { baseOf, expectAlive } from './support.js';

describe('API key revocation across replicas', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'cadenza-revoke-'));
  const file = apiKeysFile(dataDir);
  const first = createApiKey('acme', ['scores:read']);
  let replicas: ServerProcess[] = [];
  const status = (replica: ServerProcess, key: string) => fetch(`${baseOf(replica.url)}/api/scores`, { headers: { authorization: `Bearer ${key}` } }).then((response) => response.status);

  beforeAll(async () => {
    writeApiKeys(file, [first.record]);
    const environment = { CADENZA_AUTH: 'apikey', CADENZA_DATA_DIR: dataDir, CADENZA_WORKERS: '0', CADENZA_STORE: 'memory' };
    replicas = await Promise.all([spawnHttpServer(environment), spawnHttpServer(environment)]);
  });

  afterAll(async () => {
    for (const replica of replicas) replica.child.kill('SIGTERM');
    await Promise.all(replicas.map((replica) => replica.exited));
  });

  it('refuses a revoked key on both replicas at the next request', async () => {
    expect(await Promise.all(replicas.map((replica) => status(replica, first.key)))).toEqual([200, 200]);
    writeApiKeys(file, readApiKeys(file).filter((record) => record.id !== first.record.id));
    expect(await Promise.all(replicas.map((replica) => status(replica, first.key)))).toEqual([401, 401]);
    for (const replica of replicas) await expectAlive(baseOf(replica.url));
  });

  it('accepts a new key on both replicas at the next request', async () => {
    const second = createApiKey('acme', ['scores:read']);
    expect(await status(replicas[0]!, second.key)).toBe(401);
    writeApiKeys(file, [...readApiKeys(file), second.record]);
    expect(await Promise.all(replicas.map((replica) => status(replica, second.key)))).toEqual([200, 200]);
  });

  it('fails closed (503, retryable) while the keys file cannot be read, and recovers when it can', async () => {
    const third = createApiKey('acme', ['scores:read']);
    writeApiKeys(file, [third.record]);
    expect(await status(replicas[0]!, third.key)).toBe(200);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, '{ "keys": [ broken');
    expect(await status(replicas[0]!, third.key)).toBe(503);
    writeApiKeys(file, [third.record]);
    expect(await status(replicas[0]!, third.key)).toBe(200);
    await expectAlive(baseOf(replicas[0]!.url));
  });
});

describe('API key revocation across replicas on Redis', () => {
  const prefix = `cadenza-attack-apikeys-${process.pid}-${Date.now()}:`;
  const environment = { CADENZA_AUTH: 'apikey', CADENZA_WORKERS: '0', CADENZA_STORE: 'redis', CADENZA_REDIS_PREFIX: prefix };
  const folders = [mkdtempSync(join(tmpdir(), 'cadenza-revoke-a-')), mkdtempSync(join(tmpdir(), 'cadenza-revoke-b-'))];
  // a key from the keys file of replica A's data folder, written before keys lived in Redis
  const fromFile = createApiKey('acme', ['scores:read']);
  let replicas: ServerProcess[] = [];
  const status = (replica: ServerProcess, key: string) => fetch(`${baseOf(replica.url)}/api/scores`, { headers: { authorization: `Bearer ${key}` } }).then((response) => response.status);
  /** `cadenza apikey …` as an operator runs it, from a third data folder */
  const apikey = (...args: string[]) => {
    const run = spawnSync(process.execPath, [CLI, 'apikey', ...args], { encoding: 'utf8', env: { ...process.env, ...environment, CADENZA_DATA_DIR: mkdtempSync(join(tmpdir(), 'cadenza-cli-')) }, timeout: 30_000 });
    expect(run.status, run.stderr).toBe(0);
    return run.stdout.trim();
  };

  beforeAll(async () => {
    writeApiKeys(apiKeysFile(folders[0]!), [fromFile.record]);
    replicas = await Promise.all(folders.map((folder) => spawnHttpServer({ ...environment, CADENZA_DATA_DIR: folder })));
  });

  afterAll(async () => {
    for (const replica of replicas) replica.child.kill('SIGTERM');
    await Promise.all(replicas.map((replica) => replica.exited));
    await deleteRedisKeys(prefix);
  });

  it('imports a keys file from before into Redis, so both replicas accept its key', async () => {
    expect(await Promise.all(replicas.map((replica) => status(replica, fromFile.key)))).toEqual([200, 200]);
    expect(apikey('list')).toContain(`${fromFile.record.id}\tacme\tscores:read`);
  });

  it('accepts a key created with cadenza apikey create on both replicas at the next request, and refuses it once revoked', async () => {
    const key = apikey('create', '--tenant', 'acme', '--scopes', 'scores:read');
    expect(await Promise.all(replicas.map((replica) => status(replica, key)))).toEqual([200, 200]);
    apikey('revoke', /^cdz_([0-9a-f]{12})_/.exec(key)![1]!);
    expect(await Promise.all(replicas.map((replica) => status(replica, key)))).toEqual([401, 401]);
    apikey('revoke', fromFile.record.id);
    expect(await Promise.all(replicas.map((replica) => status(replica, fromFile.key)))).toEqual([401, 401]);
    for (const replica of replicas) await expectAlive(baseOf(replica.url));
  });
});
