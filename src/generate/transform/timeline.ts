/**
 * Transformations that move notes in time (retrograde, augmentation) read each voice as notes on a
 * timeline, ties merged, and write the result back through buildScore, which redraws barlines, splits and
 * ties notes across them and fills rests. Grace notes, lyrics and mid-piece key or meter changes are not
 * carried over: the rebuilt score has one key and one meter.
 */
import { buildScore, type WrittenNote } from '../../core/build-score.js';
import { ZERO, add, compare, equals, sub, type Rational } from '../../core/rational.js';
import type { Event, KeySignature, Measure, Metadata, Part, Score, TimeSignature } from '../../core/score.js';
import { inForceAt } from './in-force.js';

export interface VoiceLine {
  readonly id: string;
  readonly staff?: number;
  readonly notes: readonly WrittenNote[];
}

export interface Layout {
  readonly key: KeySignature;
  readonly time: TimeSignature;
  readonly pickup?: Rational;
  /** where the rebuilt score ends; its last measure is cut short there */
  readonly end: Rational;
}

/** voiceLines(part) → one timeline per voice id, tied notes merged into one, rests and grace notes left out */
export function voiceLines(part: Part): VoiceLine[] {
  const lines = new Map<string, { staff?: number; notes: (WrittenNote & { start: Rational; duration: Rational })[] }>();
  for (const measure of part.measures) {
    for (const voice of measure.voices) {
      const line = lines.get(voice.id) ?? { notes: [] };
      lines.set(voice.id, line);
      for (const event of voice.events) {
        if (event.kind === 'rest' || event.grace || event.duration.n === 0) continue;
        if (line.staff === undefined && event.staff !== undefined) line.staff = event.staff;
        const start = add(measure.offset, event.offset);
        const pitches = event.kind === 'note' ? [event.pitch] : event.notes.map((note) => note.pitch);
        const previous = line.notes.at(-1);
        if (previous && continuesTie(event) && equals(add(previous.start, previous.duration), start) && samePitches(previous.pitches, pitches)) {
          line.notes[line.notes.length - 1] = { ...previous, duration: add(previous.duration, event.duration), ...(event.fermata ? { fermata: true } : {}) };
          continue;
        }
        line.notes.push({ pitches, start, duration: event.duration, ...(event.fermata ? { fermata: true } : {}) });
      }
    }
  }
  return [...lines].map(([id, line]) => ({ id, ...(line.staff !== undefined ? { staff: line.staff } : {}), notes: line.notes }));
}

function continuesTie(event: Event): boolean {
  const ties = event.kind === 'note' ? [event.tie] : event.kind === 'chord' ? event.notes.map((note) => note.tie) : [];
  return ties.length > 0 && ties.every((tie) => tie === 'stop' || tie === 'continue');
}

function samePitches(a: readonly { midi: number }[], b: readonly { midi: number }[]): boolean {
  return a.length === b.length && a.every((p, index) => p.midi === b[index]!.midi);
}

/** scoreEnd(score) → where the last measure of the longest part ends, in quarters */
export function scoreEnd(score: Score): Rational {
  return score.parts.reduce((end, part) => {
    const last = part.measures.at(-1);
    return last && compare(add(last.offset, last.duration), end) > 0 ? add(last.offset, last.duration) : end;
  }, ZERO);
}

/** rebuildScore(score, voices per part, { key, time, end }, metadata) → a Score laid out afresh, parts keeping their names and instruments */
export function rebuildScore(source: Score, lines: readonly (readonly VoiceLine[])[], layout: Layout, metadata: Metadata): Score {
  const voicesPerPart = lines.map((partLines) => (partLines.length > 0 ? partLines : [{ id: '1', notes: [] }]));
  const built = buildScore({
    key: layout.key,
    time: layout.time,
    ...(layout.pickup && layout.pickup.n > 0 ? { pickup: layout.pickup } : {}),
    parts: voicesPerPart.flat().map((line) => ({ name: line.id, notes: line.notes })),
  });
  let next = 0;
  const parts = source.parts.map((part, partIndex): Part => {
    const partLines = voicesPerPart[partIndex]!;
    const builtParts = partLines.map(() => built.parts[next++]!);
    const clefs = [...inForceAt(part, 0).clefs].map(([staff, value]) => ({ offset: ZERO, ...(staff ? { staff } : {}), value }));
    const measures = builtParts[0]!.measures.map((measure, index): Measure => ({
      ...measure,
      ...(index === 0 && clefs.length > 0 ? { clefs } : {}),
      voices: partLines.map((line, voiceIndex) => {
        const events = builtParts[voiceIndex]!.measures[index]!.voices[0]!.events;
        const staffed = part.staffCount > 1 && line.staff !== undefined ? events.map((event) => ({ ...event, staff: line.staff })) : events;
        return { id: line.id, events: staffed };
      }),
    }));
    return { ...part, measures: cutAt(measures, layout.end) };
  });
  return { metadata, parts };
}

/** The last measure cut short at `end` (a final bar that completes a pickup), its overhanging rests shortened. */
function cutAt(measures: readonly Measure[], end: Rational): Measure[] {
  return measures.flatMap((measure) => {
    if (compare(measure.offset, end) >= 0) return [];
    const length = sub(end, measure.offset);
    if (compare(length, measure.duration) >= 0) return [measure];
    const voices = measure.voices.map((voice) => ({
      ...voice,
      events: voice.events.flatMap((event): Event[] => {
        if (compare(event.offset, length) >= 0) return [];
        const room = sub(length, event.offset);
        if (compare(event.duration, room) <= 0) return [event];
        // only rests reach past the end: the notes were all placed before it
        return [{ kind: 'rest', offset: event.offset, duration: room, ...(event.kind === 'rest' && event.measureRest ? { measureRest: true } : {}) }];
      }),
    }));
    return [{ ...measure, duration: length, voices }];
  });
}
