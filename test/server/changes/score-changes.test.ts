/**
 * The score change feeds: in-process and through a real Redis shared by two hubs (two replicas), each
 * change reaches the listeners of its tenant only, and a listener that stopped hears nothing more.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { LocalScoreChanges } from '../../../src/server/changes/local-changes.js';
import { RedisScoreChanges } from '../../../src/server/changes/redis-changes.js';
import { connectRedis } from '../../../src/server/store/redis-connection.js';
import { TEST_REDIS_URL } from '../../support/redis.js';

const PREFIX = `cadenza-changes-unit-${process.pid}-${Date.now()}:`;
const closers: (() => Promise<unknown>)[] = [];

afterAll(async () => {
  for (const close of closers) await close();
});

async function redisHub(): Promise<RedisScoreChanges> {
  const publisher = connectRedis(TEST_REDIS_URL);
  const hub = new RedisScoreChanges(publisher, connectRedis(TEST_REDIS_URL, { maxRetriesPerRequest: null }), PREFIX, (error) => {
    throw error;
  });
  closers.push(() => hub.close(), () => publisher.quit());
  await hub.ready();
  return hub;
}

async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 10) {
    if (waited > 5000) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('score changes in one process', () => {
  it('reach the listeners of the tenant whose score changed, and no one once they stop', () => {
    const changes = new LocalScoreChanges();
    const acme: string[] = [];
    const globex: string[] = [];
    const stop = changes.listen('acme', (id) => void acme.push(id));
    changes.listen('globex', (id) => void globex.push(id));
    changes.announce('acme', 'bwv66-6-a');
    changes.announce('globex', 'bwv66-6-b');
    stop();
    changes.announce('acme', 'bwv66-6-c');
    expect(acme).toEqual(['bwv66-6-a']);
    expect(globex).toEqual(['bwv66-6-b']);
    expect(changes.size).toBe(1);
  });

  it('go on to the other listeners when one throws', () => {
    const errors: unknown[] = [];
    const changes = new LocalScoreChanges((error) => errors.push(error));
    const heard: string[] = [];
    changes.listen('acme', () => {
      throw new Error('broken listener');
    });
    changes.listen('acme', (id) => void heard.push(id));
    changes.announce('acme', 'x');
    expect(heard).toEqual(['x']);
    expect(errors).toHaveLength(1);
  });
});

describe('score changes to thousands of listeners', () => {
  it('reach the first few hundred at once and the rest in later turns, in the order announced, skipping listeners that stopped meanwhile', async () => {
    const changes = new LocalScoreChanges();
    const heard: string[][] = [];
    const stops = Array.from({ length: 3000 }, (_, index) => {
      heard.push([]);
      return changes.listen('acme', (id) => void heard[index]!.push(id));
    });
    changes.announce('acme', 'first');
    changes.announce('acme', 'second');
    expect(heard[0]).toEqual(['first', 'second']);
    expect(heard[2999]).toEqual([]);
    stops[2998]!();
    await until(() => heard[2999]!.length === 2);
    expect(heard[2999]).toEqual(['first', 'second']);
    expect(heard[2998]).toEqual([]);
    expect(heard.filter((ids) => ids.length === 2)).toHaveLength(2999);
  });
});

describe('score changes through Redis', () => {
  it('announced on one replica reach that tenant\'s listeners on both, and no other tenant\'s', async () => {
    const [a, b] = [await redisHub(), await redisHub()];
    const onA: string[] = [];
    const onB: string[] = [];
    const strangerOnA: string[] = [];
    a.listen('acme', (id) => void onA.push(id));
    b.listen('acme', (id) => void onB.push(id));
    a.listen('globex', (id) => void strangerOnA.push(id));
    b.announce('acme', 'bwv66-6-a');
    b.announce('globex', 'bwv66-6-g');
    await until(() => onA.length === 1 && onB.length === 1 && strangerOnA.length === 1);
    expect(onA).toEqual(['bwv66-6-a']);
    expect(onB).toEqual(['bwv66-6-a']);
    expect(strangerOnA).toEqual(['bwv66-6-g']);
  });
});
