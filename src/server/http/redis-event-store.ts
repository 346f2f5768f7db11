/**
 * The MCP resumability event store in Redis (one capped stream per session), so a client whose SSE
 * stream broke can resume with Last-Event-ID on any replica.
 */
import type { EventStore } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import type { Redis } from 'ioredis';

export class RedisEventStore implements EventStore {
  constructor(
    private readonly redis: Redis,
    private readonly key: string,
    private readonly maxEvents: number,
    private readonly idleMs: number,
  ) {}

  async storeEvent(streamId: string, message: JSONRPCMessage): Promise<string> {
    const [[, id]] = (await this.redis
      .multi()
      .xadd(this.key, 'MAXLEN', '~', this.maxEvents, '*', 's', streamId, 'm', JSON.stringify(message))
      .pexpire(this.key, this.idleMs)
      .exec()) as [[Error | null, string], unknown];
    return id;
  }

  async getStreamIdForEventId(eventId: string): Promise<string | undefined> {
    const [entry] = await this.redis.xrange(this.key, eventId, eventId);
    return entry ? fields(entry[1]).s : undefined;
  }

  async replayEventsAfter(
    lastEventId: string,
    { send }: { send: (eventId: string, message: JSONRPCMessage) => Promise<void> },
  ): Promise<string> {
    const streamId = await this.getStreamIdForEventId(lastEventId).catch(() => undefined);
    if (!streamId) return '';
    for (const [eventId, raw] of await this.redis.xrange(this.key, `(${lastEventId}`, '+')) {
      const entry = fields(raw);
      if (entry.s === streamId && entry.m) await send(eventId, JSON.parse(entry.m) as JSONRPCMessage);
    }
    return streamId;
  }
}

function fields(raw: string[]): { s?: string; m?: string } {
  const result: Record<string, string> = {};
  for (let index = 0; index + 1 < raw.length; index += 2) result[raw[index]!] = raw[index + 1]!;
  return result;
}
