/**
 * `cadenza batch [inputs…]`: a corpus report (one row per score, then a summary) over files, folders,
 * globs or the bundled corpus; on this machine's worker threads, or with --queue on Redis workers
 * (`cadenza worker`). `cadenza worker --queue URL`: serve such batches.
 */
import { createWriteStream } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { SingleBar } from 'cli-progress';
import { isCadenzaError } from '../core/errors.js';
import { summarizeReports, type CorpusSummary, type ScoreReport } from '../mcp/score-report.js';
import { runOnQueue, startQueueWorker } from '../server/batch/queue.js';
import { runBatch } from '../server/batch/run-batch.js';
import { batchSources } from '../server/batch/sources.js';
import { BundledCorpus } from '../server/corpus.js';
import { PoolWork } from '../server/work/pool.js';

interface BatchOptions {
  readonly out?: string;
  readonly summary?: string;
  readonly threads: string;
  readonly queue?: string;
  readonly prefix: string;
}

export function registerBatch(program: Command): void {
  program
    .command('batch')
    .description('Analyse many scores (files, folders, globs, or "corpus" for the bundled corpus): key, harmony, cadences per score, then a summary')
    .argument('[inputs...]', 'score files, folders, globs, or "corpus"', ['corpus'])
    .option('--out <file>', 'rows as JSON lines (.jsonl) or CSV (.csv); default: JSON lines on stdout')
    .option('--summary <file>', 'write the summary (key distribution, chord vocabulary, cadences) as JSON; default: stderr')
    .option('--threads <n>', 'worker threads on this machine', String(availableParallelism()))
    .option('--queue <redis-url>', 'run as BullMQ jobs on this Redis, for `cadenza worker` processes')
    .option('--prefix <prefix>', 'BullMQ key prefix', 'cadenza-bull')
    .action(async (inputs: string[], options: BatchOptions) => {
      try {
        const sources = await batchSources(inputs, new BundledCorpus());
        const bar = progressBar(sources.length);
        const onRow = () => bar?.increment();
        const started = performance.now();
        const rows = options.queue ? await runOnQueue(options.queue, options.prefix, sources, onRow) : await inProcess(sources, Number(options.threads), onRow);
        bar?.stop();
        const seconds = (performance.now() - started) / 1000;
        await writeRows(rows, options.out);
        writeSummary(summarizeReports(rows), options.summary);
        process.stderr.write(`${rows.length} scores in ${seconds.toFixed(1)} s (${(rows.length / seconds).toFixed(1)} scores/s)${options.queue ? ' on the queue' : ''}.\n`);
      } catch (error) {
        if (isCadenzaError(error)) program.error(`${error.code}: ${error.message}`, { exitCode: 66 });
        throw error;
      }
    });
  program
    .command('worker')
    .description('Process `cadenza batch --queue` jobs from Redis until stopped (SIGTERM finishes the current jobs)')
    .requiredOption('--queue <redis-url>', 'the Redis holding the queue')
    .option('--prefix <prefix>', 'BullMQ key prefix', 'cadenza-bull')
    .option('--concurrency <n>', 'jobs at once in this process', '1')
    .action(async (options: { queue: string; prefix: string; concurrency: string }) => {
      const worker = startQueueWorker(options.queue, options.prefix, Number(options.concurrency));
      await worker.waitUntilReady();
      process.stderr.write(`cadenza worker ready on ${new URL(options.queue).host}\n`);
      for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void worker.close().then(() => process.exit(0)));
    });
}

async function inProcess(sources: Parameters<typeof runBatch>[0], threads: number, onRow: () => void): Promise<ScoreReport[]> {
  const pool = new PoolWork({ threads: Math.max(1, threads), maxQueue: 1024, timeoutMs: 120_000, cacheBytes: 1 << 20 });
  try {
    return await runBatch(sources, pool, Math.max(1, threads) * 2, onRow);
  } finally {
    await pool.close();
  }
}

function progressBar(total: number): SingleBar | undefined {
  if (!process.stderr.isTTY) return undefined;
  const bar = new SingleBar({ stream: process.stderr, format: 'scores {bar} {value}/{total} ({percentage}%) eta {eta}s', hideCursor: true });
  bar.start(total, 0);
  return bar;
}

const CSV_COLUMNS = ['source', 'title', 'composer', 'parts', 'measures', 'notes', 'key', 'keyCorrelation', 'harmonies', 'topFigures', 'cadences', 'error'] as const;

async function writeRows(rows: readonly ScoreReport[], file: string | undefined): Promise<void> {
  const out = file ? createWriteStream(file) : process.stdout;
  const csv = file?.toLowerCase().endsWith('.csv') ?? false;
  if (csv) out.write(`${CSV_COLUMNS.join(',')}\n`);
  for (const row of rows) out.write(csv ? `${CSV_COLUMNS.map((column) => csvCell(csvValue(row, column))).join(',')}\n` : `${JSON.stringify(row)}\n`);
  if (file) await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

function csvValue(row: ScoreReport, column: (typeof CSV_COLUMNS)[number]): string {
  if (column === 'topFigures') return Object.entries(row.figures ?? {}).sort((a, b) => b[1] - a[1]).slice(0, 5).map(([figure, count]) => `${figure}:${count}`).join(' ');
  if (column === 'cadences') return Object.entries(row.cadences ?? {}).map(([type, count]) => `${type}:${count}`).join(' ');
  if (column === 'error') return row.error ? `${row.error.code}: ${row.error.message}` : '';
  const value = row[column];
  return value === undefined ? '' : String(value);
}

function csvCell(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function writeSummary(summary: CorpusSummary, file: string | undefined): void {
  const text = JSON.stringify(summary, null, 2);
  if (file) createWriteStream(file).end(`${text}\n`);
  else process.stderr.write(`${text}\n`);
}
