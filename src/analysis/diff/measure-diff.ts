/**
 * What differs between two measures taken to be the same measure: per voice, the events at each offset
 * paired in order and compared for pitch (spelling included), rhythm (sounding length) and marks (ties,
 * fermatas, lyrics, and whatever else an event carries beyond its notes and time); the measure's own marks
 * (key, meter, clef, tempo, barlines, chord symbols, …) compared as wholes.
 */
import { soundText } from '../../core/event-text.js';
import { equals, formatRational } from '../../core/rational.js';
import type { Event, Measure } from '../../core/score.js';

export type NoteAspect = 'pitch' | 'rhythm' | 'marks';

export interface EventChange {
  readonly kind: 'note changed' | 'note added' | 'note removed';
  readonly voice: string;
  /** the event's offset in its measure */
  readonly offset: Event['offset'];
  readonly aspects?: readonly NoteAspect[];
  /** names of the marks that differ: "fermata", "tie", "lyrics", … */
  readonly marks?: readonly string[];
  readonly before?: Event;
  readonly after?: Event;
}

/** what an event is beyond its sound and time: these keys are not marks */
const EVENT_STRUCTURE = new Set(['kind', 'offset', 'duration', 'pitch', 'notes', 'noteType', 'dots', 'tuplet', 'staff', 'id', 'unpitched']);
/** what a measure is beyond its marks */
const MEASURE_STRUCTURE = new Set(['number', 'index', 'offset', 'duration', 'voices', 'id']);

/** sameMeasure(m5, m5 of another version) → true when notes and marks are the same (ids, numbers and places aside); allocates nothing */
export function sameMeasure(before: Measure, after: Measure): boolean {
  return before === after || sameValue(before, after, MEASURE_PLACE);
}

/** what places a measure without being its content */
const MEASURE_PLACE = new Set(['number', 'index', 'offset', 'id']);
const IDS = new Set(['id']);

function sameValue(a: unknown, b: unknown, ignored: ReadonlySet<string> = IDS): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let index = 0; index < a.length; index++) if (!sameValue(a[index], b[index])) return false;
    return true;
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  let count = 0;
  for (const key in left) {
    if (ignored.has(key) || left[key] === undefined) continue;
    if (!sameValue(left[key], right[key])) return false;
    count++;
  }
  for (const key in right) if (!ignored.has(key) && right[key] !== undefined) count--;
  return count === 0;
}

/** measureKey(measure) → a string equal for two measures exactly when their notes and marks are (ids aside) */
export function measureKey(measure: Measure): string {
  const parts = [JSON.stringify(marksOf(measure, MEASURE_STRUCTURE))];
  for (const voice of measure.voices) {
    parts.push(`v${voice.id}`);
    for (const event of voice.events) parts.push(eventKey(event));
  }
  return parts.join('\n');
}

/** the sound of each event, for likeness between measures: voice, offset, pitches, length */
export function measureSounds(measure: Measure): string[] {
  return measure.voices.flatMap((voice) => voice.events.map((event) => `${voice.id}|${formatRational(event.offset)}|${soundText(event)}|${formatRational(event.duration)}`));
}

/** the measure-level marks that differ: ["keys", "tempos"] */
export function measureMarkChanges(before: Measure, after: Measure): string[] {
  return changedMarks(marksOf(before, MEASURE_STRUCTURE), marksOf(after, MEASURE_STRUCTURE));
}

/** diffVoices(m5 before, m5 after) → the notes changed, added and removed, voice by voice, in time order */
export function diffVoices(before: Measure, after: Measure): EventChange[] {
  const changes: EventChange[] = [];
  const voiceIds = [...new Set([...before.voices.map((voice) => voice.id), ...after.voices.map((voice) => voice.id)])];
  for (const voice of voiceIds) {
    const was = byOffset(before.voices.find((candidate) => candidate.id === voice)?.events ?? []);
    const is = byOffset(after.voices.find((candidate) => candidate.id === voice)?.events ?? []);
    const offsets = [...new Set([...was.keys(), ...is.keys()])].sort((a, b) => offsetValue(a) - offsetValue(b));
    for (const offset of offsets) {
      const olds = was.get(offset) ?? [];
      const news = is.get(offset) ?? [];
      for (let index = 0; index < Math.max(olds.length, news.length); index++) {
        const change = compareEvents(voice, olds[index], news[index]);
        if (change) changes.push(change);
      }
    }
  }
  return changes;
}

function compareEvents(voice: string, before: Event | undefined, after: Event | undefined): EventChange | undefined {
  if (!after) return { kind: 'note removed', voice, offset: before!.offset, before: before! };
  if (!before) return { kind: 'note added', voice, offset: after.offset, after };
  const aspects: NoteAspect[] = [];
  if (soundText(before) !== soundText(after)) aspects.push('pitch');
  if (!equals(before.duration, after.duration)) aspects.push('rhythm');
  const marks = changedMarks(marksOf(before, EVENT_STRUCTURE), marksOf(after, EVENT_STRUCTURE));
  if (marks.length > 0) aspects.push('marks');
  if (aspects.length === 0) return undefined;
  return { kind: 'note changed', voice, offset: after.offset, aspects, ...(marks.length > 0 ? { marks } : {}), before, after };
}

function eventKey(event: Event): string {
  const marks = marksOf(event, EVENT_STRUCTURE);
  return `${formatRational(event.offset)}|${formatRational(event.duration)}|${soundText(event)}${Object.keys(marks).length > 0 ? `|${JSON.stringify(marks)}` : ''}`;
}

/** every property of an event or measure that is not its structure, as comparable text; chord ties included */
function marksOf(item: object, structure: ReadonlySet<string>): Record<string, string> {
  const marks: Record<string, string> = {};
  for (const [key, value] of Object.entries(item)) {
    // false and [] say no more than absence: `fermata: false` is no fermata
    if (!structure.has(key) && !isAbsent(value)) marks[key] = JSON.stringify(value, withoutIds);
  }
  const notes = (item as { notes?: readonly { tie?: string }[] }).notes;
  if (notes?.some((note) => note.tie)) marks.tie = notes.map((note) => note.tie ?? '').join(',');
  return marks;
}

function isAbsent(value: unknown): boolean {
  return value === undefined || value === false || (Array.isArray(value) && value.length === 0);
}

function withoutIds(key: string, value: unknown): unknown {
  return key === 'id' ? undefined : value;
}

function changedMarks(before: Record<string, string>, after: Record<string, string>): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((name) => before[name] !== after[name]).sort();
}

function byOffset(events: readonly Event[]): Map<string, Event[]> {
  const grouped = new Map<string, Event[]>();
  for (const event of events) {
    const key = formatRational(event.offset);
    const list = grouped.get(key);
    if (list) list.push(event);
    else grouped.set(key, [event]);
  }
  return grouped;
}

function offsetValue(text: string): number {
  const [n, d = '1'] = text.split('/');
  return Number(n) / Number(d);
}
