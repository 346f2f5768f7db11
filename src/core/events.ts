/** Walking a part's events without caring about measures and voices. */
import type { Event, Part } from './score.js';

/** forEachEvent(part, visit) calls visit for every event of every voice of every measure, in order */
export function forEachEvent(part: Part, visit: (event: Event) => void): void {
  for (const measure of part.measures) for (const voice of measure.voices) for (const event of voice.events) visit(event);
}
