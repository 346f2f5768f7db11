/**
 * Builds a corpus index from files and folders: every score file found (a tune book counts by tune),
 * read and analysed on worker threads, pieces named by their path under the folder given. This is the
 * seam for indexing as a background task: a task runner calls buildCorpusFromFiles with its own progress.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { basename, join, relative, resolve } from 'node:path';
import { Piscina } from 'piscina';
import { CadenzaError } from '../core/errors.js';
import type { PieceExtract } from '../corpus/piece.js';
import type { SourceOutcome } from '../corpus/sources.js';
import { formatFromFileName } from '../formats/read-score.js';
import type { SourceTask } from './corpus-build-worker.js';

export interface CorpusBuildOptions {
  /** worker threads; default all cores */
  readonly threads?: number;
  /** analyse harmony of pieces in several voices (slower); default true */
  readonly harmony?: boolean;
  /** told after each file: files done, files in all, the file */
  readonly progress?: (done: number, total: number, file: string) => void;
}

export interface CorpusBuild {
  /** the pieces read, for buildCorpusIndex or appendPieces */
  readonly pieces: readonly PieceExtract[];
  readonly files: number;
  readonly failures: readonly { readonly id: string; readonly message: string }[];
}

/** buildCorpusFromFiles(["music21/corpus/bach"]) → the pieces of every score under it */
export async function buildCorpusFromFiles(paths: readonly string[], options: CorpusBuildOptions = {}): Promise<CorpusBuild> {
  const files = (await Promise.all(paths.map((path) => scoreFiles(resolve(path))))).flat();
  if (files.length === 0) throw new CadenzaError('FILE_NOT_FOUND', `No score files under ${paths.join(', ')}.`, { hint: 'Give files or folders with .abc, .krn, .mxl, .musicxml, .xml, .mei or .mid files.' });
  const pool = new Piscina<SourceTask, SourceOutcome>({
    filename: new URL('./corpus-build-worker.js', import.meta.url).href,
    maxThreads: options.threads ?? availableParallelism(),
    minThreads: 1,
  });
  const outcomes: SourceOutcome[] = new Array(files.length);
  let done = 0;
  try {
    await Promise.all(
      files.map(async (file, position) => {
        const bytes = new Uint8Array(await readFile(file.path));
        outcomes[position] = await pool.run({ bytes, format: file.format, id: file.id, harmony: options.harmony ?? true });
        options.progress?.(++done, files.length, file.id);
      }),
    );
  } finally {
    await pool.destroy();
  }
  return { pieces: outcomes.flatMap((outcome) => outcome.pieces), files: files.length, failures: outcomes.flatMap((outcome) => outcome.failures) };
}

interface ScoreFile {
  readonly path: string;
  readonly id: string;
  readonly format: NonNullable<ReturnType<typeof formatFromFileName>>;
}

/** the score files at a path (a file, or everything under a folder), in name order, named relative to it */
async function scoreFiles(root: string): Promise<ScoreFile[]> {
  const found = await stat(root).catch(() => {
    throw new CadenzaError('FILE_NOT_FOUND', `No file or folder ${root}.`);
  });
  if (!found.isDirectory()) {
    const format = formatFromFileName(root);
    return format ? [{ path: root, id: basename(root), format }] : [];
  }
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort()
    .flatMap((path) => {
      const format = formatFromFileName(path);
      return format ? [{ path, id: relative(root, path).split('\\').join('/'), format }] : [];
    });
}
