/**
 * Stable ids for every measure, note, chord, chord note and rest, so findings, edits and versions can name
 * them. Ids a file gave (MusicXML `id`, MEI `xml:id`) are kept; the rest are made from the position in
 * the score ("P1-m3-v1-e2": part P1, third measure, voice 1, second event), so importing the same file
 * again gives the same ids. Once stored, ids never change: an edit keeps them and names new things afresh.
 * Every id is an XML NCName, so it can be written back as an `id` or `xml:id` attribute.
 */
import type { ChordNote, Event, Measure, Part, Score, Voice } from './score.js';

const NCNAME = /^[A-Za-z_][\w.-]*$/;

/** xmlName("V:1") → "V_1"; xmlName("1") → "p1": a name usable as (the start of) an XML id */
export function xmlName(text: string): string {
  if (NCNAME.test(text)) return text;
  const cleaned = text.replace(/[^\w.-]/g, '_');
  return NCNAME.test(cleaned) ? cleaned : `p${cleaned}`;
}

/** Hands out ids not yet used in a score: the wanted one, or it with "-2", "-3", … appended. */
export class IdAllocator {
  private used: Set<string> | undefined;
  /** per wanted id, the suffix to try next, so that taking many variants of one name stays linear */
  private readonly nextSuffix = new Map<string, number>();

  constructor(private readonly score: Score) {}

  /** allocator.take("P1-m3-v1-e2") → that id, or the first free variant of it ("P1-m3-v1-e2-2") */
  take(wanted: string): string {
    const used = (this.used ??= idsOf(this.score));
    const base = xmlName(wanted);
    let suffix = this.nextSuffix.get(base) ?? 1;
    let id = suffix === 1 ? base : `${base}-${suffix}`;
    while (used.has(id)) id = `${base}-${++suffix}`;
    this.nextSuffix.set(base, suffix + 1);
    used.add(id);
    return id;
  }
}

/** idsOf(score) → every id the score's measures, events and chord notes carry */
export function idsOf(score: Score): Set<string> {
  const ids = new Set<string>();
  for (const part of score.parts) {
    ids.add(part.id);
    for (const measure of part.measures) {
      if (measure.id) ids.add(measure.id);
      for (const voice of measure.voices) {
        for (const event of voice.events) {
          if (event.id) ids.add(event.id);
          if (event.kind === 'chord') for (const note of event.notes) if (note.id) ids.add(note.id);
        }
      }
    }
  }
  return ids;
}

/** measures found to have every id: scores share unchanged measure objects across versions, so each is checked once */
const measuresWithIds = new WeakSet<Measure>();

/**
 * hasEveryId(score) → true when every measure, event and chord note has an id: a score a Cadenza with ids
 * wrote, whose ids withIds (or an edit's allocator) made unique, so checking them again can be skipped.
 */
export function hasEveryId(score: Score): boolean {
  return score.parts.every((part) => part.measures.every(measureHasEveryId));
}

function measureHasEveryId(measure: Measure): boolean {
  if (measuresWithIds.has(measure)) return true;
  const complete =
    measure.id !== undefined &&
    measure.voices.every((voice) => voice.events.every((event) => event.id !== undefined && (event.kind !== 'chord' || event.notes.every((note) => note.id !== undefined))));
  if (complete) measuresWithIds.add(measure);
  return complete;
}

/** withIds(score) → the score with an id on every measure, event and chord note, all unique; the same object when nothing was missing */
export function withIds(score: Score): Score {
  const taken = new Set<string>(score.parts.map((part) => part.id));
  // per made id, the suffix to try next: a file repeating one id on every note stays linear
  const nextSuffix = new Map<string, number>();
  const claim = (given: string | undefined, made: () => string): string => {
    if (given && NCNAME.test(given) && !taken.has(given)) {
      taken.add(given);
      return given;
    }
    const base = made();
    let suffix = nextSuffix.get(base) ?? 1;
    let id = suffix === 1 ? base : `${base}-${suffix}`;
    while (taken.has(id)) id = `${base}-${++suffix}`;
    nextSuffix.set(base, suffix + 1);
    taken.add(id);
    return id;
  };
  let changed = false;
  const parts = score.parts.map((part) => {
    const updated = partWithIds(part, claim);
    if (updated !== part) changed = true;
    return updated;
  });
  return changed ? { ...score, parts } : score;
}

type Claim = (given: string | undefined, made: () => string) => string;

function partWithIds(part: Part, claim: Claim): Part {
  const prefix = xmlName(part.id);
  let changed = false;
  const measures = part.measures.map((measure, index) => {
    const base = `${prefix}-m${index + 1}`;
    const id = claim(measure.id, () => base);
    const voices = measure.voices.map((voice) => voiceWithIds(voice, `${base}-v${voice.id.replace(/[^\w.-]/g, '_')}`, claim));
    if (id === measure.id && voices.every((voice, at) => voice === measure.voices[at])) return measure;
    changed = true;
    return { ...measure, id, voices } satisfies Measure;
  });
  return changed ? { ...part, measures } : part;
}

function voiceWithIds(voice: Voice, base: string, claim: Claim): Voice {
  let changed = false;
  const events = voice.events.map((event, index) => {
    const updated = eventWithIds(event, `${base}-e${index + 1}`, claim);
    if (updated !== event) changed = true;
    return updated;
  });
  return changed ? { ...voice, events } : voice;
}

function eventWithIds(event: Event, made: string, claim: Claim): Event {
  const id = claim(event.id, () => made);
  if (event.kind !== 'chord') return id === event.id ? event : { ...event, id };
  const notes = event.notes.map((note, index): ChordNote => {
    const noteId = claim(note.id, () => `${id}-n${index + 1}`);
    return noteId === note.id ? note : { ...note, id: noteId };
  });
  if (id === event.id && notes.every((note, at) => note === event.notes[at])) return event;
  return { ...event, id, notes };
}
