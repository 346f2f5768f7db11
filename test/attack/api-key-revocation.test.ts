/**
 * API keys change on every replica at the next request: two server processes share the data folder (as
 * replicas share a volume); a key revoked or created through the keys file is refused or accepted by both
 * at once, without a restart.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiKeysFile, createApiKey, readApiKeys, writeApiKeys } from '../../src/server/auth/api-keys.js';
import { spawnHttpServer, type ServerProcess } from '../support/spawn-server.js';
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
