/**
 * What the tools need from the outside world, as interfaces. The server layer implements them
 * (memory/SQLite/Redis stores, the file system, the bundled corpus) and the CLI plugs them together.
 */
import type { Diagnostic } from '../core/diagnostics.js';
import type { Score } from '../core/score.js';
import type { ScoreFormat } from '../formats/read-score.js';

export interface StoredScore {
  readonly id: string;
  readonly score: Score;
  readonly format: ScoreFormat;
  /** where it came from: a file path, "inline", or "corpus:<id>" */
  readonly origin: string;
  readonly diagnostics: readonly Diagnostic[];
  /** ISO 8601 */
  readonly importedAt: string;
}

export interface ScoreListing {
  readonly id: string;
  readonly title?: string;
  readonly composer?: string;
  readonly format: ScoreFormat;
  readonly origin: string;
  readonly importedAt: string;
}

/** Scores kept per tenant; a tenant never sees another's ids. */
export interface ScoreStore {
  put(tenantId: string, entry: StoredScore): Promise<void>;
  get(tenantId: string, id: string): Promise<StoredScore | undefined>;
  list(tenantId: string): Promise<readonly ScoreListing[]>;
  /** true when something was deleted */
  delete(tenantId: string, id: string): Promise<boolean>;
}

export interface FileContent {
  readonly bytes: Uint8Array;
  /** the resolved, canonical path that was read */
  readonly path: string;
}

/** Reads files only inside the configured allowed roots. */
export interface ScoreFiles {
  read(path: string): Promise<FileContent>;
}

export interface CorpusEntry {
  readonly id: string;
  readonly title: string;
  readonly composer?: string;
  readonly format: ScoreFormat;
}

/** The public-domain scores bundled with Cadenza, available offline. */
export interface ScoreCorpus {
  list(): readonly CorpusEntry[];
  read(id: string): Promise<{ readonly entry: CorpusEntry; readonly bytes: Uint8Array }>;
}

export interface ToolLimits {
  /** the largest score (file or inline content) accepted, in bytes */
  readonly maxInputBytes: number;
}

export interface Services {
  readonly store: ScoreStore;
  readonly files: ScoreFiles;
  readonly corpus: ScoreCorpus;
  readonly limits: ToolLimits;
  /** now, as an ISO string; injected so tests control time */
  readonly now: () => string;
  /** a fresh, unguessable id suffix */
  readonly newId: () => string;
}
