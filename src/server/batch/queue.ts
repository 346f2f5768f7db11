/**
 * Batches across processes and machines: each score is a BullMQ job on Redis, processed by any number
 * of `cadenza worker` processes. The producer waits for every job's row and returns them in input order.
 */
import { Queue, QueueEvents, Worker, type ConnectionOptions } from 'bullmq';
import type { ScoreFormat } from '../../formats/read-score.js';
import { reportSource, type ScoreReport } from '../../mcp/score-report.js';
import type { RowListener } from './run-batch.js';
import type { BatchSource } from './sources.js';

export const BATCH_QUEUE = 'cadenza-batch';

interface JobData {
  readonly source: string;
  readonly format: ScoreFormat;
  /** base64: job data is JSON in Redis */
  readonly bytes: string;
}

function connection(redisUrl: string): ConnectionOptions {
  const url = new URL(redisUrl);
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
    maxRetriesPerRequest: null,
  };
}

/** Enqueues one job per source and waits for all of them. */
export async function runOnQueue(redisUrl: string, prefix: string, sources: readonly BatchSource[], onRow: RowListener): Promise<ScoreReport[]> {
  const queue = new Queue<JobData, ScoreReport>(BATCH_QUEUE, { connection: connection(redisUrl), prefix });
  const events = new QueueEvents(BATCH_QUEUE, { connection: connection(redisUrl), prefix });
  // one completion listener per job waiting on the same emitters
  queue.setMaxListeners(sources.length + 16);
  events.setMaxListeners(sources.length + 16);
  try {
    await events.waitUntilReady();
    const jobs = await queue.addBulk(
      await Promise.all(
        sources.map(async (source) => ({
          name: 'report',
          data: { source: source.source, format: source.format, bytes: Buffer.from(await source.read()).toString('base64') },
          opts: { removeOnComplete: { age: 3600 }, removeOnFail: { age: 24 * 3600 }, attempts: 2 },
        })),
      ),
    );
    return await Promise.all(
      jobs.map(async (job, index) => {
        const row = (await job.waitUntilFinished(events)) as ScoreReport;
        onRow(index, row);
        return row;
      }),
    );
  } finally {
    await events.close();
    await queue.close();
  }
}

/** `cadenza worker`: processes batch jobs until closed. */
export function startQueueWorker(redisUrl: string, prefix: string, concurrency: number): Worker<JobData, ScoreReport> {
  return new Worker<JobData, ScoreReport>(
    BATCH_QUEUE,
    async (job) => reportSource(job.data.source, new Uint8Array(Buffer.from(job.data.bytes, 'base64')), job.data.format),
    { connection: connection(redisUrl), prefix, concurrency },
  );
}
