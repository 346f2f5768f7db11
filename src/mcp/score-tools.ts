/**
 * Every score tool, by name: what the worker threads and the server's in-process work compute. Kept apart
 * from work.ts so that a caller naming the few tools it needs (the command line) loads only those.
 */
import { TOOLS } from './tools/index.js';
import { scoreToolsOf } from './work.js';

export const SCORE_TOOLS = scoreToolsOf(TOOLS);

/** isLightCall("analyze_key", { id }) → true: cheap enough to run where it is asked (see ScoreTool.light) */
export function isLightCall(name: string, input: unknown): boolean {
  return SCORE_TOOLS.get(name)?.light?.(input as never) ?? false;
}
