/**
 * Tuplet brackets: consecutive events of one ratio grouped until the group's written length is whole —
 * three triplet eighths (a quarter's time), five quintuplet sixteenths — so six triplet eighths in a
 * half note get two brackets, not one.
 */
import { add, compare, div, rational, ZERO, type Rational } from '../rational.js';
import type { Event, Tuplet } from '../score.js';

export interface TupletBracket {
  readonly start: boolean;
  readonly stop: boolean;
}

/** tupletBrackets(six triplet eighths, tupletOf) → start, -, stop, start, -, stop (events without a tuplet get none) */
export function tupletBrackets(events: readonly Event[], tupletOf: (event: Event) => Tuplet | undefined): Map<Event, TupletBracket> {
  const brackets = new Map<Event, TupletBracket>();
  let group: { tuplet: Tuplet; events: Event[]; written: Rational; end: Rational } | undefined;
  const close = () => {
    group?.events.forEach((event, index) => brackets.set(event, { start: index === 0, stop: index === group!.events.length - 1 }));
    group = undefined;
  };
  for (const event of events) {
    const tuplet = tupletOf(event);
    const fits = group && tuplet && tuplet.actual === group.tuplet.actual && tuplet.normal === group.tuplet.normal && compare(group.end, event.offset) === 0;
    if (!fits) close();
    if (!tuplet || event.duration.n === 0) continue;
    group ??= { tuplet, events: [], written: ZERO, end: event.offset };
    group.events.push(event);
    group.end = add(event.offset, event.duration);
    group.written = add(group.written, div(event.duration, rational(tuplet.normal, tuplet.actual)));
    if (complete(group.written, tuplet)) close();
  }
  close();
  return brackets;
}

/** a group is complete when its written length is `actual` plain values of one kind (a power of two in quarters) */
function complete(written: Rational, tuplet: Tuplet): boolean {
  const unit = div(written, rational(tuplet.actual));
  const powerOfTwo = (value: number) => (value & (value - 1)) === 0;
  return (unit.n === 1 && powerOfTwo(unit.d)) || (unit.d === 1 && powerOfTwo(unit.n));
}
