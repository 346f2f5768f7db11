import { readFileSync } from 'node:fs';
import toneMidi from '@tonejs/midi';
import { parseMidi } from 'midi-file';
import { describe, expect, it } from 'vitest';
import { heardNotes } from '../../../src/core/notes.js';
import { formatRational, sub, toNumber } from '../../../src/core/rational.js';
import { scoreEnd } from '../../../src/core/summary.js';
import { unfoldRepeats } from '../../../src/core/unfold.js';
import { readMidi } from '../../../src/formats/midi/read.js';
import { TICKS_PER_QUARTER, writeMidi } from '../../../src/formats/midi/write.js';
import { readMusicXml } from '../../../src/formats/musicxml/read.js';
import { TEST_SCORES, music21References } from '../../support/corpus.js';

const { Midi } = toneMidi;
const notesOf = (part: Parameters<typeof heardNotes>[0]) => heardNotes(part).map((note) => `${formatRational(note.start)}+${formatRational(sub(note.end, note.start))}:${note.pitch.midi}`);
const files = [...music21References().values()].filter((reference) => /\.(mxl|xml)$/.test(reference.path)).map((reference) => reference.path);

describe('writeMidi', () => {
  it('round-trips every MusicXML file of the corpus: MusicXML → MIDI → score keeps pitches, onsets and durations', () => {
    const differing = files.filter((path) => {
      const score = readMusicXml(readFileSync(`${TEST_SCORES}${path}`)).score;
      const expected = unfoldRepeats(score).parts.map(notesOf).filter((notes) => notes.length > 0);
      const back = readMidi(writeMidi(score)).score.parts.map(notesOf);
      return JSON.stringify(expected) !== JSON.stringify(back);
    });
    expect(differing).toEqual([]);
  });

  it('writes files a second, independent parser reads the same way', () => {
    const score = readMusicXml(readFileSync(`${TEST_SCORES}bach/bwv269.mxl`)).score;
    const parsed = new Midi(writeMidi(score));
    expect(parsed.header.ppq).toBe(TICKS_PER_QUARTER);
    expect(parsed.header.timeSignatures[0]?.timeSignature).toEqual([3, 4]);
    expect(parsed.header.keySignatures[0]).toMatchObject({ key: 'G', scale: 'major' });
    const voices = parsed.tracks.filter((track) => track.notes.length > 0);
    expect(voices.map((track) => track.name)).toEqual(score.parts.map((part) => part.name));
    const unfolded = unfoldRepeats(score);
    expect(voices.map((track) => track.notes.length)).toEqual(unfolded.parts.map((part) => heardNotes(part).length));
  });

  it('lasts as long as the score, a closing rest included, in every track, by an independent parser', () => {
    // ten corpus files end in a rest after their last note (bwv330, two-voices.xml, Mozart's K. 156 …)
    const wrong = files.flatMap((path) => {
      const score = unfoldRepeats(readMusicXml(readFileSync(`${TEST_SCORES}${path}`)).score);
      const tracks = parseMidi(writeMidi(score, { unfoldRepeats: false })).tracks;
      const quarters = tracks.map((track) => track.reduce((ticks, event) => ticks + event.deltaTime, 0) / TICKS_PER_QUARTER);
      return quarters.every((length) => length === toNumber(scoreEnd(score))) ? [] : [`${path}: ${quarters.join(', ')} quarters, score ${toNumber(scoreEnd(score))}`];
    });
    expect(wrong).toEqual([]);
  });

  it('keeps repeats as written when asked', () => {
    const score = readMusicXml(readFileSync(`${TEST_SCORES}bach/bwv269.mxl`)).score;
    const asWritten = readMidi(writeMidi(score, { unfoldRepeats: false })).score;
    expect(notesOf(asWritten.parts[0]!)).toEqual(notesOf(score.parts[0]!));
  });
});
