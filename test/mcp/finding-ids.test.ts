/**
 * Every analysis finding names the notes it is about by id, beside its measure and beat: a property check over
 * corpus chorales (the repository's corpus/ folder) that each id is a note of the score, sounding at the time
 * the stated measure and beat name, with the pitch the finding says. The score is read here from the same file
 * the import reads, given ids the same way (ids made from positions are the same on every import).
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { withIds } from '../../src/core/ids.js';
import { pitchName } from '../../src/core/pitch.js';
import { add, toNumber } from '../../src/core/rational.js';
import type { Score } from '../../src/core/score.js';
import { readScore } from '../../src/formats/read-score.js';
import { connectToolClient, type ToolClient } from '../support/tool-client.js';

const CHORALES = ['bach/bwv66.6', 'bach/bwv269', 'bach/bwv40.8', 'bach/bwv153.1'];

interface WrittenNote {
  readonly start: number;
  readonly end: number;
  readonly pitch: string;
}

interface Chorale {
  readonly id: string;
  readonly notes: ReadonlyMap<string, WrittenNote>;
  /** the time (quarters) a printed measure number and 1-based beat name, worked out from the measures themselves */
  timeOf(measure: string, beat: number): number;
}

let client: ToolClient;
const chorales: Chorale[] = [];

beforeAll(async () => {
  client = await connectToolClient();
  for (const name of CHORALES) {
    const score = withIds(readScore(new Uint8Array(readFileSync(new URL(`../../corpus/${name}.mxl`, import.meta.url))), 'mxl').score);
    const { id } = await client.structured<{ id: string }>('import_score', { corpus: name });
    chorales.push({ id, notes: writtenNotes(score), timeOf: timeFinder(score) });
  }
}, 60_000);

function writtenNotes(score: Score): Map<string, WrittenNote> {
  const notes = new Map<string, WrittenNote>();
  for (const part of score.parts) {
    for (const measure of part.measures) {
      for (const voice of measure.voices) {
        for (const event of voice.events) {
          const start = add(measure.offset, event.offset);
          const place = { start: toNumber(start), end: toNumber(add(start, event.duration)) };
          if (event.kind === 'note') notes.set(event.id!, { ...place, pitch: pitchName(event.pitch) });
          if (event.kind === 'chord') for (const note of event.notes) notes.set(note.id!, { ...place, pitch: pitchName(note.pitch) });
        }
      }
    }
  }
  return notes;
}

/** these chorales count beats in quarters; a pickup's beats are counted from where a full bar would begin */
function timeFinder(score: Score): (measure: string, beat: number) => number {
  const measures = score.parts[0]!.measures;
  return (number, beat) => {
    const index = measures.findIndex((measure) => measure.number === number);
    expect(index, `measure ${number}`).toBeGreaterThanOrEqual(0);
    const measure = measures[index]!;
    const time = measures
      .slice(0, index + 1)
      .filter((earlier) => earlier.times?.length)
      .at(-1)?.times?.[0]?.value;
    const bar = Number(time?.beats ?? 4) * (4 / (time?.beatType ?? 4));
    const padding = index === 0 ? Math.max(0, bar - toNumber(measure.duration)) : 0;
    return toNumber(measure.offset) + (beat - 1) * (4 / (time?.beatType ?? 4)) - padding;
  };
}

function noteOf(chorale: Chorale, id: string): WrittenNote {
  const note = chorale.notes.get(id);
  expect(note, `${chorale.id}: ${id} is a note of the score`).toBeDefined();
  return note!;
}

const soundsAt = (note: WrittenNote, time: number) => note.start <= time + 1e-9 && time < note.end - 1e-9;
const close = (a: number, b: number) => Math.abs(a - b) < 1e-6;

describe('finding ids', () => {
  it('analyze_chords (ids: true): each chord names the notes sounding at its measure and beat, and they are its pitches', async () => {
    for (const chorale of chorales) {
      const { chords } = await client.structured<{ chords: { offsetQuarters: number; measure: string; beat: number; pitches: string[]; noteIds: string[] }[] }>('analyze_chords', { id: chorale.id, ids: true, maxChords: 5000 });
      expect(chords.length).toBeGreaterThan(20);
      for (const chord of chords) {
        const time = chorale.timeOf(chord.measure, chord.beat);
        expect(close(time, chord.offsetQuarters)).toBe(true);
        const notes = chord.noteIds.map((id) => noteOf(chorale, id));
        expect(notes.every((note) => soundsAt(note, time))).toBe(true);
        expect([...new Set(notes.map((note) => note.pitch))].sort()).toEqual([...new Set(chord.pitches)].sort());
      }
    }
  });

  it('analyze_harmony: each cadence names its approach and arrival notes; with ids: true each chord names its notes at its measure and beat', async () => {
    for (const chorale of chorales) {
      type Row = { offsetQuarters: number; measure: string; beat: number; noteIds: string[] };
      const { chords, cadences } = await client.structured<{ chords: Row[]; cadences: Row[] }>('analyze_harmony', { id: chorale.id, ids: true, maxChords: 5000 });
      for (const chord of chords) {
        const time = chorale.timeOf(chord.measure, chord.beat);
        expect(chord.noteIds.length).toBeGreaterThan(0);
        expect(chord.noteIds.every((id) => soundsAt(noteOf(chorale, id), time))).toBe(true);
      }
      expect(cadences.length).toBeGreaterThan(0);
      for (const cadence of cadences) {
        const arrival = chorale.timeOf(cadence.measure, cadence.beat);
        const approach = chords[chords.findIndex((chord) => close(chord.offsetQuarters, arrival)) - 1]!;
        expect(cadence.noteIds.some((id) => soundsAt(noteOf(chorale, id), arrival))).toBe(true);
        expect(cadence.noteIds.every((id) => soundsAt(noteOf(chorale, id), arrival) || soundsAt(noteOf(chorale, id), approach.offsetQuarters))).toBe(true);
      }
      // without ids: true the chords stay as they were, the cadences still name their notes
      const plain = await client.structured<{ chords: object[]; cadences: { noteIds: string[] }[] }>('analyze_harmony', { id: chorale.id });
      expect(plain.chords.every((chord) => !('noteIds' in chord))).toBe(true);
      expect(plain.cadences.every((cadence) => cadence.noteIds.length > 0)).toBe(true);
    }
  });

  it('analyze_voice_leading: each finding names notes of the score, one of them sounding at its measure and beat', async () => {
    let findings = 0;
    for (const chorale of chorales) {
      const result = await client.structured<{ findings: { offsetQuarters: number; measure: string; beat: number; noteIds: string[] }[] }>('analyze_voice_leading', { id: chorale.id, maxFindings: 5000 });
      for (const finding of result.findings) {
        const time = chorale.timeOf(finding.measure, finding.beat);
        expect(close(time, finding.offsetQuarters)).toBe(true);
        expect(finding.noteIds.map((id) => noteOf(chorale, id)).some((note) => soundsAt(note, time))).toBe(true);
        findings += 1;
      }
    }
    expect(findings).toBeGreaterThan(10);
  });

  it('find_patterns: each occurrence starts at its measure and beat on its first named note, with its start pitch; ids only when asked', async () => {
    for (const chorale of chorales) {
      type Occurrence = { offsetQuarters: number; measure: string; beat: number; startPitch: string; noteIds?: string[] };
      const { patterns } = await client.structured<{ patterns: { length: number; occurrences: Occurrence[] }[] }>('find_patterns', { id: chorale.id, ids: true });
      expect(patterns.length).toBeGreaterThan(0);
      for (const pattern of patterns) {
        for (const occurrence of pattern.occurrences) {
          const notes = occurrence.noteIds!.map((id) => noteOf(chorale, id));
          expect(notes.length).toBeGreaterThanOrEqual(pattern.length);
          expect(close(notes[0]!.start, chorale.timeOf(occurrence.measure, occurrence.beat))).toBe(true);
          expect(close(notes[0]!.start, occurrence.offsetQuarters)).toBe(true);
          expect(notes[0]!.pitch).toBe(occurrence.startPitch);
          expect(notes.every((note, index) => index === 0 || note.start >= notes[index - 1]!.start)).toBe(true);
        }
      }
      const plain = await client.structured<{ patterns: { occurrences: object[] }[] }>('find_patterns', { id: chorale.id });
      expect(plain.patterns.flatMap((pattern) => pattern.occurrences).every((occurrence) => !('noteIds' in occurrence) && 'measure' in occurrence)).toBe(true);
    }
  });

  it('analyze_melody: the lowest and highest notes, the climax and the widest leaps name their notes where they sound', async () => {
    for (const chorale of chorales) {
      for (const voice of [0, 3]) {
        type Place = { offsetQuarters: number; measure: string; beat: number; noteIds: string[] };
        const melody = await client.structured<{ range: { lowest: string; highest: string; lowestAt: Place; highestAt: Place }; climax: Place & { pitch: string }; widestLeaps: (Place & { from: string; to: string })[] }>(
          'analyze_melody',
          { id: chorale.id, voice },
        );
        const starting = (place: Place, pitch: string) => {
          const note = noteOf(chorale, place.noteIds[0]!);
          expect(close(note.start, chorale.timeOf(place.measure, place.beat))).toBe(true);
          expect(note.pitch).toBe(pitch);
        };
        starting(melody.range.lowestAt, melody.range.lowest);
        starting(melody.range.highestAt, melody.range.highest);
        starting(melody.climax, melody.climax.pitch);
        expect(melody.widestLeaps.length).toBeGreaterThan(0);
        for (const leap of melody.widestLeaps) {
          const notes = leap.noteIds.map((id) => noteOf(chorale, id));
          const arrival = chorale.timeOf(leap.measure, leap.beat);
          expect(notes[0]!.pitch).toBe(leap.from);
          expect(notes.some((note) => close(note.start, arrival) && note.pitch === leap.to)).toBe(true);
        }
      }
    }
  });
});
