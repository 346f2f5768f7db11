/** The percussion instruments a part's unpitched notes play, as MusicXML declares them: one <score-instrument> each. */
import { forEachEvent } from '../../core/events.js';
import type { Part, Unpitched } from '../../core/score.js';

export interface PercussionKit {
  /** each instrument once, with the id its notes name in <instrument id> */
  readonly instruments: readonly { readonly id: string; readonly unpitched: Unpitched }[];
  /** the id of an unpitched note's instrument, when it names one */
  idOf(unpitched: Unpitched): string | undefined;
}

const identity = (unpitched: Unpitched) => `${unpitched.instrument ?? ''}\u0000${unpitched.midiKey ?? ''}`;

/** percussionKit(drum part with hi-hat and bass drum notes) → two instruments, "P2-U1" and "P2-U2" */
export function percussionKit(part: Part): PercussionKit {
  const ids = new Map<string, { id: string; unpitched: Unpitched }>();
  forEachEvent(part, (event) => {
    const members = event.kind === 'note' ? [event] : event.kind === 'chord' ? event.notes : [];
    for (const { unpitched } of members) {
      if (!unpitched || (unpitched.instrument === undefined && unpitched.midiKey === undefined)) continue;
      const key = identity(unpitched);
      if (!ids.has(key)) ids.set(key, { id: `${part.id}-U${ids.size + 1}`, unpitched });
    }
  });
  return { instruments: [...ids.values()], idOf: (unpitched) => ids.get(identity(unpitched))?.id };
}
