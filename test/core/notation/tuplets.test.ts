import { describe, expect, it } from 'vitest';
import { tupletBrackets } from '../../../src/core/notation/tuplets.js';
import { impliedTuplet } from '../../../src/core/notation/note-values.js';
import { eventsOf, part } from './parts.js';

function brackets(bar: string): string[] {
  const events = eventsOf(part([bar]));
  const found = tupletBrackets(events, (event) => impliedTuplet(event.duration));
  return events.map((event) => {
    const bracket = found.get(event);
    return bracket ? `${bracket.start ? '[' : ''}${bracket.stop ? ']' : ''}` || '.' : '-';
  });
}

describe('tuplet brackets', () => {
  it('closes a bracket each time three triplet eighths fill a beat', () => {
    expect(brackets('C4:1/3 D4:1/3 E4:1/3 F4:1/3 G4:1/3 A4:1/3 B4:2')).toEqual(['[', '.', ']', '[', '.', ']', '-']);
  });

  it('brackets a triplet quarter and eighth together, and a triplet of quarters over a half', () => {
    expect(brackets('C4:2/3 D4:1/3 E4:2/3 F4:2/3 G4:2/3 A4:2')).toEqual(['[', ']', '[', '.', ']', '-']);
  });
});
