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
  private manifest: ReadonlyMap<string, ManifestEntry> | undefined;

  constructor(private readonly directory = BUNDLED_CORPUS_DIR) {}

  /**
   * The manifest, read at the first use (every command builds the services, few use the corpus); a broken
   * manifest is a packaging bug and fails loudly.
   */
  private get entries(): ReadonlyMap<string, ManifestEntry> {
    if (this.manifest) return this.manifest;
    const manifest = manifestSchema.parse(JSON.parse(readFileSync(`${this.directory}/manifest.json`, 'utf8')));
    this.manifest = new Map(manifest.scores.map((entry) => [entry.id, entry]));
    return this.manifest;
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
