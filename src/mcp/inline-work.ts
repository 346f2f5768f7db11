/**
 * Runs tool work in the calling thread. For tests and single-user tools (the CLI); the server uses the
 * worker pool, which adds time limits and keeps the event loop free. It computes the score tools it is
 * given, or every one (loaded when first needed, so a command that names its few tools loads only those).
 */
import { CadenzaError } from '../core/errors.js';
import { decodeScore, type EncodeOptions } from '../core/score-codec.js';
import type { ReadOptions, ScoreFormat } from '../formats/read-score.js';
import type { ScoreTool, ToolCall, ToolResult } from './define-tool.js';
import type { CatalogueEntry, ParsedForStore, ScoreWork, StoredScore } from './ports.js';
import { DecodedScores, scoreKey } from './decoded-scores.js';
import { renderScore, type RenderOptions, type Rendered } from './render.js';
import type { AudioRenderOptions, RenderedAudio } from './render-audio.js';
import type { TranscribedAudio } from './transcribe-audio.js';
import { reportSource, type ScoreReport } from './score-report.js';
import { computeTool, parseForStore, withoutData } from './work.js';

const CACHE_BYTES = 64 * 1024 * 1024;

export class InlineWork implements ScoreWork {
  private readonly scores = new DecodedScores(CACHE_BYTES);

  constructor(
    private readonly scoreTools?: ReadonlyMap<string, ScoreTool>,
    /** what the host plugs into reading and storing scores (a Node host: its zlib) */
    private readonly codec: ReadOptions & EncodeOptions = {},
  ) {}

  async parse(bytes: Uint8Array, format: ScoreFormat, call: ToolCall, catalogue?: CatalogueEntry): Promise<ParsedForStore> {
    throwIfCancelled(call);
    return parseForStore(bytes, format, catalogue, this.codec);
  }

  async compute(toolName: string, input: unknown, scores: readonly StoredScore[], call: ToolCall): Promise<ToolResult<unknown>> {
    throwIfCancelled(call);
    const loaded = scores.map((stored) => this.scores.get(scoreKey(call.tenantId, stored), withoutData(stored), stored.data)!);
    const scoreTools = this.scoreTools ?? (await import('./score-tools.js')).SCORE_TOOLS;
    return computeTool(scoreTools, toolName, input, loaded);
  }

  async render(stored: StoredScore, options: RenderOptions, call: ToolCall): Promise<Rendered> {
    throwIfCancelled(call);
    return renderScore(decodeScore(stored.data), options);
  }

  async renderAudio(stored: StoredScore, options: AudioRenderOptions, call: ToolCall): Promise<RenderedAudio> {
    throwIfCancelled(call);
    const { renderAudio } = await import('./render-audio.js');
    return renderAudio(decodeScore(stored.data), options);
  }

  async transcribe(bytes: Uint8Array, title: string, call: ToolCall): Promise<TranscribedAudio> {
    throwIfCancelled(call);
    const { transcribeAudio } = await import('./transcribe-audio.js');
    return transcribeAudio(bytes, title);
  }

  async report(source: string, bytes: Uint8Array, format: ScoreFormat, call: ToolCall): Promise<ScoreReport> {
    throwIfCancelled(call);
    return reportSource(source, bytes, format);
  }
}

function throwIfCancelled(call: ToolCall): void {
  if (call.signal.aborted) throw new CadenzaError('CANCELLED', 'The call was cancelled before it started.');
}
