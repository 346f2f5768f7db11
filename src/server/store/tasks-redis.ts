/**
 * Task records in Redis, shared by the replicas: a hash per task (its state as JSON, and its result once
 * completed) that expires with the task's TTL, the tenant's tasks by creation time (for tasks/list), the
 * tenant's working tasks (its quota), and every working task by heartbeat (to find those of dead replicas).
 * Creating and changing a task are Lua scripts, so quota checks and ends are atomic across replicas. The
 * script decodes only the small state JSON, never the result (Lua's cjson would turn [] into {}). With a
 * sealer the result is encrypted; the state (status, times, progress line) stays plain for the scripts.
 */
import type { Redis } from 'ioredis';
import type { TaskChange, TaskPage, TaskRecord, TaskRef, TaskStore } from '../../mcp/tasks/task-store.js';
import { parseTaskMember, redisKeys, taskMember, type RedisKeys } from './keys.js';
import { connectRedis } from './redis-connection.js';
import { offsetOf, tooMany } from './tasks-sqlite.js';
import { openTaskValue, sealTaskValue } from './task-sealing.js';
import type { Sealer } from './sealing.js';

// KEYS: task, working, tasks, heartbeats. ARGV: state, ttlMs, max, taskId, createdMs, member, heartbeatAt
const CREATE_SCRIPT = `
local working = redis.call('SCARD', KEYS[2])
if working >= tonumber(ARGV[3]) then return working end
redis.call('HSET', KEYS[1], 'state', ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
redis.call('SADD', KEYS[2], ARGV[4])
redis.call('ZADD', KEYS[3], ARGV[5], ARGV[4])
redis.call('ZADD', KEYS[4], ARGV[7], ARGV[6])
-- the tenant's sets live as long as its longest-lived task (PTTL is -1 on a new key)
for _, key in ipairs({ KEYS[2], KEYS[3] }) do
  if redis.call('PTTL', key) < tonumber(ARGV[2]) then redis.call('PEXPIRE', key, ARGV[2]) end
end
return -1`;

// KEYS: task, working, heartbeats. ARGV: change (JSON, without result), result (JSON or ""), taskId, member
const UPDATE_SCRIPT = `
local raw = redis.call('HGET', KEYS[1], 'state')
if not raw then
  redis.call('SREM', KEYS[2], ARGV[3])
  redis.call('ZREM', KEYS[3], ARGV[4])
  return false
end
local state = cjson.decode(raw)
if state.status ~= 'working' then return false end
for key, value in pairs(cjson.decode(ARGV[1])) do state[key] = value end
local encoded = cjson.encode(state)
redis.call('HSET', KEYS[1], 'state', encoded)
if ARGV[2] ~= '' then redis.call('HSET', KEYS[1], 'result', ARGV[2]) end
if state.status ~= 'working' then
  redis.call('SREM', KEYS[2], ARGV[3])
  redis.call('ZREM', KEYS[3], ARGV[4])
end
return encoded`;

export class RedisTaskStore implements TaskStore {
  private readonly keys: RedisKeys;
  private readonly redis: Redis;
  private readonly sealer: Sealer | undefined;

  constructor(url: string, options: { prefix?: string; sealer?: Sealer } = {}) {
    this.sealer = options.sealer;
    this.keys = redisKeys(options.prefix ?? 'cadenza:');
    this.redis = connectRedis(url, { commandTimeout: 5000 });
  }

  async create(record: TaskRecord, maxWorkingPerTenant: number): Promise<void> {
    const { tenantId, taskId } = record;
    const { result: _result, heartbeatAt, ...state } = record;
    const working = (await this.redis.eval(
      CREATE_SCRIPT,
      4,
      this.keys.task(tenantId, taskId),
      this.keys.workingTasks(tenantId),
      this.keys.tasks(tenantId),
      this.keys.taskHeartbeats,
      JSON.stringify(state),
      record.ttlMs,
      maxWorkingPerTenant,
      taskId,
      Date.parse(record.createdAt),
      taskMember(tenantId, taskId),
      heartbeatAt,
    )) as number;
    if (working >= 0) throw tooMany(working);
  }

  async get(ref: TaskRef): Promise<TaskRecord | undefined> {
    const answers = await this.redis
      .multi()
      .hmgetBuffer(this.keys.task(ref.tenantId, ref.taskId), 'state', 'result')
      .zscore(this.keys.taskHeartbeats, taskMember(ref.tenantId, ref.taskId))
      .exec();
    const [state, result] = (answers?.[0]?.[1] ?? []) as (Buffer | null)[];
    if (!state) return undefined;
    const heartbeat = answers?.[1]?.[1] as string | null;
    return toRecord(state.toString('utf8'), result ? openTaskValue(this.sealer, ref.tenantId, ref.taskId, result) : null, heartbeat);
  }

  async list(tenantId: string, cursor: string | undefined, limit: number): Promise<TaskPage> {
    const offset = cursor === undefined ? 0 : offsetOf(cursor);
    const ids = await this.redis.zrevrange(this.keys.tasks(tenantId), offset, offset + limit);
    const records = await Promise.all(ids.slice(0, limit).map((taskId) => this.get({ tenantId, taskId })));
    const gone = ids.slice(0, limit).filter((_, index) => !records[index]);
    if (gone.length > 0) await this.redis.zrem(this.keys.tasks(tenantId), ...gone);
    const tasks = records.filter((record): record is TaskRecord => record !== undefined);
    return ids.length > limit ? { tasks, nextCursor: String(offset + limit - gone.length) } : { tasks };
  }

  async update(ref: TaskRef, change: TaskChange): Promise<TaskRecord | undefined> {
    const { result, heartbeatAt, ...rest } = change;
    const member = taskMember(ref.tenantId, ref.taskId);
    if (heartbeatAt !== undefined) await this.redis.zadd(this.keys.taskHeartbeats, 'XX', heartbeatAt, member);
    const state = (await this.redis.eval(
      UPDATE_SCRIPT,
      3,
      this.keys.task(ref.tenantId, ref.taskId),
      this.keys.workingTasks(ref.tenantId),
      this.keys.taskHeartbeats,
      JSON.stringify(rest),
      result === undefined ? '' : sealTaskValue(this.sealer, ref.tenantId, ref.taskId, JSON.stringify(result)),
      ref.taskId,
      member,
    )) as string | null;
    return state ? toRecord(state, result === undefined ? null : JSON.stringify(result), String(heartbeatAt ?? 0)) : undefined;
  }

  async beat(refs: readonly TaskRef[], at: number): Promise<readonly TaskRef[]> {
    if (refs.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const ref of refs) {
      pipeline.zadd(this.keys.taskHeartbeats, 'XX', at, taskMember(ref.tenantId, ref.taskId));
      pipeline.hget(this.keys.task(ref.tenantId, ref.taskId), 'state');
    }
    const answers = (await pipeline.exec()) ?? [];
    return refs.filter((_, index) => {
      const state = answers[index * 2 + 1]?.[1] as string | null;
      if (!state) return true;
      return (JSON.parse(state) as TaskRecord).status !== 'working';
    });
  }

  async stale(before: number): Promise<readonly TaskRef[]> {
    const members = await this.redis.zrangebyscore(this.keys.taskHeartbeats, '-inf', `(${before}`);
    return members.map(parseTaskMember);
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

function toRecord(state: string, result: string | null, heartbeat: string | null): TaskRecord {
  return {
    ...(JSON.parse(state) as TaskRecord),
    ...(result ? { result: JSON.parse(result) as Record<string, unknown> } : {}),
    heartbeatAt: heartbeat === null ? 0 : Number(heartbeat),
  };
}
