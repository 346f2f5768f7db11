/**
 * Humdrum **dynam tokens: dynamics by name (p, mf, sfz …), hairpins by their ends: < a crescendo begins,
 * ( it goes on, [ it ends; > a diminuendo begins, ) it goes on, ] it ends. Several signs at one time are
 * written as space-separated subtokens ("[ >"). A **dynam spine belongs to the **kern spine on its left,
 * as verovio's Humdrum reader takes it.
 */
import { isDynamicMark, type DynamicMark, type HairpinMark } from '../../core/marks.js';
import type { Rational } from '../../core/rational.js';
import type { Measure, Timed } from '../../core/score.js';

export interface DynamSigns {
  readonly dynamics: DynamicMark[];
  readonly hairpins: HairpinMark['type'][];
}

/** readDynam("mf <") → { dynamics: ["mf"], hairpins: ["crescendo"] }; signs it does not know are left out */
export function readDynam(token: string): DynamSigns {
  const signs: DynamSigns = { dynamics: [], hairpins: [] };
  for (const subtoken of token.split(' ')) {
    const name = subtoken.replace(/[<>()[\]xXyY/\\]/g, '');
    if (isDynamicMark(name)) signs.dynamics.push(name);
    for (const sign of subtoken) {
      if (sign === '<') signs.hairpins.push('crescendo');
      else if (sign === '>') signs.hairpins.push('diminuendo');
      else if (sign === '[' || sign === ']') signs.hairpins.push('stop');
    }
  }
  return signs;
}

/**
 * One part's **dynam tokens for a measure, by offset: hairpin ends first, then dynamics, then hairpin
 * starts. `open` is the hairpin left open by earlier measures, which a stop ends with its own sign.
 */
export function dynamTokens(measure: Measure, open: { kind?: 'crescendo' | 'diminuendo' }): Map<string, { offset: Rational; token: string }> {
  const entries: { offset: Rational; rank: number; text: string }[] = [];
  for (const mark of measure.dynamics ?? []) entries.push({ offset: mark.offset, rank: 1, text: mark.value });
  const hairpins = [...(measure.hairpins ?? [])].sort((a, b) => a.offset.n * b.offset.d - b.offset.n * a.offset.d);
  for (const mark of hairpins) entries.push(hairpinEntry(mark, open));
  const tokens = new Map<string, { offset: Rational; token: string }>();
  for (const entry of entries.sort((a, b) => a.rank - b.rank)) {
    const key = `${entry.offset.n}/${entry.offset.d}`;
    const at = tokens.get(key);
    tokens.set(key, { offset: entry.offset, token: at ? `${at.token} ${entry.text}` : entry.text });
  }
  return tokens;
}

function hairpinEntry(mark: Timed<HairpinMark>, open: { kind?: 'crescendo' | 'diminuendo' }): { offset: Rational; rank: number; text: string } {
  const { type } = mark.value;
  if (type === 'stop') {
    const text = open.kind === 'diminuendo' ? ']' : '[';
    delete open.kind;
    return { offset: mark.offset, rank: 0, text };
  }
  open.kind = type;
  return { offset: mark.offset, rank: 2, text: type === 'crescendo' ? '<' : '>' };
}
