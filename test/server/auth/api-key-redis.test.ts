/** API keys in a real Redis (127.0.0.1:6379): looked up per request, imported once from a keys file, failing closed. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RedisApiKeys } from '../../../src/server/auth/api-key-redis.js';
import { ApiKeyVerifier, apiKeysFile, createApiKey, writeApiKeys } from '../../../src/server/auth/api-keys.js';
import { redisKeys } from '../../../src/server/store/keys.js';
import { connectRedis } from '../../../src/server/store/redis-connection.js';
import { TEST_REDIS_URL, deleteRedisKeys } from '../../support/redis.js';

const prefix = `cadenza-test-apikeys-${process.pid}-${Date.now()}:`;
const registry = new RedisApiKeys(connectRedis(TEST_REDIS_URL), redisKeys(prefix));

afterAll(async () => {
  await registry.close();
  await deleteRedisKeys(prefix);
});

describe('API keys in Redis', () => {
  it('verifies a key added, and refuses it once removed', async () => {
    const { key, record } = createApiKey('acme', ['scores:read']);
    const verifier = new ApiKeyVerifier(registry);
    await registry.add(record);
    expect((await verifier.verify(key)).extra).toEqual({ tenant: 'acme', subject: `apikey:${record.id}` });
    expect(await registry.remove(record.id)).toBe(true);
    expect(await registry.remove(record.id)).toBe(false);
    await expect(verifier.verify(key)).rejects.toMatchObject({ reason: 'unknown_key' });
  });

  it('imports a keys file once: a key revoked afterwards never comes back from the file', async () => {
    const file = apiKeysFile(mkdtempSync(join(tmpdir(), 'cadenza-keys-')));
    const old = createApiKey('acme', ['scores:read']);
    writeApiKeys(file, [old.record]);
    expect(await registry.importFile(file)).toBe(1);
    expect((await registry.list()).map((record) => record.id)).toContain(old.record.id);
    await registry.remove(old.record.id);
    expect(await registry.importFile(file)).toBe(0);
    expect(await registry.find(old.record.id)).toBeUndefined();
  });

  it('imports each replica\'s keys file whatever order the replicas start in: an empty folder first does not shut out the keys of another', async () => {
    const own = new RedisApiKeys(connectRedis(TEST_REDIS_URL), redisKeys(`${prefix}order:`));
    const empty = apiKeysFile(mkdtempSync(join(tmpdir(), 'cadenza-keys-')));
    writeApiKeys(empty, []);
    const full = apiKeysFile(mkdtempSync(join(tmpdir(), 'cadenza-keys-')));
    const key = createApiKey('acme', ['scores:read']);
    writeApiKeys(full, [key.record]);
    expect(await own.importFile(empty)).toBe(0);
    expect(await own.importFile(full)).toBe(1);
    expect(await own.find(key.record.id)).toBeDefined();
    await own.close();
  });

  it('fails closed, as unavailable, while Redis cannot be reached', async () => {
    const away = new RedisApiKeys(connectRedis('redis://127.0.0.1:1', { connectTimeout: 200 }), redisKeys(prefix));
    await expect(away.find('000000000000')).rejects.toMatchObject({ name: 'CredentialError', reason: 'unavailable' });
    await away.close();
  });
});
