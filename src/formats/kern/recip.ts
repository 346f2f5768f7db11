/**
 * **kern durations ("recip"): the reciprocal of the fraction of a whole note, dots after it; 0 a breve,
 * 00 a long; a tuplet's value is its own reciprocal (a triplet eighth is 12); anything else as "b%a", a
 * whole note times a/b (Humdrum's rational rhythm extension, which music21 and verovio read).
 */
import { rational, type Rational } from '../../core/rational.js';

const MAX_DOTS = 3;

/** kernRecip(3/2 quarters) → "4."; 1/3 → "12"; 8 → "0"; 5/3 → "12%5" */
export function kernRecip(quarters: Rational): string {
  for (let dots = 0; dots <= MAX_DOTS; dots++) {
    // undotted value = total · 2^dots / (2^(dots+1) − 1), as a fraction of a whole note: quarters / 4
    const whole = rational(quarters.n * 2 ** dots, quarters.d * 4 * (2 ** (dots + 1) - 1));
    const base = plainRecip(whole);
    if (base !== undefined) return `${base}${'.'.repeat(dots)}`;
  }
  const whole = rational(quarters.n, quarters.d * 4);
  return `${whole.d}%${whole.n}`;
}

/** a whole-note fraction written as one number: 1/r → "r", 2 → "0", 4 → "00", 8 → "000" */
function plainRecip(whole: Rational): string | undefined {
  if (whole.n === 1) return String(whole.d);
  if (whole.d === 1 && [2, 4, 8].includes(whole.n)) return '0'.repeat(Math.log2(whole.n));
  return undefined;
}
