/**
 * Each tenant's corpus indexes as files under the data folder (corpora/t-<tenant>/<name>.cdzc, paths from
 * store/keys.ts), written whole and renamed into place so a reader never sees half a file; the bundled
 * corpus is built in memory at its first use. Opened indexes are kept while there is room.
 */
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { CadenzaError } from '../core/errors.js';
import { decodeCorpusIndex, encodeCorpusIndex } from '../corpus/codec.js';
import { BUNDLED_CORPUS_NAME, type CorpusIndex } from '../corpus/corpus-index.js';
import type { CorpusLibrary, CorpusListing } from '../mcp/ports.js';
import { checkCorpusName, tenantCorpusFile, tenantCorpusFolder } from './store/keys.js';

/** opened indexes kept in memory; a large corpus (10,000 pieces) takes about 60 MB decoded */
const OPEN_INDEXES = 4;

export class CorpusFiles implements CorpusLibrary {
  private readonly opened = new Map<string, { index: CorpusIndex; modified: number }>();
  private bundled?: Promise<CorpusIndex>;

  /** `buildBundled` makes the bundled corpus's index (once, at first use) */
  constructor(
    private readonly folder: string,
    private readonly buildBundled: () => Promise<CorpusIndex>,
    private readonly now: () => string = () => new Date().toISOString(),
  ) {}

  async list(tenantId: string): Promise<readonly CorpusListing[]> {
    const bundled: CorpusListing = { name: BUNDLED_CORPUS_NAME, pieces: 0, notes: 0, harmonies: 0, bytes: 0, bundled: true, ...(this.bundledSize ?? {}) };
    const folder = join(this.folder, tenantCorpusFolder(tenantId));
    const names = await readdir(folder).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? [] : Promise.reject(error)));
    const own = await Promise.all(names.filter((name) => name.endsWith('.json')).map(async (name) => JSON.parse(await readFile(join(folder, name), 'utf8')) as CorpusListing));
    return [bundled, ...own.sort((a, b) => a.name.localeCompare(b.name))];
  }

  async open(tenantId: string, name: string): Promise<CorpusIndex> {
    if (name === BUNDLED_CORPUS_NAME) return this.openBundled();
    const file = join(this.folder, tenantCorpusFile(tenantId, name));
    const modified = await stat(file).then(
      (found) => found.mtimeMs,
      () => {
        throw new CadenzaError('CORPUS_NOT_FOUND', `You have no corpus named "${name}".`, { hint: 'Call list_corpora for your corpora, or build one with create_corpus.' });
      },
    );
    const cached = this.opened.get(file);
    if (cached?.modified === modified) return cached.index;
    const index = decodeCorpusIndex(new Uint8Array(await readFile(file)));
    this.opened.delete(file);
    this.opened.set(file, { index, modified });
    if (this.opened.size > OPEN_INDEXES) this.opened.delete(this.opened.keys().next().value!);
    return index;
  }

  async save(tenantId: string, name: string, index: CorpusIndex): Promise<CorpusListing> {
    refuseBundled(name);
    const file = join(this.folder, tenantCorpusFile(tenantId, checkCorpusName(name)));
    const bytes = encodeCorpusIndex(index);
    const listing: CorpusListing = { name, ...sizes(index), bytes: bytes.length, updatedAt: this.now(), bundled: false };
    await mkdir(dirname(file), { recursive: true, mode: 0o700 });
    await replaceFile(file, bytes);
    await replaceFile(listingFile(file), new TextEncoder().encode(JSON.stringify(listing)));
    this.opened.delete(file);
    return listing;
  }

  async delete(tenantId: string, name: string): Promise<boolean> {
    refuseBundled(name);
    const file = join(this.folder, tenantCorpusFile(tenantId, name));
    const existed = await stat(file).then(() => true, () => false);
    await rm(listingFile(file), { force: true });
    await rm(file, { force: true });
    this.opened.delete(file);
    return existed;
  }

  private bundledSize?: Pick<CorpusListing, 'pieces' | 'notes' | 'harmonies'>;

  private openBundled(): Promise<CorpusIndex> {
    this.bundled ??= this.buildBundled().then(
      (index) => ((this.bundledSize = sizes(index)), index),
      (error: unknown) => {
        this.bundled = undefined;
        throw error;
      },
    );
    return this.bundled;
  }
}

function sizes(index: CorpusIndex): Pick<CorpusListing, 'pieces' | 'notes' | 'harmonies'> {
  return { pieces: index.pieces.length, notes: index.notes.midi.length, harmonies: index.harmonies.figure.length };
}

function refuseBundled(name: string): void {
  if (name === BUNDLED_CORPUS_NAME) throw new CadenzaError('FORBIDDEN', 'The bundled corpus cannot be changed.', { hint: 'Give your corpus another name.' });
}

function listingFile(indexFile: string): string {
  return indexFile.replace(/\.cdzc$/, '.json');
}

async function replaceFile(file: string, bytes: Uint8Array): Promise<void> {
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(temporary, bytes, { mode: 0o600 });
  await rename(temporary, file);
}
