/**
 * Scores in Redis (ioredis), shared by every replica. Per tenant: a hash per score (meta, data), a
 * sorted set of ids scored by expiry time, and a hash of sizes, so quotas and listings never scan the
 * keyspace. Writes check quotas and write atomically in one Lua script; reads are pipelined. Each use
 * pushes the expiry back (TTL touched on use). Commands fail fast while Redis is unreachable, and a
 * circuit breaker turns repeated failures into an immediate STORE_UNAVAILABLE until Redis answers again.
 * With a sealer, meta, data and kept versions are encrypted (score-row.ts); a record under a retired key
 * is rewritten under the current one when read.
 */
import { BrokenCircuitError, ConsecutiveBreaker, circuitBreaker, handleWhen, type CircuitBreakerPolicy } from 'cockatiel';
import { once } from 'node:events';
import type { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import { CadenzaError, isCadenzaError } from '../../core/errors.js';
import type { PastVersion, Revision, ScoreListing, ScoreStore, StoredScore, TenantUsage } from '../../mcp/ports.js';
import { toListing } from './memory.js';
import { connectRedis } from './redis-connection.js';
import { DamageLog } from './damage.js';
import { redisKeys, type RedisKeys } from './keys.js';
import { DamagedRecord, ScoreRowCodec } from './score-row.js';
import type { Sealer } from './sealing.js';
import { checkQuota, historyBounds, scoreExists, versionConflict, type StoreLimits } from './quotas.js';

const READY_WAIT_MS = 1000;
/** how stale a score's expiry may get before a read pushes it back (at most a tenth of the TTL) */
const TOUCH_EVERY_MS = 60_000;
/** sorted-set score for scores that never expire */
const NEVER = 8.64e15;

/**
 * KEYS: score hash, tenant's expiry zset, tenant's size hash, tenants set
 * ARGV: id, meta, data, bytes, now ms, expiry ms, max scores, max bytes, max bytes per score, tenant, checksum
 * Insert-if-absent: returns "OK"; "SAME" when this very score is already stored (a retried put); "TAKEN"
 * when another score has the id; "SCORES <n>" / "BYTES <n>" when a quota would be passed.
 */
const PUT_SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 1 then
  if redis.call('HGET', KEYS[1], 'sum') == ARGV[11] then return 'SAME' end
  return 'TAKEN'
end
local expired = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', '(' .. ARGV[5])
for _, old in ipairs(expired) do redis.call('HDEL', KEYS[3], old); redis.call('ZREM', KEYS[2], old) end
local count = redis.call('ZCARD', KEYS[2])
local total = 0
for _, size in ipairs(redis.call('HVALS', KEYS[3])) do total = total + tonumber(size) end
if count + 1 > tonumber(ARGV[7]) then return 'SCORES ' .. count end
if total + tonumber(ARGV[4]) > tonumber(ARGV[8]) or tonumber(ARGV[4]) > tonumber(ARGV[9]) then return 'BYTES ' .. total end
redis.call('HSET', KEYS[1], 'meta', ARGV[2], 'data', ARGV[3], 'sum', ARGV[11])
if tonumber(ARGV[6]) < ${NEVER} then redis.call('PEXPIREAT', KEYS[1], ARGV[6]) else redis.call('PERSIST', KEYS[1]) end
redis.call('ZADD', KEYS[2], ARGV[6], ARGV[1])
redis.call('HSET', KEYS[3], ARGV[1], ARGV[4])
redis.call('SADD', KEYS[4], ARGV[10])
return 'OK'
`;

/**
 * KEYS: score hash, history list, tenant's expiry zset, tenant's size hash
 * ARGV: id, meta, data, bytes, checksum, base version, new version, packed replaced version, max versions,
 *       max history bytes, max tenant bytes, expiry ms, the replaced version's size before sealing
 * Compare-and-set: "GONE" when the score does not exist; "CONFLICT <current>" when it is not at the base
 * version; "BYTES <n>" when the tenant's bytes would pass the quota; else appends the replaced version,
 * drops the oldest beyond the bounds, replaces the current one and answers "OK".
 */
const COMMIT_SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 'GONE' end
local current = tonumber(redis.call('HGET', KEYS[1], 'version') or '1')
if current ~= tonumber(ARGV[6]) then return 'CONFLICT ' .. current end
local sizes = {}
for size in string.gmatch(redis.call('HGET', KEYS[1], 'hsizes') or '', '%d+') do sizes[#sizes + 1] = tonumber(size) end
sizes[#sizes + 1] = tonumber(ARGV[13])
local kept = 0
for _, size in ipairs(sizes) do kept = kept + size end
local drop = 0
while drop < #sizes and (#sizes - drop > tonumber(ARGV[9]) or kept > tonumber(ARGV[10])) do
  drop = drop + 1
  kept = kept - sizes[drop]
end
local bytes = tonumber(ARGV[4]) + kept
local old = tonumber(redis.call('HGET', KEYS[4], ARGV[1]) or '0')
local total = 0
for _, size in ipairs(redis.call('HVALS', KEYS[4])) do total = total + tonumber(size) end
if total - old + bytes > tonumber(ARGV[11]) then return 'BYTES ' .. (total - old) end
redis.call('RPUSH', KEYS[2], ARGV[8])
if drop > 0 then redis.call('LTRIM', KEYS[2], drop, -1) end
local left = {}
for index = drop + 1, #sizes do left[#left + 1] = sizes[index] end
redis.call('HSET', KEYS[1], 'meta', ARGV[2], 'data', ARGV[3], 'sum', ARGV[5], 'version', ARGV[7], 'hsizes', table.concat(left, ','))
if tonumber(ARGV[12]) < ${NEVER} then
  redis.call('PEXPIREAT', KEYS[1], ARGV[12])
  redis.call('PEXPIREAT', KEYS[2], ARGV[12])
  redis.call('ZADD', KEYS[3], 'XX', ARGV[12], ARGV[1])
end
redis.call('HSET', KEYS[4], ARGV[1], bytes)
return 'OK'
`;

/** KEYS: score hash. ARGV: checksum read, meta, data, checksum. A score rewritten under the current key, unless it changed since it was read. */
const RESEAL_SCRIPT = `
if (redis.call('HGET', KEYS[1], 'sum') or '') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'meta', ARGV[2], 'data', ARGV[3], 'sum', ARGV[4])
return 1
`;

/** KEYS: history list. ARGV: index, entry read, entry rewritten. */
const RESEAL_PAST_SCRIPT = `
if redis.call('LINDEX', KEYS[1], ARGV[1]) ~= ARGV[2] then return 0 end
redis.call('LSET', KEYS[1], ARGV[1], ARGV[3])
return 1
`;

export class RedisScoreStore implements ScoreStore {
  private readonly redis: Redis;
  private readonly breaker: CircuitBreakerPolicy;

  private readonly keys: RedisKeys;
  private readonly damage = new DamageLog();
  /** when this process last pushed each score's expiry back */
  private readonly touched = new LRUCache<string, number>({ max: 100_000 });
  private readonly codec: ScoreRowCodec;

  constructor(
    url: string,
    private readonly limits: StoreLimits,
    options: { prefix?: string; retryAfterMs?: number; sealer?: Sealer } = {},
  ) {
    this.codec = new ScoreRowCodec(options.sealer);
    this.keys = redisKeys(options.prefix ?? 'cadenza:');
    // no offline queue: while Redis is away, calls fail (as STORE_UNAVAILABLE) instead of piling up
    this.redis = connectRedis(url, { enableOfflineQueue: false, commandTimeout: 5000 });
    // only failures of Redis count towards opening the circuit, never a refused argument (a bad id)
    this.breaker = circuitBreaker(handleWhen((error) => !isCadenzaError(error)), { halfOpenAfter: options.retryAfterMs ?? 2000, breaker: new ConsecutiveBreaker(3) });
  }

  async put(tenantId: string, entry: StoredScore): Promise<void> {
    const { id, data } = entry;
    const row = this.codec.encode(tenantId, entry);
    const now = Date.now();
    const answer = await this.run(() =>
      this.redis.eval(
        PUT_SCRIPT,
        4,
        this.keys.score(tenantId, id),
        this.keys.expiry(tenantId),
        this.keys.sizes(tenantId),
        this.keys.tenants,
        id,
        row.meta,
        row.data,
        data.byteLength,
        now,
        this.expiry(now),
        this.limits.maxScoresPerTenant,
        this.limits.maxBytesPerTenant,
        this.limits.maxTotalBytes,
        tenantId,
        row.sum,
      ),
    );
    if (answer === 'OK' || answer === 'SAME') return;
    if (answer === 'TAKEN') throw scoreExists(id);
    const [kind, amount] = String(answer).split(' ');
    checkQuota(this.limits, kind === 'SCORES' ? { scores: Number(amount), bytes: 0 } : { scores: 0, bytes: Number(amount) }, data.byteLength);
    throw new CadenzaError('QUOTA_EXCEEDED', `The store refused the score (${String(answer)}).`);
  }

  async get(tenantId: string, id: string): Promise<StoredScore | undefined> {
    const key = this.keys.score(tenantId, id);
    const [meta, data, sum] = await this.run(() => this.redis.hmgetBuffer(key, 'meta', 'data', 'sum'));
    if (!meta || !data) return undefined;
    const readSum = sum ? sum.toString('utf8') : null;
    const { entry, stale } = this.decoded(tenantId, id, () => this.codec.decode(tenantId, id, { meta, data, sum: readSum }));
    await this.touch(tenantId, id);
    if (stale) {
      const row = this.codec.encode(tenantId, entry);
      await this.run(() => this.redis.eval(RESEAL_SCRIPT, 1, key, readSum ?? '', row.meta, row.data, row.sum));
    }
    return entry;
  }

  /** runs a decode; a damaged or unreadable record becomes STORE_CORRUPT naming the score (and health learns of it) */
  private decoded<T>(tenantId: string, id: string, decode: () => T): T {
    try {
      return decode();
    } catch (error) {
      if (error instanceof DamagedRecord) throw this.damage.damagedScore(tenantId, id, 'Redis', error.message);
      throw error;
    }
  }

  async touch(tenantId: string, id: string): Promise<boolean> {
    return (await this.currentVersion(tenantId, id)) !== undefined;
  }

  /** One round trip: whether the score exists and its version, and, at most once per TOUCH_EVERY_MS, its expiry pushed back. */
  async currentVersion(tenantId: string, id: string): Promise<number | undefined> {
    const key = this.keys.score(tenantId, id);
    const now = Date.now();
    const expiry = this.expiry(now);
    const stale = expiry < NEVER && now - (this.touched.get(key) ?? 0) >= Math.min(TOUCH_EVERY_MS, this.limits.ttlSeconds * 100);
    const transaction = this.redis.multi().exists(key).hget(key, 'version');
    if (stale) transaction.zadd(this.keys.expiry(tenantId), 'XX', expiry, id).pexpireat(key, expiry).pexpireat(this.keys.history(tenantId, id), expiry);
    const results = await this.run(() => transaction.exec());
    const exists = results?.[0]?.[1] === 1;
    if (exists && stale) this.touched.set(key, now);
    return exists ? Number(results?.[1]?.[1] ?? 1) : undefined;
  }

  async commit(tenantId: string, { entry, baseVersion, replaced }: Revision): Promise<void> {
    const { id, data } = entry;
    const row = this.codec.encode(tenantId, entry);
    const past = this.codec.encodePast(tenantId, id, replaced);
    const bounds = historyBounds(this.limits);
    const answer = await this.run(() =>
      this.redis.eval(
        COMMIT_SCRIPT,
        4,
        this.keys.score(tenantId, id),
        this.keys.history(tenantId, id),
        this.keys.expiry(tenantId),
        this.keys.sizes(tenantId),
        id,
        row.meta,
        row.data,
        data.byteLength,
        row.sum,
        baseVersion,
        entry.revision?.version ?? baseVersion + 1,
        past.stored,
        bounds.versions,
        bounds.bytes,
        Math.min(this.limits.maxBytesPerTenant, this.limits.maxTotalBytes),
        this.expiry(Date.now()),
        past.bytes,
      ),
    );
    const [kind, amount] = String(answer).split(' ');
    if (kind === 'OK') return;
    if (kind === 'GONE') throw new CadenzaError('SCORE_NOT_FOUND', `No score with id "${id}".`);
    if (kind === 'CONFLICT') throw versionConflict(id, baseVersion, Number(amount));
    throw new CadenzaError('QUOTA_EXCEEDED', `This version would take you past your quota of ${Math.min(this.limits.maxBytesPerTenant, this.limits.maxTotalBytes)} bytes (you keep ${amount} bytes besides this score).`);
  }

  async history(tenantId: string, id: string): Promise<readonly PastVersion[]> {
    const key = this.keys.history(tenantId, id);
    const entries = await this.run(() => this.redis.lrangeBuffer(key, 0, -1));
    const pasts: PastVersion[] = [];
    for (const [index, stored] of entries.entries()) {
      const { past, stale } = this.decoded(tenantId, id, () => this.codec.decodePast(tenantId, id, stored));
      if (stale) await this.run(() => this.redis.eval(RESEAL_PAST_SCRIPT, 1, key, index, stored, this.codec.encodePast(tenantId, id, past).stored));
      pasts.push(past);
    }
    return pasts;
  }

  async list(tenantId: string): Promise<readonly ScoreListing[]> {
    const ids = await this.run(() => this.redis.zrangebyscore(this.keys.expiry(tenantId), Date.now(), '+inf'));
    if (ids.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const id of ids) pipeline.hgetBuffer(this.keys.score(tenantId, id), 'meta');
    const metas = (await this.run(() => pipeline.exec())) ?? [];
    return ids.flatMap((id, index) => {
      const raw = metas[index]?.[1];
      return Buffer.isBuffer(raw) ? [toListing({ id, ...this.decoded(tenantId, id, () => this.codec.decodeMeta(tenantId, id, raw)) })] : [];
    });
  }

  async delete(tenantId: string, id: string): Promise<boolean> {
    const results = await this.run(() => this.redis.multi().del(this.keys.score(tenantId, id), this.keys.history(tenantId, id)).zrem(this.keys.expiry(tenantId), id).hdel(this.keys.sizes(tenantId), id).exec());
    this.damage.forget(tenantId, id);
    return Number(results?.[0]?.[1]) > 0;
  }

  async usage(tenantId: string): Promise<TenantUsage> {
    const now = Date.now();
    const [live, sizes] = await this.run(() => Promise.all([this.redis.zrangebyscore(this.keys.expiry(tenantId), now, '+inf'), this.redis.hgetall(this.keys.sizes(tenantId))]));
    return { scores: live.length, bytes: live.reduce((sum, id) => sum + Number(sizes[id] ?? 0), 0) };
  }

  async deleteTenant(tenantId: string): Promise<number> {
    const ids = await this.run(() => this.redis.zrange(this.keys.expiry(tenantId), 0, -1));
    const now = Date.now();
    const live = await this.run(() => this.redis.zcount(this.keys.expiry(tenantId), now, '+inf'));
    await this.run(() =>
      this.redis
        .multi()
        .del(...ids.flatMap((id) => [this.keys.score(tenantId, id), this.keys.history(tenantId, id)]), this.keys.expiry(tenantId), this.keys.sizes(tenantId))
        .srem(this.keys.tenants, tenantId)
        .exec(),
    );
    return live;
  }

  async totals(): Promise<TenantUsage> {
    const tenants = await this.run(() => this.redis.smembers(this.keys.tenants));
    const usages = await Promise.all(tenants.map((tenant) => this.usage(tenant)));
    return usages.reduce((sum, usage) => ({ scores: sum.scores + usage.scores, bytes: sum.bytes + usage.bytes }), { scores: 0, bytes: 0 });
  }

  /** damaged scores found on reading (Redis has no integrity check of its own to run) */
  async problems(): Promise<readonly string[]> {
    return this.damage.list();
  }

  /** Redis expires scores by itself; a running call holds its own copy, so there is nothing to pin. */
  hold(): () => void {
    return () => undefined;
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  private expiry(now: number): number {
    return this.limits.ttlSeconds > 0 ? now + this.limits.ttlSeconds * 1000 : NEVER;
  }

  /** Waits a moment for a connection being (re)established; commands are not queued while offline. */
  private async whenReady(): Promise<void> {
    if (this.redis.status === 'ready') return;
    await once(this.redis, 'ready', { signal: AbortSignal.timeout(READY_WAIT_MS) }).catch(() => undefined);
  }

  private async run<T>(command: () => Promise<T>): Promise<T> {
    try {
      return await this.breaker.execute(async () => {
        await this.whenReady();
        return command();
      });
    } catch (error) {
      if (isCadenzaError(error)) throw error;
      const open = error instanceof BrokenCircuitError;
      throw new CadenzaError('STORE_UNAVAILABLE', open ? 'The score store (Redis) is unreachable; calls fail fast until it answers again.' : `The score store (Redis) did not answer: ${(error as Error).message}.`, {
        cause: error,
      });
    }
  }
}
