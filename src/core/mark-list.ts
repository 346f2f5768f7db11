/**
 * A score's performance marks as sorted lines, one per mark, placed by part, time from the start of the
 * score and (for event marks) the event's lowest pitch: two scores have the same marks when their lists are
 * equal. Voices, staves and measure numbering are left out, since formats divide them differently; slur
 * numbers too (only the ends count).
 */
import { add, toNumber, type Rational } from './rational.js';
import type { Event, Score } from './score.js';

export interface MarkLists {
  readonly dynamics: readonly string[];
  readonly hairpins: readonly string[];
  readonly pedals: readonly string[];
  readonly articulations: readonly string[];
  readonly ornaments: readonly string[];
  readonly slurs: readonly string[];
}

export type MarkKind = keyof MarkLists;

/** markLists(score) → { dynamics: ["0 @13.5 p", …], articulations: ["0 @12 62 staccato", …], … } */
export function markLists(score: Score): MarkLists {
  const lists: Record<MarkKind, string[]> = { dynamics: [], hairpins: [], pedals: [], articulations: [], ornaments: [], slurs: [] };
  score.parts.forEach((part, partIndex) => {
    for (const measure of part.measures) {
      const place = (offset: Rational) => `${partIndex} @${toNumber(add(measure.offset, offset))}`;
      for (const mark of measure.dynamics ?? []) lists.dynamics.push(`${place(mark.offset)} ${mark.value}`);
      for (const mark of measure.hairpins ?? []) lists.hairpins.push(`${place(mark.offset)} ${mark.value.type}`);
      for (const mark of measure.pedals ?? []) lists.pedals.push(`${place(mark.offset)} ${mark.value.type}`);
      for (const voice of measure.voices) {
        for (const event of voice.events) {
          if (!event.articulations && !event.ornaments && !event.slurs) continue;
          const at = `${place(event.offset)} ${lowestKey(event)}`;
          for (const name of event.articulations ?? []) lists.articulations.push(`${at} ${name}`);
          for (const name of event.ornaments ?? []) lists.ornaments.push(`${at} ${name}`);
          for (const slur of event.slurs ?? []) lists.slurs.push(`${at} ${slur.type}`);
        }
      }
    }
  });
  for (const list of Object.values(lists)) list.sort();
  return lists;
}

function lowestKey(event: Event): string {
  if (event.kind === 'rest') return 'rest';
  if (event.kind === 'note') return String(event.pitch.midi);
  return String(Math.min(...event.notes.map((note) => note.pitch.midi)));
}
