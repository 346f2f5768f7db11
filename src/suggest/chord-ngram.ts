/**
 * A chord n-gram model: how often each roman numeral followed each run of up to (order − 1) numerals in
 * a corpus, and the probability of the next chord by Witten–Bell interpolation (Witten & Bell 1991, as
 * in Chen & Goodman 1998): a context seen often with few different followers trusts its own counts, a
 * rare or varied one leans on the shorter context, down to the corpus's chord frequencies.
 */

export interface ChordNgramModel {
  readonly order: number;
  readonly vocabulary: readonly string[];
  /** context (vocabulary ids joined by " ", "" for none) → [next id, count] pairs */
  readonly followers: Readonly<Record<string, readonly (readonly [number, number])[]>>;
}

export interface ChordProbability {
  readonly figure: string;
  readonly probability: number;
}

/** trainChordNgram([["I", "IV", "V", "I"]], 3) → a model whose "IV V" context is followed by "I" */
export function trainChordNgram(sequences: readonly (readonly string[])[], order = 3, minimumCount = 1): ChordNgramModel {
  const ids = new Map<string, number>();
  const idOf = (figure: string) => {
    if (!ids.has(figure)) ids.set(figure, ids.size);
    return ids.get(figure)!;
  };
  const counts = new Map<string, Map<number, number>>();
  for (const sequence of sequences) {
    const tokens = sequence.map(idOf);
    tokens.forEach((token, position) => {
      for (let length = 0; length < order && length <= position; length++) {
        const context = tokens.slice(position - length, position).join(' ');
        const next = counts.get(context) ?? new Map<number, number>();
        next.set(token, (next.get(token) ?? 0) + 1);
        counts.set(context, next);
      }
    });
  }
  const followers: Record<string, [number, number][]> = {};
  for (const [context, next] of counts) {
    const kept = [...next].filter(([, count]) => context === '' || count >= minimumCount).sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    if (kept.length > 0) followers[context] = kept;
  }
  return { order, vocabulary: [...ids.keys()], followers };
}

/** nextChords(model, ["ii6", "V"], 3) → [{ figure: "I", probability: 0.71 }, …], most probable first */
export function nextChords(model: ChordNgramModel, context: readonly string[], top = 5): ChordProbability[] {
  const index = new Map(model.vocabulary.map((figure, id) => [figure, id]));
  // an unknown chord breaks the context: only what follows it can be used
  const known: number[] = [];
  for (const figure of context) {
    const id = index.get(figure);
    if (id === undefined) known.length = 0;
    else known.push(id);
  }
  const probabilities = distribution(model, known.slice(Math.max(0, known.length - (model.order - 1))));
  return probabilities
    .map((probability, id) => ({ figure: model.vocabulary[id]!, probability }))
    .sort((a, b) => b.probability - a.probability || a.figure.localeCompare(b.figure))
    .slice(0, top);
}

/** P(next | context) for every chord of the vocabulary, interpolated from the empty context up */
function distribution(model: ChordNgramModel, context: readonly number[]): number[] {
  const size = model.vocabulary.length;
  const unigrams = model.followers[''] ?? [];
  const total = unigrams.reduce((sum, [, count]) => sum + count, 0);
  // add-one at the bottom, so a chord never seen after anything still has a chance
  let probabilities = new Array<number>(size).fill(1 / (total + size));
  for (const [id, count] of unigrams) probabilities[id] = (count + 1) / (total + size);
  for (let length = 1; length <= context.length; length++) {
    const seen = model.followers[context.slice(context.length - length).join(' ')];
    if (!seen) continue;
    const count = seen.reduce((sum, [, value]) => sum + value, 0);
    const types = seen.length;
    const lower = probabilities;
    probabilities = lower.map((probability) => (types * probability) / (count + types));
    for (const [id, value] of seen) probabilities[id]! += value / (count + types);
  }
  return probabilities;
}
