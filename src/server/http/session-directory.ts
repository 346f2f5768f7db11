/**
 * Where sessions are known beyond one process. With Redis, every replica records the sessions it opens
 * (tenant and the client's initialize request), so another replica can take a session over when its
 * first replica is gone; without Redis there is nothing to share.
 */
import type { Redis } from 'ioredis';
import { redisKeys } from '../store/keys.js';

export interface SessionRecord {
  readonly tenant: string;
  /** the client's initialize request, replayed to rebuild the session elsewhere */
  readonly initialize: unknown;
}

export interface SessionDirectory {
  save(id: string, record: SessionRecord): Promise<void>;
  lookup(id: string): Promise<SessionRecord | undefined>;
  /** keeps a live session known for another idle period */
  touch(id: string): void;
  remove(id: string): Promise<void>;
}

/** one process: sessions live and die with it */
export const LOCAL_SESSIONS: SessionDirectory = {
  save: async () => undefined,
  lookup: async () => undefined,
  touch: () => undefined,
  remove: async () => undefined,
};

/** refreshing a session's expiry more often than this buys nothing */
const TOUCH_EVERY_MS = 30_000;

export class RedisSessionDirectory implements SessionDirectory {
  private readonly touched = new Map<string, number>();

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly idleMs: number,
  ) {}

  async save(id: string, record: SessionRecord): Promise<void> {
    await this.redis.set(this.key(id), JSON.stringify(record), 'PX', this.idleMs);
  }

  async lookup(id: string): Promise<SessionRecord | undefined> {
    const raw = await this.redis.get(this.key(id));
    return raw ? (JSON.parse(raw) as SessionRecord) : undefined;
  }

  touch(id: string): void {
    const now = Date.now();
    if (now - (this.touched.get(id) ?? 0) < TOUCH_EVERY_MS) return;
    this.touched.set(id, now);
    void this.redis.pexpire(this.key(id), this.idleMs).catch(() => undefined);
  }

  async remove(id: string): Promise<void> {
    this.touched.delete(id);
    await this.redis.del(this.key(id)).catch(() => undefined);
  }

  private key(id: string): string {
    return redisKeys(this.prefix).session(id);
  }
}
