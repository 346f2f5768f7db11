/** The worker pool on the compiled worker (dist/): same answers as in-process, limits that hold. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { ToolCall } from '../../../src/mcp/define-tool.js';
import { InlineWork } from '../../../src/mcp/inline-work.js';
import { NATIVE_CODEC } from '../../../src/server/native-zlib.js';
import type { StoredScore } from '../../../src/mcp/ports.js';
import { PoolWork, type PoolOptions } from '../../../src/server/work/pool.js';
import { TEST_SCORES } from '../../support/corpus.js';

const WORKER = fileURLToPath(new URL('../../../dist/server/work/worker.js', import.meta.url));
const CHORALE = new Uint8Array(readFileSync(`${TEST_SCORES}bach/bwv66.6.mxl`));
const pools: PoolWork[] = [];

function pool(options: Partial<PoolOptions> = {}): PoolWork {
  const created = new PoolWork({ threads: 1, maxQueue: 16, timeoutMs: 10_000, cacheBytes: 1 << 26, workerFile: WORKER, ...options });
  pools.push(created);
  return created;
}

function call(signal = new AbortController().signal): ToolCall {
  return { tenantId: 't', signal, progress: () => undefined };
}

async function stored(work: PoolWork | InlineWork): Promise<StoredScore> {
  const parsed = await work.parse(CHORALE, 'mxl', call());
  return { id: 'bwv66-6', format: 'mxl', origin: 'test', importedAt: '2026-12-01T00:00:00Z', ...parsed };
}

afterEach(async () => {
  await Promise.all(pools.splice(0).map((created) => created.close()));
});

describe('PoolWork', () => {
  it('renders audio in a worker as in-process work does, and passes its coded errors back', async () => {
    const work = pool({ timeoutMs: 60_000 });
    const score = await stored(work);
    const options = { format: 'wav' as const, measures: { from: 1, to: 2 } };
    const [fromPool, fromInline] = [await work.renderAudio(score, options, call()), await new InlineWork().renderAudio(score, options, call())];
    expect(fromPool.bytes.length).toBe(fromInline.bytes.length);
    expect(fromPool.durationSeconds).toBe(fromInline.durationSeconds);
    await expect(work.renderAudio(score, { format: 'wav', measures: { from: 1, to: 90 } }, call())).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  }, 90_000);

  it('parses and computes exactly as in-process work does, sending each score to a worker once', async () => {
    const work = pool();
    const lookups: boolean[] = [];
    work.onCacheLookup((hit) => lookups.push(hit));
    // the workers store scores through Node's zlib, as the server's in-process work does
    const inline = new InlineWork(undefined, NATIVE_CODEC);
    const [fromPool, fromInline] = [await stored(work), await stored(inline)];
    expect(Buffer.from(fromPool.data).equals(Buffer.from(fromInline.data))).toBe(true);
    const input = { id: 'bwv66-6', regions: true };
    const expected = await inline.compute('analyze_key', input, [fromInline], call());
    expect(await work.compute('analyze_key', input, [fromPool], call())).toEqual(expected);
    expect(await work.compute('analyze_key', input, [fromPool], call())).toEqual(expected);
    expect(lookups).toEqual([false, true]);
  });

  it('edits version after version in a worker (each decoded from the runs the previous one left) exactly as in-process work does', async () => {
    const work = pool();
    // stored through Node's zlib on both sides, as the server stores imports, so the runs an edit reuses are the same bytes
    const inline = new InlineWork(undefined, NATIVE_CODEC);
    let [inPool, inProcess] = [await stored(work), await stored(inline)];
    const notes = ['P1-m2-v1-e1', 'P2-m3-v1-e2', 'P4-m5-v1-e1'];
    for (const [round, target] of notes.entries()) {
      const input = { id: 'bwv66-6', operations: [{ op: 'set_pitch', target, pitch: ['C5', 'E4', 'G2'][round] }, { op: 'transpose', from: String(round + 6), to: String(round + 7), interval: 'M2' }] };
      const [fromPool, fromInline] = [await work.compute('edit_score', input, [inPool], call()), await inline.compute('edit_score', input, [inProcess], call())];
      expect(fromPool).toEqual(fromInline);
      const { revised } = fromPool as { revised: { data: Uint8Array; summary: StoredScore['summary'] } };
      const next = (score: StoredScore): StoredScore => ({ ...score, data: revised.data, summary: revised.summary, revision: { version: round + 2, author: 't', at: '', change: '' } });
      [inPool, inProcess] = [next(inPool), next(inProcess)];
    }
    // and an analysis of the last version, read by the worker from its runs, is the in-process one
    const input = { id: 'bwv66-6' };
    expect(await work.compute('analyze_voice_leading', input, [inPool], call())).toEqual(await inline.compute('analyze_voice_leading', input, [inProcess], call()));
  });

  it('runs a light call on a small score in the calling thread, with the same answer, and sends heavy ones to a worker', async () => {
    const work = pool();
    const lookups: boolean[] = [];
    work.onCacheLookup((hit) => lookups.push(hit));
    const score = await stored(work);
    const completed = work.stats().completed;
    const light = await work.compute('analyze_key', { id: 'bwv66-6' }, [score], call());
    expect(light).toEqual(await new InlineWork().compute('analyze_key', { id: 'bwv66-6' }, [score], call()));
    expect([work.stats().completed, lookups]).toEqual([completed, []]);
    await work.compute('analyze_harmony', { id: 'bwv66-6' }, [score], call());
    expect(work.stats().completed).toBeGreaterThan(completed);
  });

  it('asked to start on the first task (a stdio server), has no thread until then, and then serves as usual', async () => {
    const work = pool({ threads: 2, startOnFirstTask: true });
    expect(work.stats()).toEqual({ threads: 0, queued: 0, utilization: 0, completed: 0 });
    const score = await stored(work);
    expect(work.stats().completed).toBe(1);
    expect(work.stats().threads).toBeGreaterThan(0);
    await work.compute('analyze_harmony', { id: 'bwv66-6' }, [score], call());
    expect(work.stats().completed).toBeGreaterThan(1);
  });

  it('turns coded failures inside a worker into the same coded errors', async () => {
    const work = pool();
    await expect(work.parse(new TextEncoder().encode('<score-partwise><part'), 'musicxml', call())).rejects.toMatchObject({ code: 'PARSE_FAILED' });
  });

  it('stops work past its time limit with TIMEOUT, and keeps serving', async () => {
    const work = pool({ timeoutMs: 1 });
    await expect(work.parse(CHORALE, 'mxl', call())).rejects.toMatchObject({ code: 'TIMEOUT' });
  });

  it('gives a call with its own time limit (a task) that limit instead of the pool’s', async () => {
    const work = pool({ timeoutMs: 1 });
    const parsed = await work.parse(CHORALE, 'mxl', { ...call(), timeoutMs: 60_000 });
    expect(parsed.summary.partCount).toBe(4);
  });

  it('stops work the client cancels with CANCELLED', async () => {
    const work = pool();
    const controller = new AbortController();
    const parsing = work.parse(CHORALE, 'mxl', call(controller.signal));
    controller.abort();
    await expect(parsing).rejects.toMatchObject({ code: 'CANCELLED' });
    expect((await stored(work)).summary.partCount).toBe(4);
  });

  it('refuses work beyond its queue at once with BUSY and a retry time, instead of queueing it', async () => {
    const work = pool({ maxQueue: 2 });
    await stored(work);
    const outcomes = await Promise.allSettled(Array.from({ length: 8 }, () => work.parse(CHORALE, 'mxl', call())));
    const busy = outcomes.filter((outcome) => outcome.status === 'rejected').map((outcome) => (outcome as PromiseRejectedResult).reason as { code: string; retryAfterSeconds: number });
    expect(busy.length).toBeGreaterThan(0);
    expect(busy.every((error) => error.code === 'BUSY' && error.retryAfterSeconds > 0)).toBe(true);
    expect(outcomes.some((outcome) => outcome.status === 'fulfilled')).toBe(true);
  });
});
