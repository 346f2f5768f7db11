/**
 * API keys in Redis, where every replica reads them: with CADENZA_STORE=redis, `cadenza apikey create`
 * and `revoke` write here, and each request looks its key up (one HGET), so a change takes effect on the
 * next request of every replica, with no cache to wait out. Only the secret's hash is kept, as in the file.
 * A keys file written before keys moved to Redis is imported once (importFile), so its keys keep working.
 */
import type { Redis } from 'ioredis';
import type { RedisKeys } from '../store/keys.js';
import { readApiKeys, type ApiKeyRecord, type ApiKeyRegistry, type ApiKeySource } from './api-keys.js';
import { CredentialError } from './verifier.js';

export class RedisApiKeys implements ApiKeySource, ApiKeyRegistry {
  readonly where = 'Redis';

  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {}

  async find(id: string): Promise<ApiKeyRecord | undefined> {
    let stored: string | null;
    try {
      stored = await this.redis.hget(this.keys.apiKeys, id);
    } catch {
      // fail closed: while Redis cannot say whether a key was revoked, no key is accepted
      throw new CredentialError('unavailable', 'The server cannot read its API keys just now; retry shortly.');
    }
    return stored === null ? undefined : (JSON.parse(stored) as ApiKeyRecord);
  }

  async list(): Promise<readonly ApiKeyRecord[]> {
    const stored = await this.redis.hvals(this.keys.apiKeys);
    return stored.map((text) => JSON.parse(text) as ApiKeyRecord).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  async add(record: ApiKeyRecord): Promise<void> {
    await this.redis.hset(this.keys.apiKeys, record.id, JSON.stringify(record));
  }

  async remove(id: string): Promise<boolean> {
    return (await this.redis.hdel(this.keys.apiKeys, id)) > 0;
  }

  /**
   * Imports the keys of `file` the first time any replica or the CLI meets Redis without them, and never
   * again (a key revoked in Redis must not come back from the old file); returns how many were imported.
   */
  async importFile(file: string): Promise<number> {
    const records = readApiKeys(file);
    if ((await this.redis.exists(this.keys.apiKeysImported)) === 1) return 0;
    const pipeline = this.redis.pipeline();
    for (const record of records) pipeline.hsetnx(this.keys.apiKeys, record.id, JSON.stringify(record));
    pipeline.set(this.keys.apiKeysImported, new Date().toISOString(), 'NX');
    await pipeline.exec();
    return records.length;
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
