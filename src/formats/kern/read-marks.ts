/**
 * What the **kern reader gathers besides notes: **dynam columns bound to their part and read at the time
 * of their record, a measure's dynamics, hairpins and pedal marks, and the repeat signs and double bars of
 * its barline records (=12:|!, =13!|:, ==).
 */
import { ZERO, compare, type Rational } from '../../core/rational.js';
import type { Barline, Measure } from '../../core/score.js';
import { readDynam } from './dynam.js';
import type { Column, KernPart } from './spines.js';

/** each **dynam column bound to the **kern spine on its left (or, with none there, on its right) */
export function bindDynamics(columns: readonly Column[], headers: readonly string[]): Column[] {
  return columns.map((column, index) => {
    if (headers[index] !== '**dynam') return column;
    const left = columns.slice(0, index).reverse().find((other) => other.part);
    const owner = (left ?? columns.slice(index + 1).find((other) => other.part))?.part;
    return owner ? { ...column, dynam: owner } : column;
  });
}

/**
 * The time of a data record from the start of its measure: where the earliest open voice waits for its next
 * note. A record with notes starts them there; a record of **dynam alone stands at the next note's time.
 */
export function lineTime(columns: readonly Column[]): Rational {
  let earliest: Rational | undefined;
  for (const { voice } of columns) if (voice && (!earliest || compare(voice.position, earliest) < 0)) earliest = voice.position;
  return earliest ?? ZERO;
}

/** readDynamMarks(part, "p <", 2) puts a p and a crescendo's start at beat 3 of the part's measure */
export function readDynamMarks(part: KernPart, token: string, at: Rational): void {
  const signs = readDynam(token);
  for (const value of signs.dynamics) part.dynamics.push({ offset: at, value });
  for (const type of signs.hairpins) part.hairpins.push({ offset: at, value: { type } });
}

/** the measure's marks, taken when it closes */
export function takeMarks(part: KernPart): Pick<Measure, 'dynamics' | 'hairpins' | 'pedals'> {
  const taken = {
    ...(part.dynamics.length > 0 ? { dynamics: part.dynamics } : {}),
    ...(part.hairpins.length > 0 ? { hairpins: part.hairpins } : {}),
    ...(part.pedals.length > 0 ? { pedals: part.pedals } : {}),
  };
  part.dynamics = [];
  part.hairpins = [];
  part.pedals = [];
  return taken;
}

/** whether a barline record begins a repeat: a colon after its bar sign (=8!|:) */
export function startsRepeat(barline: string): boolean {
  return /[|!=]:/.test(barline.split('\t')[0] ?? '');
}

/** the barlines of a measure closed by `barline`: a repeat it began with, and its own end (:|! a repeat, == final, || double) */
export function barlinesOf(leftRepeat: boolean | undefined, barline: string): Pick<Measure, 'barlines'> {
  const token = barline.split('\t')[0] ?? '';
  const barlines: Barline[] = [];
  if (leftRepeat) barlines.push({ location: 'left', style: 'heavy-light', repeat: 'forward' });
  if (/:[|!]/.test(token)) barlines.push({ location: 'right', style: 'light-heavy', repeat: 'backward' });
  else if (/^==|\|!/.test(token)) barlines.push({ location: 'right', style: 'light-heavy' });
  else if (/\|\|/.test(token)) barlines.push({ location: 'right', style: 'light-light' });
  return barlines.length > 0 ? { barlines } : {};
}
