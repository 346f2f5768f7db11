/**
 * Excerpts: some parts, or a range of measures. A measure range starts with the key, meter and clefs in
 * force there written out, and ties that reach outside the range are loosened so no note is tied to nothing.
 */
import { CadenzaError } from '../../core/errors.js';
import { sub } from '../../core/rational.js';
import type { Event, Measure, Part, Score, TieType } from '../../core/score.js';
import { inForceAt, withInForce } from './in-force.js';
import { retitled } from './title.js';

/** extractParts(bwv66.6, [0, "Bass"]) → a two-part score: soprano and bass */
export function extractParts(score: Score, selectors: readonly (number | string)[]): Score {
  const chosen: Part[] = [];
  for (const selector of selectors) {
    const part = typeof selector === 'number' ? score.parts[selector] : score.parts.find((candidate) => sameName(candidate, selector));
    if (!part) {
      throw new CadenzaError('INVALID_ARGUMENT', `parts: no part ${JSON.stringify(selector)} in this score.`, {
        hint: `Parts: ${score.parts.map((candidate, index) => `${index} = ${candidate.name ?? candidate.id}`).join(', ')}.`,
      });
    }
    if (!chosen.includes(part)) chosen.push(part);
  }
  if (chosen.length === 0) throw new CadenzaError('INVALID_ARGUMENT', 'parts: name at least one part.');
  return { metadata: retitled(score, chosen.map((part) => part.name ?? part.id).join(', ')), parts: chosen };
}

function sameName(part: Part, name: string): boolean {
  const wanted = name.trim().toLowerCase();
  return part.name?.trim().toLowerCase() === wanted || part.id.toLowerCase() === wanted;
}

/** extractMeasures(bwv66.6, "3", "5") → measures 3–5 of every part, starting with the key and meter in force */
export function extractMeasures(score: Score, from: string, to: string): Score {
  const { start, end } = measureRange(score, from, to);
  const parts = score.parts.map((part): Part => {
    const slice = part.measures.slice(start, end + 1);
    const origin = slice[0]?.offset;
    const measures = slice.map((measure, index): Measure => {
      const placed = { ...measure, index, offset: origin ? sub(measure.offset, origin) : measure.offset };
      return index === 0 ? withInForce(placed, inForceAt(part, start)) : placed;
    });
    return { ...part, measures: loosenTies(measures) };
  });
  return { metadata: retitled(score, `measures ${from}–${to}`), parts };
}

/** measureRange(bwv66.6, "3", "5") → the indices of measures 3 and 5 as printed; an error names the measures there are */
export function measureRange(score: Score, from: string, to: string): { start: number; end: number } {
  const reference = score.parts[0]?.measures ?? [];
  const start = reference.findIndex((measure) => measure.number === from);
  const end = start < 0 ? -1 : reference.findIndex((measure, index) => index >= start && measure.number === to);
  if (start < 0 || end < 0) {
    const numbers = reference.map((measure) => measure.number);
    throw new CadenzaError('INVALID_ARGUMENT', `measures: no range ${from}–${to} in this score (measure ${start < 0 ? from : to} not found after the start).`, {
      hint: `Measures run ${numbers[0] ?? '?'}–${numbers.at(-1) ?? '?'}; give from ≤ to.`,
    });
  }
  return { start, end };
}

/** Ties to notes outside the range dropped: a stop with no start before it, a start with no stop after it. */
export function loosenTies(measures: readonly Measure[]): Measure[] {
  const forward = retie(measures, false, (tie, open) => (open ? tie : tie === 'continue' ? 'start' : tie === 'stop' ? undefined : tie));
  return retie(forward, true, (tie, open) => (open ? tie : tie === 'continue' ? 'stop' : tie === 'start' ? undefined : tie));
}

/**
 * Walks each voice in time (or backwards) keeping the pitches a tie is open on, and lets `fix` rewrite
 * each tie given whether one is open for its pitch; going backwards, "open" means a stop lies ahead.
 */
function retie(measures: readonly Measure[], backwards: boolean, fix: (tie: TieType, open: boolean) => TieType | undefined): Measure[] {
  const open = new Map<string, Set<number>>();
  const incoming: TieType[] = backwards ? ['stop', 'continue'] : ['start', 'continue'];
  const retieOne = (voiceId: string, midi: number, tie: TieType | undefined): TieType | undefined => {
    const held = open.get(voiceId) ?? new Set<number>();
    open.set(voiceId, held);
    const needsOpen: TieType[] = backwards ? ['start', 'continue'] : ['stop', 'continue'];
    const fixed = tie && needsOpen.includes(tie) ? fix(tie, held.has(midi)) : tie;
    if (fixed && incoming.includes(fixed)) held.add(midi);
    else held.delete(midi);
    return fixed;
  };
  const order = <T>(items: readonly T[]) => (backwards ? [...items].reverse() : [...items]);
  const result = order(measures).map((measure) => ({
    ...measure,
    voices: measure.voices.map((voice) => ({
      ...voice,
      events: order(voice.events.map((event) => event)).map((event): Event => {
        if (event.kind === 'note') return withTie(event, retieOne(voice.id, event.pitch.midi, event.tie));
        if (event.kind === 'chord') return { ...event, notes: event.notes.map((note) => withTie(note, retieOne(voice.id, note.pitch.midi, note.tie))) };
        return event;
      }),
    })),
  }));
  return backwards ? order(result).map((measure) => ({ ...measure, voices: measure.voices.map((voice) => ({ ...voice, events: [...voice.events].reverse() })) })) : result;
}

function withTie<T extends { readonly tie?: TieType }>(item: T, tie: TieType | undefined): T {
  if (tie === item.tie) return item;
  const { tie: _dropped, ...rest } = item;
  return (tie ? { ...rest, tie } : rest) as T;
}
