/**
 * What a batch analyses: score files named directly, every score file under a folder, the files a glob
 * matches, or "corpus" for the bundled corpus. Each source is read only when its turn comes.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { glob } from 'tinyglobby';
import { CadenzaError } from '../../core/errors.js';
import { formatFromFileName, type ScoreFormat } from '../../formats/read-score.js';
import type { ScoreCorpus } from '../../mcp/ports.js';

export interface BatchSource {
  readonly source: string;
  readonly format: ScoreFormat;
  read(): Promise<Uint8Array>;
}

/** batchSources(["corpus", "scores/", "more/*.krn"], corpus) → every score they name, in order, once */
export async function batchSources(inputs: readonly string[], corpus: ScoreCorpus): Promise<BatchSource[]> {
  const sources: BatchSource[] = [];
  const seen = new Set<string>();
  const add = (source: BatchSource) => {
    if (seen.has(source.source)) return;
    seen.add(source.source);
    sources.push(source);
  };
  for (const input of inputs) {
    if (input === 'corpus') {
      for (const entry of corpus.list()) add({ source: `corpus:${entry.id}`, format: entry.format, read: async () => (await corpus.read(entry.id)).bytes });
      continue;
    }
    for (const path of await filesOf(input)) {
      const format = formatFromFileName(path);
      if (format) add({ source: path, format, read: async () => new Uint8Array(await readFile(path)) });
    }
  }
  return sources;
}

async function filesOf(input: string): Promise<string[]> {
  const kind = await stat(input).catch(() => undefined);
  if (kind?.isFile()) return [resolve(input)];
  if (kind?.isDirectory()) return (await walk(resolve(input))).sort();
  const matched = await glob(input, { absolute: true, onlyFiles: true });
  if (matched.length === 0) throw new CadenzaError('FILE_NOT_FOUND', `Nothing matches "${input}".`);
  return matched.sort();
}

async function walk(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => (entry.isDirectory() ? walk(join(folder, entry.name)) : Promise.resolve(entry.isFile() ? [join(folder, entry.name)] : []))),
  );
  return nested.flat();
}
