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

const REPLACE_IF_PRESENT = "if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 then redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]) return 1 end return 0";

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

  async replace(record: ApiKeyRecord): Promise<boolean> {
    // one script, so a key revoked by another CLI between a check and a write never comes back
    return (await this.redis.eval(REPLACE_IF_PRESENT, 1, this.keys.apiKeys, record.id, JSON.stringify(record))) === 1;
  }

  /**
   * Imports the keys of `file` that no replica or CLI imported before, each once only (a key revoked in
   * Redis must not come back from an old file); returns how many were imported. Per key, not per file:
   * replicas start together, each with its own data folder, and an empty folder must not close the door on
   * the keys of another.
   */
  async importFile(file: string): Promise<number> {
    let imported = 0;
    for (const record of readApiKeys(file)) {
      // SADD answers 1 to exactly one replica, which then writes the key
      if ((await this.redis.sadd(this.keys.apiKeysImported, record.id)) === 1) {
        await this.redis.hsetnx(this.keys.apiKeys, record.id, JSON.stringify(record));
        imported++;
      }
    }
    return imported;
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
