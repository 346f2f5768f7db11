import { describe, expect, it } from 'vitest';
import { playbackNotes } from '../../src/core/playback.js';
import { isCadenzaError } from '../../src/core/errors.js';
import { trackBeats } from '../../src/transcribe/beats.js';
import { findMeter } from '../../src/transcribe/meter.js';
import { beatPosition, keyFifths, notesToScore, quantize } from '../../src/transcribe/notes-to-score.js';
import type { TimedNote } from '../../src/transcribe/timed-note.js';

/** notes from (beat, length in beats, MIDI key), at a tempo, each start and end nudged by a repeatable jitter */
function performed(notes: readonly [number, number, number][], beatsPerMinute: number, jitterSeconds = 0): TimedNote[] {
  const beat = 60 / beatsPerMinute;
  return notes.map(([start, length, midi], index) => {
    const nudge = jitterSeconds * Math.sin(index * 12.9898);
    return { start: 1 + start * beat + nudge, end: 1 + (start + length) * beat - 0.03 + nudge, midi, amplitude: 0.6 };
  });
}

/** a melody over a bass in C major, four bars of 4/4: half notes in the bass, quarters and eighths above */
const IN_C: [number, number, number][] = [
  ...[60, 62, 64, 65, 67, 69, 71, 72, 71, 69, 67, 65, 64, 62].map((midi, index): [number, number, number] => (index < 8 ? [index, 1, midi + 12] : [8 + (index - 8) * 0.5, 0.5, midi + 12])),
  [11, 1, 74], [12, 4, 72],
  [0, 2, 48], [2, 2, 43], [4, 2, 48], [6, 2, 43], [8, 2, 48], [10, 2, 43], [12, 4, 36],
];

describe('beat tracking', () => {
  it('finds the beat of notes played at 100 beats a minute, on the onsets', () => {
    const beats = trackBeats(performed(IN_C, 100, 0.01));
    expect(beats.beatsPerMinute).toBeGreaterThan(97);
    expect(beats.beatsPerMinute).toBeLessThan(103);
    const nearest = (time: number) => Math.min(...beats.times.map((beat) => Math.abs(beat - time)));
    for (const beat of [0, 2, 4, 8]) expect(nearest(1 + beat * 0.6)).toBeLessThan(0.03);
  });

  it('places a time between the beats around it', () => {
    expect(beatPosition(1.25, [0.5, 1, 1.5])).toBe(1.5);
    expect(beatPosition(0.25, [0.5, 1, 1.5])).toBe(-0.5);
  });
});

describe('quantization', () => {
  it('snaps notes played up to 20 ms early or late onto the sixteenth grid, and joins a key struck twice at once', () => {
    const notes = performed([[0, 1, 60], [1, 0.5, 62], [1.5, 0.5, 64], [2, 2, 65]], 120, 0.02);
    const beats = [1, 1.5, 2, 2.5, 3, 3.5];
    const onGrid = quantize([...notes, { ...notes[0]!, start: notes[0]!.start + 0.01 }], beats);
    expect(onGrid.map((note) => [note.start, note.end, note.midi])).toEqual([[0, 1, 60], [1, 1.5, 62], [1.5, 2, 64], [2, 4, 65]]);
  });

  it('keeps to eighths where the music moves in eighths, so a note ending a sixteenth early keeps its length', () => {
    const onGrid = quantize([{ start: 1, end: 1.4, midi: 60, amplitude: 1 }, { start: 1.5, end: 2, midi: 62, amplitude: 1 }], [1, 1.5, 2, 2.5]);
    expect(onGrid.map((note) => [note.start, note.end])).toEqual([[0, 1], [1, 2]]);
  });

  it('takes the sixteenth grid where the music has sixteenths', () => {
    const run = [0, 0.25, 0.5, 0.75, 1].map((beat) => ({ start: 1 + beat * 0.5, end: 1 + beat * 0.5 + 0.12, midi: 60 + beat * 4, amplitude: 1 }));
    expect(quantize(run, [1, 1.5, 2, 2.5]).map((note) => [note.start, note.end])).toEqual([[0, 0.25], [0.25, 0.5], [0.5, 0.75], [0.75, 1], [1, 1.25]]);
  });

  it('cuts a note where the same key is struck again', () => {
    const onGrid = quantize([{ start: 1, end: 2.2, midi: 60, amplitude: 1 }, { start: 1.5, end: 2, midi: 60, amplitude: 1 }], [1, 1.5, 2, 2.5]);
    expect(onGrid.map((note) => [note.start, note.end])).toEqual([[0, 1], [1, 2]]);
  });
});

describe('meter', () => {
  it('hears three beats in a bar where the long notes and the bass come every third beat', () => {
    const waltz = Array.from({ length: 8 }, (_, bar): [number, number, number][] => [[bar * 3, 2, 48 + (bar % 2) * 5], [bar * 3, 1, 67], [bar * 3 + 1, 1, 64], [bar * 3 + 2, 1, 65]]).flat();
    expect(findMeter(waltz.map(([start, length, midi]) => ({ start, end: start + length, midi })))).toEqual({ beatsPerBar: 3, pickupBeats: 0 });
  });

  it('hears four beats in a bar after a one-beat pickup', () => {
    const pickup = IN_C.map(([start, length, midi]) => ({ start: start + 1, end: start + 1 + length, midi }));
    expect(findMeter([{ start: 0, end: 1, midi: 67 }, ...pickup])).toEqual({ beatsPerBar: 4, pickupBeats: 1 });
  });

  it('falls back to 4/4 without a pickup when there is nothing to weigh', () => {
    expect(findMeter([])).toEqual({ beatsPerBar: 4, pickupBeats: 0 });
  });
});

describe('notesToScore', () => {
  it('writes four bars in C major and 4/4 on two staves, every note in its place', () => {
    const transcription = notesToScore(performed(IN_C, 120, 0.015), 'Scale');
    expect(transcription).toMatchObject({ meter: '4/4', key: 'C major', quarterBpm: 120, notes: IN_C.length });
    const [upper, lower] = transcription.score.parts;
    expect([upper!.name, lower!.name]).toEqual(['Upper', 'Lower']);
    expect(upper!.measures[0]!.clefs?.[0]?.value.sign).toBe('G');
    expect(lower!.measures[0]!.clefs?.[0]?.value.sign).toBe('F');
    expect(upper!.measures).toHaveLength(4);
    const { notes } = playbackNotes(transcription.score);
    const heard = [];
    for (let index = 0; index < notes.length; index += 4) heard.push([notes[index], notes[index + 1], notes[index + 2]]);
    expect(heard.sort(byTime)).toEqual(IN_C.map(([start, length, midi]) => [start, length, midi]).sort(byTime));
  });

  it('writes a waltz heard at 140 beats a minute in 3/4, its bars starting on the long notes', () => {
    const waltz = Array.from({ length: 8 }, (_, bar): [number, number, number][] => [[bar * 3, 3, 45 + (bar % 2) * 7], [bar * 3, 2, 69 + (bar % 2) * 2], [bar * 3 + 2, 1, 72], [bar * 3 + 1, 1, 60], [bar * 3 + 2, 1, 64]]).flat();
    const transcription = notesToScore(performed([[0, 1, 76], ...waltz.map(([start, length, midi]): [number, number, number] => [start + 1, length, midi])], 140, 0.01));
    expect(transcription.meter).toBe('3/4');
    const [upper] = transcription.score.parts;
    expect(upper!.measures[0]!.times?.[0]?.value).toMatchObject({ beats: '3', beatType: 4 });
    // the one-beat pickup fills the first bar's last beat; the second bar starts on the first long note
    const { notes } = playbackNotes(transcription.score);
    const lengthAt = (start: number) => Math.max(...Array.from({ length: notes.length / 4 }, (_, index) => (notes[index * 4] === start ? notes[index * 4 + 1]! : 0)));
    expect(lengthAt(3)).toBe(3);
  });

  it('spells the notes in the key it finds: F sharp in G major, not G flat', () => {
    const inG = IN_C.map(([start, length, midi]): [number, number, number] => [start, length, midi + 7]);
    const transcription = notesToScore(performed(inG, 90), 'In G');
    expect(transcription.key).toBe('G major');
    const steps = transcription.score.parts.flatMap((part) => part.measures.flatMap((measure) => measure.voices.flatMap((voice) => voice.events)))
      .flatMap((event) => (event.kind === 'note' ? [event.pitch] : event.kind === 'chord' ? event.notes.map((note) => note.pitch) : []))
      .filter((pitch) => pitch.midi % 12 === 6);
    expect(steps.length).toBeGreaterThan(0);
    expect(steps.every((pitch) => pitch.step === 'F' && pitch.alter === 1)).toBe(true);
  });

  it('finds A minor where its leading tone is heard, and spells that tone G sharp', () => {
    const inA: [number, number, number][] = [
      ...[69, 71, 72, 74, 76, 77, 80, 81, 80, 76, 74, 72, 71, 69].map((midi, index): [number, number, number] => [index, 1, midi]),
      [14, 2, 69],
      ...[45, 40, 45, 40, 41, 40, 45, 45].map((midi, index): [number, number, number] => [index * 2, 2, midi]),
    ];
    const transcription = notesToScore(performed(inA, 100), 'In A minor');
    expect(transcription.key).toBe('A minor');
    const sharps = transcription.score.parts.flatMap((part) => part.measures.flatMap((measure) => measure.voices.flatMap((voice) => voice.events)))
      .flatMap((event) => (event.kind === 'note' ? [event.pitch] : event.kind === 'chord' ? event.notes.map((note) => note.pitch) : []))
      .filter((pitch) => pitch.midi % 12 === 8);
    expect(sharps.length).toBeGreaterThan(0);
    expect(sharps.every((pitch) => pitch.step === 'G' && pitch.alter === 1)).toBe(true);
  });

  it('refuses an empty list of notes with PARSE_FAILED', () => {
    expect(() => notesToScore([])).toThrow(expect.objectContaining({ code: 'PARSE_FAILED' }));
    try {
      notesToScore([]);
    } catch (error) {
      expect(isCadenzaError(error)).toBe(true);
    }
  });
});

describe('keyFifths', () => {
  it('counts the sharps and flats of a key from its tonic and mode', () => {
    expect([keyFifths('C', 'major'), keyFifths('Bb', 'major'), keyFifths('F#', 'minor'), keyFifths('E-', 'minor'), keyFifths('C#', 'major')]).toEqual([0, -2, 3, -6, 7]);
  });
});

function byTime(a: (number | undefined)[], b: (number | undefined)[]): number {
  return a[0]! - b[0]! || a[2]! - b[2]!;
}
