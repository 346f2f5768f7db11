/**
 * Spines labelled with one *partN are the staves of one part (a piano's two staves, as the Humdrum
 * corpora write them): they are read as one part, staff 1 the top one (by *staffN, else the rightmost),
 * the lower staves' voices numbered on from 5, 9 … as MusicXML numbers a second staff's voices.
 */
import { compare, max } from '../../core/rational.js';
import type { Event, Measure, Part, Timed, Voice } from '../../core/score.js';
import type { KernPart } from './spines.js';

const VOICES_PER_STAFF = 4;

/** the score's parts, top first, from the spines read left to right */
export function groupStaves(spines: readonly KernPart[]): Part[] {
  const groups: KernPart[][] = [];
  const byNumber = new Map<number, KernPart[]>();
  for (const spine of spines) {
    const group = spine.partNumber === undefined ? undefined : byNumber.get(spine.partNumber);
    if (group) group.push(spine);
    else {
      const fresh = [spine];
      groups.push(fresh);
      if (spine.partNumber !== undefined) byNumber.set(spine.partNumber, fresh);
    }
  }
  return groups.reverse().map((group) => partOf(topFirst(group)));
}

function topFirst(group: readonly KernPart[]): KernPart[] {
  const numbered = group.every((spine) => spine.staffNumber !== undefined);
  return [...group].sort((a, b) => (numbered ? a.staffNumber! - b.staffNumber! : b.spine - a.spine));
}

function partOf(staves: readonly KernPart[]): Part {
  const top = staves[0]!;
  const label = staves.find((spine) => spine.label.name || spine.label.instrument)?.label ?? top.label;
  return {
    id: `spine-${top.spine + 1}`,
    ...(label.name ? { name: label.name } : {}),
    ...(label.instrument ? { instrument: { name: label.instrument } } : {}),
    staffCount: staves.length,
    measures: staves.length === 1 ? top.measures : top.measures.map((measure, index) => joinStaves(staves.map((spine) => spine.measures[index] ?? measure))),
  };
}

/** one measure of a part from the same measure of each of its staves */
function joinStaves(measures: readonly Measure[]): Measure {
  const first = measures[0]!;
  const highest = Math.max(...measures.flatMap((measure) => measure.voices.map((voice) => Number(voice.id) || 1)));
  const step = Math.max(VOICES_PER_STAFF, highest);
  const voices: Voice[] = measures.flatMap((measure, index) =>
    measure.voices
      .filter((voice) => index === 0 || voice.events.length > 0)
      .map((voice) => ({ id: String((Number(voice.id) || 1) + index * step), events: voice.events.map((event): Event => ({ ...event, staff: index + 1 })) })),
  );
  const staffed = <T>(pick: (measure: Measure) => readonly Timed<T>[] | undefined) =>
    measures.flatMap((measure, index) => (pick(measure) ?? []).map((entry) => ({ ...entry, staff: index + 1 })));
  const merged = <T>(pick: (measure: Measure) => readonly Timed<T>[] | undefined) => unique(measures.flatMap((measure) => pick(measure) ?? []));
  const clefs = staffed((measure) => measure.clefs);
  const dynamics = merged((measure) => measure.dynamics);
  const hairpins = merged((measure) => measure.hairpins);
  const pedals = merged((measure) => measure.pedals);
  return {
    ...first,
    duration: measures.reduce((longest, measure) => max(longest, measure.duration), first.duration),
    voices,
    ...(clefs.length > 0 ? { clefs } : {}),
    ...(dynamics.length > 0 ? { dynamics } : {}),
    ...(hairpins.length > 0 ? { hairpins } : {}),
    ...(pedals.length > 0 ? { pedals } : {}),
  };
}

/** marks and signatures repeated on several staves, kept once, in time order */
function unique<T>(entries: readonly Timed<T>[]): Timed<T>[] {
  const seen = new Set<string>();
  return entries
    .filter((entry) => {
      const key = JSON.stringify([entry.offset, entry.value]);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => compare(a.offset, b.offset));
}
