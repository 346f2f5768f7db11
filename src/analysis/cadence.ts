/**
 * Cadences at phrase ends (fermatas, and the end of the piece): the last two harmonies decide the kind.
 * PAC: V(7) → I, both in root position, tonic in the soprano; IAC: any other V/viio → I; HC: ending on V
 * (Phrygian when iv6 leads to it in minor); plagal: IV → I; deceptive: V → vi.
 */
import { toNumber } from '../core/rational.js';
import type { Harmony } from './harmony.js';
import { parseKeyName } from './roman.js';

export type CadenceType = 'PAC' | 'IAC' | 'HC' | 'Phrygian HC' | 'plagal' | 'deceptive';

export interface Cadence {
  readonly type: CadenceType;
  readonly offsetQuarters: number;
  readonly measure: string;
  readonly beat: number;
  readonly key: string;
  /** the two harmonies, e.g. ["V7", "I"] */
  readonly progression: readonly [string, string];
}

interface Numeral {
  readonly degree: string;
  readonly inversion: string;
  readonly applied: boolean;
}

/** numeral("V65/V") → { degree: "V", inversion: "65", applied: true } */
function numeral(figure: string): Numeral | undefined {
  const match = /^[b#]?(VII|vii|III|iii|IV|iv|VI|vi|II|ii|V|v|I|i)[o+ø]?([0-9]*)(\/.*)?$/.exec(figure);
  return match ? { degree: match[1]!, inversion: match[2]!, applied: match[3] !== undefined } : undefined;
}

/** findCadences(analyzeHarmony(chorale)) → [{ type: "PAC", measure: "4", … }, …] */
export function findCadences(harmonies: readonly Harmony[]): Cadence[] {
  const cadences: Cadence[] = [];
  harmonies.forEach((end, index) => {
    const last = index === harmonies.length - 1;
    if (!end.fermata && !last) return;
    const before = harmonies[index - 1];
    const type = before && classify(before, end);
    if (!type) return;
    cadences.push({
      type,
      offsetQuarters: toNumber(end.offset),
      measure: end.measure,
      beat: end.beat,
      key: end.key,
      progression: [before.figure, end.figure],
    });
  });
  return cadences;
}

function classify(before: Harmony, end: Harmony): CadenceType | undefined {
  const [from, to] = [numeral(before.figure), numeral(end.figure)];
  if (!from || !to || to.applied || from.applied || before.key !== end.key) return undefined;
  const dominant = from.degree === 'V' || from.degree.toLowerCase() === 'vii';
  if (to.degree.toLowerCase() === 'i') {
    if (dominant) return isPerfect(from, to, end) ? 'PAC' : 'IAC';
    if (from.degree.toLowerCase() === 'iv') return 'plagal';
  }
  if (to.degree === 'V') return from.degree === 'iv' && from.inversion === '6' && end.key.endsWith('minor') ? 'Phrygian HC' : 'HC';
  if (from.degree === 'V' && to.degree.toLowerCase() === 'vi') return 'deceptive';
  return undefined;
}

function isPerfect(from: Numeral, to: Numeral, end: Harmony): boolean {
  const tonic = parseKeyName(end.key).tonic;
  return from.degree === 'V' && (from.inversion === '' || from.inversion === '7') && to.inversion === '' && end.soprano?.step === tonic.step && end.soprano.alter === tonic.alter;
}
