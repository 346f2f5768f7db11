/** The bundled corpus: public-domain scores shipped in the package's corpus/ folder, listed in its manifest. */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { CadenzaError } from '../core/errors.js';
import { SCORE_FORMATS } from '../formats/read-score.js';
import type { CorpusEntry, ScoreCorpus } from '../mcp/ports.js';

/** dist/server/corpus.js and src/server/corpus.ts both sit two folders below the package root. */
export const BUNDLED_CORPUS_DIR = fileURLToPath(new URL('../../corpus/', import.meta.url));

const manifestSchema = z.object({
  scores: z.array(
    z.object({
      id: z.string().regex(/^[a-z0-9][a-z0-9._/-]*$/i),
      file: z.string(),
      format: z.enum(SCORE_FORMATS),
      title: z.string(),
      composer: z.string().optional(),
    }),
  ),
});

type ManifestEntry = z.infer<typeof manifestSchema>['scores'][number];

export class BundledCorpus implements ScoreCorpus {
  private readonly entries: ReadonlyMap<string, ManifestEntry>;

  /** Reads the manifest once, at start-up; a broken manifest is a packaging bug and fails loudly. */
  constructor(private readonly directory = BUNDLED_CORPUS_DIR) {
    const manifest = manifestSchema.parse(JSON.parse(readFileSync(`${directory}/manifest.json`, 'utf8')));
    this.entries = new Map(manifest.scores.map((entry) => [entry.id, entry]));
  }

  list(): readonly CorpusEntry[] {
    return [...this.entries.values()].map(toCorpusEntry);
  }

  async read(id: string): Promise<{ entry: CorpusEntry; bytes: Uint8Array }> {
    const entry = this.entries.get(id);
    if (!entry) throw new CadenzaError('CORPUS_NOT_FOUND', `No corpus score "${id}".`);
    const bytes = await readFile(`${this.directory}/${entry.file}`);
    return { entry: toCorpusEntry(entry), bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length) };
  }
}

function toCorpusEntry({ id, title, composer, format }: ManifestEntry): CorpusEntry {
  return composer === undefined ? { id, title, format } : { id, title, composer, format };
}
