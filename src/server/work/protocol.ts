/** Messages between the pool (main thread) and its worker threads. */
import type { ErrorCode } from '../../core/errors.js';
import type { ToolResult } from '../../mcp/define-tool.js';
import type { CatalogueEntry, ParsedForStore, StoredScore } from '../../mcp/ports.js';
import type { RenderOptions, Rendered } from '../../mcp/render.js';
import type { AudioRenderOptions, RenderedAudio } from '../../mcp/render-audio.js';
import type { ScoreReport } from '../../mcp/score-report.js';
import type { TranscribedAudio } from '../../mcp/transcribe-audio.js';
import type { ScoreFormat } from '../../formats/read-score.js';

export interface ParseTask {
  readonly kind: 'parse';
  readonly bytes: Uint8Array;
  readonly format: ScoreFormat;
  readonly catalogue?: CatalogueEntry;
}

/** A score as sent to a worker: its key, plus the score itself only when the worker said it lacks it. */
export interface ScoreRef {
  readonly key: string;
  readonly stored?: Omit<StoredScore, 'data'>;
  readonly data?: Uint8Array;
}

export interface ComputeTask {
  readonly kind: 'compute';
  readonly tool: string;
  readonly input: unknown;
  readonly scores: readonly ScoreRef[];
}

export interface ReportTask {
  readonly kind: 'report';
  readonly source: string;
  readonly bytes: Uint8Array;
  readonly format: ScoreFormat;
}

export interface RenderTask {
  readonly kind: 'render';
  /** the encoded score: rendering is slow enough that sending it each time costs nothing that shows */
  readonly data: Uint8Array;
  readonly options: RenderOptions;
}

export interface AudioTask {
  readonly kind: 'audio';
  /** the encoded score, as for RenderTask */
  readonly data: Uint8Array;
  readonly options: AudioRenderOptions;
}

export interface TranscribeTask {
  readonly kind: 'transcribe';
  readonly bytes: Uint8Array;
  readonly title: string;
}

export type WorkTask = ParseTask | ComputeTask | ReportTask | RenderTask | AudioTask | TranscribeTask;

/** Coded errors cross the thread boundary as data: structured clone drops an Error's own fields. */
export interface WorkFailure {
  readonly failed: { readonly code: ErrorCode; readonly message: string; readonly hint: string };
}

export type ParseReply = { readonly parsed: ParsedForStore } | WorkFailure;
export type RenderReply = { readonly rendered: Rendered } | WorkFailure;
export type AudioReply = { readonly audio: RenderedAudio } | WorkFailure;
export type TranscribeReply = { readonly transcribed: TranscribedAudio } | WorkFailure;
export type ReportReply = { readonly report: ScoreReport } | WorkFailure;
export type ComputeReply = { readonly result: ToolResult<unknown> } | { readonly missing: readonly string[] } | WorkFailure;
