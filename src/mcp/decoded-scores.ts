/**
 * Decoded scores kept for reuse, bounded by an estimate of their decoded size (not the compressed one,
 * which is ten times smaller): decoding a chorale costs about ten times its key analysis, so each
 * thread that computes keeps the scores it was given. Beside them, the decoded runs of measures by their
 * compressed bytes: an edit makes a new version whose other runs are byte for byte the old ones, so the
 * thread decodes only the runs that changed (core/score-chunks.ts).
 */
import { LRUCache } from 'lru-cache';
import type { DecodedRun, MeasureRuns } from '../core/score-chunks.js';
import type { LoadedScore, StoredScore } from './ports.js';
import { loadStored } from './work.js';

/** the share of the bound given to runs of measures; they are mostly the same objects as the cached scores' */
const RUNS_SHARE = 0.25;
/** as loadStored counts a decoded score: three times its JSON text */
const MEMORY_PER_JSON_BYTE = 3;

export class DecodedScores {
  private readonly sizes = new Map<string, number>();
  private readonly scores: LRUCache<string, LoadedScore>;
  private readonly runs: MeasureRuns;

  constructor(maxBytes: number) {
    this.scores = new LRUCache<string, LoadedScore>({
      maxSize: Math.max(1, Math.floor(maxBytes * (1 - RUNS_SHARE))),
      sizeCalculation: (_score, key) => this.sizes.get(key) ?? 1,
      dispose: (_score, key) => this.sizes.delete(key),
    });
    this.runs = new RunsByBytes(Math.max(1, Math.floor(maxBytes * RUNS_SHARE)));
  }

  /** the cached score, else the decoded `data` (cached when it fits), else undefined */
  get(key: string, stored?: Omit<StoredScore, 'data'>, data?: Uint8Array): LoadedScore | undefined {
    const cached = this.scores.get(key);
    if (cached || !stored || !data) return cached;
    const { loaded, memoryBytes } = loadStored(stored, data, this.runs);
    this.sizes.set(key, Math.max(1, memoryBytes));
    this.scores.set(key, loaded);
    // lru-cache silently refuses an item larger than the whole cache
    if (!this.scores.has(key)) this.sizes.delete(key);
    return loaded;
  }
}

/** decoded runs keyed by their compressed bytes themselves (as a one-byte string), so equal keys are equal bytes */
class RunsByBytes implements MeasureRuns {
  private readonly runs: LRUCache<string, DecodedRun>;

  constructor(maxBytes: number) {
    this.runs = new LRUCache<string, DecodedRun>({ maxSize: maxBytes, sizeCalculation: (run, key) => Math.max(1, run.jsonBytes * MEMORY_PER_JSON_BYTE + key.length) });
  }

  get(compressed: Uint8Array): DecodedRun | undefined {
    return this.runs.get(keyOf(compressed));
  }

  set(compressed: Uint8Array, run: DecodedRun): void {
    this.runs.set(keyOf(compressed), run);
  }
}

function keyOf(compressed: Uint8Array): string {
  return Buffer.from(compressed.buffer, compressed.byteOffset, compressed.byteLength).toString('latin1');
}

/** the cache key of a stored score of a tenant: ids are unique per tenant, importedAt guards reuse, the version tells edits apart */
export function scoreKey(tenantId: string, stored: Pick<StoredScore, 'id' | 'importedAt' | 'revision'>): string {
  return `${tenantId}\n${stored.id}\n${stored.importedAt}\n${stored.revision?.version ?? 1}`;
}
