/**
 * Counted n-grams over string tokens with "stupid" back-off (Brants et al., "Large Language Models in
 * Machine Translation", 2007): ask the longest context first and fall back to shorter ones when it was
 * never seen or when every continuation it knows is ruled out by the caller. Plain data, so a learned
 * model can be stored or sent between threads as it is.
 */
import type { Random } from '../random.js';

/** context key → next token → count; index 0 of an NgramModel holds the empty context "" */
export type NgramTable = Record<string, Record<string, number>>;

/** one table per context length, 0 … order */
export type NgramModel = NgramTable[];

/** emptyNgramModel(2) → three empty tables, for contexts of length 0, 1 and 2 */
export function emptyNgramModel(order: number): NgramModel {
  return Array.from({ length: order + 1 }, () => ({}));
}

/** countNgram(model, ['4', '2'], '-1') → the continuation "-1" counted after "2", after "4,2" and unconditioned */
export function countNgram(model: NgramModel, context: readonly string[], token: string): void {
  for (let length = 0; length < model.length && length <= context.length; length++) {
    const key = context.slice(context.length - length).join(',');
    const table = model[length]!;
    const row = (table[key] ??= {});
    row[token] = (row[token] ?? 0) + 1;
  }
}

/** contextCount(model) → how many distinct contexts were seen at each length, e.g. [1, 12, 80] */
export function contextCount(model: NgramModel): number[] {
  return model.map((table) => Object.keys(table).length);
}

/**
 * sampleNgram(model, ['4', '2'], 2, random, (token) => weight) → a token seen after the longest known
 * context the weights allow, or undefined when even the unconditioned table offers nothing allowed.
 * `weight` scales each count (0 rules a token out), so callers can steer (range, consonance, cadence)
 * without the model knowing why.
 */
export function sampleNgram(
  model: NgramModel,
  context: readonly string[],
  order: number,
  random: Random,
  weight: (token: string) => number = () => 1,
): string | undefined {
  for (let length = Math.min(order, context.length, model.length - 1); length >= 0; length--) {
    const row = model[length]![context.slice(context.length - length).join(',')];
    if (!row) continue;
    // sorted so the draw does not depend on the order in which tokens were first counted
    const tokens = Object.keys(row).sort();
    const weights = tokens.map((token) => row[token]! * weight(token));
    const total = weights.reduce((sum, value) => sum + value, 0);
    if (total <= 0) continue;
    let target = random.next() * total;
    let chosen: string | undefined;
    for (let index = 0; index < tokens.length && target >= 0; index++) {
      if (weights[index]! <= 0) continue;
      chosen = tokens[index];
      target -= weights[index]!;
    }
    return chosen;
  }
  return undefined;
}
