/** A worker thread of the corpus builder: reads one file and extracts its pieces (a tune book gives many). */
import { extractSource, type SourceOutcome } from '../corpus/sources.js';
import type { ScoreFormat } from '../formats/read-score.js';

export interface SourceTask {
  readonly bytes: Uint8Array;
  readonly format: ScoreFormat;
  readonly id: string;
  readonly harmony: boolean;
}

export default function run(task: SourceTask): SourceOutcome {
  return extractSource(task.bytes, task.format, task.id, { harmony: task.harmony });
}
