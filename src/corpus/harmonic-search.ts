/**
 * Harmonic search by roman-numeral progression ("ii65 V7 I"): numerals are relative to their local key,
 * so a progression is found in every key by construction. Candidates come from the inverted index of the
 * query's rarest figure; each is verified against the whole progression, its key's mode and, when asked,
 * a cadence that follows.
 */
import { CadenzaError } from '../core/errors.js';
import { CADENCE_TYPES, genericFigure, type CorpusIndex } from './corpus-index.js';
import { MAX_MATCHES } from './melodic-search.js';
import { postingsOf } from './ngram-index.js';
import { ngramKey } from './tokens.js';

export interface HarmonicQuery {
  /** figures as analyze_harmony writes them; "*" stands for any one harmony */
  readonly progression: readonly string[];
  /** true: "V7" also matches "V65", "V43" … (inversions ignored) */
  readonly anyInversion: boolean;
  /** only in keys of this mode */
  readonly mode?: 'major' | 'minor';
  /** the progression ends on, or at most two harmonies before, a cadence (of this type, or any) */
  readonly beforeCadence?: (typeof CADENCE_TYPES)[number] | 'any';
}

export interface HarmonicMatch {
  /** the first harmony (global harmony index) */
  readonly start: number;
  readonly length: number;
  /** the cadence that follows, when asked for */
  readonly cadence?: { readonly harmony: number; readonly type: string };
}

/** the longest progression accepted */
export const MAX_PROGRESSION = 32;
const WILDCARD = '*';
const CADENCE_REACH = 2;

/** parseProgression("ii65 – V7 I") → ["ii65", "V7", "I"]; a token that is not a roman numeral fails */
export function parseProgression(text: string): string[] {
  const figures = text.trim().split(/[\s,–—>-]+|→/).filter(Boolean);
  if (figures.length === 0) throw new CadenzaError('INVALID_ARGUMENT', 'The progression is empty.', { hint: 'Give roman numerals separated by spaces, e.g. "ii65 V7 I" or "V/V V".' });
  if (figures.length > MAX_PROGRESSION) throw new CadenzaError('LIMIT_EXCEEDED', `A progression has at most ${MAX_PROGRESSION} chords.`);
  for (const figure of figures) {
    if (figure !== WILDCARD && !/^(?:[b#]*(?:VII|vii|III|iii|IV|iv|VI|vi|II|ii|V|v|I|i)|It|Ger|Fr|Sw|N|Cad)[o+ø#b\d/IVvi]*$/.test(figure)) {
      throw new CadenzaError('INVALID_ARGUMENT', `"${figure}" is not a roman numeral.`, { hint: 'Write figures as analyze_harmony does: "I", "V7", "ii65", "viio7/V", "N6"; "*" for any chord.' });
    }
  }
  return figures;
}

/** searchHarmony(index, { progression: ["ii65", "V7", "I"], anyInversion: false }) → matches in corpus order */
export function searchHarmony(corpus: CorpusIndex, query: HarmonicQuery): HarmonicMatch[] {
  const names = new Map(corpus.figureNames.map((name, id) => [name, id]));
  const wanted = query.progression.map((figure) => (figure === WILDCARD ? -1 : (names.get(query.anyInversion ? genericFigure(figure) : figure) ?? -2)));
  if (wanted.includes(-2)) return [];
  const figures = query.anyInversion ? corpus.harmonies.generic : corpus.harmonies.figure;
  const index = query.anyInversion ? corpus.genericIndex : corpus.figureIndex;
  const { offset, postings } = rarestFigure(index, wanted);
  const found: HarmonicMatch[] = [];
  const consider = (start: number) => {
    const piece = corpus.pieces[corpus.harmonies.piece[Math.max(0, start)]!];
    if (!piece || start < piece.firstHarmony || start + wanted.length > piece.harmonyEnd) return;
    for (let i = 0; i < wanted.length; i++) if (wanted[i]! >= 0 && figures[start + i] !== wanted[i]) return;
    if (query.mode && !corpus.keyNames[corpus.harmonies.key[start]!]!.endsWith(query.mode)) return;
    if (!query.beforeCadence) return void found.push({ start, length: wanted.length });
    const cadence = cadenceAfter(corpus, start + wanted.length - 1, piece.harmonyEnd, query.beforeCadence);
    if (cadence) found.push({ start, length: wanted.length, cadence });
  };
  const candidates = postings ? postings.length : figures.length;
  for (let i = 0; i < candidates && found.length < MAX_MATCHES; i++) consider(postings ? postings[i]! - offset : i);
  return found;
}

function rarestFigure(index: CorpusIndex['figureIndex'], wanted: readonly number[]): { offset: number; postings?: Uint32Array } {
  let best: { offset: number; postings?: Uint32Array } = { offset: 0 };
  wanted.forEach((id, offset) => {
    if (id < 0) return;
    const postings = postingsOf(index, ngramKey([id], 0, 1));
    if (!best.postings || postings.length < best.postings.length) best = { offset, postings };
  });
  return best;
}

function cadenceAfter(corpus: CorpusIndex, last: number, end: number, type: string): { harmony: number; type: string } | undefined {
  for (let harmony = last; harmony < Math.min(end, last + CADENCE_REACH + 1); harmony++) {
    const found = corpus.harmonies.cadence[harmony]!;
    if (found >= 0 && (type === 'any' || CADENCE_TYPES[found] === type)) return { harmony, type: CADENCE_TYPES[found]! };
  }
  return undefined;
}
