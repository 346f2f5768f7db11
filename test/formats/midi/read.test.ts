import { readFileSync } from 'node:fs';
import { writeMidi } from 'midi-file';
import { describe, expect, it } from 'vitest';
import { heardNotes } from '../../../src/core/notes.js';
import { isCadenzaError } from '../../../src/core/errors.js';
import { pitchName } from '../../../src/core/pitch.js';
import { formatRational, sub } from '../../../src/core/rational.js';
import { spellMidi } from '../../../src/core/spelling.js';
import { unfoldRepeats } from '../../../src/core/unfold.js';
import { readMidi } from '../../../src/formats/midi/read.js';
import { snapToGrid } from '../../../src/formats/midi/quantize.js';
import { readMusicXml } from '../../../src/formats/musicxml/read.js';
import { TEST_CORPUS } from '../../support/corpus.js';

const heard = (part: Parameters<typeof heardNotes>[0]) => heardNotes(part).map((note) => `${formatRational(note.start)}+${formatRational(sub(note.end, note.start))}:${pitchName(note.pitch)}`);

/** a one-track MIDI file from [key, start, end] in ticks at 480 per quarter */
function midiOf(notes: [number, number, number][], meta: object[] = []): Uint8Array {
  const events = notes.flatMap(([key, start, end]) => [
    { tick: start, event: { type: 'noteOn', channel: 0, noteNumber: key, velocity: 80 } },
    { tick: end, event: { type: 'noteOff', channel: 0, noteNumber: key, velocity: 0 } },
  ]).sort((a, b) => a.tick - b.tick || (a.event.type === 'noteOff' ? -1 : 1));
  let previous = 0;
  const timed = [...meta.map((event) => ({ deltaTime: 0, ...event })), ...events.map(({ tick, event }) => {
    const delta = tick - previous;
    previous = tick;
    return { deltaTime: delta, ...event };
  })];
  return new Uint8Array(writeMidi({ header: { format: 0, numTracks: 1, ticksPerBeat: 480 }, tracks: [[...timed, { deltaTime: 0, meta: true, type: 'endOfTrack' }]] } as never));
}

describe('readMidi', () => {
  it('imports every MIDI file of the corpus with the notes of its unfolded MusicXML original', () => {
    const pairs = readFileSync(`${TEST_CORPUS}midi/index.tsv`, 'utf8').trim().split('\n').map((line) => line.split('\t') as [string, string]);
    const identical = pairs.filter(([midi, xml]) => {
      const score = unfoldRepeats(readMusicXml(readFileSync(`${TEST_CORPUS}${xml}`)).score);
      const imported = readMidi(readFileSync(`${TEST_CORPUS}${midi}`)).score;
      return imported.parts.length === score.parts.length && score.parts.every((part, index) => JSON.stringify(heard(part)) === JSON.stringify(heard(imported.parts[index]!)));
    });
    expect(identical.length / pairs.length).toBeGreaterThanOrEqual(0.95);
    expect(identical).toHaveLength(pairs.length);
  });

  it('keeps triplets on their own grid and splits a note held across a barline into a tie', () => {
    const third = 160;
    const { score } = readMidi(midiOf([[60, 0, third], [62, third, 2 * third], [64, 2 * third, 480], [67, 1440, 2400]], [{ meta: true, type: 'timeSignature', numerator: 4, denominator: 4, metronome: 24, thirtyseconds: 8 }]));
    expect(heard(score.parts[0]!)).toEqual(['0+1/3:C4', '1/3+1/3:D4', '2/3+1/3:E4', '3+2:G4']);
    const [first, second] = score.parts[0]!.measures;
    expect(first!.voices[0]!.events.at(-1)).toMatchObject({ tie: 'start' });
    expect(second!.voices[0]!.events[0]).toMatchObject({ tie: 'stop' });
  });

  it('separates overlapping lines into voices and spells from the key signature', () => {
    const { score } = readMidi(midiOf([[70, 0, 960], [62, 0, 480], [63, 480, 960]], [{ meta: true, type: 'keySignature', key: -2, scale: 0 }]));
    const measure = score.parts[0]!.measures[0]!;
    expect(measure.voices).toHaveLength(2);
    expect(heard(score.parts[0]!)).toEqual(['0+1:D4', '0+2:Bb4', '1+1:Eb4']);
  });

  it('pairs repeated note-ons of a sounding key with the note-offs first in, first out: two voices in unison', () => {
    // A keyboard cannot strike a held key again, so on-on-off-off comes from a program writing two voices on one
    // pitch (Cadenza's own MIDI export does): each note-on is a note, held to its own note-off.
    const unison = readMidi(midiOf([[60, 0, 960], [60, 480, 1440]])).score;
    expect(heard(unison.parts[0]!)).toEqual(['0+2:C4', '1+2:C4']);
  });

  it('refuses truncated files, absurd divisions and endless notes with clear errors', () => {
    const bytes = readFileSync(`${TEST_CORPUS}midi/bwv269.mid`);
    const failure = (input: Uint8Array) => {
      try {
        readMidi(input);
      } catch (error) {
        return isCadenzaError(error) ? error.code : String(error);
      }
      return 'read';
    };
    expect(failure(bytes.subarray(0, 10))).toBe('PARSE_FAILED');
    expect(failure(new TextEncoder().encode('not midi at all'))).toBe('PARSE_FAILED');
    expect(failure(midiOf([[60, 0, 480 * 300_000]]))).toBe('LIMIT_EXCEEDED');
    expect(failure(midiOf([]))).toBe('PARSE_FAILED');
    expect(readMidi(midiOf([[60, 0, 480]]), { maxNotes: 10 }).score.parts).toHaveLength(1);
  });

  it('never throws anything but a CadenzaError on damaged files', () => {
    const source = readFileSync(`${TEST_CORPUS}midi/bwv269.mid`);
    let seed = 3;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let round = 0; round < 1000; round++) {
      const mutant = new Uint8Array(source);
      for (let edit = 0; edit < 1 + Math.floor(random() * 4); edit++) mutant[Math.floor(random() * mutant.length)] = Math.floor(random() * 256);
      try {
        readMidi(random() < 0.2 ? mutant.subarray(0, Math.floor(random() * mutant.length)) : mutant);
      } catch (error) {
        if (!isCadenzaError(error)) throw new Error(`round ${round}: ${String(error)}`);
      }
    }
  }, 120_000);
});

describe('spelling and quantization', () => {
  it('spells chromatic notes from the key, not all sharps', () => {
    expect([spellMidi(68, 0), spellMidi(70, 0), spellMidi(63, 0), spellMidi(61, 0), spellMidi(65, 6), spellMidi(71, -6)].map(pitchName)).toEqual(['G#4', 'Bb4', 'Eb4', 'C#4', 'E#4', 'Cb5']);
  });

  it('picks the coarsest grid that fits, and snaps a performance', () => {
    expect(snapToGrid([0, 240, 480, 960], 480).divisionsPerQuarter).toBe(2);
    expect(snapToGrid([0, 160, 320, 480], 480).divisionsPerQuarter).toBe(3);
    const played = snapToGrid([3, 244, 478, 962], 480);
    expect(played.divisionsPerQuarter).toBe(2);
    expect(formatRational(played.quarters(244))).toBe('1/2');
  });
});
