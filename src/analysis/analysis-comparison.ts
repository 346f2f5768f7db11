/**
 * How far Cadenza's harmonic analysis agrees with a human one (RomanText placed on the score): at every
 * human harmony onset, the harmony Cadenza has in force there is compared by figure and by key.
 */
import { toNumber, type Rational } from '../core/rational.js';
import type { Score } from '../core/score.js';
import { analyzeHarmony } from './harmony.js';

/** a human's harmony placed on the score (what formats/romantext's placeOnScore gives) */
export interface HumanHarmony {
  readonly offset: Rational;
  readonly measure: number;
  readonly beat: number;
  readonly key: string;
  readonly figure: string;
}

export interface AnalysisComparison {
  readonly onsets: number;
  readonly figureAgreement: number;
  readonly keyAgreement: number;
  readonly bothAgreement: number;
  readonly disagreements: readonly {
    readonly measure: number;
    readonly beat: number;
    readonly human: { readonly key: string; readonly figure: string };
    readonly cadenza: { readonly key: string; readonly figure: string };
  }[];
}

/**
 * sameFigure("V6/5", "V65") → true. Omission marks ("[no3]") say how a chord is voiced, not which it is;
 * stacked figures may be written with slashes; "42" and "2" are the same inversion; "/o" is "ø".
 */
export function sameFigure(a: string, b: string): boolean {
  const normalize = (figure: string) => figure.replace(/\[[^\]]*\]/g, '').replace(/(\d)\/(?=\d)/g, '$1').replace(/\/o/g, 'ø').replace(/42(?=$|\/)/, '2');
  return normalize(a) === normalize(b);
}

/** compareWithHuman(score, placed RomanText) → { figureAgreement: 0.8, … } */
export function compareWithHuman(score: Score, human: readonly HumanHarmony[]): AnalysisComparison {
  const ours = analyzeHarmony(score).map((harmony) => ({ ...harmony, at: toNumber(harmony.offset) }));
  let figures = 0;
  let keys = 0;
  let both = 0;
  const disagreements: AnalysisComparison['disagreements'][number][] = [];
  for (const harmony of human) {
    const at = toNumber(harmony.offset);
    let mine: (typeof ours)[number] | undefined;
    for (const candidate of ours) if (candidate.at <= at + 1e-9) mine = candidate;
    const figureRight = mine !== undefined && sameFigure(mine.figure, harmony.figure);
    const keyRight = mine !== undefined && mine.key === harmony.key;
    figures += figureRight ? 1 : 0;
    keys += keyRight ? 1 : 0;
    both += figureRight && keyRight ? 1 : 0;
    if (!figureRight || !keyRight) {
      disagreements.push({ measure: harmony.measure, beat: harmony.beat, human: { key: harmony.key, figure: harmony.figure }, cadenza: { key: mine?.key ?? '', figure: mine?.figure ?? '' } });
    }
  }
  const share = (count: number) => (human.length === 0 ? 0 : Math.round((count / human.length) * 1000) / 1000);
  return { onsets: human.length, figureAgreement: share(figures), keyAgreement: share(keys), bothAgreement: share(both), disagreements };
}
