/**
 * Exact rational numbers for musical time (quarter lengths), so triplets never drift.
 * Always normalised: d > 0 and gcd(|n|, d) = 1. Plain data, safe to serialise.
 */
export interface Rational {
  readonly n: number;
  readonly d: number;
}

function gcd(a: number, b: number): number {
  a = Math.abs(a);
  b = Math.abs(b);
  while (b !== 0) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

/** rational(6, 4) → { n: 3, d: 2 } */
export function rational(n: number, d = 1): Rational {
  // Safe integers only: beyond 2^53 a double stops being exact, and exactness is the point.
  if (!Number.isSafeInteger(n) || !Number.isSafeInteger(d) || d === 0) {
    throw new RangeError(`${n}/${d} is not a rational in the exact range`);
  }
  if (d < 0) {
    n = -n;
    d = -d;
  }
  const g = gcd(n, d) || 1;
  return { n: n / g, d: d / g };
}

export const ZERO: Rational = { n: 0, d: 1 };

/** add(1/3, 1/6) → 1/2 */
export function add(a: Rational, b: Rational): Rational {
  if (a.d === b.d) return rational(a.n + b.n, a.d);
  return rational(a.n * b.d + b.n * a.d, a.d * b.d);
}

/** sub(1/2, 1/3) → 1/6 */
export function sub(a: Rational, b: Rational): Rational {
  return add(a, { n: -b.n, d: b.d });
}

/** mul(2/3, 3/4) → 1/2 */
export function mul(a: Rational, b: Rational): Rational {
  return rational(a.n * b.n, a.d * b.d);
}

/** div(1/2, 3/2) → 1/3 */
export function div(a: Rational, b: Rational): Rational {
  if (b.n === 0) throw new RangeError('division by zero');
  return rational(a.n * b.d, a.d * b.n);
}

/** compare(1/3, 1/2) → negative; 0 when equal. */
export function compare(a: Rational, b: Rational): number {
  return a.n * b.d - b.n * a.d;
}

/** equals(2/4, 1/2) → true */
export function equals(a: Rational, b: Rational): boolean {
  return a.n === b.n && a.d === b.d;
}

/** max(1/2, 2/3) → 2/3 */
export function max(a: Rational, b: Rational): Rational {
  return compare(a, b) >= 0 ? a : b;
}

/** min(1/2, 2/3) → 1/2 */
export function min(a: Rational, b: Rational): Rational {
  return compare(a, b) <= 0 ? a : b;
}

/** toNumber(3/2) → 1.5 */
export function toNumber(a: Rational): number {
  return a.n / a.d;
}

/** formatRational(3/2) → "3/2"; formatRational(2/1) → "2" */
export function formatRational(a: Rational): string {
  return a.d === 1 ? String(a.n) : `${a.n}/${a.d}`;
}
