/**
 * A score being edited, copied on write: only the parts, measures and voices an operation changes are
 * copied, so an edit of a few notes in a long score costs little and the new version shares every
 * unchanged measure with the old one (which keeps version deltas small, see core/score-delta.ts).
 */
import { CadenzaError } from '../core/errors.js';
import { IdAllocator, xmlName } from '../core/ids.js';
import type { Event, Measure, Part, Score, Voice } from '../core/score.js';

type Writable<T> = { -readonly [Key in keyof T]: T[Key] };

/** a measure being edited: its fields and its voices' event lists may be changed in place */
export interface DraftMeasure extends Omit<Writable<Measure>, 'voices'> {
  voices: DraftVoice[];
}

export interface DraftVoice extends Omit<Voice, 'events'> {
  events: Event[];
}

/** where an id was found: part and measure index, and the voice and event index inside the measure */
export interface Found {
  readonly part: number;
  readonly measure: number;
  readonly voice: number;
  readonly event: number;
  /** for a chord note, its index in the chord */
  readonly note?: number;
}

export class ScoreDraft {
  readonly parts: Part[];
  readonly ids: IdAllocator;
  /** measures copied for editing, which validation checks */
  readonly edited = new Set<DraftMeasure>();
  /** set when measures were inserted, deleted or changed length: offsets and numbers are laid out again */
  structureChanged = false;
  /** set when measures changed order: they are numbered again even though their count stayed */
  reordered = false;
  private readonly copiedParts = new Set<number>();
  /** every id of the original score → the measure holding it (the original object) */
  private index: Map<string, Measure> | undefined;
  private readonly copies = new Map<Measure, DraftMeasure>();
  private readonly originals = new Map<DraftMeasure, Measure>();

  constructor(private readonly original: Score) {
    this.parts = [...original.parts];
    this.ids = new IdAllocator(original);
  }

  /** the measure, copied for editing on first use */
  measure(partIndex: number, measureIndex: number): DraftMeasure {
    const measures = this.measuresOf(partIndex);
    const current = measures[measureIndex]!;
    if (this.edited.has(current as DraftMeasure)) return current as DraftMeasure;
    const copy: DraftMeasure = { ...current, voices: current.voices.map((voice) => ({ ...voice, events: [...voice.events] })) };
    measures[measureIndex] = copy as Measure;
    this.copies.set(current, copy);
    this.originals.set(copy, current);
    this.edited.add(copy);
    return copy;
  }

  /** the part's measure list, copied for editing on first use */
  measuresOf(partIndex: number): Measure[] {
    const part = this.parts[partIndex]!;
    if (!this.copiedParts.has(partIndex)) {
      this.parts[partIndex] = { ...part, measures: [...part.measures] };
      this.copiedParts.add(partIndex);
    }
    return this.parts[partIndex]!.measures as Measure[];
  }

  /** records that an id now lives in a draft measure (a new note) */
  remember(id: string, measure: DraftMeasure): void {
    this.indexOf().set(id, measure as Measure);
  }

  /** where the note, chord, rest or chord note with this id is now; INVALID_EDIT when there is none */
  find(id: string): Found {
    const guessed = this.guess(id);
    if (guessed) return guessed;
    const holder = this.indexOf().get(id);
    const current = holder && ((this.copies.get(holder) as Measure | undefined) ?? holder);
    for (let part = 0; current && part < this.parts.length; part++) {
      const measure = this.parts[part]!.measures.indexOf(current);
      if (measure < 0) continue;
      const found = findInMeasure(current, id);
      if (found) return { part, measure, ...found };
    }
    throw new CadenzaError('INVALID_EDIT', `No note, chord or rest has the id "${id}" (any more).`, { hint: 'Use the ids analysis tools and read tools give; a deleted note has no id any more.' });
  }

  /** the measure as it was before the edit (undefined for an inserted one) */
  originalOf(measure: DraftMeasure): Measure | undefined {
    return this.originals.get(measure);
  }

  toScore(): Score {
    return { ...this.original, parts: this.parts };
  }

  /**
   * An id made from its position ("P2-m500-v1-e3") usually still names where it is: one measure is
   * looked at before the whole score is indexed (which costs milliseconds on a long score).
   */
  private guess(id: string): Found | undefined {
    const match = /^(.+)-m(\d+)-/.exec(id);
    if (!match) return undefined;
    const part = this.parts.findIndex((candidate) => xmlName(candidate.id) === match[1]);
    const measure = Number(match[2]) - 1;
    const holder = this.parts[part]?.measures[measure];
    const found = holder && findInMeasure(holder, id);
    return found && { part, measure, ...found };
  }

  private indexOf(): Map<string, Measure> {
    if (this.index) return this.index;
    const index = new Map<string, Measure>();
    for (const part of this.original.parts) {
      for (const measure of part.measures) {
        for (const voice of measure.voices) {
          for (const event of voice.events) {
            if (event.id) index.set(event.id, measure);
            if (event.kind === 'chord') for (const note of event.notes) if (note.id) index.set(note.id, measure);
          }
        }
      }
    }
    this.index = index;
    return index;
  }
}

function findInMeasure(measure: Measure, id: string): Omit<Found, 'part' | 'measure'> | undefined {
  for (let voice = 0; voice < measure.voices.length; voice++) {
    const events = measure.voices[voice]!.events;
    for (let event = 0; event < events.length; event++) {
      const candidate = events[event]!;
      if (candidate.id === id) return { voice, event };
      if (candidate.kind !== 'chord') continue;
      const note = candidate.notes.findIndex((member) => member.id === id);
      if (note >= 0) return { voice, event, note };
    }
  }
  return undefined;
}
