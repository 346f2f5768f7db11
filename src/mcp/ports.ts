/**
 * What the tools need from the outside world, as interfaces. The server layer implements them
 * (memory/SQLite/Redis stores, the file system, the bundled corpus) and the CLI plugs them together.
 */
import type { Diagnostic } from '../core/diagnostics.js';
import type { CorpusIndex } from '../corpus/corpus-index.js';
import type { Score } from '../core/score.js';
import type { ScoreSummary } from '../core/summary.js';
import { SCORE_FORMATS, type ScoreFormat } from '../formats/read-score.js';
import type { ToolCall, ToolResult } from './define-tool.js';
import type { RenderOptions, Rendered } from './render.js';
import type { AudioRenderOptions, RenderedAudio } from './render-audio.js';
import type { ScoreReport } from './score-report.js';
import type { TranscribedAudio } from './transcribe-audio.js';

/** How a stored score came to be: imported in one of the readable formats, or made by a generating tool. */
export const STORED_FORMATS = [...SCORE_FORMATS, 'generated'] as const;
export type StoredFormat = (typeof STORED_FORMATS)[number];

/** A score as stores keep it: its model encoded (core/score-codec), plus what listings and resources show. */
export interface StoredScore {
  readonly id: string;
  /** encodeScore(score): JSON bytes with a schema version */
  readonly data: Uint8Array;
  readonly summary: ScoreSummary;
  readonly format: StoredFormat;
  /** where it came from: a file path, "inline", "corpus:<id>", or "generated:<tool>" */
  readonly origin: string;
  readonly diagnostics: readonly Diagnostic[];
  /** ISO 8601 */
  readonly importedAt: string;
  /** which version this is, and who made it; absent on scores stored before versions: version 1 */
  readonly revision?: VersionInfo;
}

/** One immutable version of a score: its number (1 is the import), who made it, when, and why. */
export interface VersionInfo {
  readonly version: number;
  /** the subject of the credential that made it (or the tenant, where there is no subject) */
  readonly author: string;
  /** ISO 8601 */
  readonly at: string;
  /** one line: "Imported from corpus:bach/bwv66.6", "Edited: set pitch of P2-m3-v1-e2 to F#4" */
  readonly change: string;
}

/** An older version as kept: its facts, and the delta that turns its successor back into it (core/score-delta.ts). */
export interface PastVersion {
  readonly info: VersionInfo;
  readonly delta: Uint8Array;
}

/** A new version replacing the current one, if that is still `baseVersion`. */
export interface Revision {
  /** the new current version; its revision.version is baseVersion + 1 */
  readonly entry: StoredScore;
  readonly baseVersion: number;
  /** the version it replaces, kept in the history */
  readonly replaced: PastVersion;
}

export interface ScoreListing {
  readonly id: string;
  readonly title?: string;
  readonly composer?: string;
  readonly format: StoredFormat;
  readonly origin: string;
  readonly importedAt: string;
}

/** A stored score with its model decoded, as the pure compute step of a tool receives it. */
export interface LoadedScore extends Omit<StoredScore, 'data'> {
  readonly score: Score;
}

export interface TenantUsage {
  readonly scores: number;
  readonly bytes: number;
}

/** Scores kept per tenant; a tenant never sees another's ids. */
export interface ScoreStore {
  /** fails with QUOTA_EXCEEDED when the tenant's score or byte quota would be passed */
  put(tenantId: string, entry: StoredScore): Promise<void>;
  get(tenantId: string, id: string): Promise<StoredScore | undefined>;
  /** marks the score used now (its TTL starts again); false when it does not exist */
  touch(tenantId: string, id: string): Promise<boolean>;
  /** touch, answering the current version number (undefined when the score does not exist) */
  currentVersion(tenantId: string, id: string): Promise<number | undefined>;
  /**
   * Makes a new version current if the score is still at `baseVersion` (else CONFLICT naming the current
   * version; SCORE_NOT_FOUND when it is gone), keeping the replaced one in its history, from which the
   * oldest are dropped beyond the per-score bounds; QUOTA_EXCEEDED when the tenant's bytes would pass the quota.
   */
  commit(tenantId: string, revision: Revision): Promise<void>;
  /** the older versions kept, oldest first (empty for a score never changed, or none at all) */
  history(tenantId: string, id: string): Promise<readonly PastVersion[]>;
  list(tenantId: string): Promise<readonly ScoreListing[]>;
  /** true when something was deleted */
  delete(tenantId: string, id: string): Promise<boolean>;
  usage(tenantId: string): Promise<TenantUsage>;
  /** forgets every score of the tenant; returns how many there were */
  deleteTenant(tenantId: string): Promise<number>;
  /** damage found (integrity-check findings, scores whose checksum failed), named; empty when sound */
  problems(): Promise<readonly string[]>;
  /** all tenants together, for metrics and readiness (throws when the backend is unreachable) */
  totals(): Promise<TenantUsage>;
  /** keeps the scores from eviction while a call uses them; call the returned function when done */
  hold(tenantId: string, ids: readonly string[]): () => void;
}

/** How a catalogue (the bundled corpus's manifest) names a piece. */
export interface CatalogueEntry {
  readonly title: string;
  readonly composer?: string;
}

export interface ParsedForStore {
  readonly data: Uint8Array;
  readonly summary: ScoreSummary;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Where CPU-heavy work runs: a worker-thread pool on the server, in-process in tests. Implementations
 * enforce time limits and cancellation (call.signal) and refuse work with BUSY when saturated.
 */
export interface ScoreWork {
  /** `catalogue` names a corpus piece: its title and composer replace the file's */
  parse(bytes: Uint8Array, format: ScoreFormat, call: ToolCall, catalogue?: CatalogueEntry): Promise<ParsedForStore>;
  /** runs the pure `compute` step of a score tool on the given stored scores of the calling tenant */
  compute(toolName: string, input: unknown, scores: readonly StoredScore[], call: ToolCall): Promise<ToolResult<unknown>>;
  /** a corpus row for one score's bytes (an unreadable score gives a row with `error`) */
  report(source: string, bytes: Uint8Array, format: ScoreFormat, call: ToolCall): Promise<ScoreReport>;
  /** engraves a stored score (a page, or a measure range) as SVG or PNG */
  render(stored: StoredScore, options: RenderOptions, call: ToolCall): Promise<Rendered>;
  /** performs a stored score (or an excerpt) with the General MIDI bank, as an audio file */
  renderAudio(stored: StoredScore, options: AudioRenderOptions, call: ToolCall): Promise<RenderedAudio>;
  /** hears the notes in a recording and writes them as a new score (not stored yet) */
  transcribe(bytes: Uint8Array, title: string, call: ToolCall): Promise<TranscribedAudio>;
}

export interface FileContent {
  readonly bytes: Uint8Array;
  /** the resolved, canonical path that was read */
  readonly path: string;
}

/** Reads files only inside the configured allowed roots, and writes only inside the output roots. */
export interface ScoreFiles {
  read(path: string): Promise<FileContent>;
  /** writes (or replaces) a file inside the output roots; returns the canonical path written */
  write(path: string, bytes: Uint8Array): Promise<{ readonly path: string }>;
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

/** A named, searchable corpus as listings show it. */
export interface CorpusListing {
  readonly name: string;
  readonly pieces: number;
  readonly notes: number;
  readonly harmonies: number;
  /** the index's size on disk, in bytes (0 for one built in memory) */
  readonly bytes: number;
  /** ISO 8601; absent for the bundled corpus */
  readonly updatedAt?: string;
  /** true for the bundled corpus, which every tenant shares and none can change */
  readonly bundled: boolean;
}

/** Each tenant's named corpora (search_corpus, corpus_statistics); "bundled" is every tenant's and read-only. */
export interface CorpusLibrary {
  list(tenantId: string): Promise<readonly CorpusListing[]>;
  /** fails with CORPUS_NOT_FOUND when the tenant has no corpus of that name */
  open(tenantId: string, name: string): Promise<CorpusIndex>;
  save(tenantId: string, name: string, index: CorpusIndex): Promise<CorpusListing>;
  /** true when something was deleted */
  delete(tenantId: string, name: string): Promise<boolean>;
}

export interface ToolLimits {
  /** the largest score (file or inline content) accepted, in bytes */
  readonly maxInputBytes: number;
}

/** What health_check reports besides the store. */
export interface HealthProbe {
  checks(): Promise<readonly HealthCheck[]>;
}

export interface HealthCheck {
  readonly name: string;
  readonly ok: boolean;
  readonly message: string;
}

export interface Services {
  readonly store: ScoreStore;
  readonly files: ScoreFiles;
  readonly corpus: ScoreCorpus;
  readonly corpora: CorpusLibrary;
  readonly limits: ToolLimits;
  readonly work: ScoreWork;
  readonly health: HealthProbe;
  /** now, as an ISO string; injected so tests control time */
  readonly now: () => string;
  /** a fresh, unguessable id suffix */
  readonly newId: () => string;
}
