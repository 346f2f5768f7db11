/** Corpus batches: which files a batch takes, the rows it makes, and the same rows through a real BullMQ queue. */
import { mkdtempSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InlineWork } from '../../../src/mcp/inline-work.js';
import { summarizeReports } from '../../../src/mcp/score-report.js';
import { runOnQueue, startQueueWorker } from '../../../src/server/batch/queue.js';
import { runBatch } from '../../../src/server/batch/run-batch.js';
import { batchSources } from '../../../src/server/batch/sources.js';
import { BundledCorpus } from '../../../src/server/corpus.js';
import { TEST_SCORES } from '../../support/corpus.js';
import { TEST_REDIS_URL, deleteRedisKeys } from '../../support/redis.js';

const REDIS_URL = TEST_REDIS_URL;
const PREFIX = `cadenza-batch-test-${process.pid}`;
const folder = mkdtempSync(join(tmpdir(), 'cadenza-batch-'));
copyFileSync(`${TEST_SCORES}bach/bwv66.6.mxl`, join(folder, 'bwv66.6.mxl'));
copyFileSync(`${TEST_SCORES}bach/bwv269.mxl`, join(folder, 'bwv269.mxl'));
writeFileSync(join(folder, 'broken.musicxml'), '<score-partwise><part');
writeFileSync(join(folder, 'notes.txt'), 'not a score');

afterAll(async () => {
  rmSync(folder, { recursive: true, force: true });
  await deleteRedisKeys(`${PREFIX}:`);
});

describe('batch sources', () => {
  it('takes score files from folders, globs and the bundled corpus, each once, skipping other files', async () => {
    const corpus = new BundledCorpus();
    const sources = await batchSources([folder, join(folder, '*.mxl'), 'corpus'], corpus);
    const names = sources.map((source) => source.source.replace(folder, '<folder>'));
    expect(names.slice(0, 3)).toEqual(['<folder>/broken.musicxml', '<folder>/bwv269.mxl', '<folder>/bwv66.6.mxl']);
    expect(names.slice(3)).toEqual(corpus.list().map((entry) => `corpus:${entry.id}`));
    await expect(batchSources([join(folder, 'nothing-*.krn')], corpus)).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
  });
});

describe('batch runs', () => {
  it('makes one row per score in order, an error row for an unreadable one, and a summary', async () => {
    const sources = await batchSources([folder], new BundledCorpus());
    const seen: number[] = [];
    const rows = await runBatch(sources, new InlineWork(), 2, (index) => seen.push(index));
    expect(rows.map((row) => row.error?.code ?? row.key)).toEqual(['PARSE_FAILED', 'G major', 'F# minor']);
    expect(rows[2]).toMatchObject({ parts: 4, measures: 10, harmonies: expect.any(Number), cadences: expect.objectContaining({ PAC: expect.any(Number) }) });
    expect([...seen].sort()).toEqual([0, 1, 2]);
    const summary = summarizeReports(rows);
    expect(summary).toMatchObject({ scores: 3, failed: 1, modes: { major: 1, minor: 1 } });
    expect(summary.vocabulary[0]!.share).toBeGreaterThan(0);
    expect(summary.vocabulary.reduce((sum, entry) => sum + entry.count, 0)).toBeLessThanOrEqual(rows[1]!.harmonies! + rows[2]!.harmonies!);
  });

  it('gives the same rows through a BullMQ queue served by two worker processes’ worth of workers', async () => {
    const sources = await batchSources([folder, 'corpus'], new BundledCorpus());
    const expected = await runBatch(sources, new InlineWork(), 1, () => undefined);
    const workers = [startQueueWorker(REDIS_URL, PREFIX, 1), startQueueWorker(REDIS_URL, PREFIX, 1)];
    try {
      const rows = await runOnQueue(REDIS_URL, PREFIX, sources, () => undefined);
      expect(rows).toEqual(expected);
    } finally {
      await Promise.all(workers.map((worker) => worker.close()));
    }
  }, 30_000);
});
